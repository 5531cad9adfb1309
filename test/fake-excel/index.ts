/**
 * A fake Excel for testing the Office.js adapter without Excel: a workbook built from plain data, a
 * `run` that stands in for `Excel.run`, and a record of every `context.sync` — how many, and the JSON
 * bytes each request and response would carry. It behaves like Excel where the adapter depends on
 * it:
 * - a property read before it was loaded and synced throws `PropertyNotLoaded`;
 * - writes take effect only at `sync`, in queue order; a failing operation rejects the sync and
 *   leaves the earlier ones done;
 * - a request or a response over 5 MB is rejected (`RequestPayloadSizeLimitExceeded` /
 *   `ResponsePayloadSizeLimitExceeded`), as Excel on the web does, and a range read over five million
 *   cells fails (`RangeExceedsLimit`);
 * - a write to a protected sheet fails with `InvalidOperation`; in cell-edit mode every sync fails
 *   with `InvalidOperationInCellEditMode`;
 * - APIs newer than the configured ExcelApi version fail with `ApiNotFound`.
 */
import type { WorkbookSnapshot } from "../../src/port/workbook";
import { parseCell } from "../../src/core/address";
import { PAYLOAD_LIMIT_BYTES } from "../../src/office/payload";
import { FakeContext, FakeOfficeError } from "./proxies";
import { Sheet, buildSheet, type Cell, type SheetInit, type Stored } from "./model";

export { FakeOfficeError } from "./proxies";
export type { SheetInit, Stored, Cell } from "./model";
export { Sheet } from "./model";

export interface FakeExcelOptions {
  /** The highest ExcelApi requirement set the host supports. */
  apiVersion?: string;
  payloadLimit?: number;
  maxCellsPerRead?: number;
  cellEditMode?: boolean;
  workbookProtected?: boolean;
}

export interface SyncRecord {
  /** 1-based, over the fake's life. */
  index: number;
  run: number;
  ops: number;
  requestBytes: number;
  responseBytes: number;
  /** Loads of cell data (`values`, `text`, …) on ranges. */
  dataLoads: number;
  /** Merged-area queries. */
  mergeQueries: number;
  error?: string;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export class FakeExcel {
  readonly options: Required<Omit<FakeExcelOptions, "cellEditMode" | "workbookProtected">>;
  private readonly sheetList: Sheet[];
  private nextId: number;
  readonly names = new Map<string, { name: string; formula: string }>();
  enableEvents = true;
  workbookProtected: boolean;
  cellEditMode: boolean;
  /** Calculation / screen updating suspended until the end of the current sync. */
  calculationSuspended = false;
  screenUpdatingSuspended = false;
  /** What happened to the application state, in order (`events off`, `calculate Recalculate`, …). */
  readonly events: string[] = [];
  readonly syncs: SyncRecord[] = [];
  runs = 0;
  /** Operations queued but never synced when a `run` ended. */
  unsyncedOps = 0;
  private readonly faults: { atSync: number; afterOps: number; code: string }[] = [];
  /** Called after every sync, done or failed (tests cancel a command at a chosen sync with it). */
  onSync: ((rec: SyncRecord) => void) | null = null;

  constructor(sheets: SheetInit[], options: FakeExcelOptions = {}) {
    this.options = {
      apiVersion: options.apiVersion ?? "1.18",
      payloadLimit: options.payloadLimit ?? PAYLOAD_LIMIT_BYTES,
      maxCellsPerRead: options.maxCellsPerRead ?? 5_000_000,
    };
    this.cellEditMode = options.cellEditMode ?? false;
    this.workbookProtected = options.workbookProtected ?? false;
    this.sheetList = sheets.map((s, i) => buildSheet(i + 1, s));
    this.nextId = sheets.length + 1;
  }

  /** A fake holding what a port snapshot holds (values, texts, formulas, number formats, merges). */
  static fromSnapshot(snapshot: WorkbookSnapshot, options: FakeExcelOptions = {}): FakeExcel {
    return new FakeExcel(snapshot.sheets, options);
  }

  /** Stands in for `Excel.run`: one context per call, handed over as the real type. */
  run = async <T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> => {
    this.runs++;
    const ctx = new FakeContext(this);
    try {
      return await batch(ctx as unknown as Excel.RequestContext);
    } finally {
      this.unsyncedOps += ctx.queue.length;
    }
  };

  /** Stands in for `Office.context.requirements.isSetSupported`. */
  supports = (set: string, version: string): boolean =>
    set === "ExcelApi" && compareVersions(version, this.options.apiVersion) <= 0;

  /** Makes sync number `atSync` (1-based, over the fake's life) fail after `afterOps` operations. */
  failSync(atSync: number, code = "GeneralException", afterOps = 0): void {
    this.faults.push({ atSync, afterOps, code });
  }

  get syncCount(): number {
    return this.syncs.length;
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.syncs.map((s) => s.requestBytes));
  }

  /** The largest response Excel delivered (rejected ones never arrive). */
  get maxResponseBytes(): number {
    return Math.max(0, ...this.syncs.filter((s) => !s.error).map((s) => s.responseBytes));
  }

  resetStats(): void {
    this.syncs.length = 0;
    this.events.length = 0;
    this.runs = 0;
    this.unsyncedOps = 0;
  }

  async executeSync(ctx: FakeContext): Promise<void> {
    const ops = ctx.queue;
    ctx.queue = [];
    const rec: SyncRecord = {
      index: this.syncs.length + 1,
      run: this.runs,
      ops: ops.length,
      requestBytes: ops.reduce((n, op) => n + op.requestBytes, 0),
      responseBytes: 0,
      dataLoads: ops.filter((op) => /^Range\.load\(.*(values|text)/.test(op.label)).length,
      mergeQueries: ops.filter((op) => op.label.endsWith("getMergedAreasOrNullObject")).length,
    };
    this.syncs.push(rec);
    // A round trip: the adapter's code after `await sync()` runs in a later microtask, as with Excel.
    await Promise.resolve();
    try {
      if (this.cellEditMode && ops.length > 0)
        throw new FakeOfficeError(
          "InvalidOperationInCellEditMode",
          "The operation isn't available while Excel is in Edit cell mode. Exit Edit mode by using the Enter or Tab keys, or by selecting another cell, and then try again.",
        );
      if (rec.requestBytes > this.options.payloadLimit)
        throw new FakeOfficeError(
          "RequestPayloadSizeLimitExceeded",
          "The request payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.",
        );
      const fault = this.faults.find((f) => f.atSync === rec.index);
      const deliveries: { bytes: number; deliver(): void }[] = [];
      ops.forEach((op, i) => {
        if (fault && i === fault.afterOps) throw new FakeOfficeError(fault.code, `Injected failure (${fault.code}).`);
        const d = op.run();
        if (d) deliveries.push(d);
      });
      rec.responseBytes = deliveries.reduce((n, d) => n + d.bytes, 0);
      if (rec.responseBytes > this.options.payloadLimit)
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          "The response payload size has exceeded the limit. See https://learn.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins.",
        );
      for (const d of deliveries) d.deliver();
    } catch (e) {
      rec.error = e instanceof FakeOfficeError ? e.code : String(e);
      throw e;
    } finally {
      this.onSync?.(rec);
      if (this.calculationSuspended) this.event("calculation resumed");
      if (this.screenUpdatingSuspended) this.event("screen updating resumed");
      this.calculationSuspended = false;
      this.screenUpdatingSuspended = false;
    }
  }

  event(what: string): void {
    this.events.push(what);
    if (what === "calculation suspended") this.calculationSuspended = true;
    if (what === "screen updating suspended") this.screenUpdatingSuspended = true;
  }

  /** Called before every cell or format write. */
  beforeWrite(sheet: Sheet | null): void {
    if (sheet?.protected_)
      throw new FakeOfficeError(
        "InvalidOperation",
        "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
        "Range",
      );
  }

  beforeStructureChange(): void {
    if (this.workbookProtected)
      throw new FakeOfficeError("AccessDenied", "You cannot perform the requested operation.", "WorksheetCollection");
  }

  // Sheets ----------------------------------------------------------------------------------

  liveSheets(): Sheet[] {
    return this.sheetList.filter((s) => !s.deleted);
  }

  sheetNamed(name: string): Sheet | undefined {
    const key = name.toLowerCase();
    return this.liveSheets().find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name?: string): Sheet {
    let n = name;
    if (!n) {
      let i = this.liveSheets().length + 1;
      while (this.sheetNamed(`Sheet${i}`)) i++;
      n = `Sheet${i}`;
    }
    if (this.sheetNamed(n))
      throw new FakeOfficeError(
        "ItemAlreadyExists",
        "The resource you're trying to create already exists.",
        "WorksheetCollection.add",
      );
    const s = new Sheet(this.nextId++, n);
    this.sheetList.push(s);
    return s;
  }

  deleteSheet(s: Sheet): void {
    if (this.liveSheets().filter((x) => x.visibility === "Visible" && x !== s).length === 0)
      throw new FakeOfficeError(
        "InvalidOperation",
        "A workbook must contain at least one visible worksheet.",
        "Worksheet.delete",
      );
    s.deleted = true;
  }

  /** `Worksheet.copy`: a copy named as Excel names it (`Name (2)`), at the end or right after `after`. */
  copySheet(s: Sheet, after: Sheet | null): Sheet {
    let i = 2;
    while (this.sheetNamed(`${s.name.slice(0, 26)} (${i})`)) i++;
    const copy = s.copyAs(this.nextId++, `${s.name.slice(0, 26)} (${i})`);
    this.sheetList.push(copy);
    if (after) this.moveSheet(copy, this.liveSheets().indexOf(after) + 1);
    return copy;
  }

  moveSheet(s: Sheet, position: number): void {
    const i = this.sheetList.indexOf(s);
    this.sheetList.splice(i, 1);
    const live = this.liveSheets();
    const before = live[position];
    this.sheetList.splice(before ? this.sheetList.indexOf(before) : this.sheetList.length, 0, s);
  }

  // Inspection ------------------------------------------------------------------------------

  sheet(name: string): Sheet {
    const s = this.sheetNamed(name);
    if (!s) throw new Error(`FakeExcel: no sheet ${name}`);
    return s;
  }

  sheetNames(): string[] {
    return this.liveSheets().map((s) => s.name);
  }

  cell(sheet: string, address: string): Cell | undefined {
    const a = parseCell(address);
    return this.sheet(sheet).get(a.row, a.col);
  }

  value(sheet: string, address: string): Stored {
    return this.cell(sheet, address)?.value ?? "";
  }
}
