/**
 * `ptsheet all` reads the tables once after `generate` and hands them on to check, summary and
 * rates. These tests hold that the plans made with the tables handed on are the plans made by
 * reading afresh, on the workbook each step leaves, and that `all` reads only once.
 */
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { ALL_STEPS, type AllState } from "../../src/cli/commands/all";
import type { CliContext } from "../../src/cli/context";
import { planCheck } from "../../src/commands/check";
import { runGenerate } from "../../src/commands/generate";
import { planRates, serialOf } from "../../src/commands/rates";
import { planSummary } from "../../src/commands/summary";
import * as reader from "../../src/core/reader";
import { addBenchLedger, buildBenchWorkbook } from "../../scripts/bench/workbooks";
import { fixtureProjects, listsWorkbook } from "../../scripts/lists-fixture";

const TABLES = 12;
const AS_OF = serialOf(2022, 9, 30);
const NOW = new Date(Date.UTC(2022, 9, 1, 8, 0, 0));

async function benchWorkbook(): Promise<ExcelJsWorkbook> {
  const wb = buildBenchWorkbook({ tables: TABLES });
  addBenchLedger(wb, { tables: TABLES, rows: 600 });
  const port = await ExcelJsWorkbook.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  port.cacheReads = true;
  return port;
}

describe("all: the tables read once after generate", () => {
  test("check, summary and rates plan the same with the tables handed on as when they read them", async () => {
    const wb = await benchWorkbook();
    await runGenerate(wb);

    const fresh = await planCheck(wb, { now: NOW });
    const given = await planCheck(wb, { now: NOW, read: reader.readSheets((await wb.read()).sheets) });
    expect(given.changes).toEqual(fresh.changes);
    expect(given.findings).toEqual(fresh.findings);
    expect(given.findings.length).toBeGreaterThan(0);
    await wb.apply(fresh.changes);

    const afterCheck = await wb.read();
    const summary = planSummary(afterCheck, fresh.read);
    expect(summary.changes).toEqual(planSummary(afterCheck).changes);
    expect(summary.checked).toBe(true);
    await wb.apply(summary.changes);

    const afterSummary = (await wb.read()).sheets;
    const options = { asOf: AS_OF, today: AS_OF };
    const rates = planRates(afterSummary, { ...options, tables: fresh.read });
    const ratesFresh = planRates(afterSummary, options);
    expect(rates.changes).toEqual(ratesFresh.changes);
    expect(rates.report).toEqual(ratesFresh.report);
    expect(rates.report.tables).toHaveLength(TABLES);
  });

  test("rates plan the same with tables read from every sheet of a lists workbook (which rates may leave out)", async () => {
    const projects = fixtureProjects(8);
    const book = listsWorkbook(projects);
    const ledger = book.addWorksheet("支付明细");
    ledger.addRow(["支付日期", "项目编码", "项目名称", "支付金额（元）"]);
    // The fixture's budget year is 2023.
    projects.forEach((p, i) => ledger.addRow([`2023-0${1 + (i % 9)}-15`, p.code ?? "", p.name, 1000 * (i + 1)]));
    const wb = await ExcelJsWorkbook.load((await book.xlsx.writeBuffer()) as ArrayBuffer);
    const { sheets } = await wb.read();
    const asOf = serialOf(2023, 9, 30);
    const options = { asOf, today: asOf };
    const given = planRates(sheets, { ...options, tables: reader.readSheets(sheets) });
    const fresh = planRates(sheets, options);
    expect(given.changes).toEqual(fresh.changes);
    // The one difference: the tables handed over carry their indicators (rates reads none).
    expect(given.report.tables.some((t) => t.table.indicators.length > 0)).toBe(true);
    const withoutIndicators = (r: typeof given.report): unknown => ({
      ...r,
      tables: r.tables.map((t) => ({ ...t, table: { ...t.table, indicators: [] } })),
    });
    expect(withoutIndicators(given.report)).toEqual(withoutIndicators(fresh.report));
    expect(fresh.report.tables.filter((t) => t.paid !== null && t.paid !== "0").length).toBeGreaterThan(0);
  });

  test("with cacheReads a sheet's snapshot is shared by reads, frozen, and read afresh after a change", async () => {
    const wb = await benchWorkbook();
    const first = (await wb.read()).sheets[0];
    const again = (await wb.read()).sheets[0];
    expect(again.values).toBe(first.values);
    expect(again.texts).toBe(first.texts);
    expect(() => {
      first.values[0][0] = "改";
    }).toThrow(TypeError);
    expect(() => first.values.push([])).toThrow(TypeError);
    await wb.apply([{ kind: "setValues", sheet: first.name, anchor: "A1", values: [["新标题"]] }]);
    const after = (await wb.read()).sheets[0];
    expect(after.values).not.toBe(first.values);
    expect(after.values[1 - after.top][1 - after.left]).toBe("新标题");
  });

  test("the steps of all read the tables once after generate", async () => {
    const wb = await benchWorkbook();
    const ctx: CliContext = { io: { stdout: () => undefined, stderr: () => undefined }, setExitCode: () => undefined };
    const state: AllState = { tables: null };
    const [generate, ...rest] = ALL_STEPS;
    expect(rest.map((s) => s.name)).toEqual(["check", "summary", "rates"]);
    await generate.run(wb, {}, ctx, state);
    const readSheets = jest.spyOn(reader, "readSheets");
    const readWorkbook = jest.spyOn(reader, "readWorkbook");
    try {
      for (const step of rest) await step.run(wb, {}, ctx, state);
      expect(readWorkbook.mock.calls.length + readSheets.mock.calls.length).toBe(1);
      expect(state.tables?.tables).toHaveLength(TABLES);
    } finally {
      readSheets.mockRestore();
      readWorkbook.mockRestore();
    }
  });
});
