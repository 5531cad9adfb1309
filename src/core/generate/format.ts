/** How generated sheets store and show amounts and percentages. */
import Big from "big.js";
import type { CellValue } from "../../port/workbook";
import { decimalPlaces, shiftDecimal } from "../decimal";
import type { Budget } from "../model";

/** Excel keeps 15 significant digits; an amount with more is written as text, which readers take as exact. */
export function amountCell(a: string | null): CellValue {
  if (a === null) return null;
  return new Big(a).c.length <= 15 ? Number(a) : a;
}

/** Decimal places amounts are shown with: at least 2, more where a figure has more. */
export function budgetPrecision(b: Budget): number {
  let p = 2;
  for (const a of [b.total, b.adjusted, ...b.components.map((c) => c.amount)])
    if (a !== null) p = Math.max(p, decimalPlaces(new Big(a).toFixed()));
  return Math.min(p, 10);
}

export function amountFormat(places: number): string {
  return places > 0 ? `#,##0.${"0".repeat(places)}` : "#,##0";
}

/** A plan percentage (`24`) as the cell stores it (`0.24`, shown `24%`). */
export function percentCell(p: number | null): CellValue {
  return p === null ? null : Number(shiftDecimal(String(p), -2));
}

export function percentFormat(p: number | null): string {
  const places = p === null ? 0 : decimalPlaces(new Big(p).toFixed());
  return places > 0 ? `0.${"0".repeat(places)}%` : "0%";
}

/** A column width that shows every amount (and, with `withSum`, their sum) in `#,##0.00…` without `####`. */
export function amountWidth(amounts: (string | null)[], places: number, minimum: number, withSum = true): number {
  let widest = new Big(0);
  let sum = new Big(0);
  for (const a of amounts)
    if (a !== null) {
      sum = sum.plus(a);
      if (new Big(a).abs().gt(widest)) widest = new Big(a).abs();
    }
  if (withSum && sum.abs().gt(widest)) widest = sum.abs();
  const digits = widest.round(0, Big.roundDown).toFixed().length;
  const chars = digits + Math.floor((digits - 1) / 3) + (places > 0 ? places + 1 : 0) + 1;
  return Math.max(minimum, Math.ceil(chars * 1.15) + 2);
}
