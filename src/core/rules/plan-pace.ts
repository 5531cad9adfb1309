/** plan-pace: a planned percentage behind 序时进度 at its checkpoint (DOMAIN.md §5). */
import type { TargetTable } from "../model";
import { checkpointMonth, expectedPace, percentText } from "./pace";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "plan-pace",
  defaultSeverity: "info",
  message: "资金支出计划慢于序时进度",
  messageEn: "Spending plan behind the elapsed share of the year",
  doc: "各期计划支出百分比低于该时点的序时进度（默认为全年已过比例，可设阈值）；空白期与年底一期（见 plan-end）不比较。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const c of t.plan) {
    if (c.percent === null) continue;
    const month = checkpointMonth(c.label, ctx.year);
    if (month === null || month >= 12) continue;
    const expected = expectedPace(month, ctx.paceThresholds);
    if (expected === null || c.percent >= expected - 1e-9) continue;
    const basis = ctx.paceThresholds === null ? "序时进度" : "进度要求";
    const basisEn = ctx.paceThresholds === null ? "the elapsed share of the year" : "the required pace";
    out.push(
      ctx.report({
        cell: c.cell,
        message: `${c.label}计划支出 ${c.percent}%，低于${basis} ${percentText(expected)}`,
        messageEn: `Planned spending at ${c.label}, ${c.percent}%, is behind ${basisEn}, ${percentText(expected)}`,
      }),
    );
  }
  return out;
}
