/** fund-sum: the budget total equals the sum of its sources, and each line the sum of its parts. */
import type { FundComponent, TargetTable } from "../model";
import { addDecimals, compareDecimal } from "../decimal";
import { sumTolerance, within } from "./money";
import { money } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "fund-sum",
  defaultSeverity: "error",
  message: "预算数与资金来源合计不符",
  messageEn: "Budget total differs from the sum of its sources",
  doc: "预算数应等于各资金来源之和、各来源应等于其明细之和（容差 0.01 万元）。",
  fixable: false,
};

export function childrenOf(components: FundComponent[], parent: FundComponent): FundComponent[] {
  return components.filter((c) => c.parent === parent.label && c !== parent);
}

/** A line's amount, or the sum of its parts where the line itself is blank. */
export function effectiveAmount(components: FundComponent[], c: FundComponent): string | null {
  if (c.amount !== null) return c.amount;
  const kids = childrenOf(components, c);
  return kids.some((k) => k.amount !== null) ? addDecimals(kids.map((k) => k.amount)) : null;
}

function terms(lines: { label: string; amount: string | null }[], unit: string): string {
  return lines.map((l) => `${l.label} ${money(l.amount, unit)}`).join(" + ");
}

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const { components, total, totalCell } = t.budget;
  const tol = sumTolerance(t.unit);
  for (const p of components) {
    const kids = childrenOf(components, p);
    if (kids.length === 0 || p.amount === null || kids.every((k) => k.amount === null)) continue;
    const sum = addDecimals(kids.map((k) => k.amount));
    if (within(p.amount, sum, tol)) continue;
    out.push(
      ctx.report({
        cell: p.cell,
        cells: kids.map((k) => k.cell),
        message: `${p.label} ${money(p.amount, t.unit)} 不等于其明细之和 ${money(sum, t.unit)}（${terms(kids, t.unit)}）`,
        messageEn: `${p.label} ${money(p.amount, t.unit)} is not the sum of its parts, ${money(sum, t.unit)} (${terms(kids, t.unit)})`,
      }),
    );
  }
  const top = components.filter((c) => c.parent === null);
  if (top.length === 0) return out;
  const lines = top.map((c) => ({ label: c.label, amount: effectiveAmount(components, c), cell: c.cell }));
  const stated = lines.filter((l) => l.amount !== null);
  const sum = addDecimals(lines.map((l) => l.amount));
  if (total === null) {
    if (stated.length > 0 && compareDecimal(sum, "0") !== 0)
      out.push(
        ctx.report({
          cell: totalCell ?? stated[0].cell,
          cells: stated.map((l) => l.cell),
          message: `预算数为空，但资金来源合计 ${money(sum, t.unit)}（${terms(stated, t.unit)}）`,
          messageEn: `The budget total is blank, but its sources add up to ${money(sum, t.unit)} (${terms(stated, t.unit)})`,
        }),
      );
    return out;
  }
  if (within(total, sum, tol)) return out;
  out.push(
    ctx.report({
      cell: totalCell,
      cells: lines.map((l) => l.cell),
      message: `预算数 ${money(total, t.unit)} 不等于资金来源合计 ${money(sum, t.unit)}（${terms(lines, t.unit)}）`,
      messageEn: `The budget total ${money(total, t.unit)} is not the sum of its sources, ${money(sum, t.unit)} (${terms(lines, t.unit)})`,
    }),
  );
  return out;
}
