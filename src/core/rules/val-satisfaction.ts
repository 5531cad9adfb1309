/** val-satisfaction: satisfaction is a percentage, at least 80%. */
import type { TargetTable } from "../model";
import { compareDecimal } from "../decimal";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-satisfaction",
  defaultSeverity: "warning",
  message: "满意度指标值不是百分比或低于 80%",
  messageEn: "Satisfaction is not a percentage or below 80%",
  doc: "满意度指标值应为百分比，且不低于 80%。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rows) {
    if (!r.satisfaction) continue;
    const i = r.indicator;
    const { op, number, unit } = i.target;
    if (i.value.trim() === "") continue;
    if (op === null || number === null || unit !== "%") {
      out.push(
        ctx.report({
          cell: i.cell,
          message: `满意度指标“${i.level3}”的指标值“${i.value}”不是百分比（如 ≥90%）`,
          messageEn: `The satisfaction value “${i.value}” of “${i.level3}” is not a percentage (e.g. ≥90%)`,
        }),
      );
      continue;
    }
    if ((op === "≥" || op === ">" || op === "=") && compareDecimal(number, "80") < 0)
      out.push(
        ctx.report({
          cell: i.cell,
          message: `满意度指标“${i.level3}”的指标值“${i.value}”低于 80%`,
          messageEn: `The satisfaction value “${i.value}” of “${i.level3}” is below 80%`,
        }),
      );
  }
  return out;
}
