/**
 * The date a spending-plan checkpoint stands for, from its label (as `checkpointLabel` normalises
 * it) and the budget year: 3月底 → 03-31, 1-7月 → 07-31, 三季度末 → 09-30, 上半年 → 06-30,
 * 11月30日 → 11-30, 全年 → 12-31.
 */
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { checkpointLabel } from "../labels";
import { serialOf } from "../ledger/values";

dayjs.extend(customParseFormat);

const CN_NUMBERS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

export interface MonthDay {
  month: number;
  day: number;
}

function monthEnd(month: number): MonthDay | null {
  if (month < 1 || month > 12) return null;
  // Day 0 of the next month is this month's last day; February's length is the year's business.
  return { month, day: 0 };
}

/** Month and day of a checkpoint label (day 0 = the month's last day), or null when it names none. */
export function checkpointMonthDay(label: string): MonthDay | null {
  const t = checkpointLabel(label) ?? label;
  let m = /^(\d{1,2})月(底|末|份)?$/.exec(t);
  if (m) return monthEnd(Number(m[1]));
  m = /^(\d{1,2})-(\d{1,2})月(份)?$/.exec(t);
  if (m) return Number(m[1]) <= Number(m[2]) ? monthEnd(Number(m[2])) : null;
  m = /^(第)?([一二三四1-4])季度(末|底)?$/.exec(t);
  if (m) return monthEnd(3 * (CN_NUMBERS[m[2]] ?? Number(m[2])));
  m = /^(上|下)半年(末)?$/.exec(t);
  if (m) return monthEnd(m[1] === "上" ? 6 : 12);
  if (/^(全年|年底|年末)$/.test(t)) return monthEnd(12);
  m = /^(\d{1,2})月(\d{1,2})日$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    // Checked against a leap year: 2月29日 is a date in some years.
    const ok = dayjs(`2024-${m[1].padStart(2, "0")}-${m[2].padStart(2, "0")}`, "YYYY-MM-DD", true).isValid();
    return ok ? { month, day } : null;
  }
  m = /^(一|二|三|四|五|六|七|八|九|十|十一|十二)月(底|末)$/.exec(t);
  if (m) return monthEnd(CN_NUMBERS[m[1]]);
  return null;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The checkpoint's date in a year as y/m/d, or null (a label naming no date, 2月29日 in a common year). */
const DATES = new Map<string, { year: number; month: number; day: number } | null>();

export function checkpointDate(label: string, year: number): { year: number; month: number; day: number } | null {
  const key = `${label}\u0000${year}`;
  let d = DATES.get(key);
  if (d === undefined) {
    if (DATES.size > 10_000) DATES.clear();
    const md = checkpointMonthDay(label);
    const last = md ? daysIn(year, md.month) : 0;
    const day = md ? (md.day === 0 ? last : md.day) : 0;
    d = md && day <= last ? { year, month: md.month, day } : null;
    DATES.set(key, d);
  }
  return d === null ? null : { ...d };
}

export function checkpointSerial(label: string, year: number): number | null {
  const d = checkpointDate(label, year);
  return d ? serialOf(d.year, d.month, d.day) : null;
}

/** Checkpoints used when a table states no plan: the quarter ends. */
export const DEFAULT_CHECKPOINTS = ["3月底", "6月底", "9月底", "12月底"];
