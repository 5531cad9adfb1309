/** ind-count: at least three third-level indicators, none named twice. */
import type { TargetTable } from "../model";
import { isBlank, labelKey } from "../text";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-count",
  defaultSeverity: "warning",
  message: "三级指标过少或重复",
  messageEn: "Too few or duplicate third-level indicators",
  doc: "三级指标少于 3 个，或三级指标名称重复。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const named = t.indicators.filter((i) => !isBlank(i.level3));
  if (t.indicators.length > 0 && named.length < 3)
    out.push(
      ctx.report({
        cell: null,
        message: `只有 ${named.length} 个三级指标，少于 3 个`,
        messageEn: `Only ${named.length} third-level indicator(s), fewer than 3`,
      }),
    );
  const first = new Map<string, (typeof named)[number]>();
  for (const i of named) {
    const key = labelKey(i.level3);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, i);
      continue;
    }
    const earlierCell = earlier.cells.level3 ?? earlier.cell;
    out.push(
      ctx.report({
        cell: i.cells.level3 ?? i.cell,
        cells: [earlierCell],
        message: `三级指标“${i.level3}”重复（第 ${earlier.row} 行已有）`,
        messageEn: `Third-level indicator “${i.level3}” is repeated (already on row ${earlier.row})`,
      }),
    );
  }
  return out;
}
