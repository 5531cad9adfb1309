/**
 * The 生成目标表 and 生成汇总表 ribbon functions on their Office path, against the fake Excel: the
 * number of `context.sync` calls does not grow with the number of tables beyond the adapter's
 * chunking (reads of more than one budget's worth of data, writes of more than one budget's worth of
 * requests), no request or response goes over Excel's payload limit; the summary gets one chart of
 * plan against actual execution, which making the summary again and 填充执行率 replace, never
 * duplicate.
 */
import { FakeExcel } from "../fake-excel";
import { loadSample, stackTables } from "../fake-excel/sample-tables";
import type { SheetData, WorkbookChange } from "../../src/port/workbook";
import { OfficeWorkbook, type CallStats } from "../../src/office/excel-workbook";
import { PAYLOAD_BUDGET_BYTES, PAYLOAD_LIMIT_BYTES } from "../../src/office/payload";
import { compile, type WriteContext } from "../../src/office/writes";
import { fillExecutionRates, generateSummary, generateTables } from "../../src/taskpane/commands";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import { replaceGeneratedAction } from "../../src/taskpane/actions";
import { CHART_NAME, CHART_TITLE } from "../../src/core/generate/summary";
import { fixtureDir } from "../fixtures/workbook";

jest.setTimeout(600_000);

/** A port call's syncs beyond its chunking: read 2 (sheets, used ranges) + 1 data batch; apply 1 (sheets) + 1 write batch. */
const READ_SYNCS = 3;
const APPLY_SYNCS = 2;
/** 生成目标表: read, apply, read again (the generated sheets are now the tables of record). */
const GENERATE_SYNCS = READ_SYNCS + APPLY_SYNCS + READ_SYNCS;
/** 生成汇总表: read, apply (the summary sheet is made anew, so no chart needs looking up). */
const SUMMARY_SYNCS = READ_SYNCS + APPLY_SYNCS;

/** The bytes the adapter plans a change list's writes at (what it packs into syncs under the budget). */
function plannedBytes(changes: WorkbookChange[]): number {
  const wc: WriteContext = {
    caps: { freezePanes: true, dataValidation: true, pageLayout: true, fillPattern: true, notes: true },
    names: new Set(),
    notes: new Map(),
    skipped: new Set(),
  };
  return compile(changes, PAYLOAD_BUDGET_BYTES, wc).reduce((n, op) => n + op.bytes, 0);
}

/** The Office adapter, keeping every call's statistics (and, for writes, the bytes planned). */
class CountingPort extends OfficeWorkbook {
  readonly calls: (CallStats & { planned?: number })[] = [];

  override async read(...args: Parameters<OfficeWorkbook["read"]>): ReturnType<OfficeWorkbook["read"]> {
    try {
      return await super.read(...args);
    } finally {
      this.calls.push({ ...this.lastStats! });
    }
  }

  override async apply(changes: WorkbookChange[]): Promise<void> {
    try {
      await super.apply(changes);
    } finally {
      if (this.lastStats) this.calls.push({ ...this.lastStats, planned: plannedBytes(changes) });
    }
  }

  /** Syncs the adapter added for chunking: every batch after a call's first. */
  chunks(): number {
    return this.calls.reduce((n, c) => n + Math.max(0, c.batches - 1), 0);
  }

  /** Syncs the undo journal added to `apply` calls (reading what the writes will change). */
  journalSyncs(): number {
    return this.calls.reduce((n, c) => n + (c.journalSyncs ?? 0), 0);
  }
}

let tables: SheetData[];

beforeAll(async () => {
  ({ tables } = await loadSample(fixtureDir("generate-ribbon")));
});

function inExcel(fake: FakeExcel): CountingPort {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
  const port = new CountingPort({ run: fake.run, supports: fake.supports });
  setPort(port);
  return port;
}

async function press(fn: (event: { completed(): void }) => Promise<void>): Promise<number> {
  let completed = 0;
  await fn({ completed: () => completed++ });
  return completed;
}

interface Measured {
  /** Per port call: method, syncs, batches. */
  calls: string;
  syncs: number;
  chunks: number;
  journal: number;
  maxRequest: number;
  maxResponse: number;
}

function measure(fake: FakeExcel, port: CountingPort): Measured {
  return {
    calls: port.calls
      .map(
        (c) =>
          `${c.method} ${c.syncs}/${c.batches}${c.journalSyncs ? ` (journal ${c.journalSyncs})` : ""}` +
          (c.planned ? ` [${(c.planned / 1e6).toFixed(1)} MB planned]` : ""),
      )
      .join(", "),
    syncs: fake.syncCount,
    chunks: port.chunks(),
    journal: port.journalSyncs(),
    maxRequest: fake.maxRequestBytes,
    maxResponse: fake.maxResponseBytes,
  };
}

/**
 * Every call within the budget per sync, and its syncs its constant plus its chunking; the undo
 * journal's reads (before an `apply` writes) one sync per budget's worth of what they read, +1.
 */
function expectTightChunking(port: CountingPort): void {
  for (const c of port.calls) {
    expect(c.maxPayloadBytes).toBeLessThanOrEqual(PAYLOAD_BUDGET_BYTES);
    const journal = c.journalSyncs ?? 0;
    if (c.method === "apply") {
      expect(c.syncs - journal).toBe(APPLY_SYNCS + c.batches - 1);
      // Chunks as the payload needs them: ⌈planned bytes ÷ budget⌉, +1 for packing whole writes.
      expect(c.batches).toBeLessThanOrEqual(Math.ceil(c.planned! / PAYLOAD_BUDGET_BYTES) + 1);
      expect(journal).toBeLessThanOrEqual(Math.ceil((c.journalBytes ?? 0) / PAYLOAD_BUDGET_BYTES) + 1);
    }
    if (c.method === "read") expect(c.syncs).toBe(READ_SYNCS + c.batches - 1);
  }
}

describe("ribbon 生成目标表 and 生成汇总表 through the Office adapter", () => {
  const measured: Record<string, { generate: Measured; summary: Measured }> = {};

  test.each([1, 10, 500])("%i tables: syncs bounded by a constant plus chunking", async (n) => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", n)]);
    let port = inExcel(fake);

    expect(await press(generateTables)).toBe(1);
    expect(getState().message).toMatchObject({ key: "more.generated", params: { created: n, replaced: 0 } });
    expect(getState().result?.tables).toHaveLength(n);
    const generate = measure(fake, port);
    expect(generate.syncs - generate.chunks - generate.journal).toBe(GENERATE_SYNCS);
    expect(port.calls.map((c) => c.method)).toEqual(["read", "apply", "read"]);
    expectTightChunking(port);
    expect(generate.maxRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(generate.maxResponse).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(fake.sheetNames()).toContain("目录");

    fake.resetStats();
    port = inExcel(fake);
    expect(await press(generateSummary)).toBe(1);
    expect(getState().message).toMatchObject({ key: "more.summaryDone", params: { tables: n } });
    const summary = measure(fake, port);
    expect(summary.syncs - summary.chunks - summary.journal).toBe(SUMMARY_SYNCS);
    expect(port.calls.map((c) => c.method)).toEqual(["read", "apply"]);
    expectTightChunking(port);
    expect(summary.maxRequest).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // One chart on the summary.
    expect(fake.sheet("汇总表").charts.map((c) => c.name)).toEqual([CHART_NAME]);
    measured[n] = { generate, summary };
  });

  test("the chart: made over the data block, replaced by 生成汇总表 and 填充执行率, never duplicated", async () => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", 6)]);
    inExcel(fake);
    await press(generateTables);
    await press(generateSummary);
    const ws = fake.sheet("汇总表");
    expect(ws.charts).toHaveLength(1);
    const chart = ws.charts[0];
    // The data block: 节点 · 计划进度 · 实际执行率 with the sample's four checkpoints.
    const m = /^B(\d+):D(\d+)$/.exec(chart.source)!;
    expect(m).not.toBeNull();
    const [top, bottom] = [Number(m[1]), Number(m[2])];
    expect(fake.value("汇总表", `B${top}`)).toBe("节点");
    expect(fake.value("汇总表", `C${top}`)).toBe("计划进度（%）");
    expect(fake.value("汇总表", `D${top}`)).toBe("实际执行率（%）");
    expect(bottom - top).toBeGreaterThanOrEqual(2);
    expect(fake.cell("汇总表", `C${top + 1}`)?.formula).toMatch(/^=IFERROR\(ROUND\(SUMPRODUCT\(/);
    expect(fake.cell("汇总表", `D${top + 1}`)?.formula).toBeUndefined();
    expect(chart).toMatchObject({
      name: CHART_NAME,
      type: "ColumnClustered",
      seriesBy: "Columns",
      title: CHART_TITLE,
      legend: { position: "Bottom", visible: true },
      position: { start: `F${top - 1}` },
    });

    // Again: the sheet is made anew, with one chart.
    await press(generateSummary);
    expect(fake.sheet("汇总表").charts.map((c) => c.name)).toEqual([CHART_NAME]);
  });

  test("填充执行率 fills the actual column and replaces the chart on the existing summary", async () => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", 6)]);
    inExcel(fake);
    await press(generateTables);
    await press(generateSummary);
    const top = Number(/^B(\d+):/.exec(fake.sheet("汇总表").charts[0].source)![1]);
    // One more sync for the sheet's chart names; the old chart deleted, a new one made.
    const before = fake.sheet("汇总表").charts[0];
    fake.resetStats();
    const port = inExcel(fake);
    await press(fillExecutionRates);
    expect(getState().message).toMatchObject({ key: "more.ratesDone" });
    const after = fake.sheet("汇总表").charts;
    expect(after.map((c) => c.name)).toEqual([CHART_NAME]);
    expect(after[0]).not.toBe(before);
    expect(after[0].source).toBe(before.source);
    expect(fake.cell("汇总表", `D${top + 1}`)?.formula).toMatch(/^=IFERROR\(ROUND\(SUMPRODUCT\(/);
    const apply = port.calls.find((c) => c.method === "apply")!;
    expect(apply.syncs - (apply.journalSyncs ?? 0)).toBe(APPLY_SYNCS + 1 + (apply.batches - 1));
  });

  test("a generated sheet edited in Excel: the ribbon leaves it and offers it in the pane; 替换 rebuilds it", async () => {
    const fake = new FakeExcel([stackTables(tables, "绩效目标", 6)]);
    const port = inExcel(fake);
    await press(generateTables);
    const t = getState().result!.tables[2];
    expect(t.layout).toBe("generated");
    const cell = t.budget.totalCell!;
    const original = fake.value(t.sheet, cell);
    await port.apply([{ kind: "setValues", sheet: t.sheet, anchor: cell, values: [[12345]] }]);

    expect(await press(generateTables)).toBe(1);
    const s = getState();
    expect(s.replaceOffer?.map((c) => c.sheet)).toEqual([t.sheet]);
    expect(s.replaceOffer![0].differences).toContainEqual({ field: "预算数", from: "12345", to: String(original) });
    expect(s.message?.more?.map((m) => m.key)).toEqual(["more.conflicts", "replace.ask"]);
    expect(s.resultSource).toBe("ribbon");
    expect(fake.value(t.sheet, cell)).toBe(12345);

    await replaceGeneratedAction([t.sheet]);
    expect(getState().replaceOffer).toBeNull();
    expect(getState().message).toMatchObject({ key: "more.generated", params: { replaced: 1 } });
    expect(fake.value(t.sheet, cell)).toBe(original);
  });

  test("a chart change on a sheet with charts: those of its name go, others stay", async () => {
    const fake = new FakeExcel([
      {
        name: "S",
        values: [
          ["节点", "计划", "实际"],
          ["3月底", 10, 8],
        ],
      },
    ]);
    const s = fake.sheet("S");
    const old = { source: "A1:C2", seriesBy: "Columns", legend: {}, type: "Line" };
    s.charts.push({ ...old, name: CHART_NAME }, { ...old, name: "mine" }, { ...old, name: CHART_NAME });
    const port = new OfficeWorkbook({ run: fake.run, supports: fake.supports });
    const change: WorkbookChange = {
      kind: "chart",
      sheet: "S",
      name: CHART_NAME,
      type: "line",
      title: "t",
      dataRange: "A1:C2",
      anchor: { topLeft: "E1", bottomRight: "K15" },
    };
    await port.apply([change]);
    expect(s.charts.map((c) => [c.name, c.type])).toEqual([
      ["mine", "Line"],
      [CHART_NAME, "Line"],
    ]);
    expect(s.charts[1]).toMatchObject({ title: "t", position: { start: "E1", end: "K15" } });
    expect(port.lastStats).toMatchObject({ syncs: 3, batches: 1 });
    // Twice in one call: still one.
    await port.apply([change, { ...change, title: "u" }]);
    expect(s.charts.filter((c) => c.name === CHART_NAME).map((c) => c.title)).toEqual(["u"]);
  });

  afterAll(() => {
    if (Object.keys(measured).length === 0) return;
    console.log(
      Object.entries(measured)
        .map(
          ([n, m]) =>
            `${n} tables: 生成目标表 ${m.generate.syncs} syncs (${m.generate.chunks} chunking, ` +
            `${m.generate.journal} undo journal; syncs/batches: ` +
            `${m.generate.calls}), largest request ${m.generate.maxRequest} B, response ${m.generate.maxResponse} B; ` +
            `生成汇总表 ${m.summary.syncs} syncs (${m.summary.chunks} chunking, ${m.summary.journal} journal; ` +
            `${m.summary.calls}), largest request ` +
            `${m.summary.maxRequest} B`,
        )
        .join("\n"),
    );
  });
});
