/** val-vague: vague wording (进一步提高, 明显改善…) instead of a measurable target. */
import type { TargetTable } from "../model";
import { toHalfWidth } from "../text";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-vague",
  defaultSeverity: "warning",
  message: "指标值表述模糊",
  messageEn: "Vague target value",
  doc: "指标值使用“进一步/明显/有效/逐步 + 提高/改善/促进/提升”等模糊表述，无法衡量。",
  fixable: false,
};

const VAGUE = /(进一步|明显|有效|逐步|有所|不断|持续)[地的得]?(提高|改善|促进|提升|增强|加强|改进|优化|降低|减少)/;

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const i of t.indicators) {
    const m = VAGUE.exec(toHalfWidth(i.value).replace(/\s+/g, ""));
    if (!m) continue;
    out.push(
      ctx.report({
        cell: i.cell,
        message: `“${i.level3}”的指标值“${i.value}”表述模糊（“${m[0]}”），应给出可衡量的目标值`,
        messageEn: `The value “${i.value}” of “${i.level3}” is vague (“${m[0]}”); give a measurable target`,
      }),
    );
  }
  return out;
}
