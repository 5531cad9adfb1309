/**
 * ExcelJS reads a sheet's merged areas one at a time, checking each against every area read before
 * it: quadratic in the areas of a sheet. A sheet of 200 pasted tables has 3,000 of them, and the
 * check then takes seconds. This replaces that one step, for every ExcelJS worksheet, by a check of
 * all areas at once (sorted by top row, each compared only with the areas still open at its row),
 * then merges each area exactly as ExcelJS does. The outcome is the same, including the error
 * ExcelJS throws for overlapping areas (which `ExcelJsWorkbook.load` repairs).
 */
import ExcelJS from "exceljs";
import { parseRange, type RangeRef } from "../../core/address";

interface WorksheetInternals {
  _merges: Record<string, RangeRef>;
  mergeCellsWithoutStyle(range: string): void;
  _parseMergeCells(model: { mergeCells?: string[] }): void;
}

/** Whether any two of the areas overlap; sorted by top row, each is compared with the open ones. */
export function anyOverlap(areas: RangeRef[]): boolean {
  const sorted = [...areas].sort((a, b) => a.top - b.top);
  let open: RangeRef[] = [];
  for (const a of sorted) {
    open = open.filter((o) => o.bottom >= a.top);
    for (const o of open) if (o.left <= a.right && a.left <= o.right) return true;
    open.push(a);
  }
  return false;
}

let installed: {
  proto: WorksheetInternals;
  original: WorksheetInternals["_parseMergeCells"];
  fast: WorksheetInternals["_parseMergeCells"];
} | null = null;

/** Puts ExcelJS's own merge reading back while `f` runs (benchmarks measure plain ExcelJS in one process). */
export async function withPlainMergeParsing<T>(f: () => Promise<T>): Promise<T> {
  if (!installed) return f();
  const { proto, original, fast } = installed;
  proto._parseMergeCells = original;
  try {
    return await f();
  } finally {
    proto._parseMergeCells = fast;
  }
}

/** Installs the faster merge reading on ExcelJS's worksheet class (once; idempotent). */
export function installFastMergeParsing(): void {
  if (installed) return;
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("x")) as WorksheetInternals;
  const original = proto._parseMergeCells;
  if (typeof original !== "function" || typeof proto.mergeCellsWithoutStyle !== "function") return;
  const fast = function (this: WorksheetInternals, model: { mergeCells?: string[] }): void {
    const list = model.mergeCells ?? [];
    let areas: RangeRef[];
    try {
      areas = [...Object.values(this._merges ?? {}), ...list.map((m) => parseRange(m))];
    } catch {
      // A reference this module cannot read: ExcelJS's own way, whatever it does with it.
      original.call(this, model);
      return;
    }
    if (anyOverlap(areas)) throw new Error("Cannot merge already merged cells");
    // ExcelJS's merge of one area, with nothing to check it against.
    const merges = this._merges;
    for (const m of list) {
      this._merges = {};
      this.mergeCellsWithoutStyle(m);
      Object.assign(merges, this._merges);
    }
    this._merges = merges;
  };
  proto._parseMergeCells = fast;
  installed = { proto, original, fast };
}
