/**
 * Execution rates of the seed sample from a fixture ledger with every date form, both units, refunds
 * and bad rows: the figures worked out by hand below, the bad rows reported by row, and the writes
 * (helper columns, the as-of cell, blocks beside the tables) rewritten in place on a second run.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planRates, ratesJson, RATES_RECORD, runRates, type RatesOutcome } from "../../src/commands/rates";
import { readWorkbook } from "../../src/core/reader";
import { serialOf } from "../../src/core/ledger/values";
import { storeSheetName } from "../../src/core/store";
import { main } from "../../src/cli/ptsheet";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";
import { FOREST, INTEREST, NURSERY, sampleWithLedgers, WAN_SHEET, YUAN_SHEET } from "../fixtures/rates-ledger";

// Workbooks are written and read here: no wall-clock limit on a busy machine.
jest.setTimeout(600_000);

const dir = fixtureDir("rates");
let file: string;

beforeAll(async () => {
  const sample = await buildSeedSample(dir);
  file = await sampleWithLedgers(sample, path.join(dir, "ledger.xlsx"));
});

async function load(f: string): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await fs.readFile(f));
}

async function plan(asOf: string, write = false): Promise<RatesOutcome> {
  const [y, m, d] = asOf.split("-").map(Number);
  const wb = await load(file);
  return planRates((await wb.read()).sheets, { asOf: serialOf(y, m, d), today: serialOf(2025, 1, 1), write });
}

function table(o: RatesOutcome, code: string) {
  const t = ratesJson(o.report).tables.find((x) => x.code === code);
  if (!t) throw new Error(`no table ${code}`);
  return t;
}

describe("rates of the seed sample from the fixture ledger", () => {
  it("gives the hand-computed figures at the year's end", async () => {
    const o = await plan("2022-12-31");
    // 林业有害生物防治: 200000 (serial) + 150000 (2022/5/20) + 100,000.00 (2022年7月1日, text amount)
    // + 100000 (20221010 as a number) − 11000 (refund) = 539000 元 = 53.9 万元 of 70.
    const forest = table(o, FOREST);
    expect(forest).toMatchObject({ budget: 70, paid: 53.9, rate: 77, pace: 100, reasonRequired: true });
    expect(forest.checkpoints).toEqual([
      {
        label: "3月底",
        date: "2022-03-31",
        plan: null,
        paid: 20,
        rate: 28.57,
        pace: 25,
        behindPlan: null,
        behindPace: false,
      },
      {
        label: "6月底",
        date: "2022-06-30",
        plan: null,
        paid: 35,
        rate: 50,
        pace: 50,
        behindPlan: null,
        behindPace: false,
      },
      {
        label: "10月底",
        date: "2022-10-31",
        plan: 77,
        paid: 55,
        rate: 78.57,
        pace: 83.33,
        behindPlan: false,
        behindPace: true,
      },
      {
        label: "12月底",
        date: "2022-12-31",
        plan: 100,
        paid: 53.9,
        rate: 77,
        pace: 100,
        behindPlan: true,
        behindPace: true,
      },
    ]);
    expect(forest.fiscal).toMatchObject({ budget: 70, paid: 53.9, rate: 77 });
    expect(forest.other).toMatchObject({ budget: 0, paid: 0, rate: null });

    // 苗圃: 14557.22 元 by name (1月) + 14557.22 元 by code (2022.2.20) + 1.455722 万元 (万元 ledger, 6月)
    // = 2.911444 + 1.455722 = 4.367166 万元 of 17.47: 16.67% at 3月底 (plan 24: behind), 25.00% after.
    const nursery = table(o, NURSERY);
    expect(nursery).toMatchObject({ budget: 17.47, paid: 4.367166, rate: 25 });
    expect(nursery.checkpoints.map((c) => [c.paid, c.rate, c.plan, c.behindPlan])).toEqual([
      [2.911444, 16.67, 24, true],
      [4.367166, 25, 50, true],
      [4.367166, 25, 74, true],
      [4.367166, 25, 100, true],
    ]);
    expect(nursery.fiscal).toMatchObject({ paid: 4.367166, rate: 25 });

    // 利息收入: 0.5 万元 of 1.75 (其他资金) on 12-20; the 2023 payment is not the budget year's.
    const interest = table(o, INTEREST);
    expect(interest).toMatchObject({ budget: 1.75, paid: 0.5, rate: 28.57 });
    expect(interest.other).toMatchObject({ budget: 1.75, paid: 0.5, rate: 28.57 });
    expect(interest.checkpoints[0]).toMatchObject({ paid: 0, rate: 0 });
  });

  it("reports every row it cannot count, with sheet, row and reason", async () => {
    const o = await plan("2022-12-31");
    const rejected = ratesJson(o.report).rejected;
    expect(rejected.map((r) => [r.sheet, r.row])).toEqual([
      [YUAN_SHEET, 10],
      [YUAN_SHEET, 11],
      [YUAN_SHEET, 12],
      [YUAN_SHEET, 13],
      [YUAN_SHEET, 15],
      [YUAN_SHEET, 16],
      [YUAN_SHEET, 17],
      [WAN_SHEET, 5],
    ]);
    const reason = (row: number, sheet = YUAN_SHEET): string =>
      rejected.find((r) => r.row === row && r.sheet === sheet)!.reason;
    expect(reason(10)).toMatch(/日期无法识别.*2022-02-30/);
    expect(reason(11)).toMatch(/金额无法识别.*12元/);
    expect(reason(12)).toMatch(/项目编码.*13062522P99999999999X.*不在任何目标表中/);
    expect(reason(13)).toMatch(/2021-12-28 不在预算年度 2022 内/);
    expect(reason(15)).toMatch(/合计行/);
    expect(reason(16)).toMatch(/没有项目编码或项目名称/);
    expect(reason(17)).toMatch(/日期无法识别.*20221301/);
    expect(reason(5, WAN_SHEET)).toMatch(/2023-01-05 不在预算年度 2022 内/);
    // Nothing else is dropped: every non-blank row is a payment or rejected.
    const counted = o.report.tables.reduce((n, t) => n + t.payments.length, 0);
    expect(counted + rejected.length).toBe(15 - 1 + 3);
  });

  it("leaves checkpoints after the as-of date empty (null), not 0", async () => {
    const o = await plan("2022-06-30");
    const forest = table(o, FOREST);
    expect(forest).toMatchObject({ paid: 35, rate: 50, pace: 50, reasonRequired: false });
    expect(forest.checkpoints.map((c) => [c.label, c.paid, c.rate])).toEqual([
      ["3月底", 20, 28.57],
      ["6月底", 35, 50],
      ["10月底", null, null],
      ["12月底", null, null],
    ]);
    const may = table(await plan("2022-05-10"), FOREST);
    expect(may).toMatchObject({ paid: 20, rate: 28.57, pace: 36.02 });
  });

  it("defaults the as-of date to the budget year's end once the year is over", async () => {
    const wb = await load(file);
    const o = planRates((await wb.read()).sheets, { today: serialOf(2024, 6, 1), write: false });
    expect(ratesJson(o.report).asOf).toBe("2022-12-31");
  });
});

/** Every cell of every sheet as JSON text, to compare workbooks. */
async function dump(bytes: Uint8Array): Promise<Record<string, string>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const out: Record<string, string> = {};
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        out[`${ws.name}!${cell.address}`] = JSON.stringify([cell.value, cell.numFmt ?? null, cell.fill ?? null]);
      }),
    );
  return out;
}

describe("writing the rates", () => {
  let outcome: RatesOutcome;
  let first: Uint8Array;

  beforeAll(async () => {
    const wb = await load(file);
    outcome = await runRates(wb, { asOf: serialOf(2022, 12, 31), today: serialOf(2025, 1, 1) });
    first = await wb.toBuffer();
  });

  it("writes live formulas with their results cached, beside the table and never into it", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("绩效目标")!;
    // The forest table: plan labels in row 107 (A:G); the block starts at I107.
    expect(ws.getCell("I107").value).toBe("执行情况（自动）");
    expect(ws.getCell("J107").value).toBe("3月底止");
    expect(ws.getCell("I111").value).toBe("累计支出（万元）");
    const paid = ws.getCell("N111").value as ExcelJS.CellFormulaValue;
    expect(paid.formula).toMatch(/SUMIFS\(支付明细!\$L\$3:\$L\$\d+,支付明细!\$K\$3:\$K\$\d+,"=13062522P00456710487K"/);
    expect(paid.formula).toMatch(/\/10000/);
    expect(paid.formula).toMatch(/零星支付!/);
    expect(paid.result).toBeCloseTo(53.9, 10);
    const rate = ws.getCell("N112").value as ExcelJS.CellFormulaValue;
    expect(rate.formula).toBe('IF($N$111="","",IFERROR(ROUND($N$111/($C$105)*100,2),""))');
    expect(rate.result).toBe(77);
    // The checkpoint dates and the as-of date: real dates, the as-of read from the ledger sheet.
    expect((ws.getCell("N108").value as ExcelJS.CellFormulaValue).formula).toBe("支付明细!$P$2");
    const ledger = wb.getWorksheet(YUAN_SHEET)!;
    expect(ledger.getCell("O2").value).toBe("截止日期");
    expect(ledger.getCell("P2").value).toEqual(new Date(Date.UTC(2022, 11, 31)));
    // Helper columns: shared formulas over the typed cells, filled below the last row.
    expect(ledger.getCell("I2").value).toBe("日期文本（自动）");
    const helper = ledger.getCell("J5").value as ExcelJS.CellSharedFormulaValue;
    expect(helper.sharedFormula).toBe("J3");
    expect(ledger.getCell("B5").value).toBe("2022年7月1日");
    expect(ledger.getCell("L5").value).toMatchObject({ result: 100000 });
    expect(ledger.getCell("J2000").value).toMatchObject({ sharedFormula: "J3" });
    // The table itself is untouched: the reader reads the same tables.
    const before = readWorkbook(await (await load(file)).read());
    const after = readWorkbook(await (await ExcelJsWorkbook.load(first)).read());
    expect(after.tables).toEqual(before.tables);
    expect(after.diagnostics).toEqual(before.diagnostics);
  });

  it("marks cells behind plan or pace and asks for a reason below 90% at the year's end", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(first as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("绩效目标")!;
    const fill = (a: string): string | undefined =>
      (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    // Forest: 12月底 behind plan (row 113), 10月底 and 12月底 behind pace (row 114); 3月底 not.
    expect(fill("M113")).toBe("FFF8CBAD");
    expect(fill("L113")).toBeUndefined();
    expect(fill("L114")).toBe("FFFFE699");
    expect(fill("J114")).toBeUndefined();
    expect((ws.getCell("I119").value as ExcelJS.CellFormulaValue).result).toMatch(/偏差原因（年末执行率低于90%/);
    expect(fill("J119")).toBe("FFFFF2CC");
    expect(outcome.report.tables.find((t) => t.table.code === FOREST)!.reasonRequired).toBe(true);
  });

  it("rewrites the same cells when run again: no duplicates, the user's reason kept", async () => {
    const wb = await ExcelJsWorkbook.load(first);
    wb.workbook.getWorksheet("绩效目标")!.getCell("J119").value = "防治任务调整，部分资金结转";
    const withReason = await wb.toBuffer();
    const again = await ExcelJsWorkbook.load(withReason);
    await runRates(again, { asOf: serialOf(2022, 12, 31), today: serialOf(2025, 1, 1) });
    const second = await again.toBuffer();
    expect(await dump(second)).toEqual(await dump(withReason));
    expect(again.workbook.worksheets.map((w) => w.name)).toEqual([
      "绩效目标",
      YUAN_SHEET,
      WAN_SHEET,
      storeSheetName(RATES_RECORD),
    ]);
  });

  it("updates for another as-of date: later checkpoints empty, marks undone", async () => {
    const wb = await ExcelJsWorkbook.load(first);
    await runRates(wb, { asOf: serialOf(2022, 6, 30), today: serialOf(2025, 1, 1) });
    const ws = wb.workbook.getWorksheet("绩效目标")!;
    // ExcelJS's `value` hides results of "" and 0; `result` gives what is stored.
    expect(ws.getCell("L111").result).toBe("");
    expect(ws.getCell("K111").result).toBe(35);
    expect(ws.getCell("N112").result).toBe(50);
    expect((ws.getCell("M113").fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(wb.workbook.getWorksheet(YUAN_SHEET)!.getCell("P2").value).toBe(serialOf(2022, 6, 30));
  });
});

describe("ptsheet rates", () => {
  async function ptsheet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = "";
    let stderr = "";
    const code = await main(["node", "ptsheet", ...args], {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
    });
    return { code, stdout, stderr };
  }

  it("prints the JSON of issue 6 and exits 1 when rows were rejected", async () => {
    const r = await ptsheet("rates", file, "--as-of", "2022-12-31", "--json");
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.asOf).toBe("2022-12-31");
    expect(j.tables).toHaveLength(6);
    const forest = j.tables.find((t: { code: string }) => t.code === FOREST);
    expect(forest).toMatchObject({
      code: FOREST,
      name: "徐水区2022年度林业有害生物防治经费",
      budget: 70,
      paid: 53.9,
      rate: 77,
    });
    expect(forest.checkpoints[0]).toMatchObject({
      label: "3月底",
      date: "2022-03-31",
      plan: null,
      paid: 20,
      rate: 28.57,
      pace: 25,
    });
    expect(j.rejected[0]).toEqual({ sheet: YUAN_SHEET, row: 10, reason: expect.stringMatching(/日期无法识别/) });
  });

  it("writes -o and refuses bad input with exit code 2", async () => {
    const out = path.join(dir, "cli-out.xlsx");
    expect((await ptsheet("rates", file, "--as-of", "2022-12-31", "-o", out)).code).toBe(1);
    expect((await fs.stat(out)).size).toBeGreaterThan(0);
    const bad = await ptsheet("rates", file, "--as-of", "2022-13-01");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--as-of/);
    expect((await ptsheet("rates", file, "--as-of", "31/12/2022")).code).toBe(2);
    expect((await ptsheet("rates", file, "-o", file)).code).toBe(2);
    const txt = path.join(dir, "not.xlsx");
    await fs.writeFile(txt, "日期,金额\n");
    const r = await ptsheet("rates", txt);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
