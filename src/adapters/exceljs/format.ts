/**
 * The text a person sees in a cell, for adapters whose engine does not give it (ExcelJS). Office.js
 * gives `range.text` directly. Number formats go through SSF, SheetJS's implementation of ECMA-376
 * format codes.
 */
import SSF from "ssf";
import type { CellValue } from "../../port/workbook";

/** Excel's General format: up to 11 significant digits, no trailing zeros. */
function general(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e11) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e11 || abs < 1e-9))
    return n
      .toExponential(5)
      .replace(/\.?0+e/, "E")
      .replace("E+", "E+");
  return String(Number(n.toPrecision(11)));
}

export function displayText(v: CellValue, numFmt: string | undefined, isDate: boolean): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  const fmt = numFmt && numFmt !== "General" ? numFmt : isDate ? "yyyy-mm-dd" : null;
  if (fmt === null) return general(v);
  try {
    return SSF.format(fmt, v);
  } catch {
    return general(v);
  }
}
