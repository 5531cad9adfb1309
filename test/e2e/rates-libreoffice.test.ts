/**
 * The rates `ptsheet rates -o` writes are live formulas: LibreOffice, made to recalculate every
 * formula on load, computes them to the figures the CLI reports. A payment appended to the ledger
 * afterwards with ExcelJS (no add-in), or a changed as-of date, moves the rates on recalculation.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/ptsheet";
import { parseCsv } from "../../src/core/ledger/csv";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";
import { FOREST, listsWithLedger, sampleWithLedgers, YUAN_SHEET } from "../fixtures/rates-ledger";
import { toCsv } from "./helpers/libreoffice";

jest.setTimeout(600_000);

interface JsonCheckpoint {
  label: string;
  paid: number | null;
  rate: number | null;
  pace: number | null;
}
interface JsonTable {
  code: string;
  name: string;
  paid: number | null;
  rate: number | null;
  pace: number | null;
  checkpoints: JsonCheckpoint[];
  fiscal?: { paid: number | null; rate: number | null; checkpoints: { paid: number | null; rate: number | null }[] };
  other?: { paid: number | null; rate: number | null; checkpoints: { paid: number | null; rate: number | null }[] };
}

async function ptsheet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

/** A block as LibreOffice shows it: the figures of each row label, by column (checkpoints, then 截止日). */
type Block = Map<string, (number | null)[]>;

function num(text: string | undefined): number | null {
  if (text === undefined || text.trim() === "") return null;
  const n = Number(text.replace(/,/g, ""));
  if (Number.isNaN(n)) throw new Error(`not a number: ${text}`);
  return n;
}

/** Every block on the tables' sheet, top to bottom. */
function blocks(csv: string): Block[] {
  const rows = parseCsv(csv);
  const out: Block[] = [];
  rows.forEach((row, r) => {
    const c = row.indexOf("执行情况（自动）");
    if (c < 0) return;
    const width = row.slice(c + 1).findIndex((x) => x === "截止日") + 1;
    const block: Block = new Map();
    for (let k = 1; k <= 12 && r + k < rows.length; k++) {
      const label = rows[r + k][c];
      if (!label || label === "节点日期") continue;
      block.set(label, rows[r + k].slice(c + 1, c + 1 + width).map(num));
    }
    out.push(block);
  });
  return out;
}

/** What the CLI reported for a table, in the block's shape. */
function expected(t: JsonTable): Block {
  const b: Block = new Map();
  b.set("累计支出（万元）", [...t.checkpoints.map((c) => c.paid), t.paid]);
  b.set("执行率（%）", [...t.checkpoints.map((c) => c.rate), t.rate]);
  b.set("序时进度（%）", [...t.checkpoints.map((c) => c.pace), t.pace]);
  for (const [key, s] of [
    ["财政资金", t.fiscal],
    ["其他资金", t.other],
  ] as const) {
    if (!s) continue;
    b.set(`${key}累计支出（万元）`, [...s.checkpoints.map((c) => c.paid), s.paid]);
    b.set(`${key}执行率（%）`, [...s.checkpoints.map((c) => c.rate), s.rate]);
  }
  return b;
}

function expectAgree(shown: Block, t: JsonTable): void {
  for (const [label, figures] of expected(t)) {
    const got = shown.get(label);
    expect({ table: t.name, label, figures: got?.map((x) => (x === null ? null : Math.round(x * 1e6) / 1e6)) }).toEqual(
      {
        table: t.name,
        label,
        figures: figures.map((x) => (x === null ? null : Math.round(x * 1e6) / 1e6)),
      },
    );
  }
}

describe("rates in LibreOffice", () => {
  const dir = fixtureDir("rates-e2e");
  let input: string;
  let output: string;
  let report: { asOf: string; tables: JsonTable[] };

  beforeAll(async () => {
    const sample = await buildSeedSample(dir);
    input = await sampleWithLedgers(sample, path.join(dir, "ledger.xlsx"));
    output = path.join(dir, "rates.xlsx");
    const r = await ptsheet("rates", input, "--as-of", "2022-12-31", "--json", "-o", output);
    expect(r.code).toBe(1); // the fixture's bad rows are reported
    report = JSON.parse(r.stdout);
  });

  it("computes the written formulas to the figures the CLI reports", () => {
    const csv = toCsv(output, { recalc: true });
    const shown = blocks(csv.get("绩效目标")!);
    expect(shown).toHaveLength(report.tables.length);
    report.tables.forEach((t, i) => expectAgree(shown[i], t));
    // The forest table as worked out by hand: 53.9 万元 of 70 at the year's end.
    const forest = report.tables.findIndex((t) => t.code === FOREST);
    expect(shown[forest].get("执行率（%）")).toEqual([28.57, 50, 78.57, 77, 77]);
    // The helper columns read every date form the fixture has, as the CLI did.
    const ledger = parseCsv(csv.get(YUAN_SHEET)!);
    expect(ledger[4].slice(9, 12)).toEqual(["2022-07-01", FOREST, "100,000.00"]);
    expect(ledger[9][9]).toBe(""); // 2022-02-30
  });

  it("moves the rates when a payment is added without the add-in, or the as-of date changes", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    const ws = wb.getWorksheet(YUAN_SHEET)!;
    // A colleague types a payment under the last row: 70000 元 on 2022年12月1日, as text.
    ws.getCell("A18").value = "记-014";
    ws.getCell("B18").value = "2022年12月1日";
    ws.getCell("C18").value = 70000;
    ws.getCell("E18").value = FOREST;
    ws.getCell("F18").value = "财政";
    const added = path.join(dir, "added.xlsx");
    await wb.xlsx.writeFile(added);
    const forest = report.tables.findIndex((t) => t.code === FOREST);
    const after = blocks(toCsv(added, { recalc: true }).get("绩效目标")!)[forest];
    expect(after.get("累计支出（万元）")).toEqual([20, 35, 55, 60.9, 60.9]);
    expect(after.get("执行率（%）")).toEqual([28.57, 50, 78.57, 87, 87]);

    // The CLI agrees on the edited file.
    const r = await ptsheet("rates", added, "--as-of", "2022-12-31", "--json");
    const t = (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables[forest];
    expect([t.paid, t.rate]).toEqual([60.9, 87]);

    // The as-of date moved back to 2022-06-30 in its cell: later checkpoints go empty.
    ws.getCell("P2").value = new Date(Date.UTC(2022, 5, 30));
    const moved = path.join(dir, "moved.xlsx");
    await wb.xlsx.writeFile(moved);
    const mid = blocks(toCsv(moved, { recalc: true }).get("绩效目标")!)[forest];
    expect(mid.get("累计支出（万元）")).toEqual([20, 35, null, null, 35]);
    expect(mid.get("执行率（%）")).toEqual([28.57, 50, null, null, 50]);
    await fs.rm(moved);
  });

  it("computes the summary's and a project list's columns to the CLI's figures too", async () => {
    // The summary (汇总表) made by `ptsheet summary`, then the rates: paid and rate columns per table.
    const summarised = path.join(dir, "summary.xlsx");
    expect((await ptsheet("summary", input, "-o", summarised)).code).toBe(0);
    const withRates = path.join(dir, "summary-rates.xlsx");
    const r = await ptsheet("rates", summarised, "--as-of", "2022-12-31", "--json", "-o", withRates);
    const tables = (JSON.parse(r.stdout) as { tables: JsonTable[] }).tables;
    const rows = parseCsv(toCsv(withRates, { recalc: true }).get("汇总表")!);
    const head = rows.findIndex((row) => row.includes("执行率（%）"));
    const rateCol = rows[head].indexOf("执行率（%）");
    const paidCol = rows[head].findIndex((c) => c.startsWith("累计支出"));
    for (const t of tables) {
      const row = rows.find((x) => x.includes(t.code))!;
      expect([t.code, num(row[paidCol]), num(row[rateCol])]).toEqual([t.code, t.paid, t.rate]);
    }
    const total = rows.find((x) => x[0] === "合计")!;
    expect(num(total[paidCol])).toBeCloseTo(58.767166, 6);
    expect(num(total[rateCol])).toBe(10.38);

    // The chart's data under the summary (计划与执行对比): plan and actual at each checkpoint, as
    // LibreOffice recalculates them, are the results the file stores.
    const stored = new ExcelJS.Workbook();
    await stored.xlsx.readFile(withRates);
    const summarySheet = stored.getWorksheet("汇总表")!;
    const title = rows.findIndex((x) => x.includes("计划与执行对比（图表数据）"));
    expect(title).toBeGreaterThan(head);
    const labelCol = rows[title].indexOf("计划与执行对比（图表数据）");
    let checked = 0;
    for (let i = title + 2; i < rows.length && (rows[i][labelCol] ?? "") !== ""; i++) {
      for (const c of [labelCol + 1, labelCol + 2]) {
        const cached = summarySheet.getCell(i + 1, c + 1).result;
        expect({ row: i + 1, col: c + 1, value: num(rows[i][c]) }).toEqual({
          row: i + 1,
          col: c + 1,
          value: typeof cached === "number" ? cached : null,
        });
      }
      // As of the year's end every checkpoint has an actual rate.
      expect(num(rows[i][labelCol + 2])).not.toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(2);

    // A project list: columns beside it, a row per project.
    const list = path.join(dir, "list.xlsx");
    await listsWithLedger().xlsx.writeFile(list);
    const listOut = path.join(dir, "list-rates.xlsx");
    const lr = await ptsheet("rates", list, "--as-of", "2023-12-31", "--json", "-o", listOut);
    const listTables = (JSON.parse(lr.stdout) as { tables: JsonTable[] }).tables;
    const sheet = parseCsv(toCsv(listOut, { recalc: true }).get("项目清单")!);
    const col = (h: string): number => sheet[0].indexOf(h);
    listTables.forEach((t, i) => {
      const row = sheet[i + 1];
      expect({
        name: t.name,
        paid: num(row[col("累计支出·截止日（万元）")]),
        rate: num(row[col("执行率·截止日（%）")]),
        june: num(row[col("执行率·6月底止（%）")]),
      }).toEqual({ name: t.name, paid: t.paid, rate: t.rate, june: t.checkpoints[0].rate });
    });
  });
});
