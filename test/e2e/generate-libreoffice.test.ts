/**
 * The generated workbook in another program: LibreOffice renders the target sheets, the 目录, the
 * 汇总表 and the 部门整体 sheet to PDF (and PNG under test-artifacts/generate/ to look at); the PDF's
 * text holds every generated cell's full text, so nothing is cut off; and the summary's totals, as
 * LibreOffice recalculates them, equal the sums of the tables computed exactly here.
 */
import { execFileSync } from "child_process";
import { mkdtempSync, promises as fs } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import Big from "big.js";
import { buildSample } from "../../scripts/build-sample";
import { fixtureProjects, listsWorkbook } from "../../scripts/lists-fixture";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { readGeneratedRecord } from "../../src/core/generate/record";
import { ownedSheets } from "../../src/core/owned";
import { budgetSplit } from "../../src/core/budget";
import { parseRange } from "../../src/core/address";
import { runGenerate } from "../../src/commands/generate";
import { runSummary, type SummaryPlan } from "../../src/commands/summary";
import type { TargetTable } from "../../src/core/model";
import { pdfToPng, toCsv, toPdf } from "./helpers/libreoffice";

jest.setTimeout(600_000);

const ARTIFACTS = path.join("test-artifacts", "generate");

interface Made {
  file: string;
  /** The same workbook with only the add-in's sheets, for the PDF. */
  printed: string;
  tables: TargetTable[];
  summary: SummaryPlan;
  /** Every sheet the add-in made, with the texts of its printed cells. */
  texts: Map<string, string[]>;
}

async function make(dir: string, name: string, source: Uint8Array): Promise<Made> {
  const port = await ExcelJsWorkbook.load(source);
  await runGenerate(port);
  const summary = await runSummary(port);
  const file = path.join(dir, `${name}.xlsx`);
  await fs.writeFile(file, await port.toBuffer());

  const wb = await ExcelJsWorkbook.load(await fs.readFile(file));
  const snapshot = await wb.read();
  const tables = readWorkbook(snapshot).tables;
  const ours = new Set([
    ...readGeneratedRecord(snapshot.sheets)!.tables.map((t) => t.sheet),
    ...ownedSheets(snapshot.sheets).map((s) => s.name),
  ]);
  const texts = new Map<string, string[]>();
  for (const s of snapshot.sheets) {
    if (!ours.has(s.name)) continue;
    const area = parseRange(wb.workbook.getWorksheet(s.name)!.pageSetup.printArea!.replace(/\$/g, ""));
    const out: string[] = [];
    s.texts.forEach((row, i) =>
      row.forEach((t, j) => {
        const r = s.top + i;
        const c = s.left + j;
        if (t.trim() !== "" && r >= area.top && r <= area.bottom && c >= area.left && c <= area.right) out.push(t);
      }),
    );
    texts.set(s.name, out);
  }
  // Print only the add-in's sheets: text found must come from them, not from the sources.
  for (const ws of [...wb.workbook.worksheets])
    if (!ours.has(ws.name) && ws.state === "visible") wb.workbook.removeWorksheet(ws.id);
  const printed = path.join(dir, `${name}-printed.xlsx`);
  await fs.writeFile(printed, await wb.toBuffer());
  return { file, printed, tables, summary, texts };
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/** The PDF's text in content-stream order: each cell's lines stay together. */
function rawText(pdf: string): string {
  return execFileSync("pdftotext", ["-raw", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 28 });
}

/** Rows of a CSV (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else if (ch !== "\r") field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** An exact amount as `#,##0.00…` shows it. */
function shown(amount: Big, places: number): string {
  const [int, frac] = amount.toFixed(places).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac ? `${grouped}.${frac}` : grouped;
}

function exactSums(tables: TargetTable[]): { total: Big; fiscal: Big; other: Big; indicators: number } {
  let total = new Big(0);
  let fiscal = new Big(0);
  let other = new Big(0);
  for (const t of tables) {
    const split = budgetSplit(t.budget);
    total = total.plus(t.budget.total ?? 0);
    fiscal = fiscal.plus(split.fiscal);
    other = other.plus(split.other);
  }
  return { total, fiscal, other, indicators: tables.reduce((n, t) => n + t.indicators.length, 0) };
}

describe.each([
  [
    "seed",
    async (): Promise<Uint8Array> =>
      fs.readFile(await buildSample(undefined, path.join(mkdtempSync(path.join(tmpdir(), "gen-seed-")), "seed.xlsx"))),
  ],
  [
    "lists",
    async (): Promise<Uint8Array> =>
      new Uint8Array((await listsWorkbook(fixtureProjects(14)).xlsx.writeBuffer()) as ArrayBuffer),
  ],
])("generated workbook from the %s sample in LibreOffice", (name, source) => {
  const dir = mkdtempSync(path.join(tmpdir(), `gen-lo-${name}-`));
  let made: Made;
  beforeAll(async () => {
    made = await make(dir, name, await source());
  });

  it("renders every generated sheet to PDF with every cell's full text", () => {
    const pdf = toPdf(made.printed);
    const pngs = pdfToPng(pdf, path.join(ARTIFACTS, name), 40);
    expect(pngs.length).toBeGreaterThanOrEqual(made.texts.size);
    const text = squash(rawText(pdf));
    const missing: string[] = [];
    let checked = 0;
    for (const [sheet, cells] of made.texts)
      for (const t of cells) {
        checked++;
        if (!text.includes(squash(t))) missing.push(`${sheet}: ${t}`);
      }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    // The links back to the 目录 stand outside the print area.
    expect(text).not.toContain("返回目录");
  });

  it("has the summary's totals, recalculated by LibreOffice, equal to the exact sums of the tables", async () => {
    const csv = toCsv(made.file, { recalc: true });
    const rows = parseCsv(csv.get(made.summary.summarySheet)!);
    const cols = made.summary.layout.columns;
    const total = rows[made.summary.layout.totalRow - 1];
    expect(total[0]).toBe("合计");
    const wb = await ExcelJsWorkbook.load(await fs.readFile(made.file));
    const places = (
      wb.workbook
        .getWorksheet(made.summary.summarySheet)!
        .getCell(made.summary.layout.totalRow, cols.budget)
        .numFmt.split(".")[1] ?? ""
    ).length;
    const sums = exactSums(made.tables);
    expect(total[cols.budget - 1]).toBe(shown(sums.total, places));
    expect(total[cols.fiscal - 1]).toBe(shown(sums.fiscal, places));
    expect(total[cols.other - 1]).toBe(shown(sums.other, places));
    expect(total[cols.count - 1]).toBe(String(sums.indicators));
    expect(made.tables.length).toBe(made.summary.tables);

    // The chart's data block: the budget-weighted plan at each checkpoint, recalculated by
    // LibreOffice, is the result stored; the actual column waits for the rates.
    const chart = made.summary.layout.chart!;
    expect(chart).not.toBeNull();
    const summarySheet = wb.workbook.getWorksheet(made.summary.summarySheet)!;
    for (let r = chart.firstRow; r <= chart.lastRow; r++) {
      const cached = summarySheet.getCell(r, chart.planCol).result;
      expect(typeof cached).toBe("number");
      expect([r, rows[r - 1][chart.planCol - 1]]).toEqual([r, (cached as number).toFixed(2)]);
      expect(rows[r - 1][chart.actualCol - 1]).toBe("");
    }

    // LibreOffice did recalculate: with one row's budget raised by 1, its total is 1 more, while the
    // stored result still says the old sum.
    const ws = wb.workbook.getWorksheet(made.summary.summarySheet)!;
    const first = ws.getCell(made.summary.layout.firstRow, cols.budget);
    first.value = Number(new Big(first.value as number).plus(1).toString());
    const tampered = path.join(dir, `${name}-tampered.xlsx`);
    await fs.writeFile(tampered, await wb.toBuffer());
    const again = parseCsv(toCsv(tampered, { recalc: true }).get(made.summary.summarySheet)!);
    expect(again[made.summary.layout.totalRow - 1][cols.budget - 1]).toBe(shown(sums.total.plus(1), places));
  });
});
