/**
 * Sheet names Excel accepts: at most 31 characters, none of `: \ / ? * [ ]`, not starting or ending
 * with an apostrophe, not `History`, and unique regardless of case. Forbidden characters become
 * their full-width twins, so a name keeps its meaning (`2022/2023` → `2022／2023`).
 */
import { INTERNAL_PREFIX } from "./constants";

export const MAX_SHEET_NAME = 31;

const REPLACEMENTS: Record<string, string> = {
  ":": "：",
  "\\": "＼",
  "/": "／",
  "?": "？",
  "*": "＊",
  "[": "【",
  "]": "】",
};

/** Cuts a string to at most `max` UTF-16 units without splitting a character. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  let out = "";
  for (const ch of s) {
    if (out.length + ch.length > max) break;
    out += ch;
  }
  return out;
}

/** A name Excel accepts, made from any text; `fallback` when nothing usable is left. */
export function sanitizeSheetName(text: string, fallback = "目标表"): string {
  let s = text
    .replace(/[\u0000-\u001f\u007f]+/g, " ")
    .replace(/[:\\/?*[\]]/g, (ch) => REPLACEMENTS[ch])
    .replace(/\s+/g, " ")
    .trim();
  s = s.replace(/^'+|'+$/g, "").trim();
  if (s.toLowerCase().startsWith(INTERNAL_PREFIX.toLowerCase())) s = s.replace(/^_+/, "");
  s = cut(s, MAX_SHEET_NAME).replace(/'+$/g, "").trim();
  if (s === "" || s.toLowerCase() === "history") return fallback === "" ? "Sheet" : sanitizeSheetName(fallback, "");
  return s;
}

/**
 * Hands out sheet names unique among the workbook's (case-insensitive, as Excel compares them),
 * adding ` (2)`, ` (3)`… within the 31-character limit.
 */
export class SheetNamer {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<string>) {
    for (const n of existing) this.taken.add(n.toLowerCase());
  }

  has(name: string): boolean {
    return this.taken.has(name.toLowerCase());
  }

  /** Reserves a name that is already the workbook's (a sheet being replaced under its own name). */
  reserve(name: string): void {
    this.taken.add(name.toLowerCase());
  }

  release(name: string): void {
    this.taken.delete(name.toLowerCase());
  }

  /** A fresh name made from `text`. */
  next(text: string, fallback?: string): string {
    const base = sanitizeSheetName(text, fallback);
    let name = base;
    for (let n = 2; this.has(name); n++) {
      const suffix = ` (${n})`;
      name = `${cut(base, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
    }
    this.taken.add(name.toLowerCase());
    return name;
  }
}
