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
import { patchMethod, withOriginal, type MethodPatch } from "./method-patch";

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

let installed: MethodPatch | null = null;

/** Puts ExcelJS's own merge reading back while `f` runs (benchmarks measure plain ExcelJS in one process). */
export function withPlainMergeParsing<T>(f: () => Promise<T>): Promise<T> {
  return withOriginal(installed, f);
}

/** Installs the faster merge reading on ExcelJS's worksheet class (once; idempotent). */
export function installFastMergeParsing(): void {
  if (installed) return;
  const proto = Object.getPrototypeOf(new ExcelJS.Workbook().addWorksheet("x")) as WorksheetInternals;
  if (typeof proto._parseMergeCells !== "function" || typeof proto.mergeCellsWithoutStyle !== "function") return;
  installed = patchMethod(
    proto,
    "_parseMergeCells",
    (original) =>
      function (this: WorksheetInternals, model: { mergeCells?: string[] }): void {
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
      },
  );
}
