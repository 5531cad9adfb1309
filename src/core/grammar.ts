/**
 * The 指标值 grammar (DOMAIN.md §3): `[comparator][number][unit]` or a qualitative text.
 * One parser for every layout, so readers and rules agree on what a value means.
 */
import type { Comparator, Target, TargetNote } from "./model";
import { decimalFromText } from "./decimal";
import { hasFullWidth, toHalfWidth } from "./text";

/** Comparator words and symbols, longest first so `大于等于` wins over `大于`. */
const COMPARATOR_WORDS: [string, Comparator][] = [
  ["大于或等于", "≥"],
  ["大于等于", "≥"],
  ["不低于", "≥"],
  ["不少于", "≥"],
  ["不小于", "≥"],
  ["至少", "≥"],
  ["小于或等于", "≤"],
  ["小于等于", "≤"],
  ["不高于", "≤"],
  ["不超过", "≤"],
  ["不大于", "≤"],
  ["不多于", "≤"],
  ["控制在", "≤"],
  ["大于", ">"],
  ["高于", ">"],
  ["超过", ">"],
  ["小于", "<"],
  ["低于", "<"],
  ["少于", "<"],
  ["等于", "="],
];

const COMPARATOR_SYMBOLS: [string, Comparator][] = [
  [">=", "≥"],
  ["=>", "≥"],
  ["<=", "≤"],
  ["=<", "≤"],
  ["≥", "≥"],
  ["≧", "≥"],
  ["⩾", "≥"],
  ["≤", "≤"],
  ["≦", "≤"],
  ["⩽", "≤"],
  [">", ">"],
  ["<", "<"],
  ["=", "="],
];

/** Reads a comparator as written in a split 指标性质/指标方向 column, or null. */
export function parseComparator(s: string): { op: Comparator; word: boolean } | null {
  const t = toHalfWidth(s).replace(/\s+/g, "");
  if (t === "") return null;
  for (const [sym, op] of COMPARATOR_SYMBOLS) if (t === sym) return { op, word: false };
  for (const [word, op] of COMPARATOR_WORDS) if (t === word) return { op, word: true };
  if (t === "定性") return null;
  return null;
}

const SUFFIX_WORDS: [RegExp, Comparator][] = [
  [/(及以上|以上)$/, "≥"],
  [/(及以下|以下|以内)$/, "≤"],
];

/** A unit is a short token: `%`, `‰`, `万亩`, `人次`, `次/年`, `km`. */
const UNIT_RE = /^(%|‰|[A-Za-z\u4e00-\u9fff²³/·]{1,6})$/;

/** Parses a 指标值 as a person reads it. */
export function parseTarget(raw: string): Target {
  const notes: TargetNote[] = [];
  const original = raw.trim();
  if (hasFullWidth(original) || /[≧≦]/.test(original)) notes.push("fullwidth");
  let s = toHalfWidth(original).replace(/\s+/g, "");
  if (s === "") return { op: null, number: null, unit: null, text: null, notes };

  let op: Comparator | null = null;
  for (const [sym, o] of COMPARATOR_SYMBOLS) {
    if (s.startsWith(sym)) {
      op = o;
      s = s.slice(sym.length);
      break;
    }
  }
  if (op === null) {
    for (const [word, o] of COMPARATOR_WORDS) {
      if (s.startsWith(word)) {
        op = o;
        s = s.slice(word.length);
        notes.push("comparator-word");
        break;
      }
    }
  }
  if (op === null) {
    for (const [re, o] of SUFFIX_WORDS) {
      if (re.test(s)) {
        op = o;
        s = s.replace(re, "");
        notes.push("comparator-word");
        break;
      }
    }
  }

  const m = /^([+-]?(?:\d+(?:\.\d+)?|\.\d+))(.*)$/.exec(s);
  if (m) {
    let unit = m[2];
    if (unit.startsWith("百分比") || unit.startsWith("百分之")) {
      notes.push("percent-word");
      unit = "%" + unit.slice(3);
    }
    if (unit.startsWith("千分比") || unit.startsWith("千分之")) {
      notes.push("percent-word");
      unit = "‰" + unit.slice(3);
    }
    const number = decimalFromText(m[1]);
    if (number !== null && (unit === "" || UNIT_RE.test(unit))) {
      if (op === null) notes.push("no-comparator");
      return { op: op ?? "=", number, unit: unit === "" ? null : unit, text: null, notes };
    }
  }
  // `百分之九十` and the like are not numbers to us: the value stays qualitative, and the validator
  // decides whether it looks quantitative.
  return { op: null, number: null, unit: null, text: original, notes };
}

/** Writes a target back the way a person writes it (`≥95%`); `=` is left out, as tables do. */
export function formatTarget(t: Target): string {
  if (t.op === null) return t.text ?? "";
  return `${t.op === "=" ? "" : t.op}${t.number ?? ""}${t.unit ?? ""}`;
}
