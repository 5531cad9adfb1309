/**
 * Workbooks of many tables for the fake Excel, made from the bundled sample's six: each table cut
 * out of the sample sheet (from its title row to the row before the next title), then stacked on one
 * sheet or spread over sheets.
 */
import { promises as fs } from "fs";
import type { CellValue, SheetData, WorkbookSnapshot } from "../../src/port/workbook";
import { parseRange, rangeAddress } from "../../src/core/address";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { buildSeedSample } from "../fixtures/seed-sample";
import type { SheetInit } from "./model";

/** Rows `first..last` (0-based, inclusive) of a snapshot sheet, moved to the top. */
export function sliceRows(s: SheetData, first: number, last: number): SheetData {
  const rows = (a: unknown[][] | undefined): unknown[][] | undefined => a?.slice(first, last + 1);
  const top = s.top + first;
  const bottom = s.top + last;
  return {
    name: s.name,
    visibility: "visible",
    top: 1,
    left: s.left,
    values: rows(s.values) as CellValue[][],
    texts: rows(s.texts) as string[][],
    formulas: rows(s.formulas) as (string | null)[][],
    numberFormats: rows(s.numberFormats) as string[][],
    merges: s.merges
      .map((m) => parseRange(m))
      .filter((m) => m.top >= top && m.top <= bottom)
      .map((m) => rangeAddress({ ...m, top: m.top - top + 1, bottom: m.bottom - top + 1 })),
  };
}

/** The sample sheet's six tables, each as a sheet of its own rows. */
export function splitTables(sheet: SheetData): SheetData[] {
  const titles = sheet.texts.map((r, i) => (/绩效目标表$/.test(r[0]) ? i : -1)).filter((i) => i >= 0);
  return titles.map((start, k) => sliceRows(sheet, start, (titles[k + 1] ?? sheet.values.length) - 1));
}

/** Builds the bundled sample in `dir` and reads it (with formulas and number formats). */
export async function loadSample(
  dir: string,
): Promise<{ file: string; snapshot: WorkbookSnapshot; tables: SheetData[] }> {
  const file = await buildSeedSample(dir);
  const wb = await ExcelJsWorkbook.load(await fs.readFile(file));
  const snapshot = await wb.read({ formulas: true, numberFormats: true });
  return { file, snapshot, tables: splitTables(snapshot.sheets[0]) };
}

/** `n` tables stacked on one sheet (cycling through `tables`). */
export function stackTables(tables: SheetData[], name: string, n: number): SheetInit {
  const out: SheetData = { ...tables[0], name, values: [], texts: [], formulas: [], numberFormats: [], merges: [] };
  for (let k = 0; k < n; k++) {
    const t = tables[k % tables.length];
    const offset = out.values.length;
    out.values.push(...t.values);
    out.texts.push(...t.texts);
    out.formulas!.push(...t.formulas!);
    out.numberFormats!.push(...t.numberFormats!);
    out.merges.push(
      ...t.merges.map((m) => {
        const r = parseRange(m);
        return rangeAddress({ ...r, top: r.top + offset, bottom: r.bottom + offset });
      }),
    );
  }
  return out;
}

/** `n` sheets of one table each. */
export function sheetsOfOneTable(tables: SheetData[], n: number): SheetInit[] {
  return Array.from({ length: n }, (_, k) => ({ ...tables[k % tables.length], name: `表${k + 1}` }));
}
