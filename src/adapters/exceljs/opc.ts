/**
 * Just enough of the Open Packaging Conventions to look inside an .xlsx with jszip: part names,
 * relationships, content types and a few attributes, read with regular expressions (the parts
 * involved are small and machine-written). Shared by the package inventory and the carry-over of
 * drawings. No Node modules: the browser page uses it too.
 */
import type JSZip from "jszip";

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_m, e: string) => {
    if (e.startsWith("#x")) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith("#")) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e];
  });
}

export function encodeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The attributes of an element's start tag (`<x a="1" r:id='2'>`), by qualified name, decoded. */
export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decodeXml(m[2] ?? m[3] ?? "");
  return out;
}

/** Every start (or empty) tag of an element with this local name, whatever its prefix. */
export function tagsNamed(xml: string, localName: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]+:)?${localName}(?=[\\s/>])[^>]*>`, "g");
  return xml.match(re) ?? [];
}

/** The attribute with this local name, whatever its prefix (`r:id`, `id`). */
export function attributeLocal(attrs: Record<string, string>, localName: string, prefixed = false): string | null {
  for (const [k, v] of Object.entries(attrs)) {
    const i = k.indexOf(":");
    if ((i < 0 ? k : k.slice(i + 1)) === localName && i >= 0 === prefixed) return v;
  }
  return null;
}

/** The last segment of a relationship type (`…/relationships/drawing` → `drawing`). */
export function relKind(type: string): string {
  return type.slice(type.lastIndexOf("/") + 1);
}

export function dirname(part: string): string {
  const i = part.lastIndexOf("/");
  return i < 0 ? "" : part.slice(0, i);
}

export function basename(part: string): string {
  return part.slice(part.lastIndexOf("/") + 1);
}

/** Joins and normalises a part path (`xl/worksheets` + `../drawings/d1.xml` → `xl/drawings/d1.xml`). */
export function resolvePart(fromDir: string, target: string): string {
  const raw = target.startsWith("/") ? target.slice(1) : fromDir === "" ? target : `${fromDir}/${target}`;
  const out: string[] = [];
  for (const seg of raw.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}

/** The relative target from a part's folder to another part (`xl/worksheets` → `../drawings/d1.xml`). */
export function relativeTarget(fromDir: string, to: string): string {
  const a = fromDir === "" ? [] : fromDir.split("/");
  const b = to.split("/");
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => ".."), ...b.slice(i)].join("/");
}

/** The relationships part of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPath(part: string): string {
  const dir = dirname(part);
  return `${dir === "" ? "" : `${dir}/`}_rels/${basename(part)}.rels`;
}

export function parseRelationships(xml: string): Relationship[] {
  return tagsNamed(xml, "Relationship").map((tag) => {
    const a = attributes(tag);
    return {
      id: a.Id ?? "",
      type: a.Type ?? "",
      target: a.Target ?? "",
      external: (a.TargetMode ?? "").toLowerCase() === "external",
    };
  });
}

export function renderRelationships(rels: Relationship[]): string {
  const items = rels
    .map(
      (r) =>
        `<Relationship Id="${encodeXml(r.id)}" Type="${encodeXml(r.type)}" Target="${encodeXml(r.target)}"${r.external ? ' TargetMode="External"' : ""}/>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items}</Relationships>`;
}

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const tag of tagsNamed(xml, "Default")) {
    const a = attributes(tag);
    if (a.Extension && a.ContentType) defaults.set(a.Extension.toLowerCase(), a.ContentType);
  }
  for (const tag of tagsNamed(xml, "Override")) {
    const a = attributes(tag);
    if (a.PartName && a.ContentType) overrides.set(a.PartName.replace(/^\//, "").toLowerCase(), a.ContentType);
  }
  return { defaults, overrides };
}

/** The content type of a part: its override, or the default for its extension. */
export function contentTypeOf(types: ContentTypes, part: string): string | null {
  const o = types.overrides.get(part.toLowerCase());
  if (o) return o;
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  return types.defaults.get(ext) ?? null;
}

/** Zip entries by lower-cased name: part names are case-insensitive in a package. */
export function entryIndex(zip: JSZip): Map<string, JSZip.JSZipObject> {
  const index = new Map<string, JSZip.JSZipObject>();
  for (const f of Object.values(zip.files)) if (!f.dir) index.set(f.name.toLowerCase(), f);
  return index;
}

const UTF8 = new TextDecoder("utf-8");

/** A part's text (bytes decoded natively: jszip's own UTF-8 decoding is several times slower). */
export async function readText(index: Map<string, JSZip.JSZipObject>, part: string): Promise<string | null> {
  const f = index.get(part.toLowerCase());
  return f ? UTF8.decode(await f.async("uint8array")) : null;
}

/** The relationships of a part, with internal targets resolved to part names. */
export async function relationshipsOf(
  index: Map<string, JSZip.JSZipObject>,
  part: string,
): Promise<(Relationship & { part: string | null })[]> {
  const xml = await readText(index, relsPath(part));
  if (xml === null) return [];
  const dir = dirname(part);
  return parseRelationships(xml).map((r) => ({ ...r, part: r.external ? null : resolvePart(dir, r.target) }));
}

/** The size a zip entry has once inflated, from the central directory (0 when unknown). */
export function uncompressedSize(f: JSZip.JSZipObject): number {
  const data = (f as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === "number" && data.uncompressedSize > 0 ? data.uncompressedSize : 0;
}

interface StreamHelper {
  on(event: "data", cb: (chunk: string) => void): StreamHelper;
  on(event: "end", cb: () => void): StreamHelper;
  on(event: "error", cb: (e: Error) => void): StreamHelper;
  resume(): StreamHelper;
  pause(): StreamHelper;
}

/**
 * Streams a part's text chunk by chunk without inflating the rest once `onChunk` returns false.
 * Resolves when the stream ends or is stopped.
 */
export function streamText(f: JSZip.JSZipObject, onChunk: (chunk: string) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const stream = (f as unknown as { internalStream(type: "string"): StreamHelper }).internalStream("string");
    stream
      .on("data", (chunk) => {
        if (done) return;
        if (!onChunk(chunk)) {
          done = true;
          stream.pause();
          resolve();
        }
      })
      .on("end", () => {
        if (!done) resolve();
        done = true;
      })
      .on("error", (e) => {
        if (!done) reject(e);
        done = true;
      })
      .resume();
  });
}
