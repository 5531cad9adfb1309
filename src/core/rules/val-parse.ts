/** val-parse: a value that looks quantitative parses as `[comparator][number][unit]`. */
import type { TargetTable } from "../model";
import { isPercentInWords, looksQuantitative } from "./values";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-parse",
  defaultSeverity: "error",
  message: "指标值无法解析",
  messageEn: "Target value does not parse",
  doc: "看似定量的指标值须写成“比较符+数值+单位”（如 ≥95%、≤70万元），否则系统无法识别。",
  fixable: false,
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const i of t.indicators) {
    if (i.target.op !== null || !looksQuantitative(i.value) || isPercentInWords(i.value)) continue;
    out.push(
      ctx.report({
        cell: i.cell,
        message: `“${i.level3}”的指标值“${i.value}”看似定量，但不是“比较符+数值+单位”的写法（如 ≥95%）`,
        messageEn: `The value “${i.value}” of “${i.level3}” looks quantitative but is not “comparator + number + unit” (e.g. ≥95%)`,
      }),
    );
  }
  return out;
}
