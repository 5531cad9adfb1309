/**
 * What an .xlsx package holds beyond what ExcelJS carries, and how big it is, found with jszip
 * before ExcelJS loads it. ExcelJS drops charts, pivot tables, shapes, threaded comments, macros,
 * slicers, external links, form controls and more when it writes a workbook back; the inventory
 * lets saving carry some of them over (drawings, see `carry-over.ts`) and refuse the rest with a
 * message naming them, never dropping them silently. The size checks refuse, before ExcelJS
 * materialises anything, a workbook too big to process within the stated limits.
 */
import JSZip from "jszip";
import { WorkbookError } from "./errors";
import { columnNumber, parseRange, rangeAddress, type RangeRef } from "../../core/address";
import {
  attributeLocal,
  attributes,
  contentTypeOf,
  entryIndex,
  parseContentTypes,
  readText,
  relationshipsOf,
  relKind,
  streamText,
  tagsNamed,
  uncompressedSize,
  type ContentTypes,
} from "./opc";

/** Kinds of content ExcelJS does not write back (or not faithfully). */
export type PartKind =
  | "chart"
  | "chartsheet"
  | "pivotTable"
  | "image"
  | "shape"
  | "threadedComment"
  | "macro"
  | "slicer"
  | "timeline"
  | "externalLink"
  | "formControl"
  | "oleObject"
  | "connection"
  | "headerFooterImage"
  | "backgroundImage";

export const PART_LABELS: Record<PartKind, { zh: string; en: string }> = {
  chart: { zh: "图表", en: "charts" },
  chartsheet: { zh: "图表工作表", en: "chart sheets" },
  pivotTable: { zh: "数据透视表", en: "pivot tables" },
  image: { zh: "图片", en: "pictures" },
  shape: { zh: "形状或文本框", en: "shapes or text boxes" },
  threadedComment: { zh: "会话式批注", en: "threaded comments" },
  macro: { zh: "宏（VBA）", en: "macros (VBA)" },
  slicer: { zh: "切片器", en: "slicers" },
  timeline: { zh: "日程表", en: "timelines" },
  externalLink: { zh: "指向其他工作簿的外部链接", en: "links to other workbooks" },
  formControl: { zh: "表单控件", en: "form controls" },
  oleObject: { zh: "嵌入对象", en: "embedded objects" },
  connection: { zh: "数据连接或查询", en: "data connections or queries" },
  headerFooterImage: { zh: "页眉页脚图片", en: "header/footer pictures" },
  backgroundImage: { zh: "工作表背景图片", en: "sheet background pictures" },
};

/** A piece of content ExcelJS would lose. */
export interface PackagePart {
  kind: PartKind;
  /** The worksheet (or chart sheet) it belongs to; null for workbook-level parts. */
  sheet: string | null;
  /** The package part it lives in (`xl/charts/chart1.xml`). */
  path: string;
  /** The drawing part that holds it, when it lies in a worksheet's drawing (and can travel with it). */
  drawing: string | null;
}

/** A worksheet's drawing (pictures, shapes, charts) and every part it reaches. */
export interface DrawingInfo {
  sheet: string;
  path: string;
  /** Whether every part it reaches is of a kind that can be copied as it is. */
  copyable: boolean;
}

export interface SheetExtent {
  name: string;
  path: string;
  /** The used rectangle (from `<dimension>`, or scanned from the rows), or null for an empty sheet. */
  range: RangeRef | null;
  rows: number;
  columns: number;
  cells: number;
  /** The sheet's notes (legacy comments) part and its XML, if it has notes. */
  comments?: { part: string; xml: string };
  /** False for a part too small to be measured here (its extent is then left null). */
  measured?: boolean;
}

export type WorkbookFormat = "xlsx" | "xlsm" | "xltx" | "xltm" | "xlam";

export interface PackageInventory {
  format: WorkbookFormat;
  /** What ExcelJS would lose, in package order. */
  parts: PackagePart[];
  drawings: DrawingInfo[];
  sheets: SheetExtent[];
  /** Sum of the inflated sizes of every entry. */
  unzippedBytes: number;
  /** Inflated size of the worksheets and shared strings: what ExcelJS turns into cells. */
  cellDataBytes: number;
  /**
   * Workbook settings ExcelJS drops, as written (`<workbookProtection lockStructure="1" …/>`,
   * `<fileSharing readOnlyRecommended="1"/>`); saving puts them back.
   */
  workbookTags: string[];
  /**
   * The workbook's defined names as written, when ExcelJS would get some of them wrong (it drops
   * constants, a name's sheet scope and `hidden`, merges names of one name scoped to different
   * sheets, and mangles formulas); empty when it carries them all. Saving writes these back.
   */
  definedNames: DefinedNameEntry[];
}

export interface DefinedNameEntry {
  name: string;
  /** The sheet the name is scoped to (`localSheetId`), or null for a workbook-wide name. */
  sheet: string | null;
  /** The element's other attributes, as written (` hidden="1"`). */
  attrs: string;
  /** The element's text, as written (still XML-escaped). */
  value: string;
}

/** A reference ExcelJS reads and writes faithfully: cells or areas on named sheets, comma-separated. */
const PLAIN_REFERENCE =
  /^(?:(?:&apos;(?:(?!&apos;).)+&apos;|'(?:[^']|'')+'|[^'!,()[\]&"]+)!\$?[A-Za-z]{1,3}\$?\d+(?::\$?[A-Za-z]{1,3}\$?\d+)?(?:,|$))+$/;

/** The defined names of workbook.xml, when ExcelJS would not carry them faithfully. */
function definedNamesOf(workbookXml: string, sheetNames: string[]): DefinedNameEntry[] {
  const entries: DefinedNameEntry[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const a = attributes(`<x${m[1]}>`);
    const local = a.localSheetId === undefined ? null : Number(a.localSheetId);
    const attrs = m[1].replace(/\s(?:name|localSheetId)\s*=\s*("[^"]*"|'[^']*')/g, "");
    entries.push({
      name: a.name ?? "",
      sheet: local === null ? null : (sheetNames[local] ?? null),
      attrs,
      value: m[2],
    });
  }
  const user = entries.filter((e) => !e.name.startsWith("_xlnm."));
  const names = user.map((e) => e.name);
  const faithful = user.every(
    (e) =>
      e.sheet === null &&
      e.attrs.trim() === "" &&
      PLAIN_REFERENCE.test(e.value.trim()) &&
      names.indexOf(e.name) === names.lastIndexOf(e.name),
  );
  return faithful ? [] : entries;
}

/**
 * What the ExcelJS front ends (CLI, web page) accept. The row and cell limits per sheet and in all
 * are the issue's; the byte limit on cell data comes from measuring: ExcelJS took 2.5 GB of Node's
 * default 4 GB heap to load 106 MB of worksheet XML (3,000,000 cells), and `ptsheet check -o` on
 * 91 MB (2,700,000 cells) ended at 3.0 GB. Past 64 MB a workbook is refused before loading rather
 * than left to run out of memory; the 1,000-table benchmark with its 50,000-row ledger is far below.
 */
export const LIMITS = {
  sheetRows: 1_000_000,
  sheetCells: 20_000_000,
  workbookCells: 100_000_000,
  unzippedBytes: 200 * 1024 * 1024,
  cellDataBytes: 64 * 1024 * 1024,
};

const MAIN_TYPES: Record<string, WorkbookFormat> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
  "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
  "application/vnd.ms-excel.template.macroenabled.main+xml": "xltm",
  "application/vnd.ms-excel.addin.macroenabled.main+xml": "xlam",
};

function fmt(n: number): string {
  return n.toLocaleString("en-US");
}

function mb(n: number): string {
  return `${Math.round(n / (1024 * 1024))} MB`;
}

/** The main part's content type says what kind of file this is; tells the user when it is not a workbook. */
function formatOf(types: ContentTypes, main: string | null, index: Map<string, JSZip.JSZipObject>): WorkbookFormat {
  const type = main ? (contentTypeOf(types, main)?.toLowerCase() ?? null) : null;
  if (type && MAIN_TYPES[type]) return MAIN_TYPES[type];
  if (type === "application/vnd.ms-excel.sheet.binary.macroenabled.main")
    throw new WorkbookError(
      "这是 .xlsb 二进制工作簿，本工具只能读取 .xlsx；请在 Excel 中另存为 .xlsx 后再试",
      "This is an .xlsb binary workbook; save it as .xlsx and try again",
    );
  if (type?.includes("wordprocessingml"))
    throw new WorkbookError(
      "这是 Word 文档（.docx），不是 .xlsx 工作簿，其中没有工作表",
      "This is a Word document (.docx), not an .xlsx workbook",
    );
  if (type?.includes("presentationml"))
    throw new WorkbookError(
      "这是 PowerPoint 演示文稿（.pptx），不是 .xlsx 工作簿，其中没有工作表",
      "This is a PowerPoint presentation (.pptx), not an .xlsx workbook",
    );
  if (index.has("mimetype") && index.has("content.xml"))
    throw new WorkbookError(
      "这是 OpenDocument 文件（如 .ods），不是 .xlsx 工作簿；请在 WPS 或 LibreOffice 中另存为 .xlsx",
      "This is an OpenDocument file (such as .ods), not an .xlsx workbook; save it as .xlsx",
    );
  // No content type for a workbook: ExcelJS may still find one by the usual part names.
  return "xlsx";
}

/** The `<dimension ref>` of a worksheet, read from the first chunks of its XML only. */
async function dimensionOf(f: JSZip.JSZipObject): Promise<RangeRef | null | "none"> {
  let head = "";
  await streamText(f, (chunk) => {
    head += chunk;
    return !/<(?:\w+:)?sheetData[\s/>]/.test(head) && head.length < 1 << 20;
  });
  const tag = tagsNamed(head, "dimension")[0];
  const ref = tag ? attributes(tag).ref : undefined;
  if (!ref) return "none";
  try {
    return parseRange(ref.split(" ")[0]);
  } catch {
    return "none";
  }
}

/**
 * The used rectangle of a worksheet scanned from its rows, cells and merges, as ExcelJS will see
 * them; for sheets without a `<dimension>`, or whose dimension claims more than the limits.
 */
async function scanExtent(f: JSZip.JSZipObject): Promise<RangeRef | null> {
  let top = Infinity;
  let left = Infinity;
  let bottom = -Infinity;
  let right = -Infinity;
  let row = 0;
  let col = 0;
  let carry = "";
  const see = (r: number, c: number): void => {
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (c < left) left = c;
    if (c > right) right = c;
  };
  const re = /<(?:\w+:)?(row|c|mergeCell)(?=[\s/>])([^>]*)>/g;
  await streamText(f, (chunk) => {
    const text = carry + chunk;
    // An element cut by the chunk boundary is scanned with the next chunk.
    const cut = text.lastIndexOf("<");
    const body = cut < 0 ? text : text.slice(0, cut);
    carry = cut < 0 ? "" : text.slice(cut);
    for (const m of body.matchAll(re)) {
      const r = / r="([A-Z]*)(\d+)"/.exec(m[2]);
      if (m[1] === "row") {
        row = r ? Number(r[2]) : row + 1;
        col = 0;
      } else if (m[1] === "c") {
        col = r && r[1] ? columnNumber(r[1]) : col + 1;
        if (r) row = Number(r[2]);
        see(row, col);
      } else {
        const ref = / ref="([^"]+)"/.exec(m[2]);
        if (ref) {
          try {
            const g = parseRange(ref[1]);
            see(g.top, g.left);
            see(g.bottom, g.right);
          } catch {
            /* a malformed merge: ExcelJS will complain, or ignore it */
          }
        }
      }
    }
    return true;
  });
  return bottom < top ? null : { top, left, bottom, right };
}

function extentOf(name: string, path: string, range: RangeRef | null): SheetExtent {
  const rows = range ? range.bottom - range.top + 1 : 0;
  const columns = range ? range.right - range.left + 1 : 0;
  return { name, path, range, rows, columns, cells: rows * columns };
}

function overLimit(s: SheetExtent): boolean {
  return s.rows > LIMITS.sheetRows || s.cells > LIMITS.sheetCells;
}

/** The refusal for a sheet past the limits, as the CLI prints it (exit code 2). */
export function sheetTooBig(s: {
  name: string;
  rows: number;
  columns: number;
  cells: number;
  range?: RangeRef | null;
}): WorkbookError {
  const where = s.range ? `（已用区域 ${rangeAddress(s.range)}）` : "";
  return new WorkbookError(
    `工作表“${s.name}”有 ${fmt(s.rows)} 行 × ${fmt(s.columns)} 列（${fmt(s.cells)} 个单元格）${where}，超过本工具的处理上限（每张工作表不超过 ${fmt(LIMITS.sheetRows)} 行、${fmt(LIMITS.sheetCells)} 个单元格），已拒绝处理；请删除多余的行列后再试`,
    `Sheet "${s.name}" has ${fmt(s.rows)} rows × ${fmt(s.columns)} columns (${fmt(s.cells)} cells), past this tool's limits (${fmt(LIMITS.sheetRows)} rows or ${fmt(LIMITS.sheetCells)} cells per sheet); refused. Delete the unused rows and columns and try again`,
  );
}

function workbookTooBig(what: string, whatEn: string): WorkbookError {
  return new WorkbookError(
    `工作簿过大：${what}，超过本工具的处理上限，已拒绝处理；请拆分工作簿或删除不需要的内容后再试`,
    `The workbook is too big: ${whatEn}, past this tool's limits; refused. Split it or remove what is not needed and try again`,
  );
}

/** The refusal for a workbook whose sheets hold more cells than the limit, all together. */
export function tooManyCells(cells: number): WorkbookError {
  return workbookTooBig(
    `各工作表共 ${fmt(cells)} 个单元格（上限 ${fmt(LIMITS.workbookCells)}）`,
    `${fmt(cells)} cells in all sheets (limit ${fmt(LIMITS.workbookCells)})`,
  );
}

/** Every package part a relationship graph reaches from `start` (internal targets only). */
async function reach(
  index: Map<string, JSZip.JSZipObject>,
  start: string,
): Promise<{ part: string; kind: string; from: string }[]> {
  const seen = new Set<string>([start.toLowerCase()]);
  const out: { part: string; kind: string; from: string }[] = [];
  const queue = [start];
  while (queue.length > 0) {
    const from = queue.shift()!;
    for (const r of await relationshipsOf(index, from)) {
      if (r.part === null || seen.has(r.part.toLowerCase())) continue;
      seen.add(r.part.toLowerCase());
      out.push({ part: r.part, kind: relKind(r.type), from });
      queue.push(r.part);
    }
  }
  return out;
}

/** Relationship kinds a drawing may reach that are copied as they are. */
const COPYABLE_IN_DRAWING = new Set([
  "image",
  "chart",
  "chartUserShapes",
  "chartStyle",
  "chartColorStyle",
  "themeOverride",
  "package",
  "drawing",
  "hdphoto",
  "hyperlink",
]);

/** Pictures, shapes and charts in a worksheet's drawing. */
async function drawingParts(
  index: Map<string, JSZip.JSZipObject>,
  sheet: string,
  path: string,
): Promise<{ parts: PackagePart[]; copyable: boolean }> {
  const xml = (await readText(index, path)) ?? "";
  const parts: PackagePart[] = [];
  const add = (kind: PartKind, at: string): void => {
    parts.push({ kind, sheet, path: at, drawing: path });
  };
  if (tagsNamed(xml, "pic").length > 0) add("image", path);
  if (tagsNamed(xml, "sp").length + tagsNamed(xml, "cxnSp").length + tagsNamed(xml, "grpSp").length > 0)
    add("shape", path);
  const reached = await reach(index, path);
  for (const r of reached) if (r.kind === "chart") add("chart", r.part);
  const copyable = reached.every((r) => COPYABLE_IN_DRAWING.has(r.kind));
  // A drawing with nothing ExcelJS drops (say, an empty one) needs no mention.
  return { parts, copyable };
}

/**
 * VML drawings hold notes (ExcelJS writes those), form controls and header/footer pictures. The VML
 * of a sheet with notes is not read: Excel (2010 on) states each form control in a `ctrlProp` part
 * too, which the sheet's relationships show.
 */
async function vmlParts(
  index: Map<string, JSZip.JSZipObject>,
  sheet: string,
  path: string,
  withNotes: boolean,
): Promise<PackagePart[]> {
  const parts: PackagePart[] = [];
  if (!withNotes) {
    const xml = (await readText(index, path)) ?? "";
    const objectTypes = [...xml.matchAll(/ObjectType\s*=\s*"([^"]+)"/g)].map((m) => m[1]);
    if (objectTypes.some((t) => t !== "Note")) parts.push({ kind: "formControl", sheet, path, drawing: null });
  }
  const rels = await relationshipsOf(index, path);
  if (rels.some((r) => relKind(r.type) === "image"))
    parts.push({ kind: "headerFooterImage", sheet, path, drawing: null });
  return parts;
}

const SHEET_PART_KINDS: Record<string, PartKind> = {
  pivotTable: "pivotTable",
  threadedComment: "threadedComment",
  slicer: "slicer",
  timeline: "timeline",
  ctrlProp: "formControl",
  control: "formControl",
  oleObject: "oleObject",
  package: "oleObject",
  queryTable: "connection",
  image: "backgroundImage",
};

const WORKBOOK_PART_KINDS: Record<string, PartKind> = {
  vbaProject: "macro",
  macrosheet: "macro",
  dialogsheet: "macro",
  externalLink: "externalLink",
  pivotCacheDefinition: "pivotTable",
  slicerCache: "slicer",
  timelineCache: "timeline",
  connections: "connection",
  powerPivotData: "connection",
};

/** Parts ExcelJS reads and writes back as they are (or that need not survive: printer settings). */
const PLAIN_PART =
  /^(\[content_types\]\.xml|_rels\/\.rels|docprops\/[^/]+|customxml\/.+|xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|styles\.xml|sharedstrings\.xml|calcchain\.xml|metadata\.xml|theme\/[^/]+|worksheets\/[^/]+\.xml|worksheets\/_rels\/[^/]+\.rels|printersettings\/[^/]+|tables\/[^/]+\.xml|tables\/_rels\/[^/]+\.rels))$/;

/** Below this size a worksheet's XML cannot make ExcelJS build much: its extent is checked after loading. */
const MEASURED_BYTES = 1024 * 1024;

/**
 * A worksheet's extent, refusing it past the limits: the dimension Excel writes, checked by
 * scanning the rows when it is missing or says more than the limits (a stale dimension must not
 * refuse a small sheet). Small parts are not read here: `ExcelJsWorkbook` counts what it loaded.
 */
async function measure(f: JSZip.JSZipObject, name: string, path: string): Promise<SheetExtent> {
  const bytes = uncompressedSize(f);
  if (bytes > 0 && bytes < MEASURED_BYTES) return { ...extentOf(name, path, null), measured: false };
  const dim = await dimensionOf(f);
  let extent = extentOf(name, path, dim === "none" ? null : dim);
  // A dimension past the limits is believed when the XML is big enough to hold that many rows (a
  // row takes more than 8 bytes); a smaller part with a big dimension is stale, and scanned.
  const believable = bytes >= Math.min(extent.rows, LIMITS.sheetRows) * 8;
  if ((dim === "none" && bytes > 4 * MEASURED_BYTES) || (overLimit(extent) && !believable))
    extent = extentOf(name, path, await scanExtent(f));
  if (overLimit(extent)) throw sheetTooBig(extent);
  return extent;
}

/**
 * Looks inside an .xlsx package: says what it is when it is not a workbook, refuses it past the
 * limits, and lists what ExcelJS would lose.
 */
export async function inspectPackage(bytes: Uint8Array): Promise<PackageInventory> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new WorkbookError(
      `无法读取工作簿：文件已损坏或不完整（${(e as Error).message}）`,
      `Cannot read the workbook: the file is corrupt or truncated (${(e as Error).message})`,
    );
  }
  const index = entryIndex(zip);
  let unzippedBytes = 0;
  for (const f of index.values()) unzippedBytes += uncompressedSize(f);
  if (unzippedBytes > LIMITS.unzippedBytes)
    throw workbookTooBig(
      `解压后 ${mb(unzippedBytes)}（上限 ${mb(LIMITS.unzippedBytes)}）`,
      `${mb(unzippedBytes)} unzipped (limit ${mb(LIMITS.unzippedBytes)})`,
    );

  const types = parseContentTypes((await readText(index, "[Content_Types].xml")) ?? "");
  const root = await relationshipsOf(index, "");
  const main = root.find((r) => relKind(r.type) === "officeDocument")?.part ?? null;
  const format = formatOf(types, main, index);
  const workbookPath = main ?? "xl/workbook.xml";
  const workbookXml = await readText(index, workbookPath);
  if (workbookXml === null)
    throw new WorkbookError(
      "文件是 zip 包但其中没有工作表，不是 .xlsx 工作簿（可能是 .docx 等其他文件改了扩展名）",
      "The file is a zip without any worksheet, not an .xlsx workbook (perhaps a renamed .docx)",
    );
  const sheetTags = tagsNamed(workbookXml, "sheet");
  if (sheetTags.length === 0)
    throw new WorkbookError(
      "工作簿中没有任何工作表（workbook.xml 未列出工作表），无法读取；请在 Excel 中打开并另存后再试",
      "The workbook lists no sheets at all; open it in Excel, save it again and retry",
    );

  const workbookTags = ["fileSharing", "workbookProtection"].flatMap((n) => tagsNamed(workbookXml, n).slice(0, 1));
  const definedNames = definedNamesOf(
    workbookXml,
    sheetTags.map((t) => attributes(t).name ?? ""),
  );
  const parts: PackagePart[] = [];
  const drawings: DrawingInfo[] = [];
  const sheets: SheetExtent[] = [];
  const workbookRels = await relationshipsOf(index, workbookPath);
  const relById = new Map(workbookRels.map((r) => [r.id, r]));
  let cellDataBytes = 0;
  for (const r of workbookRels) {
    const kind = relKind(r.type);
    if (r.part && (kind === "worksheet" || kind === "sharedStrings")) {
      const f = index.get(r.part.toLowerCase());
      if (f) cellDataBytes += uncompressedSize(f);
    }
  }
  if (cellDataBytes > LIMITS.cellDataBytes)
    throw workbookTooBig(
      `单元格数据解压后 ${mb(cellDataBytes)}（上限 ${mb(LIMITS.cellDataBytes)}）`,
      `${mb(cellDataBytes)} of cell data unzipped (limit ${mb(LIMITS.cellDataBytes)})`,
    );

  // Parts every workbook has, and tables (ExcelJS writes them back): a package of only these has
  // nothing ExcelJS drops, and its sheets' relationships need not be read.
  const plain = [...index.keys()].every((n) => PLAIN_PART.test(n));
  const perSheet = await Promise.all(
    sheetTags.map(async (tag) => {
      const a = attributes(tag);
      const name = a.name ?? "";
      const rel = relById.get(attributeLocal(a, "id", true) ?? "");
      const found: PackagePart[] = [];
      const drawn: DrawingInfo[] = [];
      if (!rel || rel.part === null) return { extent: null, found, drawn };
      const kind = relKind(rel.type);
      if (kind === "chartsheet" || kind === "macrosheet" || kind === "dialogsheet") {
        found.push({
          kind: kind === "chartsheet" ? "chartsheet" : "macro",
          sheet: name,
          path: rel.part,
          drawing: null,
        });
        return { extent: null, found, drawn };
      }
      const f = index.get(rel.part.toLowerCase());
      if (!f) return { extent: null, found, drawn };
      const extent = await measure(f, name, rel.part);
      const rels = plain ? [] : await relationshipsOf(index, rel.part);
      const withNotes = rels.some((r) => relKind(r.type) === "comments");
      for (const sr of rels) {
        if (sr.part === null) continue;
        const k = relKind(sr.type);
        if (k === "comments") {
          extent.comments = { part: sr.part, xml: (await readText(index, sr.part)) ?? "" };
        } else if (k === "drawing") {
          const d = await drawingParts(index, name, sr.part);
          found.push(...d.parts);
          if (d.parts.length > 0) drawn.push({ sheet: name, path: sr.part, copyable: d.copyable });
        } else if (k === "vmlDrawing") {
          found.push(...(await vmlParts(index, name, sr.part, withNotes)));
        } else if (SHEET_PART_KINDS[k]) {
          found.push({ kind: SHEET_PART_KINDS[k], sheet: name, path: sr.part, drawing: null });
        }
      }
      return { extent, found, drawn };
    }),
  );
  let totalCells = 0;
  for (const s of perSheet) {
    if (s.extent) {
      sheets.push(s.extent);
      totalCells += s.extent.cells;
    }
    parts.push(...s.found);
    drawings.push(...s.drawn);
  }
  if (totalCells > LIMITS.workbookCells) throw tooManyCells(totalCells);

  for (const r of workbookRels) {
    const kind = WORKBOOK_PART_KINDS[relKind(r.type)];
    if (kind && r.part && !parts.some((p) => p.path === r.part))
      parts.push({ kind, sheet: null, path: r.part, drawing: null });
  }
  // Macros and ActiveX controls wherever they are, even when nothing relates to them.
  for (const name of index.keys()) {
    if (/(^|\/)vbaproject\.bin$/.test(name) && !parts.some((p) => p.kind === "macro"))
      parts.push({ kind: "macro", sheet: null, path: name, drawing: null });
    if (/^xl\/activex\//.test(name) && !parts.some((p) => p.kind === "formControl"))
      parts.push({ kind: "formControl", sheet: null, path: name, drawing: null });
  }
  if (format === "xlsm" || format === "xltm" || format === "xlam")
    if (!parts.some((p) => p.kind === "macro"))
      parts.push({ kind: "macro", sheet: null, path: workbookPath, drawing: null });

  return { format, parts, drawings, sheets, unzippedBytes, cellDataBytes, workbookTags, definedNames };
}

/** The refusal to save a workbook whose parts would be lost, naming each kind and its sheets. */
export class PartsLossError extends WorkbookError {
  readonly parts: PackagePart[];
  constructor(parts: PackagePart[]) {
    const order = Object.keys(PART_LABELS);
    const kinds = [...new Set(parts.map((p) => p.kind))].sort((a, b) => order.indexOf(a) - order.indexOf(b));
    const sheetsOf = (k: PartKind): string[] => [
      ...new Set(parts.filter((p) => p.kind === k && p.sheet !== null).map((p) => p.sheet!)),
    ];
    const zh = kinds
      .map((k) => {
        const s = sheetsOf(k);
        return `${PART_LABELS[k].zh}${s.length ? `（${s.join("、")}）` : ""}`;
      })
      .join("、");
    const en = kinds
      .map((k) => {
        const s = sheetsOf(k);
        return `${PART_LABELS[k].en}${s.length ? ` (${s.join(", ")})` : ""}`;
      })
      .join(", ");
    super(
      `工作簿含${zh}，本工具保存时会丢失这些内容，已拒绝保存；请在 Excel 中使用加载项，或先另存一份去掉这些内容的副本`,
      `The workbook contains ${en}; saving it with this tool would lose them, so it was not saved. Use the add-in in Excel, or first save a copy without them`,
    );
    this.name = "PartsLossError";
    this.parts = parts;
  }
}

/**
 * Splits what ExcelJS would lose into what can be carried over (drawings of worksheets that are
 * still there, unreplaced) and what cannot.
 */
export function planCarry(
  inventory: PackageInventory,
  keeps: (sheet: string) => boolean,
): { carry: DrawingInfo[]; lost: PackagePart[] } {
  const carry = inventory.drawings.filter((d) => d.copyable && keeps(d.sheet));
  const carried = new Set(carry.map((d) => d.path));
  const lost = inventory.parts.filter((p) => p.drawing === null || !carried.has(p.drawing));
  return { carry, lost };
}
