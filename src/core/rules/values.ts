/** Helpers the value rules share: what looks quantitative, money units, wording. */
import { canonicalMoneyUnit } from "../amount";
import type { Target } from "../model";
import { toHalfWidth } from "../text";

/** Dates and periods (`2022年12月底前`, `2023.07-2024.01`, `1-12月`) are qualitative by nature. */
const DATE_LIKE =
  /\d{4}\s*[年.\-/]\s*\d{1,2}|\d{1,2}\s*月\s*(底|末|份|前|中|初|上旬|中旬|下旬|\d)|\d{1,2}\s*[-~至]\s*\d{1,2}\s*月/;
const LEADING_WORD =
  /^(大于或等于|大于等于|小于或等于|小于等于|不低于|不少于|不小于|不高于|不超过|不大于|不多于|大于|小于|高于|低于|等于|超过|少于|至少|控制在|达到|约)\d/;

/** Whether a value reads as a number with a comparator or a unit, though it may not parse. */
export function looksQuantitative(value: string): boolean {
  const s = toHalfWidth(value).replace(/\s+/g, "");
  if (s === "" || DATE_LIKE.test(s)) return false;
  if (/^[≥>=≤<≧≦⩾⩽]/.test(s)) return true;
  if (/\d[%‰]/.test(s)) return true;
  if (/^[+-]?\d/.test(s)) return true;
  return LEADING_WORD.test(s);
}

/** `百分之九十`, `千分之三`: a percentage in words, which the grammar leaves qualitative. */
export function isPercentInWords(value: string): boolean {
  return /^(百分之|千分之)[零〇一二三四五六七八九十百点]+$/.test(toHalfWidth(value).replace(/\s+/g, ""));
}

/** The money unit of a parsed target (`万元`, `元`), or null. */
export function moneyUnit(t: Target): string | null {
  if (t.unit === null) return null;
  let u = moneyUnits.get(t.unit);
  if (u === undefined) {
    if (moneyUnits.size > 1_000) moneyUnits.clear();
    u = canonicalMoneyUnit(t.unit);
    moneyUnits.set(t.unit, u);
  }
  return u;
}

const moneyUnits = new Map<string, string | null>();

/** An amount with its unit, as messages write it (`471.16万元`). */
export function money(amount: string | null, unit: string): string {
  return amount === null ? "空" : `${amount}${unit}`;
}
