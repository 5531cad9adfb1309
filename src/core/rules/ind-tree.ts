/** ind-tree: each 二级 belongs under its 一级 in the active framework (DOMAIN.md §2). */
import type { TargetTable } from "../model";
import { isBlank } from "../text";
import type { Finding, Level1, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "ind-tree",
  defaultSeverity: "error",
  message: "指标层级不符合指标框架",
  messageEn: "Indicator levels do not fit the framework",
  doc: "二级指标须属于其一级指标（按所用框架：通用框架成本指标在产出下，2021 框架成本为一级，湖南式效益下可设满意度）。",
  fixable: false,
};

const LEVEL1_EN: Record<string, string> = {
  产出: "output",
  效益: "benefit",
  满意度: "satisfaction",
  成本: "cost",
  实施效果: "implementation effect",
};

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const tree = ctx.profile.tree;
  const level1s = Object.keys(tree).filter((k) => k !== "实施效果");
  const push = (cell: string | null, cells: (string | null)[], message: string, messageEn: string): void => {
    const key = `${cell}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ctx.report({ cell, cells, message, messageEn }));
  };
  for (const r of ctx.rows) {
    const i = r.indicator;
    if (isBlank(i.level1)) continue;
    const allowed = tree[r.l1 as Level1];
    if (allowed === undefined) {
      const hint =
        r.l1 === "成本"
          ? "；通用框架中成本指标是产出指标下的二级指标"
          : `；应为 ${level1s.map((l) => `${l}指标`).join("、")}`;
      const hintEn =
        r.l1 === "成本"
          ? "; in this framework 成本指标 is a second level under 产出指标"
          : `; expected ${level1s.join(", ")}`;
      push(
        i.cells.level1 ?? i.cell,
        [i.cells.level2],
        `一级指标“${i.level1}”不属于${ctx.profile.short}${hint}`,
        `First level “${i.level1}” is not part of the ${ctx.profile.shortEn}${hintEn}`,
      );
      continue;
    }
    if (isBlank(i.level2) || allowed.includes(r.l2)) continue;
    const names = allowed.filter((n) => n !== "满意度").map((n) => `${n}指标`);
    const costHint = r.l2 === "成本" && ctx.profile.tree.成本 !== undefined ? "；2021 框架中成本指标为一级指标" : "";
    const costHintEn =
      r.l2 === "成本" && ctx.profile.tree.成本 !== undefined ? "; in the 2021 framework 成本指标 is a first level" : "";
    push(
      i.cells.level2 ?? i.cell,
      [i.cells.level1],
      `二级指标“${i.level2}”不应在一级指标“${i.level1}”下（应为 ${names.join("、")}）${costHint}`,
      `Second level “${i.level2}” does not belong under “${i.level1}” (${LEVEL1_EN[r.l1] ?? r.l1}: expected ${allowed.join(", ")})${costHintEn}`,
    );
  }
  return out;
}
