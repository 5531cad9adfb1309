/**
 * The standard target sheet of one table, laid out as the seed document prints it (项目支出绩效目标表):
 *
 *   title · department line and 单位：万元 · 项目编码 / 项目名称 · 预算规模及资金用途 (预算数, 其中：财政资金,
 *   其他资金 and any other fund lines, three to a row, then the usage) · 资金支出计划（%） with its
 *   checkpoints, and under it a row kept for 执行率（%） · 绩效目标 · the indicator block with
 *   一级/二级 merged downwards.
 *
 * Reading the sheet back with the form reader gives the table it was made from, field by field.
 */
import type { CellStyle } from "../../port/workbook";
import type { TargetTable } from "../model";
import { cellAddress } from "../address";
import type { ProfileId } from "../rules/types";
import { BACK_TO_TOC } from "./constants";
import { absolute, basisValidation, level1Validation, level2Validation } from "./dropdowns";
import { amountCell, amountFormat, amountWidth, budgetPrecision, percentCell, percentFormat } from "./format";
import {
  BODY,
  CENTER,
  LABEL,
  NUMBER,
  SheetBuilder,
  TEXT,
  printLayout,
  withFormat,
  TITLE,
  LINE_LEFT,
  LINE_RIGHT,
  PLAIN,
} from "./sheet-builder";

/** Column widths A–G: 一级, 二级, 三级, 描述 (two columns), 指标值, 依据. */
export const TABLE_WIDTHS = [12, 13, 16, 15, 19, 12, 15];
const EXTRA_WIDTH = 9;

export interface TableSheetOptions {
  sheet: string;
  /** The framework the dropdowns offer. */
  profile: ProfileId;
  /** The 目录 sheet to link back to, if any. */
  tocSheet: string | null;
}

/** Where things stand on a generated sheet, kept in the record for other commands (execution rates). */
export interface TableSheetLayout {
  totalCell: string;
  planCells: { label: string; cell: string }[];
  /** The row under the plan kept for execution rates, or null when the table has no plan. */
  executionRow: number | null;
  executionCells: { label: string; cell: string }[];
  /** First and last indicator rows. */
  indicatorRows: [number, number];
  /** The printed area's last row and column. */
  lastRow: number;
  lastCol: number;
}

export const EXECUTION_LABEL = "执行率（%）";

/** Column spans of `n` cells sharing `width` columns from `left` (the seed: B, C:D, E, F:G for four). */
export function spans(n: number, left: number, width: number): [number, number][] {
  if (n === 0) return [];
  const out: [number, number][] = [];
  if (n > width) {
    for (let i = 0; i < n; i++) out.push([left + i, left + i]);
    return out;
  }
  const base = Math.floor(width / n);
  const extra = width % n;
  let c = left;
  for (let i = 0; i < n; i++) {
    const w = base + (Math.floor(((i + 1) * extra) / n) > Math.floor((i * extra) / n) ? 1 : 0);
    out.push([c, c + w - 1]);
    c += w;
  }
  return out;
}

/** The department line as the reader recognises it: a code-led line as is, else `预算单位：…`. */
export function departmentLine(department: string | null): string | null {
  if (department === null || department.trim() === "") return null;
  return /^\d{5,}(?!\d|年)\s*[\u4e00-\u9fff]/.test(department) ? department : `预算单位：${department}`;
}

/** The title: the name and 绩效目标表, led by the year where neither code nor name states it. */
export function tableTitle(t: TargetTable): string {
  const name = t.name.trim();
  if (name === "") return "项目支出绩效目标表";
  const yearShown =
    t.year === null || name.includes(`${t.year}年`) || (t.code !== null && /^\d{6}\d{2}[A-Za-z]/.test(t.code));
  return `${yearShown ? "" : `${t.year}年度`}${name}绩效目标表`;
}

export function buildTableSheet(
  t: TargetTable,
  o: TableSheetOptions,
): { builder: SheetBuilder; layout: TableSheetLayout } {
  const cols = Math.max(TABLE_WIDTHS.length, 1 + t.plan.length);
  const places = budgetPrecision(t.budget);
  const widths = [...TABLE_WIDTHS];
  while (widths.length < cols) widths.push(EXTRA_WIDTH);
  // Amount cells (C, E, G) wide enough for the widest amount: Excel shows `####` otherwise.
  const amounts = [t.budget.total, t.budget.adjusted, ...t.budget.components.map((c) => c.amount)];
  const need = amountWidth(amounts, places, 0, false);
  for (const c of [2, 4, 6]) widths[c] = Math.max(widths[c], need);
  const b = new SheetBuilder(o.sheet, widths);
  const money: CellStyle = withFormat(NUMBER, amountFormat(places));

  // Title, department line and unit.
  b.cell(1, 1, tableTitle(t), {
    right: cols,
    style: TITLE,
  });
  b.height(1, 34);
  b.cell(2, 1, departmentLine(t.department), { right: cols - 2, style: LINE_LEFT });
  b.cell(2, cols - 1, `单位：${t.unit}`, { right: cols, style: LINE_RIGHT });
  b.height(2, 20);
  if (o.tocSheet) {
    b.setWidth(cols + 1, 12);
    b.link(1, cols + 1, { sheet: o.tocSheet, cell: "A1" }, BACK_TO_TOC, {
      style: PLAIN,
    });
  }

  // Everything below is ruled.
  const top = 3;
  b.cell(top, 1, "项目编码", { style: LABEL });
  b.cell(top, 2, t.code, { right: 3, style: TEXT });
  b.cell(top, 4, "项目名称", { style: LABEL });
  b.cell(top, 5, t.name === "" ? null : t.name, { right: cols, style: TEXT });

  // Budget: amount pairs three to a row, then the usage.
  const pairs: { label: string; amount: string | null }[] = [{ label: "预算数", amount: t.budget.total }];
  if (t.budget.adjusted !== null) pairs.push({ label: "全年预算数", amount: t.budget.adjusted });
  t.budget.components.forEach((c, i) =>
    pairs.push({ label: i === 0 ? `其中：${c.label}` : c.label, amount: c.amount }),
  );
  const budgetTop = top + 1;
  const pairRows = Math.ceil(pairs.length / 3);
  let totalCell = "";
  for (let k = 0; k < pairRows * 3; k++) {
    const row = budgetTop + Math.floor(k / 3);
    const col = 2 + 2 * (k % 3);
    const right = k % 3 === 2 ? cols : col + 1;
    const pair = pairs[k];
    if (!pair) {
      b.blank({ top: row, left: col, bottom: row, right }, BODY);
      continue;
    }
    b.cell(row, col, pair.label, { style: CENTER });
    b.cell(row, col + 1, amountCell(pair.amount), { right, style: money });
    if (k === 0) totalCell = cellAddress(row, col + 1);
  }
  const usageRow = budgetTop + pairRows;
  b.cell(usageRow, 2, t.usage, { right: cols, style: TEXT });
  b.cell(budgetTop, 1, "预算规模及资金用途", { bottom: usageRow, style: LABEL });

  // Spending plan, and the row kept for execution rates.
  let row = usageRow + 1;
  const planCells: TableSheetLayout["planCells"] = [];
  const executionCells: TableSheetLayout["executionCells"] = [];
  let executionRow: number | null = null;
  if (t.plan.length > 0) {
    b.cell(row, 1, "资金支出计划（%）", { bottom: row + 1, style: LABEL });
    const sp = spans(t.plan.length, 2, cols - 1);
    executionRow = row + 2;
    t.plan.forEach((p, i) => {
      const [l, r] = sp[i];
      b.cell(row, l, p.label, { right: r, style: CENTER });
      b.cell(row + 1, l, percentCell(p.percent), {
        right: r,
        style: withFormat(CENTER, percentFormat(p.percent)),
      });
      b.blank({ top: row + 2, left: l, bottom: row + 2, right: r }, withFormat(CENTER, "0.00%"));
      planCells.push({ label: p.label, cell: cellAddress(row + 1, l) });
      executionCells.push({ label: p.label, cell: cellAddress(row + 2, l) });
    });
    b.cell(row + 2, 1, EXECUTION_LABEL, { style: LABEL });
    row += 3;
  }

  // Goals.
  if (t.longTermGoals.length > 0) {
    b.cell(row, 1, "中长期目标", { style: LABEL });
    b.cell(row, 2, t.longTermGoals.join("\n"), { right: cols, style: TEXT });
    row++;
  }
  b.cell(row, 1, t.longTermGoals.length > 0 ? "年度目标" : "绩效目标", { style: LABEL });
  b.cell(row, 2, t.goals.length > 0 ? t.goals.join("\n") : null, { right: cols, style: TEXT });
  b.height(row, 30);
  row++;

  // Indicators.
  const withDirection = t.indicators.some((i) => i.direction !== null);
  const header = row;
  b.cell(header, 1, "一级指标", { style: LABEL });
  b.cell(header, 2, "二级指标", { style: LABEL });
  b.cell(header, 3, "三级指标", { style: LABEL });
  if (withDirection) {
    b.cell(header, 4, "绩效指标描述", { style: LABEL });
    b.cell(header, 5, "指标方向", { style: LABEL });
  } else b.cell(header, 4, "绩效指标描述", { right: 5, style: LABEL });
  b.cell(header, 6, "指标值", { style: LABEL });
  b.cell(header, 7, "指标值确定依据", { right: cols, style: LABEL });
  const first = header + 1;
  const rows = Math.max(t.indicators.length, 1);
  const last = first + rows - 1;
  b.style({ top: first, left: 1, bottom: last, right: cols }, BODY);
  t.indicators.forEach((ind, i) => {
    const r = first + i;
    b.cell(r, 3, ind.level3 === "" ? null : ind.level3, { style: TEXT });
    if (withDirection) {
      b.cell(r, 4, ind.description, { style: TEXT });
      b.cell(r, 5, ind.direction === null ? null : ind.direction === "positive" ? "正向" : "反向", { style: CENTER });
    } else b.cell(r, 4, ind.description, { right: 5, style: TEXT });
    b.cell(r, 6, ind.value === "" ? null : ind.value, { style: CENTER });
    b.cell(r, 7, ind.basis, { right: cols, style: CENTER });
  });
  if (t.indicators.length === 0) {
    if (!withDirection) b.blank({ top: first, left: 4, bottom: first, right: 5 }, BODY);
    b.blank({ top: first, left: 7, bottom: first, right: cols }, BODY);
  }
  // 一级 merged over runs of the same 一级, 二级 over runs of the same 二级 within them.
  const groups = runs(t.indicators.map((i) => i.level1));
  for (const [g1, g2] of groups) {
    const level1 = t.indicators[g1].level1;
    b.cell(first + g1, 1, level1 === "" ? null : level1, { bottom: first + g2, style: CENTER });
    for (const [s1, s2] of runs(t.indicators.slice(g1, g2 + 1).map((i) => i.level2))) {
      const level2 = t.indicators[g1 + s1].level2;
      b.cell(first + g1 + s1, 2, level2 === "" ? null : level2, { bottom: first + g1 + s2, style: CENTER });
    }
    b.dropdown(
      { top: first + g1, left: 2, bottom: first + g2, right: 2 },
      level2Validation(o.profile, absolute(first + g1, 1)),
    );
  }
  if (t.indicators.length === 0)
    b.dropdown({ top: first, left: 2, bottom: first, right: 2 }, level2Validation(o.profile, absolute(first, 1)));
  b.dropdown({ top: first, left: 1, bottom: last, right: 1 }, level1Validation(o.profile));
  b.dropdown({ top: first, left: 7, bottom: last, right: 7 }, basisValidation());

  b.pageSetup(printLayout(last, cols, "1:3"));
  return {
    builder: b,
    layout: {
      totalCell,
      planCells,
      executionRow,
      executionCells,
      indicatorRows: [first, last],
      lastRow: last,
      lastCol: cols,
    },
  };
}

/** Runs of equal, non-blank neighbours as [first, last] index pairs (a blank is a run of its own). */
function runs(values: string[]): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && values[i] === values[start] && values[i] !== "") continue;
    if (values.length > 0) out.push([start, i - 1]);
    start = i;
  }
  return out;
}
