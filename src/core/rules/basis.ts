/** basis: 指标值确定依据 is filled in; in strict profiles it is one of the standard kinds. */
import type { TargetTable } from "../model";
import { isBlank, toHalfWidth } from "../text";
import type { Finding, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "basis",
  defaultSeverity: "info",
  message: "指标值确定依据空白或不规范",
  messageEn: "Basis of the target value blank or non-standard",
  doc: "指标值确定依据为空；2021 框架下还应为计划标准、行业标准、历史标准或其他之一（通用框架中常写工作计划等，仅作提示）。",
  fixable: false,
};

export const STANDARD_BASES = ["计划标准", "行业标准", "历史标准", "其他"];
const STANDARD = /^(计划标准|行业标准|历史标准|其他|其它)|认可的其他标准/;

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const i of t.indicators) {
    const cell = i.cells.basis;
    if (cell === null) continue;
    if (isBlank(i.basis)) {
      out.push(
        ctx.report({
          cell,
          message: `“${i.level3}”的指标值确定依据为空`,
          messageEn: `The basis of “${i.level3}” is blank`,
        }),
      );
      continue;
    }
    const basis = (i.basis ?? "").trim();
    if (ctx.profile.strictBasis && !STANDARD.test(toHalfWidth(basis).replace(/\s+/g, "")))
      out.push(
        ctx.report({
          cell,
          message: `“${i.level3}”的指标值确定依据“${basis}”不是${STANDARD_BASES.join("、")}之一`,
          messageEn: `The basis “${basis}” of “${i.level3}” is not one of ${STANDARD_BASES.join(", ")}`,
        }),
      );
  }
  return out;
}
