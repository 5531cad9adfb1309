/** plan-order: cumulative plan percentages lie within 0–100 and never go down. */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "plan-order",
  defaultSeverity: "error",
  message: "资金支出计划超出 0–100% 或逐期下降",
  messageEn: "Spending plan outside 0–100% or decreasing",
  doc: "资金支出计划为累计百分比，应在 0–100% 之间且逐期不减。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  let prev: { label: string; percent: number } | null = null;
  for (const c of t.plan) {
    if (c.percent === null) continue;
    if (c.percent < 0 || c.percent > 100) {
      out.push(
        ctx.report({
          cell: c.cell,
          message: `资金支出计划 ${c.label} ${c.percent}% 超出 0–100%`,
          messageEn: `Spending plan at ${c.label}, ${c.percent}%, is outside 0–100%`,
        }),
      );
    } else if (prev !== null && c.percent < prev.percent) {
      out.push(
        ctx.report({
          cell: c.cell,
          message: `资金支出计划 ${c.label} ${c.percent}% 低于 ${prev.label} ${prev.percent}%，累计进度不应下降`,
          messageEn: `Spending plan at ${c.label}, ${c.percent}%, is below ${prev.label}, ${prev.percent}%: a cumulative plan never goes down`,
        }),
      );
    }
    prev = { label: c.label, percent: c.percent };
  }
  return out;
}
