/**
 * What execution rates are compared with (DOMAIN.md §5). 序时进度 at a date is by default the share
 * of the year elapsed (25% at 3月底, 50% at 6月底, 83.33% at 10月底); a unit held to other marks
 * (central special funds: 6月底 ≥ 50%, 9月底 ≥ 75%, 12月底 = 100%) sets them as thresholds, which
 * replace the share at their dates. Kept in the workbook with the rates record.
 */
import Big from "big.js";
import type { SheetData } from "../../port/workbook";
import { decodeStore } from "../store";
import { divRound } from "./fixed";

/** The record (`../store`) the rates settings are kept in, with where `rates` wrote. */
export const RATES_RECORD = "rates";

export interface PaceThreshold {
  month: number;
  /** Day of the month; 0 or absent: the month's last day. */
  day?: number;
  /** Percentage required at that date. */
  min: number;
}

export interface RatesSettings {
  thresholds: PaceThreshold[];
  /** Percentage points a rate may trail the plan or 序时进度 before it is marked behind. */
  tolerance: number;
  /** A year-end rate below this percentage must carry a reason (偏差原因). */
  reasonBelow: number;
}

export const DEFAULT_RATES_SETTINGS: Readonly<RatesSettings> = Object.freeze({
  thresholds: [
    { month: 6, min: 50 },
    { month: 9, min: 75 },
    { month: 12, min: 100 },
  ],
  tolerance: 0,
  reasonBelow: 90,
});

function isThreshold(v: unknown): v is PaceThreshold {
  if (v === null || typeof v !== "object") return false;
  const t = v as Record<string, unknown>;
  return (
    Number.isInteger(t.month) &&
    (t.month as number) >= 1 &&
    (t.month as number) <= 12 &&
    (t.day === undefined || (Number.isInteger(t.day) && (t.day as number) >= 0 && (t.day as number) <= 31)) &&
    typeof t.min === "number" &&
    t.min >= 0 &&
    t.min <= 100
  );
}

/** Validates a stored record's settings; what cannot be used falls back to the default. */
export function ratesSettingsFrom(record: unknown): RatesSettings {
  const s: RatesSettings = {
    thresholds: DEFAULT_RATES_SETTINGS.thresholds.map((t) => ({ ...t })),
    tolerance: DEFAULT_RATES_SETTINGS.tolerance,
    reasonBelow: DEFAULT_RATES_SETTINGS.reasonBelow,
  };
  if (record === null || typeof record !== "object") return s;
  const r = record as Record<string, unknown>;
  if (Array.isArray(r.thresholds) && r.thresholds.every(isThreshold))
    s.thresholds = r.thresholds.map((t) => ({ ...t }));
  if (typeof r.tolerance === "number" && r.tolerance >= 0 && r.tolerance <= 100) s.tolerance = r.tolerance;
  if (typeof r.reasonBelow === "number" && r.reasonBelow >= 0 && r.reasonBelow <= 100) s.reasonBelow = r.reasonBelow;
  return s;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The threshold set for exactly this date, if any. */
export function thresholdAt(s: RatesSettings, year: number, month: number, day: number): PaceThreshold | null {
  for (const t of s.thresholds) {
    const d = !t.day ? daysIn(year, t.month) : t.day;
    if (t.month === month && d === day) return t;
  }
  return null;
}

/**
 * 序时进度 (percent, 2 decimals) at a date of the budget year: a threshold set for that date, else
 * the share of the year elapsed counted in months (whole months plus the elapsed share of the
 * current one), so month ends give n/12 exactly. Before the year 0, after it 100.
 */
export function paceAt(s: RatesSettings, budgetYear: number, year: number, month: number, day: number): string {
  if (year < budgetYear) return "0";
  if (year > budgetYear) return "100";
  const t = thresholdAt(s, year, month, day);
  if (t) return new Big(t.min).toFixed();
  // (whole months + elapsed share of this one) / 12, exactly, rounded half up.
  const dim = daysIn(year, month);
  return divRound(BigInt(((month - 1) * dim + day) * 100), BigInt(12 * dim), 2);
}

/** A problem with rates settings given by the user, in both languages. */
export interface RatesSettingsError {
  message: string;
  messageEn: string;
}

function pctOk(n: number): boolean {
  return Number.isFinite(n) && n >= 0 && n <= 100;
}

/** A percentage typed by the user (`50`, `50%`, `83.5`), or null when it is not one in 0–100. */
export function parsePercentInput(text: string): number | null {
  const m = /^\s*(\d{1,3}(?:\.\d{1,2})?)\s*%?\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return pctOk(n) ? n : null;
}

/**
 * Thresholds as the CLI takes them: `6:50,9:75,12:100` (month end : percent), a day when it is not
 * the month's end (`6-15:40` or `6/15:40`), `none` for no thresholds (序时进度 is then the share of the
 * year elapsed everywhere). Months in order, each at most once.
 */
export function parsePaceSpec(spec: string): { thresholds: PaceThreshold[] } | { error: RatesSettingsError } {
  const text = spec.trim();
  if (/^(none|无)$/i.test(text)) return { thresholds: [] };
  const bad = (part: string): { error: RatesSettingsError } => ({
    error: {
      message: `序时进度要求“${part}”无法识别，应写成 月:百分比，如 6:50,9:75,12:100（百分比 0–100）`,
      messageEn: `Pace threshold "${part}" is not understood; write month:percent, e.g. 6:50,9:75,12:100 (percent 0–100)`,
    },
  });
  if (text === "") return bad(spec);
  const out: PaceThreshold[] = [];
  for (const raw of text.split(/[,，;；]/)) {
    const part = raw.trim();
    const m = /^(\d{1,2})(?:[-/](\d{1,2}))?\s*[:：=]\s*(.+)$/.exec(part);
    if (!m) return bad(part);
    const month = Number(m[1]);
    const day = m[2] === undefined ? undefined : Number(m[2]);
    const min = parsePercentInput(m[3]);
    if (month < 1 || month > 12 || min === null) return bad(part);
    // A day must exist in every year (29 February only as a month end).
    if (day !== undefined && (day < 1 || day > daysIn(2023, month))) return bad(part);
    const t: PaceThreshold = day === undefined || day === daysIn(2023, month) ? { month, min } : { month, day, min };
    out.push(t);
  }
  const key = (t: PaceThreshold): number => t.month * 100 + (t.day ?? 31);
  for (let i = 1; i < out.length; i++)
    if (key(out[i]) <= key(out[i - 1]))
      return {
        error: {
          message: `序时进度要求须按日期先后排列且不重复：${spec}`,
          messageEn: `Pace thresholds must be in date order without repeats: ${spec}`,
        },
      };
  for (let i = 1; i < out.length; i++)
    if (out[i].min < out[i - 1].min)
      return {
        error: {
          message: `序时进度要求不能随日期变小：${spec}`,
          messageEn: `Pace thresholds cannot decrease over the year: ${spec}`,
        },
      };
  return { thresholds: out };
}

/** Thresholds written as `parsePaceSpec` reads them (`none` when there are none). */
export function formatPaceSpec(thresholds: readonly PaceThreshold[]): string {
  if (thresholds.length === 0) return "none";
  return thresholds.map((t) => `${t.month}${t.day ? `-${t.day}` : ""}:${t.min}`).join(",");
}

/** `--tolerance` / `--reason-below`: a percentage 0–100, or an error naming the option. */
export function parseRatesPercent(
  option: "tolerance" | "reasonBelow",
  text: string,
): { value: number } | { error: RatesSettingsError } {
  const n = parsePercentInput(text);
  if (n !== null) return { value: n };
  const zh = option === "tolerance" ? "容差（百分点）" : "需填偏差原因的执行率下限";
  const flag = option === "tolerance" ? "--tolerance" : "--reason-below";
  return {
    error: {
      message: `${zh}须为 0 到 100 之间的数（最多两位小数）：${text}`,
      messageEn: `${flag} must be a number from 0 to 100 (at most 2 decimals): ${text}`,
    },
  };
}

export function sameRatesSettings(a: RatesSettings, b: RatesSettings): boolean {
  return (
    a.tolerance === b.tolerance &&
    a.reasonBelow === b.reasonBelow &&
    formatPaceSpec(a.thresholds) === formatPaceSpec(b.thresholds)
  );
}

/** The rates settings stored in the workbook (in the rates record), or the defaults. */
export function readRatesSettings(sheets: SheetData[]): { settings: RatesSettings; stored: boolean } {
  const record = decodeStore<{ settings?: unknown }>(RATES_RECORD, sheets);
  return {
    settings: ratesSettingsFrom(record?.settings ?? null),
    stored: record !== null && record.settings !== undefined,
  };
}
