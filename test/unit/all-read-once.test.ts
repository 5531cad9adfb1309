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
