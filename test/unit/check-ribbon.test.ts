/**
 * The 校验 and 清除标记 ribbon functions on their Office path, against the fake Excel: the same
 * number of `context.sync` calls (and of `Excel.run`s) for a workbook of 1 table as for 500, marks
 * and 校验结果 written, the pane's state updated, and clearing giving every cell its look back.
 */
import { FakeExcel } from "../fake-excel";
import { loadSample, stackTables } from "../fake-excel/sample-tables";
import type { SheetData } from "../../src/port/workbook";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import { checkWorkbook, clearMarks } from "../../src/taskpane/commands";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import { fixtureDir } from "../fixtures/workbook";

jest.setTimeout(120_000);

/**
 * 校验 on the Office adapter: read 3 syncs (sheets, used ranges, data), readLooks 1 (the marked cells'
 * fills and notes), apply 4 (sheets and protection; the notes of the cells to mark together with the
 * journal's reading of what will change; the writes; the journal's reading back of what was
 * written, for 撤销上次操作) — in
 * 3 `Excel.run`s (one per port call). The only syncs on top are the adapter's 5 MB chunking of the
 * writes (one per further 4 MB of planned request): 500 tables of the sample mark about 2,000 cells
 * and list about 1,400 findings, which the adapter plans (conservatively, at 100 bytes per
 * operation) at just over 4 MB, so its writes go in 2 syncs.
 */
const CHECK_SYNCS = 8;
const CHECK_RUNS = 3;
/** 清除标记: read 3, readLooks 1, apply 3. */
const CLEAR_SYNCS = 7;

let tables: SheetData[];

beforeAll(async () => {
  ({ tables } = await loadSample(fixtureDir("check-ribbon")));
});

/** Syncs the adapter added to keep its last `apply`'s requests under the budget. */
function chunkSyncs(port: OfficeWorkbook): number {
  expect(port.lastStats?.method).toBe("apply");
  return port.lastStats!.batches - 1;
}

function inExcel(fake: FakeExcel): OfficeWorkbook {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
  const port = new OfficeWorkbook({ run: fake.run, supports: fake.supports });
  setPort(port);
  return port;
}

async function press(fn: (event: { completed(): void }) => Promise<void>): Promise<number> {
  let completed = 0;
  await fn({ completed: () => completed++ });
  return completed;
}

describe("ribbon 校验 and 清除标记 through the Office adapter", () => {
  const measured: Record<string, { check: number; chunks: number; clear: number; runs: number; findings: number }> = {};

  test.each([1, 500])("%i tables: bounded syncs, marks written, the pane's state updated", async (n) => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", n)]);
    const port = inExcel(fake);
    const before = fake.sheet("绩效目标").usedValues();

    expect(await press(checkWorkbook)).toBe(1);
    const state = getState();
    expect(state.message).toMatchObject({ key: "check.done" });
    expect(state.check?.tables).toHaveLength(n);
    expect(state.check?.marked).toBe(true);
    expect(state.tab).toBe("check");
    expect(state.checkSource).toBe("ribbon");
    expect(state.result?.tables).toHaveLength(n);
    expect(fake.sheetNames()[0]).toBe("校验结果");
    const findings = state.check!.findings;
    expect(findings.length).toBeGreaterThan(0);
    // A mark is a fill on the finding's cell; values never change.
    const f = findings[0];
    expect(fake.cell(f.sheet, f.cell)?.format.fill).toBeTruthy();
    expect(fake.sheet("绩效目标").usedValues()).toEqual(before);
    const checkSyncs = fake.syncCount;
    const checkChunks = chunkSyncs(port);
    const runs = fake.runs;
    expect(fake.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
    expect(fake.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);

    fake.resetStats();
    expect(await press(clearMarks)).toBe(1);
    expect(getState().message?.key).toBe("check.cleared");
    expect(fake.sheetNames()).not.toContain("校验结果");
    expect(fake.cell(f.sheet, f.cell)?.format.fill ?? null).toBeFalsy();
    measured[n] = { check: checkSyncs, chunks: checkChunks, clear: fake.syncCount, runs, findings: findings.length };

    // The same constant for 1 table and for 500, apart from the writes' chunking.
    expect(checkSyncs - checkChunks).toBe(CHECK_SYNCS);
    expect(checkChunks).toBe(n === 1 ? 0 : 1);
    expect(runs).toBe(CHECK_RUNS);
    expect(fake.syncCount - chunkSyncs(port)).toBe(CLEAR_SYNCS);
    expect(fake.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  });

  test("checking again (a record and marks present) costs the same", async () => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", 500)]);
    const port = inExcel(fake);
    await press(checkWorkbook);
    fake.resetStats();
    await press(checkWorkbook);
    expect(getState().check?.changed).toEqual([]);
    expect(fake.syncCount - chunkSyncs(port)).toBe(CHECK_SYNCS);
    expect(fake.runs).toBe(CHECK_RUNS);
  });

  afterAll(() => {
    console.log(
      Object.entries(measured)
        .map(
          ([n, m]) =>
            `${n} tables: 校验 ${m.check} syncs (${m.chunks} of them write chunking) in ${m.runs} Excel.run ` +
            `(${m.findings} findings), 清除标记 ${m.clear} syncs`,
        )
        .join("\n"),
    );
  });
});
