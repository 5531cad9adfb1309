/** 序时进度 (DOMAIN.md §5): where in the year a plan checkpoint falls, and the pace expected there. */
import { toHalfWidth } from "../text";
import type { PaceThreshold } from "./types";

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 两: 2 };

/**
 * The checkpoint's position in the year in months (`3月底` → 3, `6月15日` → 5.5, `年底` → 12), or
 * null when the label names no date.
 */
export function checkpointMonth(label: string, year: number | null): number | null {
  const s = toHalfWidth(label).replace(/\s+/g, "");
  if (/(年底|年末|全年|12月底)/.test(s)) return 12;
  if (/上半年|半年/.test(s)) return 6;
  const q = /第?([1-4一二三四])季度/.exec(s);
  if (q) return 3 * (CN_DIGITS[q[1]] ?? Number(q[1]));
  if (/前三季度/.test(s)) return 9;
  const d = /(?:\d{4}[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?/.exec(s);
  if (d) {
    const month = Number(d[1]);
    const day = Number(d[2]);
    if (month < 1 || month > 12 || day < 1) return null;
    const days = new Date(Date.UTC(year ?? 2001, month, 0)).getUTCDate();
    return day >= days ? month : month - 1 + day / days;
  }
  const m = /(\d{1,2})月/.exec(s);
  if (m) {
    const month = Number(m[1]);
    return month >= 1 && month <= 12 ? month : null;
  }
  return null;
}

/** The planned percentage expected at a point of the year: the share elapsed, or the thresholds. */
export function expectedPace(month: number, thresholds: PaceThreshold[] | null): number | null {
  if (thresholds === null) return (month / 12) * 100;
  let best: PaceThreshold | null = null;
  for (const t of thresholds) if (t.month <= month && (best === null || t.month > best.month)) best = t;
  return best === null ? null : best.percent;
}

/** A percentage as people write it: at most one decimal (`83.3%`). */
export function percentText(p: number): string {
  return `${Math.round(p * 10) / 10}%`;
}
