/**
 * The pane's 校验: the view logic (grouping, filters, which tables an edit touches, merging a
 * re-check, fix previews), the edit batcher (debounce, own writes ignored), the Office edit watcher
 * against a stub host, and the check workflow and actions on the bundled sample through the ExcelJS
 * adapter (cancel before writing leaves the workbook untouched; fixes only on confirmation).
 */
import { mkdtempSync, promises as fs } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { buildSample } from "../../scripts/build-sample";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import type { WorkbookChange, WorkbookPort } from "../../src/port/workbook";
import type { Finding, Severity } from "../../src/core/rules/types";
import { CHECK_RECORD } from "../../src/commands/check";
import { storeSheetName } from "../../src/core/store";
import {
  ALL_SEVERITIES,
  changedNames,
  countsOf,
  fixPreview,
  fixableIds,
  groupFindings,
  localTime,
  matchTables,
  mergeRecheck,
  parseArea,
  remapFindings,
  tablesToRecheck,
  toggleSeverity,
  touchedTables,
  verdictOf,
  type CheckView,
  type TableRef,
} from "../../src/taskpane/check-view";
import { EditBatcher, type Timers } from "../../src/taskpane/live-check";
import { recheckSnapshot, runCheck, runClearMarks, runFixes, sinceLastCheck } from "../../src/taskpane/check-workflow";
import { CHECK_RECORD_SHEET, recognize } from "../../src/taskpane/workflow";
import { runAction, type ActionContext } from "../../src/taskpane/runner";
import { localAddress, watchEdits, type CellEdit } from "../../src/office/edits";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import {
  applyFixesAction,
  checkAction,
  clearMarksAction,
  generateAction,
  ratesAction,
  summaryAction,
  selectFindingAction,
  toggleSeverityFilter,
} from "../../src/taskpane/actions";
import { readWorkbook } from "../../src/core/reader";
import { countBySeverity, verdictOf as reportVerdict } from "../../src/core/check/report";

jest.setTimeout(60_000);

function finding(tableIndex: number, severity: Severity, cell: string, extra: Partial<Finding> = {}): Finding {
  return {
    rule: "r",
    severity,
    sheet: "S",
    cell,
    cells: [{ sheet: "S", cell }],
    table: `T${tableIndex}`,
    tableIndex,
    profile: "legacy",
    message: `问题 ${cell}`,
    messageEn: `Finding ${cell}`,
    fix: null,
    ...extra,
  };
}

const T = (key: string, range: string, sheet = "S"): TableRef => ({ key, name: `名称${key}`, code: key, sheet, range });

function view(tables: TableRef[], findings: Finding[], marked = true): CheckView {
  return {
    findings,
    tables,
    profileChoice: "auto",
    checkedAt: "2022-06-01T00:00:00.000Z",
    marked,
    rechecked: [],
    changed: null,
  };
}

describe("check view", () => {
  const tables = [T("A", "A1:G10"), T("B", "A12:G20"), T("C", "A22:G30")];
  const v = view(tables, [
    finding(0, "warning", "B2"),
    finding(0, "info", "C3"),
    finding(2, "error", "B25"),
    finding(2, "info", "B26"),
  ]);

  test("findings grouped by table in order; the filter hides severities but not the counts", () => {
    const all = groupFindings(v, ALL_SEVERITIES);
    expect(all.map((g) => [g.table.key, g.items.map((i) => i.id)])).toEqual([
      ["A", [0, 1]],
      ["C", [2, 3]],
    ]);
    expect(all[0].counts).toEqual({ error: 0, warning: 1, info: 1 });
    const noInfo = toggleSeverity(ALL_SEVERITIES, "info");
    expect(noInfo).toEqual({ error: true, warning: true, info: false });
    expect(ALL_SEVERITIES.info).toBe(true);
    const filtered = groupFindings(v, noInfo);
    expect(filtered.map((g) => g.items.map((i) => i.finding.cell))).toEqual([["B2"], ["B25"]]);
    expect(filtered[1].counts).toEqual({ error: 1, warning: 0, info: 1 });
    expect(groupFindings(v, { error: false, warning: false, info: true }).map((g) => g.table.key)).toEqual(["A", "C"]);
    expect(groupFindings(v, { error: true, warning: false, info: false }).map((g) => g.table.key)).toEqual(["C"]);
  });

  test.each([
    ["B7", { top: 7, left: 2, bottom: 7, right: 2 }],
    ["A3:G3", { top: 3, left: 1, bottom: 3, right: 7 }],
    ["$C$5:$A$2", { top: 2, left: 1, bottom: 5, right: 3 }],
    ["'我的 表'!D4", { top: 4, left: 4, bottom: 4, right: 4 }],
    ["5:6", { top: 5, left: 1, bottom: 6, right: 16384 }],
    ["B:D", { top: 1, left: 2, bottom: 1048576, right: 4 }],
  ])("parseArea(%s)", (address, rect) => {
    expect(parseArea(address)).toEqual(rect);
  });

  test("parseArea refuses what is not an address", () => {
    expect(parseArea("#REF!")).toBeNull();
    expect(parseArea("")).toBeNull();
  });

  test("an edit touches the tables it falls in, or just below or right of", () => {
    expect(touchedTables(tables, [{ sheet: "S", address: "C5" }])).toEqual([0]);
    expect(touchedTables(tables, [{ sheet: "s", address: "H11" }])).toEqual([0]);
    expect(touchedTables(tables, [{ sheet: "S", address: "J5" }])).toEqual([]);
    expect(touchedTables(tables, [{ sheet: "Other", address: "C5" }])).toEqual([]);
    expect(touchedTables(tables, [{ sheet: "S", address: "15:15" }])).toEqual([1]);
    expect(touchedTables(tables, [{ sheet: "S", address: "A1:A40" }])).toEqual([0, 1, 2]);
    expect(touchedTables(tables, [{ sheet: "S", address: "X" }])).toEqual([]);
  });

  test("tables are matched by sheet and key; duplicates in order", () => {
    expect(
      matchTables([T("A", "A1"), T("B", "A2"), T("A", "A3")], [T("B", "A1"), T("A", "A2"), T("A", "A3"), T("Z", "A4")]),
    ).toEqual([1, 0, 2, -1]);
    expect(matchTables([T("A", "A1", "S1")], [T("A", "A1", "S2")])).toEqual([-1]);
  });

  test("a re-check replaces the touched tables' findings and keeps the others'", () => {
    // Table B grew by a row and moved nothing; a new table D appeared; table C is gone.
    const next = [T("A", "A1:G10"), T("B", "A12:G21"), T("D", "A40:G50")];
    const edits = [{ sheet: "S", address: "B21" }];
    const redo = tablesToRecheck(v, next, edits);
    expect(redo).toEqual([1, 2]);
    const fresh = remapFindings([finding(0, "error", "B21"), finding(1, "info", "B41")], redo);
    expect(fresh.map((f) => f.tableIndex)).toEqual([1, 2]);
    const merged = mergeRecheck(v, next, redo, fresh, "2022-06-02T00:00:00.000Z");
    expect(merged.tables).toBe(next);
    expect(merged.findings.map((f) => [f.tableIndex, f.cell])).toEqual([
      [0, "B2"],
      [0, "C3"],
      [1, "B21"],
      [2, "B41"],
    ]);
    expect(merged.rechecked).toEqual(["B", "D"]);
    expect(merged.checkedAt).toBe("2022-06-02T00:00:00.000Z");
    // Without marks in the workbook there is nothing to call out of date.
    expect(mergeRecheck({ ...v, marked: false }, next, redo, fresh, "x").rechecked).toEqual([]);
  });

  test("an edit where a table was (now moved) re-checks it", () => {
    const next = [T("A", "A1:G10"), T("B", "A14:G22"), T("C", "A24:G32")];
    expect(tablesToRecheck(v, next, [{ sheet: "S", address: "A13" }])).toEqual([1]);
  });

  test("fix previews list every edit; fixable ids follow the filter", () => {
    const fix = {
      description: "改为半角",
      descriptionEn: "half-width",
      edits: [{ sheet: "S", cell: "F2", kind: "text" as const, from: "％", to: "%" }],
    };
    const fv = view(tables, [
      finding(0, "info", "F2", { fix }),
      finding(0, "warning", "B2"),
      finding(1, "info", "F13", { fix }),
    ]);
    expect(fixableIds(fv)).toEqual([0, 2]);
    expect(fixableIds(fv, { error: true, warning: true, info: false })).toEqual([]);
    expect(fixPreview(fv, [0, 1, 2])).toEqual([
      { findingId: 0, edit: fix.edits[0], description: "改为半角", descriptionEn: "half-width" },
      { findingId: 2, edit: fix.edits[0], description: "改为半角", descriptionEn: "half-width" },
    ]);
  });

  test("changed tables by name; local time", () => {
    expect(changedNames(["A", "gone"], tables)).toEqual(["名称A", "gone"]);
    expect(localTime("nonsense")).toBe("nonsense");
    expect(localTime(new Date(2022, 5, 1, 9, 5).toISOString())).toBe("2022-06-01 09:05");
  });

  test("verdict and counts are the report's", () => {
    for (const findings of [[], v.findings, v.findings.slice(0, 2), v.findings.slice(1, 2)]) {
      expect(verdictOf(findings)).toBe(reportVerdict(findings));
      expect(countsOf(findings)).toEqual(countBySeverity(findings));
    }
  });

  test("the record sheet the pane looks for is the check command's", () => {
    expect(CHECK_RECORD_SHEET).toBe(storeSheetName(CHECK_RECORD));
  });
});

describe("edit batcher", () => {
  function clock() {
    let now = 0;
    let next = 1;
    const timers = new Map<number, { at: number; fn: () => void }>();
    const t: Timers & { advance(ms: number): void } = {
      now: () => now,
      set: (fn, ms) => {
        timers.set(next, { at: now + ms, fn });
        return next++;
      },
      clear: (h) => void timers.delete(h as number),
      advance(ms) {
        const end = now + ms;
        for (;;) {
          const due = [...timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
          if (!due) break;
          timers.delete(due[0]);
          now = due[1].at;
          due[1].fn();
        }
        now = end;
      },
    };
    return t;
  }

  test("edits are handed over once, 1.5 s after the last, without duplicates", () => {
    const timers = clock();
    const flushed: string[][] = [];
    const b = new EditBatcher((e) => flushed.push(e.map((x) => x.address)), { timers });
    b.push({ sheet: "S", address: "B2" });
    timers.advance(1000);
    b.push({ sheet: "S", address: "B3" });
    b.push({ sheet: "S", address: "B2" });
    timers.advance(1499);
    expect(flushed).toEqual([]);
    timers.advance(1);
    expect(flushed).toEqual([["B2", "B3"]]);
    expect(b.pendingEdits).toEqual([]);
  });

  test("the add-in's own writes are not edits: during them, shortly after, or when Excel says so", async () => {
    const timers = clock();
    const flushed: string[][] = [];
    const b = new EditBatcher((e) => flushed.push(e.map((x) => x.address)), { timers, graceMs: 1000 });
    expect(b.push({ sheet: "S", address: "A1", byThisAddin: true })).toBe(false);
    await b.ownWrite(async () => {
      expect(b.push({ sheet: "S", address: "A2" })).toBe(false);
    });
    expect(b.push({ sheet: "S", address: "A3" })).toBe(false);
    timers.advance(1000);
    expect(b.push({ sheet: "S", address: "A4" })).toBe(true);
    timers.advance(1500);
    expect(flushed).toEqual([["A4"]]);
  });

  test("a flush due while the add-in writes waits until the write is over", async () => {
    const timers = clock();
    const flushed: string[][] = [];
    const b = new EditBatcher((e) => flushed.push(e.map((x) => x.address)), { timers, graceMs: 100 });
    b.push({ sheet: "S", address: "A1" });
    let release: () => void = () => undefined;
    const write = b.ownWrite(() => new Promise<void>((r) => (release = r)));
    timers.advance(1500);
    expect(flushed).toEqual([]);
    release();
    await write;
    timers.advance(1500);
    expect(flushed).toEqual([["A1"]]);
  });

  test("paused (pane hidden) and cancel drop edits", () => {
    const timers = clock();
    const flushed: string[][] = [];
    const b = new EditBatcher((e) => flushed.push(e.map((x) => x.address)), { timers });
    b.push({ sheet: "S", address: "A1" });
    b.setPaused(true);
    expect(b.push({ sheet: "S", address: "A2" })).toBe(false);
    timers.advance(5000);
    b.setPaused(false);
    b.push({ sheet: "S", address: "A3" });
    b.cancel();
    timers.advance(5000);
    expect(flushed).toEqual([]);
  });
});

describe("Office edit watcher (stub host)", () => {
  type Handler = (args: Excel.WorksheetChangedEventArgs) => Promise<void>;

  function host(apiVersion: string) {
    const handlers: { on: string; fn: Handler; removed: boolean }[] = [];
    const sheetIds = new Map([
      ["{1}", "绩效目标"],
      ["{2}", "其他"],
    ]);
    const events = (on: string) => ({
      add: (fn: Handler) => {
        const h = { on, fn, removed: false };
        handlers.push(h);
        return { remove: () => (h.removed = true), context: { sync: async () => undefined } };
      },
    });
    const ctx = {
      workbook: {
        worksheets: {
          load: () => undefined,
          items: [...sheetIds].map(([id, name]) => ({ id, name, onChanged: events(`sheet ${name}`) })),
          onChanged: events("collection"),
          onAdded: events("added"),
          onNameChanged: events("renamed"),
          getItemOrNullObject: (id: string) => ({
            load: () => undefined,
            isNullObject: id !== "{3}",
            name: "新表",
          }),
        },
      },
      sync: async () => undefined,
    };
    let runs = 0;
    const run = async <R>(batch: (c: Excel.RequestContext) => Promise<R>): Promise<R> => {
      runs++;
      return batch(ctx as unknown as Excel.RequestContext);
    };
    const minor = (v: string) => Number(v.split(".")[1]);
    const supports = (set: string, version: string) => set === "ExcelApi" && minor(version) <= minor(apiVersion);
    return { handlers, run, supports, runs: () => runs };
  }

  function args(worksheetId: string, address: string, triggerSource = "Unknown"): Excel.WorksheetChangedEventArgs {
    return { worksheetId, address, triggerSource } as unknown as Excel.WorksheetChangedEventArgs;
  }

  test("ExcelApi 1.9+: one handler on the collection; ids become names; own changes flagged", async () => {
    const h = host("1.18");
    const seen: CellEdit[] = [];
    const watch = await watchEdits((e) => seen.push(e), { run: h.run, supports: h.supports });
    expect(h.handlers.map((x) => x.on)).toEqual(["collection", "renamed"]);
    await h.handlers[0].fn(args("{1}", "B7"));
    await h.handlers[0].fn(args("{2}", "其他!A1:C3", "ThisLocalAddin"));
    await h.handlers[1].fn({ worksheetId: "{1}", nameAfter: "改名" } as unknown as Excel.WorksheetChangedEventArgs);
    await h.handlers[0].fn(args("{1}", "C8"));
    await h.handlers[0].fn(args("{3}", "A1"));
    await h.handlers[0].fn(args("{9}", "A1"));
    expect(seen).toEqual([
      { sheet: "绩效目标", address: "B7", byThisAddin: false },
      { sheet: "其他", address: "A1:C3", byThisAddin: true },
      { sheet: "改名", address: "C8", byThisAddin: false },
      { sheet: "新表", address: "A1", byThisAddin: false },
    ]);
    await watch!.stop();
    expect(h.handlers.every((x) => x.removed)).toBe(true);
    await h.handlers[0].fn(args("{1}", "B9"));
    expect(seen).toHaveLength(4);
  });

  test("ExcelApi 1.7: one handler per sheet and one for sheets added later; older hosts: none", async () => {
    const h = host("1.7");
    const watch = await watchEdits(() => undefined, { run: h.run, supports: h.supports });
    expect(watch).not.toBeNull();
    expect(h.handlers.map((x) => x.on)).toEqual(["sheet 绩效目标", "sheet 其他", "added"]);
    const old = host("1.6");
    expect(await watchEdits(() => undefined, { run: old.run, supports: old.supports })).toBeNull();
    expect(old.runs()).toBe(0);
  });

  test("addresses lose their sheet and $", () => {
    expect(localAddress("'a b'!$A$1:$B$2")).toBe("A1:B2");
    expect(localAddress("C3")).toBe("C3");
  });
});

describe("check workflow on the sample (ExcelJS)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "pane-check-"));
  let bytes: Buffer;

  beforeAll(async () => {
    bytes = await fs.readFile(await buildSample(undefined, path.join(dir, "sample.xlsx")));
  });

  const load = () => ExcelJsWorkbook.load(bytes);

  function spy(inner: WorkbookPort) {
    const applied: WorkbookChange[][] = [];
    const port: WorkbookPort = {
      listSheets: () => inner.listSheets(),
      read: (o) => inner.read(o),
      apply: async (c) => {
        applied.push(c);
        await inner.apply(c);
      },
      readLooks: (c) => inner.readLooks(c),
    };
    return { port, applied };
  }

  const write = (port: WorkbookPort) => (c: WorkbookChange[]) => port.apply(c);

  async function run<R>(body: (ctx: ActionContext) => Promise<R>, abortAt?: string) {
    const controller = new AbortController();
    return runAction(
      controller,
      (p) => {
        if (p.step === abortAt) controller.abort();
      },
      body,
    );
  }

  test("a cancel before the writing leaves the workbook untouched", async () => {
    for (const step of ["reading", "checking"]) {
      const wb = await load();
      const { port, applied } = spy(wb);
      const outcome = await run((ctx) => runCheck(port, ctx, write(port)), step);
      expect(outcome.status).toBe("cancelled");
      expect(applied).toEqual([]);
      expect((await wb.listSheets()).map((s) => s.name)).toEqual(["绩效目标"]);
    }
  });

  test("校验 writes marks and 校验结果 first; the view lists the text-amount warning; opening again says nothing changed", async () => {
    const wb = await load();
    const { port, applied } = spy(wb);
    const outcome = await run((ctx) => runCheck(port, ctx, write(port)));
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(applied).toHaveLength(1);
    const { view } = outcome.value;
    expect((await wb.listSheets())[0].name).toBe("校验结果");
    expect(view.tables).toHaveLength(6);
    expect(view.marked).toBe(true);
    const groups = groupFindings(view, ALL_SEVERITIES);
    const last = groups.find((g) => g.table.name === "徐水区绿化占地土地流转金")!;
    expect(last.items.map((i) => i.finding.rule)).toContain("text-amount");
    expect(groupFindings(view, { error: true, warning: true, info: false }).flatMap((g) => g.items).length).toBe(4);
    expect(fixableIds(view)).toHaveLength(3);

    const snapshot = await wb.read();
    const since = sinceLastCheck(snapshot, readWorkbook(snapshot));
    expect(since).toMatchObject({ changed: [] });
    const rec = await run((ctx) => recognize(wb, ctx));
    expect(rec.status === "done" && rec.value.since?.changed).toEqual([]);

    // An edit to one table: the pane on opening names it.
    await wb.apply([{ kind: "setValues", sheet: "绩效目标", anchor: "F152", values: [["≥95%"]] }]);
    const again = await run((ctx) => recognize(wb, ctx));
    expect(again.status === "done" && again.value.since?.changed).toEqual(["徐水区绿化占地土地流转金"]);

    // Re-checking that edit: only that table is checked again; its fixed finding is gone.
    const after = recheckSnapshot(view, await wb.read(), [{ sheet: "绩效目标", address: "F152" }]);
    expect(after.rechecked.map((i) => after.read.tables[i].name)).toEqual(["徐水区绿化占地土地流转金"]);
    expect(after.view.findings.some((f) => f.cell === "F152")).toBe(false);
    expect(after.view.findings.some((f) => f.cell === "F151")).toBe(true);
    expect(after.view.findings).toHaveLength(view.findings.length - 1);
    expect(after.view.rechecked).toEqual([last.table.key]);
  });

  test("a fix changes only its cell, only when asked; 清除标记 restores the looks", async () => {
    const wb = await load();
    const checked = await run((ctx) => runCheck(wb, ctx, write(wb)));
    if (checked.status !== "done") throw new Error("check failed");
    const view = checked.value.view;
    const id = fixableIds(view)[0];
    const target = view.findings[id];
    expect(fixPreview(view, [id])).toEqual([
      expect.objectContaining({ edit: expect.objectContaining({ cell: target.cell, from: "％", to: "%" }) }),
    ]);
    const { port, applied } = spy(wb);
    const fixed = await run((ctx) => runFixes(port, ctx, write(port), view, [target]));
    expect(fixed.status).toBe("done");
    if (fixed.status !== "done") return;
    expect(fixed.value).toMatchObject({ applied: 1, skipped: 0 });
    expect(applied).toEqual([[{ kind: "setValues", sheet: "绩效目标", anchor: target.cell, values: [["≥90%"]] }]]);
    expect(fixed.value.view.findings).toHaveLength(view.findings.length - 1);
    // The same fix again: the cell no longer holds what it expects, so nothing is written.
    const twice = await run((ctx) => runFixes(port, ctx, write(port), fixed.value.view, [target]));
    expect(twice.status === "done" && twice.value).toMatchObject({ applied: 0, skipped: 1 });
    expect(applied).toHaveLength(1);

    const looks = await wb.readLooks([{ sheet: "绩效目标", cell: "B147" }]);
    expect(looks[0].fill).not.toBeNull();
    const cleared = await run((ctx) => runClearMarks(wb, ctx, write(wb)));
    expect(cleared.status === "done" && cleared.value).toBeGreaterThan(0);
    expect((await wb.readLooks([{ sheet: "绩效目标", cell: "B147" }]))[0]).toEqual({ fill: null, note: null });
    expect((await wb.listSheets()).map((s) => s.name)).not.toContain("校验结果");
  });
});

describe("pane actions in browser mode", () => {
  let bytes: Buffer;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pane-actions-"));
    bytes = await fs.readFile(await buildSample(undefined, path.join(dir, "sample.xlsx")));
  });

  test("校验, filters, a finding's location, fixes and 清除标记 update the state", async () => {
    resetState();
    setState({ detection: { mode: "browser", reason: "absent" }, file: { name: "sample.xlsx", size: bytes.length } });
    const wb = await ExcelJsWorkbook.load(bytes);
    setPort(wb);
    await checkAction("pane");
    let s = getState();
    expect(s.tab).toBe("check");
    expect(s.unsaved).toBe(true);
    expect(s.message).toMatchObject({ intent: "warning", key: "check.doneBrowser", params: { tables: 6, errors: 0 } });
    expect(s.result?.tables).toHaveLength(6);

    toggleSeverityFilter("info");
    expect(getState().severityFilter).toEqual({ error: true, warning: true, info: false });

    await selectFindingAction(3);
    expect(getState().selectedFinding).toBe(3);
    await selectFindingAction(3);
    expect(getState().selectedFinding).toBeNull();

    const ids = fixableIds(getState().check!);
    await applyFixesAction(ids.map((id) => getState().check!.findings[id]));
    s = getState();
    expect(s.message).toMatchObject({ intent: "success", key: "fix.applied", params: { count: 3 } });
    expect(fixableIds(s.check!)).toEqual([]);
    expect(s.check?.rechecked).toHaveLength(1);

    await clearMarksAction("pane");
    s = getState();
    expect(s.message).toMatchObject({ key: "check.clearedBrowser" });
    expect(s.check?.marked).toBe(false);
    await clearMarksAction("pane");
    expect(getState().message).toMatchObject({ key: "check.nothingToClear" });
  });

  test("生成目标表, 生成汇总表 and 填充执行率 from the pane run the commands on the page's copy", async () => {
    resetState();
    setState({ detection: { mode: "browser", reason: "absent" }, file: { name: "sample.xlsx", size: bytes.length } });
    const wb = await ExcelJsWorkbook.load(bytes);
    setPort(wb);
    await generateAction("pane");
    let s = getState();
    expect(s.message).toMatchObject({ key: "more.generated", params: { created: 6, replaced: 0 } });
    expect(s.result?.tables).toHaveLength(6);
    expect(s.result?.tables.every((t) => t.layout === "generated")).toBe(true);
    expect(s.unsaved).toBe(true);
    await summaryAction();
    s = getState();
    expect(s.message).toMatchObject({ key: "more.summaryDone", params: { tables: 6 } });
    // The page cannot draw the chart (ExcelJS): it says the chart is made in Excel only.
    expect(s.message?.more?.map((m) => m.key)).toEqual(["more.summaryUnchecked", "chart.browser"]);
    await ratesAction();
    s = getState();
    expect(s.message).toMatchObject({ key: "more.ratesDone", params: { tables: 6 } });
    const names = (await wb.listSheets()).map((n) => n.name);
    expect(names).toEqual(expect.arrayContaining(["汇总表", "目录"]));
  });

  test("without a workbook the actions say to open one", async () => {
    resetState();
    setPort(null);
    await checkAction("pane");
    expect(getState().message).toMatchObject({ key: "settings.needWorkbook" });
  });
});
