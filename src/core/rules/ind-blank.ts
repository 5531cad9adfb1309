/** ind-blank: 一级, 二级, 三级 and 指标值 are all filled in. */
import type { TargetTable } from "../model";
import { isBlank } from "../text";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-blank",
  defaultSeverity: "error",
  message: "指标行有空项",
  messageEn: "An indicator row has a blank field",
  doc: "每一指标行的一级指标、二级指标、三级指标和指标值都不得为空（系统导入会拒收）。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const i of t.indicators) {
    const fields = [
      { name: "一级指标", nameEn: "first-level indicator", text: i.level1, cell: i.cells.level1 },
      { name: "二级指标", nameEn: "second-level indicator", text: i.level2, cell: i.cells.level2 },
      { name: "三级指标", nameEn: "third-level indicator", text: i.level3, cell: i.cells.level3 },
      { name: "指标值", nameEn: "target value", text: i.value, cell: i.cell },
    ];
    for (const f of fields) {
      if (!isBlank(f.text)) continue;
      const cell = f.cell ?? i.cell;
      if (seen.has(`${f.name}|${cell}`)) continue;
      seen.add(`${f.name}|${cell}`);
      const what = isBlank(i.level3) ? `第 ${i.row} 行` : `第 ${i.row} 行“${i.level3}”`;
      const whatEn = isBlank(i.level3) ? `row ${i.row}` : `row ${i.row} (${i.level3})`;
      out.push(
        ctx.report({
          cell,
          message: `${what}的${f.name}为空`,
          messageEn: `The ${f.nameEn} of ${whatEn} is blank`,
        }),
      );
    }
  }
  return out;
}
