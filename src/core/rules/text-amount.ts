/**
 * text-amount: an amount stated in the 绩效目标 or 用途 text must be the budget or one of its
 * sources, after 元↔万元 conversion and rounding to the table's precision. Amounts that break down
 * an amount stated before them in the sentence (`共计…，其中医疗保险…`) are not judged.
 */
import type { TargetTable } from "../model";
import { convertAmount } from "../amount";
import { decimalPlaces } from "../decimal";
import { budgetFigures, extractAmounts, sameAtPrecision, tablePrecision, type BudgetFigure } from "./money";
import { money } from "./values";
import type { Finding, Fix, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "text-amount",
  defaultSeverity: "warning",
  message: "文字中的金额与预算数不符",
  messageEn: "An amount in the text does not match the budget",
  doc: "绩效目标、资金用途中写明的金额（元/万元换算、按表中精度四舍五入后）应与预算数或某一资金来源相符；其后“其中…”的明细不单独比较。",
  fixable: true,
};

const SLIPS: Record<string, string> = { 万元: "元", 元: "万元" };

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const figures = budgetFigures(t);
  if (figures.length === 0) return [];
  const places = tablePrecision(t.budget);
  const matches = (amount: string, p: number): BudgetFigure | undefined =>
    figures.find((f) => sameAtPrecision(amount, f.amount, p));
  const listed = figures.map((f) => `${f.label} ${money(f.amount, t.unit)}`).join("，");
  const out: Finding[] = [];
  const seen = new Set<string>();
  const texts = [
    { name: "绩效目标", nameEn: "goals", text: t.goals.join("\n"), cell: t.goalsCell },
    { name: "资金用途", nameEn: "usage", text: t.usage ?? "", cell: t.usageCell },
  ];
  for (const { name, nameEn, text, cell } of texts) {
    for (const a of extractAmounts(text)) {
      if (a.breakdown) continue;
      const value = convertAmount(a.number, a.unit, t.unit);
      const p = a.approx ? Math.min(places, decimalPlaces(value)) : places;
      if (matches(value, p)) continue;
      const key = `${cell ?? ""}|${value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const converted = a.unit === t.unit ? "" : `（折合 ${money(value, t.unit)}）`;
      const convertedEn = a.unit === t.unit ? "" : ` (${money(value, t.unit)})`;
      let fix: Fix | null = null;
      const slip = SLIPS[a.unit];
      const slipped = slip === undefined ? undefined : matches(convertAmount(a.number, slip, t.unit), places);
      if (slip !== undefined && slipped !== undefined && cell !== null) {
        const to = `${a.numberText}${slip}`;
        fix = {
          description: `将“${a.raw}”改为“${to}”（${slipped.label} ${money(slipped.amount, t.unit)}）`,
          descriptionEn: `Change “${a.raw}” to “${to}” (${slipped.label} ${money(slipped.amount, t.unit)})`,
          // The clause before the amount goes with it, so that `100元` does not also hit `2100元`.
          edits: [ctx.edit(cell, "text", `${a.lead}${a.raw}`, `${a.lead}${to}`)],
        };
      }
      const hint = fix ? `；疑为单位写错，应为 ${a.numberText}${slip}` : "";
      const hintEn = fix ? `; the unit looks wrong: ${a.numberText}${slip} is meant` : "";
      out.push(
        ctx.report({
          cell,
          message: `${name}所述金额 ${a.raw}${converted}${converted ? "" : " "}与预算数及各资金来源均不符（${listed}）${hint}`,
          messageEn: `The amount ${a.raw}${convertedEn} stated in the ${nameEn} matches neither the budget nor any of its sources (${listed})${hintEn}`,
          fix,
        }),
      );
    }
  }
  return out;
}
