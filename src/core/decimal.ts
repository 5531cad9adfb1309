/**
 * Exact decimal amounts. Amounts travel as canonical decimal strings (`"17.47"`), are summed with
 * big.js, and become JSON numbers only at the edge.
 */
import Big from "big.js";

/** Canonical string of a number read from a cell: Excel keeps 15 significant digits. */
export function decimalFromNumber(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  // Fast path for whole amounts and amounts in cents, the bulk of any ledger: when c/100 is the
  // very double, the two-decimal form is what the general path below gives, found without
  // formatting a double.
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const c = Math.round(n * 100);
  if (Math.abs(c) < 1e15 && c / 100 === n) {
    const a = Math.abs(c);
    const cents = a % 100;
    const frac = cents % 10 === 0 ? String(cents / 10) : String(cents).padStart(2, "0");
    return `${c < 0 ? "-" : ""}${Math.floor(a / 100)}.${frac}`;
  }
  const r = Number(n.toPrecision(15));
  // JavaScript's shortest form is already canonical unless it has an exponent (1e-7, 1e+21).
  const s = String(r);
  return /e/i.test(s) ? new Big(r).toFixed() : s;
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
  // Multiplying by 1e±n is exact and needs no division.
  return new Big(a).times(new Big(`1e${places}`)).toFixed();
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
