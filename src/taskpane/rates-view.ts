/**
 * What the pane's 执行率 tab shows, as plain data: the rates report of the last 填充执行率 (per
 * table, plan against actual at each checkpoint), the ledger rows that could not be counted, and the
 * last import. Small and free of the commands, so the state can hold it; `ratesViewOf` (which turns
 * a report into it, `./rates-report`) runs in the `commands-more` chunk: nothing here pulls in the
 * date library or the commands, so the pane's first load stays small.
 */
import type { WorkbookPort } from "../port/workbook";
import { RATES_RECORD, readRatesSettings, type RatesSettings } from "../core/rates/settings";
import { storeSheetName } from "../core/store";
import type { ActionContext } from "./runner";

export type AsOfSource = "explicit" | "workbook" | "default";

export interface CheckpointView {
  label: string;
  /** `YYYY-MM-DD`, or null when the label names no date. */
  date: string | null;
  /** Cumulative percentages; null where blank (plan) or not yet due (paid, rate). */
  plan: number | null;
  pace: number | null;
  paid: number | null;
  rate: number | null;
  /** False when the checkpoint is after the as-of date: drawn as not yet. */
  due: boolean;
  behindPlan: boolean;
  behindPace: boolean;
}

export interface TableRatesView {
  sheet: string;
  name: string;
  code: string | null;
  unit: string;
  budget: number | null;
  paid: number | null;
  rate: number | null;
  pace: number | null;
  reasonRequired: boolean;
  checkpoints: CheckpointView[];
}

export interface RejectedView {
  sheet: string;
  row: number;
  reason: string;
  reasonEn: string;
}

export interface RatesView {
  asOf: string;
  asOfSource: AsOfSource;
  tables: TableRatesView[];
  /** Ledger rows not counted. */
  rejected: RejectedView[];
  /** The ledger sheets read. */
  ledgers: string[];
  createdLedger: string | null;
}

export interface ImportView {
  file: string;
  imported: number;
  ledger: string;
  created: boolean;
  /** Rows of the file not imported (their sheet is the file's). */
  rejected: RejectedView[];
}

/**
 * The pane's as-of input (`YYYY-MM-DD` from `<input type="date">`): a serial, undefined when blank
 * (the default rule), null when it is not a date.
 */
export function asOfInput(text: string): number | undefined | null {
  const t = text.trim();
  if (t === "") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const date = new Date(ms);
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  // Excel's serial: days since 1899-12-30 (what core/ledger/values' serialOf gives from March 1900 on).
  return Math.round((ms - Date.UTC(1899, 11, 30)) / 86_400_000);
}

/** The row of a ledger line in A1 form (`12:12`), for selecting it in Excel. */
export function rowRange(row: number): string {
  return `${row}:${row}`;
}

/** The rates settings stored in the workbook: reads only the rates record's sheet. */
export async function loadRatesSettings(
  port: WorkbookPort,
  ctx: ActionContext,
): Promise<{ settings: RatesSettings; stored: boolean }> {
  const sheet = storeSheetName(RATES_RECORD);
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === sheet)) return readRatesSettings([]);
  const snapshot = await port.read({ sheets: [sheet] });
  ctx.checkpoint();
  return readRatesSettings(snapshot.sheets);
}
