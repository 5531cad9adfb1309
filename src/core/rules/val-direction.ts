/**
 * val-direction: a rate where higher is better takes ≥ (not ≤/<); a cost takes ≤ (not ≥/>); rates
 * of bad things (成灾率, 发生率…) rightly take ≤. A 正向/反向 column, where present, decides.
 */
import type { TargetTable } from "../model";
import type { Finding, RuleContext, RuleMeta } from "./types";
import { moneyUnit } from "./values";

export const meta: RuleMeta = {
  id: "val-direction",
  defaultSeverity: "warning",
  message: "指标方向与比较符相反",
  messageEn: "Comparator points the wrong way",
  doc: "越高越好的比率（合格率、完成率、及时率、覆盖率、满意度等）不应用 ≤/<；成本不应用 ≥/>；成灾率、发生率等反向指标用 ≤ 正确；有正向/反向列时以其为准。",
  fixable: false,
};

const HIGHER_IS_BETTER =
  /(合格率|达标率|完成率|及时率|覆盖率|满意度|满意率|知晓率|验收率|到位率|执行率|普及率|参保率|成活率|保存率|通过率|利用率|使用率|入学率|就业率|治愈率|正确率|准确率|出勤率|回收率|处置率|结案率|办结率|受益率|达成率|好评率|兑现率|发放率|支付率|拨付率)/;
const LOWER_IS_BETTER =
  /(不合格|不达标|未完成|未达标|不满意|成灾率|发生率|事故率|投诉率|差错率|失误率|错误率|死亡率|病死率|损失率|空置率|返工率|误差率|超支率|返贫率|违规率|违法率|流失率|感染率|故障率|辍学率|退回率|偏差率|失败率|致死率|下降率|降低率)/;
const COST_NAME = /(成本|费用|单价|造价|价格)/;

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const r of ctx.rows) {
    const i = r.indicator;
    const op = i.target.op;
    if (op === null || op === "=") continue;
    const upward = op === "≥" || op === ">";
    const name = i.level3;
    if (i.direction !== null) {
      if (i.direction === "positive" && !upward)
        out.push(
          ctx.report({
            cell: i.cell,
            message: `“${name}”为正向指标，指标值“${i.value}”却用 ${op}，应为 ≥`,
            messageEn: `“${name}” is marked positive, yet its value “${i.value}” uses ${op}; ≥ is meant`,
          }),
        );
      else if (i.direction === "negative" && upward)
        out.push(
          ctx.report({
            cell: i.cell,
            message: `“${name}”为反向指标，指标值“${i.value}”却用 ${op}，应为 ≤`,
            messageEn: `“${name}” is marked negative, yet its value “${i.value}” uses ${op}; ≤ is meant`,
          }),
        );
      continue;
    }
    if (!upward && HIGHER_IS_BETTER.test(name) && !LOWER_IS_BETTER.test(name)) {
      out.push(
        ctx.report({
          cell: i.cell,
          message: `“${name}”越高越好，指标值“${i.value}”却用 ${op}，应为 ≥`,
          messageEn: `Higher is better for “${name}”, yet its value “${i.value}” uses ${op}; ≥ is meant`,
        }),
      );
      continue;
    }
    const money = moneyUnit(i.target) !== null;
    if (upward && money && (r.cost || COST_NAME.test(name)))
      out.push(
        ctx.report({
          cell: i.cell,
          message: `成本“${name}”的指标值“${i.value}”用 ${op}，成本应设上限（≤）`,
          messageEn: `The cost “${name}” has the value “${i.value}” with ${op}; a cost takes an upper limit (≤)`,
        }),
      );
  }
  return out;
}
