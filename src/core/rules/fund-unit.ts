/** fund-unit: an amount about 10⁴ times what the others say it is — 元 typed where 万元 is meant. */
import type { TargetTable } from "../model";
import { convertAmount } from "../amount";
import { addDecimals, shiftDecimal, subDecimal, compareDecimal } from "../decimal";
import { effectiveAmount, childrenOf } from "./fund-sum";
import { extractAmounts, sameAtPrecision, sumTolerance, tablePrecision, within } from "./money";
import { money, moneyUnit } from "./values";
import type { Finding, Fix, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "fund-unit",
  defaultSeverity: "warning",
  message: "金额疑为以元填写（单位应为万元）",
  messageEn: "An amount looks entered in 元 where 万元 is meant",
  doc: "某金额约为其余金额所示的 10⁴ 倍：疑将元填作万元；可修复为除以 10000。",
  fixable: true,
};

const toWan = (a: string): string => shiftDecimal(a, -4);

/** Amounts the table states elsewhere in its own unit: text amounts and money targets. */
function statedElsewhere(t: TargetTable): string[] {
  const out: string[] = [];
  for (const text of [t.goals.join("\n"), t.usage ?? ""])
    for (const a of extractAmounts(text)) if (!a.breakdown) out.push(convertAmount(a.number, a.unit, t.unit));
  for (const i of t.indicators) {
    const u = moneyUnit(i.target);
    if (u !== null && i.target.number !== null) out.push(convertAmount(i.target.number, u, t.unit));
  }
  return out.filter((a) => compareDecimal(a, "0") > 0);
}

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  if (t.unit !== "万元") return [];
  const out: Finding[] = [];
  const { components, total, totalCell } = t.budget;
  const tol = sumTolerance(t.unit);
  const fixOne = (cell: string, amount: string, label: string): Fix => ({
    description: `将${label} ${amount} 改为 ${toWan(amount)}（元折合万元）`,
    descriptionEn: `Change ${label} ${amount} to ${toWan(amount)} (元 to 万元)`,
    edits: [ctx.edit(cell, "value", Number(amount), Number(toWan(amount)))],
  });
  /** Reports `amount`, which as 万元 (÷10⁴) agrees with `agrees`. */
  const flagOne = (cell: string | null, amount: string, label: string, agrees: string, agreesEn: string): void => {
    out.push(
      ctx.report({
        cell,
        message: `${label} ${money(amount, t.unit)} 疑以元填写：折合 ${money(toWan(amount), t.unit)} 后与${agrees}相符`,
        messageEn: `${label} ${money(amount, t.unit)} looks entered in 元: as ${money(toWan(amount), t.unit)} it agrees with ${agreesEn}`,
        fix: cell === null ? null : fixOne(cell, amount, label),
      }),
    );
  };

  /** A line whose stated sum disagrees with its parts: find the one amount that, ÷10⁴, makes it agree. */
  const checkSum = (
    whole: { label: string; amount: string; cell: string | null },
    parts: { label: string; amount: string | null; cell: string | null }[],
  ): boolean => {
    const sum = addDecimals(parts.map((p) => p.amount));
    if (within(whole.amount, sum, tol)) return false;
    if (within(toWan(whole.amount), sum, tol)) {
      flagOne(
        whole.cell,
        whole.amount,
        whole.label,
        `明细合计 ${money(sum, t.unit)} `,
        `the sum of its parts, ${money(sum, t.unit)}`,
      );
      return true;
    }
    for (const p of parts) {
      if (p.amount === null) continue;
      const fixed = addDecimals([subDecimal(sum, p.amount), toWan(p.amount)]);
      if (within(whole.amount, fixed, tol)) {
        flagOne(
          p.cell,
          p.amount,
          p.label,
          `${whole.label} ${money(whole.amount, t.unit)} `,
          `${whole.label} ${money(whole.amount, t.unit)}`,
        );
        return true;
      }
    }
    return false;
  };

  for (const p of components) {
    const kids = childrenOf(components, p);
    if (kids.length > 0 && p.amount !== null && kids.some((k) => k.amount !== null))
      checkSum({ label: p.label, amount: p.amount, cell: p.cell }, kids);
  }
  const top = components
    .filter((c) => c.parent === null)
    .map((c) => ({ label: c.label, amount: effectiveAmount(components, c), cell: c.cell }));
  if (total === null) return out;
  if (top.some((c) => c.amount !== null) && checkSum({ label: "预算数", amount: total, cell: totalCell }, top))
    return out;

  // The whole budget in 元: the total, ÷10⁴, is an amount the text or a money target states.
  const p = tablePrecision(t.budget);
  const elsewhere = statedElsewhere(t);
  if (elsewhere.length === 0 || elsewhere.some((a) => sameAtPrecision(a, total, p))) return out;
  const match = elsewhere.find((a) => sameAtPrecision(a, toWan(total), Math.max(p, 2)) || within(a, toWan(total), tol));
  if (match === undefined) return out;
  const amounts = [{ label: "预算数", amount: total, cell: totalCell }, ...components].filter(
    (c): c is { label: string; amount: string; cell: string } => c.amount !== null && c.cell !== null,
  );
  out.push(
    ctx.report({
      cell: totalCell,
      cells: amounts.map((a) => a.cell),
      message: `预算数 ${money(total, t.unit)} 疑以元填写：折合 ${money(toWan(total), t.unit)} 后与表中所述金额 ${money(match, t.unit)} 相符`,
      messageEn: `The budget total ${money(total, t.unit)} looks entered in 元: as ${money(toWan(total), t.unit)} it agrees with the amount the table states, ${money(match, t.unit)}`,
      fix: {
        description: `将预算数及各资金来源除以 10000（元折合万元）`,
        descriptionEn: `Divide the budget total and its sources by 10,000 (元 to 万元)`,
        edits: amounts.map((a) => ctx.edit(a.cell, "value", Number(a.amount), Number(toWan(a.amount)))),
      },
    }),
  );
  return out;
}
