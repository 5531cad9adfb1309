/** fund-range: every source is ≥ 0 and not above the total (nor a part above its line). */
import type { TargetTable } from "../model";
import { compareDecimal } from "../decimal";
import { money } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "fund-range",
  defaultSeverity: "error",
  message: "资金来源金额超出范围",
  messageEn: "A fund source is out of range",
  doc: "各资金来源金额不得为负，也不得超过预算数（明细不得超过其所属来源）。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { components, total, totalCell } = t.budget;
  for (const c of components) {
    if (c.amount === null) continue;
    if (compareDecimal(c.amount, "0") < 0) {
      out.push(
        ctx.report({
          cell: c.cell,
          message: `${c.label} ${money(c.amount, t.unit)} 为负数`,
          messageEn: `${c.label} ${money(c.amount, t.unit)} is negative`,
        }),
      );
      continue;
    }
    const parent = c.parent === null ? null : components.find((p) => p.label === c.parent && p !== c);
    if (parent && parent.amount !== null && compareDecimal(c.amount, parent.amount) > 0) {
      out.push(
        ctx.report({
          cell: c.cell,
          cells: [parent.cell],
          message: `${c.label} ${money(c.amount, t.unit)} 超过其所属的${parent.label} ${money(parent.amount, t.unit)}`,
          messageEn: `${c.label} ${money(c.amount, t.unit)} exceeds ${parent.label} ${money(parent.amount, t.unit)} it is part of`,
        }),
      );
      continue;
    }
    if (total !== null && compareDecimal(c.amount, total) > 0)
      out.push(
        ctx.report({
          cell: c.cell,
          cells: [totalCell],
          message: `${c.label} ${money(c.amount, t.unit)} 超过预算数 ${money(total, t.unit)}`,
          messageEn: `${c.label} ${money(c.amount, t.unit)} exceeds the budget total ${money(total, t.unit)}`,
        }),
      );
  }
  return out;
}
