/**
 * Workarounds for what ExcelJS reads wrongly or not at all, done with jszip around its load:
 * merged areas that overlap (ExcelJS refuses the whole file; Excel repairs it by dropping them),
 * and notes on cells that hold nothing else (ExcelJS drops them while reading).
 */
import JSZip from "jszip";
import type ExcelJS from "exceljs";
import { parseRange, rangeAddress, type RangeRef } from "../../core/address";
import { attributes, decodeXml, entryIndex, readText, tagsNamed } from "./opc";

export interface SheetProblem {
  cell: string;
  message: string;
  messageEn: string;
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

/**
 * Drops every merged area that overlaps one listed before it, as Excel does when it repairs such a
 * file, and says which on which sheet. `sheets` gives each worksheet's name and part.
 */
export async function dropOverlappingMerges(
  bytes: Uint8Array,
  sheets: { name: string; path: string }[],
): Promise<{ bytes: Uint8Array; problems: Map<string, SheetProblem[]> }> {
  const zip = await JSZip.loadAsync(bytes);
  const index = entryIndex(zip);
  const problems = new Map<string, SheetProblem[]>();
  for (const s of sheets) {
    const xml = await readText(index, s.path);
    if (xml === null) continue;
    const block = /<(?:\w+:)?mergeCells\b[^>]*>[\s\S]*?<\/(?:\w+:)?mergeCells>/.exec(xml);
    if (!block) continue;
    const kept: { ref: RangeRef; tag: string }[] = [];
    const found: SheetProblem[] = [];
    for (const tag of tagsNamed(block[0], "mergeCell")) {
      let ref: RangeRef;
      try {
        ref = parseRange(attributes(tag).ref ?? "");
      } catch {
        continue;
      }
      const clash = kept.find((k) => overlaps(k.ref, ref));
      if (clash) {
        const a = rangeAddress(ref);
        const b = rangeAddress(clash.ref);
        found.push({
          cell: rangeAddress({ top: ref.top, left: ref.left, bottom: ref.top, right: ref.left }),
          message: `合并区域 ${a} 与 ${b} 重叠（文件有误），已按 Excel 修复文件的方式忽略 ${a}`,
          messageEn: `Merged area ${a} overlaps ${b} (a damaged file); ${a} is ignored, as Excel's repair does`,
        });
      } else kept.push({ ref, tag });
    }
    if (found.length === 0) continue;
    problems.set(s.name, found);
    const body = `<mergeCells count="${kept.length}">${kept.map((k) => `<mergeCell ref="${rangeAddress(k.ref)}"/>`).join("")}</mergeCells>`;
    zip.file(index.get(s.path.toLowerCase())!.name, xml.replace(block[0], kept.length > 0 ? body : ""));
  }
  return { bytes: await zip.generateAsync({ type: "uint8array", compression: "STORE" }), problems };
}

interface NoteText {
  text: string;
  font?: Partial<ExcelJS.Font>;
}

/** The runs of a `<comment>`'s `<text>`, with the formatting ExcelJS can express. */
function noteRuns(comment: string): NoteText[] {
  const runs: NoteText[] = [];
  const text = /<(?:\w+:)?text>([\s\S]*)<\/(?:\w+:)?text>/.exec(comment)?.[1] ?? "";
  const pieces = text.match(/<(?:\w+:)?r>[\s\S]*?<\/(?:\w+:)?r>/g);
  const tText = (s: string): string =>
    decodeXml(
      [
        ...s
          .replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "")
          .matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g),
      ]
        .map((m) => m[1])
        .join(""),
    );
  if (!pieces) return [{ text: tText(text) }];
  for (const r of pieces) {
    const pr = /<(?:\w+:)?rPr>([\s\S]*?)<\/(?:\w+:)?rPr>/.exec(r)?.[1] ?? "";
    const font: Partial<ExcelJS.Font> = {};
    if (tagsNamed(pr, "b").length) font.bold = true;
    if (tagsNamed(pr, "i").length) font.italic = true;
    const sz = tagsNamed(pr, "sz")[0];
    if (sz) font.size = Number(attributes(sz).val);
    const color = tagsNamed(pr, "color")[0];
    if (color && attributes(color).rgb) font.color = { argb: attributes(color).rgb };
    const name = tagsNamed(pr, "rFont")[0];
    if (name && attributes(name).val) font.name = attributes(name).val;
    runs.push({ text: tText(r), ...(Object.keys(font).length ? { font } : {}) });
  }
  return runs;
}

/**
 * Gives back the notes ExcelJS dropped: those on cells with no value and no style of their own,
 * which Excel writes without a `<c>` element. `comments` gives each worksheet's comments XML.
 */
export function restoreNotes(workbook: ExcelJS.Workbook, comments: { sheet: string; xml: string }[]): number {
  let restored = 0;
  for (const c of comments) {
    const ws = workbook.getWorksheet(c.sheet);
    if (!ws) continue;
    for (const m of c.xml.matchAll(/<(?:\w+:)?comment\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?comment>/g)) {
      const ref = attributes(`<comment${m[1]}>`).ref;
      if (!ref) continue;
      const cell = ws.getCell(ref);
      if (cell.note !== undefined && cell.note !== null) continue;
      // As ExcelJS gives a note it reads itself: plain text as a string, formatted text as runs.
      const runs = noteRuns(m[2]);
      cell.note = runs.length === 1 && !runs[0].font ? runs[0].text : ({ texts: runs } as ExcelJS.Comment);
      restored++;
    }
  }
  return restored;
}
