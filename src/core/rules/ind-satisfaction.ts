/** ind-satisfaction: a table has a satisfaction row. */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-satisfaction",
  defaultSeverity: "warning",
  message: "未设置满意度指标",
  messageEn: "No satisfaction indicator",
  doc: "未设满意度指标；有服务对象的项目应设服务对象满意度指标。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  if (t.indicators.length === 0 || ctx.rows.some((r) => r.satisfaction)) return [];
  return [
    ctx.report({
      cell: null,
      message: `“${t.name}”未设置满意度指标；有服务对象的项目应设服务对象满意度指标`,
      messageEn: `“${t.name}” has no satisfaction indicator; a project with service recipients needs one`,
    }),
  ];
}
