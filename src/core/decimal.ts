/**
 * Exact decimal amounts. Amounts travel as canonical decimal strings (`"17.47"`), are summed with
 * big.js, and become JSON numbers only at the edge.
 */
import Big from "big.js";

/** Canonical string of a number read from a cell: Excel keeps 15 significant digits. */
export function decimalFromNumber(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  return new Big(Number(n.toPrecision(15))).toFixed();
}

/** Canonical string of a decimal text (`1,234.50` → `1234.5`), or null when it is not one. */
export function decimalFromText(s: string): string | null {
  const t = s.replace(/[,，\s]/g, "");
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(t)) return null;
  // big.js takes no leading `+`.
  return new Big(t.replace(/^\+/, "")).toFixed();
}

export function addDecimals(values: (string | null)[]): string {
  let sum = new Big(0);
  for (const v of values) if (v != null) sum = sum.plus(v);
  return sum.toFixed();
}

export function subDecimal(a: string, b: string): string {
  return new Big(a).minus(b).toFixed();
}

export function compareDecimal(a: string, b: string): number {
  return new Big(a).cmp(new Big(b));
}

/** Shifts the decimal point: `shiftDecimal("174686.64", -4)` is `"17.468664"` (元 → 万元). */
export function shiftDecimal(a: string, places: number): string {
  const b = new Big(a);
  return (places >= 0 ? b.times(new Big(10).pow(places)) : b.div(new Big(10).pow(-places))).toFixed();
}

export function absDecimal(a: string): string {
  return new Big(a).abs().toFixed();
}

export function roundDecimal(a: string, places: number): string {
  return new Big(a).round(places, Big.roundHalfUp).toFixed();
}

/** Number of decimal places as written (`"0.97"` → 2). */
export function decimalPlaces(a: string): number {
  const i = a.indexOf(".");
  return i < 0 ? 0 : a.length - i - 1;
}

export function toNumber(a: string | null): number | null {
  return a == null ? null : Number(a);
}
