/**
 * Reading payment ledgers and assigning their rows to target tables. Every non-blank row is either a
 * payment of a table or a rejected row with its sheet, row and reason: nothing is dropped silently,
 * and nothing is guessed (a code that matches no table is not matched by name instead).
 *
 * The rules mirror the helper formulas of `./helpers` cell for cell, so the workbook's live figures
 * and the add-in's report agree.
 */
import { Grid } from "../grid";
import type { CellValue, SheetData } from "../../port/workbook";
import type { Diagnostic } from "../model";
import { cellAddress, parseRange } from "../address";
import { findLedgerHeader, type LedgerField, type LedgerHeader } from "./headers";
import { isoOfSerial, parseLedgerAmount, parseLedgerDate, serialOf, type Parsed } from "./values";
import { isBlank } from "../text";

export type FundSource = "fiscal" | "other";

export interface LedgerKey {
  kind: "code" | "name";
  /** As matched: code without spaces, name trimmed as spreadsheet TRIM does. */
  value: string;
}

export interface LedgerRow {
  sheet: string;
  row: number;
  date: Parsed<number>;
  amount: Parsed<string>;
  /** The amount as the helper formula yields it (the cell's number, or the text's value), or null. */
  amountNumber: number | null;
  /** The date cell as stored (the helper formula's input). */
  dateRaw: CellValue;
  /** As a payment: the date's serial (NaN when unreadable), the exact amount ("" when unreadable), the ledger's unit. */
  serial: number;
  value: string;
  unit: string;
  key: LedgerKey | null;
  source: FundSource | null;
  /** Whether the row reads like a total line (合计/小计). */
  total: boolean;
}

export interface LedgerSheet {
  header: LedgerHeader;
  /** Last row with anything in a ledger column (the header row when there is none). */
  lastRow: number;
}

export interface LedgerRead {
  sheets: LedgerSheet[];
  rows: LedgerRow[];
  diagnostics: Diagnostic[];
}

/** Spreadsheet TRIM: ASCII spaces off both ends, inner runs of them made one. */
export function trimSpaces(s: string): string {
  return s.replace(/^ +| +$/g, "").replace(/ {2,}/g, " ");
}

/** The text a formula sees of a cell value (`A1&""`). */
function textOf(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** A code cell as the helper formula reads it: spaces (ASCII and ideographic) removed. */
export function codeKey(v: CellValue): string {
  const t = textOf(v);
  return t.includes(" ") || t.includes("\u3000") ? t.replace(/[ \u3000]/g, "") : t;
}

/** Fund source of a ledger's 资金来源 text, as the helper formula classifies it; null when blank. */
export function fundSourceOf(text: string): FundSource | null {
  let s = SOURCES.get(text);
  if (s === undefined) {
    if (SOURCES.size > 10_000) SOURCES.clear();
    s = classifySource(text);
    SOURCES.set(text, s);
  }
  return s;
}

/** Sources already classified: a ledger repeats a handful of them. */
const SOURCES = new Map<string, FundSource | null>();

function classifySource(text: string): FundSource | null {
  if (trimSpaces(text) === "") return null;
  if (/非财政|财政专户/.test(text)) return "other";
  if (/财政|拨款|一般公共预算|政府性基金|国有资本|上级|本级|上年结转/.test(text)) return "fiscal";
  return "other";
}

/** Keywords of `fundSourceOf`, for the helper formula. */
export const OTHER_SOURCE_WORDS = ["非财政", "财政专户"];
export const FISCAL_SOURCE_WORDS = [
  "财政",
  "拨款",
  "一般公共预算",
  "政府性基金",
  "国有资本",
  "上级",
  "本级",
  "上年结转",
];

const TOTAL_WORDS = /^(合计|小计|总计|本页合计|本月合计|累计|合计金额)$/;

const TOTAL_FIELDS: LedgerField[] = ["name", "code", "memo", "date", "voucher"];

/**
 * Reads one ledger row from its cells: `vals[col - left]` the values, `texts` the display texts
 * (only needed for messages about values that are neither numbers nor text).
 */
const CODE_KEYS = new Map<string, LedgerKey>();

function rowFrom(
  sheet: string,
  r: number,
  h: LedgerHeader,
  vals: readonly CellValue[],
  left: number,
  texts: readonly string[] | null,
): LedgerRow {
  const c = h.cols;
  const at = (col: number | undefined): CellValue => (col === undefined ? null : (vals[col - left] ?? null));
  const dateValue = at(c.date);
  const amountValue = at(c.amount);
  const codeValue = at(c.code);
  const code = c.code !== undefined ? codeKey(codeValue) : "";
  let key: LedgerKey | null = null;
  if (code !== "") {
    // Shared key objects: a ledger names the same projects over and over.
    key = CODE_KEYS.get(code) ?? null;
    if (key === null) {
      if (CODE_KEYS.size > 100_000) CODE_KEYS.clear();
      key = { kind: "code", value: code };
      CODE_KEYS.set(code, key);
    }
  }
  let nameValue: CellValue = null;
  if (!key && c.name !== undefined) {
    nameValue = at(c.name);
    const name = trimSpaces(textOf(nameValue));
    if (name !== "") key = { kind: "name", value: name };
  }
  let looksTotal = false;
  for (let i = 0; i < TOTAL_FIELDS.length; i++) {
    const v = at(c[TOTAL_FIELDS[i]]);
    if (
      typeof v === "string" &&
      v.length <= 12 &&
      v.includes("计") &&
      TOTAL_WORDS.test(v.replace(/[\s\u3000:：]/g, ""))
    )
      looksTotal = true;
  }
  const shown = (col: number | undefined, v: CellValue): string =>
    typeof v === "string"
      ? v
      : typeof v === "number"
        ? String(v)
        : col === undefined
          ? ""
          : (texts?.[col - left] ?? textOf(v));
  const amount = parseLedgerAmount(
    amountValue,
    typeof amountValue === "string" ? amountValue : typeof amountValue === "number" ? "" : shown(c.amount, amountValue),
  );
  const date = parseLedgerDate(
    dateValue,
    typeof dateValue === "string" ? dateValue : typeof dateValue === "number" ? "" : shown(c.date, dateValue),
  );
  return {
    sheet,
    row: r,
    amountNumber: !amount.ok ? null : typeof amountValue === "number" ? amountValue : Number(amount.value),
    dateRaw: dateValue,
    serial: date.ok ? date.value : NaN,
    value: amount.ok ? amount.value : "",
    unit: h.unit,
    // The display texts only go into messages: numbers need none.
    date,
    amount,
    key,
    source: c.source !== undefined ? fundSourceOf(textOf(at(c.source))) : null,
    total: looksTotal,
  };
}

/** Reads one ledger row of a grid (the caller has checked it is not blank). */
export function readLedgerRow(grid: Grid, r: number, h: LedgerHeader): LedgerRow {
  const cols = Object.values(h.cols);
  const left = Math.min(...cols);
  const right = Math.max(...cols);
  const vals: CellValue[] = [];
  const texts: string[] = [];
  for (let c = left; c <= right; c++) {
    vals.push(grid.value(r, c));
    texts.push(grid.text(r, c));
  }
  return rowFrom(grid.name, r, h, vals, left, texts);
}

function blankValue(v: CellValue | undefined): boolean {
  return v === null || v === undefined || (typeof v === "string" && isBlank(v));
}

/** Finds every ledger in the sheets and reads its rows. */
export function readLedgers(sheets: SheetData[]): LedgerRead {
  const out: LedgerRead = { sheets: [], rows: [], diagnostics: [] };
  for (const data of sheets) {
    const grid = new Grid(data);
    if (grid.isEmpty) continue;
    const header = findLedgerHeader(grid, { inWorkbook: true });
    if (!header) continue;
    let lastRow = header.row;
    const cols = Object.values(header.cols);
    // Ledgers have no merges below the header as a rule; then the cells are read straight from the
    // snapshot's arrays, which matters at 50,000 rows.
    const merged = data.merges.some((m) => parseRange(m).bottom > header.row);
    for (let r = header.row + 1; r <= grid.bottom; r++) {
      if (merged) {
        if (cols.every((c) => grid.isBlank(r, c))) continue;
        lastRow = r;
        out.rows.push(readLedgerRow(grid, r, header));
        continue;
      }
      const vals = data.values[r - data.top];
      if (!vals || cols.every((c) => blankValue(vals[c - data.left]))) continue;
      lastRow = r;
      out.rows.push(rowFrom(grid.name, r, header, vals, data.left, data.texts[r - data.top] ?? null));
    }
    out.sheets.push({ header, lastRow });
    if (!header.unitStated)
      out.diagnostics.push({
        sheet: grid.name,
        cell: cellAddress(header.row, header.cols.amount!),
        message: "支付明细的金额列未注明单位（如“支付金额（元）”），按元计算",
        messageEn: "The ledger's amount column states no unit; read as 元",
      });
  }
  return out;
}

/** What a table is matched by, and its budget year. */
export interface TableMatchKey {
  code: string | null;
  name: string | null;
  year: number | null;
}

/** A counted payment (a ledger row, read). */
export interface Payment {
  readonly sheet: string;
  readonly row: number;
  readonly serial: number;
  /** Exact, in the ledger's unit. */
  readonly value: string;
  readonly unit: string;
  readonly source: FundSource | null;
}

export interface RejectedRow {
  sheet: string;
  row: number;
  reason: string;
  reasonEn: string;
}

export interface Matched {
  /** Payments of each table, by the tables' order. */
  payments: Payment[][];
  rejected: RejectedRow[];
  diagnostics: Diagnostic[];
}

/** Normalised for comparing, as SUMIFS compares text: case-insensitive. */
function fold(s: string): string {
  return s.toUpperCase();
}

/**
 * Whether a table's name can identify it: every table of that name is the same project (same code),
 * and the name fits a SUMIFS criterion.
 */
export function usableNames(tables: TableMatchKey[]): boolean[] {
  const byName = new Map<string, Set<string>>();
  const count = new Map<string, number>();
  for (const t of tables) {
    if (!t.name) continue;
    const k = fold(trimSpaces(t.name));
    if (!byName.has(k)) byName.set(k, new Set());
    byName.get(k)!.add(t.code ? fold(t.code) : "");
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return tables.map((t) => {
    // SUMIFS takes criteria of at most 255 characters: a longer name cannot be matched by formula.
    if (!t.name || trimSpaces(t.name).length > 250) return false;
    const k = fold(trimSpaces(t.name));
    const codes = byName.get(k)!;
    return codes.size === 1 && !(codes.has("") && count.get(k)! > 1);
  });
}

/** Assigns the rows to tables by code (else name) and budget year; the rest are rejected with reasons. */
export function matchRows(rows: LedgerRow[], tables: TableMatchKey[]): Matched {
  const byCode = new Map<string, number[]>();
  const byName = new Map<string, number[]>();
  const ambiguousNames = new Set<string>();
  const nameOk = usableNames(tables);
  tables.forEach((t, i) => {
    if (t.code) {
      const k = fold(t.code);
      if (!byCode.has(k)) byCode.set(k, []);
      byCode.get(k)!.push(i);
    }
    if (t.name) {
      const k = fold(trimSpaces(t.name));
      if (nameOk[i]) {
        if (!byName.has(k)) byName.set(k, []);
        byName.get(k)!.push(i);
      } else ambiguousNames.add(k);
    }
  });
  const out: Matched = { payments: tables.map(() => []), rejected: [], diagnostics: [] };
  const yearRange = tables.map((t): [number, number] | null =>
    t.year === null ? null : [serialOf(t.year, 1, 1), serialOf(t.year, 12, 31)],
  );
  // Ledgers repeat the same few keys: each is folded and looked up once.
  const codeTargets = new Map<string, number[]>();
  const NONE: number[] = [];
  for (const row of rows) {
    // The common case first: a readable row of a known code, one table, in its year.
    if (row.date.ok && row.amount.ok && row.key !== null && row.key.kind === "code" && !row.total) {
      let found = codeTargets.get(row.key.value);
      if (found === undefined) codeTargets.set(row.key.value, (found = byCode.get(fold(row.key.value)) ?? NONE));
      if (found.length === 1) {
        const y = yearRange[found[0]];
        const serial = row.date.value;
        if (y !== null && serial >= y[0] && serial <= y[1]) {
          out.payments[found[0]].push(row);
          continue;
        }
      }
    }
    const reasons: [string, string][] = [];
    if (!row.date.ok) reasons.push([row.date.reason, row.date.reasonEn]);
    if (!row.amount.ok) reasons.push([row.amount.reason, row.amount.reasonEn]);
    let targets: number[] = NONE;
    if (!row.key) reasons.push(["没有项目编码或项目名称", "no project code or name"]);
    else if (row.key.kind === "code") {
      let found = codeTargets.get(row.key.value);
      if (found === undefined) codeTargets.set(row.key.value, (found = byCode.get(fold(row.key.value)) ?? NONE));
      targets = found;
      if (targets.length === 0)
        reasons.push([
          `项目编码“${row.key.value}”不在任何目标表中`,
          `project code "${row.key.value}" matches no target table`,
        ]);
    } else {
      const k = fold(row.key.value);
      targets = byName.get(k) ?? [];
      if (targets.length === 0)
        reasons.push(
          ambiguousNames.has(k)
            ? [
                `项目名称“${row.key.value}”对应多张目标表，请填写项目编码`,
                `project name "${row.key.value}" names several tables; give the code`,
              ]
            : [`项目名称“${row.key.value}”不在任何目标表中`, `project name "${row.key.value}" matches no target table`],
        );
    }
    if (reasons.length === 0 && row.date.ok && row.amount.ok) {
      const serial = row.date.value;
      const within = (i: number): boolean => {
        const y = yearRange[i];
        return y !== null && serial >= y[0] && serial <= y[1];
      };
      const inYear = targets.length === 1 ? (within(targets[0]) ? targets : NONE) : targets.filter(within);
      if (inYear.length === 0) {
        const years = [...new Set(targets.map((i) => tables[i].year))];
        reasons.push(
          years.every((y) => y === null)
            ? ["目标表的预算年度未知，无法计入", "the table's budget year is unknown"]
            : [
                `日期 ${isoOfSerial(row.date.value)} 不在预算年度 ${years.filter((y) => y !== null).join("、")} 内`,
                `date ${isoOfSerial(row.date.value)} is outside budget year ${years.join(", ")}`,
              ],
        );
      }
      for (const i of inYear) out.payments[i].push(row);
      if (inYear.length > 0 && row.total)
        out.diagnostics.push({
          sheet: row.sheet,
          cell: `A${row.row}`,
          message: "此行像是合计行，但填了项目、日期和金额，已按一笔支付计入；如是合计请删除",
          messageEn: "This row reads like a total but has a project, date and amount; counted as a payment",
        });
    }
    if (reasons.length > 0) {
      const lead: [string, string][] = row.total ? [["合计行，不计入", "total line, not counted"]] : [];
      const all = row.total ? lead : [...lead, ...reasons];
      out.rejected.push({
        sheet: row.sheet,
        row: row.row,
        reason: all.map((r) => r[0]).join("；"),
        reasonEn: all.map((r) => r[1]).join("; "),
      });
    }
  }
  return out;
}
