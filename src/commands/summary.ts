/**
 * `summary`: the 汇总表 of every table in the workbook (generated sheets count, the sources they were
 * made from do not), and a 部门整体 sheet when the workbook holds the department-level targets. Both
 * are the add-in's own sheets: made anew each time, in place. The summary's chart of plan against
 * actual execution is a `chart` change: Excel draws it, the ExcelJS adapter (CLI, page) skips it and
 * leaves its data block, live formulas on the summary, for LibreOffice and WPS users.
 */
import type { WorkbookChange, WorkbookPort, WorkbookSnapshot } from "../port/workbook";
import type { ReadResult, TargetTable } from "../core/model";
import { readSheets } from "../core/reader";
import { decodeStore } from "../core/store";
import { freeSheetName, ownedSheet, type OwnedSheet } from "../core/owned";
import {
  buildSummary,
  summaryChanges,
  CHECK_RECORD,
  type CheckRecord,
  type SummaryLayout,
} from "../core/generate/summary";
import { buildDepartmentSheet } from "../core/generate/department-sheet";
import { DEPARTMENT_NAME, SUMMARY_NAME } from "../core/generate/constants";
import { SheetOrder } from "../core/generate/sheet-order";
import { ownSheetChanges } from "../core/generate/owned";

export interface SummaryPlan {
  summarySheet: string;
  departmentSheet: string | null;
  tables: number;
  /** Whether the last check's findings were counted. */
  checked: boolean;
  layout: SummaryLayout;
  changes: WorkbookChange[];
}

function isCheckRecord(v: unknown): v is CheckRecord {
  return v !== null && typeof v === "object" && Array.isArray((v as CheckRecord).findings);
}

/** Where a table's link goes: a generated sheet's top, else the table's first cell. */
export function tableTarget(t: TargetTable): { sheet: string; cell: string } {
  return { sheet: t.sheet, cell: t.layout === "generated" ? "A1" : t.range.split(":")[0] };
}

/**
 * Plans the summary sheet (and 部门整体) over a snapshot. `tables`: the core reader's result for this
 * snapshot's tables when the caller has it already (as in `all`); absent, they are read here.
 */
export function planSummary(snapshot: WorkbookSnapshot, tables?: ReadResult): SummaryPlan {
  const sheets = snapshot.sheets;
  const read = tables ?? readSheets(sheets);
  const stored = decodeStore<unknown>(CHECK_RECORD, sheets);
  const check = isCheckRecord(stored) ? stored : null;
  const toc = ownedSheet(sheets, "toc");
  const order = new SheetOrder(sheets.map((s) => s.name));
  const exists = (name: string): boolean => sheets.some((s) => s.name === name);

  const summarySheet = freeSheetName(sheets, SUMMARY_NAME, "summary");
  const entries = read.tables.map((t) => ({ table: t, target: tableTarget(t) }));
  const summary = buildSummary(summarySheet, entries, { check, tocSheet: toc });
  const changes: WorkbookChange[] = order.replace(
    summarySheet,
    exists(summarySheet),
    (position) => summaryChanges(summary, position),
    toc,
  );
  const owned: OwnedSheet[] = [{ name: summarySheet, role: "summary" }];

  let departmentSheet: string | null = null;
  if (read.departmentTargets) {
    departmentSheet = freeSheetName(sheets, DEPARTMENT_NAME, "department");
    const departments = [...new Set(read.tables.map((t) => t.department).filter((d): d is string => !!d))];
    const years = [...new Set(read.tables.map((t) => t.year).filter((y): y is number => y !== null))];
    const sheet = buildDepartmentSheet(departmentSheet, read.departmentTargets, {
      department: departments.length === 1 ? departments[0] : null,
      year: years.length === 1 ? years[0] : null,
      tocSheet: toc,
    });
    changes.push(
      ...order.replace(departmentSheet, exists(departmentSheet), (position) => sheet.changes(position), summarySheet),
    );
    owned.push({ name: departmentSheet, role: "department" });
  }
  changes.push(...ownSheetChanges(sheets, owned));
  return {
    summarySheet,
    departmentSheet,
    tables: read.tables.length,
    checked: check !== null,
    layout: summary.layout,
    changes,
  };
}

export async function runSummary(port: WorkbookPort, options: { tables?: ReadResult } = {}): Promise<SummaryPlan> {
  const plan = planSummary(await port.read(), options.tables);
  await port.apply(plan.changes);
  return plan;
}

export function summaryText(plan: SummaryPlan): string {
  const lines = [`汇总表：${plan.summarySheet}，共 ${plan.tables} 张表 (summary of ${plan.tables} tables)`];
  if (!plan.checked)
    lines.push("  尚未校验：错误、警告两列留空 (no check yet: the error and warning columns are blank)");
  if (plan.layout.chart)
    lines.push(
      `  计划与执行对比：数据在“${plan.summarySheet}”第 ${plan.layout.chart.titleRow} 行起；图表仅在 Excel 中生成（在 Excel 中点“生成汇总表”或“填充执行率”） ` +
        `(plan vs actual: data from row ${plan.layout.chart.titleRow}; the chart is made in Excel only, by 生成汇总表 or 填充执行率 there)`,
    );
  if (plan.departmentSheet) lines.push(`部门整体绩效目标：${plan.departmentSheet}`);
  return lines.join("\n");
}
