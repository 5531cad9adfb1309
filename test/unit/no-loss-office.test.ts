/**
 * Nothing lost, in Excel (issue 7): every fixture workbook is loaded into the fake Excel and every
 * ribbon command runs on it, in the order a user presses them — 识别目标表, 生成目标表, 校验, 生成汇总表,
 * 填充执行率, 清除标记 — through the ribbon functions, the pane's actions and the Office adapter.
 * After each command every cell of the user's sheets (the sheets the workbook had before the add-in
 * touched it) is compared with what it held before the command, value and formula:
 *
 * - no command may change a cell that holds something; no user sheet may go;
 * - only 填充执行率 may write cells of a user's sheet, and only cells that were empty (it writes its
 *   block in free cells and helper columns beside the ledger; 校验 writes fills and notes only);
 * - at the end, every cell the user entered is as it was at the start.
 *
 * The pane's own writing actions run too: 应用修正 may change exactly the cells its edits name, to
 * what the preview shows; 导入支付数据 only appends.
 *
 * A self-test shows the comparison catches a changed value, a removed formula, a cell cleared, a
 * deleted sheet, and a write into an occupied cell even where writes into free cells are allowed.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { FakeExcel, type Cell } from "../fake-excel";
import { MAX_COLS } from "../fake-excel/model";
import { cellAddress } from "../../src/core/address";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import {
  checkWorkbook,
  clearMarks,
  fillExecutionRates,
  generateSummary,
  generateTables,
  recognizeTables,
} from "../../src/taskpane/commands";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import { applyFixesAction, checkAction, importPaymentsAction, setRatesAsOf } from "../../src/taskpane/actions";
import { fixableIds } from "../../src/taskpane/check-view";
import type { FixEdit } from "../../src/core/rules/types";
import { fixtureDir } from "../fixtures/workbook";
import { buildSeedSample } from "../fixtures/seed-sample";
import { buildAmountFormats } from "../fixtures/amount-formats";
import { buildFlatListsByCode, buildFlatListsByName } from "../fixtures/flat-lists";
import { buildHunan } from "../fixtures/hunan";
import { buildLongTermGoals } from "../fixtures/long-term-goals";
import { buildNestedFunds } from "../fixtures/nested-funds";
import { buildPartialTables } from "../fixtures/partial-tables";
import { buildPastedSheets } from "../fixtures/pasted-sheets";
import { buildPercentFormats } from "../fixtures/percent-formats";
import { buildPlantedDefects } from "../fixtures/planted-defects";
import { buildSplitColumns } from "../fixtures/split-columns";
import { buildValueWithUnit } from "../fixtures/value-with-unit";
import { listsWithLedger, sampleWithLedgers } from "../fixtures/rates-ledger";
import { fixtureProjects, listsWorkbook } from "../../scripts/lists-fixture";

jest.setTimeout(900_000);

/** What a user cell holds: its value and formula as Excel reports them. */
type Held = { value: Cell["value"]; formula: string | null };
/** Every non-empty cell of every user sheet, by sheet and address. */
type Contents = Map<string, Map<string, Held>>;

function held(c: Cell | undefined): Held | null {
  if (!c) return null;
  if (c.value === "" && c.formula === undefined) return null;
  return { value: c.value, formula: c.formula ?? null };
}

/** The non-empty cells of the named sheets (absent sheets are left out: `compare` reports them). */
function contents(fake: FakeExcel, sheets: string[]): Contents {
  const out: Contents = new Map();
  const live = new Set(fake.sheetNames());
  for (const name of sheets) {
    if (!live.has(name)) continue;
    const cells = new Map<string, Held>();
    for (const [k, c] of fake.sheet(name).cells) {
      const h = held(c);
      if (h) cells.set(cellAddress(Math.floor(k / MAX_COLS) + 1, (k % MAX_COLS) + 1), h);
    }
    out.set(name, cells);
  }
  return out;
}

/**
 * What changed between two states of the user's sheets. `freeCellsWritable`: cells empty before
 * may have been written (填充执行率); a cell that held something must hold the same in any case.
 */
function compare(before: Contents, after: Contents, freeCellsWritable: boolean): string[] {
  const problems: string[] = [];
  for (const [sheet, cells] of before) {
    const now = after.get(sheet);
    if (!now) {
      problems.push(`${sheet}: sheet gone`);
      continue;
    }
    for (const [address, was] of cells) {
      const is = now.get(address);
      if (!is) problems.push(`${sheet}!${address}: ${JSON.stringify(was)} cleared`);
      else if (is.value !== was.value || is.formula !== was.formula)
        problems.push(`${sheet}!${address}: ${JSON.stringify(was)} → ${JSON.stringify(is)}`);
    }
    if (!freeCellsWritable)
      for (const [address, is] of now)
        if (!cells.has(address)) problems.push(`${sheet}!${address}: empty → ${JSON.stringify(is)}`);
  }
  return problems;
}

const RIBBON: { name: string; press: (event: { completed(): void }) => Promise<void>; writesFreeCells: boolean }[] = [
  { name: "识别目标表", press: recognizeTables, writesFreeCells: false },
  { name: "生成目标表", press: generateTables, writesFreeCells: false },
  { name: "校验", press: checkWorkbook, writesFreeCells: false },
  { name: "生成汇总表", press: generateSummary, writesFreeCells: false },
  { name: "填充执行率", press: fillExecutionRates, writesFreeCells: true },
  { name: "清除标记", press: clearMarks, writesFreeCells: false },
];

/** The pane and ribbon over a fresh Office adapter on the fake, as the add-in starts in Excel. */
function attach(fake: FakeExcel): void {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
  setPort(new OfficeWorkbook({ run: fake.run, supports: fake.supports }));
}

async function fakeOf(file: string): Promise<FakeExcel> {
  const wb = await ExcelJsWorkbook.load(await fs.readFile(file));
  return FakeExcel.fromSnapshot(await wb.read({ formulas: true, numberFormats: true }));
}

let dir: string;
let sample: string;

async function write(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file);
  return file;
}

/** Every fixture workbook: the bundled sample, the lists fixture, and the reader's and rates' fixtures. */
const FIXTURES: [string, (file: string) => Promise<string>][] = [
  ["bundled sample (scripts/build-sample.ts)", async () => sample],
  ["sample with ledgers in 元 and 万元", (f) => sampleWithLedgers(sample, f)],
  ["lists fixture (scripts/lists-fixture.ts), 24 projects", (f) => write(listsWorkbook(fixtureProjects(24)), f)],
  ["lists with a ledger", (f) => write(listsWithLedger(), f)],
  ["amount formats", buildAmountFormats],
  ["flat lists by code", buildFlatListsByCode],
  ["flat lists by name", buildFlatListsByName],
  ["hunan", buildHunan],
  ["long-term goals", buildLongTermGoals],
  ["nested funds", buildNestedFunds],
  ["partial tables", buildPartialTables],
  ["pasted sheets", buildPastedSheets],
  ["percent formats", buildPercentFormats],
  ["planted defects", buildPlantedDefects],
  ["split columns", buildSplitColumns],
  ["value with unit", buildValueWithUnit],
];

beforeAll(async () => {
  dir = fixtureDir("no-loss-office");
  sample = await buildSeedSample(dir);
});

describe("no user cell changes through any ribbon command (fake Excel)", () => {
  test.each(FIXTURES.map(([label, build], i) => ({ label, build, i })))("$label", async ({ label, build, i }) => {
    const file = await build(path.join(dir, `fixture-${i}.xlsx`));
    const fake = await fakeOf(file);
    const userSheets = fake.sheetNames();
    const start = contents(fake, userSheets);
    expect([...start.values()].reduce((n, s) => n + s.size, 0)).toBeGreaterThan(0);
    const report: string[] = [];
    const outcomes: string[] = [];
    for (const command of RIBBON) {
      const before = contents(fake, userSheets);
      attach(fake);
      let completed = 0;
      await command.press({ completed: () => completed++ });
      expect(completed).toBe(1);
      const problems = compare(before, contents(fake, userSheets), command.writesFreeCells);
      if (problems.length > 0) report.push(`${command.name}:\n  ${problems.slice(0, 10).join("\n  ")}`);
      const message = getState().message as { key?: string } | null;
      outcomes.push(`${label} · ${command.name}: ${message?.key ?? "-"}`);
      // 生成目标表 and 校验 cannot fail on these workbooks: they did their work (and wrote).
      const expected: Record<string, string> = { 生成目标表: "more.generated", 校验: "check.done" };
      if (expected[command.name])
        expect({ command: command.name, key: message?.key }).toEqual({
          command: command.name,
          key: expected[command.name],
        });
    }
    if (process.env.NO_LOSS_VERBOSE) process.stdout.write(outcomes.join("\n") + "\n");
    expect(fake.sheetNames()).toEqual(expect.arrayContaining(userSheets));
    const end = compare(start, contents(fake, userSheets), true);
    if (end.length > 0) report.push(`start → end:\n  ${end.slice(0, 10).join("\n  ")}`);
    expect(report).toEqual([]);
  });
});

/**
 * The pane's own writing actions, beyond the ribbon's: 应用修正 (the fixes of 校验's findings, after the
 * user confirmed their preview) and 导入支付数据 (a treasury export appended to the ledger). A fix may
 * change exactly the cells its edits name, to the value its preview shows; an import only appends.
 */
describe("the pane's fixes and payment import change only what they say (fake Excel)", () => {
  const fixed: string[] = [];
  const imported: string[] = [];

  test.each(FIXTURES.map(([label, build], i) => ({ label, build, i })))("$label", async ({ label, build, i }) => {
    const file = await build(path.join(dir, `pane-${i}.xlsx`));
    const fake = await fakeOf(file);
    const userSheets = fake.sheetNames();
    attach(fake);
    await checkAction("pane");
    expect(getState().message).toMatchObject({ key: "check.done" });
    const view = getState().check!;
    const findings = fixableIds(view).map((id) => view.findings[id]);
    if (findings.length > 0) {
      const edits: FixEdit[] = findings.flatMap((f) => f.fix!.edits);
      const before = contents(fake, userSheets);
      await applyFixesAction(findings);
      expect(getState().message).toMatchObject({ intent: "success", key: "fix.applied" });
      const named = new Set(edits.map((e) => `${e.sheet}!${e.cell}`));
      const after = contents(fake, userSheets);
      // Apart from the named cells, nothing changed; each named cell holds what the preview showed.
      const others = (c: Contents): Contents =>
        new Map(
          [...c].map(([sheet, cells]) => [sheet, new Map([...cells].filter(([a]) => !named.has(`${sheet}!${a}`)))]),
        );
      expect(compare(others(before), others(after), false)).toEqual([]);
      // A value edit writes `to`; a text edit turns every `from` in the cell's text into `to`.
      const expected = new Map<string, unknown>();
      for (const e of edits) {
        const key = `${e.sheet}!${e.cell}`;
        const cur = expected.has(key) ? expected.get(key) : before.get(e.sheet)?.get(e.cell)?.value;
        expected.set(key, e.kind === "value" ? e.to : String(cur).split(String(e.from)).join(String(e.to)));
      }
      const now = new Map(
        [...expected.keys()].map((k) => {
          const [sheet, cell] = k.split("!");
          return [k, after.get(sheet)?.get(cell)?.value];
        }),
      );
      expect(now).toEqual(expected);
      fixed.push(`${label}: ${edits.length}`);
    }
    // Two payments for the first table with a code: appended, nothing the user entered touched.
    const table = getState().result?.tables.find((t) => t.code);
    if (table?.code) {
      const code = table.code;
      const year = table.year ?? 2023;
      const csv = `支付日期,项目编码,支付金额\n${year}-03-15,${code},1000\n${year}-05-20,${code},"2,500.50"\n`;
      const before = contents(fake, userSheets);
      setRatesAsOf(`${year}-12-31`);
      await importPaymentsAction(new File([new TextEncoder().encode(csv)], "导出.csv", { type: "text/csv" }));
      expect(getState().ratesImport).toMatchObject({ imported: 2, rejected: [] });
      expect(compare(before, contents(fake, userSheets), true)).toEqual([]);
      imported.push(label);
    }
  });

  test("fixes and imports were exercised", () => {
    expect(fixed.length).toBeGreaterThanOrEqual(2);
    expect(imported.length).toBeGreaterThanOrEqual(10);
  });
});

describe("the comparison can fail", () => {
  async function sampleFake(): Promise<{ fake: FakeExcel; sheets: string[] }> {
    const fake = await fakeOf(await buildSeedSample(dir));
    return { fake, sheets: fake.sheetNames() };
  }

  test("a changed value, a removed formula, a cleared cell and a deleted sheet are caught", async () => {
    const { fake, sheets } = await sampleFake();
    fake.addSheet("另一张");
    fake.sheet("另一张").ensure(1, 1).value = "用户数据";
    fake.sheet("另一张").ensure(2, 1).formula = "=A1";
    const all = [...sheets, "另一张"];
    const before = contents(fake, all);
    expect(compare(before, contents(fake, all), false)).toEqual([]);

    const sheet = fake.sheet(sheets[0]);
    const [key, cell] = [...sheet.cells].find(([, c]) => typeof c.value === "number")!;
    const address = cellAddress(Math.floor(key / MAX_COLS) + 1, (key % MAX_COLS) + 1);
    const was = cell.value as number;
    cell.value = was + 1;
    expect(compare(before, contents(fake, all), true)).toEqual([
      `${sheets[0]}!${address}: ${JSON.stringify({ value: was, formula: null })} → ${JSON.stringify({ value: was + 1, formula: null })}`,
    ]);
    cell.value = was;

    fake.sheet("另一张").get(2, 1)!.formula = undefined;
    expect(compare(before, contents(fake, all), true)).toEqual([
      `另一张!A2: ${JSON.stringify({ value: "", formula: "=A1" })} cleared`,
    ]);
    fake.sheet("另一张").get(2, 1)!.formula = "=A1";

    fake.sheet("另一张").get(1, 1)!.value = "";
    expect(compare(before, contents(fake, all), true)).toHaveLength(1);
    fake.sheet("另一张").get(1, 1)!.value = "用户数据";

    fake.deleteSheet(fake.sheet("另一张"));
    expect(compare(before, contents(fake, all), true)).toEqual(["另一张: sheet gone"]);
  });

  test("free cells: a write there is caught unless allowed; over an occupied cell always", async () => {
    const { fake, sheets } = await sampleFake();
    const before = contents(fake, sheets);
    const sheet = fake.sheet(sheets[0]);
    // A free cell far right of the tables.
    sheet.ensure(3, 40).value = "执行率";
    expect(compare(before, contents(fake, sheets), false)).toEqual([
      `${sheets[0]}!AN3: empty → {"value":"执行率","formula":null}`,
    ]);
    expect(compare(before, contents(fake, sheets), true)).toEqual([]);
    // An occupied cell overwritten, as a rates block placed over the user's data would.
    const [key] = [...sheet.cells].find(
      ([, c]) => typeof c.value === "string" && c.value !== "" && c.value !== "执行率",
    )!;
    sheet.cells.get(key)!.value = "执行率";
    expect(compare(before, contents(fake, sheets), true)).toHaveLength(1);
  });

  test("a command that overwrote a user value would be reported (the fake changed under the ribbon)", async () => {
    const { fake, sheets } = await sampleFake();
    const before = contents(fake, sheets);
    attach(fake);
    // A stand-in for a faulty command: the ribbon's 校验 runs, then one user cell is rewritten.
    await checkWorkbook({ completed: () => undefined });
    const [, cell] = [...fake.sheet(sheets[0]).cells].find(([, c]) => typeof c.value === "number")!;
    cell.value = (cell.value as number) * 10;
    expect(compare(before, contents(fake, sheets), false).length).toBeGreaterThan(0);
  });
});
