/**
 * `rates`: execution rates (预算执行率) of every table from the workbook's payment ledger, reported as
 * data and written into the workbook as live formulas with their results cached.
 *
 * What is written (never inserting rows or columns into a user's table):
 * - On each ledger sheet, to the right of the ledger: helper columns of formulas that turn dates,
 *   projects, amounts and fund sources as typed into values SUMIFS can use (see
 *   core/ledger/helpers), filled well below the last payment so rows added later without the add-in
 *   count too; the as-of date (截止日期, a visible cell and a workbook name) the formulas read; the
 *   list of projects the ledger's dropdown offers.
 * - Beside each form-layout table (right of it, from its plan row down): a block of checkpoint
 *   dates, plan, 序时进度, cumulative paid, rate, both gaps, per fund source when the ledger records
 *   them, and a 偏差原因 prompt; a generated sheet's reserved 执行率（%） row gets the rates too.
 * - Beside a project list: paid and rate columns per checkpoint on each project's row.
 * Checkpoints after the as-of date show "" (empty), not 0. Cells behind plan or 序时进度 are filled.
 * Running again rewrites the same cells (positions kept in the `rates` record), never duplicates.
 */
import Big from "big.js";
import type { CellStyle, CellValue, SheetData, WorkbookChange, WorkbookPort } from "../port/workbook";
import type { Diagnostic, ReadResult, TargetTable } from "../core/model";
import { Grid } from "../core/grid";
import { readSheets, INTERNAL_SHEET_PREFIX } from "../core/reader";
import { findLists, type ListSheets } from "../core/reader/lists";
import {
  cellAddress,
  columnLetters,
  parseCell,
  parseRange,
  quoteSheet,
  rangeAddress,
  type RangeRef,
} from "../core/address";
import { labelKey } from "../core/text";
import { toNumber } from "../core/decimal";
import { convertAmount } from "../core/amount";
import { decodeStore, storeChanges, storeSheetName } from "../core/store";
import { readSettings } from "../core/settings";
import { freeSheetName, ownChanges, ownedSheet } from "../core/owned";
import { unitOfLine } from "../core/reader/header-lines";
import { findLedgerHeader, type LedgerHeader } from "../core/ledger/headers";
import { readLedgers, trimSpaces, usableNames, type LedgerRead, type LedgerRow } from "../core/ledger/read";
import {
  AS_OF_LABEL,
  AS_OF_NAME,
  asOfRef,
  HELPER_HEADERS,
  helperFormula,
  helperLastRow,
  helperKinds,
  helperRange,
  helperResultOf,
  helperText,
  PROJECT_LIST_HEADERS,
  type HelperKind,
  type HelperLayout,
} from "../core/ledger/helpers";
import { isoOfSerial, parseLedgerDate, serialOf, ymdOfSerial } from "../core/ledger/values";
import { checkpointDate } from "../core/rates/checkpoints";
import {
  computeRates,
  defaultAsOf,
  ratePercent,
  workbookYear,
  type RatesReport,
  type TableRates,
} from "../core/rates/compute";
import { RATES_RECORD, ratesSettingsFrom, type RatesSettings } from "../core/rates/settings";
import { chartChange, findChartBlock, weightedActual } from "../core/generate/summary";

export { RATES_RECORD, readRatesSettings } from "../core/rates/settings";
export const LEDGER_SHEET = "支付明细";

/** Colours of the marks. */
export const BEHIND_PLAN_FILL = "#F8CBAD";
export const BEHIND_PACE_FILL = "#FFE699";
export const REASON_FILL = "#FFF2CC";
const HEADER_FILL = "#F2F2F2";
const HELPER_FONT = "#7F7F7F";

const DATE_FORMAT = "yyyy-mm-dd";
const AMOUNT_FORMAT = "#,##0.00####";
const RATE_FORMAT = "0.00";

/** The ledger columns a created ledger has, left to right. */
export const LEDGER_COLUMNS = ["支付日期", "项目编码", "项目名称", "支付金额（元）", "资金来源", "凭证号", "摘要"];

/** Where the add-in wrote, kept in the workbook so a second run rewrites the same cells. */
export interface RatesRecord {
  /** The thresholds and tolerances (the one place they are stored; see `readRatesSettings`). */
  settings?: RatesSettings;
  blocks: { sheet: string; range: string; marks: string[]; reason: string | null }[];
  helpers: { sheet: string; range: string }[];
  /**
   * Serial of the as-of date the add-in last wrote into the 截止日期 cell. A different date there
   * was typed by the user, and a run without an explicit date keeps it.
   */
  asOfWritten?: number;
}

export interface RatesOptions {
  /**
   * Serial of the as-of date given by the user (always used, and written). Absent: the date in the
   * workbook's 截止日期 cell when the user typed it there (it differs from what the add-in wrote),
   * else today, or the budget year's end if earlier.
   */
  asOf?: number;
  /** Thresholds to use and store in the workbook; absent: the workbook's (or the defaults). */
  settings?: RatesSettings;
  /** Serial of today. */
  today: number;
  /** Whether to produce the workbook changes (default true). */
  write?: boolean;
  /** Told how long each phase took (ms), for the benchmark. */
  profile?: (phase: "tables" | "ledger" | "rates" | "writes", ms: number) => void;
  /**
   * The core reader's result for every sheet of this snapshot, when the caller has it already (`all`
   * reads once after `generate`). Read from every sheet, they are the tables rates would read (rates
   * may leave out a sheet that is a mere indicator list, which only adds indicators rates ignore).
   */
  tables?: ReadResult;
}

/** Where the as-of date came from: given, typed into the workbook's 截止日期 cell, or the default rule. */
export type AsOfSource = "explicit" | "workbook" | "default";

export interface RatesOutcome {
  report: RatesReport;
  asOfSource: AsOfSource;
  changes: WorkbookChange[];
  /** The ledger sheet created because the workbook had none, if any. */
  createdLedger: string | null;
}

// ---------------------------------------------------------------------------------------------
// Writes collected per sheet, turned into few changes.

class Writes {
  private readonly values = new Map<string, Map<number, Map<number, CellValue>>>();
  private readonly formulas = new Map<string, { cell: string; formula: string; result: CellValue }[]>();
  readonly before: WorkbookChange[] = [];
  readonly fills: WorkbookChange[] = [];
  readonly styles: WorkbookChange[] = [];
  readonly after: WorkbookChange[] = [];

  value(sheet: string, row: number, col: number, v: CellValue): void {
    let rows = this.values.get(sheet);
    if (!rows) this.values.set(sheet, (rows = new Map()));
    let cols = rows.get(row);
    if (!cols) rows.set(row, (cols = new Map()));
    cols.set(col, v);
  }

  formula(sheet: string, row: number, col: number, formula: string, result: CellValue): void {
    let list = this.formulas.get(sheet);
    if (!list) this.formulas.set(sheet, (list = []));
    list.push({ cell: cellAddress(row, col), formula, result });
  }

  style(sheet: string, range: RangeRef | string, style: CellStyle): void {
    this.styles.push({
      kind: "setStyle",
      sheet,
      range: typeof range === "string" ? range : rangeAddress(range),
      style,
    });
  }

  fill(sheet: string, cell: string, color: string | null): void {
    this.fills.push(
      color === null
        ? { kind: "setLook", sheet, cell, look: { fill: null, note: null } }
        : { kind: "setStyle", sheet, range: cell, style: { fill: color } },
    );
  }

  changes(): WorkbookChange[] {
    const out: WorkbookChange[] = [...this.before];
    for (const [sheet, rows] of this.values) {
      for (const [row, cols] of [...rows].sort((a, b) => a[0] - b[0])) {
        const sorted = [...cols].sort((a, b) => a[0] - b[0]);
        let i = 0;
        while (i < sorted.length) {
          const start = sorted[i][0];
          const run: CellValue[] = [sorted[i][1]];
          while (i + 1 < sorted.length && sorted[i + 1][0] === sorted[i][0] + 1) run.push(sorted[++i][1]);
          i++;
          out.push({ kind: "setValues", sheet, anchor: cellAddress(row, start), values: [run] });
        }
      }
    }
    for (const [sheet, cells] of this.formulas) out.push({ kind: "setFormulas", sheet, cells });
    out.push(...this.styles, ...this.fills);
    // Column widths: one change per sheet however many blocks set them.
    const widths = new Map<string, Map<number, number>>();
    for (const ch of this.after) {
      if (ch.kind !== "setColumnWidths") {
        out.push(ch);
        continue;
      }
      if (!widths.has(ch.sheet)) widths.set(ch.sheet, new Map());
      for (const x of ch.widths) widths.get(ch.sheet)!.set(x.col, x.width);
    }
    for (const [sheet, cols] of widths)
      out.push({ kind: "setColumnWidths", sheet, widths: [...cols].map(([col, width]) => ({ col, width })) });
    return out;
  }
}

/** Clears a rectangle's values (one change). */
function clearRange(sheet: string, r: RangeRef): WorkbookChange {
  const values: CellValue[][] = [];
  for (let row = r.top; row <= r.bottom; row++) values.push(new Array<CellValue>(r.right - r.left + 1).fill(null));
  return { kind: "setValues", sheet, anchor: cellAddress(r.top, r.left), values };
}

function overlaps(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

function abs(row: number, col: number): string {
  return `$${columnLetters(col)}$${row}`;
}

function str(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** A SUMIFS criterion matching exactly this text (wildcards escaped). */
function exactCriterion(s: string): string {
  return str(`=${s.replace(/[~*?]/g, (c) => `~${c}`)}`);
}

function num(d: string | null): CellValue {
  return d === null ? "" : Number(d);
}

// ---------------------------------------------------------------------------------------------
// Ledgers: helper columns, the as-of cell, the project list.

interface LedgerPlace {
  header: LedgerHeader;
  layout: HelperLayout;
}

/** Finds a text in a row, returning its column. */
function findInRow(grid: Grid | null, row: number, text: string): number | null {
  if (!grid) return null;
  for (let c = grid.left; c <= grid.right; c++) if (grid.ownText(row, c).trim() === text) return c;
  return null;
}

function helperLayoutOf(
  grid: Grid | null,
  header: LedgerHeader,
  lastData: number,
  previous: RangeRef | null,
): HelperLayout {
  const kinds = helperKinds(header);
  const found = kinds.map((k) => findInRow(grid, header.row, HELPER_HEADERS[k]));
  const contiguous =
    found.every((c) => c !== null) && found.every((c, i) => i === 0 || c === (found[i - 1] as number) + 1);
  const start = contiguous ? (found[0] as number) : Math.max(grid ? grid.right : header.right, header.right) + 2;
  const cols: Partial<Record<HelperKind, number>> = {};
  kinds.forEach((k, i) => (cols[k] = start + i));
  const end = start + kinds.length - 1;
  const firstRow = header.row + 1;
  const lastRow = helperLastRow(header.row, lastData, previous?.bottom ?? 0);
  return {
    sheet: header.sheet,
    headerRow: header.row,
    firstRow,
    lastRow,
    cols,
    asOfLabel: { row: header.row, col: end + 2 },
    asOf: { row: header.row, col: end + 3 },
    listCol: end + 5,
  };
}

/** The helper area's rectangle (helpers, as-of, project list) for the record. */
function helperArea(layout: HelperLayout, listRows: number): RangeRef {
  const cols = Object.values(layout.cols);
  return {
    top: layout.headerRow,
    left: Math.min(...cols),
    bottom: Math.max(layout.lastRow, layout.headerRow + 1 + listRows),
    right: layout.listCol + 1,
  };
}

interface ProjectEntry {
  code: string | null;
  name: string;
}

function projectList(tables: TargetTable[]): ProjectEntry[] {
  const seen = new Set<string>();
  const out: ProjectEntry[] = [];
  for (const t of tables) {
    const key = t.code ?? `name:${t.name}`;
    if (seen.has(key) || (t.code === null && t.name === "")) continue;
    seen.add(key);
    out.push({ code: t.code, name: t.name });
  }
  return out;
}

function writeLedgerHelpers(
  w: Writes,
  grid: Grid | null,
  place: LedgerPlace,
  withAsOf: boolean,
  asOf: number,
  projects: ProjectEntry[],
  rows: LedgerRow[],
): void {
  const { header, layout } = place;
  const sheet = header.sheet;
  const kinds = helperKinds(header);
  // The cached results, all columns in one pass over the rows read.
  const size = layout.lastRow - layout.firstRow + 1;
  const columns = new Map<HelperKind, CellValue[]>(kinds.map((k) => [k, new Array<CellValue>(size).fill("")]));
  if (grid) {
    const text = columns.get("text")!;
    const date = columns.get("date")!;
    const key = columns.get("key")!;
    const amount = columns.get("amount")!;
    const source = columns.get("source") ?? null;
    for (const row of rows) {
      const i = row.row - layout.firstRow;
      if (i < 0 || i >= size) continue;
      text[i] = helperText(row.dateRaw);
      date[i] = helperResultOf("date", row);
      key[i] = helperResultOf("key", row);
      amount[i] = helperResultOf("amount", row);
      if (source) source[i] = helperResultOf("source", row);
    }
  }
  for (const k of kinds) {
    const col = layout.cols[k]!;
    w.value(sheet, layout.headerRow, col, HELPER_HEADERS[k]);
    const results = columns.get(k)!;
    w.after.push({
      kind: "fillFormula",
      sheet,
      range: rangeAddress({ top: layout.firstRow, left: col, bottom: layout.lastRow, right: col }),
      formula: helperFormula(k, header, layout, layout.firstRow),
      results,
    });
  }
  const left = layout.cols[kinds[0]]!;
  const right = layout.cols[kinds[kinds.length - 1]]!;
  w.style(
    sheet,
    { top: layout.headerRow, left, bottom: layout.headerRow, right },
    {
      bold: true,
      fontColor: HELPER_FONT,
      fill: HEADER_FILL,
      wrap: true,
    },
  );
  w.style(sheet, { top: layout.firstRow, left, bottom: layout.lastRow, right }, { fontColor: HELPER_FONT });
  w.style(
    sheet,
    { top: layout.firstRow, left: layout.cols.date!, bottom: layout.lastRow, right: layout.cols.date! },
    {
      numberFormat: DATE_FORMAT,
    },
  );
  w.style(
    sheet,
    { top: layout.firstRow, left: layout.cols.amount!, bottom: layout.lastRow, right: layout.cols.amount! },
    { numberFormat: AMOUNT_FORMAT },
  );
  w.after.push({
    kind: "setColumnWidths",
    sheet,
    widths: [
      ...kinds.map((k) => ({ col: layout.cols[k]!, width: k === "key" ? 24 : 12 })),
      { col: layout.asOfLabel.col, width: 10 },
      { col: layout.asOf.col, width: 12 },
      { col: layout.listCol, width: 24 },
      { col: layout.listCol + 1, width: 30 },
    ],
  });
  if (withAsOf) {
    w.value(sheet, layout.asOfLabel.row, layout.asOfLabel.col, AS_OF_LABEL);
    w.value(sheet, layout.asOf.row, layout.asOf.col, asOf);
    w.value(
      sheet,
      layout.asOfLabel.row + 1,
      layout.asOfLabel.col,
      "执行率按此日期计算，可修改 (rates are as of this date)",
    );
    w.style(sheet, cellAddress(layout.asOfLabel.row, layout.asOfLabel.col), { bold: true });
    w.style(sheet, cellAddress(layout.asOf.row, layout.asOf.col), {
      numberFormat: DATE_FORMAT,
      bold: true,
      fill: REASON_FILL,
      border: true,
    });
    w.style(sheet, cellAddress(layout.asOfLabel.row + 1, layout.asOfLabel.col), { fontColor: HELPER_FONT });
    w.after.push({
      kind: "defineName",
      name: AS_OF_NAME,
      refersTo: `'${sheet.replace(/'/g, "''")}'!${abs(layout.asOf.row, layout.asOf.col)}`,
    });
  }
  // The projects the dropdown offers (and a reference for whoever types by hand).
  w.value(sheet, layout.headerRow, layout.listCol, PROJECT_LIST_HEADERS[0]);
  w.value(sheet, layout.headerRow, layout.listCol + 1, PROJECT_LIST_HEADERS[1]);
  w.style(
    sheet,
    { top: layout.headerRow, left: layout.listCol, bottom: layout.headerRow, right: layout.listCol + 1 },
    {
      bold: true,
      fontColor: HELPER_FONT,
      fill: HEADER_FILL,
    },
  );
  projects.forEach((p, i) => {
    w.value(sheet, layout.firstRow + i, layout.listCol, p.code ?? "");
    w.value(sheet, layout.firstRow + i, layout.listCol + 1, p.name);
  });
  // Rows of a longer list from an earlier run.
  if (grid) {
    let last = layout.firstRow + projects.length - 1;
    for (let r = layout.firstRow + projects.length; r <= grid.bottom; r++)
      if (!grid.isBlank(r, layout.listCol) || !grid.isBlank(r, layout.listCol + 1)) last = r;
    for (let r = layout.firstRow + projects.length; r <= last; r++) {
      w.value(sheet, r, layout.listCol, null);
      w.value(sheet, r, layout.listCol + 1, null);
    }
  }
}

/** The header of a ledger sheet the add-in creates (row 1, columns as `LEDGER_COLUMNS`). */
export function createdLedgerHeader(sheet: string): LedgerHeader {
  return {
    sheet,
    row: 1,
    cols: { date: 1, code: 2, name: 3, amount: 4, source: 5, voucher: 6, memo: 7 },
    unit: "元",
    unitStated: true,
    left: 1,
    right: 7,
  };
}

/**
 * The changes that create an empty ledger sheet: headers, date/amount/text formats, a project
 * dropdown and a fund-source dropdown, frozen header. The helper columns and the as-of date are
 * written by `planRates` (or `ledgerSheetChanges` below, which runs both).
 */
export function ledgerSheetBase(
  sheets: SheetData[],
  sheet: string,
  lastRow: number,
  listRange: string | null,
): WorkbookChange[] {
  const changes: WorkbookChange[] = [
    { kind: "addSheet", sheet },
    ...ownChanges(sheets, [{ name: sheet, role: "ledger" }]),
    { kind: "setValues", sheet, anchor: "A1", values: [LEDGER_COLUMNS] },
    {
      kind: "setStyle",
      sheet,
      range: `A1:G1`,
      style: { bold: true, fill: HEADER_FILL, border: true, horizontal: "center", wrap: true },
    },
    { kind: "setStyle", sheet, range: `A2:A${lastRow}`, style: { numberFormat: DATE_FORMAT } },
    // No Text format (@) on the code column: Excel keeps a quote prefix typed or written into a
    // Text-formatted cell as part of the value (`'13010023P003`), which would match no table. Codes
    // come from the dropdown, and the Office adapter writes digit-led text with a quote prefix.
    { kind: "setStyle", sheet, range: `D2:D${lastRow}`, style: { numberFormat: "#,##0.00" } },
    {
      kind: "setColumnWidths",
      sheet,
      widths: [12, 24, 30, 14, 10, 14, 30].map((width, i) => ({ col: i + 1, width })),
    },
    { kind: "freezePanes", sheet, rows: 1, columns: 0 },
    {
      kind: "dataValidation",
      sheet,
      range: `E2:E${lastRow}`,
      validation: { type: "list", source: ["财政", "其他"], allowBlank: true, strict: false },
    },
  ];
  if (listRange)
    changes.push({
      kind: "dataValidation",
      sheet,
      range: `B2:B${lastRow}`,
      validation: {
        type: "list",
        source: { formula: `=${listRange}` },
        allowBlank: true,
        strict: false,
        prompt: { title: "项目编码", message: "从下拉列表选择项目编码 (pick the project code)" },
      },
    });
  return changes;
}

/** The changes that create an empty ledger sheet named `sheet`, its project dropdown included. */
export function newLedgerChanges(sheets: SheetData[], sheet: string, projectCount: number): WorkbookChange[] {
  const header = createdLedgerHeader(sheet);
  const layout = helperLayoutOf(null, header, header.row, null);
  const list =
    projectCount > 0
      ? `${abs(layout.firstRow, layout.listCol)}:${abs(layout.firstRow + projectCount - 1, layout.listCol)}`
      : null;
  return ledgerSheetBase(sheets, sheet, layout.lastRow, list);
}

// ---------------------------------------------------------------------------------------------
// Formulas of paid amounts and rates.

interface FormulaContext {
  ledgers: LedgerPlace[];
  /** The as-of cell (absolute, sheet-qualified) and its value. */
  asOf: string;
  asOfSerial: number;
  settings: RatesSettings;
  /** Whether a table's name may identify it (by table index). */
  nameOk: boolean[];
}

const RANGES = new WeakMap<LedgerPlace, { amount: string; key: string; date: string; src: string | null }>();

/** The helper ranges of a ledger, built once. */
function rangesOf(place: LedgerPlace): { amount: string; key: string; date: string; src: string | null } {
  let r = RANGES.get(place);
  if (!r) {
    const l = place.layout;
    r = {
      amount: helperRange(l, "amount")!,
      key: helperRange(l, "key")!,
      date: helperRange(l, "date")!,
      src: helperRange(l, "source"),
    };
    RANGES.set(place, r);
  }
  return r;
}

/** The fixed parts of a table's SUMIFS terms, built once per table. */
interface PaidParts {
  /** Per ledger: the sums' text before the date reference, the ledger's source range, the unit factor. */
  ledgers: { heads: string[]; src: string | null; factor: string }[];
}

const PARTS = new WeakMap<TableRates, PaidParts>();

function paidParts(ctx: FormulaContext, index: number, tr: TableRates): PaidParts {
  let parts = PARTS.get(tr);
  if (parts) return parts;
  const t = tr.table;
  const year = tr.year!;
  const keys: string[] = [];
  if (t.code) keys.push(t.code);
  if (t.name && ctx.nameOk[index]) keys.push(trimSpaces(t.name));
  parts = {
    ledgers:
      keys.length === 0
        ? []
        : ctx.ledgers.map((place) => {
            const { amount, key, date, src } = rangesOf(place);
            return {
              heads: keys.map(
                (k) =>
                  `SUMIFS(${amount},${key},${exactCriterion(k)},${date},">="&DATE(${year},1,1),${date},"<="&DATE(${year},12,31),${date},"<="&`,
              ),
              src,
              factor: unitFactor(place.header.unit, t.unit),
            };
          }),
  };
  PARTS.set(tr, parts);
  return parts;
}

/** Cumulative paid up to `dateRef` (a cell or expression), in the table's unit: SUMIFS over the helper columns. */
function paidExpr(
  ctx: FormulaContext,
  index: number,
  tr: TableRates,
  dateRef: string,
  source?: "财政" | "其他",
): string {
  const terms: string[] = [];
  for (const l of paidParts(ctx, index, tr).ledgers) {
    if (source && !l.src) continue;
    const tail = source ? `${dateRef},${l.src},"${source}")` : `${dateRef})`;
    const sum = l.heads.length === 1 ? l.heads[0] + tail : `(${l.heads.map((h) => h + tail).join("+")})`;
    terms.push(sum + l.factor);
  }
  return terms.length === 0 ? "0" : terms.join("+");
}

const FACTORS = new Map<string, string>();

/** What a sum in one money unit is multiplied or divided by to be in another (`/10000`), or "". */
function unitFactor(from: string, to: string): string {
  const key = `${from}\u0000${to}`;
  let f = FACTORS.get(key);
  if (f === undefined) {
    const up = convertAmount("1", from, to);
    f = up === "1" ? "" : up.includes(".") ? `/${convertAmount("1", to, from)}` : `*${up}`;
    FACTORS.set(key, f);
  }
  return f;
}

/** 序时进度 at a date cell, as `paceAt` computes it. */
function paceFormula(settings: RatesSettings, year: number, x: string): string {
  let share = `ROUND((MONTH(${x})-1+DAY(${x})/DAY(EOMONTH(${x},0)))/12*100,2)`;
  for (const t of [...settings.thresholds].reverse()) {
    const day = t.day ? String(t.day) : `DAY(EOMONTH(${x},0))`;
    share = `IF(AND(MONTH(${x})=${t.month},DAY(${x})=${day}),${t.min},${share})`;
  }
  return `=IF(YEAR(${x})<${year},0,IF(YEAR(${x})>${year},100,${share}))`;
}

/** A formula of the table's budget: its cell where that holds a number, else the amount read. */
function budgetRef(grid: Grid, cell: string | null, amount: string | null): string | null {
  if (cell) {
    const p = parseCell(cell);
    if (typeof grid.value(p.row, p.col) === "number") return abs(p.row, p.col);
  }
  return amount;
}

/** The fiscal or other budget as a formula over the component cells, or the amount read. */
function sourceBudgetRef(grid: Grid, t: TargetTable, which: "fiscal" | "other", amount: string): string {
  const b = t.budget;
  let parts = b.components.filter((c) => (which === "fiscal" ? c.fiscal : !c.fiscal) && c.parent === null);
  if (which === "fiscal" && !parts.some((c) => c.amount !== null))
    parts = b.components.filter((c) => c.fiscal && c.parent !== null);
  const refs: string[] = [];
  for (const c of parts) {
    if (c.amount === null) continue;
    const r = budgetRef(grid, c.cell, null);
    if (r === null) return amount;
    refs.push(r);
  }
  return refs.length === 0 ? amount : refs.join("+");
}

function rateFormula(paidCell: string, budget: string | null): string {
  if (budget === null) return '=""';
  return `=IF(${paidCell}="","",IFERROR(ROUND(${paidCell}/(${budget})*100,2),""))`;
}

// ---------------------------------------------------------------------------------------------
// Blocks beside form tables.

interface Block {
  sheet: string;
  range: RangeRef;
  marks: string[];
  /** Fill of each mark. */
  colors: Map<string, string>;
  reason: string | null;
}

const BLOCK_LABELS = {
  title: "执行情况（自动）",
  date: "节点日期",
  plan: "计划进度（%）",
  pace: "序时进度（%）",
  paid: (unit: string) => `累计支出（${unit}）`,
  rate: "执行率（%）",
  gapPlan: "较计划（百分点）",
  gapPace: "较序时（百分点）",
  fiscalPaid: (unit: string) => `财政资金累计支出（${unit}）`,
  fiscalRate: "财政资金执行率（%）",
  otherPaid: (unit: string) => `其他资金累计支出（${unit}）`,
  otherRate: "其他资金执行率（%）",
  reason: "偏差原因",
  asOf: "截止日",
};

/** A checkpoint header that no reader takes for a plan checkpoint (`3月底止`). */
function checkpointHeader(label: string): string {
  return `${label}止`;
}

function blockHeight(hasSources: boolean): number {
  return 8 + (hasSources ? 4 : 0) + 1;
}

/** The plan cell as a percentage formula, or the plan read, or "". */
function planFormula(
  grid: Grid,
  planCell: string | null,
  plan: number | null,
): { formula: string | null; value: CellValue } {
  if (plan === null || planCell === null) return { formula: null, value: "" };
  const p = parseCell(planCell);
  const v = grid.value(p.row, p.col);
  if (typeof v !== "number" || v === 0) return { formula: null, value: plan };
  const factor = new Big(plan).div(v).round(6).toFixed();
  if (factor !== "1" && factor !== "100") return { formula: null, value: plan };
  const ref = abs(p.row, p.col);
  return {
    formula: `=IF(ISNUMBER(${ref}),ROUND(${ref}${factor === "100" ? "*100" : ""},2),"")`,
    value: plan,
  };
}

function gap(a: string | null, b: string | number | null): CellValue {
  if (a === null || b === null) return "";
  return Number(new Big(a).minus(new Big(b)).round(2, Big.roundHalfUp).toFixed());
}

function writeFormBlock(
  w: Writes,
  grid: Grid,
  index: number,
  tr: TableRates,
  origin: { row: number; col: number },
  ctx: FormulaContext,
  hasSources: boolean,
  previousReason: { text: string } | null,
): Block {
  const t = tr.table;
  const sheet = t.sheet;
  const r0 = origin.row;
  const c0 = origin.col;
  const cps = tr.checkpoints;
  const n = cps.length;
  const asOfCol = c0 + 1 + n;
  const right = asOfCol;
  const height = blockHeight(hasSources);
  const bottom = r0 + height - 1;
  const marks: string[] = [];
  const colors = new Map<string, string>();
  const mark = (cell: string, color: string): void => {
    marks.push(cell);
    colors.set(cell, color);
  };
  const row = {
    title: r0,
    date: r0 + 1,
    plan: r0 + 2,
    pace: r0 + 3,
    paid: r0 + 4,
    rate: r0 + 5,
    gapPlan: r0 + 6,
    gapPace: r0 + 7,
    fiscalPaid: r0 + 8,
    fiscalRate: r0 + 9,
    otherPaid: r0 + 10,
    otherRate: r0 + 11,
    reason: bottom,
  };
  const labels: [number, string][] = [
    [row.title, BLOCK_LABELS.title],
    [row.date, BLOCK_LABELS.date],
    [row.plan, BLOCK_LABELS.plan],
    [row.pace, BLOCK_LABELS.pace],
    [row.paid, BLOCK_LABELS.paid(t.unit)],
    [row.rate, BLOCK_LABELS.rate],
    [row.gapPlan, BLOCK_LABELS.gapPlan],
    [row.gapPace, BLOCK_LABELS.gapPace],
  ];
  if (hasSources)
    labels.push(
      [row.fiscalPaid, BLOCK_LABELS.fiscalPaid(t.unit)],
      [row.fiscalRate, BLOCK_LABELS.fiscalRate],
      [row.otherPaid, BLOCK_LABELS.otherPaid(t.unit)],
      [row.otherRate, BLOCK_LABELS.otherRate],
    );
  for (const [r, text] of labels) w.value(sheet, r, c0, text);
  cps.forEach((cp, j) => w.value(sheet, row.title, c0 + 1 + j, checkpointHeader(cp.label)));
  w.value(sheet, row.title, asOfCol, BLOCK_LABELS.asOf);

  const year = tr.year;
  const budget = budgetRef(grid, tr.budgetCell, tr.budget);
  const cols: { col: number; serial: number | null; cp: (typeof cps)[number] | null }[] = [
    ...cps.map((cp, j) => ({ col: c0 + 1 + j, serial: cp.serial, cp })),
    { col: asOfCol, serial: null, cp: null },
  ];
  for (const { col, serial, cp } of cols) {
    const dateCell = abs(row.date, col);
    const isAsOf = cp === null;
    // Dates.
    if (isAsOf) w.formula(sheet, row.date, col, `=${ctx.asOf}`, ctx.asOfSerial);
    else w.value(sheet, row.date, col, serial ?? "");
    const dueResult = (v: string | null): CellValue => num(v);
    // Plan.
    if (cp) {
      const p = planFormula(grid, cp.planCell, cp.plan);
      if (p.formula) w.formula(sheet, row.plan, col, p.formula, p.value);
      else w.value(sheet, row.plan, col, p.value);
    } else w.value(sheet, row.plan, col, "");
    if (year === null || (cp && cp.serial === null)) {
      for (const r of [row.pace, row.paid, row.rate, row.gapPlan, row.gapPace]) w.value(sheet, r, col, "");
      if (hasSources)
        for (const r of [row.fiscalPaid, row.fiscalRate, row.otherPaid, row.otherRate]) w.value(sheet, r, col, "");
      continue;
    }
    const paidCell = abs(row.paid, col);
    const rateCell = abs(row.rate, col);
    // 序时进度.
    w.formula(sheet, row.pace, col, paceFormula(ctx.settings, year, dateCell), num(cp ? cp.pace : tr.pace));
    // Paid and rate.
    const guard = (expr: string): string => (isAsOf ? `=${expr}` : `=IF(${dateCell}>${ctx.asOf},"",${expr})`);
    w.formula(sheet, row.paid, col, guard(paidExpr(ctx, index, tr, dateCell)), dueResult(cp ? cp.paid : tr.paid));
    w.formula(sheet, row.rate, col, rateFormula(paidCell, budget), num(cp ? cp.rate : tr.rate));
    // Gaps.
    const planCell = abs(row.plan, col);
    const paceCell = abs(row.pace, col);
    const rate = cp ? cp.rate : tr.rate;
    w.formula(
      sheet,
      row.gapPlan,
      col,
      `=IF(OR(${rateCell}="",${planCell}=""),"",ROUND(${rateCell}-${planCell},2))`,
      cp ? gap(rate, cp.plan) : "",
    );
    w.formula(
      sheet,
      row.gapPace,
      col,
      `=IF(OR(${rateCell}="",${paceCell}=""),"",ROUND(${rateCell}-${paceCell},2))`,
      gap(rate, cp ? cp.pace : tr.pace),
    );
    if (cp?.behindPlan) mark(cellAddress(row.gapPlan, col), BEHIND_PLAN_FILL);
    if (
      cp ? cp.behindPace : rate !== null && tr.pace !== null && new Big(rate).plus(ctx.settings.tolerance).lt(tr.pace)
    )
      mark(cellAddress(row.gapPace, col), BEHIND_PACE_FILL);
    if (hasSources) {
      const sources: ["fiscal" | "other", "财政" | "其他", number, number][] = [
        ["fiscal", "财政", row.fiscalPaid, row.fiscalRate],
        ["other", "其他", row.otherPaid, row.otherRate],
      ];
      for (const [which, word, pr, rr] of sources) {
        const s = tr[which];
        const j = cp ? cps.indexOf(cp) : -1;
        const figures = s ? (cp ? s.checkpoints[j] : { paid: s.paid, rate: s.rate }) : null;
        w.formula(sheet, pr, col, guard(paidExpr(ctx, index, tr, dateCell, word)), num(figures?.paid ?? null));
        const sb = s ? sourceBudgetRef(grid, t, which, s.budget) : null;
        w.formula(sheet, rr, col, rateFormula(abs(pr, col), sb), num(figures?.rate ?? null));
      }
    }
  }
  // 偏差原因: a live prompt when the year-end rate is below the bar; the cell beside is the user's.
  const reasonCell = cellAddress(row.reason, c0 + 1);
  if (year !== null) {
    const asOfRate = abs(row.rate, asOfCol);
    const bar = ctx.settings.reasonBelow;
    w.formula(
      sheet,
      row.reason,
      c0,
      `=IF(AND(${ctx.asOf}>=DATE(${year},12,31),${asOfRate}<>"",${asOfRate}<${bar}),"偏差原因（年末执行率低于${bar}%，请在右侧填写）","${BLOCK_LABELS.reason}")`,
      tr.reasonRequired ? `偏差原因（年末执行率低于${bar}%，请在右侧填写）` : BLOCK_LABELS.reason,
    );
  } else w.value(sheet, row.reason, c0, BLOCK_LABELS.reason);
  if (previousReason) w.value(sheet, row.reason, c0 + 1, previousReason.text);
  if (tr.reasonRequired) mark(reasonCell, REASON_FILL);

  // Formats.
  const range: RangeRef = { top: r0, left: c0, bottom, right };
  w.style(sheet, range, { border: true, vertical: "middle" });
  w.style(sheet, { top: r0, left: c0, bottom: r0, right }, { bold: true, fill: HEADER_FILL, horizontal: "center" });
  w.style(sheet, { top: r0, left: c0, bottom, right: c0 }, { bold: true, wrap: true });
  w.style(
    sheet,
    { top: row.date, left: c0 + 1, bottom: row.date, right },
    { numberFormat: DATE_FORMAT, horizontal: "center" },
  );
  const numeric = (r: number, fmt: string): void =>
    w.style(sheet, { top: r, left: c0 + 1, bottom: r, right }, { numberFormat: fmt, horizontal: "right" });
  for (const r of [row.plan, row.pace, row.rate, row.gapPlan, row.gapPace]) numeric(r, RATE_FORMAT);
  numeric(row.paid, AMOUNT_FORMAT);
  if (hasSources) {
    numeric(row.fiscalPaid, AMOUNT_FORMAT);
    numeric(row.otherPaid, AMOUNT_FORMAT);
    numeric(row.fiscalRate, RATE_FORMAT);
    numeric(row.otherRate, RATE_FORMAT);
  }
  return { sheet, range, marks, colors, reason: reasonCell };
}

/** A generated sheet's reserved 执行率 row under the plan values: the row and whether it holds fractions. */
function reservedRow(grid: Grid, tr: TableRates): number | null {
  const cells = tr.checkpoints.map((c) => c.planCell).filter((c): c is string => c !== null);
  if (cells.length === 0) return null;
  const ps = cells.map(parseCell);
  const valuesRow = ps[0].row;
  if (!ps.every((p) => p.row === valuesRow)) return null;
  const row = valuesRow + 1;
  const firstCol = Math.min(...ps.map((p) => p.col));
  for (let c = grid.left; c < firstCol; c++) {
    if (grid.isCovered(row, c) && grid.master(row, c).row !== row) continue;
    if (labelKey(grid.text(row, c)).includes("执行率")) return row;
  }
  return null;
}

function writeReserved(w: Writes, tr: TableRates, row: number, block: Block): void {
  const c0 = block.range.left;
  const rateRow = block.range.top + 5;
  tr.checkpoints.forEach((cp, j) => {
    if (!cp.planCell) return;
    const col = parseCell(cp.planCell).col;
    const src = abs(rateRow, c0 + 1 + j);
    // The reserved row shows percentages as the plan does: fractions formatted 0.00%.
    const result = cp.rate === null ? "" : Number(new Big(cp.rate).div(100).toFixed());
    w.formula(tr.table.sheet, row, col, `=IF(${src}="","",${src}/100)`, result);
    w.style(tr.table.sheet, cellAddress(row, col), { numberFormat: "0.00%" });
  });
}

// ---------------------------------------------------------------------------------------------
// Columns beside a project list.

function writeListColumns(
  w: Writes,
  grid: Grid,
  headerRow: number,
  entries: { index: number; tr: TableRates; row: number }[],
  c0: number,
  ctx: FormulaContext,
  hasSources: boolean,
  figures: Map<number, AsOfFigures>,
): Block {
  const sheet = grid.name;
  const labels = entries[0].tr.checkpoints.map((c) => c.label);
  const unit = entries[0].tr.table.unit;
  const headers: string[] = [];
  for (const l of labels)
    headers.push(`累计支出·${checkpointHeader(l)}（${unit}）`, `执行率·${checkpointHeader(l)}（%）`);
  headers.push(`累计支出·截止日（${unit}）`, "执行率·截止日（%）", "序时进度·截止日（%）");
  if (hasSources) headers.push("财政资金执行率·截止日（%）", "其他资金执行率·截止日（%）");
  headers.push("偏差原因提示", "偏差原因");
  headers.forEach((h, i) => w.value(sheet, headerRow, c0 + i, h));
  const right = c0 + headers.length - 1;
  const marks: string[] = [];
  const colors = new Map<string, string>();
  let bottom = headerRow;
  for (const { index, tr, row } of entries) {
    bottom = Math.max(bottom, row);
    const year = tr.year;
    const budget = budgetRef(grid, tr.budgetCell, tr.budget);
    let c = c0;
    const put = (formula: string | null, value: CellValue): number => {
      if (formula === null || year === null) w.value(sheet, row, c, year === null ? "" : value);
      else w.formula(sheet, row, c, formula, value);
      return c++;
    };
    const paidAt: AsOfFigures["paidAt"] = new Map();
    tr.checkpoints.forEach((cp, j) => {
      const d = year === null ? null : checkpointDate(labels[j] ?? cp.label, year);
      const date = d ? `DATE(${d.year},${d.month},${d.day})` : null;
      const paidCol = put(date ? `=IF(${date}>${ctx.asOf},"",${paidExpr(ctx, index, tr, date)})` : null, num(cp.paid));
      if (date) paidAt.set(labels[j] ?? cp.label, { ref: abs(row, paidCol), paid: cp.paid });
      const rateCol = put(date ? rateFormula(abs(row, paidCol), budget) : null, num(cp.rate));
      if (cp.behindPlan || cp.behindPace) {
        marks.push(cellAddress(row, rateCol));
        colors.set(cellAddress(row, rateCol), cp.behindPlan ? BEHIND_PLAN_FILL : BEHIND_PACE_FILL);
      }
    });
    const paidCol = put(`=${paidExpr(ctx, index, tr, ctx.asOf)}`, num(tr.paid));
    if (year !== null) figures.set(index, { sheet, paid: abs(row, paidCol), budget, paidAt });
    const rateCol = put(rateFormula(abs(row, paidCol), budget), num(tr.rate));
    put(year === null ? null : paceFormula(ctx.settings, year, ctx.asOf), num(tr.pace));
    if (hasSources) {
      for (const [which, word] of [
        ["fiscal", "财政"],
        ["other", "其他"],
      ] as const) {
        const s = tr[which];
        const sb = s ? sourceBudgetRef(grid, tr.table, which, s.budget) : null;
        put(
          sb === null ? null : `=IFERROR(ROUND((${paidExpr(ctx, index, tr, ctx.asOf, word)})/(${sb})*100,2),"")`,
          num(s?.rate ?? null),
        );
      }
    }
    const bar = ctx.settings.reasonBelow;
    const prompt = `年末执行率低于${bar}%，请填写偏差原因`;
    put(
      year === null
        ? null
        : `=IF(AND(${ctx.asOf}>=DATE(${year},12,31),${abs(row, rateCol)}<>"",${abs(row, rateCol)}<${bar}),"${prompt}","")`,
      tr.reasonRequired ? prompt : "",
    );
    if (tr.reasonRequired) {
      marks.push(cellAddress(row, c));
      colors.set(cellAddress(row, c), REASON_FILL);
    }
  }
  w.style(sheet, { top: headerRow, left: c0, bottom: headerRow, right }, { bold: true, fill: HEADER_FILL, wrap: true });
  for (let i = 0; i < headers.length - 2; i++) {
    const fmt = headers[i].startsWith("累计支出") ? AMOUNT_FORMAT : RATE_FORMAT;
    w.style(sheet, { top: headerRow + 1, left: c0 + i, bottom, right: c0 + i }, { numberFormat: fmt });
  }
  return { sheet, range: { top: headerRow, left: c0, bottom, right }, marks, colors, reason: null };
}

// ---------------------------------------------------------------------------------------------
// Columns beside the summary (汇总表).

/** Where a table's paid amount at the as-of date stands, and its rate's denominator. */
interface AsOfFigures {
  sheet: string;
  /** Absolute address of the paid cell on `sheet`. */
  paid: string;
  /** The denominator: an absolute address on `sheet`, or an amount. */
  budget: string | null;
  /** Cumulative paid at each checkpoint, by label: its absolute address on `sheet` and its value. */
  paidAt: Map<string, { ref: string; paid: string | null }>;
}

function onSheet(sheet: string, ref: string): string {
  return /^\$[A-Z]+\$\d+$/.test(ref) ? `${quoteSheet(sheet)}!${ref}` : ref;
}

/**
 * Adds 执行率口径预算 · 累计支出 · 执行率 columns to the summary, one row per table (matched by code,
 * else name), as formulas over the tables' own figures, with a total row.
 */
function writeSummaryColumns(
  w: Writes,
  grid: Grid,
  report: RatesReport,
  figures: Map<number, AsOfFigures>,
  ctx: FormulaContext,
  previousLeft: number | null,
): Block | null {
  // The header: the row holding 项目编码 (or 项目名称) near the top.
  let header: { row: number; bottom: number; code: number | null; name: number | null } | null = null;
  for (let r = grid.top; r <= Math.min(grid.bottom, grid.top + 10) && !header; r++)
    for (let c = grid.left; c <= grid.right; c++) {
      const k = labelKey(grid.text(r, c));
      if (k !== "项目编码" && k !== "项目名称") continue;
      const m = grid.merge(r, c);
      header ??= { row: r, bottom: m ? m.bottom : r, code: null, name: null };
      if (k === "项目编码") header.code = c;
      else header.name = c;
    }
  if (!header) return null;
  let unit = "万元";
  for (let r = grid.top; r < header.row; r++)
    for (let c = grid.left; c <= grid.right; c++) unit = unitOfLine(grid.text(r, c)) ?? unit;
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  report.tables.forEach((tr, i) => {
    if (tr.table.code) byCode.set(tr.table.code, i);
    if (tr.table.name && ctx.nameOk[i]) byName.set(tr.table.name, i);
  });
  const sheet = grid.name;
  const c0 = previousLeft ?? grid.right + 2;
  const [budgetCol, paidCol, rateCol] = [c0, c0 + 1, c0 + 2];
  w.value(sheet, header.row, budgetCol, `执行率口径预算（${unit}）`);
  w.value(sheet, header.row, paidCol, `累计支出（${unit}）`);
  w.value(sheet, header.row, rateCol, "执行率（%）");
  // Cumulative paid at each checkpoint of the summary's chart block (计划与执行对比), for its
  // budget-weighted actual rates: a column per checkpoint, in the summary's unit.
  const chart = findChartBlock(grid);
  const chartLabels = chart?.labels ?? [];
  const cpCols = chartLabels.map((_, k) => rateCol + 1 + k);
  const right = cpCols.length > 0 ? cpCols[cpCols.length - 1] : rateCol;
  const chartFigures = chartLabels.map(() => [] as { budget: string | null; paid: string | null }[]);
  chartLabels.forEach((label, k) => {
    if (header.bottom > header.row) {
      w.value(sheet, header.row, cpCols[k], `累计支出（${unit}）`);
      w.value(sheet, header.bottom, cpCols[k], checkpointHeader(label));
    } else w.value(sheet, header.row, cpCols[k], `${checkpointHeader(label)}累计支出（${unit}）`);
  });
  if (header.bottom > header.row) {
    w.formula(sheet, header.bottom, paidCol, `=${ctx.asOf}`, ctx.asOfSerial);
    w.style(sheet, cellAddress(header.bottom, paidCol), { numberFormat: '"截至"yyyy-mm-dd', horizontal: "center" });
  }
  const first = header.bottom + 1;
  let r = first;
  let budgetSum = "0";
  let paidSum = "0";
  for (; r <= grid.bottom; r++) {
    if (labelKey(grid.text(r, grid.left)) === "合计") break;
    const code = header.code !== null ? grid.text(r, header.code).trim() : "";
    const name = header.name !== null ? grid.text(r, header.name).trim() : "";
    if (code === "" && name === "") break;
    const i = code !== "" ? byCode.get(code) : byName.get(name);
    const f = i === undefined ? undefined : figures.get(i);
    const tr = i === undefined ? undefined : report.tables[i];
    if (!f || !tr) {
      for (const c of [budgetCol, paidCol, rateCol, ...cpCols]) w.value(sheet, r, c, "");
      continue;
    }
    const factor = convertAmount("1", tr.table.unit, unit);
    const times = factor === "1" ? "" : `*${factor}`;
    const inUnit = (d: string | null): string | null => (d === null ? null : convertAmount(d, tr.table.unit, unit));
    const budget = inUnit(tr.budget);
    const paid = inUnit(tr.paid);
    if (f.budget === null) w.value(sheet, r, budgetCol, "");
    else w.formula(sheet, r, budgetCol, `=${onSheet(f.sheet, f.budget)}${times}`, num(budget));
    w.formula(sheet, r, paidCol, `=${onSheet(f.sheet, f.paid)}${times}`, num(paid));
    w.formula(sheet, r, rateCol, rateFormula(abs(r, paidCol), abs(r, budgetCol)), num(tr.rate));
    chartLabels.forEach((label, k) => {
      const at = f.paidAt.get(label);
      if (!at) {
        w.value(sheet, r, cpCols[k], "");
        return;
      }
      const ref = onSheet(f.sheet, at.ref);
      const paidThen = inUnit(at.paid);
      // "" after the as-of date stays "" (never 0), so the chart's actual series ends there.
      w.formula(sheet, r, cpCols[k], `=IF(${ref}="","",${ref}${times})`, num(paidThen));
      chartFigures[k].push({ budget: f.budget === null ? null : budget, paid: paidThen });
    });
    if (budget !== null) budgetSum = new Big(budgetSum).plus(budget).toFixed();
    if (paid !== null) paidSum = new Big(paidSum).plus(paid).toFixed();
  }
  const last = r - 1;
  // The total row right under the tables (合计), when the summary has one.
  const totalRow = r <= grid.bottom && labelKey(grid.text(r, grid.left)) === "合计" ? r : null;
  if (totalRow !== null && last >= first) {
    const sum = (c: number): string => `=SUM(${abs(first, c)}:${abs(last, c)})`;
    w.formula(sheet, totalRow, budgetCol, sum(budgetCol), Number(budgetSum));
    w.formula(sheet, totalRow, paidCol, sum(paidCol), Number(paidSum));
    w.formula(
      sheet,
      totalRow,
      rateCol,
      rateFormula(abs(totalRow, paidCol), abs(totalRow, budgetCol)),
      num(ratePercent(paidSum, budgetSum)),
    );
    cpCols.forEach((c, k) => {
      const paids = chartFigures[k].map((x) => x.paid).filter((x): x is string => x !== null);
      const range = `${abs(first, c)}:${abs(last, c)}`;
      const total = paids.reduce((a, x) => new Big(a).plus(x).toFixed(), "0");
      w.formula(sheet, totalRow, c, `=IF(COUNT(${range})=0,"",SUM(${range}))`, paids.length === 0 ? "" : Number(total));
    });
  }
  // The chart block's actual column, then the chart (Excel draws it; other engines skip it).
  if (chart && last >= first) {
    const budgets = `${abs(first, budgetCol)}:${abs(last, budgetCol)}`;
    chartLabels.forEach((_, k) => {
      const a = weightedActual(budgets, `${abs(first, cpCols[k])}:${abs(last, cpCols[k])}`, chartFigures[k]);
      w.formula(sheet, chart.firstRow + k, chart.actualCol, a.formula, a.result);
    });
    w.after.push(chartChange(sheet, chart));
  }
  const bottom = totalRow ?? last;
  w.style(
    sheet,
    { top: header.row, left: c0, bottom: header.bottom, right },
    {
      bold: true,
      fill: HEADER_FILL,
      wrap: true,
      horizontal: "center",
      border: true,
    },
  );
  if (bottom >= first) {
    w.style(sheet, { top: first, left: c0, bottom, right }, { border: true });
    w.style(sheet, { top: first, left: budgetCol, bottom, right: paidCol }, { numberFormat: AMOUNT_FORMAT });
    w.style(sheet, { top: first, left: rateCol, bottom, right: rateCol }, { numberFormat: RATE_FORMAT });
    if (cpCols.length > 0)
      w.style(sheet, { top: first, left: cpCols[0], bottom, right }, { numberFormat: AMOUNT_FORMAT });
  }
  w.after.push({
    kind: "setColumnWidths",
    sheet,
    widths: [
      { col: budgetCol, width: 14 },
      { col: paidCol, width: 14 },
      { col: rateCol, width: 11 },
      ...cpCols.map((col) => ({ col, width: 14 })),
    ],
  });
  return {
    sheet,
    range: { top: header.row, left: c0, bottom: Math.max(bottom, header.bottom), right },
    marks: [],
    colors: new Map(),
    reason: null,
  };
}

// ---------------------------------------------------------------------------------------------

/**
 * The sheets tables are read from. Rates need no indicators: a sheet that holds nothing but an
 * indicator list is left out when a project list elsewhere names the tables (its rows only add
 * indicators to them), which spares reading thousands of indicator rows.
 */
function tableSheets(sheets: SheetData[], lists: ListSheets): SheetData[] {
  if (lists.projects.length === 0) return sheets;
  const projectSheets = new Set(lists.projects.map((p) => p.grid.name));
  const drop = new Set<string>();
  for (const l of lists.indicators) {
    const g = l.grid;
    if (projectSheets.has(g.name)) continue;
    const last = l.rows.length > 0 ? l.rows[l.rows.length - 1] : l.header.bottom;
    if (l.header.row - g.top <= 3 && last === g.bottom) drop.add(g.name);
  }
  return drop.size === 0 ? sheets : sheets.filter((s) => !drop.has(s.name));
}

/** Everything `rates` reports and writes, from a snapshot (pure). */
export function planRates(sheets: SheetData[], options: RatesOptions): RatesOutcome {
  const write = options.write ?? true;
  const visible = sheets.filter((s) => !s.name.startsWith(INTERNAL_SHEET_PREFIX) && s.visibility !== "veryHidden");
  const grids = visible.map((s) => new Grid(s));
  const gridOf = new Map(grids.map((g) => [g.name, g]));
  let t0 = performance.now();
  const lap = (phase: "tables" | "ledger" | "rates" | "writes"): void => {
    const t = performance.now();
    options.profile?.(phase, t - t0);
    t0 = t;
  };
  // The list sheets, found once and only when needed (tables handed over, all of them forms, need none).
  let found: ListSheets | null = null;
  const lists = (): ListSheets => (found ??= findLists(grids.filter((g) => !g.isEmpty)));
  // Tables handed over were read from every sheet: the same tables, indicators included.
  const read = options.tables ?? readSheets(tableSheets(sheets, lists()));
  const settings = readSettings(sheets).settings;
  const record = decodeStore<RatesRecord>(RATES_RECORD, sheets);
  const rs = options.settings ?? ratesSettingsFrom(record?.settings ?? null);
  lap("tables");
  const ledger: LedgerRead = readLedgers(visible);
  lap("ledger");
  const year = workbookYear(read.tables, settings.budgetYear);
  const typed = options.asOf === undefined ? typedAsOf(ledger, gridOf, record) : null;
  const asOfSource: AsOfSource = options.asOf !== undefined ? "explicit" : typed !== null ? "workbook" : "default";
  const asOf = options.asOf ?? typed ?? defaultAsOf(options.today, year);
  const report = computeRates({ tables: read.tables, ledger, asOf, settings: rs, defaultYear: year });
  report.asOfSource = asOfSource;
  lap("rates");
  if (ledger.sheets.length === 0)
    report.diagnostics.unshift({
      sheet: "",
      cell: "",
      message: write
        ? `工作簿中没有支付明细表，已新建“${LEDGER_SHEET}”表，请录入支付记录`
        : "工作簿中没有支付明细表（支付日期、项目编码、支付金额…），执行率按零支付计算",
      messageEn: write
        ? "The workbook has no payment ledger; an empty one was added"
        : "The workbook has no payment ledger; rates assume no payments",
    });
  if (!write) return { report, asOfSource, changes: [], createdLedger: null };

  const w = new Writes();
  const projects = projectList(read.tables);
  // Ledgers and their helper columns.
  const places: LedgerPlace[] = [];
  let createdLedger: string | null = null;
  const previousHelpers = new Map((record?.helpers ?? []).map((h) => [h.sheet, parseRange(h.range)]));
  if (ledger.sheets.length === 0) {
    createdLedger = freeSheetName(sheets, LEDGER_SHEET, "ledger");
    const header = createdLedgerHeader(createdLedger);
    const layout = helperLayoutOf(null, header, header.row, null);
    w.before.push(...newLedgerChanges(sheets, createdLedger, projects.length));
    places.push({ header, layout });
  } else {
    for (const ls of ledger.sheets) {
      const grid = gridOf.get(ls.header.sheet)!;
      const prev = previousHelpers.get(ls.header.sheet) ?? null;
      const layout = helperLayoutOf(grid, ls.header, ls.lastRow, prev);
      const area = helperArea(layout, projects.length);
      // An earlier run's area that this one does not cover is cleared (the ledger grew a column…).
      if (prev && (prev.left !== area.left || prev.right !== area.right))
        w.before.push(clearRange(ls.header.sheet, prev));
      places.push({ header: ls.header, layout });
    }
  }
  const rowsOf = new Map<string, LedgerRow[]>();
  for (const row of ledger.rows) {
    let list = rowsOf.get(row.sheet);
    if (!list) rowsOf.set(row.sheet, (list = []));
    list.push(row);
  }
  places.forEach((p, i) =>
    writeLedgerHelpers(
      w,
      createdLedger ? null : (gridOf.get(p.header.sheet) ?? null),
      p,
      i === 0,
      asOf,
      projects,
      rowsOf.get(p.header.sheet) ?? [],
    ),
  );
  const asOfCell = asOfRef(places[0].layout);
  const ctx: FormulaContext = {
    ledgers: places,
    asOf: asOfCell,
    asOfSerial: asOf,
    settings: rs,
    nameOk: usableNames(read.tables.map((t) => ({ code: t.code, name: t.name || null, year: t.year }))),
  };

  // Blocks.
  const previousBlocks = (record?.blocks ?? []).map((b) => ({ ...b, rect: parseRange(b.range) }));
  const previousOn = new Map<string, typeof previousBlocks>();
  for (const b of previousBlocks) {
    if (!previousOn.has(b.sheet)) previousOn.set(b.sheet, []);
    previousOn.get(b.sheet)!.push(b);
  }
  const blocks: Block[] = [];
  /** Where each table's as-of figures stand, for the summary. */
  const figures = new Map<number, AsOfFigures>();
  const occupied = new Map<string, RangeRef[]>();
  const occupy = (sheet: string, r: RangeRef): void => {
    if (!occupied.has(sheet)) occupied.set(sheet, []);
    occupied.get(sheet)!.push(r);
  };
  for (const t of read.tables) occupy(t.sheet, parseRange(t.range));
  const isOurs = (sheet: string, row: number, col: number, likely: RangeRef | null): boolean =>
    (likely !== null && inRange(likely, row, col)) ||
    (previousOn.get(sheet) ?? []).some((b) => inRange(b.rect, row, col));
  /** Whether a rectangle is free: no table or new block there, and nothing but our earlier block's cells. */
  const free = (grid: Grid, r: RangeRef, likely: RangeRef | null): boolean => {
    if ((occupied.get(grid.name) ?? []).some((o) => overlaps(o, r))) return false;
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        if (!grid.isBlank(row, col) && !isOurs(grid.name, row, col, likely)) return false;
    return true;
  };
  const reasonText = (b: RatesRecord["blocks"][number]): string | null => {
    if (!b.reason) return null;
    const g = gridOf.get(b.sheet);
    if (!g) return null;
    const p = parseCell(b.reason);
    const t = g.text(p.row, p.col);
    return t.trim() === "" ? null : t;
  };

  // Project lists: one column group per list.
  const listOf = (t: TargetTable): { grid: Grid; headerRow: number; bottom: number } | null => {
    if (t.layout !== "lists") return null;
    const row = parseRange(t.range).top;
    const l = lists().projects.find((p) => p.grid.name === t.sheet && p.rows.includes(row));
    return l ? { grid: l.grid, headerRow: l.header.row, bottom: l.rows[l.rows.length - 1] ?? l.header.row } : null;
  };
  const listGroups = new Map<
    string,
    { grid: Grid; headerRow: number; entries: { index: number; tr: TableRates; row: number }[] }
  >();
  report.tables.forEach((tr, index) => {
    const t = tr.table;
    const grid = gridOf.get(t.sheet);
    if (!grid) return;
    const list = listOf(t);
    if (list) {
      const key = `${t.sheet}\u0000${list.headerRow}`;
      if (!listGroups.has(key)) listGroups.set(key, { grid, headerRow: list.headerRow, entries: [] });
      listGroups.get(key)!.entries.push({ index, tr, row: parseRange(t.range).top });
      return;
    }
    const tr0 = parseRange(t.range);
    const planRows = tr.checkpoints
      .map((c) => (c.planCell ? parseCell(c.planCell).row : null))
      .filter((r): r is number => r !== null);
    const top = planRows.length ? Math.min(...planRows) - 1 : tr0.top;
    const width = tr.checkpoints.length + 2;
    const height = blockHeight(report.hasSources);
    const prev = (previousOn.get(t.sheet) ?? []).find((b) => b.rect.top === top && b.rect.left > tr0.right);
    let col = prev ? prev.rect.left : tr0.right + 2;
    let rect: RangeRef = { top, left: col, bottom: top + height - 1, right: col + width - 1 };
    for (let tries = 0; tries < 60 && !free(grid, rect, prev ? prev.rect : null); tries++) {
      col++;
      rect = { top, left: col, bottom: top + height - 1, right: col + width - 1 };
    }
    occupy(t.sheet, rect);
    const oldReason = prev ? reasonText(prev) : null;
    const block = writeFormBlock(
      w,
      grid,
      index,
      tr,
      { row: top, col },
      ctx,
      report.hasSources,
      oldReason ? { text: oldReason } : null,
    );
    blocks.push(block);
    figures.set(index, {
      sheet: t.sheet,
      paid: abs(top + 4, col + width - 1),
      budget: budgetRef(grid, tr.budgetCell, tr.budget),
      paidAt: new Map(tr.checkpoints.map((cp, j) => [cp.label, { ref: abs(top + 4, col + 1 + j), paid: cp.paid }])),
    });
    const reserved = reservedRow(grid, tr);
    if (reserved !== null) writeReserved(w, tr, reserved, block);
    w.after.push({
      kind: "setColumnWidths",
      sheet: t.sheet,
      widths: [
        { col, width: 20 },
        ...tr.checkpoints.map((_, j) => ({ col: col + 1 + j, width: 11 })),
        { col: col + width - 1, width: 11 },
      ],
    });
  });
  for (const g of listGroups.values()) {
    const prev = (previousOn.get(g.grid.name) ?? []).find((b) => b.rect.top === g.headerRow);
    const c0 = prev ? prev.rect.left : g.grid.right + 2;
    blocks.push(writeListColumns(w, g.grid, g.headerRow, g.entries, c0, ctx, report.hasSources, figures));
  }

  // The summary sheet (汇总表), when the workbook has one: paid and rate columns per table.
  const summaryName = ownedSheet(sheets, "summary");
  const summaryGrid = summaryName ? gridOf.get(summaryName) : undefined;
  if (summaryGrid) {
    const prev = (previousOn.get(summaryGrid.name) ?? [])[0];
    const block = writeSummaryColumns(w, summaryGrid, report, figures, ctx, prev ? prev.rect.left : null);
    if (block) blocks.push(block);
  }

  // Earlier blocks: cleared where this run does not write, their marks undone, reasons kept.
  const blockAt = new Map(blocks.map((b) => [`${b.sheet}!${rangeAddress(b.range)}`, b]));
  const marked = new Set(blocks.flatMap((b) => b.marks.map((m) => `${b.sheet}!${m}`)));
  const reasons = new Set(blocks.map((b) => `${b.sheet}!${b.reason}`));
  const newOn = new Map<string, RangeRef[]>();
  for (const b of blocks) {
    if (!newOn.has(b.sheet)) newOn.set(b.sheet, []);
    newOn.get(b.sheet)!.push(b.range);
  }
  for (const b of previousBlocks) {
    if (!gridOf.has(b.sheet)) continue;
    const old = b.rect;
    if (!blockAt.has(`${b.sheet}!${rangeAddress(old)}`)) {
      const keep = b.reason && reasons.has(`${b.sheet}!${b.reason}`) ? b.reason : null;
      const clear = clearRange(b.sheet, old);
      if (keep && clear.kind === "setValues") {
        const p = parseCell(keep);
        clear.values[p.row - old.top][p.col - old.left] = gridOf.get(b.sheet)!.value(p.row, p.col);
      }
      w.before.push(clear);
      const now = newOn.get(b.sheet) ?? [];
      for (let row = old.top; row <= old.bottom; row++)
        for (let col = old.left; col <= old.right; col++)
          if (!now.some((n) => inRange(n, row, col)))
            w.fills.push({
              kind: "setLook",
              sheet: b.sheet,
              cell: cellAddress(row, col),
              look: { fill: null, note: null },
            });
    }
    for (const m of b.marks) if (!marked.has(`${b.sheet}!${m}`)) w.fill(b.sheet, m, null);
  }
  for (const b of blocks) for (const m of b.marks) w.fill(b.sheet, m, b.colors.get(m) ?? BEHIND_PACE_FILL);

  // The record.
  const rec: RatesRecord = {
    settings: rs,
    blocks: blocks.map((b) => ({ sheet: b.sheet, range: rangeAddress(b.range), marks: b.marks, reason: b.reason })),
    helpers: places.map((p) => ({ sheet: p.header.sheet, range: rangeAddress(helperArea(p.layout, projects.length)) })),
    // A date the user typed is not ours: what we wrote before stays the reference.
    asOfWritten: asOfSource === "workbook" ? record?.asOfWritten : asOf,
  };
  const exists = sheets.some((s) => s.name === storeSheetName(RATES_RECORD));
  w.after.push(
    ...(exists
      ? [{ kind: "setSheetVisibility" as const, sheet: storeSheetName(RATES_RECORD), visibility: "hidden" as const }]
      : []),
    ...storeChanges(RATES_RECORD, rec, exists),
  );
  const changes = w.changes();
  lap("writes");
  return { report, asOfSource, changes, createdLedger };
}

/** The 截止日期 cell of a ledger: right of its label in the header row (where `rates` writes it). */
function asOfCellOf(grid: Grid, header: LedgerHeader): { row: number; col: number } | null {
  const c = findInRow(grid, header.row, AS_OF_LABEL);
  return c === null ? null : { row: header.row, col: c + 1 };
}

/** A date in a cell: an Excel date, or a date typed as text (`2022-06-30`, `2022年6月30日`…). */
function dateIn(grid: Grid, row: number, col: number): number | null {
  const v = grid.value(row, col);
  if (v === null || v === "") return null;
  const d = parseLedgerDate(v, grid.text(row, col));
  return d.ok ? d.value : null;
}

/**
 * The as-of date the user typed into the workbook's 截止日期 cell, if any: a valid date there that
 * differs from the one the add-in last wrote (kept in the record). A workbook from before the
 * record kept it counts the cell as the add-in's.
 */
function typedAsOf(ledger: LedgerRead, gridOf: Map<string, Grid>, record: RatesRecord | null): number | null {
  const first = ledger.sheets[0];
  if (!first) return null;
  const grid = gridOf.get(first.header.sheet);
  if (!grid) return null;
  const cell = asOfCellOf(grid, first.header);
  if (!cell) return null;
  const value = dateIn(grid, cell.row, cell.col);
  if (value === null) return null;
  if (record !== null && record.asOfWritten === undefined) return null;
  return value === record?.asOfWritten ? null : value;
}

/**
 * The writes that store rates settings in the workbook, everything else of the rates record kept
 * (only the record's sheet need be in `sheets`). The marks follow at the next `rates` run.
 */
export function ratesSettingsChanges(sheets: SheetData[], settings: RatesSettings): WorkbookChange[] {
  const record = decodeStore<RatesRecord>(RATES_RECORD, sheets) ?? { blocks: [], helpers: [] };
  const exists = sheets.some((s) => s.name === storeSheetName(RATES_RECORD));
  return storeChanges(RATES_RECORD, { ...record, settings: ratesSettingsFrom(settings) }, exists);
}

function inRange(r: RangeRef, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

/** Reads the workbook, plans and (unless `write` is false) applies the writes. */
export async function runRates(port: WorkbookPort, options: RatesOptions): Promise<RatesOutcome> {
  const snapshot = await port.read();
  const outcome = planRates(snapshot.sheets, options);
  if (outcome.changes.length > 0) await port.apply(outcome.changes);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// Reporting.

/** The as-of date in a workbook's ledger (the cell `rates` wrote), if any. */
export function asOfInWorkbook(sheets: SheetData[]): number | null {
  for (const s of sheets) {
    if (s.name.startsWith(INTERNAL_SHEET_PREFIX)) continue;
    const g = new Grid(s);
    if (g.isEmpty) continue;
    const h = findLedgerHeader(g, { inWorkbook: true });
    if (!h) continue;
    const cell = asOfCellOf(g, h);
    const v = cell ? dateIn(g, cell.row, cell.col) : null;
    if (v !== null) return v;
  }
  return null;
}

/** The `--json` shape of `ptsheet rates` (issue 6). */
export function ratesJson(report: RatesReport) {
  const cp = (c: TableRates["checkpoints"][number]) => ({
    label: c.label,
    date: c.date,
    plan: c.plan,
    paid: toNumber(c.paid),
    rate: toNumber(c.rate),
    pace: toNumber(c.pace),
    behindPlan: c.behindPlan,
    behindPace: c.behindPace,
  });
  const source = (s: TableRates["fiscal"]) =>
    s === null
      ? undefined
      : {
          budget: toNumber(s.budget),
          paid: toNumber(s.paid),
          rate: toNumber(s.rate),
          checkpoints: s.checkpoints.map((c) => ({ label: c.label, paid: toNumber(c.paid), rate: toNumber(c.rate) })),
        };
  return {
    asOf: isoOfSerial(report.asOf),
    asOfSource: report.asOfSource ?? "default",
    tables: report.tables.map((tr) => ({
      sheet: tr.table.sheet,
      code: tr.table.code,
      name: tr.table.name,
      year: tr.year,
      unit: tr.table.unit,
      budget: toNumber(tr.budget),
      paid: toNumber(tr.paid),
      rate: toNumber(tr.rate),
      pace: toNumber(tr.pace),
      checkpoints: tr.checkpoints.map(cp),
      ...(tr.fiscal ? { fiscal: source(tr.fiscal) } : {}),
      ...(tr.other ? { other: source(tr.other) } : {}),
      reasonRequired: tr.reasonRequired,
    })),
    rejected: report.rejected.map((r) => ({ sheet: r.sheet, row: r.row, reason: `${r.reason} (${r.reasonEn})` })),
    diagnostics: report.diagnostics.map((d: Diagnostic) => ({ sheet: d.sheet, cell: d.cell, message: d.message })),
  };
}

function pct(d: string | null): string {
  return d === null ? "—" : `${d}%`;
}

/** The readable report. */
export function ratesText(report: RatesReport): string {
  const out: string[] = [];
  out.push(`执行率截至 ${isoOfSerial(report.asOf)} (execution rates as of ${isoOfSerial(report.asOf)})`);
  if (report.asOfSource === "workbook")
    out.push("截止日期取自工作簿（用户填写） (the as-of date is the one typed into the workbook)");
  report.tables.forEach((tr, n) => {
    const t = tr.table;
    out.push("");
    out.push(`[${n + 1}] ${t.name || "（无名称）"}${t.code ? `  ${t.code}` : ""}`);
    out.push(
      `    预算 ${tr.budget ?? "—"} ${t.unit}  累计支出 ${tr.paid ?? "—"}  执行率 ${pct(tr.rate)}  序时进度 ${pct(tr.pace)}` +
        (tr.reasonRequired ? "  ⚠ 年末执行率偏低，需填写偏差原因" : ""),
    );
    out.push(
      `    ${tr.checkpoints
        .map((c) => {
          const flags = [c.behindPlan ? "落后计划" : "", c.behindPace ? "落后序时" : ""].filter(Boolean).join("、");
          return `${c.label} ${c.paid === null ? "（未到）" : `${c.paid}/${pct(c.rate)}`}${c.plan !== null ? ` 计划${c.plan}%` : ""}${flags ? ` [${flags}]` : ""}`;
        })
        .join(" | ")}`,
    );
    for (const [label, s] of [
      ["财政资金", tr.fiscal],
      ["其他资金", tr.other],
    ] as const)
      if (s) out.push(`    ${label} 预算 ${s.budget}  累计支出 ${s.paid ?? "—"}  执行率 ${pct(s.rate)}`);
  });
  if (report.rejected.length) {
    out.push("");
    out.push(`未计入的支付记录 (${report.rejected.length}) (rows not counted):`);
    for (const r of report.rejected) out.push(`  ${r.sheet} 第${r.row}行  ${r.reason}`);
  }
  if (report.diagnostics.length) {
    out.push("");
    out.push(`提示 (${report.diagnostics.length})：`);
    for (const d of report.diagnostics) out.push(`  ${d.sheet ? `${d.sheet}!${d.cell}  ` : ""}${d.message}`);
  }
  return out.join("\n");
}

/** Serial of a `YYYY-MM-DD` date, exported for front ends. */
export { serialOfIso } from "../core/ledger/values";
export { serialOf, ymdOfSerial };
