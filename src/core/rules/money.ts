/**
 * Money as the rules compare it: the table's precision, the budget figures a stated amount may
 * refer to, and the amounts stated in free text (`共计174686.64元`, `10428.504909万元`).
 * Exact decimals throughout (big.js via ../decimal); no binary floating-point sums.
 */
import type { Budget, TargetTable } from "../model";
import { budgetSplit } from "../budget";
import { convertAmount } from "../amount";
import { compareDecimal, decimalFromText, decimalPlaces, roundDecimal, subDecimal, absDecimal } from "../decimal";
import { toHalfWidth } from "../text";

/** The budget figures of a table with their names, as candidates a stated amount may refer to. */
export interface BudgetFigure {
  label: string;
  amount: string;
}

/** Decimal places the table's amounts are given to (the budget figures as written). */
export function tablePrecision(b: Budget): number {
  if (b.precision !== undefined && b.precision !== null) return b.precision;
  const amounts = [b.total, b.adjusted, ...b.components.map((c) => c.amount)].filter((a): a is string => a !== null);
  return amounts.reduce((p, a) => Math.max(p, decimalPlaces(a)), 0);
}

/** Total, adjusted total, each stated component and the fiscal/other split: what a text may state. */
export function budgetFigures(t: TargetTable): BudgetFigure[] {
  const out: BudgetFigure[] = [];
  const add = (label: string, amount: string | null): void => {
    if (amount === null || compareDecimal(amount, "0") === 0) return;
    if (!out.some((f) => compareDecimal(f.amount, amount) === 0)) out.push({ label, amount });
  };
  add("预算数", t.budget.total);
  add("全年预算数", t.budget.adjusted);
  for (const c of t.budget.components) add(c.label, c.amount);
  if (t.budget.components.length > 0) {
    const split = budgetSplit(t.budget);
    add("财政资金合计", split.fiscal);
    add("其他资金合计", split.other);
  }
  return out;
}

/** |a − b| ≤ tolerance, exactly. */
export function within(a: string, b: string, tolerance: string): boolean {
  return compareDecimal(absDecimal(subDecimal(a, b)), tolerance) <= 0;
}

/** 0.01 万元 in the table's unit: the tolerance of sums (DOMAIN.md §4 fund-sum). */
export function sumTolerance(unit: string): string {
  return convertAmount("0.01", "万元", unit);
}

/** Whether two amounts agree once rounded to `places` decimals. */
export function sameAtPrecision(a: string, b: string, places: number): boolean {
  return roundDecimal(a, places) === roundDecimal(b, places);
}

export type MoneyUnit = "元" | "千元" | "万元" | "百万元" | "亿元";

/** An amount stated in free text. */
export interface TextAmount {
  /** The amount as written, number and unit (`174686.64元`), from the original text. */
  raw: string;
  /** The original text from the start of the amount's clause up to the amount (`共计`). */
  lead: string;
  /** The number as written (`174686.64`). */
  numberText: string;
  /** Exact decimal of the number. */
  number: string;
  unit: MoneyUnit;
  /** Offset in the text. */
  index: number;
  /** Written as an estimate (`约17万元`, `17万元左右`): compare at its own precision. */
  approx: boolean;
  /** Breaks down an earlier amount of the same sentence (`其中医疗保险79585.2元`). */
  breakdown: boolean;
}

const AMOUNT_RE = /(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(百万元|千元|万元|亿元|元)/g;

/** Words before an amount in its clause that make it something other than the project's money. */
const NOT_BUDGET =
  /(每|标准|单价|人均|户均|亩均|平均|带动|撬动|拉动|吸引|增收|增加收入|节约|节省|挽回|减少损失|产值|利润|营业额|销售额|投资|上年|去年|以前年度|历年|累计|超过|不低于|不少于|达到)/;
/** Words right after an amount that make it a rate, a threshold or a per-unit figure. */
const NOT_BUDGET_AFTER = /^\s*(\/|每|以上|以下|及以上|及以下|起)/;
const APPROX_BEFORE = /(约|大约|近|逾|将近|接近)$/;
const APPROX_AFTER = /^\s*(左右|上下)/;
/** Words that introduce a breakdown of an amount stated before them in the sentence. */
const BREAKDOWN_WORDS = /(其中|包括|包含|含|分别|[（(])/;
const SENTENCE_END = /[。；;！!？?\n]/;
const CLAUSE_END = /[，,。；;！!？?\n、：:]/;

/** Index just after the last character before `end` that matches `re`, or 0. */
function startAfter(text: string, end: number, re: RegExp): number {
  let i = end - 1;
  while (i >= 0 && !re.test(text[i])) i--;
  return i + 1;
}

/**
 * The money amounts a text states, in order. Per-unit prices, thresholds, investments and benefits
 * (`500元/人`, `每人每月500元`, `带动投资500万元`) are left out: they are not the project's money.
 */
export function extractAmounts(text: string): readonly TextAmount[] {
  if (!/元/.test(text)) return [];
  let found = extracted.get(text);
  if (found === undefined) {
    if (extracted.size > 1_000) extracted.clear();
    found = extractUncached(text);
    extracted.set(text, found);
  }
  return found;
}

/** text-amount and fund-unit read the same texts: find their amounts once. */
const extracted = new Map<string, readonly TextAmount[]>();

function extractUncached(text: string): TextAmount[] {
  const half = toHalfWidth(text);
  const out: TextAmount[] = [];
  for (const m of half.matchAll(AMOUNT_RE)) {
    const index = m.index ?? 0;
    const end = index + m[0].length;
    const before = half.slice(0, index);
    const after = half.slice(end);
    const clauseStart = startAfter(half, index, CLAUSE_END);
    const clause = half.slice(clauseStart, index);
    if (NOT_BUDGET.test(clause) || NOT_BUDGET_AFTER.test(after)) continue;
    const number = decimalFromText(m[1]);
    if (number === null) continue;
    const unit = m[2] as MoneyUnit;
    const sentenceStart = startAfter(half, index, SENTENCE_END);
    const inYuan = convertAmount(number, unit, "元");
    const breakdown = out.some(
      (a) =>
        a.index >= sentenceStart &&
        BREAKDOWN_WORDS.test(half.slice(a.index + a.raw.length, index)) &&
        compareDecimal(inYuan, convertAmount(a.number, a.unit, "元")) <= 0,
    );
    out.push({
      raw: text.slice(index, end),
      lead: text.slice(clauseStart, index),
      numberText: m[1],
      number,
      unit,
      index,
      approx: APPROX_BEFORE.test(before) || APPROX_AFTER.test(after),
      breakdown,
    });
  }
  return out;
}
