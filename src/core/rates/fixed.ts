/**
 * Exact sums of many amounts, fast: decimal strings as scaled integers (BigInt). The rates add up
 * every payment of a table at every checkpoint; big.js does it exactly too, but allocates more than
 * a 50,000-row ledger should cost. Results come back as canonical decimal strings (`"53.9"`).
 */

const POW10: bigint[] = [];
export function pow10(n: number): bigint {
  let p = POW10[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    POW10[n] = p;
  }
  return p;
}

/** Decimal places of a canonical decimal string. */
export function placesOf(d: string): number {
  const i = d.indexOf(".");
  return i < 0 ? 0 : d.length - i - 1;
}

/** `d × 10^shift` as an integer at `scale` decimals (scale ≥ places(d) − shift). */
export function toScaled(d: string, scale: number, shift = 0): bigint {
  const neg = d.startsWith("-");
  const t = neg ? d.slice(1) : d;
  const i = t.indexOf(".");
  const digits = i < 0 ? t : t.slice(0, i) + t.slice(i + 1);
  const places = i < 0 ? 0 : t.length - i - 1;
  const n = BigInt(digits) * pow10(scale - places + shift);
  return neg ? -n : n;
}

/** The canonical decimal string of an integer at `scale` decimals. */
export function fromScaled(n: bigint, scale: number): string {
  const neg = n < 0n;
  let s = (neg ? -n : n).toString();
  if (scale > 0) {
    s = s.padStart(scale + 1, "0");
    s = `${s.slice(0, -scale)}.${s.slice(-scale)}`.replace(/\.?0+$/, "");
  }
  return neg && s !== "0" ? `-${s}` : s;
}

/** `num / den` rounded to `places` decimals, half away from zero (den > 0), as a decimal string. */
export function divRound(num: bigint, den: bigint, places: number): string {
  const n = num * pow10(places);
  const neg = n < 0n;
  const a = neg ? -n : n;
  const q = (2n * a + den) / (2n * den);
  return fromScaled(neg ? -q : q, places);
}
