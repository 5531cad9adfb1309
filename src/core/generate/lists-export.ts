/**
 * All tables as flat lists, the shape budget systems import and the lists reader reads back: a
 * project sheet with a row per project (code, name, unit, year, amounts, usage, plan, goals) and an
 * indicator sheet with a row per indicator, keyed by project code and name.
 *
 * A list has one set of columns for all projects: a fund line or checkpoint one table lacks is a
 * blank cell in its row. Amounts are in one unit (the tables' own when they agree, else 万元).
 */
import type { TargetTable } from "../model";
import { amountCell, amountFormat, amountWidth, percentCell, percentFormat } from "./format";
import { CENTER, LABEL, NUMBER, SheetBuilder, TEXT, withFormat } from "./sheet-builder";
import { commonUnit, inUnit } from "./units";
import { decimalPlaces } from "../decimal";

export interface ListSheets {
  projects: SheetBuilder;
  indicators: SheetBuilder;
  unit: string;
}

export function buildListSheets(tables: TargetTable[], names: { projects: string; indicators: string }): ListSheets {
  const unit = commonUnit(tables);
  const components = [...new Set(tables.flatMap((t) => t.budget.components.map((c) => c.label)))];
  const checkpoints = [...new Set(tables.flatMap((t) => t.plan.map((p) => p.label)))];
  const withAdjusted = tables.some((t) => t.budget.adjusted !== null);
  const withLong = tables.some((t) => t.longTermGoals.length > 0);
  const withDirection = tables.some((t) => t.indicators.some((i) => i.direction !== null));

  type Column = {
    header: string;
    width: number;
    get: (t: TargetTable) => string | number | null;
    kind: "text" | "money" | "percent" | "center";
  };
  const money = (a: string | null, t: TargetTable): string | null => inUnit(a, t, unit);
  const cols: Column[] = [
    { header: "项目编码", width: 24, get: (t) => t.code, kind: "text" },
    { header: "项目名称", width: 30, get: (t) => t.name || null, kind: "text" },
    { header: "单位名称", width: 30, get: (t) => t.department, kind: "text" },
    { header: "年度", width: 8, get: (t) => t.year, kind: "center" },
    { header: `预算数（${unit}）`, width: 14, get: (t) => money(t.budget.total, t), kind: "money" },
  ];
  if (withAdjusted)
    cols.push({ header: `全年预算数（${unit}）`, width: 14, get: (t) => money(t.budget.adjusted, t), kind: "money" });
  for (const label of components)
    cols.push({
      header: `${label}（${unit}）`,
      width: 14,
      get: (t) => money(t.budget.components.find((c) => c.label === label)?.amount ?? null, t),
      kind: "money",
    });
  cols.push({ header: "资金用途", width: 36, get: (t) => t.usage, kind: "text" });
  for (const label of checkpoints)
    cols.push({
      header: `${label}（%）`,
      width: 10,
      get: (t) => t.plan.find((p) => p.label === label)?.percent ?? null,
      kind: "percent",
    });
  if (withLong)
    cols.push({ header: "中长期目标", width: 40, get: (t) => t.longTermGoals.join("\n") || null, kind: "text" });
  cols.push({ header: "绩效目标", width: 48, get: (t) => t.goals.join("\n") || null, kind: "text" });

  const amounts = tables.flatMap((t) => cols.filter((c) => c.kind === "money").map((c) => c.get(t)));
  const places = Math.max(2, ...amounts.map((a) => (typeof a === "string" ? decimalPlaces(a) : 0)));
  const p = new SheetBuilder(
    names.projects,
    cols.map((c) => c.width),
  );
  cols.forEach((c, i) => {
    if (c.kind === "money")
      p.setWidth(
        i + 1,
        amountWidth(
          tables.map((t) => c.get(t) as string | null),
          places,
          c.width,
          false,
        ),
      );
  });
  cols.forEach((c, i) => p.cell(1, i + 1, c.header, { style: LABEL }));
  tables.forEach((t, r) => {
    cols.forEach((c, i) => {
      const v = c.get(t);
      if (c.kind === "money")
        p.cell(r + 2, i + 1, amountCell(v as string | null), {
          style: withFormat(NUMBER, amountFormat(places)),
        });
      else if (c.kind === "percent")
        p.cell(r + 2, i + 1, percentCell(v as number | null), {
          style: withFormat(CENTER, percentFormat(v as number | null)),
        });
      else p.cell(r + 2, i + 1, v, { style: c.kind === "center" ? CENTER : TEXT });
    });
  });
  p.freezePanes(1, 2);

  const icols: { header: string; width: number }[] = [
    { header: "项目编码", width: 24 },
    { header: "项目名称", width: 30 },
    { header: "一级指标", width: 12 },
    { header: "二级指标", width: 16 },
    { header: "三级指标", width: 22 },
    { header: "绩效指标描述", width: 36 },
    { header: "指标值", width: 14 },
    { header: "指标值确定依据", width: 16 },
    ...(withDirection ? [{ header: "指标方向", width: 10 }] : []),
  ];
  const ind = new SheetBuilder(
    names.indicators,
    icols.map((c) => c.width),
  );
  icols.forEach((c, i) => ind.cell(1, i + 1, c.header, { style: LABEL }));
  let r = 2;
  // The rows of tables without a code come first: readers take a blank code under a filled one as
  // repeating it (a list grouped by hand), which would give them to the table above.
  const ordered = [...tables.filter((t) => t.code === null), ...tables.filter((t) => t.code !== null)];
  for (const t of ordered) {
    for (const i of t.indicators) {
      const row = [t.code, t.name || null, i.level1, i.level2, i.level3, i.description, i.value, i.basis];
      if (withDirection) row.push(i.direction === null ? null : i.direction === "positive" ? "正向" : "反向");
      row.forEach((v, c) => ind.cell(r, c + 1, v === "" ? null : v, { style: c === 6 || c === 8 ? CENTER : TEXT }));
      r++;
    }
  }
  ind.freezePanes(1, 2);
  return { projects: p, indicators: ind, unit };
}
