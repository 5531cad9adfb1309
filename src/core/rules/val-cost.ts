/** val-cost: a money cost target is not above the budget total. */
import type { TargetTable } from "../model";
import { convertAmount } from "../amount";
import { compareDecimal } from "../decimal";
import { money, moneyUnit } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-cost",
  defaultSeverity: "warning",
  message: "成本指标金额高于预算数",
  messageEn: "Cost target above the budget",
  doc: "以金额表示的成本指标不应高于预算数（成本指标一般等于或低于预算数）。",
  fixable: false,
};

const COST_NAME = /(成本|费用|单价|造价)/;

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const total = t.budget.total;
  if (total === null) return [];
  const out: Finding[] = [];
  for (const r of ctx.rows) {
    const i = r.indicator;
    const unit = moneyUnit(i.target);
    if (unit === null || i.target.number === null || !(r.cost || COST_NAME.test(i.level3))) continue;
    const value = convertAmount(i.target.number, unit, t.unit);
    if (compareDecimal(value, total) <= 0) continue;
    const converted = unit === t.unit ? "" : `（折合 ${money(value, t.unit)}）`;
    out.push(
      ctx.report({
        cell: i.cell,
        cells: [t.budget.totalCell],
        message: `成本指标“${i.level3}”的指标值“${i.value}”${converted}高于预算数 ${money(total, t.unit)}`,
        messageEn: `The cost target “${i.value}” of “${i.level3}”${converted ? ` (${money(value, t.unit)})` : ""} is above the budget total ${money(total, t.unit)}`,
      }),
    );
  }
  return out;
}
