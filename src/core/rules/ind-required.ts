/** ind-required: a table has 产出 and 效益 rows, and in cpi2021 成本 rows too. */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-required",
  defaultSeverity: "error",
  message: "缺少必设的一级指标",
  messageEn: "A required first-level indicator is missing",
  doc: "须设产出指标和效益指标；2021 框架还须设成本指标。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const required = [
    { name: "产出指标", nameEn: "output (产出)", present: ctx.rows.some((r) => r.output) },
    { name: "效益指标", nameEn: "benefit (效益)", present: ctx.rows.some((r) => r.benefit) },
  ];
  if (ctx.profile.requireCost)
    required.push({ name: "成本指标", nameEn: "cost (成本)", present: ctx.rows.some((r) => r.l1 === "成本") });
  return required
    .filter((r) => !r.present)
    .map((r) =>
      ctx.report({
        cell: null,
        message: `未设置${r.name}${ctx.profile.requireCost && r.name === "成本指标" ? "（2021 框架要求成本指标为一级指标）" : ""}`,
        messageEn: `No ${r.nameEn} indicator`,
      }),
    );
}
