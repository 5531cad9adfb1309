/** Reads every target table of a workbook, whatever its layout, and the department-level part. */
import type { SheetData, WorkbookSnapshot } from "../../port/workbook";
import type { DepartmentTargets, ReadResult, TargetTable } from "../model";
import { Grid } from "../grid";
import { parseRange } from "../address";
import { findLists, listRows, readLists } from "./lists";
import { readPastedSheet, type PastedReadState } from "./pasted";
import { readDepartmentTargets } from "./department";
import type { ReadContext } from "./cells";

/** Sheets the add-in keeps for itself start with this; readers never take tables from them. */
export const INTERNAL_SHEET_PREFIX = "_ptsheet";

export function readSheets(sheets: SheetData[]): ReadResult {
  const ctx: ReadContext = { diagnostics: [] };
  const grids = sheets
    .filter((s) => !s.name.startsWith(INTERNAL_SHEET_PREFIX) && s.visibility !== "veryHidden")
    .map((s) => new Grid(s))
    .filter((g) => !g.isEmpty);
  const lists = findLists(grids);
  const state: PastedReadState = {
    lastHeader: { unit: null, department: null, title: null, titleName: null, cells: [] },
  };
  const tables: TargetTable[] = [];
  let department: DepartmentTargets | null = null;
  for (const grid of grids) {
    const claimed = listRows(lists, grid.name);
    const sheetTables = readPastedSheet(grid, ctx, (r) => claimed.has(r), state);
    tables.push(...sheetTables);
    if (!department) {
      const taken = sheetTables.map((t) => parseRange(t.range));
      department = readDepartmentTargets(grid, (r) => claimed.has(r) || taken.some((t) => r >= t.top && r <= t.bottom));
    }
  }
  tables.push(...readLists(lists, ctx));
  const order = new Map(grids.map((g, i) => [g.name, i]));
  tables.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || parseRange(a.range).top - parseRange(b.range).top);
  return { tables, departmentTargets: department, diagnostics: ctx.diagnostics };
}

export function readWorkbook(snapshot: WorkbookSnapshot): ReadResult {
  return readSheets(snapshot.sheets);
}
