/** val-qualitative: 数量 and 成本 indicators carry numbers, not words. */
import type { TargetTable } from "../model";
import { isBlank } from "../text";
import { isPercentInWords, looksQuantitative } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-qualitative",
  defaultSeverity: "warning",
  message: "数量或成本指标为定性表述",
  messageEn: "Qualitative value under 数量 or 成本",
  doc: "数量指标和成本指标应为定量值，不应写成“按计划完成”等定性表述。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rows) {
    if (!r.quantity && !r.cost) continue;
    const i = r.indicator;
    if (i.target.op !== null || isBlank(i.value) || looksQuantitative(i.value) || isPercentInWords(i.value)) continue;
    const kind = r.quantity ? "数量" : "成本";
    const kindEn = r.quantity ? "quantity" : "cost";
    out.push(
      ctx.report({
        cell: i.cell,
        message: `${kind}指标“${i.level3}”的指标值“${i.value}”为定性表述，应为定量值`,
        messageEn: `The ${kindEn} indicator “${i.level3}” has the qualitative value “${i.value}”; a number is expected`,
      }),
    );
  }
  return out;
}
