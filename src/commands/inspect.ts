/** `inspect`: the recognised tables of a workbook, as data, as JSON and as readable text. */
import type { WorkbookPort } from "../port/workbook";
import type { ReadResult, TargetTable } from "../core/model";
import { readWorkbook } from "../core/reader";
import { budgetSplit } from "../core/budget";
import { toNumber } from "../core/decimal";

export async function inspectWorkbook(port: WorkbookPort): Promise<ReadResult> {
  return readWorkbook(await port.read());
}

function tableJson(t: TargetTable) {
  const split = budgetSplit(t.budget);
  return {
    sheet: t.sheet,
    range: t.range,
    layout: t.layout,
    code: t.code,
    name: t.name,
    department: t.department,
    departmentCode: t.departmentCode,
    year: t.year,
    unit: t.unit,
    budget: {
      total: toNumber(t.budget.total),
      fiscal: toNumber(split.fiscal),
      other: toNumber(split.other),
      adjusted: toNumber(t.budget.adjusted),
      components: t.budget.components.map((c) => ({ label: c.label, amount: toNumber(c.amount), parent: c.parent })),
    },
    usage: t.usage,
    plan: t.plan.map((p) => ({ label: p.label, percent: p.percent })),
    goals: t.goals,
    longTermGoals: t.longTermGoals,
    indicators: t.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      description: i.description,
      value: i.value,
      target: { op: i.target.op, number: toNumber(i.target.number), unit: i.target.unit, text: i.target.text },
      basis: i.basis,
      direction: i.direction,
      cell: i.cell,
    })),
  };
}

/** The `--json` shape of `ptsheet inspect` (issue 2); keys may be added, never changed. */
export function inspectJson(r: ReadResult) {
  return {
    tables: r.tables.map(tableJson),
    departmentTargets: r.departmentTargets
      ? {
          overall: r.departmentTargets.overall,
          items: r.departmentTargets.items.map((i) => ({ title: i.title, goal: i.goal, indicators: i.indicators })),
        }
      : null,
    diagnostics: r.diagnostics.map((d) => ({ sheet: d.sheet, cell: d.cell, message: d.message })),
  };
}

function amountText(a: string | null): string {
  return a === null ? "—" : a;
}

/** The readable report: one block a table, then the department part and the diagnostics. */
export function inspectText(r: ReadResult): string {
  const out: string[] = [];
  out.push(`识别到 ${r.tables.length} 张绩效目标表 (${r.tables.length} target tables)`);
  r.tables.forEach((t, n) => {
    const split = budgetSplit(t.budget);
    out.push("");
    out.push(`[${n + 1}] ${t.name || "（无名称）"}${t.code ? `  ${t.code}` : ""}`);
    out.push(`    位置 ${t.sheet}!${t.range}  版式 ${t.layout}${t.year ? `  年度 ${t.year}` : ""}  单位 ${t.unit}`);
    if (t.department) out.push(`    部门 ${t.department}`);
    out.push(`    预算数 ${amountText(t.budget.total)} = 财政 ${split.fiscal} + 其他 ${split.other}`);
    for (const c of t.budget.components) out.push(`      ${c.parent ? "  " : ""}${c.label} ${amountText(c.amount)}`);
    if (t.usage) out.push(`    用途 ${t.usage.replace(/\n/g, " ")}`);
    if (t.plan.length)
      out.push(
        `    支出计划 ${t.plan.map((p) => `${p.label} ${p.percent === null ? "—" : `${p.percent}%`}`).join(" | ")}`,
      );
    for (const g of t.goals) out.push(`    目标 ${g}`);
    const byLevel = new Map<string, number>();
    for (const i of t.indicators) byLevel.set(i.level1, (byLevel.get(i.level1) ?? 0) + 1);
    out.push(
      `    指标 ${t.indicators.length} 项：${[...byLevel].map(([k, v]) => `${k || "（空）"} ${v}`).join(" · ")}`,
    );
    for (const i of t.indicators)
      out.push(`      ${i.level1} / ${i.level2} / ${i.level3}  ${i.value || "（空）"}  [${i.cell}]`);
  });
  if (r.departmentTargets) {
    out.push("");
    out.push(
      `部门整体绩效目标：总体目标 ${r.departmentTargets.overall.length} 字，分项目标 ${r.departmentTargets.items.length} 项`,
    );
    r.departmentTargets.items.forEach((i, n) => out.push(`  ${n + 1}. ${i.title}`));
  }
  if (r.diagnostics.length) {
    out.push("");
    out.push(`提示 (${r.diagnostics.length})：`);
    for (const d of r.diagnostics) out.push(`  ${d.sheet}!${d.cell}  ${d.message}`);
  }
  return out.join("\n");
}
