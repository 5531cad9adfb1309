/** ind-benefit-only-satisfaction: 效益 rows are about more than satisfaction. */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-benefit-only-satisfaction",
  defaultSeverity: "warning",
  message: "效益指标只有满意度",
  messageEn: "Benefit indicators are all about satisfaction",
  doc: "效益指标全部是满意度，未反映项目的实际效益。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const benefit = ctx.rows.filter((r) => r.benefit);
  if (benefit.length === 0 || !benefit.every((r) => r.satisfaction)) return [];
  return [
    ctx.report({
      cell: null,
      cells: benefit.map((r) => r.indicator.cells.level3 ?? r.indicator.cell),
      message: `效益指标（${benefit.map((r) => `“${r.indicator.level3}”`).join("、")}）均为满意度，应设反映实际效益的指标`,
      messageEn: `Every benefit indicator (${benefit.map((r) => r.indicator.level3).join(", ")}) is about satisfaction; add one for the actual benefit`,
    }),
  ];
}
