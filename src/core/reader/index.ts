/** Reads every target table of a workbook, whatever its layout, and the department-level part. */
import type { SheetData, WorkbookSnapshot } from "../../port/workbook";
import type { DepartmentTargets, ReadResult, TargetTable } from "../model";
import { Grid } from "../grid";
import { parseRange } from "../address";
import { findLists, listRows, readLists } from "./lists";
import { readPastedSheet, type PastedReadState } from "./pasted";
import { readDepartmentTargets } from "./department";
import { diag, type ReadContext } from "./cells";
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
  for (const s of sheets) for (const p of s.problems ?? []) diag(ctx, s.name, p.cell, p.message, p.messageEn);
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
    const ledgerTop = findLedgerHeader(grid, { inWorkbook: true })?.row ?? Infinity;
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
  const result = settleGenerated(
    { tables, departmentTargets: department, diagnostics: ctx.diagnostics },
    generated,
    options.keepSources,
  );
  if (options.keepSources) return result;
  const duplicates: ReadContext = { diagnostics: [] };
  reportDuplicateCodes(result.tables, duplicates);
  return duplicates.diagnostics.length === 0
    ? result
    : { ...result, diagnostics: [...result.diagnostics, ...duplicates.diagnostics] };
}

/** Two tables with one 项目编码: records keyed by code would mix them up, so each later one is named. */
function reportDuplicateCodes(tables: TargetTable[], ctx: ReadContext): void {
  const first = new Map<string, TargetTable>();
  for (const t of tables) {
    if (t.code === null || t.code === "") continue;
    const earlier = first.get(t.code);
    if (!earlier) {
      first.set(t.code, t);
      continue;
    }
    const at = `${earlier.sheet}!${earlier.codeCell ?? earlier.range}`;
    diag(
      ctx,
      t.sheet,
      t.codeCell ?? t.range.split(":")[0],
      `项目编码 ${t.code} 与 ${at} 的表（${earlier.name}）重复`,
      `Project code ${t.code} is the same as the table's at ${at}`,
    );
  }
}

export function readWorkbook(snapshot: WorkbookSnapshot): ReadResult {
  return readSheets(snapshot.sheets);
}
