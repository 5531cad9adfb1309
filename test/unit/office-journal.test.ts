/**
 * The Office adapter's journal (src/office/journal.ts) through the pane's actions, against the fake
 * Excel: a command that fails at any sync, or is cancelled after it started writing, leaves the
 * workbook exactly as it was (cell by cell: values, formulas, number formats, formatting, notes,
 * merges, sizes, sheets, names, visibility); 撤销上次操作 after a command that succeeded puts the
 * workbook back, keeping (and listing) what the user edited since; and what the journal costs in
 * syncs does not grow with the number of tables.
 */
import { FakeExcel, type SheetInit } from "../fake-excel";
import { loadSample, stackTables } from "../fake-excel/sample-tables";
import { cellDifferences, observe, type Observed } from "../fake-excel/observe";
import type { SheetData, WorkbookChange } from "../../src/port/workbook";
import { OfficeWorkbook, type CallStats } from "../../src/office/excel-workbook";
import { Journal, UNDO_SHEET_PREFIX, UndoHistory } from "../../src/office/journal";
import { PAYLOAD_BUDGET_BYTES, PAYLOAD_LIMIT_BYTES } from "../../src/office/payload";
import {
  checkAction,
  clearMarksAction,
  generateAction,
  ratesAction,
  summaryAction,
  undoAction,
} from "../../src/taskpane/actions";
import { cancelAction, getState, resetState, setPort, setState } from "../../src/taskpane/state";
import { fixtureDir } from "../fixtures/workbook";
import { FOREST } from "../fixtures/rates-ledger";

jest.setTimeout(600_000);

let tables: SheetData[];

beforeAll(async () => {
  ({ tables } = await loadSample(fixtureDir("office-journal")));
});

/** The Office adapter, keeping every call's statistics. */
class CountingPort extends OfficeWorkbook {
  readonly calls: CallStats[] = [];
  /** The fake's sync numbers of each `apply()` (first, last). */
  readonly applySyncs: [number, number][] = [];
  fake: FakeExcel | null = null;

  override async apply(changes: WorkbookChange[]): Promise<void> {
    const first = (this.fake?.syncCount ?? 0) + 1;
    try {
      await super.apply(changes);
    } finally {
      if (this.lastStats) this.calls.push({ ...this.lastStats });
      this.applySyncs.push([first, this.fake?.syncCount ?? 0]);
    }
  }
}

function inExcel(fake: FakeExcel, budgetBytes?: number): CountingPort {
  resetState();
  setState({ detection: { mode: "excel", platform: "PC" } });
  const port = new CountingPort({ run: fake.run, supports: fake.supports, budgetBytes, history: new UndoHistory() });
  port.fake = fake;
  setPort(port);
  return port;
}

/** A ledger the rates read: two payments to the forestry project (2022). */
const LEDGER: SheetInit = {
  name: "支付明细",
  values: [
    ["日期", "项目编码", "支付金额（元）", "摘要"],
    [44635, FOREST, 200000, "药品"],
    [44701, FOREST, 150000, "飞防费"],
  ],
  numberFormats: [
    ["General", "General", "General", "General"],
    ["yyyy-mm-dd", "General", "#,##0.00", "General"],
    ["yyyy-mm-dd", "General", "#,##0.00", "General"],
  ],
};

/** User sheets with some of everything the journal must keep: notes, widths, names, a hidden sheet. */
function workbook(n: number, extra: SheetInit[] = []): SheetInit[] {
  return [stackTables(tables, "绩效目标", n), { name: "备注", visibility: "hidden", values: [["内部备注"]] }, ...extra];
}

function decorate(fake: FakeExcel): void {
  const s = fake.sheet("绩效目标");
  s.notes.set("A1", "用户的批注");
  s.columnWidths.set(2, 90);
  s.rowHeights.set(3, 30);
  s.ensure(2, 1).format.fill = "#FFFF00";
  fake.names.set("用户名称", { name: "用户名称", formula: "=绩效目标!$A$1" });
}

function expectSame(after: Observed, before: Observed): void {
  expect(cellDifferences(after, before)).toEqual([]);
  expect(after).toEqual(before);
}

/** Without the copies kept for older records (a later command's commit deletes them, by design). */
function withoutCopies(o: Observed): Observed {
  return { ...o, sheets: o.sheets.filter((s) => !s.name.startsWith(UNDO_SHEET_PREFIX)) };
}

type Run = () => Promise<void>;

/**
 * Runs `command` on fresh copies of a workbook, once failing at each of the syncs a successful run
 * takes; every time the workbook must come out as it went in. Returns how many runs failed while
 * writing (the pane then says the workbook was restored).
 */
async function failEverywhere(
  make: () => FakeExcel,
  command: Run,
  budgetBytes?: number,
  before?: (fake: FakeExcel, port: CountingPort) => Promise<void>,
  applyOnly = false,
): Promise<{ syncs: number; restored: number }> {
  const probe = make();
  const port = inExcel(probe, budgetBytes);
  await before?.(probe, port);
  probe.resetStats();
  port.applySyncs.length = 0;
  await command();
  expect(getState().message?.key).not.toBe("messages.failed");
  const syncs = probe.syncCount;
  // Deleting an older record's copies after success (its own run) may fail: the command stands.
  const cleanup = port.lastStats?.method === "commit" ? port.lastStats.syncs : 0;
  let restored = 0;
  const chosen = Array.from({ length: syncs - cleanup }, (_, i) => i + 1).filter(
    (k) => !applyOnly || port.applySyncs.some(([a, b]) => k >= a && k <= b),
  );
  for (const k of chosen) {
    const fake = make();
    const p = inExcel(fake, budgetBytes);
    await before?.(fake, p);
    const start = observe(fake);
    const record = p.history.last;
    fake.resetStats();
    fake.failSync(fake.syncs.length + k);
    await command();
    const m = getState().message;
    expect(m?.key).toBe("messages.failed");
    if (m?.zh?.includes("已全部撤回")) restored++;
    else expect(m?.zh).not.toContain("未能恢复");
    // The same sheets (an earlier command's copies, kept for its undo, included) and cells.
    expectSame(observe(fake), start);
    // A failed command leaves no record: 撤销上次操作 still undoes the one before.
    expect(p.history.last).toBe(record);
  }
  return { syncs, restored };
}

describe("a command that fails at any sync leaves the workbook as it was", () => {
  test("生成目标表 of 50 tables, writes chunked by a small budget", async () => {
    const { syncs, restored } = await failEverywhere(
      () => {
        const f = new FakeExcel(workbook(50));
        decorate(f);
        return f;
      },
      () => generateAction("pane"),
      300_000,
    );
    expect(restored).toBeGreaterThan(3);
    expect(syncs).toBeGreaterThan(restored);
  });
});

describe("more commands failing at any sync", () => {
  test("校验 marking cells on user sheets (notes, fills), a second time replacing its sheets", async () => {
    const make = (): FakeExcel => {
      const f = new FakeExcel(workbook(20));
      decorate(f);
      return f;
    };
    // First check: marks, 校验结果 and the record added.
    const first = await failEverywhere(make, () => checkAction("pane"), 200_000);
    expect(first.restored).toBeGreaterThan(0);
    // Checked before: 校验结果 and the record are replaced (kept as copies until the end).
    const again = await failEverywhere(
      make,
      () => checkAction("pane"),
      200_000,
      async () => {
        await checkAction("pane");
        expect(getState().message?.key).toBe("check.done");
      },
    );
    expect(again.restored).toBeGreaterThan(0);
  });

  test("校验 on ExcelApi 1.8 (no getCellProperties): the marked cells' fills come back all the same", async () => {
    const make = (): FakeExcel => {
      const f = new FakeExcel(workbook(6), { apiVersion: "1.8" });
      decorate(f);
      return f;
    };
    const r = await failEverywhere(make, () => checkAction("pane"));
    expect(r.restored).toBeGreaterThan(0);
  });

  test("清除标记 after a check", async () => {
    const make = (): FakeExcel => new FakeExcel(workbook(10));
    await failEverywhere(
      make,
      () => clearMarksAction("pane"),
      undefined,
      async () => {
        await checkAction("pane");
      },
    );
  });

  test("填充执行率 writing beside the tables of a user sheet and helper columns into the user's ledger", async () => {
    const make = (): FakeExcel => {
      const f = new FakeExcel(workbook(6, [LEDGER]));
      decorate(f);
      return f;
    };
    // Each of the apply's syncs (reading what will change, the writes, reading back); the reads
    // before it leave the workbook alone anyway, as the other tests show.
    // A small budget splits the writes (Excel fills the helper columns, so they are small).
    const r = await failEverywhere(make, () => ratesAction(), 20_000, undefined, true);
    expect(r.restored).toBeGreaterThan(3);
  });

  test("生成汇总表 replacing an earlier summary (names and sheet positions come back)", async () => {
    const make = (): FakeExcel => new FakeExcel(workbook(8));
    await failEverywhere(
      make,
      () => summaryAction(),
      undefined,
      async () => {
        await generateAction("pane");
        await summaryAction();
        expect(getState().message).toMatchObject({ key: "more.summaryDone" });
      },
    );
  });
});

describe("cancel after writing started", () => {
  test("生成目标表: 取消 stays open while writing, and cancelling puts everything back", async () => {
    const fake = new FakeExcel(workbook(30));
    decorate(fake);
    const port = inExcel(fake, 200_000);
    const before = observe(fake);
    let cancellableWhileWriting = false;
    fake.onSync = () => {
      if (port.journalStarted && getState().busy) {
        cancellableWhileWriting = getState().busy!.cancellable;
        cancelAction();
      }
    };
    await generateAction("pane");
    fake.onSync = null;
    expect(cancellableWhileWriting).toBe(true);
    expect(getState().message).toMatchObject({ key: "messages.cancelled" });
    expectSame(observe(fake), before);
    expect(port.history.last).toBeNull();
  });
});

describe("撤销上次操作", () => {
  test("after 生成目标表, 校验 and 填充执行率, each undo gives back the workbook as it was before it", async () => {
    const fake = new FakeExcel(workbook(15, [LEDGER]));
    decorate(fake);
    const port = inExcel(fake, 300_000);
    const s0 = observe(fake);
    await generateAction("pane");
    expect(port.history.last?.label).toBe("generate");
    await undoAction();
    expect(getState().message).toMatchObject({ key: "undo.done", zh: "生成目标表", intent: "success" });
    expectSame(observe(fake), s0);
    expect(port.history.last).toBeNull();

    await generateAction("pane");
    const s1 = observe(fake);
    await checkAction("pane");
    expect(port.history.last?.label).toBe("check");
    await undoAction();
    expectSame(withoutCopies(observe(fake)), withoutCopies(s1));

    await checkAction("pane");
    const s2 = observe(fake);
    await ratesAction();
    expect(getState().message).toMatchObject({ key: "more.ratesDone" });
    expect(port.history.last?.label).toBe("rates");
    await undoAction();
    expectSame(withoutCopies(observe(fake)), withoutCopies(s2));
    // The checks' copies were cleaned up by the later commands; nothing is left behind.
    expect(fake.sheetNames().filter((n) => n.startsWith(UNDO_SHEET_PREFIX))).toEqual([]);
    await undoAction();
    expect(getState().message).toMatchObject({ key: "undo.nothing" });
  });

  test("cells the user edited after the command keep the edit and are listed; the rest is restored", async () => {
    const fake = new FakeExcel(workbook(6, [LEDGER]));
    const port = inExcel(fake);
    const before = observe(fake);
    await ratesAction();
    expect(getState().message).toMatchObject({ key: "more.ratesDone" });
    // The cells 填充执行率 wrote on the user's sheet, as the journal read them back.
    const written = Object.entries(observe(fake).sheets.find((s) => s.name === "绩效目标")!.cells).filter(
      ([addr, c]) => JSON.stringify(c) !== JSON.stringify(before.sheets[0].cells[addr]),
    );
    expect(written.length).toBeGreaterThan(2);
    const edited = written.find(([, c]) => c.formula !== null)![0];
    fake.cell("绩效目标", edited)!.formula = undefined;
    fake.cell("绩效目标", edited)!.value = 0.5;
    await undoAction();
    const m = getState().message!;
    expect(m).toMatchObject({ key: "undo.done", intent: "warning" });
    expect(m.more).toContainEqual({ key: "undo.keptCells", params: { count: 1, cells: `绩效目标!${edited}` } });
    const after = observe(fake);
    expect(cellDifferences(after, before)).toEqual([`绩效目标!${edited}`]);
    expect(after.sheets[0].cells[edited]).toMatchObject({ value: 0.5, formula: null });
    expect(port.history.last).toBeNull();
  });

  test("a generated sheet the user edited is kept; the others go", async () => {
    const fake = new FakeExcel(workbook(3));
    inExcel(fake);
    const before = observe(fake).sheets.map((s) => s.name);
    await generateAction("pane");
    const added = fake.sheetNames().filter((n) => !before.includes(n) && !n.startsWith("_ptsheet"));
    const target = added.find((n) => n !== "目录")!;
    fake.sheet(target).ensure(40, 2).value = "用户补充的说明";
    await undoAction();
    expect(getState().message?.more).toContainEqual({
      key: "undo.keptSheets",
      params: { count: 1, names: target },
    });
    // The user's sheets, in their order, and the edited one; every other added sheet is gone.
    const own = (names: string[]): string[] => names.filter((n) => !n.startsWith("_ptsheet"));
    expect(own(fake.sheetNames()).filter((n) => n !== target)).toEqual(own(before));
    expect(fake.sheetNames()).toContain(target);
    expect(added.length).toBeGreaterThan(2);
    expect(fake.sheet(target).get(40, 2)?.value).toBe("用户补充的说明");
  });
});

describe("what the journal costs", () => {
  /** The same adapter without a journal: `beginJournal` hands out one that nothing fills. */
  class PlainPort extends CountingPort {
    override beginJournal(): Journal {
      return new Journal();
    }
  }

  async function measure(
    n: number,
    command: Run,
    journal: boolean,
    extra: SheetInit[],
  ): Promise<{ syncs: number; runs: number; stats: CallStats[]; maxRequest: number; maxResponse: number }> {
    const fake = new FakeExcel(workbook(n, extra));
    decorate(fake);
    resetState();
    setState({ detection: { mode: "excel", platform: "PC" } });
    const options = { run: fake.run, supports: fake.supports, history: new UndoHistory() };
    const port = journal ? new CountingPort(options) : new PlainPort(options);
    port.fake = fake;
    setPort(port);
    await command();
    expect(getState().message?.key).not.toBe("messages.failed");
    return {
      syncs: fake.syncCount,
      runs: fake.runs,
      stats: port.calls,
      maxRequest: fake.maxRequestBytes,
      maxResponse: fake.maxResponseBytes,
    };
  }

  const figures: string[] = [];

  test.each([
    ["校验", () => checkAction("pane"), []],
    ["生成目标表", () => generateAction("pane"), []],
    // The ledger's helper columns (5,000 rows past the last payment) are read before and put back.
    ["填充执行率", () => ratesAction(), [LEDGER]],
  ] as [string, Run, SheetInit[]][])(
    "%s: extra syncs for 1, 10 and 200 tables stay bounded",
    async (name, command, sheets) => {
      const extra: number[] = [];
      for (const n of [1, 10, 200]) {
        const plain = await measure(n, command, false, sheets);
        const kept = await measure(n, command, true, sheets);
        const apply = kept.stats.filter((s) => s.method === "apply");
        const journalSyncs = apply.reduce((k, s) => k + (s.journalSyncs ?? 0), 0);
        const journalBytes = apply.reduce((k, s) => k + (s.journalBytes ?? 0), 0);
        extra.push(kept.syncs - plain.syncs);
        // Never more than a read before and one after, plus one per further budget's worth of reading.
        expect(kept.syncs - plain.syncs).toBeLessThanOrEqual(2 + Math.ceil(journalBytes / PAYLOAD_BUDGET_BYTES));
        // Every sync stays under Excel's 5 MB, the journal's reads included.
        expect(kept.maxRequest).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
        expect(kept.maxResponse).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
        expect(kept.runs).toBe(plain.runs);
        figures.push(
          `${name} ${n} tables: ${plain.syncs} → ${kept.syncs} syncs (+${kept.syncs - plain.syncs}; journal reads ${journalSyncs} syncs, ~${Math.round(journalBytes / 1024)} KB planned); largest response ${Math.round(plain.maxResponse / 1024)} → ${Math.round(kept.maxResponse / 1024)} KB`,
        );
      }
      // 校验: one read before the writes, shared with the notes probe it needs anyway, and one after;
      // 生成目标表 writes only new sheets and names: nothing to read before, one read back after;
      // 填充执行率: one read before and one after for a small workbook; what it reads grows with the
      // cells it rewrites beside the tables (checked against the budget above).
      if (name === "填充执行率") expect(extra[0]).toBe(2);
      else expect(extra).toEqual([1, 1, 1]);
    },
  );

  afterAll(() => {
    process.stdout.write(`\n${figures.join("\n")}\n`);
  });
});
