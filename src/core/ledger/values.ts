/**
 * Reading a ledger row's date and amount exactly as the generated helper formulas do (see
 * `./helpers`), so the figures the add-in reports and the figures the workbook computes agree: what
 * one rejects, the other leaves out.
 *
 * Dates: Excel serials (a time of day is dropped), `20220315` typed as a number or text, and text
 * `2022-03-15`, `2022/3/15`, `2022.3.15`, `2022年3月15日`; spaces anywhere are ignored. Amounts: numbers,
 * or text of digits with an optional leading `-`, one decimal point and thousands separators (`,` `，`)
 * or spaces. Nothing else is guessed.
 */
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import type { CellValue } from "../../port/workbook";
import { decimalFromNumber, decimalFromText } from "../decimal";
import { isBlank } from "../text";

dayjs.extend(customParseFormat);

/** Excel's serial day 0 (1899-12-30) in ms since the epoch. */
const EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** 9999-12-31, the last day a spreadsheet holds. */
export const MAX_SERIAL = 2_958_465;

export function serialOf(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EPOCH_MS) / DAY_MS);
}

/** `2022-03-31` of a serial. */
const ISO = new Map<number, string>();

export function isoOfSerial(serial: number): string {
  let s = ISO.get(serial);
  if (s === undefined) {
    if (ISO.size > 50_000) ISO.clear();
    s = new Date(EPOCH_MS + serial * DAY_MS).toISOString().slice(0, 10);
    ISO.set(serial, s);
  }
  return s;
}

/** Year, month and day of a serial. */
export function ymdOfSerial(serial: number): { year: number; month: number; day: number } {
  const d = new Date(EPOCH_MS + serial * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Serial of a strict `YYYY-MM-DD`, or null. */
export function serialOfIso(iso: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = dayjs(iso, "YYYY-MM-DD", true);
  if (!d.isValid()) return null;
  return serialOf(d.year(), d.month() + 1, d.date());
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; reasonEn: string };

function fail<T>(reason: string, reasonEn: string): Parsed<T> {
  return { ok: false, reason, reasonEn };
}

const YMD = new Map<number, number | null>();

/** Serial of a calendar date checked strictly by dayjs, or null (cached: few distinct dates recur). */
function ymd(y: number, m: number, d: number): number | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  const key = y * 10_000 + m * 100 + d;
  let s = YMD.get(key);
  if (s === undefined) {
    if (YMD.size >= TEXT_DATES_MAX) YMD.clear();
    s = strictYmd(y, m, d);
    YMD.set(key, s);
  }
  return s;
}

function strictYmd(y: number, m: number, d: number): number | null {
  if (y < 1900 || y > 9999 || m < 1 || m > 99 || d < 1 || d > 99) return null;
  const iso = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const parsed = dayjs(iso, "YYYY-MM-DD", true);
  return parsed.isValid() ? serialOf(y, m, d) : null;
}

/** The text normalisation of the helper formula: spaces out, 年/月 `/` `.` → `-`, 日 out. */
export function normaliseDateText(s: string): string {
  let n = NORMALISED.get(s);
  if (n === undefined) {
    if (NORMALISED.size >= TEXT_DATES_MAX) NORMALISED.clear();
    n = s
      .replace(/[ \u3000]/g, "")
      .replace(/[年月/.]/g, "-")
      .replace(/日/g, "");
    NORMALISED.set(s, n);
  }
  return n;
}

const NORMALISED = new Map<string, string>();

const SERIALS = new Map<number, Parsed<number>>();

/** Parsed date texts: a ledger repeats the same few hundred dates, and parsing is the costly part. */
const TEXT_DATES = new Map<string, Parsed<number>>();
const TEXT_DATES_MAX = 50_000;

/** A ledger date cell as a serial day number. */
export function parseLedgerDate(value: CellValue, text: string): Parsed<number> {
  if (typeof value !== "string") return parseDateValue(value, text);
  let p = TEXT_DATES.get(value);
  if (p === undefined) {
    if (TEXT_DATES.size >= TEXT_DATES_MAX) TEXT_DATES.clear();
    p = parseDateValue(value, text);
    TEXT_DATES.set(value, p);
  }
  return p;
}

function parseDateValue(value: CellValue, text: string): Parsed<number> {
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 10_000_000 && value <= 99_991_231) {
      const s = ymd(Math.floor(value / 10_000), Math.floor(value / 100) % 100, value % 100);
      return s === null ? fail(`日期无法识别：${value}`, `unreadable date ${value}`) : { ok: true, value: s };
    }
    if (value >= 1 && value < MAX_SERIAL + 1) {
      // One shared result per day: a ledger has a few hundred distinct dates.
      const day = Math.floor(value);
      let p = SERIALS.get(day);
      if (p === undefined) {
        if (SERIALS.size >= TEXT_DATES_MAX) SERIALS.clear();
        p = { ok: true, value: day };
        SERIALS.set(day, p);
      }
      return p;
    }
    return fail(`日期无法识别：${value}`, `unreadable date ${value}`);
  }
  if (value === null || (typeof value === "string" && isBlank(value))) return fail("日期为空", "no date");
  if (typeof value !== "string") return fail(`日期无法识别：“${text}”`, `unreadable date "${text}"`);
  const n = normaliseDateText(value);
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(n);
  m ??= /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(n);
  const s = m ? ymd(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (s === null) return fail(`日期无法识别：“${value.trim()}”`, `unreadable date "${value.trim()}"`);
  return { ok: true, value: s };
}

/** The characters the helper formula removes from a text amount. */
export function normaliseAmountText(s: string): string {
  return s.replace(/[,，\u0020\u3000]/g, "");
}

/** A ledger amount cell as an exact decimal string, in the ledger's unit. */
export function parseLedgerAmount(value: CellValue, text: string): Parsed<string> {
  if (typeof value === "number") {
    const d = decimalFromNumber(value);
    return d === null ? fail(`金额无法识别：${text}`, "unreadable amount") : { ok: true, value: d };
  }
  if (value === null || (typeof value === "string" && isBlank(value))) return fail("金额为空", "no amount");
  if (typeof value !== "string") return fail(`金额无法识别：“${text}”`, `unreadable amount "${text}"`);
  const t = normaliseAmountText(value);
  const d = /^-?\d+(\.\d+)?$/.test(t) && t.replace(/^-/, "").length <= 20 ? decimalFromText(t) : null;
  if (d === null)
    return fail(
      `金额无法识别：“${value.trim()}”（只能填数字，如 1234.56）`,
      `unreadable amount "${value.trim()}" (digits only, such as 1234.56)`,
    );
  return { ok: true, value: d };
}
