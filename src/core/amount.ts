/** Amounts as cells hold them: numbers, text, text with units (`250万`, `2,500,000元`), full-width. */
import type { CellValue } from "../port/workbook";
import { decimalFromNumber, decimalFromText, shiftDecimal } from "./decimal";
import { toHalfWidth, isBlank } from "./text";

/** Powers of ten of each money unit relative to 元. */
const UNIT_EXPONENT: Record<string, number> = { 元: 0, 千元: 3, 万元: 4, 万: 4, 百万元: 6, 亿元: 8, 亿: 8 };

export function isMoneyUnit(u: string): boolean {
  return u in UNIT_EXPONENT;
}

/** Normalises a unit line's unit (`万` → `万元`). */
export function canonicalMoneyUnit(u: string): string | null {
  const t = toHalfWidth(u).replace(/\s+/g, "");
  if (!(t in UNIT_EXPONENT)) return null;
  return t === "万" ? "万元" : t === "亿" ? "亿元" : t;
}

/** Converts an exact amount from one money unit to another. */
export function convertAmount(amount: string, from: string, to: string): string {
  const d = (UNIT_EXPONENT[from] ?? 4) - (UNIT_EXPONENT[to] ?? 4);
  return d === 0 ? amount : shiftDecimal(amount, d);
}

export interface ParsedAmount {
  /** Exact decimal in the requested unit, or null for a blank cell. */
  amount: string | null;
  /** Set when the cell is not blank but holds no amount. */
  error?: string;
  /** The unit written in the cell, when it had one. */
  statedUnit?: string;
  /** Whether the amount was stored as text. */
  asText?: boolean;
}

/** Reads an amount cell into `unit` (the table's unit). */
export function parseAmount(value: CellValue, text: string, unit: string): ParsedAmount {
  if (typeof value === "number") return { amount: decimalFromNumber(value) };
  if (value === null || isBlank(text)) return { amount: null };
  const raw = toHalfWidth(String(value ?? text)).replace(/\s+/g, "");
  if (/^#[A-Z/0]+[!?]?[A-Z]*$/.test(raw)) return { amount: null, error: `公式错误 ${raw}` };
  if (/^[-—–/无]$/.test(raw)) return { amount: null };
  const m = /^[¥￥]?([+-]?[\d,]*\.?\d+)(千元|万元|百万元|亿元|万|亿|元)?$/.exec(raw);
  if (!m) return { amount: null, error: `不是金额：${text.trim()}` };
  const n = decimalFromText(m[1]);
  if (n === null) return { amount: null, error: `不是金额：${text.trim()}` };
  const stated = m[2];
  return {
    amount: stated ? convertAmount(n, stated, unit) : n,
    statedUnit: stated,
    asText: true,
  };
}
