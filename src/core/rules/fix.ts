/**
 * Applying fixes, described without a grid: given a way to look up a cell's current value, work
 * out the new values. Nothing here writes a workbook; the front ends turn the result into their
 * own changes after the user confirms (the CLI only with `--fix`).
 */
import type { CellValue } from "../../port/workbook";
import { decimalFromNumber, decimalFromText, compareDecimal } from "../decimal";
import type { Finding, Fix, FixEdit } from "./types";

/** The current value of a cell (null for blank). */
export type CellLookup = (sheet: string, cell: string) => CellValue;

export interface CellChange {
  sheet: string;
  cell: string;
  /** The value before any edit. */
  from: CellValue;
  /** The value after every applicable edit. */
  to: string | number;
}

export interface SkippedEdit {
  edit: FixEdit;
  reason: string;
  reasonEn: string;
}

export interface FixPlan {
  changes: CellChange[];
  skipped: SkippedEdit[];
}

/** Whether a cell value holds the amount `from` (as a number, or as text reading as that number). */
function holdsAmount(v: CellValue, from: string | number): boolean {
  const want = typeof from === "number" ? decimalFromNumber(from) : decimalFromText(from);
  if (want === null) return false;
  const have = typeof v === "number" ? decimalFromNumber(v) : typeof v === "string" ? decimalFromText(v) : null;
  return have !== null && compareDecimal(have, want) === 0;
}

/** Applies one edit to a value, or says why it does not apply. */
export function applyEdit(
  value: CellValue,
  edit: FixEdit,
): { value: string | number } | { reason: string; reasonEn: string } {
  if (edit.kind === "value") {
    if (!holdsAmount(value, edit.from))
      return { reason: `单元格已不是 ${edit.from}`, reasonEn: `the cell no longer holds ${edit.from}` };
    return { value: edit.to };
  }
  const text = value === null ? "" : String(value);
  const from = String(edit.from);
  if (from === "" || !text.includes(from))
    return { reason: `单元格中已无“${from}”`, reasonEn: `the cell no longer contains “${from}”` };
  return { value: text.split(from).join(String(edit.to)) };
}

/**
 * Works out the cell changes of the given fixes (or of the fixes of the given findings), in order.
 * Several edits of one cell apply one after another; an edit whose precondition fails is skipped.
 */
export function applyFixes(fixes: (Fix | Finding)[], lookup: CellLookup): FixPlan {
  const cells = new Map<string, { sheet: string; cell: string; from: CellValue; to: string | number | null }>();
  const skipped: SkippedEdit[] = [];
  for (const f of fixes) {
    const fix = "edits" in f ? f : f.fix;
    if (!fix) continue;
    for (const edit of fix.edits) {
      const key = `${edit.sheet}\u0000${edit.cell}`;
      const entry = cells.get(key) ?? {
        sheet: edit.sheet,
        cell: edit.cell,
        from: lookup(edit.sheet, edit.cell),
        to: null,
      };
      const r = applyEdit(entry.to ?? entry.from, edit);
      if ("reason" in r) {
        skipped.push({ edit, reason: r.reason, reasonEn: r.reasonEn });
        continue;
      }
      entry.to = r.value;
      cells.set(key, entry);
    }
  }
  const changes: CellChange[] = [];
  for (const e of cells.values())
    if (e.to !== null && e.to !== e.from) changes.push({ sheet: e.sheet, cell: e.cell, from: e.from, to: e.to });
  return { changes, skipped };
}
