/** ind-input: a 数量 indicator measured in money, or about funds: an input, not an output. */
import type { TargetTable } from "../model";
import { moneyUnit } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-input",
  defaultSeverity: "warning",
  message: "数量指标衡量的是资金投入而非产出",
  messageEn: "Quantity indicator measures input, not output",
  doc: "数量指标以金额计量或以资金、经费、投入命名，衡量的是投入而非产出，应改为实际完成的工作量。",
  fixable: false,
};

const INPUT_NAME = /(资金|经费|投入|预算)/;

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rows) {
    if (!r.quantity) continue;
    const i = r.indicator;
    const unit = moneyUnit(i.target);
    const word = INPUT_NAME.exec(i.level3)?.[0];
    if (unit === null && word === undefined) continue;
    const why = unit !== null ? `以${unit}计量` : `以“${word}”命名`;
    const whyEn = unit !== null ? `measured in ${unit}` : `named after “${word}”`;
    out.push(
      ctx.report({
        cell: i.cells.level3 ?? i.cell,
        cells: [i.cell],
        message: `数量指标“${i.level3}”${why}，衡量的是资金投入而非产出，应改为实际完成的工作量`,
        messageEn: `Quantity indicator “${i.level3}” is ${whyEn}: it measures input, not output; state the work done instead`,
      }),
    );
  }
  return out;
}
