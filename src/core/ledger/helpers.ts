/**
 * The generated helper columns of a ledger: formulas that turn what the user typed into values
 * SUMIFS can use, row by row, without changing the typed cells. They are filled well below the last
 * payment, so rows a colleague adds later in Excel or WPS (without the add-in) are covered too.
 *
 *   日期文本  the date's text with spaces out, 年/月 `/` `.` as `-`, 日 out (a number 20220315 as text)
 *   换算日期  a real date (serial), or "" when the date cannot be read
 *   匹配项目  the project code without spaces, else the name as TRIM gives it
 *   换算金额  the amount as a number, or "" when it cannot be read
 *   换算来源  财政 / 其他 / "" (only when the ledger has a fund-source column)
 *
 * Each formula mirrors a function of `./values` and `./read`; tests check them against each other.
 */
import type { CellValue } from "../../port/workbook";
import type { Grid } from "../grid";
import { cellAddress, columnLetters, quoteSheet } from "../address";
import type { LedgerHeader } from "./headers";
import { isErrorText } from "../reader/cells";
import { normaliseDateText, parseLedgerAmount, parseLedgerDate } from "./values";
import { codeKey, FISCAL_SOURCE_WORDS, fundSourceOf, OTHER_SOURCE_WORDS, trimSpaces, type LedgerRow } from "./read";

export type HelperKind = "text" | "date" | "key" | "amount" | "source";

export const HELPER_HEADERS: Record<HelperKind, string> = {
  text: "日期文本（自动）",
  date: "换算日期（自动）",
  key: "匹配项目（自动）",
  amount: "换算金额（自动）",
  source: "换算来源（自动）",
};

export const AS_OF_LABEL = "截止日期";
export const AS_OF_NAME = "截止日期";
export const PROJECT_LIST_HEADERS = ["可选项目编码", "可选项目名称"] as const;

/** Rows below the last payment the helper formulas reach at least, for rows added later. */
export const HELPER_SPARE_ROWS = 5000;
/** The spare rows as a share of the ledger's rows, when that is more than `HELPER_SPARE_ROWS`. */
export const HELPER_SPARE_SHARE = 0.25;
/** The last row of a worksheet (Excel, WPS and LibreOffice alike). */
export const MAX_SHEET_ROWS = 1_048_576;

/**
 * The last row the helper formulas are filled to: past the ledger's last payment by a quarter of its
 * rows or by 5,000 rows, whichever is more (room for the payments a colleague adds without the
 * add-in), never short of an earlier run's reach, and never past the sheet's last row. The column is
 * one shared formula (`fillFormula`), yet each row of the reach is still a cell in the file and in
 * every save, so the reach is kept to what a ledger plausibly gains between runs; a run after the
 * ledger has grown past it extends it.
 */
export function helperLastRow(headerRow: number, lastData: number, previousBottom = 0): number {
  const rows = Math.max(0, lastData - headerRow);
  const spare = Math.max(HELPER_SPARE_ROWS, Math.ceil(rows * HELPER_SPARE_SHARE));
  const reach = Math.max(Math.max(lastData, headerRow) + spare, previousBottom);
  return Math.min(MAX_SHEET_ROWS, reach);
}

export function helperKinds(h: LedgerHeader): HelperKind[] {
  return h.cols.source !== undefined ? ["text", "date", "key", "amount", "source"] : ["text", "date", "key", "amount"];
}

/** Where a ledger's generated columns stand. */
export interface HelperLayout {
  sheet: string;
  headerRow: number;
  firstRow: number;
  /** Last row the helper formulas are filled to. */
  lastRow: number;
  cols: Partial<Record<HelperKind, number>>;
  /** The as-of date's label cell and value cell (row, column). */
  asOfLabel: { row: number; col: number };
  asOf: { row: number; col: number };
  /** First column of the project list the dropdown reads. */
  listCol: number;
}

function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function seq(n: number): string {
  return `{${Array.from({ length: n }, (_, i) => i + 1).join(",")}}`;
}

/** `--MID(t,{1..n},1)` counted where numeric: how many of the first n characters are digits. */
function digits(t: string, n: number): string {
  return `SUMPRODUCT(--ISNUMBER(--MID(${t},${seq(n)},1)))`;
}

/** A checked DATE(y, m, d) of text parts: "" unless the parts are a real calendar date. */
function checkedDate(y: string, m: string, d: string): string {
  const date = `DATE(${y},${m},${d})`;
  return `IF(AND(YEAR(${date})=--${y},MONTH(${date})=--${m},DAY(${date})=--${d}),${date},"")`;
}

function rel(row: number, col: number | undefined): string {
  return col === undefined ? '""' : cellAddress(row, col);
}

/** The A1 formula of a helper column at `row` (relative references: it fills down). */
export function helperFormula(kind: HelperKind, h: LedgerHeader, layout: HelperLayout, row: number): string {
  const x = rel(row, h.cols.date);
  switch (kind) {
    case "text": {
      let n = x;
      for (const [from, to] of [
        [" ", ""],
        ["\u3000", ""],
        ["年", "-"],
        ["月", "-"],
        ["日", ""],
        ["/", "-"],
        [".", "-"],
      ])
        n = `SUBSTITUTE(${n},${str(from)},${str(to)})`;
      return `=IFERROR(IF(ISNUMBER(${x}),IF(AND(${x}>=10000000,${x}<=99991231,${x}=INT(${x})),${x}&"",""),${n}),"")`;
    }
    case "date": {
      const t = cellAddress(row, layout.cols.text!);
      const eight = `AND(LEN(${t})=8,${digits(t, 8)}=8)`;
      const p2 = `FIND("-",${t},6)`;
      const ymd =
        `AND(LEN(${t})>=8,LEN(${t})<=10,MID(${t},5,1)="-",LEN(${t})-LEN(SUBSTITUTE(${t},"-",""))=2,` +
        `${digits(t, 10)}=LEN(${t})-2,${p2}<=8,LEN(${t})-${p2}<=2)`;
      const parse =
        `IF(${eight},${checkedDate(`LEFT(${t},4)`, `MID(${t},5,2)`, `MID(${t},7,2)`)},` +
        `IF(${ymd},${checkedDate(`LEFT(${t},4)`, `MID(${t},6,${p2}-6)`, `MID(${t},${p2}+1,2)`)},""))`;
      return `=IFERROR(IF(AND(ISNUMBER(${x}),${x}>=1,${x}<2958466),INT(${x}),IF(${t}="","",${parse})),"")`;
    }
    case "key": {
      const code =
        h.cols.code !== undefined ? `SUBSTITUTE(SUBSTITUTE(${rel(row, h.cols.code)}," ",""),"\u3000","")` : null;
      const name = h.cols.name !== undefined ? `TRIM(${rel(row, h.cols.name)})` : null;
      if (code && name) return `=IFERROR(IF(${code}<>"",${code},${name}),"")`;
      return `=IFERROR(${code ?? name},"")`;
    }
    case "amount": {
      const a = rel(row, h.cols.amount);
      let s = a;
      for (const ch of [",", "，", " ", "\u3000"]) s = `SUBSTITUTE(${s},${str(ch)},"")`;
      const nd = `(LEN(${s})-LEN(SUBSTITUTE(${s},"-","")))`;
      const np = `(LEN(${s})-LEN(SUBSTITUTE(${s},".","")))`;
      const dg = digits(s, 21);
      const ok =
        `AND(${nd}<=1,OR(${nd}=0,LEFT(${s},1)="-"),${np}<=1,${dg}=LEN(${s})-${nd}-${np},${dg}>=1,` +
        `${dg}+${np}<=20,RIGHT(${s},1)<>".",MID(${s},${nd}+1,1)<>".")`;
      return `=IFERROR(IF(ISNUMBER(${a}),${a},IF(${ok},VALUE(${s}),"")),"")`;
    }
    case "source": {
      const s = rel(row, h.cols.source);
      const any = (words: string[]): string => `SUMPRODUCT(--ISNUMBER(SEARCH({${words.map(str).join(",")}},${s})))>0`;
      return (
        `=IFERROR(IF(TRIM(${s})="","",IF(${any(OTHER_SOURCE_WORDS)},"其他",` +
        `IF(${any(FISCAL_SOURCE_WORDS)},"财政","其他"))),"")`
      );
    }
  }
}

/** What a helper formula yields for a row already read (`readLedgerRow`); "" for a blank row. */
export function helperResultOf(kind: Exclude<HelperKind, "text">, row: LedgerRow | undefined): CellValue {
  if (!row) return "";
  switch (kind) {
    case "date":
      return row.date.ok ? row.date.value : "";
    case "key":
      return row.key?.value ?? "";
    case "amount":
      return row.amountNumber ?? "";
    case "source":
      return row.source === "fiscal" ? "财政" : row.source === "other" ? "其他" : "";
  }
}

/** What the 日期文本 helper yields for a date cell's value. */
export function helperText(v: CellValue): CellValue {
  if (typeof v === "number") return Number.isInteger(v) && v >= 10_000_000 && v <= 99_991_231 ? String(v) : "";
  if (v === null) return "";
  if (typeof v === "string" && isErrorText(v)) return "";
  return normaliseDateText(typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : v);
}

/** What a helper formula yields for a row, computed the core's way (the cached result). */
export function helperResult(kind: HelperKind, grid: Grid, h: LedgerHeader, row: number): CellValue {
  const value = (col: number | undefined): CellValue => (col === undefined ? null : grid.value(row, col));
  const text = (col: number | undefined): string => (col === undefined ? "" : grid.text(row, col));
  switch (kind) {
    case "text":
      return helperText(value(h.cols.date));
    case "date": {
      const d = parseLedgerDate(value(h.cols.date), text(h.cols.date));
      return d.ok ? d.value : "";
    }
    case "key": {
      const code = h.cols.code !== undefined ? codeKey(value(h.cols.code)) : "";
      if (code !== "") return code;
      const v = value(h.cols.name);
      return h.cols.name !== undefined && v !== null ? trimSpaces(String(v)) : "";
    }
    case "amount": {
      const a = parseLedgerAmount(value(h.cols.amount), text(h.cols.amount));
      return a.ok ? Number(a.value) : "";
    }
    case "source": {
      const v = value(h.cols.source);
      const s = v === null ? null : fundSourceOf(String(v));
      return s === "fiscal" ? "财政" : s === "other" ? "其他" : "";
    }
  }
}

/** Absolute range of a helper column over its filled rows, sheet-qualified, for SUMIFS. */
export function helperRange(layout: HelperLayout, kind: HelperKind): string | null {
  const c = layout.cols[kind];
  if (c === undefined) return null;
  const L = columnLetters(c);
  return `${quoteSheet(layout.sheet)}!$${L}$${layout.firstRow}:$${L}$${layout.lastRow}`;
}

/** The as-of cell, absolute and sheet-qualified. */
export function asOfRef(layout: HelperLayout): string {
  return `${quoteSheet(layout.sheet)}!$${columnLetters(layout.asOf.col)}$${layout.asOf.row}`;
}
