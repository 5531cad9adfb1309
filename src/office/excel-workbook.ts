/**
 * The workbook port over Office.js, for the add-in. Only `src/office/` touches the `Excel` and
 * `Office` globals; everything here takes them injected so that tests run it against a fake Excel.
 *
 * Every port call is one `Excel.run`, and its `context.sync` calls are bounded by a constant however
 * many sheets the workbook has, plus the extra batches that keep each request and response under
 * Excel on the web's 5 MB payload limit (and each range read under five million cells):
 *
 * - `listSheets()`: 1 sync for the sheets (name, visibility), 1 for the used ranges, 1 for the merged
 *   areas (the port's used range includes merges, as the ExcelJS adapter's does) — 3, or 2 when the
 *   host lacks ExcelApi 1.13.
 * - `read()`: the same 2 layout syncs, then the data syncs: values, text (and formulas, number
 *   formats) of all sheets' used ranges together with the merged-area queries, packed into as few
 *   syncs as fit the 4 MB budget — 3 for any workbook whose data fits one budget, +1 per further
 *   budget's worth, +1 per batch Excel rejects as too large (then re-planned smaller).
 * - `apply()`: 1 sync to check the sheets (names, protection, the events setting), then one sync per
 *   4 MB of writes, the last one also restoring events and recalculating — 2 for any change list under
 *   4 MB; +1 when `setLook` changes notes (which cells have one); +1 when a `chart` change draws on a
 *   sheet that exists (the names of its charts); +1 when a write fails, to restore in `finally`.
 *   Inside a journal (`beginJournal`, see `journal.ts`) the notes probe also reads what the changes
 *   will overwrite (a sync of its own when there is no notes probe and something on an existing
 *   sheet changes), and one sync after the writes reads back what was written.
 * - `readLooks()`: 1 sync per 4 MB of requests (about 10,000 cells).
 *
 * Reads are planned in JSON bytes (see `payload.ts`): the first data batch at 40 B per cell for values
 * and text, later ones at what was measured; a batch Excel refuses as too large is planned again,
 * smaller. Writes are measured exactly before they are sent. Office errors become `OfficeWorkbookError`s
 * with a Chinese `message` and an English `messageEn` (see `errors.ts`).
 */
import type {
  CellLook,
  CellValue,
  ReadOptions,
  SheetData,
  SheetInfo,
  WorkbookChange,
  WorkbookPort,
  WorkbookSnapshot,
} from "../port/workbook";
import { parseRange, rangeAddress, type RangeRef } from "../core/address";
import {
  INITIAL_BYTES_PER_CELL,
  MIN_BYTES_PER_CELL_PER_PROPERTY,
  OP_OVERHEAD_BYTES,
  PAYLOAD_BUDGET_BYTES,
  PAYLOAD_LIMIT_BYTES,
  ReadPlanner,
  jsonBytes,
  packInOrder,
  rectCells,
  utf8Length,
  type ReadTask,
  type Rect,
} from "./payload";
import { isPayloadError, toWorkbookError, workbookProtectedError } from "./errors";
import {
  SheetProxies,
  chartSheetsToProbe,
  checkChanges,
  compile,
  isStructural,
  noteKey,
  type WriteContext,
} from "./writes";
import { portFill } from "./looks";
import { Journal, runLoads, undoHistory, type RestoreReport, type UndoHistory } from "./journal";

/** A cancel or other stop raised by the journal's checkpoint between write syncs: passed on as it is. */
class JournalStop {
  constructor(readonly error: unknown) {}
}

/** Runs a batch against the workbook: `Excel.run` in the add-in, the fake's `run` in tests. */
export type ExcelRunner = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** `Office.context.requirements.isSetSupported`, injected. */
export type HostSupports = (set: string, version: string) => boolean;

/** The requirement sets the adapter uses. Without `minimum` it cannot work at all. */
export const EXCEL_API = {
  /** `getUsedRangeOrNullObject`, `getItemOrNullObject`. */
  minimum: "1.4",
  /** `Application.suspendApiCalculationUntilNextSync`. */
  suspendCalculation: "1.6",
  /** `Workbook.protection`. */
  workbookProtection: "1.7",
  /** `Runtime.enableEvents`. */
  events: "1.8",
  /** `Application.suspendScreenUpdatingUntilNextSync`. */
  screenUpdating: "1.9",
  /** `Worksheet.freezePanes`. */
  freezePanes: "1.7",
  /** `Range.dataValidation`. */
  dataValidation: "1.8",
  /** `Range.autoFill`. */
  autoFill: "1.9",
  /** `Worksheet.pageLayout`, `RangeFill.pattern`. */
  pageLayout: "1.9",
  /** `Range.getMergedAreasOrNullObject`. */
  mergedAreas: "1.13",
  /** `Worksheet.notes`. */
  notes: "1.18",
} as const;

export const excelRun: ExcelRunner = (batch) => Excel.run(batch);

export function officeSupports(set: string, version: string): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
}

/** Something the last call could not do, for the task pane to show beside the diagnostics. */
export interface AdapterNotice {
  code: "mergesUnavailable" | "writesSkipped";
  message: string;
  messageEn: string;
}

/** What the last port call cost, as the adapter counted it. */
export interface CallStats {
  method: "listSheets" | "read" | "apply" | "readLooks" | "restore" | "commit";
  syncs: number;
  /** Data batches (reads) or write batches (apply). */
  batches: number;
  /** Batches Excel rejected as too large, then re-planned. */
  rejected: number;
  /** The largest payload a sync was planned or measured to carry. */
  maxPayloadBytes: number;
  /** Of `syncs`: those the journal added (reading what will change, and what was written). */
  journalSyncs?: number;
  /** Bytes the journal's reads were planned at, all syncs together. */
  journalBytes?: number;
}

export interface OfficeWorkbookOptions {
  run?: ExcelRunner;
  supports?: HostSupports;
  /** Payload budget per sync, in JSON bytes; 4 MB unless a test needs less. */
  budgetBytes?: number;
  /** Where the last command's record is kept; the page's shared one unless a test needs its own. */
  history?: UndoHistory;
}

/** Rejected batches a read tolerates before it gives up. */
const MAX_REJECTED_BATCHES = 16;

interface SheetLayout {
  name: string;
  visibility: SheetInfo["visibility"];
  proxy: Excel.Worksheet;
  /** Used range of cells with values. */
  values: RangeRef | null;
  /** Used range including formatting: where merged areas can be. */
  formatted: RangeRef | null;
}

interface DataBlock {
  rect: Rect;
  values: unknown[][];
  texts: unknown[][];
  formulas?: unknown[][];
  numberFormats?: unknown[][];
}

interface SheetResult {
  blocks: DataBlock[];
  merges: RangeRef[];
}

type Sync = () => Promise<void>;

const VISIBILITY: Record<string, SheetInfo["visibility"]> = {
  Visible: "visible",
  Hidden: "hidden",
  VeryHidden: "veryHidden",
};

function rectOf(r: RangeRef): Rect {
  return { top: r.top, left: r.left, rows: r.bottom - r.top + 1, cols: r.right - r.left + 1 };
}

function refOf(r: Rect): RangeRef {
  return { top: r.top, left: r.left, bottom: r.top + r.rows - 1, right: r.left + r.cols - 1 };
}

function union(a: RangeRef | null, b: RangeRef): RangeRef {
  if (!a) return { ...b };
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

/** A loaded used range as 1-based bounds, or null for a null object. */
function usedRef(r: Excel.Range): RangeRef | null {
  if (r.isNullObject) return null;
  return {
    top: r.rowIndex + 1,
    left: r.columnIndex + 1,
    bottom: r.rowIndex + r.rowCount,
    right: r.columnIndex + r.columnCount,
  };
}

/** `Range.values` gives `""` for an empty cell; the port gives null. */
function portValue(v: unknown): CellValue {
  if (typeof v === "number" || typeof v === "boolean") return v;
  if (typeof v === "string") return v === "" ? null : v;
  return null;
}

/** `Range.formulas` gives the constant for a cell without a formula. */
function portFormula(f: unknown, raw: unknown): string | null {
  return typeof f === "string" && f.startsWith("=") && f !== raw ? f : null;
}

export class OfficeWorkbook implements WorkbookPort {
  private readonly run: ExcelRunner;
  private readonly supports: HostSupports;
  private readonly budget: number;
  readonly history: UndoHistory;
  /** Notices of the last `read()` or `listSheets()`. */
  notices: AdapterNotice[] = [];
  lastStats: CallStats | null = null;
  /** The running command's record, between `beginJournal` and `commitJournal` / `rollbackJournal`. */
  private journal: Journal | null = null;

  constructor(options: OfficeWorkbookOptions = {}) {
    this.run = options.run ?? excelRun;
    this.supports = options.supports ?? officeSupports;
    this.budget = options.budgetBytes ?? PAYLOAD_BUDGET_BYTES;
    this.history = options.history ?? undoHistory;
  }

  /**
   * Starts keeping what the following `apply()` calls change, until `commitJournal` or
   * `rollbackJournal`. `checkpoint` is called before each write sync and may throw (a cancel): the
   * error comes out of `apply()` as it is, and the caller rolls back.
   */
  beginJournal(checkpoint?: () => void): Journal {
    if (this.journal) throw new Error("A journal is already running");
    this.journal = new Journal(checkpoint);
    return this.journal;
  }

  /** Whether the running command has written anything. */
  get journalStarted(): boolean {
    return this.journal?.started ?? false;
  }

  /**
   * The command succeeded: its record becomes the last command's (when it wrote anything), and the
   * copies of older records are deleted (1 sync in a run of its own, only when there are any).
   * Returns whether a record was kept.
   */
  async commitJournal(label: string, at = new Date()): Promise<boolean> {
    const journal = this.journal;
    this.journal = null;
    if (!journal?.started) return false;
    this.history.set({ label, at, journal });
    // Copies kept for older records (the previous command's, or a session's before): seen in this
    // workbook by the journal, and not its own.
    const old = [...journal.staleBackups].filter((b) => !journal.backups.includes(b));
    if (old.length === 0) return true;
    const stats = this.begin("commit");
    try {
      await this.run(async (ctx) => {
        const sync = this.counter(ctx, stats);
        for (const name of old) {
          const ws = ctx.workbook.worksheets.getItem(name);
          // Excel refuses to delete a very hidden sheet.
          ws.visibility = "Hidden";
          ws.delete();
        }
        await sync();
      });
    } catch {
      // Old copies left behind are harmless (very hidden) and go with the next command's commit.
    }
    return true;
  }

  /**
   * The command failed or was cancelled: everything it wrote is put back. Null when it had written
   * nothing.
   */
  async rollbackJournal(): Promise<RestoreReport | null> {
    const journal = this.journal;
    this.journal = null;
    if (!journal?.started) return null;
    return this.restore(journal, false);
  }

  /**
   * 撤销上次操作: puts back what the last command changed, leaving cells the user changed since as
   * they are (listed in the report). The record is gone afterwards. Null when there is none.
   */
  async undoLast(): Promise<{ label: string; at: Date; report: RestoreReport } | null> {
    const record = this.history.last;
    if (!record) return null;
    const report = await this.restore(record.journal, true);
    if (this.history.last === record) this.history.set(null);
    return { label: record.label, at: record.at, report };
  }

  private async restore(journal: Journal, undo: boolean): Promise<RestoreReport> {
    const stats = this.begin("restore");
    try {
      return await this.run(async (ctx) => journal.restore(ctx, this.counter(ctx, stats), this.budget, undo));
    } catch (e) {
      throw toWorkbookError(e);
    }
  }

  private begin(method: CallStats["method"]): CallStats {
    const stats: CallStats = { method, syncs: 0, batches: 0, rejected: 0, maxPayloadBytes: 0 };
    this.lastStats = stats;
    return stats;
  }

  private counter(ctx: Excel.RequestContext, stats: CallStats): Sync {
    return async () => {
      stats.syncs++;
      await ctx.sync();
    };
  }

  private mergesSupported(): boolean {
    const ok = this.supports("ExcelApi", EXCEL_API.mergedAreas);
    this.notices = ok
      ? []
      : [
          {
            code: "mergesUnavailable",
            message:
              "此版本的 Excel 不支持读取合并单元格（需要 ExcelApi 1.13），识别结果可能不完整；请更新 Office 或改用网页版。",
            messageEn:
              "This Excel cannot report merged cells (ExcelApi 1.13 is needed), so recognition may be incomplete; update Office or use the web page.",
          },
        ];
    return ok;
  }

  async listSheets(): Promise<SheetInfo[]> {
    const stats = this.begin("listSheets");
    const withMerges = this.mergesSupported();
    try {
      return await this.run(async (ctx) => {
        const sync = this.counter(ctx, stats);
        const layouts = await this.layout(ctx, sync, null, withMerges);
        const results = await this.readData(ctx, sync, stats, layouts, [], withMerges);
        return layouts.map((l, i) => {
          let used = l.values;
          for (const m of results[i].merges) used = union(used, m);
          return { name: l.name, visibility: l.visibility, usedRange: used ? rangeAddress(used) : null };
        });
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const stats = this.begin("read");
    const withMerges = this.mergesSupported();
    const props = ["values", "text"];
    if (options.formulas) props.push("formulas");
    if (options.numberFormats) props.push("numberFormat");
    try {
      return await this.run(async (ctx) => {
        const sync = this.counter(ctx, stats);
        const wanted = options.sheets ? new Set(options.sheets) : null;
        const layouts = await this.layout(ctx, sync, wanted, withMerges);
        const results = await this.readData(ctx, sync, stats, layouts, props, withMerges);
        return { sheets: layouts.map((l, i) => assemble(l, results[i], options)) };
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }

  /** Sync 1: the sheets; sync 2: their used ranges (values only, and with formatting for merges). */
  private async layout(
    ctx: Excel.RequestContext,
    sync: Sync,
    wanted: Set<string> | null,
    withMerges: boolean,
  ): Promise<SheetLayout[]> {
    const worksheets = ctx.workbook.worksheets;
    worksheets.load("items/name,items/visibility");
    await sync();
    const chosen = worksheets.items.filter((ws) => !wanted || wanted.has(ws.name));
    const used = chosen.map((ws) => {
      const values = ws.getUsedRangeOrNullObject(true);
      values.load("rowIndex,columnIndex,rowCount,columnCount");
      const formatted = withMerges ? ws.getUsedRangeOrNullObject(false) : null;
      formatted?.load("rowIndex,columnIndex,rowCount,columnCount");
      return { ws, values, formatted };
    });
    if (used.length > 0) await sync();
    return used.map(({ ws, values, formatted }) => ({
      name: ws.name,
      visibility: VISIBILITY[ws.visibility] ?? "visible",
      proxy: ws,
      values: usedRef(values),
      formatted: formatted ? usedRef(formatted) : null,
    }));
  }

  /**
   * Syncs 3…: the cells of every sheet's values range (`props`) and the merged areas of every sheet's
   * formatted range, in batches planned under the payload budget.
   */
  private async readData(
    ctx: Excel.RequestContext,
    sync: Sync,
    stats: CallStats,
    layouts: SheetLayout[],
    props: string[],
    withMerges: boolean,
  ): Promise<SheetResult[]> {
    const results: SheetResult[] = layouts.map(() => ({ blocks: [], merges: [] }));
    const tasks: ReadTask[] = [];
    layouts.forEach((l, sheet) => {
      if (props.length > 0 && l.values) tasks.push({ sheet, kind: "data", rect: rectOf(l.values) });
      if (withMerges && l.formatted) tasks.push({ sheet, kind: "merges", rect: rectOf(l.formatted) });
    });
    const initial = props.reduce((n, p) => n + INITIAL_BYTES_PER_CELL[p as keyof typeof INITIAL_BYTES_PER_CELL], 0);
    const planner = new ReadPlanner(tasks, {
      budget: this.budget,
      limit: PAYLOAD_LIMIT_BYTES,
      dataBytesPerCell: initial,
      minDataBytesPerCell: MIN_BYTES_PER_CELL_PER_PROPERTY * props.length,
    });
    const select = props.join(",");
    while (!planner.done) {
      const batch = planner.next();
      const estimated = batch.reduce((n, t) => n + planner.estimate(t), 0);
      const queued = batch.map((task) => {
        const range = layouts[task.sheet].proxy.getRange(rangeAddress(refOf(task.rect)));
        if (task.kind === "data") {
          range.load(select);
          return { task, range, areas: null };
        }
        const areas = range.getMergedAreasOrNullObject();
        areas.load("areas/items/address");
        return { task, range, areas };
      });
      try {
        await sync();
      } catch (e) {
        if (!isPayloadError(e) || stats.rejected >= MAX_REJECTED_BATCHES) throw e;
        stats.rejected++;
        planner.rejected(batch);
        continue;
      }
      stats.batches++;
      let delivered = 0;
      const measured: { cells: number; bytes: number }[] = [];
      for (const { task, range, areas } of queued) {
        if (areas) {
          if (areas.isNullObject) continue;
          for (const area of areas.areas.items) {
            const a = area.address;
            results[task.sheet].merges.push(parseRange(a.slice(a.lastIndexOf("!") + 1)));
            delivered += utf8Length(a) + 14;
          }
          continue;
        }
        const values: unknown = range.values;
        if (!Array.isArray(values)) {
          // Excel may answer a read over its cell limit with null instead of an error.
          if (rectCells(task.rect) === 1) throw new Error("Excel returned no values for a single cell");
          planner.retrySplit(task);
          continue;
        }
        const block: DataBlock = { rect: task.rect, values, texts: range.text };
        let bytes = jsonBytes(values) + jsonBytes(block.texts);
        if (props.includes("formulas")) {
          block.formulas = range.formulas;
          bytes += jsonBytes(block.formulas);
        }
        if (props.includes("numberFormat")) {
          block.numberFormats = range.numberFormat;
          bytes += jsonBytes(block.numberFormats);
        }
        results[task.sheet].blocks.push(block);
        measured.push({ cells: rectCells(task.rect), bytes });
        delivered += bytes;
      }
      stats.maxPayloadBytes = Math.max(stats.maxPayloadBytes, estimated, delivered);
      planner.delivered(measured);
    }
    for (const r of results) r.merges.sort((a, b) => a.top - b.top || a.left - b.left);
    return results;
  }

  async apply(changes: WorkbookChange[]): Promise<void> {
    const stats = this.begin("apply");
    this.notices = [];
    if (changes.length === 0) return;
    const has = (v: string): boolean => this.supports("ExcelApi", v);
    const wc: WriteContext = {
      caps: {
        freezePanes: has(EXCEL_API.freezePanes),
        dataValidation: has(EXCEL_API.dataValidation),
        pageLayout: has(EXCEL_API.pageLayout),
        fillPattern: has(EXCEL_API.pageLayout),
        notes: has(EXCEL_API.notes),
        autoFill: has(EXCEL_API.autoFill),
      },
      names: new Set(),
      notes: new Map(),
      skipped: new Set(),
    };
    try {
      await this.run(async (ctx) => {
        const sync = this.counter(ctx, stats);
        const eventsApi = has(EXCEL_API.events);
        const journal = this.journal;
        const worksheets = ctx.workbook.worksheets;
        worksheets.load(`items/name,items/protection/protected${journal ? ",items/visibility,items/id" : ""}`);
        if (eventsApi) ctx.runtime.load("enableEvents");
        const wbProtection =
          changes.some(isStructural) && has(EXCEL_API.workbookProtection) ? ctx.workbook.protection : null;
        wbProtection?.load("protected");
        const journalNames = journal !== null && changes.some((c) => c.kind === "deleteSheet");
        const names = changes.some((c) => c.kind === "defineName") || journalNames ? ctx.workbook.names : null;
        names?.load(journal ? "items/name,items/formula" : "items/name");
        await sync();

        if (wbProtection?.protected) throw workbookProtectedError();
        const existing = worksheets.items.map((ws) => ({
          name: ws.name,
          protected: ws.protection.protected,
          visibility: journal ? ws.visibility : ("Visible" as const),
          id: journal ? ws.id : "",
        }));
        checkChanges(changes, existing);
        for (const n of names?.items ?? []) wc.names.add(n.name.toLowerCase());
        const nameList = journal && names ? names.items.map((n) => ({ name: n.name, formula: n.formula })) : null;
        await this.loadNotes(ctx, sync, stats, changes, existing, wc, journal, nameList);
        await this.loadCharts(ctx, sync, changes, existing, wc);

        const ops = compile(changes, this.budget, wc);
        const batches = packInOrder(ops, (op) => op.bytes, this.budget);
        const app = ctx.workbook.application;
        const calcApi = has(EXCEL_API.suspendCalculation);
        const screenApi = has(EXCEL_API.screenUpdating);
        const eventsWereOn = eventsApi && ctx.runtime.enableEvents;
        const sheets = new SheetProxies(ctx);
        let eventsOff = false;
        let calculationSuspended = false;
        let restored = false;
        const queueRestore = (): void => {
          if (eventsOff) ctx.runtime.enableEvents = true;
          // Suspension ends at the sync; recalculating is then the add-in's job (Office.js docs).
          if (calculationSuspended) app.calculate("Recalculate");
        };
        try {
          for (let i = 0; i < batches.length; i++) {
            if (journal) {
              try {
                journal.checkpoint();
              } catch (e) {
                throw new JournalStop(e);
              }
            }
            if (calcApi) {
              app.suspendApiCalculationUntilNextSync();
              calculationSuspended = true;
            }
            if (screenApi) app.suspendScreenUpdatingUntilNextSync();
            if (i === 0 && eventsWereOn) {
              ctx.runtime.enableEvents = false;
              eventsOff = true;
            }
            // Copies of the sheets this apply deletes, made before anything changes.
            const backupBytes = i === 0 && journal ? journal.queueBackups(ctx) : 0;
            for (const op of batches[i]) op.queue(ctx, sheets);
            const last = i === batches.length - 1;
            if (last) queueRestore();
            stats.batches++;
            stats.maxPayloadBytes = Math.max(
              stats.maxPayloadBytes,
              backupBytes + batches[i].reduce((n, op) => n + op.bytes, 0),
            );
            if (journal) journal.started = true;
            await sync();
            if (last) restored = true;
          }
          if (journal) {
            // What was written, read back: undo tells the user's later edits by it.
            const jobs = journal.planAfter(changes, this.budget);
            const before = stats.syncs;
            await runLoads(ctx, sync, jobs, this.budget);
            stats.journalSyncs = (stats.journalSyncs ?? 0) + stats.syncs - before;
            stats.journalBytes = (stats.journalBytes ?? 0) + jobs.reduce((n, j) => n + j.bytes, 0);
          }
        } finally {
          if (!restored && (eventsOff || calculationSuspended)) {
            queueRestore();
            try {
              await sync();
            } catch {
              // The write's error is the one to report; Excel resumes calculation at any later sync.
            }
          }
        }
      });
    } catch (e) {
      if (e instanceof JournalStop) throw e.error;
      throw toWorkbookError(e);
    } finally {
      if (wc.skipped.size > 0) this.notices = [skippedNotice([...wc.skipped])];
    }
  }

  /**
   * One more sync, only when `setLook` changes notes on this host (which of those cells have one) or
   * a journal runs (what the changes will overwrite; +1 sync per further 4 MB).
   */
  private async loadNotes(
    ctx: Excel.RequestContext,
    sync: Sync,
    stats: CallStats,
    changes: WorkbookChange[],
    existing: { name: string; visibility: "Visible" | "Hidden" | "VeryHidden"; id: string }[],
    wc: WriteContext,
    journal: Journal | null,
    names: { name: string; formula: string }[] | null,
  ): Promise<void> {
    const jobs = journal
      ? journal.planCapture(
          changes,
          existing,
          names,
          {
            copy: this.supports("ExcelApi", EXCEL_API.freezePanes),
            cellProperties: this.supports("ExcelApi", EXCEL_API.pageLayout),
            mergedAreas: this.supports("ExcelApi", EXCEL_API.mergedAreas),
            notes: wc.caps.notes,
          },
          this.budget,
        )
      : [];
    const present = new Set(existing.map((s) => s.name.toLowerCase()));
    const seen = new Set<string>();
    if (wc.caps.notes)
      for (const ch of changes) {
        if (ch.kind === "addSheet") present.delete(ch.sheet.toLowerCase());
        if (ch.kind !== "setLook") continue;
        const key = noteKey(ch.sheet, ch.cell);
        if (seen.has(key)) continue;
        seen.add(key);
        if (!present.has(ch.sheet.toLowerCase())) continue;
        const { sheet, cell } = ch;
        jobs.unshift({
          bytes: OP_OVERHEAD_BYTES * 3,
          queue: (c) => {
            const note = c.workbook.worksheets.getItem(sheet).notes.getItemOrNullObject(cell);
            note.load("content");
            return () => {
              wc.notes.set(key, !note.isNullObject);
              journal?.noteProbe(sheet, cell, note);
            };
          },
        });
      }
    if (jobs.length === 0) {
      journal?.accept();
      return;
    }
    const before = stats.syncs;
    try {
      await runLoads(ctx, sync, jobs, this.budget);
    } catch (e) {
      journal?.discard();
      throw e;
    }
    journal?.accept();
    if (journal) {
      stats.journalSyncs = (stats.journalSyncs ?? 0) + stats.syncs - before;
      stats.journalBytes = (stats.journalBytes ?? 0) + jobs.reduce((n, j) => n + j.bytes, 0);
    }
  }

  /**
   * One more sync, only when a `chart` change draws on a sheet that exists: the names of its charts,
   * so that a chart of the same name is replaced, not duplicated.
   */
  private async loadCharts(
    ctx: Excel.RequestContext,
    sync: Sync,
    changes: WorkbookChange[],
    existing: { name: string }[],
    wc: WriteContext,
  ): Promise<void> {
    wc.charts = new Map();
    const probes = chartSheetsToProbe(changes, existing).map((name) => {
      const charts = ctx.workbook.worksheets.getItem(name).charts;
      charts.load("items/name");
      return { key: name.toLowerCase(), charts };
    });
    if (probes.length === 0) return;
    await sync();
    for (const p of probes) {
      const counts = new Map<string, number>();
      for (const c of p.charts.items) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);
      wc.charts.set(p.key, counts);
    }
  }

  /**
   * The fill and note of each cell, in one `Excel.run`: one sync per budget's worth of cells (about
   * 10,000 cells a sync).
   */
  async readLooks(cells: { sheet: string; cell: string }[]): Promise<CellLook[]> {
    const stats = this.begin("readLooks");
    if (cells.length === 0) return [];
    const patterns = this.supports("ExcelApi", EXCEL_API.pageLayout);
    const notes = this.supports("ExcelApi", EXCEL_API.notes);
    const perCell = OP_OVERHEAD_BYTES * (notes ? 4 : 2);
    try {
      return await this.run(async (ctx) => {
        const sync = this.counter(ctx, stats);
        const sheets = new SheetProxies(ctx);
        const looks: CellLook[] = [];
        for (const batch of packInOrder(cells, () => perCell, this.budget)) {
          const queued = batch.map(({ sheet, cell }) => {
            const ws = sheets.get(sheet);
            const fill = ws.getRange(cell).format.fill;
            fill.load(patterns ? "color,pattern,patternColor" : "color");
            const note = notes ? ws.notes.getItemOrNullObject(cell) : null;
            note?.load("content");
            return { fill, note };
          });
          stats.batches++;
          await sync();
          for (const { fill, note } of queued)
            looks.push({
              fill: portFill(fill.color, patterns ? fill.pattern : undefined, patterns ? fill.patternColor : undefined),
              note: note && !note.isNullObject ? note.content : null,
            });
        }
        return looks;
      });
    } catch (e) {
      throw toWorkbookError(e);
    }
  }
}

function skippedNotice(kinds: string[]): AdapterNotice {
  return {
    code: "writesSkipped",
    message: `此版本的 Excel 不支持以下设置，已跳过：${kinds.join("、")}。请更新 Office 或改用网页版。`,
    messageEn: `This Excel does not support these settings, which were skipped: ${kinds.join(", ")}. Update Office or use the web page.`,
  };
}

/** One sheet's snapshot from its layout and what was read, shaped as the ExcelJS adapter shapes it. */
function assemble(l: SheetLayout, r: SheetResult, options: ReadOptions): SheetData {
  const base = { name: l.name, visibility: l.visibility };
  let bounds = l.values;
  for (const m of r.merges) bounds = union(bounds, m);
  if (!bounds) return { ...base, top: 1, left: 1, values: [], texts: [], merges: [] };
  const height = bounds.bottom - bounds.top + 1;
  const width = bounds.right - bounds.left + 1;
  const values: CellValue[][] = [];
  const texts: string[][] = [];
  const formulas: (string | null)[][] | undefined = options.formulas ? [] : undefined;
  const formats: string[][] | undefined = options.numberFormats ? [] : undefined;
  for (let i = 0; i < height; i++) {
    values.push(new Array<CellValue>(width).fill(null));
    texts.push(new Array<string>(width).fill(""));
    formulas?.push(new Array<string | null>(width).fill(null));
    formats?.push(new Array<string>(width).fill("General"));
  }
  for (const b of r.blocks) {
    const di = b.rect.top - bounds.top;
    const dj = b.rect.left - bounds.left;
    for (let i = 0; i < b.rect.rows; i++) {
      const vRow = b.values[i] ?? [];
      const tRow = b.texts[i] ?? [];
      for (let j = 0; j < b.rect.cols; j++) {
        const raw = vRow[j];
        const v = portValue(raw);
        const f = b.formulas ? portFormula(b.formulas[i]?.[j], raw) : null;
        values[di + i][dj + j] = v;
        const t = tRow[j];
        texts[di + i][dj + j] = typeof t === "string" ? t : "";
        if (formulas) formulas[di + i][dj + j] = f;
        // As the ExcelJS adapter: an empty cell reports General whatever format it carries.
        const nf = b.numberFormats?.[i]?.[j];
        if (formats && (v !== null || f !== null) && typeof nf === "string") formats[di + i][dj + j] = nf;
      }
    }
  }
  return {
    ...base,
    top: bounds.top,
    left: bounds.left,
    values,
    texts,
    ...(formulas ? { formulas } : {}),
    ...(formats ? { numberFormats: formats } : {}),
    merges: r.merges.map((m) => rangeAddress(m)),
  };
}
