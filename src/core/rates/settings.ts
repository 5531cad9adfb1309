/**
 * What execution rates are compared with (DOMAIN.md §5). 序时进度 at a date is by default the share
 * of the year elapsed (25% at 3月底, 50% at 6月底, 83.33% at 10月底); a unit held to other marks
 * (central special funds: 6月底 ≥ 50%, 9月底 ≥ 75%, 12月底 = 100%) sets them as thresholds, which
 * replace the share at their dates. Kept in the workbook with the rates record.
 */
import Big from "big.js";
import { divRound } from "./fixed";

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
