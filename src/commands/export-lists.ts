/**
 * `export-lists`: every table as flat lists (a row per project, a row per indicator), the shape budget
 * systems import and the lists reader reads back. Into another workbook (the CLI writes a new file),
 * or into the same one as the add-in's own sheets, which readers then leave alone.
 */
import type { SheetData, WorkbookChange, WorkbookPort } from "../port/workbook";
import type { TargetTable } from "../core/model";
import { readSheets } from "../core/reader";
import { ownedSheets } from "../core/owned";
import { buildListSheets } from "../core/generate/lists-export";
import { INDICATORS_NAME, PROJECTS_NAME } from "../core/generate/constants";
import { SheetNamer } from "../core/generate/sheet-names";
import { SheetOrder } from "../core/generate/sheet-order";
import { ownSheetChanges } from "../core/generate/owned";

export interface ExportPlan {
  projectsSheet: string;
  indicatorsSheet: string;
  projects: number;
  indicators: number;
  unit: string;
  changes: WorkbookChange[];
}

/**
 * The writes that put the lists of `tables` into a workbook whose sheets are `sheets`: in place
 * (`own`: recorded as the add-in's, replacing lists it exported before), or into a fresh one.
 */
export function planExportLists(tables: TargetTable[], sheets: SheetData[], own: boolean): ExportPlan {
  const before = own ? ownedSheets(sheets).filter((s) => s.role === "lists") : [];
  const namer = new SheetNamer(sheets.map((s) => s.name).filter((n) => !before.some((b) => b.name === n)));
  const projectsSheet = before[0]?.name ?? namer.next(PROJECTS_NAME);
  namer.reserve(projectsSheet);
  const indicatorsSheet = before[1]?.name ?? namer.next(INDICATORS_NAME);
  const lists = buildListSheets(tables, { projects: projectsSheet, indicators: indicatorsSheet });
  const order = new SheetOrder(sheets.map((s) => s.name));
  const exists = (name: string): boolean => sheets.some((s) => s.name === name);
  const changes: WorkbookChange[] = [
    ...before
      .filter((b) => b.name !== projectsSheet && b.name !== indicatorsSheet)
      .map((b) => ({ kind: "deleteSheet" as const, sheet: b.name })),
    ...order.replace(projectsSheet, exists(projectsSheet), (p) => lists.projects.changes(p)),
    ...order.replace(indicatorsSheet, exists(indicatorsSheet), (p) => lists.indicators.changes(p), projectsSheet),
  ];
  if (own)
    changes.push(
      ...ownSheetChanges(
        sheets,
        [
          { name: projectsSheet, role: "lists" },
          { name: indicatorsSheet, role: "lists" },
        ],
        ["lists"],
      ),
    );
  return {
    projectsSheet,
    indicatorsSheet,
    projects: tables.length,
    indicators: tables.reduce((n, t) => n + t.indicators.length, 0),
    unit: lists.unit,
    changes,
  };
}

/** Exports the tables `source` holds into `target` (a new workbook), or into `source` itself. */
export async function exportLists(source: WorkbookPort, target: WorkbookPort = source): Promise<ExportPlan> {
  const snapshot = await source.read();
  const tables = readSheets(snapshot.sheets).tables;
  const own = target === source;
  const sheets = own ? snapshot.sheets : (await target.read()).sheets;
  const plan = planExportLists(tables, sheets, own);
  await target.apply(plan.changes);
  return plan;
}

export function exportText(plan: ExportPlan): string {
  return (
    `已导出清单：${plan.projectsSheet}（${plan.projects} 个项目）、${plan.indicatorsSheet}（${plan.indicators} 条指标），金额单位 ${plan.unit}` +
    ` (exported ${plan.projects} projects, ${plan.indicators} indicators)`
  );
}
