/**
 * Carries worksheet drawings (pictures, shapes, text boxes, charts) from the package a workbook was
 * loaded from into the package ExcelJS wrote: each drawing part and every part it reaches (charts,
 * their styles, pictures) is copied byte for byte under a fresh name, and the sheet of the same name
 * in the output is pointed at the copy. ExcelJS keeps only plain pictures and renders them again;
 * where it wrote a drawing of its own for a sheet, the copy replaces it. Anchors stay valid because
 * no change the port describes inserts or deletes rows or columns.
 */
import JSZip from "jszip";
import {
  attributeLocal,
  attributes,
  basename,
  contentTypeOf,
  dirname,
  encodeXml,
  entryIndex,
  parseContentTypes,
  parseRelationships,
  readText,
  relationshipsOf,
  relativeTarget,
  relKind,
  relsPath,
  renderRelationships,
  resolvePart,
  tagsNamed,
  type Relationship,
} from "./opc";
import type { DefinedNameEntry, DrawingInfo } from "./package-parts";

const DRAWING_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";

/** Worksheet elements that follow `<drawing>` in the schema's order. */
const AFTER_DRAWING = [
  "legacyDrawing",
  "legacyDrawingHF",
  "drawingHF",
  "picture",
  "oleObjects",
  "controls",
  "webPublishItems",
  "tableParts",
  "extLst",
];

export interface CarryOver {
  /** Drawings to copy, each onto the sheet of the same name. */
  drawings: DrawingInfo[];
  /** Workbook settings ExcelJS drops (structure protection, read-only recommendation), as written. */
  workbookTags: string[];
  /** The original defined names, when ExcelJS would get some wrong (see `PackageInventory`). */
  definedNames: DefinedNameEntry[];
  /** Names a command defined: its version stands. */
  commandNames: ReadonlySet<string>;
  /** Whether a sheet of the original is still there as it was (not deleted or replaced). */
  keeps: (sheet: string) => boolean;
  /** Write the result uncompressed (the caller compresses it); deflated at level 6 otherwise. */
  stored?: boolean;
}

/**
 * Puts into `written` (what ExcelJS wrote) what it could not write of `original`: the drawings
 * listed, the workbook settings it drops, and the defined names as they were.
 */
export async function carryOver(original: Uint8Array, written: Uint8Array, what: CarryOver): Promise<Uint8Array> {
  const { drawings, workbookTags } = what;
  if (drawings.length === 0 && workbookTags.length === 0 && what.definedNames.length === 0) return written;
  const src = await JSZip.loadAsync(original);
  const out = await JSZip.loadAsync(written);
  const srcIndex = entryIndex(src);
  const srcTypes = parseContentTypes((await readText(srcIndex, "[Content_Types].xml")) ?? "");
  let typesXml = (await readText(entryIndex(out), "[Content_Types].xml")) ?? "";
  const taken = new Set(Object.keys(out.files).map((n) => n.toLowerCase()));
  const copied = new Map<string, string>();
  const overrides: string[] = [];
  const dropped: string[] = [];

  const freshName = (part: string): string => {
    const dir = dirname(part);
    const base = basename(part);
    for (let n = 1; ; n++) {
      const name = `${dir}/ptsheet${n}_${base}`;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  };

  /** Copies a part and what it reaches; returns its name in the output. */
  const copy = async (part: string): Promise<string> => {
    const known = copied.get(part.toLowerCase());
    if (known) return known;
    const entry = srcIndex.get(part.toLowerCase());
    if (!entry) throw new Error(`carry-over: part ${part} is missing`);
    const name = freshName(part);
    copied.set(part.toLowerCase(), name);
    out.file(name, await entry.async("uint8array"));
    const type = contentTypeOf(srcTypes, part);
    if (type) overrides.push(`<Override PartName="/${encodeXml(name)}" ContentType="${encodeXml(type)}"/>`);
    const rels = await relationshipsOf(srcIndex, part);
    if (rels.length > 0) {
      const next: Relationship[] = [];
      for (const r of rels) {
        if (r.part === null) next.push({ id: r.id, type: r.type, target: r.target, external: true });
        else
          next.push({
            id: r.id,
            type: r.type,
            target: relativeTarget(dirname(name), await copy(r.part)),
            external: false,
          });
      }
      out.file(relsPath(name), renderRelationships(next));
    }
    return name;
  };

  const outIndex = entryIndex(out);
  let workbookXml = (await readText(outIndex, "xl/workbook.xml")) ?? "";
  if (workbookTags.length > 0) workbookXml = insertWorkbookTags(workbookXml, workbookTags);
  if (what.definedNames.length > 0) workbookXml = mergeDefinedNames(workbookXml, what);
  if (workbookTags.length > 0 || what.definedNames.length > 0) out.file("xl/workbook.xml", workbookXml);
  const workbookRels = await relationshipsOf(outIndex, "xl/workbook.xml");
  const sheetPart = new Map<string, string>();
  for (const tag of tagsNamed(workbookXml, "sheet")) {
    const a = attributes(tag);
    const rel = workbookRels.find((r) => r.id === attributeLocal(a, "id", true));
    if (rel?.part && a.name !== undefined) sheetPart.set(a.name, rel.part);
  }

  for (const d of drawings) {
    const sheet = sheetPart.get(d.sheet);
    if (!sheet) throw new Error(`carry-over: sheet ${d.sheet} is not in the written workbook`);
    const drawing = await copy(d.path);
    const target = relativeTarget(dirname(sheet), drawing);
    let sheetXml = (await readText(outIndex, sheet)) ?? "";
    const relsXml = await readText(outIndex, relsPath(sheet));
    const rels = relsXml === null ? [] : parseRelationships(relsXml);
    const existing = tagsNamed(sheetXml, "drawing")[0];
    const existingId = existing ? attributeLocal(attributes(existing), "id", true) : null;
    const own = existingId === null ? undefined : rels.find((r) => r.id === existingId);
    if (own) {
      // ExcelJS rendered the sheet's pictures again: the original drawing replaces its rendering.
      dropped.push(...(own.external ? [] : [own.target]).map((t) => resolvePart(dirname(sheet), t)));
      own.target = target;
    } else {
      let id = "rIdPtsheetDrawing";
      for (let n = 1; rels.some((r) => r.id === id); n++) id = `rIdPtsheetDrawing${n}`;
      rels.push({ id, type: DRAWING_REL, target, external: false });
      sheetXml = insertDrawing(sheetXml, id);
      out.file(sheet, sheetXml);
    }
    out.file(relsPath(sheet), renderRelationships(rels));
  }

  // ExcelJS's own rendering of a replaced drawing goes, and the pictures only it used.
  const pictures = new Set<string>();
  for (const part of dropped) {
    for (const r of await relationshipsOf(outIndex, part))
      if (r.part && relKind(r.type) === "image") pictures.add(r.part);
    out.remove(part);
    out.remove(relsPath(part));
    typesXml = typesXml.replace(new RegExp(`<Override PartName="/${escapeRe(part)}"[^>]*/>`, "i"), "");
  }
  if (pictures.size > 0) {
    const used = new Set<string>();
    for (const name of Object.keys(out.files)) {
      if (!name.endsWith(".rels") || out.files[name].dir) continue;
      const owner = name.replace(/_rels\/([^/]+)\.rels$/, "$1");
      for (const r of parseRelationships(await out.files[name].async("string")))
        if (!r.external) used.add(resolvePart(dirname(owner), r.target).toLowerCase());
    }
    for (const p of pictures) if (!used.has(p.toLowerCase())) out.remove(p);
  }
  typesXml = typesXml.replace("</Types>", `${overrides.join("")}</Types>`);
  out.file("[Content_Types].xml", typesXml);
  return what.stored
    ? out.generateAsync({ type: "uint8array", compression: "STORE" })
    : out.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The defined names of the written workbook rebuilt: every original name as written (its sheet
 * scope renumbered to the sheets' new order; dropped with its sheet), then the names ExcelJS
 * manages itself (`_xlnm.Print_Area`, `_xlnm.Print_Titles`) and those a command defined.
 */
function mergeDefinedNames(xml: string, what: CarryOver): string {
  const sheetNames = tagsNamed(xml.slice(0, xml.search(/<\/(?:\w+:)?sheets>/) + 1), "sheet").map(
    (t) => attributes(t).name ?? "",
  );
  const block = /<(?:\w+:)?definedNames\b[^>]*(?:\/>|>[\s\S]*?<\/(?:\w+:)?definedNames>)/.exec(xml);
  const written = block
    ? [...block[0].matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)].map((m) => {
        const a = attributes(`<x${m[1]}>`);
        const local = a.localSheetId === undefined ? null : (sheetNames[Number(a.localSheetId)] ?? null);
        return { name: a.name ?? "", sheet: local, raw: m[0] };
      })
    : [];
  const out: string[] = [];
  for (const e of what.definedNames) {
    if (what.commandNames.has(e.name)) continue;
    if (e.sheet !== null && (!what.keeps(e.sheet) || !sheetNames.includes(e.sheet))) continue;
    if (e.name.startsWith("_xlnm.") && written.some((w) => w.name === e.name && w.sheet === e.sheet)) continue;
    const scope = e.sheet === null ? "" : ` localSheetId="${sheetNames.indexOf(e.sheet)}"`;
    out.push(`<definedName name="${encodeXml(e.name)}"${scope}${e.attrs}>${e.value}</definedName>`);
  }
  for (const w of written) if (w.name.startsWith("_xlnm.") || what.commandNames.has(w.name)) out.push(w.raw);
  const rendered = out.length === 0 ? "" : `<definedNames>${out.join("")}</definedNames>`;
  if (block) return xml.slice(0, block.index) + rendered + xml.slice(block.index + block[0].length);
  // No names written: they go after the sheets (and any external references), before calcPr.
  const after = /<\/(?:\w+:)?externalReferences>/.exec(xml) ?? /<\/(?:\w+:)?sheets>/.exec(xml);
  if (!after) return xml;
  const at = after.index + after[0].length;
  return xml.slice(0, at) + rendered + xml.slice(at);
}

/** Workbook elements in the schema's order, from `fileSharing` on. */
const WORKBOOK_ORDER = ["fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets"];

/** Inserts workbook-level elements (each absent from `xml`) where the schema wants them. */
function insertWorkbookTags(xml: string, tags: string[]): string {
  let out = xml;
  for (const tag of tags) {
    const name = /^<(?:[\w.-]+:)?([\w.-]+)/.exec(tag)?.[1] ?? "";
    if (tagsNamed(out, name).length > 0) continue;
    const later = WORKBOOK_ORDER.slice(WORKBOOK_ORDER.indexOf(name) + 1);
    let at = -1;
    for (const n of later) {
      const m = new RegExp(`<(?:[\\w.-]+:)?${n}(?=[\\s/>])`).exec(out);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at < 0) continue;
    out = out.slice(0, at) + tag + out.slice(at);
  }
  return out;
}

/** Inserts `<drawing r:id>` where the worksheet schema wants it. */
function insertDrawing(xml: string, id: string): string {
  const tag = `<drawing r:id="${id}"/>`;
  const from = xml.search(/<\/(?:\w+:)?sheetData>|<(?:\w+:)?sheetData\s*\/>/);
  let at = -1;
  for (const name of AFTER_DRAWING) {
    const re = new RegExp(`<(?:\\w+:)?${name}(?=[\\s/>])`, "g");
    re.lastIndex = Math.max(0, from);
    const m = re.exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf("</");
  return xml.slice(0, at) + tag + xml.slice(at);
}
