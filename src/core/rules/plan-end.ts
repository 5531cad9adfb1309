/** plan-end: the spending plan ends at 100%, and is not left blank. */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "plan-end",
  defaultSeverity: "warning",
  message: "资金支出计划未到 100% 或未填写",
  messageEn: "Spending plan does not reach 100% or is blank",
  doc: "资金支出计划最后一期应为 100%；整行空白视为未编制支出计划。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  if (t.plan.length === 0) return [];
  const last = t.plan[t.plan.length - 1];
  const cells = t.plan.map((c) => c.cell);
  const filled = t.plan.filter((c) => c.percent !== null);
  if (filled.length === 0)
    return [
      ctx.report({
        cell: last.cell,
        cells,
        message: `资金支出计划（${t.plan.map((c) => c.label).join("、")}）全部空白，未编制支出计划`,
        messageEn: `The spending plan (${t.plan.map((c) => c.label).join(", ")}) is blank`,
      }),
    ];
  const end = filled[filled.length - 1];
  if (end.percent === 100) return [];
  return [
    ctx.report({
      cell: last.cell ?? end.cell,
      cells: [end.cell],
      message: `资金支出计划最后为 ${end.label} ${end.percent}%，年底应累计支出 100%`,
      messageEn: `The spending plan ends at ${end.percent}% (${end.label}); it should reach 100% by year end`,
    }),
  ];
}
