/**
 * The Office.js adapter against the fake Excel: the same snapshot as the ExcelJS adapter, a constant
 * number of `context.sync` calls however many sheets, every request and response under Excel on the
 * web's 5 MB, events and calculation restored when a write fails, clear messages for a protected
 * sheet and a cell being edited, and text that looks like a formula kept as text.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { WorkbookError } from "../../src/adapters/exceljs/errors";
import type { SheetData, WorkbookSnapshot } from "../../src/port/workbook";
import { parseCell, parseRange } from "../../src/core/address";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import { OfficeWorkbookError, toWorkbookError } from "../../src/office/errors";
import { excelInput, needsQuotePrefix } from "../../src/office/cell-input";
import { shiftFormula } from "../../src/office/formula-shift";
import {
  INITIAL_BYTES_PER_CELL,
  MAX_CELLS_PER_READ,
  MIN_BYTES_PER_CELL_PER_PROPERTY,
  OP_OVERHEAD_BYTES,
  PAYLOAD_BUDGET_BYTES,
  PAYLOAD_LIMIT_BYTES,
  ReadPlanner,
  carve,
  dataBlockLimits,
  jsonBytes,
  mergeBandLimits,
  utf8Length,
  type ReadTask,
} from "../../src/office/payload";
import { FakeExcel, FakeOfficeError, type SheetInit } from "../fake-excel";
import { a1, displayText } from "../fake-excel/model";
import { FakeRange } from "../fake-excel/proxies";
import { sheetsOfOneTable as oneTableSheets, splitTables, stackTables } from "../fake-excel/sample-tables";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";

const DIR = fixtureDir("office-adapter");

function adapterFor(fake: FakeExcel): OfficeWorkbook {
  return new OfficeWorkbook({ run: fake.run, supports: fake.supports });
}

/** Merges in reading order: the port does not order them, and the two adapters list them differently. */
function normalized(s: WorkbookSnapshot): WorkbookSnapshot {
  const order = (a: string, b: string): number => {
    const p = parseRange(a);
    const q = parseRange(b);
    return p.top - q.top || p.left - q.left;
  };
  return { sheets: s.sheets.map((sh) => ({ ...sh, merges: [...sh.merges].sort(order) })) };
}

let sample: WorkbookSnapshot;
let sampleSheet: SheetData;
/** The six tables of the sample, each from its title row to the row before the next title. */
let tables: SheetData[];

beforeAll(async () => {
  const file = await buildSeedSample(DIR);
  const wb = await ExcelJsWorkbook.load(await fs.readFile(file));
  sample = await wb.read({ formulas: true, numberFormats: true });
  sampleSheet = sample.sheets[0];
  tables = splitTables(sampleSheet);
});

/** `n` tables stacked on one sheet (cycling through the sample's six). */
function stacked(name: string, n: number): SheetInit {
  return stackTables(tables, name, n);
}

/** `n` sheets of one table each. */
function sheetsOfOneTable(n: number): SheetInit[] {
  return oneTableSheets(tables, n);
}

/** Rows of `n` stacked tables. */
function tableRows(n: number): number {
  let rows = 0;
  for (let k = 0; k < n; k++) rows += tables[k % tables.length].values.length;
  return rows;
}

/**
 * The read plan replayed against the fake's data: what the adapter should ask for, sync by sync,
 * and which batches Excel on the web would refuse, with the response bytes counted as the fake
 * counts them and the densities measured as the adapter measures them.
 */
function simulateRead(fake: FakeExcel, props: string[]): { data: number; merges: number; rejected: boolean }[] {
  const sheets = fake.sheetNames().map((n) => fake.sheet(n));
  const tasks: ReadTask[] = [];
  sheets.forEach((s, sheet) => {
    const v = s.usedValues();
    const f = s.usedFormatted();
    const rect = (r: NonNullable<typeof v>) => ({
      top: r.top,
      left: r.left,
      rows: r.bottom - r.top + 1,
      cols: r.right - r.left + 1,
    });
    if (v) tasks.push({ sheet, kind: "data", rect: rect(v) });
    if (f) tasks.push({ sheet, kind: "merges", rect: rect(f) });
  });
  const planner = new ReadPlanner(tasks, {
    budget: PAYLOAD_BUDGET_BYTES,
    limit: PAYLOAD_LIMIT_BYTES,
    dataBytesPerCell: props.reduce((n, p) => n + INITIAL_BYTES_PER_CELL[p as keyof typeof INITIAL_BYTES_PER_CELL], 0),
    minDataBytesPerCell: MIN_BYTES_PER_CELL_PER_PROPERTY * props.length,
  });
  const out: { data: number; merges: number; rejected: boolean }[] = [];
  while (!planner.done) {
    const batch = planner.next();
    let response = 0;
    const measured: { cells: number; bytes: number }[] = [];
    for (const t of batch) {
      const s = sheets[t.sheet];
      const rows = Array.from({ length: t.rect.rows }, (_, i) => t.rect.top + i);
      const cols = Array.from({ length: t.rect.cols }, (_, j) => t.rect.left + j);
      if (t.kind === "data") {
        const values = rows.map((r) => cols.map((c) => s.get(r, c)?.value ?? ""));
        const texts = rows.map((r) => cols.map((c) => displayText(s.get(r, c))));
        const bytes = jsonBytes(values) + jsonBytes(texts);
        measured.push({ cells: t.rect.rows * t.rect.cols, bytes });
        response += bytes + utf8Length("values") + 3 + utf8Length("text") + 3;
      } else {
        const areas = s.merges.filter(
          (m) =>
            m.top >= t.rect.top &&
            m.top < t.rect.top + t.rect.rows &&
            m.left >= t.rect.left &&
            m.left < t.rect.left + t.rect.cols,
        );
        if (areas.length > 0)
          response += 2 + areas.reduce((n, m) => n + utf8Length("address") + 3 + jsonBytes(a1(s, m)), 0);
      }
    }
    const rejected = response > PAYLOAD_LIMIT_BYTES;
    out.push({
      data: batch.filter((t) => t.kind === "data").length,
      merges: batch.filter((t) => t.kind === "merges").length,
      rejected,
    });
    if (rejected) planner.rejected(batch);
    else planner.delivered(measured);
  }
  return out;
}

describe("the fake Excel behaves as Excel does where the adapter depends on it", () => {
  test("reading a property that was not loaded throws; after load and sync it reads", async () => {
    const fake = new FakeExcel([{ name: "S", values: [["a", 1]] }]);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      r.load("values");
      expect(() => r.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await ctx.sync();
      expect(r.values).toEqual([["a", 1]]);
      expect(() => r.text).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
    });
  });

  test("writes take effect only at sync, in order; every sync is counted with its bytes", async () => {
    const fake = new FakeExcel([{ name: "S", values: [["a"]] }]);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("S").getRange("A1:B1");
      r.values = [["新", 2]];
      expect(fake.value("S", "A1")).toBe("a");
      await ctx.sync();
      expect(fake.value("S", "A1")).toBe("新");
      expect(fake.value("S", "B1")).toBe(2);
    });
    expect(fake.syncCount).toBe(1);
    // The request carries the values written: ["新",2] in JSON, 3 bytes for 新.
    expect(fake.syncs[0].requestBytes).toBeGreaterThanOrEqual(jsonBytes([[["新", 2]]]));
  });

  test("a request over 5 MB is refused as Excel on the web refuses it", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    const big = Array.from({ length: 600 }, () => ["x".repeat(10_000)]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:A600").values = big;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(fake.value("S", "A1")).toBe("");
  });

  test("a response over 5 MB is refused, and loads deliver nothing", async () => {
    const fake = new FakeExcel([{ name: "S", values: Array.from({ length: 300 }, () => ["汉".repeat(3_000)]) }]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:A300").load("values,text");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
  });

  test("merged areas: only those starting in the range, and a query over 512 of them fails", async () => {
    const merges = Array.from({ length: 600 }, (_, i) => `A${2 * i + 1}:B${2 * i + 1}`);
    const fake = new FakeExcel([{ name: "S", values: [["x"]], merges }]);
    const found = await fake.run(async (ctx) => {
      const areas = ctx.workbook.worksheets.getItem("S").getRange("B1:C10").getMergedAreasOrNullObject();
      areas.load("areas/items/address");
      const none = ctx.workbook.worksheets.getItem("S").getRange("B1:C10").getMergedAreasOrNullObject();
      none.load("areas/items/address");
      const some = ctx.workbook.worksheets.getItem("S").getRange("A1:C10").getMergedAreasOrNullObject();
      some.load("areas/items/address");
      await ctx.sync();
      return { none: areas.isNullObject, some: some.areas.items.map((r) => r.address) };
    });
    expect(found.none).toBe(true);
    expect(found.some).toEqual(["S!A1:B1", "S!A3:B3", "S!A5:B5", "S!A7:B7", "S!A9:B9"]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1:B1200").getMergedAreasOrNullObject().load("address");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "GeneralException" });
  });

  test("a protected sheet refuses writes; cell-edit mode refuses every request", async () => {
    const fake = new FakeExcel([{ name: "S", values: [["a"]], protected: true }]);
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("S").getRange("A1").values = [["b"]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperation" });
    fake.cellEditMode = true;
    await expect(
      fake.run(async (ctx) => {
        ctx.workbook.worksheets.load("items/name");
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
  });

  test("Range.values parses input as typing does: formulas, numbers, booleans; an apostrophe keeps text", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("S").getRange("A1:F1").values = [["=1+1", "0012", "TRUE", "50%", "'=1+1", "-x"]];
      await ctx.sync();
    });
    expect(fake.cell("S", "A1")?.formula).toBe("=1+1");
    expect(fake.value("S", "B1")).toBe(12);
    expect(fake.value("S", "C1")).toBe(true);
    expect(fake.value("S", "D1")).toBe(0.5);
    expect(fake.cell("S", "E1")).toMatchObject({ value: "=1+1", formula: undefined, format: { quotePrefix: true } });
    expect(fake.cell("S", "F1")?.formula).toBe("=-x");
  });
});

describe("read: the same snapshot as the ExcelJS adapter", () => {
  test("the bundled sample, with formulas and number formats", async () => {
    const fake = FakeExcel.fromSnapshot(sample);
    const office = adapterFor(fake);
    for (const options of [{}, { formulas: true, numberFormats: true }, { numberFormats: true }]) {
      const exceljs = await (
        await ExcelJsWorkbook.load(await fs.readFile(path.join(DIR, "seed-sample.xlsx")))
      ).read(options);
      expect(normalized(await office.read(options))).toEqual(normalized(exceljs));
    }
    expect(fake.unsyncedOps).toBe(0);
  });

  test("a workbook with formulas, dates, booleans, hidden and empty sheets, a merge past the values", async () => {
    const wb = new ExcelJS.Workbook();
    const a = wb.addWorksheet("数据 1");
    a.getCell("B2").value = "项目";
    a.getCell("C2").value = 1234.5;
    a.getCell("C2").numFmt = "#,##0.00";
    a.getCell("C3").value = { formula: "C2*2", result: 2469 };
    a.getCell("D3").value = true;
    a.getCell("E3").value = new Date(Date.UTC(2024, 0, 31));
    a.getCell("B4").value = "=不是公式";
    a.mergeCells("B5:G6");
    a.getCell("B5").value = "合并";
    wb.addWorksheet("隐藏").state = "hidden";
    wb.getWorksheet("隐藏")!.getCell("A1").value = "h";
    wb.addWorksheet("空");
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const port = await ExcelJsWorkbook.load(bytes);
    const options = { formulas: true, numberFormats: true };
    const snapshot = await port.read(options);
    const office = adapterFor(FakeExcel.fromSnapshot(snapshot));
    expect(normalized(await office.read(options))).toEqual(normalized(snapshot));
    expect(await office.listSheets()).toEqual(await port.listSheets());
    expect(await office.read({ sheets: ["隐藏", "没有"] })).toEqual(await port.read({ sheets: ["隐藏", "没有"] }));
  });

  test("the adapter loads what it reads: drop one property from a load and the read fails", async () => {
    const fake = FakeExcel.fromSnapshot(sample);
    const load = FakeRange.prototype.load;
    const spy = jest.spyOn(FakeRange.prototype, "load").mockImplementation(function (this: FakeRange, spec) {
      return load.call(this, typeof spec === "string" ? spec.replace(/,?text/, "") : spec);
    });
    try {
      await expect(adapterFor(fake).read()).rejects.toMatchObject({ officeMessage: expect.stringContaining("'text'") });
    } finally {
      spy.mockRestore();
    }
  });

  test("without ExcelApi 1.13 the read goes on without merges and says so", async () => {
    const fake = FakeExcel.fromSnapshot(sample, { apiVersion: "1.12" });
    const office = adapterFor(fake);
    const snap = await office.read();
    expect(snap.sheets[0].merges).toEqual([]);
    expect(snap.sheets[0].values).toEqual(sampleSheet.values);
    expect(office.notices.map((n) => n.code)).toEqual(["mergesUnavailable"]);
    expect(office.notices[0].message).toMatch(/合并单元格/);
    expect(fake.syncs.every((s) => s.mergeQueries === 0)).toBe(true);
  });
});

describe("sync bounds: a constant per call however many sheets or tables", () => {
  const cases: [string, () => SheetInit[]][] = [
    ["1 sheet, 1 table", () => sheetsOfOneTable(1)],
    ["10 sheets of 1 table", () => sheetsOfOneTable(10)],
    ["500 sheets of 1 table", () => sheetsOfOneTable(500)],
    ["500 tables on 1 sheet", () => [stacked("绩效目标", 500)]],
  ];

  test.each(cases)("%s: listSheets 3 syncs, read 3, apply 2", async (_name, build) => {
    const fake = new FakeExcel(build());
    const office = adapterFor(fake);
    await office.listSheets();
    expect(fake.syncCount).toBe(3);
    fake.resetStats();
    const snap = await office.read();
    expect(fake.syncCount).toBe(3);
    expect(fake.runs).toBe(1);
    expect(office.lastStats).toMatchObject({ syncs: 3, batches: 1, rejected: 0 });
    expect(fake.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_BUDGET_BYTES);
    fake.resetStats();
    await office.apply(
      snap.sheets.map((s) => ({ kind: "setValues" as const, sheet: s.name, anchor: "H1", values: [["已识别"]] })),
    );
    expect(fake.syncCount).toBe(2);
    expect(fake.value(snap.sheets[snap.sheets.length - 1].name, "H1")).toBe("已识别");
  });

  test("500 tables on one sheet: one data block, merge bands of 145 rows, 2 MB in one response", async () => {
    const fake = new FakeExcel([stacked("绩效目标", 500)]);
    const office = adapterFor(fake);
    const snap = await office.read();
    const rows = snap.sheets[0].values.length;
    // The stack's last rows are blank: the used range (values and merges) ends before them.
    expect(rows).toBe(fake.sheet("绩效目标").usedFormatted()!.bottom);
    expect(rows).toBeGreaterThan(tableRows(499));
    const data = fake.syncs[2];
    expect(data.dataLoads).toBe(1);
    // The widest band that can hold no more than 512 merged areas over 7 columns: 1024 / 7 − 1 rows.
    expect(mergeBandLimits(7).maxRows).toBe(145);
    expect(data.mergeQueries).toBe(Math.ceil(rows / 145));
    expect(data.responseBytes).toBeGreaterThan(1_900_000);
    expect(data.responseBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(snap.sheets[0].merges.length).toBe(fake.sheet("绩效目标").merges.length);
    console.log(
      `500 tables on one sheet: ${rows} rows × 7 columns, ${snap.sheets[0].merges.length} merged areas; ` +
        `syncs ${fake.syncCount}, largest response ${data.responseBytes} bytes, largest request ${fake.maxRequestBytes} bytes`,
    );
  });
});

describe("5 MB chunking", () => {
  test("2,000 tables on one sheet: the batches the planner computes, each response under the budget", async () => {
    const fake = new FakeExcel([stacked("绩效目标", 2000)]);
    const expected = simulateRead(fake, ["values", "text"]);
    const office = adapterFor(fake);
    const snap = await office.read();
    const data = fake.syncs.slice(2);
    expect(data.map((s) => ({ data: s.dataLoads, merges: s.mergeQueries, rejected: s.error !== undefined }))).toEqual(
      expected,
    );
    expect(expected.length).toBeGreaterThan(1);
    expect(expected.some((b) => b.rejected)).toBe(false);
    expect(fake.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(fake.maxRequestBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(snap.sheets[0].values).toEqual(stacked("x", 2000).values?.slice(0, snap.sheets[0].values.length));
    expect(snap.sheets[0].values.length).toBe(fake.sheet("绩效目标").usedFormatted()!.bottom);
    console.log(
      `2,000 tables: ${data.length} data syncs (${data.map((s) => s.responseBytes).join(", ")} bytes), total ${fake.syncCount} syncs`,
    );
  });

  test("big strings: refused batches are re-planned smaller; nothing delivered over 5 MB; data intact", async () => {
    // 320 cells of 3,000 CJK characters: 18 kB a cell for values and text, 5.8 MB in all, and the
    // first plan (40 B/cell) asks for all of it at once.
    const values = Array.from({ length: 80 }, (_, i) =>
      Array.from({ length: 4 }, (_, j) => `${i},${j}`.padEnd(3_000, "汉")),
    );
    const fake = new FakeExcel([
      { name: "长文本", values },
      { name: "小", values: [["a"]] },
    ]);
    const expected = simulateRead(fake, ["values", "text"]);
    const office = adapterFor(fake);
    const snap = await office.read();
    expect(snap.sheets[0].values).toEqual(values);
    expect(snap.sheets[0].texts).toEqual(values);
    const data = fake.syncs.slice(2);
    expect(data.map((s) => ({ data: s.dataLoads, merges: s.mergeQueries, rejected: s.error !== undefined }))).toEqual(
      expected,
    );
    expect(expected.filter((b) => b.rejected).length).toBe(1);
    expect(office.lastStats?.rejected).toBe(1);
    expect(fake.maxResponseBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
    expect(fake.maxRequestBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    console.log(
      `big strings: ${data.length} data syncs, ${expected.filter((b) => b.rejected).length} refused; responses ${data
        .map((s) => `${s.responseBytes}${s.error ? " (refused)" : ""}`)
        .join(", ")}`,
    );
  });

  test("writes go in row blocks under the budget, one sync each, after the check", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    const values = Array.from({ length: 30_000 }, (_, i) =>
      Array.from({ length: 10 }, (_, j) => `第${i}行第${j}列的说明文字`),
    );
    const bytes = jsonBytes(values);
    await adapterFor(fake).apply([{ kind: "setValues", sheet: "S", anchor: "A1", values }]);
    // Rows are grouped greedily under the room a write leaves in the budget.
    const room = PAYLOAD_BUDGET_BYTES - 2 * OP_OVERHEAD_BYTES - 128;
    let writes = 0;
    let used = 0;
    for (const row of values) {
      const b = jsonBytes(row) + 1;
      if (used > 0 && used + b > room) {
        writes++;
        used = 0;
      }
      used += b;
    }
    writes++;
    expect(writes).toBeGreaterThanOrEqual(Math.ceil(bytes / PAYLOAD_BUDGET_BYTES));
    expect(fake.syncCount).toBe(1 + writes);
    expect(fake.maxRequestBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(fake.value("S", "J30000")).toBe("第29999行第9列的说明文字");
    console.log(`write of ${bytes} bytes: ${fake.syncCount} syncs, largest request ${fake.maxRequestBytes} bytes`);
  });

  test("the planner never reads more than a million cells at once, nor a merge band that could hold 513 areas", () => {
    const c = carve(
      { top: 1, left: 1, rows: 1_000_000, cols: 3 },
      0.000001,
      PAYLOAD_BUDGET_BYTES,
      dataBlockLimits(3),
      true,
    );
    expect(c?.block.rows).toBe(Math.floor(MAX_CELLS_PER_READ / 3));
    for (const cols of [1, 7, 100, 511, 512, 5000]) {
      const l = mergeBandLimits(cols);
      const width = Math.min(cols, l.maxCols);
      expect((l.maxRows * width + width) / 2).toBeLessThanOrEqual(512);
    }
  });
});

describe("apply", () => {
  test("events off and calculation suspended during the writes, restored in the same sync", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    await adapterFor(fake).apply([{ kind: "setValues", sheet: "S", anchor: "A1", values: [[1]] }]);
    expect(fake.events).toEqual([
      "calculation suspended",
      "screen updating suspended",
      "events off",
      "events on",
      "calculate Recalculate",
      "calculation resumed",
      "screen updating resumed",
    ]);
    expect(fake.enableEvents).toBe(true);
  });

  test("a write that throws: events and calculation restored in finally, a clear message", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    fake.failSync(2, "GeneralException", 5);
    const err = await adapterFor(fake)
      .apply([
        { kind: "setValues", sheet: "S", anchor: "A1", values: [[1]] },
        { kind: "setValues", sheet: "S", anchor: "A2", values: [[2]] },
        { kind: "setValues", sheet: "S", anchor: "A3", values: [[3]] },
      ])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeWorkbookError);
    expect(err).toMatchObject({ code: "GeneralException", message: expect.stringMatching(/内部错误/) });
    expect((err as WorkbookError).messageEn).toMatch(/internal error/);
    expect(fake.syncCount).toBe(3);
    expect(fake.enableEvents).toBe(true);
    expect(fake.calculationSuspended).toBe(false);
    expect(fake.events).toEqual([
      "calculation suspended",
      "screen updating suspended",
      "events off",
      // the failed sync ends the suspensions
      "calculation resumed",
      "screen updating resumed",
      // the restoring sync in `finally`
      "events on",
      "calculate Recalculate",
    ]);
    expect(fake.value("S", "A1")).toBe("");
  });

  test("events the user had turned off stay off", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    fake.enableEvents = false;
    await adapterFor(fake).apply([{ kind: "setValues", sheet: "S", anchor: "A1", values: [[1]] }]);
    expect(fake.enableEvents).toBe(false);
    expect(fake.events).not.toContain("events on");
  });

  test("a protected sheet: refused before anything is written, with a clear message", async () => {
    const fake = new FakeExcel([
      { name: "开放", values: [["a"]] },
      { name: "受保护", values: [["b"]], protected: true },
    ]);
    const err = await adapterFor(fake)
      .apply([
        { kind: "setValues", sheet: "开放", anchor: "A1", values: [["x"]] },
        { kind: "setValues", sheet: "受保护", anchor: "A1", values: [["y"]] },
      ])
      .catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: "SheetProtected",
      message: expect.stringContaining("工作表「受保护」受保护"),
      messageEn: expect.stringContaining('Sheet "受保护" is protected'),
    });
    expect(fake.value("开放", "A1")).toBe("a");
    expect(fake.syncCount).toBe(1);
  });

  test("a protection error during the writes still reads as one", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    fake.failSync(2, "InvalidOperation", 4);
    await expect(
      adapterFor(fake).apply([{ kind: "setValues", sheet: "S", anchor: "A1", values: [[1]] }]),
    ).rejects.toMatchObject({
      message: expect.stringMatching(/受保护/),
      messageEn: expect.stringMatching(/protected/),
    });
  });

  test("cell-edit mode: read and apply say to finish editing the cell", async () => {
    const fake = new FakeExcel([{ name: "S" }], { cellEditMode: true });
    const office = adapterFor(fake);
    for (const call of [
      () => office.read(),
      () => office.apply([{ kind: "setValues", sheet: "S", anchor: "A1", values: [[1]] }]),
    ])
      await expect(call()).rejects.toMatchObject({
        code: "InvalidOperationInCellEditMode",
        message: expect.stringContaining("请先按 Enter 或 Esc 退出单元格编辑"),
        messageEn: expect.stringContaining("Press Enter or Esc"),
      });
    expect(fake.enableEvents).toBe(true);
  });

  test("text that looks like a formula, a number or a date is written as text", async () => {
    const fake = new FakeExcel([{ name: "S" }]);
    const office = adapterFor(fake);
    const texts = [
      "=SUM(A1:A2)",
      "+86 10",
      "-",
      "-负数说明",
      "@提及",
      "'引号",
      "0012",
      "50%",
      "TRUE",
      "2024-01-01",
      "#N/A",
      "（一）",
      "普通文字",
    ];
    await office.apply([
      { kind: "setValues", sheet: "S", anchor: "A1", values: [texts] },
      { kind: "setValues", sheet: "S", anchor: "A2", values: [["=A1", 12.5, true, null, 45292]], formulas: true },
    ]);
    texts.forEach((t, j) => {
      const c = fake.sheet("S").get(1, j + 1);
      expect({ value: c?.value, formula: c?.formula }).toEqual({ value: t, formula: undefined });
    });
    expect(fake.cell("S", "A1")?.format.quotePrefix).toBe(true);
    expect(fake.cell("S", "M1")?.format.quotePrefix).toBeUndefined();
    expect(fake.cell("S", "A2")?.formula).toBe("=A1");
    expect([fake.value("S", "B2"), fake.value("S", "C2"), fake.value("S", "D2"), fake.value("S", "E2")]).toEqual([
      12.5,
      true,
      "",
      45292,
    ]);
    const snap = await office.read();
    expect(snap.sheets[0].values[0]).toEqual(texts);
  });

  test("missing, duplicate and badly named sheets fail before any write", async () => {
    const fake = new FakeExcel([{ name: "Sheet1" }]);
    const office = adapterFor(fake);
    await expect(
      office.apply([{ kind: "setValues", sheet: "无此表", anchor: "A1", values: [[1]] }]),
    ).rejects.toMatchObject({
      message: "工作表不存在：无此表",
    });
    await expect(office.apply([{ kind: "addSheet", sheet: "SHEET1" }])).rejects.toMatchObject({
      code: "ItemAlreadyExists",
    });
    await expect(office.apply([{ kind: "addSheet", sheet: "a/b" }])).rejects.toMatchObject({ code: "InvalidArgument" });
    const wbLocked = new FakeExcel([{ name: "S" }], { workbookProtected: true });
    await expect(adapterFor(wbLocked).apply([{ kind: "addSheet", sheet: "新表" }])).rejects.toMatchObject({
      message: expect.stringContaining("工作簿结构受保护"),
    });
  });

  test.each([
    ["1.9", "Excel fills it: one formula in the request"],
    ["1.8", "before autoFill: one shifted formula per cell"],
  ])("fillFormula of 20,000 helper cells on ExcelApi %s (%s)", async (apiVersion) => {
    const fake = new FakeExcel([{ name: "明细", values: [["日期", "金额"]] }], { apiVersion });
    const office = adapterFor(fake);
    const formula = '=IF(A2="","",TEXT(A2,"yyyy-mm-dd")&"|"&$B$1&B2)';
    fake.resetStats();
    await office.apply([{ kind: "fillFormula", sheet: "明细", range: "C2:D10001", formula }]);
    for (const at of ["C2", "D2", "C3", "D777", "C10001", "D10001"]) {
      const { row, col } = parseCell(at);
      expect(fake.cell("明细", at)?.formula).toBe(shiftFormula(formula, row - 2, col - 3));
    }
    expect(fake.cell("明细", "C10002")).toBeUndefined();
    const request = Math.max(...fake.syncs.map((s) => s.requestBytes));
    if (apiVersion === "1.9") expect(request).toBeLessThan(2_000);
    else expect(request).toBeGreaterThan(20_000 * 20);
  });

  test("every kind of change lands in the workbook", async () => {
    const fake = new FakeExcel([{ name: "源", values: [[1], [2], [3]] }, { name: "旧" }]);
    const office = adapterFor(fake);
    await office.apply([
      { kind: "addSheet", sheet: "汇总", position: 0 },
      { kind: "setValues", sheet: "汇总", anchor: "A1", values: [["标题", null, "x"], ["短"]] },
      { kind: "merge", sheet: "汇总", range: "A1:C1" },
      {
        kind: "setStyle",
        sheet: "汇总",
        range: "A1:C2",
        style: {
          bold: true,
          fill: "FFFF00",
          border: true,
          numberFormat: "0.00%",
          horizontal: "center",
          vertical: "middle",
          wrap: true,
          fontName: "宋体",
          fontSize: 12,
        },
      },
      { kind: "setColumnWidths", sheet: "汇总", widths: [{ col: 2, width: 14 }] },
      { kind: "setRowHeights", sheet: "汇总", heights: [{ row: 3, height: 30 }] },
      { kind: "setFormulas", sheet: "汇总", cells: [{ cell: "D1", formula: "=SUM(源!A1:A3)", result: 6 }] },
      { kind: "fillFormula", sheet: "汇总", range: "E1:F2", formula: "=源!$A1*B$1" },
      { kind: "hyperlink", sheet: "汇总", cell: "G1", target: { sheet: "源", cell: "A1" }, text: "查看" },
      { kind: "defineName", name: "来源", refersTo: "'源'!$A$1:$A$3" },
      { kind: "defineName", name: "来源", refersTo: "'源'!$A$1:$A$2" },
      { kind: "freezePanes", sheet: "汇总", rows: 2, columns: 1 },
      {
        kind: "dataValidation",
        sheet: "汇总",
        range: "H1:H5",
        validation: { type: "list", source: ["是", "否"], allowBlank: true, strict: true },
      },
      {
        kind: "pageSetup",
        sheet: "汇总",
        setup: { paper: "A4", orientation: "landscape", fitToWidth: 1, printTitleRows: "1:2", footer: "第 &P 页" },
      },
      {
        kind: "setLook",
        sheet: "源",
        cell: "A1",
        look: { fill: { pattern: "solid", fgColor: "FFFFC7CE" }, note: "请核对" },
      },
      { kind: "setSheetVisibility", sheet: "源", visibility: "hidden" },
      { kind: "deleteSheet", sheet: "旧" },
    ]);
    expect(fake.sheetNames()).toEqual(["汇总", "源"]);
    const s = fake.sheet("汇总");
    expect(fake.value("汇总", "A1")).toBe("标题");
    expect(fake.value("汇总", "C1")).toBe(""); // the merge keeps the top-left value only
    expect(fake.value("汇总", "A2")).toBe("短");
    expect(s.merges).toEqual([parseRange("A1:C1")]);
    expect(fake.cell("汇总", "B2")?.format).toMatchObject({
      bold: true,
      fill: "#FFFF00",
      numberFormat: "0.00%",
      horizontal: "Center",
      vertical: "Center",
      wrap: true,
      fontName: "宋体",
      fontSize: 12,
    });
    const edges = new Set(
      ["A1", "B1", "C1", "A2", "B2", "C2"].flatMap((a) => Object.keys(fake.cell("汇总", a)?.format.borders ?? {})),
    );
    expect([...edges].sort()).toEqual([
      "EdgeBottom",
      "EdgeLeft",
      "EdgeRight",
      "EdgeTop",
      "InsideHorizontal",
      "InsideVertical",
    ]);
    expect(s.columnWidths.get(2)).toBe(73.5);
    expect(s.rowHeights.get(3)).toBe(30);
    expect(fake.cell("汇总", "D1")?.formula).toBe("=SUM(源!A1:A3)");
    expect(["E1", "F1", "E2", "F2"].map((a) => fake.cell("汇总", a)?.formula)).toEqual([
      "=源!$A1*B$1",
      "=源!$A1*C$1",
      "=源!$A2*B$1",
      "=源!$A2*C$1",
    ]);
    expect(fake.cell("汇总", "G1")).toMatchObject({
      formula: `=HYPERLINK("#'源'!A1","查看")`,
      format: { underline: "Single" },
    });
    expect(fake.names.get("来源")).toEqual({ name: "来源", formula: "='源'!$A$1:$A$2" });
    expect(s.freeze).toEqual({ rows: 2, columns: 1 });
    expect(s.validations[0]).toMatchObject({
      range: "H1:H5",
      rule: { list: { inCellDropDown: true, source: "是,否" } },
      ignoreBlanks: true,
    });
    expect(s.pageLayout).toMatchObject({
      paperSize: "A4",
      orientation: "Landscape",
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: "1:2",
      centerFooter: "第 &P 页",
    });
    expect(fake.sheet("源").visibility).toBe("Hidden");
    expect(
      await office.readLooks([
        { sheet: "源", cell: "A1" },
        { sheet: "源", cell: "A2" },
      ]),
    ).toEqual([
      { fill: { pattern: "solid", fgColor: "FFFFC7CE" }, note: "请核对" },
      { fill: null, note: null },
    ]);
    await office.apply([{ kind: "setLook", sheet: "源", cell: "A1", look: { fill: null, note: null } }]);
    expect(await office.readLooks([{ sheet: "源", cell: "A1" }])).toEqual([{ fill: null, note: null }]);
  });
});

describe("pieces", () => {
  test("which strings get the quote prefix", () => {
    for (const t of [
      "=A1",
      "+1",
      "-1",
      "@a",
      "'x",
      "12",
      ".5",
      "(1)",
      "$5",
      "¥5",
      "#REF!",
      "１２",
      "＝A1",
      "Mar-24",
      "May 2024",
      "true",
      " x",
    ])
      expect([t, needsQuotePrefix(t)]).toEqual([t, true]);
    for (const t of ["", "项目名称", "一、总体目标", "Total", "May", "abc=1"])
      expect([t, needsQuotePrefix(t)]).toEqual([t, false]);
    expect(excelInput(null, false)).toBe("");
    expect(excelInput("=A1", true)).toBe("=A1");
    expect(excelInput("=A1", false)).toBe("'=A1");
    expect(excelInput(Number.NaN, false)).toBe("");
  });

  test("formulas shift as Excel fills them", () => {
    expect(shiftFormula("=SUM(D5:D9)*$B$1+C$2+$A3", 2, 1)).toBe("=SUM(E7:E11)*$B$1+D$2+$A5");
    expect(shiftFormula("=IF(A1=\"A1\",LOG10(A1),'B 1'!B1)", 1, 0)).toBe("=IF(A2=\"A1\",LOG10(A2),'B 1'!B2)");
    expect(shiftFormula("=SUM(A:A)+SUM(1:1)+表1[金额]", 1, 1)).toBe("=SUM(B:B)+SUM(2:2)+表1[金额]");
    expect(shiftFormula("=A1", -1, 0)).toBe("=#REF!");
  });

  test("Office errors become clear messages; others pass through", () => {
    const e = toWorkbookError(new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist."));
    expect(e.message).toMatch(/找不到/);
    expect(e.messageEn).toMatch(/not found/);
    expect(toWorkbookError(new FakeOfficeError("RequestPayloadSizeLimitExceeded", "x")).message).toMatch(/5 MB/);
    expect(toWorkbookError(new FakeOfficeError("SomethingNew", "odd")).message).toBe(
      "Excel 操作失败（SomethingNew）：odd",
    );
    const own = new WorkbookError("中文", "English");
    expect(toWorkbookError(own)).toBe(own);
    expect(toWorkbookError(new Error("boom")).messageEn).toBe("The Excel operation failed: boom");
  });
});
