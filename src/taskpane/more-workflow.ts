/**
 * 生成目标表, 生成汇总表 and 填充执行率 over the workbook port, step by step, for the ribbon buttons and
 * the pane. Loaded on demand as the `commands-more` chunk. Each reads once, plans everything, and
 * writes in one `apply` after the last chance to cancel (`ctx.commit()`).
 */
import type { WorkbookChange, WorkbookPort } from "../port/workbook";
import type { ReadResult } from "../core/model";
import { planGenerate } from "../commands/generate";
import type { FieldChange } from "../core/generate/content";
import { planSummary } from "../commands/summary";
import { planRates, ratesSettingsChanges, type RatesOutcome } from "../commands/rates";
import { RATES_RECORD, ratesSettingsFrom, type RatesSettings } from "../core/rates/settings";
import { storeSheetName } from "../core/store";
import { LedgerImportError, planCreateLedger, planImport } from "../commands/ledger";
import { isSpreadsheetBytes, paymentCsvSheet } from "../core/ledger/decode";
import type { SheetData } from "../port/workbook";
import type { ImportView, RatesView } from "./rates-view";
import { ratesViewOf, rejectedViews } from "./rates-report";
import { readWorkbook } from "../core/reader";
import { isoOfSerial, serialOf } from "../core/ledger/values";
import type { ActionContext } from "./runner";

export type Write = (changes: WorkbookChange[]) => Promise<void>;

/** A generated sheet that differs from its source, and what replacing it would change. */
export interface GenerateConflict {
  sheet: string;
  code: string | null;
  name: string;
  /** Where the source stands (`绩效目标!A1:H40`). */
  source: string | null;
  editedOnSheet: boolean;
  sourceChanged: boolean;
  /** Field, what the generated sheet says now, what the source says. */
  differences: FieldChange[];
}

export interface GenerateRun {
  created: number;
  replaced: number;
  unchanged: number;
  /** Generated sheets that differ from their source, left as they are until the user confirms. */
  conflicts: GenerateConflict[];
  tocSheet: string | null;
  /** The tables as read after generating (generated sheets are now the tables of record). */
  read: ReadResult;
}

/**
 * 生成目标表. Generated sheets that differ from their source are left as they are and reported;
 * `replace` names those the user confirmed, rebuilt from their sources (the CLI's `--force`, per sheet).
 */
export async function runGenerateTables(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  options: { replace?: string[] } = {},
): Promise<GenerateRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("generating");
  const plan = planGenerate(snapshot, { replace: options.replace ?? [] });
  await ctx.commit("writing");
  if (plan.changes.length > 0) await write(plan.changes);
  const count = (a: string): number => plan.items.filter((i) => i.action === a).length;
  return {
    created: count("create"),
    replaced: count("replace"),
    unchanged: count("unchanged"),
    conflicts: plan.items
      .filter((i) => i.action === "conflict")
      .map((i) => ({
        sheet: i.sheet,
        code: i.code,
        name: i.name,
        source: i.source ? `${i.source.sheet}!${i.source.range}` : null,
        editedOnSheet: i.editedOnSheet,
        sourceChanged: i.sourceChanged,
        differences: i.differences,
      })),
    tocSheet: plan.tocSheet,
    read: plan.changes.length > 0 ? readWorkbook(await port.read()) : readWorkbook(snapshot),
  };
}

export interface SummaryRun {
  sheet: string;
  departmentSheet: string | null;
  tables: number;
  checked: boolean;
  /** Whether the summary has the plan-against-actual block (and, in Excel, its chart). */
  chart: boolean;
}

export async function runSummarySheet(port: WorkbookPort, ctx: ActionContext, write: Write): Promise<SummaryRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("generating");
  const plan = planSummary(snapshot);
  await ctx.commit("writing");
  if (plan.changes.length > 0) await write(plan.changes);
  return {
    sheet: plan.summarySheet,
    departmentSheet: plan.departmentSheet,
    tables: plan.tables,
    checked: plan.checked,
    chart: plan.layout.chart !== null,
  };
}

export interface RatesRun {
  /** The as-of date, `YYYY-MM-DD`. */
  asOf: string;
  /** Where it came from: given in the pane, typed into the workbook's 截止日期 cell, or the default. */
  asOfSource: RatesView["asOfSource"];
  tables: number;
  /** Tables without a budget to compute a rate against. */
  noBudget: number;
  /** Ledger rows that could not be used, as row references (`支付明细!12:12`), in order. */
  rejected: string[];
  createdLedger: string | null;
  /** What the pane's 执行率 tab shows. */
  view: RatesView;
}

function todayOf(now: Date): number {
  return serialOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

function ratesRunOf(outcome: RatesOutcome): RatesRun {
  const report = outcome.report;
  return {
    asOf: isoOfSerial(report.asOf),
    asOfSource: outcome.asOfSource,
    tables: report.tables.length,
    noBudget: report.tables.filter((t) => t.rate === null).length,
    rejected: report.rejected.map((r) => `${r.sheet}!${r.row}:${r.row}`),
    createdLedger: outcome.createdLedger,
    view: ratesViewOf(report, outcome.createdLedger),
  };
}

/**
 * 填充执行率. `asOf` (a serial) is the date set in the pane; without it the workbook's typed date or
 * the default rule decides (see `planRates`).
 */
export async function runFillRates(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  now = new Date(),
  asOf?: number,
): Promise<RatesRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("computing");
  const outcome = planRates(snapshot.sheets, { today: todayOf(now), asOf });
  await ctx.commit("writing");
  if (outcome.changes.length > 0) await write(outcome.changes);
  return ratesRunOf(outcome);
}

export interface CreateLedgerRun {
  /** The ledger the workbook already has (nothing was written), or null. */
  existing: string | null;
  /** The rates, with the new ledger's name in `createdLedger`; null when the ledger existed. */
  rates: RatesRun | null;
}

/** 创建支付明细表: a ledger sheet with headers, formats and dropdowns (nothing when there is one). */
export async function runCreateLedger(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  now = new Date(),
  asOf?: number,
): Promise<CreateLedgerRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("computing");
  const outcome = planCreateLedger(snapshot.sheets, { today: todayOf(now), asOf });
  if (outcome.existing) return { existing: outcome.existing, rates: null };
  await ctx.commit("writing");
  if (outcome.changes.length > 0) await write(outcome.changes);
  return { existing: null, rates: ratesRunOf(outcome) };
}

/** A payment file picked in the pane. */
export interface PaymentFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * The sheets of a payment export: an .xlsx through the ExcelJS chunk (loaded only now, in Excel as
 * in the page), a CSV decoded here (UTF-8, else GBK through the platform's TextDecoder).
 */
export async function paymentSheets(file: PaymentFile, ctx: ActionContext): Promise<SheetData[]> {
  if (file.bytes.length === 0)
    throw new LedgerImportError(`付款文件为空：${file.name}`, `The payment file is empty: ${file.name}`);
  if (!isSpreadsheetBytes(file.bytes)) return [paymentCsvSheet(file.name, file.bytes)];
  await ctx.step("loadingEngine");
  const { ExcelJsWorkbook } = await import(/* webpackChunkName: "exceljs" */ "../adapters/exceljs/workbook");
  await ctx.step("opening");
  const wb = await ExcelJsWorkbook.load(file.bytes);
  return (await wb.read()).sheets;
}

export interface ImportRun {
  import: ImportView;
  rates: RatesRun;
}

/** 导入支付数据: appends the export's payments to the ledger (created if need be), then fills the rates. */
export async function runImportPayments(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  file: PaymentFile,
  now = new Date(),
  asOf?: number,
): Promise<ImportRun> {
  await ctx.step("opening");
  const source = await paymentSheets(file, ctx);
  await ctx.step("reading");
  const before = await port.read();
  await ctx.step("computing");
  const imp = planImport(before.sheets, source);
  await ctx.commit("writing");
  if (imp.changes.length > 0) await write(imp.changes);
  const after = await port.read();
  const outcome = planRates(after.sheets, { today: todayOf(now), asOf });
  if (outcome.changes.length > 0) await write(outcome.changes);
  return {
    import: {
      file: file.name,
      imported: imp.imported,
      ledger: imp.ledger,
      created: imp.created,
      rejected: rejectedViews(imp.rejected),
    },
    rates: ratesRunOf(outcome),
  };
}

/**
 * Stores rates settings in the workbook's rates record (the one place they are kept; the next 填充执行率
 * marks by them). Returns the settings as stored.
 */
export async function saveRatesSettings(
  port: WorkbookPort,
  settings: RatesSettings,
  ctx: ActionContext,
  write: Write,
): Promise<RatesSettings> {
  await ctx.step("reading");
  const sheet = storeSheetName(RATES_RECORD);
  const exists = (await port.listSheets()).some((s) => s.name === sheet);
  const sheets = exists ? (await port.read({ sheets: [sheet] })).sheets : [];
  const changes = ratesSettingsChanges(sheets, settings);
  await ctx.commit("writing");
  await write(changes);
  return ratesSettingsFrom(settings);
}
