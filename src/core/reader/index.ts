/** Reads every target table of a workbook, whatever its layout, and the department-level part. */
import type { SheetData, WorkbookSnapshot } from "../../port/workbook";
import type { DepartmentTargets, ReadResult, TargetTable } from "../model";
import { Grid } from "../grid";
import { parseRange } from "../address";
import { findLists, listRows, readLists } from "./lists";
import { readPastedSheet, type PastedReadState } from "./pasted";
import { readDepartmentTargets } from "./department";
import type { ReadContext } from "./cells";
import { findLedgerHeader } from "../ledger/headers";
import { ownedSheets } from "../owned";
import { generatedSheets, settleGenerated } from "../generate/record";

/** Sheets the add-in keeps for itself start with this; readers never take tables from them. */
export const INTERNAL_SHEET_PREFIX = "_ptsheet";

/**
 * `keepSources`: keep the tables generated sheets were made from (the generate command compares
 * them); by default a generated sheet is the table of record and its source is left out.
 */
export function readSheets(sheets: SheetData[], options: { keepSources?: boolean } = {}): ReadResult {
  const ctx: ReadContext = { diagnostics: [] };
  const owned = new Set(ownedSheets(sheets).map((s) => s.name));
  const generated = generatedSheets(sheets);
  const grids = sheets
    .filter((s) => !s.name.startsWith(INTERNAL_SHEET_PREFIX) && s.visibility !== "veryHidden" && !owned.has(s.name))
    .map((s) => new Grid(s))
    .filter((g) => !g.isEmpty);
  const lists = findLists(grids);
  const state: PastedReadState = {
    lastHeader: { unit: null, department: null, title: null, titleName: null, year: null, cells: [] },
  };
  const tables: TargetTable[] = [];
  let department: DepartmentTargets | null = null;
  for (const grid of grids) {
    const claimed = listRows(lists, grid.name);
    // A payment ledger (支付明细) is read by core/ledger; its rows are never a table's.
    const ledgerTop = findLedgerHeader(grid)?.row ?? Infinity;
    const skip = (r: number): boolean => claimed.has(r) || r >= ledgerTop;
    // A generated sheet states its own header lines: nothing carries over from an earlier sheet.
    const own = generated.tableSheets.has(grid.name)
      ? { lastHeader: { ...state.lastHeader, department: null } }
      : state;
    const sheetTables = readPastedSheet(grid, ctx, skip, own);
    tables.push(...sheetTables);
    if (!department) {
      const taken = sheetTables.map((t) => parseRange(t.range));
      department = readDepartmentTargets(grid, (r) => skip(r) || taken.some((t) => r >= t.top && r <= t.bottom));
    }
  }
  tables.push(...readLists(lists, ctx));
  const order = new Map(grids.map((g, i) => [g.name, i]));
  tables.sort((a, b) => order.get(a.sheet)! - order.get(b.sheet)! || parseRange(a.range).top - parseRange(b.range).top);
  return settleGenerated(
    { tables, departmentTargets: department, diagnostics: ctx.diagnostics },
    generated,
    options.keepSources,
  );
}

export function readWorkbook(snapshot: WorkbookSnapshot): ReadResult {
  return readSheets(snapshot.sheets);
}
