/**
 * Generating 500 target sheets, measured against ExcelJS writing the same workbook with no logic of
 * ours, side by side in one run:
 *
 * - generate (core + ExcelJS write): from the 500 tables as read, the core plans every sheet (target
 *   sheets, 目录, dropdown lists, record), the ExcelJS port applies the changes, and the .xlsx is
 *   written. This is the figure the target is for: ratio ≤ 1.5.
 * - the whole command, as `ptsheet generate` runs it: the above plus reading the workbook's cells
 *   and recognising the tables (`runGenerate`), printed beside it;
 * - ExcelJS alone: the final workbook's every cell (value and style), merge, column width, row
 *   height, dropdown, name and print setting, collected beforehand, written with plain ExcelJS calls.
 *
 * Runs alternate after a warm-up, each after a full garbage collection; the best runs are compared
 * (the medians are printed too).
 *
 *   node --expose-gc out/scripts/bench-generate.js [TABLES] [ROUNDS]   (npm run bench:generate)
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/workbook";
import { withPlainExcelJs } from "../src/adapters/exceljs/plain";
import { planGenerateFrom, runGenerate } from "../src/commands/generate";
import { readSheets } from "../src/core/reader";
import { fixtureProjects, listsWorkbook } from "./lists-fixture";

interface SheetCopy {
  name: string;
  state: ExcelJS.WorksheetState;
  columns: (number | undefined)[];
  rows: {
    number: number;
    height: number | undefined;
    cells: { col: number; value: ExcelJS.CellValue; style: number }[];
  }[];
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
    const dv = (ws as unknown as { dataValidations: { add(a: string, v: ExcelJS.DataValidation): void } })
      .dataValidations;
    for (const [a, v] of Object.entries(s.validations)) if (v) dv.add(a, v);
    ws.pageSetup = { ...ws.pageSetup, ...s.pageSetup };
    ws.headerFooter = { ...ws.headerFooter, ...s.headerFooter };
    ws.views = s.views;
  }
  wb.definedNames.model = copy.names;
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The whole command: read, recognise, plan, apply, write. */
async function whole(source: Uint8Array): Promise<{ ms: number; bytes: Uint8Array; port: ExcelJsWorkbook }> {
  const port = await ExcelJsWorkbook.load(source);
  const t0 = performance.now();
  await runGenerate(port);
  const bytes = await port.toBuffer();
  return { ms: performance.now() - t0, bytes, port };
}

/** Generation proper, from the tables as read: plan, apply, write. */
async function generate(source: Uint8Array): Promise<number> {
  const port = await ExcelJsWorkbook.load(source);
  const { sheets } = await port.read();
  const read = readSheets(sheets, { keepSources: true });
  const t0 = performance.now();
  await port.apply(planGenerateFrom(sheets, read).changes);
  await port.toBuffer();
  return performance.now() - t0;
}

/** ExcelJS alone; its input is copied first (untimed), as the others load a workbook first. */
async function direct(copy: WorkbookCopy): Promise<number> {
  const input = structuredClone(copy);
  const t0 = performance.now();
  // ExcelJS as shipped, without the adapter's speed-ups installed on its classes.
  await withPlainExcelJs(() => writeDirect(input));
  return performance.now() - t0;
}

/** A full collection before each run (with `node --expose-gc`), so no run pays for another's garbage. */
function collect(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function bench(
  tables = 500,
  rounds = 9,
): Promise<{ generate: number; whole: number; direct: number; ratio: number; wholeRatio: number }> {
  const source = new Uint8Array((await listsWorkbook(fixtureProjects(tables)).xlsx.writeBuffer()) as ArrayBuffer);
  const warm = await whole(source);
  const copy = copyOf(warm.port.workbook);
  const sheets = copy.sheets.length;
  const cells = copy.sheets.reduce((n, s) => n + s.rows.reduce((m, r) => m + r.cells.length, 0), 0);
  await generate(source);
  await direct(copy);
  const g: number[] = [];
  const w: number[] = [];
  const d: number[] = [];
  for (let i = 0; i < rounds; i++) {
    collect();
    g.push(await generate(source));
    collect();
    d.push(await direct(copy));
    collect();
    w.push((await whole(source)).ms);
  }
  // The fastest of each is the run least disturbed by whatever else the machine does.
  const best = (xs: number[]): number => Math.min(...xs);
  const result = {
    generate: best(g),
    whole: best(w),
    direct: best(d),
    ratio: best(g) / best(d),
    wholeRatio: best(w) / best(d),
  };
  const list = (xs: number[]): string => xs.map((x) => x.toFixed(0)).join(", ");
  const line = (label: string, xs: number[]): string =>
    `  ${label.padEnd(44)} best ${best(xs).toFixed(0)} ms, median ${median(xs).toFixed(0)} ms   [${list(xs)}]\n`;
  process.stdout.write(
    `generate ${tables} tables → ${sheets} sheets, ${cells} cells (${(warm.bytes.length / 1024).toFixed(0)} KiB), ${rounds} rounds\n` +
      line("generate (core plan + ExcelJS apply + write):", g) +
      line("ExcelJS alone (same cells):", d) +
      line("whole command (+ read and recognise tables):", w) +
      `  ratio ${result.ratio.toFixed(2)} (target ≤ 1.5; medians ${(median(g) / median(d)).toFixed(2)})\n` +
      `  whole command: ${result.wholeRatio.toFixed(2)} (medians ${(median(w) / median(d)).toFixed(2)})\n`,
  );
  return result;
}

if (require.main === module) {
  const [n, rounds] = process.argv.slice(2).map(Number);
  bench(n || 500, rounds || 9).catch((e) => {
    process.stderr.write(`bench-generate: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  });
}
