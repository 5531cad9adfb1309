/**
 * The 汇总表: a row per table (code, name, budget split, plan at each checkpoint, indicator counts per
 * 一级, errors and warnings of the last check, a link to the table), totals as live SUM formulas
 * with their results already in place, the department line and the unit.
 */
import Big from "big.js";
import type { CellStyle, CellValue, WorkbookChange } from "../../port/workbook";
import type { TargetTable } from "../model";
import type { Grid } from "../grid";
import { budgetSplit } from "../budget";
import { addDecimals, decimalPlaces } from "../decimal";
import { cellAddress } from "../address";
import { level1Of, normaliseLevel } from "../rules/framework";
import { amountCell, amountFormat, amountWidth, percentCell, percentFormat } from "./format";
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
import { commonUnit, inUnit } from "./units";
import { checkpointMonthDay } from "../rates/checkpoints";
import { BACK_TO_TOC } from "./constants";

/** The part of the last check's record the summary uses (the validator writes more). */
export interface CheckRecord {
  findings: { table: string | number; severity: string; sheet?: string }[];
}

export const CHECK_RECORD = "check";

export interface SummaryEntry {
  table: TargetTable;
  /** Where the table's link goes. */
  target: { sheet: string; cell: string };
}

export interface SummaryOptions {
  check: CheckRecord | null;
  tocSheet: string | null;
}

/** Where the summary's figures stand, for tests and for the commands that add columns (rates). */
export interface SummaryLayout {
  firstRow: number;
  lastRow: number;
  totalRow: number;
  columns: Record<string, number>;
  unit: string;
  /** The chart's data under the totals, when the tables have a spending plan. */
  chart: ChartBlock | null;
}

// ---------------------------------------------------------------------------------------------
// The chart of plan against actual execution: its data are live formulas on the summary itself, a
// row per checkpoint, so the numbers show in every program and the chart (Excel only) follows them.

/** The chart's name: charts are known by name, so making it again replaces it. */
export const CHART_NAME = "ptsheet_plan_vs_actual";
export const CHART_TITLE = "资金支出计划与实际执行对比";
export const CHART_BLOCK_TITLE = "计划与执行对比（图表数据）";
export const CHART_HEADERS = ["节点", "计划进度（%）", "实际执行率（%）"] as const;
export const CHART_NUMBER_FORMAT = "0.00";

/** Where the chart's data stand: a title row, a header row, then a row per checkpoint. */
export interface ChartBlock {
  titleRow: number;
  headerRow: number;
  firstRow: number;
  lastRow: number;
  /** Columns of the checkpoint labels, the plan (%) and the actual rate (%). */
  labelCol: number;
  planCol: number;
  actualCol: number;
  /** The checkpoint of each row, in order. */
  labels: string[];
}

/** The chart over a block: clustered columns, categories the checkpoints, series plan and actual. */
export function chartChange(sheet: string, block: ChartBlock): WorkbookChange {
  return {
    kind: "chart",
    sheet,
    name: CHART_NAME,
    type: "columnClustered",
    title: CHART_TITLE,
    dataRange: rangeOf(block.headerRow, block.labelCol, block.lastRow, block.actualCol),
    anchor: {
      topLeft: cellAddress(block.titleRow, block.actualCol + 2),
      bottomRight: cellAddress(block.titleRow + Math.max(16, block.lastRow - block.titleRow + 2), block.actualCol + 9),
    },
  };
}

/** The chart block of a summary sheet, found by its title and headers (null when it has none). */
export function findChartBlock(grid: Grid): ChartBlock | null {
  for (let r = grid.top; r < grid.bottom; r++)
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.text(r, c).trim() !== CHART_BLOCK_TITLE) continue;
      const h = r + 1;
      if (!CHART_HEADERS.every((label, i) => grid.text(h, c + i).trim() === label)) continue;
      const labels: string[] = [];
      for (let row = h + 1; row <= grid.bottom && grid.text(row, c).trim() !== ""; row++)
        labels.push(grid.text(row, c).trim());
      if (labels.length === 0) return null;
      return {
        titleRow: r,
        headerRow: h,
        firstRow: h + 1,
        lastRow: h + labels.length,
        labelCol: c,
        planCol: c + 1,
        actualCol: c + 2,
        labels,
      };
    }
  return null;
}

/** Indexes of checkpoint labels in the order of the year; labels that name no date keep their place at the end. */
export function chronological(labels: string[]): number[] {
  const key = (label: string): number => {
    const md = checkpointMonthDay(label);
    return md === null ? 10_000 : md.month * 100 + (md.day === 0 ? 99 : md.day);
  };
  return labels.map((_, k) => k).sort((a, b) => key(labels[a]) - key(labels[b]) || a - b);
}

/** `=…` weighted by the amounts of `weights`, over the rows whose `values` cell holds a number. */
function weightedPercent(weights: string, values: string, scale: string): string {
  return `=IFERROR(ROUND(SUMPRODUCT(${weights},${values})/SUMPRODUCT(${weights},--ISNUMBER(${values}))${scale},2),"")`;
}

/**
 * The budget-weighted plan at a checkpoint, Σ budget × plan ÷ Σ budget over the tables with a plan
 * there (plans are stored as fractions, shown as percentages): a live formula over the summary's
 * budget and plan columns, and its exact result.
 */
export function weightedPlan(
  budgets: string,
  plans: string,
  figures: { budget: string | null; percent: number | null }[],
): { formula: string; result: CellValue } {
  let num = new Big(0);
  let den = new Big(0);
  for (const f of figures) {
    if (f.budget === null || f.percent === null) continue;
    num = num.plus(new Big(f.budget).times(f.percent));
    den = den.plus(f.budget);
  }
  return {
    formula: weightedPercent(budgets, plans, "*100"),
    result: den.eq(0) ? "" : Number(num.div(den).round(2, Big.roundHalfUp).toFixed()),
  };
}

/**
 * The budget-weighted execution rate at a checkpoint, Σ paid ÷ Σ budget × 100 over the tables with
 * both figures (paid is "" after the as-of date): the formula over the rate columns, and its result.
 */
export function weightedActual(
  budgets: string,
  paid: string,
  figures: { budget: string | null; paid: string | null }[],
): { formula: string; result: CellValue } {
  let num = new Big(0);
  let den = new Big(0);
  for (const f of figures) {
    if (f.budget === null || f.paid === null) continue;
    num = num.plus(f.paid);
    den = den.plus(f.budget);
  }
  return {
    formula: `=IFERROR(ROUND(SUMPRODUCT(${paid},--ISNUMBER(${budgets}))/SUMPRODUCT(${budgets},--ISNUMBER(${paid}))*100,2),"")`,
    result: den.eq(0) ? "" : Number(num.div(den).times(100).round(2, Big.roundHalfUp).toFixed()),
  };
}

const LEVEL1_ORDER = ["成本", "产出", "效益", "满意度", "实施效果"];

/** The 一级 column a row is counted under: the framework's category, else the text as written. */
export function level1Column(level1: string): string {
  const key = normaliseLevel(level1);
  const cat = level1Of(key);
  if (cat) return `${cat}指标`;
  return key === "" ? "未填" : level1.trim();
}

/** How the check record names a table: its code, else its name (an index is a position in the list). */
function findingsOf(check: CheckRecord, t: TargetTable, index: number): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const f of check.findings) {
    const mine =
      typeof f.table === "number"
        ? f.table === index
        : f.table === (t.code ?? t.name) || (t.code !== null && f.table === t.name && (f.sheet ?? t.sheet) === t.sheet);
    if (!mine) continue;
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  return { errors, warnings };
}

function departmentOf(tables: TargetTable[]): string | null {
  const names = [...new Set(tables.map((t) => t.department).filter((d): d is string => d !== null && d !== ""))];
  if (names.length === 0) return null;
  if (names.length <= 2) return names.join("；");
  return `${names[0]}等 ${names.length} 个单位`;
}

export function buildSummary(
  name: string,
  entries: SummaryEntry[],
  o: SummaryOptions,
): { builder: SheetBuilder; layout: SummaryLayout } {
  const tables = entries.map((e) => e.table);
  const unit = commonUnit(tables);
  const checkpoints = [...new Set(tables.flatMap((t) => t.plan.map((p) => p.label)))];
  const levelSet = new Set(tables.flatMap((t) => t.indicators.map((i) => level1Column(i.level1))));
  const levels = [
    ...LEVEL1_ORDER.map((l) => `${l}指标`).filter((l) => levelSet.has(l)),
    ...[...levelSet].filter((l) => !LEVEL1_ORDER.some((k) => `${k}指标` === l)),
  ];
  const widths = [6, 25, 30, 12, 12, 12];
  const col = { budget: 4, fiscal: 5, other: 6, plan: 7, levels: 7 + checkpoints.length };
  const countTotal = col.levels + levels.length;
  const errorsCol = countTotal + 1;
  const warningsCol = countTotal + 2;
  for (let i = 0; i < checkpoints.length; i++) widths.push(9);
  for (let i = 0; i <= levels.length; i++) widths.push(8);
  widths.push(7, 7);
  const last = warningsCol;
  const b = new SheetBuilder(name, widths);

  const years = [...new Set(tables.map((t) => t.year).filter((y): y is number => y !== null))];
  b.cell(1, 1, `${years.length === 1 ? `${years[0]}年度` : ""}项目支出绩效目标汇总表`, {
    right: last,
    style: TITLE,
  });
  b.height(1, 34);
  b.cell(2, 1, departmentOf(tables), { right: Math.max(3, last - 3), style: LINE_LEFT });
  b.cell(2, last - 2, `单位：${unit}`, { right: last, style: LINE_RIGHT });
  if (o.tocSheet) {
    b.setWidth(last + 1, 12);
    b.link(1, last + 1, { sheet: o.tocSheet, cell: "A1" }, BACK_TO_TOC, {
      style: PLAIN,
    });
  }

  // Two header rows: groups across, every other label merged down.
  const h1 = 3;
  const h2 = 4;
  const down = (c: number, text: string): void => b.cell(h1, c, text, { bottom: h2, style: LABEL });
  down(1, "序号");
  down(2, "项目编码");
  down(3, "项目名称");
  down(col.budget, "预算数");
  b.cell(h1, col.fiscal, "其中", { right: col.other, style: LABEL });
  b.cell(h2, col.fiscal, "财政资金", { style: LABEL });
  b.cell(h2, col.other, "其他资金", { style: LABEL });
  if (checkpoints.length > 0) {
    b.cell(h1, col.plan, "资金支出计划（%）", { right: col.plan + checkpoints.length - 1, style: LABEL });
    checkpoints.forEach((c, i) => b.cell(h2, col.plan + i, c, { style: LABEL }));
  }
  b.cell(h1, col.levels, "指标数量", { right: countTotal, style: LABEL });
  levels.forEach((l, i) => b.cell(h2, col.levels + i, l, { style: LABEL }));
  b.cell(h2, countTotal, "合计", { style: LABEL });
  b.cell(h1, errorsCol, "上次检查", { right: warningsCol, style: LABEL });
  b.cell(h2, errorsCol, "错误", { style: LABEL });
  b.cell(h2, warningsCol, "警告", { style: LABEL });

  const first = h2 + 1;
  const amounts = entries.map((e) => {
    const split = budgetSplit(e.table.budget);
    return {
      total: inUnit(e.table.budget.total, e.table, unit),
      fiscal: inUnit(split.fiscal, e.table, unit),
      other: inUnit(split.other, e.table, unit),
    };
  });
  const places = Math.max(
    2,
    ...amounts.flatMap((a) => [a.total, a.fiscal, a.other]).map((a) => (a === null ? 0 : decimalPlaces(a))),
  );
  const money: CellStyle = withFormat(NUMBER, amountFormat(places));
  for (const [c, key] of [
    [col.budget, "total"],
    [col.fiscal, "fiscal"],
    [col.other, "other"],
  ] as const)
    b.setWidth(
      c,
      amountWidth(
        amounts.map((a) => a[key]),
        places,
        12,
      ),
    );
  const lastData = first + Math.max(entries.length, 1) - 1;
  b.style({ top: first, left: 1, bottom: lastData + 1, right: last }, BODY);
  entries.forEach((e, i) => {
    const r = first + i;
    const t = e.table;
    b.cell(r, 1, i + 1, { style: CENTER });
    b.cell(r, 2, t.code, { style: TEXT });
    b.link(r, 3, e.target, t.name || t.code || "（无名称）", { style: TEXT });
    b.cell(r, col.budget, amountCell(amounts[i].total), { style: money });
    b.cell(r, col.fiscal, amountCell(amounts[i].fiscal), { style: money });
    b.cell(r, col.other, amountCell(amounts[i].other), { style: money });
    checkpoints.forEach((label, k) => {
      const p = t.plan.find((x) => x.label === label)?.percent ?? null;
      b.cell(r, col.plan + k, percentCell(p), { style: withFormat(CENTER, percentFormat(p)) });
    });
    const counts = new Map<string, number>();
    for (const ind of t.indicators)
      counts.set(level1Column(ind.level1), (counts.get(level1Column(ind.level1)) ?? 0) + 1);
    levels.forEach((l, k) => b.cell(r, col.levels + k, counts.get(l) ?? 0, { style: CENTER }));
    b.formula(r, countTotal, `=SUM(${rangeOf(r, col.levels, r, countTotal - 1)})`, t.indicators.length, CENTER);
    if (o.check) {
      const f = findingsOf(o.check, t, i);
      b.cell(r, errorsCol, f.errors, { style: CENTER });
      b.cell(r, warningsCol, f.warnings, { style: CENTER });
    }
  });

  // Totals: live formulas, with their exact results in place for programs that do not recalculate.
  const totalRow = lastData + 1;
  b.cell(totalRow, 1, "合计", { right: 3, style: LABEL });
  const sum = (c: number, result: number | string | null, style = money): void =>
    b.formula(
      totalRow,
      c,
      `=SUM(${rangeOf(first, c, lastData, c)})`,
      result === null ? 0 : typeof result === "string" ? Number(result) : result,
      style,
    );
  sum(col.budget, addDecimals(amounts.map((a) => a.total)));
  sum(col.fiscal, addDecimals(amounts.map((a) => a.fiscal)));
  sum(col.other, addDecimals(amounts.map((a) => a.other)));
  for (let k = 0; k <= levels.length; k++) {
    const c = col.levels + k;
    const n =
      c === countTotal
        ? tables.reduce((s, t) => s + t.indicators.length, 0)
        : tables.reduce((s, t) => s + t.indicators.filter((i) => level1Column(i.level1) === levels[k]).length, 0);
    sum(c, n, CENTER);
  }
  if (o.check) {
    const all = tables.map((t, i) => findingsOf(o.check!, t, i));
    sum(
      errorsCol,
      all.reduce((s, f) => s + f.errors, 0),
      CENTER,
    );
    sum(
      warningsCol,
      all.reduce((s, f) => s + f.warnings, 0),
      CENTER,
    );
  }
  b.style({ top: totalRow, left: 1, bottom: totalRow, right: last }, { bold: true });

  // The chart's data: a row per checkpoint, plan weighted by budget; the actual column stays empty
  // until 填充执行率 fills it.
  let chart: ChartBlock | null = null;
  if (checkpoints.length > 0) {
    const top = totalRow + 2;
    // In the order of the year (the plan columns keep the order the tables gave).
    const order = chronological(checkpoints);
    chart = {
      titleRow: top,
      headerRow: top + 1,
      firstRow: top + 2,
      lastRow: top + 1 + checkpoints.length,
      labelCol: 2,
      planCol: 3,
      actualCol: 4,
      labels: order.map((k) => checkpoints[k]),
    };
    b.cell(top, chart.labelCol, CHART_BLOCK_TITLE, { style: { ...PLAIN, bold: true } });
    CHART_HEADERS.forEach((h, i) => b.cell(chart!.headerRow, chart!.labelCol + i, h, { style: LABEL }));
    const rate = withFormat(NUMBER, CHART_NUMBER_FORMAT);
    const budgets = rangeOf(first, col.budget, lastData, col.budget, true);
    order.forEach((k, i) => {
      const label = checkpoints[k];
      const r = chart!.firstRow + i;
      b.cell(r, chart!.labelCol, label, { style: CENTER });
      const plan = weightedPlan(
        budgets,
        rangeOf(first, col.plan + k, lastData, col.plan + k, true),
        entries.map((e, j) => ({
          budget: amounts[j].total,
          percent: e.table.plan.find((x) => x.label === label)?.percent ?? null,
        })),
      );
      b.formula(r, chart!.planCol, plan.formula, plan.result, rate);
      b.cell(r, chart!.actualCol, null, { style: rate });
    });
  }
  const printBottom = chart ? chart.lastRow : totalRow;

  b.freezePanes(h2, 3);
  b.pageSetup(printLayout(printBottom, last, `1:${h2}`, "landscape"));
  return {
    builder: b,
    layout: {
      firstRow: first,
      lastRow: lastData,
      totalRow,
      columns: {
        budget: col.budget,
        fiscal: col.fiscal,
        other: col.other,
        plan: col.plan,
        levels: col.levels,
        count: countTotal,
        errors: errorsCol,
        warnings: warningsCol,
      },
      unit,
      chart,
    },
  };
}

/** The changes that make a summary: its sheet's, then the chart over its data (Excel only). */
export function summaryChanges(
  built: { builder: SheetBuilder; layout: SummaryLayout },
  position?: number,
): WorkbookChange[] {
  const changes = built.builder.changes(position);
  if (built.layout.chart) changes.push(chartChange(built.builder.name, built.layout.chart));
  return changes;
}

function rangeOf(top: number, left: number, bottom: number, right: number, absolute = false): string {
  const a = (r: number, c: number): string =>
    absolute ? cellAddress(r, c).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2") : cellAddress(r, c);
  return `${a(top, left)}:${a(bottom, right)}`;
}
