/**
 * The payment ledger (支付明细): created in one click, and filled from a treasury payment export
 * (CSV in GBK or UTF-8, or .xlsx). Import takes the rows the ledger can count and reports every
 * other row of the export with its row and reason, as `rates` does; a payment already in the ledger
 * (same voucher, date and amount) is not added twice. After either, `rates` fills the helper
 * columns and the execution rates.
 */
import type { CellValue, SheetData, WorkbookChange, WorkbookPort } from "../port/workbook";
import { Grid } from "../core/grid";
import { readSheets, INTERNAL_SHEET_PREFIX } from "../core/reader";
import { cellAddress } from "../core/address";
import { convertAmount } from "../core/amount";
import { findLedgerHeader, type LedgerField, type LedgerHeader } from "../core/ledger/headers";
import { matchRows, readLedgerRow, readLedgers, type LedgerRow, type RejectedRow } from "../core/ledger/read";
import { decodePaymentBytes, paymentCsvSheet, type GbkDecoder } from "../core/ledger/decode";
import { parseLedgerDate } from "../core/ledger/values";
import { readSettings } from "../core/settings";
import { workbookYear } from "../core/rates/compute";
import { freeSheetName } from "../core/owned";
import {
  createdLedgerHeader,
  LEDGER_SHEET,
  newLedgerChanges,
  planRates,
  type RatesOptions,
  type RatesOutcome,
} from "./rates";

export class LedgerImportError extends Error {
  readonly messageEn: string;
  constructor(message: string, messageEn: string) {
    super(message);
    this.name = "LedgerImportError";
    this.messageEn = messageEn;
  }
}

/** Text of an export (see core/ledger/decode); the GBK decoder may be given (the CLI passes iconv's). */
export function decodePaymentText(bytes: Uint8Array, gbk?: GbkDecoder): string {
  return decodePaymentBytes(bytes, gbk);
}

export { paymentCsvSheet };

/**
 * One click: a 支付明细 sheet with headers, formats and dropdowns, plus the helper columns, the as-of
 * date and the rates (an empty ledger gives rates of 0). Nothing when the workbook has a ledger.
 */
export function planCreateLedger(
  sheets: SheetData[],
  options: RatesOptions,
): RatesOutcome & { existing: string | null } {
  const grids = sheets.filter((s) => !s.name.startsWith(INTERNAL_SHEET_PREFIX)).map((s) => new Grid(s));
  const existing = grids.find((g) => !g.isEmpty && findLedgerHeader(g, { inWorkbook: true }) !== null);
  if (existing) {
    const outcome = planRates(sheets, { ...options, write: false });
    return { ...outcome, existing: existing.name };
  }
  return { ...planRates(sheets, { ...options, write: true }), existing: null };
}

export interface ImportOutcome {
  changes: WorkbookChange[];
  /** The ledger sheet written to. */
  ledger: string;
  created: boolean;
  imported: number;
  /** Rows of the export not taken, with reasons (duplicates included). */
  rejected: RejectedRow[];
  /** The export's sheet the rows came from. */
  source: string;
}

/** Text of a cell as written in the ledger. */
function cellText(grid: Grid, row: number, col: number | undefined): string | null {
  if (col === undefined) return null;
  const v = grid.value(row, col);
  if (v === null) return null;
  const t = typeof v === "string" ? v.trim() : grid.text(row, col).trim();
  return t === "" ? null : t;
}

/** An export's date cell: a time of day after the date (`2022-03-15 10:23:45`) is dropped first. */
function importDate(grid: Grid, row: number, col: number): ReturnType<typeof parseLedgerDate> {
  const v = grid.value(row, col);
  if (typeof v === "string") {
    const m = /^(.*?\d)\s+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$/.exec(v.trim());
    if (m) return parseLedgerDate(m[1], m[1]);
  }
  return parseLedgerDate(v, grid.text(row, col));
}

/** Plans appending an export's payments to the workbook's ledger (created when there is none). */
export function planImport(target: SheetData[], source: SheetData[]): ImportOutcome {
  const sourceGrids = source.map((s) => new Grid(s)).filter((g) => !g.isEmpty);
  let from: { grid: Grid; header: LedgerHeader } | null = null;
  for (const g of sourceGrids) {
    const h = findLedgerHeader(g);
    if (h) {
      from = { grid: g, header: h };
      break;
    }
  }
  if (!from)
    throw new LedgerImportError(
      "付款文件中找不到表头（需要支付日期、项目编码或项目名称、支付金额等列）",
      "No header found in the payment file (needs date, project code or name, and amount columns)",
    );
  const read = readSheets(target);
  const settings = readSettings(target).settings;
  const year = workbookYear(read.tables, settings.budgetYear);
  const tableKeys = read.tables.map((t) => ({ code: t.code, name: t.name || null, year: t.year ?? year }));

  // The target ledger: the first one found, or a new sheet.
  const targetSheets = target.filter((s) => !s.name.startsWith(INTERNAL_SHEET_PREFIX) && s.visibility !== "veryHidden");
  const targetGrids = targetSheets.map((s) => new Grid(s)).filter((g) => !g.isEmpty);
  const ledger = readLedgers(targetSheets);
  const changes: WorkbookChange[] = [];
  let header: LedgerHeader;
  let nextRow: number;
  let created = false;
  let targetGrid: Grid | null = null;
  if (ledger.sheets.length > 0) {
    header = ledger.sheets[0].header;
    nextRow = ledger.sheets[0].lastRow + 1;
    targetGrid = targetGrids.find((g) => g.name === header.sheet) ?? null;
  } else {
    const name = freeSheetName(target, LEDGER_SHEET, "ledger");
    header = createdLedgerHeader(name);
    nextRow = header.row + 1;
    created = true;
  }

  // Payments already in the ledger, by voucher, date and amount (in the ledger's unit).
  const seen = new Map<string, number>();
  const keyOf = (voucher: string, serial: number, amount: string): string => `${voucher}\u0000${serial}\u0000${amount}`;
  if (targetGrid && header.cols.voucher !== undefined)
    for (const row of ledger.rows) {
      if (row.sheet !== header.sheet || !row.date.ok || !row.amount.ok) continue;
      const v = cellText(targetGrid, row.row, header.cols.voucher);
      if (v) seen.set(keyOf(v, row.date.value, row.amount.value), row.row);
    }

  // The export's rows, read and matched as the ledger's would be.
  const g = from.grid;
  const h = from.header;
  const rows: LedgerRow[] = [];
  for (let r = h.row + 1; r <= g.bottom; r++) {
    if (Object.values(h.cols).every((c) => g.isBlank(r, c))) continue;
    const row = readLedgerRow(g, r, h);
    if (h.cols.date !== undefined) {
      row.date = importDate(g, r, h.cols.date);
      row.serial = row.date.ok ? row.date.value : NaN;
    }
    rows.push(row);
  }
  const matched = matchRows(rows, tableKeys);
  const taken = new Map<number, number>();
  matched.payments.forEach((ps, i) => ps.forEach((p) => taken.set(p.row, taken.get(p.row) ?? i)));
  const rejected: RejectedRow[] = [...matched.rejected];
  const values: CellValue[][] = [];
  for (const row of rows) {
    const tableIndex = taken.get(row.row);
    if (tableIndex === undefined || !row.date.ok || !row.amount.ok) continue;
    const t = read.tables[tableIndex];
    const amount = convertAmount(row.amount.value, h.unit, header.unit);
    const voucher = cellText(g, row.row, h.cols.voucher);
    if (voucher) {
      const dup = seen.get(keyOf(voucher, row.date.value, amount));
      if (dup !== undefined) {
        rejected.push({
          sheet: g.name,
          row: row.row,
          reason: `重复：支付明细第${dup}行已有凭证号“${voucher}”的同一笔支付`,
          reasonEn: `duplicate: ledger row ${dup} has the same payment (voucher ${voucher})`,
        });
        continue;
      }
      seen.set(keyOf(voucher, row.date.value, amount), nextRow + values.length);
    }
    const out: Partial<Record<LedgerField, CellValue>> = {
      date: row.date.value,
      code: row.key?.kind === "code" ? row.key.value : t.code,
      name: cellText(g, row.row, h.cols.name) ?? (t.name || null),
      amount: Number(amount),
      source: cellText(g, row.row, h.cols.source),
      voucher,
      memo: cellText(g, row.row, h.cols.memo),
    };
    const width = header.right - header.left + 1;
    const line = new Array<CellValue>(width).fill(null);
    for (const [f, c] of Object.entries(header.cols) as [LedgerField, number][]) line[c - header.left] = out[f] ?? null;
    values.push(line);
  }
  rejected.sort((a, b) => a.row - b.row);

  if (created) changes.push(...newLedgerChanges(target, header.sheet, read.tables.length));
  if (values.length > 0) {
    changes.push({ kind: "setValues", sheet: header.sheet, anchor: cellAddress(nextRow, header.left), values });
    const dateCol = header.cols.date!;
    changes.push({
      kind: "setStyle",
      sheet: header.sheet,
      range: `${cellAddress(nextRow, dateCol)}:${cellAddress(nextRow + values.length - 1, dateCol)}`,
      style: { numberFormat: "yyyy-mm-dd" },
    });
  }
  return { changes, ledger: header.sheet, created, imported: values.length, rejected, source: g.name };
}

/** Imports, then refreshes the rates (helper columns reach the new rows) in one go. */
export async function runImport(
  port: WorkbookPort,
  source: SheetData[],
  options: RatesOptions,
): Promise<{ import: ImportOutcome; rates: RatesOutcome }> {
  const before = await port.read();
  const imp = planImport(before.sheets, source);
  if (imp.changes.length > 0) await port.apply(imp.changes);
  const after = await port.read();
  const rates = planRates(after.sheets, { ...options, write: true });
  await port.apply(rates.changes);
  return { import: imp, rates };
}
