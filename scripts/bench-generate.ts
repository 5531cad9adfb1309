/**
 * Generating 500 target sheets, measured against ExcelJS writing the same workbook with no logic of
 * ours, side by side in one run:
 *
 * - ours: from the lists workbook loaded in memory, `runGenerate` (read every sheet, recognise the
 *   tables, plan the sheets, apply the changes through the ExcelJS port) and write the .xlsx;
 * - ExcelJS alone: the final workbook's every cell (value and style), merge, column width, row
 *   height, dropdown, name and print setting, collected beforehand, written with plain ExcelJS calls.
 *
 * Runs alternate after a warm-up, each after a full garbage collection; the best runs are compared
 * (the medians are printed too). Target: ratio ≤ 1.5.
 *
 *   node --expose-gc out/scripts/bench-generate.js [TABLES] [ROUNDS]   (npm run bench:generate)
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/workbook";
import { runGenerate } from "../src/commands/generate";
import { fixtureProjects, listsWorkbook } from "./lists-fixture";

interface SheetCopy {
  name: string;
  state: ExcelJS.WorksheetState;
  columns: (number | undefined)[];
  rows: { number: number; height: number | undefined; cells: { col: number; value: ExcelJS.CellValue; style: number }[] }[];
  merges: string[];
  validations: Record<string, ExcelJS.DataValidation>;
  pageSetup: Partial<ExcelJS.PageSetup>;
  headerFooter: Partial<ExcelJS.HeaderFooter>;
  views: Partial<ExcelJS.WorksheetView>[];
}

interface WorkbookCopy {
  sheets: SheetCopy[];
  styles: Partial<ExcelJS.Style>[];
  names: { name: string; ranges: string[] }[];
}

/** Everything the generated workbook holds, as plain data for a plain ExcelJS program to write. */
export function copyOf(wb: ExcelJS.Workbook): WorkbookCopy {
  const styleIds = new Map<string, number>();
  const styles: Partial<ExcelJS.Style>[] = [];
  const sheets = wb.worksheets.map((ws): SheetCopy => {
    const rows: SheetCopy["rows"] = [];
    ws.eachRow({ includeEmpty: true }, (row, number) => {
      const cells: SheetCopy["rows"][number]["cells"] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        if (cell.isMerged && cell.master !== cell) return;
        const key = JSON.stringify(cell.style);
        let id = styleIds.get(key);
        if (id === undefined) {
          id = styles.length;
          styles.push(JSON.parse(key) as Partial<ExcelJS.Style>);
          styleIds.set(key, id);
        }
        cells.push({ col, value: cell.value, style: id });
      });
      rows.push({ number, height: row.height, cells });
    });
    const merges = Object.values((ws as unknown as { _merges: Record<string, { range: string }> })._merges).map(
      (m) => m.range,
    );
    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    return {
      name: ws.name,
      state: ws.state,
      columns: (ws.columns ?? []).map((c) => c.width),
      rows,
      merges,
      validations: { ...validations },
      pageSetup: { ...ws.pageSetup },
      headerFooter: { ...ws.headerFooter },
      views: (ws.views ?? []).map((v) => ({ ...v })),
    };
  });
  return { sheets, styles, names: wb.definedNames.model };
}

/** ExcelJS alone: the same workbook written by direct calls. */
export async function writeDirect(copy: WorkbookCopy): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of copy.sheets) {
    const ws = wb.addWorksheet(s.name, { state: s.state });
    s.columns.forEach((w, i) => {
      if (w !== undefined) ws.getColumn(i + 1).width = w;
    });
    for (const r of s.rows) {
      const row = ws.getRow(r.number);
      if (r.height !== undefined) row.height = r.height;
      for (const c of r.cells) {
        const cell = row.getCell(c.col);
        cell.value = c.value;
        cell.style = copy.styles[c.style];
      }
    }
    for (const m of s.merges) ws.mergeCells(m);
    const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    for (const [a, v] of Object.entries(s.validations)) if (v) dv.add(a, v);
    ws.pageSetup = { ...ws.pageSetup, ...s.pageSetup };
    ws.headerFooter = { ...ws.headerFooter, ...s.headerFooter };
    ws.views = s.views;
  }
  wb.definedNames.model = copy.names;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function ours(source: Uint8Array): Promise<{ ms: number; bytes: Uint8Array; port: ExcelJsWorkbook }> {
  const port = await ExcelJsWorkbook.load(source);
  const t0 = performance.now();
  await runGenerate(port);
  const bytes = await port.toBuffer();
  return { ms: performance.now() - t0, bytes, port };
}

async function direct(copy: WorkbookCopy): Promise<number> {
  const t0 = performance.now();
  await writeDirect(copy);
  return performance.now() - t0;
}

/** A full collection before each timed run (with `node --expose-gc`), so neither pays for the other's garbage. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function bench(tables = 500, rounds = 5): Promise<{ ours: number; direct: number; ratio: number }> {
  const source = new Uint8Array(
    (await listsWorkbook(fixtureProjects(tables)).xlsx.writeBuffer()) as ArrayBuffer,
  );
  const warm = await ours(source);
  const copy = copyOf(warm.port.workbook);
  const sheets = copy.sheets.length;
  const cells = copy.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.length, 0), 0);
  await direct(copy);
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    collect();
    a.push((await ours(source)).ms);
    collect();
    b.push(await direct(copy));
  }
  // The fastest of each is the run least disturbed by whatever else the machine does.
  const result = { ours: Math.min(...a), direct: Math.min(...b), ratio: Math.min(...a) / Math.min(...b) };
  const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(", ");
  process.stdout.write(
    `generate ${tables} tables → ${sheets} sheets, ${cells} cells (${(warm.bytes.length / 1024).toFixed(0)} KiB), ${rounds} rounds\n` +
      `  ours (read, plan, apply, write):  best ${result.ours.toFixed(0)} ms, median ${median(a).toFixed(0)} ms   [${list(a)}]\n` +
      `  ExcelJS alone (same cells):       best ${result.direct.toFixed(0)} ms, median ${median(b).toFixed(0)} ms   [${list(b)}]\n` +
      `  ratio ${result.ratio.toFixed(2)} best to best, ${(median(a) / median(b)).toFixed(2)} median to median (target ≤ 1.5)\n`,
  );
  return result;
}

if (require.main === module) {
  const [n, rounds] = process.argv.slice(2).map(Number);
  bench(n || 500, rounds || 5).catch((e) => {
    process.stderr.write(`bench-generate: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
