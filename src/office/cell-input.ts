/**
 * What the adapter writes into `Range.values` for a port value, so that text stays text.
 *
 * `Range.values` is parsed the way Excel parses what a person types: a string starting with `=`, `+`
 * or `-` becomes a formula (Office.js documents this), `@` too in current Excel, and strings that look
 * like numbers, percentages, dates, times, booleans or error codes are converted (`"0012"` → 12,
 * `"50%"` → 0.5, `"2024-1-1"` → a date, `"TRUE"` → true, `"#N/A"` → an error). The port's strings are
 * text unless `formulas` is set and the string starts with `=`.
 *
 * Of Excel's two ways to store such a string verbatim the adapter uses the leading apostrophe, the
 * quote prefix, and not the Text number format (`@`):
 * - it is exactly what Excel does when a person types `'=A1`: the apostrophe is not part of the
 *   value (`values` and `text` read back `=A1`), the cell keeps its number format, and the cell only
 *   gets Excel's `quotePrefix` flag;
 * - it goes in the same `values` array, so no second `numberFormat` matrix doubles the request, and
 *   nothing depends on the order of two writes in the batch;
 * - the Text format would stay on the cell after us, so a number the user later types there would be
 *   stored as text and a formula would not calculate.
 * The apostrophe is added only where Excel would otherwise convert the string (or eat a leading
 * apostrophe of the text itself); other text is written as is.
 */
import type { CellValue } from "../port/workbook";

/** What Excel's input parser would turn into something other than this text. */
const FORMULA_START = /^[=+\-@]/;
/** Numbers, currency, percentages, fractions, dates and times all start like this; so do errors (#). */
const NUMBER_LIKE_START = /^[\s\d.,(（$¥￥€£%#]/;
/** Full-width ASCII forms (＝, ＋, １２, ％): Excel in CJK locales converts them like half-width ones. */
const FULL_WIDTH_START = /^[\uff01-\uff5e]/;
/** English month names start dates Excel recognises in every locale (`Mar-24`, `May 2024`). */
const MONTH_DATE = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[\s\-/,]*\d/i;
const BOOLEAN = /^\s*(true|false)\s*$/i;

/** Whether Excel would store `text` as something else when it is written through `Range.values`. */
export function needsQuotePrefix(text: string): boolean {
  if (text === "") return false;
  if (text.startsWith("'")) return true;
  return (
    FORMULA_START.test(text) ||
    NUMBER_LIKE_START.test(text) ||
    FULL_WIDTH_START.test(text) ||
    MONTH_DATE.test(text) ||
    BOOLEAN.test(text)
  );
}

export type ExcelInput = string | number | boolean;

/**
 * The value to put in `Range.values` for a port value. `null` becomes `""`: Office.js leaves a cell
 * unchanged for `null` in the array, while the port means an empty cell.
 */
export function excelInput(value: CellValue, formulas: boolean): ExcelInput {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value;
  if (formulas && value.startsWith("=")) return value;
  return needsQuotePrefix(value) ? `'${value}` : value;
}

/**
 * A rectangular `Range.values` array for port rows. Short rows are padded with `null`, which
 * Office.js reads as "leave this cell alone", as the ExcelJS adapter writes only the cells given.
 */
export function excelInputRows(values: CellValue[][], formulas: boolean): (ExcelInput | null)[][] {
  const width = values.reduce((w, row) => Math.max(w, row.length), 0);
  return values.map((row) => {
    const out: (ExcelInput | null)[] = row.map((v) => excelInput(v, formulas));
    while (out.length < width) out.push(null);
    return out;
  });
}
