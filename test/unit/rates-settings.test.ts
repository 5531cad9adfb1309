/**
 * Rates settings (DOMAIN.md §5 thresholds, tolerance, 偏差原因 bar) as settings: parsed and checked,
 * stored in the workbook's rates record and read back (pane and CLI alike), and changing which cells
 * `rates` marks behind. The as-of cell: a date the user typed there is kept, one the add-in wrote
 * moves to the default, an explicit date always wins. The helper columns' reach, and its extension
 * when the ledger has grown past it.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planRates, ratesJson, ratesSettingsChanges, readRatesSettings, runRates } from "../../src/commands/rates";
import {
  DEFAULT_RATES_SETTINGS,
  formatPaceSpec,
  parsePaceSpec,
  parseRatesPercent,
  ratesSettingsFrom,
  type RatesSettings,
} from "../../src/core/rates/settings";
import { helperLastRow, HELPER_SPARE_ROWS, MAX_SHEET_ROWS } from "../../src/core/ledger/helpers";
import { serialOf } from "../../src/core/ledger/values";
import { runAction } from "../../src/taskpane/runner";
import { saveRatesSettings } from "../../src/taskpane/more-workflow";
import { loadRatesSettings } from "../../src/taskpane/rates-view";
import { main } from "../../src/cli/ptsheet";
import { fixtureDir } from "../fixtures/workbook";
import { listsWithLedger } from "../fixtures/rates-ledger";

jest.setTimeout(600_000);

const TODAY = serialOf(2024, 3, 1);
const LEDGER = "支付明细";
/** The ledger's 截止日期 cell in `listsWithLedger` (header row 1, four columns, five helpers). */
const AS_OF_CELL = "M1";

async function load(wb: ExcelJS.Workbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

async function reload(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await wb.toBuffer());
}

const dir = fixtureDir("rates-settings");
let file: string;

beforeAll(async () => {
  file = path.join(dir, "lists.xlsx");
  await fs.writeFile(file, new Uint8Array((await listsWithLedger().xlsx.writeBuffer()) as ArrayBuffer));
});

async function ptsheet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

describe("parsing rates settings", () => {
  test("thresholds as month:percent, a day where it is not the month's end, none", () => {
    expect(parsePaceSpec("6:50,9:75,12:100")).toEqual({ thresholds: DEFAULT_RATES_SETTINGS.thresholds });
    expect(parsePaceSpec(" 3:20， 6-15:40 , 12:100% ")).toEqual({
      thresholds: [
        { month: 3, min: 20 },
        { month: 6, day: 15, min: 40 },
        { month: 12, min: 100 },
      ],
    });
    // The month's last day written out is the month end.
    expect(parsePaceSpec("6/30:50")).toEqual({ thresholds: [{ month: 6, min: 50 }] });
    expect(parsePaceSpec("none")).toEqual({ thresholds: [] });
    expect(
      formatPaceSpec([
        { month: 6, day: 15, min: 40 },
        { month: 12, min: 100 },
      ]),
    ).toBe("6-15:40,12:100");
    expect(parsePaceSpec(formatPaceSpec(DEFAULT_RATES_SETTINGS.thresholds))).toEqual({
      thresholds: DEFAULT_RATES_SETTINGS.thresholds,
    });
  });

  test.each([
    ["13:50", "无法识别"],
    ["6:150", "无法识别"],
    ["6:abc", "无法识别"],
    ["2-30:10", "无法识别"],
    ["", "无法识别"],
    ["9:75,6:50", "先后"],
    ["6:50,6:60", "先后"],
    ["6:80,12:50", "变小"],
  ])("%j is refused with a message in both languages", (spec, zh) => {
    const r = parsePaceSpec(spec);
    expect("error" in r && r.error.message).toContain(zh);
    expect("error" in r && r.error.messageEn.length).toBeGreaterThan(10);
  });

  test("tolerance and reason bar: 0–100, at most two decimals", () => {
    expect(parseRatesPercent("tolerance", "2.5")).toEqual({ value: 2.5 });
    expect(parseRatesPercent("reasonBelow", "85%")).toEqual({ value: 85 });
    for (const bad of ["-1", "101", "1.234", "x", ""]) {
      const r = parseRatesPercent("reasonBelow", bad);
      expect("error" in r && r.error.messageEn).toContain("--reason-below");
    }
  });
});

describe("rates settings stored in the workbook", () => {
  const CUSTOM: RatesSettings = { thresholds: [{ month: 6, min: 25 }], tolerance: 5, reasonBelow: 80 };

  test("round trip: stored in the rates record, read back, the record's other parts kept", async () => {
    const wb = await load(listsWithLedger());
    expect(readRatesSettings((await wb.read()).sheets)).toEqual({ settings: DEFAULT_RATES_SETTINGS, stored: false });
    await runRates(wb, { asOf: serialOf(2023, 12, 31), today: TODAY });
    // After a run the record holds the defaults it used.
    expect(readRatesSettings((await wb.read()).sheets).stored).toBe(true);
    const blocksBefore = JSON.stringify((await wb.read()).sheets.find((s) => s.name === "_ptsheet_rates")?.values);
    expect(blocksBefore).toContain("项目清单");
    await wb.apply(ratesSettingsChanges((await wb.read()).sheets, CUSTOM));
    const again = await reload(wb);
    const sheets = (await again.read()).sheets;
    expect(readRatesSettings(sheets)).toEqual({ settings: CUSTOM, stored: true });
    // The blocks of the earlier run are still recorded (so the next run rewrites them in place).
    expect(JSON.stringify(sheets.find((s) => s.name === "_ptsheet_rates")?.values)).toContain("项目清单");
    // The next run uses them, without being told.
    const o = planRates(sheets, { asOf: serialOf(2023, 6, 30), today: TODAY, write: false });
    expect(ratesJson(o.report).tables[0].pace).toBe(25);
  });

  test("the pane stores them (one write, after the last chance to cancel) and loads them back", async () => {
    const wb = await load(listsWithLedger());
    const saved = await runAction(
      new AbortController(),
      () => undefined,
      (ctx) => saveRatesSettings(wb, CUSTOM, ctx, (changes) => wb.apply(changes)),
    );
    expect(saved).toEqual({ status: "done", value: CUSTOM });
    const again = await reload(wb);
    const loaded = await runAction(
      new AbortController(),
      () => undefined,
      (ctx) => loadRatesSettings(again, ctx),
    );
    expect(loaded).toEqual({ status: "done", value: { settings: CUSTOM, stored: true } });
    // A record with a value that cannot be used falls back to the defaults for that value only.
    expect(ratesSettingsFrom({ thresholds: [{ month: 14, min: 5 }], tolerance: 3, reasonBelow: "x" })).toEqual({
      thresholds: DEFAULT_RATES_SETTINGS.thresholds,
      tolerance: 3,
      reasonBelow: 90,
    });
  });

  test("CLI flags change which cells are marked, and are saved for the next run", async () => {
    const out1 = path.join(dir, "default.xlsx");
    const r1 = await ptsheet("rates", file, "--as-of", "2023-06-30", "--json", "-o", out1);
    const j1 = JSON.parse(r1.stdout);
    // 甲: 30% at 6月底 against a plan of 50% and a threshold of 50%: behind both. 丙: 35% against 40%.
    expect(j1.tables[0].checkpoints[0]).toMatchObject({ rate: 30, pace: 50, behindPlan: true, behindPace: true });
    expect(j1.tables[2].checkpoints[0]).toMatchObject({ rate: 35, behindPlan: true });
    const out2 = path.join(dir, "flags.xlsx");
    const r2 = await ptsheet(
      "rates",
      file,
      "--as-of",
      "2023-06-30",
      "--pace",
      "6:25,12:100",
      "--tolerance",
      "20",
      "--reason-below",
      "85",
      "--json",
      "-o",
      out2,
    );
    const j2 = JSON.parse(r2.stdout);
    expect(j2.tables[0].checkpoints[0]).toMatchObject({ rate: 30, pace: 25, behindPlan: false, behindPace: false });
    expect(j2.tables[2].checkpoints[0]).toMatchObject({ rate: 35, behindPlan: false });
    // In the files: the 6月底 rate cell of 甲 (K2) and 丙 (K4) filled by default, not with the flags.
    const fillOf = async (f: string, cell: string): Promise<string | undefined> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      return (wb.getWorksheet("项目清单")!.getCell(cell).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    };
    expect(await fillOf(out1, "K2")).toBe("FFF8CBAD");
    expect(await fillOf(out1, "K4")).toBe("FFF8CBAD");
    expect(await fillOf(out2, "K2")).toBeUndefined();
    expect(await fillOf(out2, "K4")).toBeUndefined();
    // Saved: a run on the output without flags marks the same way, and reads the settings back.
    const r3 = await ptsheet("rates", out2, "--as-of", "2023-06-30", "--json");
    expect(JSON.parse(r3.stdout).tables[0].checkpoints[0]).toMatchObject({ pace: 25, behindPace: false });
    const wb2 = await ExcelJsWorkbook.load(await fs.readFile(out2));
    expect(readRatesSettings((await wb2.read()).sheets).settings).toEqual({
      thresholds: [
        { month: 6, min: 25 },
        { month: 12, min: 100 },
      ],
      tolerance: 20,
      reasonBelow: 85,
    });
    // One flag alone keeps the workbook's other settings.
    const out3 = path.join(dir, "tolerance.xlsx");
    await ptsheet("rates", out2, "--tolerance", "0", "-o", out3, "--as-of", "2023-06-30");
    const wb3 = await ExcelJsWorkbook.load(await fs.readFile(out3));
    expect(readRatesSettings((await wb3.read()).sheets).settings).toMatchObject({ tolerance: 0, reasonBelow: 85 });
  });

  test.each([
    [["--pace", "6:50,13:75"], "--pace"],
    [["--tolerance", "-3"], "--tolerance"],
    [["--reason-below", "abc"], "--reason-below"],
  ])("a bad value (%j) is a usage error (exit 2) in both languages", async (flags, name) => {
    const r = await ptsheet("rates", file, ...flags);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(name);
    expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stdout).toBe("");
  });
});

describe("the as-of date", () => {
  async function asOfCell(wb: ExcelJsWorkbook): Promise<ExcelJS.CellValue> {
    return wb.workbook.getWorksheet(LEDGER)!.getCell(AS_OF_CELL).value;
  }

  test("planRates: written by the add-in moves to the default; typed by the user is kept; explicit wins", async () => {
    const wb = await load(listsWithLedger());
    // First run, no date given: the default (the budget year's end, earlier than today).
    const first = await runRates(wb, { today: TODAY });
    expect(first.asOfSource).toBe("default");
    expect(first.report.asOf).toBe(serialOf(2023, 12, 31));
    expect(wb.workbook.getWorksheet(LEDGER)!.getCell("L1").value).toBe("截止日期");

    // Still what we wrote: a later run moves it to the default of that day (today, now earlier).
    const midYear = serialOf(2023, 8, 15);
    let wb2 = await reload(wb);
    const second = await runRates(wb2, { today: midYear });
    expect(second.asOfSource).toBe("default");
    expect(second.report.asOf).toBe(midYear);

    // The user types 2023-06-30 into the cell: kept by runs without a date, and said so.
    wb2 = await reload(wb2);
    wb2.workbook.getWorksheet(LEDGER)!.getCell(AS_OF_CELL).value = new Date(Date.UTC(2023, 5, 30));
    wb2 = await reload(wb2);
    const typed = await runRates(wb2, { today: midYear });
    expect(typed.asOfSource).toBe("workbook");
    expect(typed.report.asOf).toBe(serialOf(2023, 6, 30));
    expect(ratesJson(typed.report).asOfSource).toBe("workbook");
    wb2 = await reload(wb2);
    expect(await asOfCell(wb2)).toEqual(new Date(Date.UTC(2023, 5, 30)));
    const kept = await runRates(wb2, { today: serialOf(2023, 9, 1) });
    expect(kept).toMatchObject({ asOfSource: "workbook" });
    expect(kept.report.asOf).toBe(serialOf(2023, 6, 30));

    // A date typed as text counts too.
    wb2 = await reload(wb2);
    wb2.workbook.getWorksheet(LEDGER)!.getCell(AS_OF_CELL).value = "2023年7月31日";
    const text = planRates((await (await reload(wb2)).read()).sheets, { today: TODAY, write: false });
    expect([text.asOfSource, text.report.asOf]).toEqual(["workbook", serialOf(2023, 7, 31)]);

    // An explicit date always wins and is written; then it is ours, so the next run takes the default.
    wb2 = await reload(wb2);
    const explicit = await runRates(wb2, { asOf: serialOf(2023, 3, 31), today: midYear });
    expect(explicit.asOfSource).toBe("explicit");
    expect(explicit.report.asOf).toBe(serialOf(2023, 3, 31));
    wb2 = await reload(wb2);
    expect(await asOfCell(wb2)).toEqual(new Date(Date.UTC(2023, 2, 31)));
    const after = await runRates(wb2, { today: midYear });
    expect([after.asOfSource, after.report.asOf]).toEqual(["default", midYear]);
  });

  test("ptsheet rates: the typed date is used and reported; --as-of wins; --json gives the date used", async () => {
    const first = path.join(dir, "asof-1.xlsx");
    const r1 = await ptsheet("rates", file, "--json", "-o", first);
    // Today is after 2023: the budget year's end.
    expect(JSON.parse(r1.stdout)).toMatchObject({ asOf: "2023-12-31", asOfSource: "default" });
    const typed = path.join(dir, "asof-typed.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(first);
    wb.getWorksheet(LEDGER)!.getCell(AS_OF_CELL).value = new Date(Date.UTC(2023, 5, 30));
    await wb.xlsx.writeFile(typed);

    const r2 = await ptsheet("rates", typed);
    expect(r2.stdout).toContain("截止日期取自工作簿（用户填写）");
    expect(r2.stdout).toContain("as-of date is the one typed into the workbook");
    expect(r2.stdout).toContain("执行率截至 2023-06-30");
    const second = path.join(dir, "asof-2.xlsx");
    const r3 = await ptsheet("rates", typed, "--json", "-o", second);
    expect(JSON.parse(r3.stdout)).toMatchObject({ asOf: "2023-06-30", asOfSource: "workbook" });
    const kept = new ExcelJS.Workbook();
    await kept.xlsx.readFile(second);
    expect(kept.getWorksheet(LEDGER)!.getCell(AS_OF_CELL).value).toEqual(new Date(Date.UTC(2023, 5, 30)));

    const r4 = await ptsheet("rates", second, "--as-of", "2023-09-30", "--json");
    expect(JSON.parse(r4.stdout)).toMatchObject({ asOf: "2023-09-30", asOfSource: "explicit" });
    expect(r4.stdout).not.toContain("用户填写");
  });
});

describe("the helper columns' reach", () => {
  test("a quarter of the rows or 5,000 past the last payment, never less than before, never past the sheet", () => {
    expect(HELPER_SPARE_ROWS).toBe(5000);
    expect(helperLastRow(1, 1)).toBe(5001);
    expect(helperLastRow(1, 101)).toBe(5101);
    expect(helperLastRow(1, 20_001)).toBe(25_001);
    expect(helperLastRow(1, 40_001)).toBe(50_001);
    expect(helperLastRow(1, 50_001)).toBe(62_501);
    expect(helperLastRow(2, 10, 9000)).toBe(9000);
    expect(helperLastRow(1, 900_000)).toBe(MAX_SHEET_ROWS);
  });

  test("a run after the ledger grew past the reach extends it, as one shared formula", async () => {
    const wb = await load(listsWithLedger());
    await runRates(wb, { asOf: serialOf(2023, 12, 31), today: TODAY });
    let ws = wb.workbook.getWorksheet(LEDGER)!;
    // Helpers at F..J (date G); filled to 5 + 5000.
    expect((ws.getCell("G5005").value as ExcelJS.CellSharedFormulaValue).sharedFormula).toBe("G2");
    expect(ws.getCell("G5006").value).toBeNull();
    // A colleague adds payments in Excel down to row 5,500, beyond the reach, one of them at the end.
    for (let r = 6; r <= 5500; r++) ws.getRow(r).values = ["2023-05-01", "13010023P003", 1, "财政"];
    const grown = await reload(wb);
    const o = await runRates(grown, { asOf: serialOf(2023, 12, 31), today: TODAY });
    // 丙: 3.5 万元 + 5,495 元.
    expect(ratesJson(o.report).tables[2]).toMatchObject({ paid: 4.0495 });
    ws = grown.workbook.getWorksheet(LEDGER)!;
    expect(ws.getCell("G5500").result).toBe(serialOf(2023, 5, 1));
    // Now 5,000 past row 5,500 (more than a quarter of its 5,499 rows): row 10,500; the SUMIFS ranges reach it.
    expect((ws.getCell("G10500").value as ExcelJS.CellSharedFormulaValue).sharedFormula).toBe("G2");
    expect(ws.getCell("G10501").value).toBeNull();
    const list = grown.workbook.getWorksheet("项目清单")!;
    expect((list.getCell("J4").value as ExcelJS.CellFormulaValue).formula).toContain("$G$2:$G$10500");
  });
});
