/**
 * Proxy objects of the fake Excel, shaped after `@types/office-js` and behaving like Office.js where
 * the adapter depends on it:
 * - nothing reaches the workbook before `context.sync()`: methods and property writes queue an
 *   operation, and `load` queues a read whose result arrives with the sync's response;
 * - reading a property that was neither loaded (and synced) nor set throws `PropertyNotLoaded`;
 * - `*OrNullObject` proxies learn `isNullObject` at the sync, and read as null afterwards;
 * - operations run in the order they were queued; one that fails rejects the sync and those before it
 *   stay done, as in Excel.
 * Each class implements the `@types/office-js` members it offers (`Pick<Excel.X, …>` where the
 * member's type allows); the context is handed to the adapter as `Excel.RequestContext` through
 * `unknown`, at one place (`FakeExcel.run`).
 */
import { parseRange, type RangeRef } from "../../src/core/address";
import { jsonBytes, utf8Length } from "../../src/office/payload";
import { shiftFormula } from "../../src/office/formula-shift";
import {
  MAX_COLS,
  MAX_ROWS,
  Sheet,
  a1,
  displayText,
  enterValue,
  type Cell,
  type CellFormat,
  type FakeChartData,
} from "./model";
import type { FakeExcel } from "./index";

export class FakeOfficeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, ...(location ? { errorLocation: location } : {}) };
  }
}

/** A queued operation: the request bytes it sends and what it does when Excel runs it. */
export interface Op {
  label: string;
  requestBytes: number;
  /** Runs the operation; loads return what they deliver when the sync succeeds. */
  run(): Delivery | void;
}

/** What a load path can descend into. */
export interface Loadable {
  loadPaths(paths: string[], immediate?: Delivery[] | null): void;
}

export interface Delivery {
  bytes: number;
  deliver(): void;
}

export class FakeContext {
  queue: Op[] = [];
  readonly workbook: FakeWorkbook;
  readonly runtime: FakeRuntime;

  constructor(readonly excel: FakeExcel) {
    this.workbook = new FakeWorkbook(this);
    this.runtime = new FakeRuntime(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  sync(): Promise<void> {
    return this.excel.executeSync(this);
  }

  requireApi(version: string, what: string): void {
    if (!this.excel.supports("ExcelApi", version))
      throw new FakeOfficeError("ApiNotFound", `The API you are trying to use could not be found (${what}).`, what);
  }
}

const UNRESOLVED = Symbol("unresolved");

/**
 * How a proxy came to be: by a method call (queued, resolved in order, `orNull` for the
 * `*OrNullObject` methods), as a navigation property (`range.format`: free, follows its parent), or
 * bound to a known target (items of a loaded collection).
 */
export type ProxyKind = { method: string; args?: unknown[]; orNull?: boolean } | "nav" | "bound";

/**
 * Base of every proxy. `T` is what the proxy stands for in the fake workbook; `resolve` finds it when
 * Excel would (in queue order), returning null for a missing `*OrNullObject` target.
 */
export abstract class FakeClientObject<T> {
  private memo: T | null | typeof UNRESOLVED = UNRESOLVED;
  private nullKnown: boolean | undefined;
  private readonly loaded = new Map<string, unknown>();
  private readonly local = new Map<string, unknown>();
  private readonly children = new Map<string, unknown>();

  protected constructor(
    readonly context: FakeContext,
    private readonly typeName: string,
    private readonly resolver: () => T | null,
    kind: ProxyKind,
  ) {
    if (kind === "nav") return;
    if (kind === "bound") {
      this.memo = resolver();
      this.nullKnown = false;
      return;
    }
    context.enqueue({
      label: `${typeName}<-${kind.method}`,
      requestBytes: jsonBytes(kind.args ?? []) + kind.method.length,
      run: () => {
        const t = this.resolver();
        this.memo = t;
        return {
          bytes: 0,
          deliver: () => {
            if (kind.orNull) this.nullKnown = t === null;
          },
        };
      },
    });
    if (!kind.orNull) this.nullKnown = false;
  }

  /** A navigation property's object, the same one every time (loads land on it). */
  protected child<C>(name: string, make: () => C): C {
    let c = this.children.get(name) as C | undefined;
    if (c === undefined) {
      c = make();
      this.children.set(name, c);
    }
    return c;
  }

  /** The target as resolved (after its creating operation ran); null for a null object. */
  target(): T | null {
    if (this.memo === UNRESOLVED) return this.resolver();
    return this.memo;
  }

  need(): T {
    const t = this.target();
    if (t === null)
      throw new FakeOfficeError("InvalidObjectPath", `The object path of this ${this.typeName} is a null object.`);
    return t;
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        `The property 'isNullObject' of ${this.typeName} is not available before context.sync().`,
      );
    return this.nullKnown;
  }

  /** Loadable scalar properties: how to read each from the target. */
  protected scalars(): Record<string, (t: T) => unknown> {
    return {};
  }

  /** Navigation properties that can appear in a load path (`format/fill/color`). */
  protected navigation(): Record<string, () => Loadable> {
    return {};
  }

  /** Loads paths relative to this object; `immediate` loads them now (items of a loaded collection). */
  loadPaths(paths: string[], immediate: Delivery[] | null = null): void {
    const scalars = this.scalars();
    const nav = this.navigation();
    const mine: string[] = [];
    const below = new Map<string, string[]>();
    const items: string[] = [];
    for (const path of paths) {
      const [head, ...rest] = path.split("/");
      if (rest.length === 0 && head in scalars) mine.push(head);
      else if (head in nav) below.set(head, [...(below.get(head) ?? []), rest.join("/") || "*"]);
      else if (head === "items" && this instanceof FakeCollection) items.push(rest.join("/"));
      else
        throw new Error(`FakeExcel: ${this.typeName} has no loadable '${path}' (load only what the fake implements)`);
    }
    if (items.length > 0 && this instanceof FakeCollection)
      this.loadItems(
        items.filter((p) => p !== ""),
        immediate,
      );
    for (const [name, sub] of below) {
      if (sub.includes("*")) throw new Error(`FakeExcel: load '${name}' names an object; load its properties instead`);
      nav[name]().loadPaths(sub, immediate);
    }
    if (mine.length === 0) return;
    const run = (): Delivery => {
      const t = this.target();
      const values = mine.map((p) => (t === null ? null : scalars[p](t)));
      const bytes = mine.reduce((n, p, i) => n + utf8Length(p) + 3 + jsonBytes(values[i]), 0);
      return {
        bytes,
        deliver: () => mine.forEach((p, i) => this.loaded.set(p, values[i])),
      };
    };
    if (immediate) immediate.push(run());
    else
      this.context.enqueue({ label: `${this.typeName}.load(${mine.join(",")})`, requestBytes: jsonBytes(mine), run });
  }

  load(spec?: string | string[]): this {
    if (spec === undefined)
      throw new Error(`FakeExcel: ${this.typeName}.load() without property names loads everything; name what you use`);
    const paths = (Array.isArray(spec) ? spec : spec.split(",")).map((p) => p.trim()).filter((p) => p !== "");
    this.loadPaths(paths);
    return this;
  }

  /** A property as Office.js reads it: set locally, or loaded and synced, or a null object's null. */
  protected get<V>(name: string): V {
    if (this.local.has(name)) return this.local.get(name) as V;
    if (this.loaded.has(name)) return this.loaded.get(name) as V;
    if (this.nullKnown === true) return null as V;
    throw new FakeOfficeError(
      "PropertyNotLoaded",
      `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      `${this.typeName}.${name}`,
    );
  }

  /** A property write: visible on the proxy at once, in the workbook at the sync. */
  protected set(name: string, value: unknown, apply: (t: T) => void, write = true): void {
    this.local.set(name, value);
    this.queue(`set ${name}`, [value], apply, write);
  }

  protected queue(label: string, args: unknown[], apply: (t: T) => void, write = true): void {
    this.context.enqueue({
      label: `${this.typeName}.${label}`,
      requestBytes: jsonBytes(args) + utf8Length(label),
      run: () => {
        if (write) this.context.excel.beforeWrite(this.sheetOf());
        apply(this.need());
      },
    });
  }

  /** The sheet a write through this object changes, for protection checks. */
  protected sheetOf(): Sheet | null {
    return null;
  }
}

export abstract class FakeCollection<T, I> extends FakeClientObject<T> {
  private loadedItems: I[] | undefined;

  protected abstract itemTargets(t: T): unknown[];
  protected abstract bindItem(target: unknown): I & Loadable;

  loadItems(paths: string[], immediate: Delivery[] | null): void {
    const run = (): Delivery => {
      const t = this.target();
      const items = t === null ? [] : this.itemTargets(t).map((x) => this.bindItem(x));
      const inner: Delivery[] = [];
      if (paths.length > 0) for (const item of items) item.loadPaths(paths, inner);
      return {
        bytes: inner.reduce((n, d) => n + d.bytes, 2),
        deliver: () => {
          inner.forEach((d) => d.deliver());
          this.loadedItems = items;
        },
      };
    };
    if (immediate) immediate.push(run());
    else this.context.enqueue({ label: `items/${paths.join(",")}`, requestBytes: jsonBytes(paths) + 8, run });
  }

  get items(): I[] {
    if (!this.loadedItems)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "The property 'items' is not available; load the collection first.",
      );
    return this.loadedItems;
  }
}

// ---------------------------------------------------------------------------------------------
// Workbook-level objects

export class FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly application: FakeApplication;
  readonly protection: FakeWorkbookProtection;
  readonly names: FakeNamedItemCollection;

  constructor(readonly context: FakeContext) {
    this.worksheets = new FakeWorksheetCollection(context);
    this.application = new FakeApplication(context);
    this.protection = new FakeWorkbookProtection(context);
    this.names = new FakeNamedItemCollection(context);
  }
}

export class FakeApplication {
  constructor(private readonly context: FakeContext) {}

  private call(name: string, version: string, run: () => void): void {
    this.context.enqueue({
      label: `application.${name}`,
      requestBytes: name.length,
      run: () => {
        this.context.requireApi(version, `Application.${name}`);
        run();
      },
    });
  }

  suspendApiCalculationUntilNextSync(): void {
    this.call("suspendApiCalculationUntilNextSync", "1.6", () => this.context.excel.event("calculation suspended"));
  }

  suspendScreenUpdatingUntilNextSync(): void {
    this.call("suspendScreenUpdatingUntilNextSync", "1.9", () => this.context.excel.event("screen updating suspended"));
  }

  calculate(type: "Recalculate" | "Full" | "FullRebuild"): void {
    this.call("calculate", "1.1", () => this.context.excel.event(`calculate ${type}`));
  }
}

export class FakeRuntime extends FakeClientObject<FakeExcel> implements Pick<Excel.Runtime, "enableEvents"> {
  constructor(context: FakeContext) {
    super(context, "Runtime", () => context.excel, "nav");
  }

  protected override scalars(): Record<string, (t: FakeExcel) => unknown> {
    return {
      enableEvents: (t) => {
        this.context.requireApi("1.8", "Runtime.enableEvents");
        return t.enableEvents;
      },
    };
  }

  get enableEvents(): boolean {
    return this.get("enableEvents");
  }

  set enableEvents(v: boolean) {
    this.set(
      "enableEvents",
      v,
      (t) => {
        this.context.requireApi("1.8", "Runtime.enableEvents");
        t.enableEvents = v;
        t.event(`events ${v ? "on" : "off"}`);
      },
      false,
    );
  }
}

export class FakeWorkbookProtection
  extends FakeClientObject<FakeExcel>
  implements Pick<Excel.WorkbookProtection, "protected">
{
  constructor(context: FakeContext) {
    super(context, "WorkbookProtection", () => context.excel, "nav");
  }

  protected override scalars(): Record<string, (t: FakeExcel) => unknown> {
    return { protected: (t) => t.workbookProtected };
  }

  get protected(): boolean {
    return this.get("protected");
  }
}

interface NameTarget {
  excel: FakeExcel;
  name: string;
}

export class FakeNamedItem extends FakeClientObject<NameTarget> implements Pick<Excel.NamedItem, "name" | "formula"> {
  constructor(
    context: FakeContext,
    resolver: () => NameTarget | null,
    kind: "bound" | { method: string; args: unknown[] },
  ) {
    super(context, "NamedItem", resolver, kind);
  }

  protected override scalars(): Record<string, (t: NameTarget) => unknown> {
    return { name: (t) => t.name, formula: (t) => t.excel.names.get(t.name.toLowerCase())?.formula ?? null };
  }

  get name(): string {
    return this.get("name");
  }

  get formula(): string {
    return this.get("formula");
  }

  delete(): void {
    this.queue("delete", [], (t) => t.excel.names.delete(t.name.toLowerCase()), false);
  }
}

export class FakeNamedItemCollection extends FakeCollection<FakeExcel, FakeNamedItem> {
  constructor(context: FakeContext) {
    super(context, "NamedItemCollection", () => context.excel, "nav");
  }

  protected itemTargets(t: FakeExcel): unknown[] {
    return [...t.names.values()].map((n) => ({ excel: t, name: n.name }));
  }

  protected bindItem(target: unknown): FakeNamedItem {
    return new FakeNamedItem(this.context, () => target as NameTarget, "bound");
  }

  getItem(name: string): FakeNamedItem {
    const excel = this.context.excel;
    return new FakeNamedItem(
      this.context,
      () => {
        const n = excel.names.get(name.toLowerCase());
        if (!n)
          throw new FakeOfficeError("ItemNotFound", `The name '${name}' was not found.`, "NamedItemCollection.getItem");
        return { excel, name: n.name };
      },
      { method: "getItem", args: [name] },
    );
  }

  add(name: string, reference: string): void {
    this.queue(
      "add",
      [name, reference],
      (t) => {
        if (t.names.has(name.toLowerCase()))
          throw new FakeOfficeError(
            "ItemAlreadyExists",
            `The name '${name}' already exists.`,
            "NamedItemCollection.add",
          );
        t.names.set(name.toLowerCase(), { name, formula: reference });
      },
      false,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Worksheets

export class FakeWorksheetCollection extends FakeCollection<FakeExcel, FakeWorksheet> {
  constructor(context: FakeContext) {
    super(context, "WorksheetCollection", () => context.excel, "nav");
  }

  protected itemTargets(t: FakeExcel): unknown[] {
    return t.liveSheets();
  }

  protected bindItem(target: unknown): FakeWorksheet {
    return new FakeWorksheet(this.context, () => target as Sheet, "bound");
  }

  getItem(name: string): FakeWorksheet {
    const excel = this.context.excel;
    return new FakeWorksheet(
      this.context,
      () => {
        const s = excel.sheetNamed(name);
        if (!s)
          throw new FakeOfficeError(
            "ItemNotFound",
            "The requested resource doesn't exist.",
            "WorksheetCollection.getItem",
          );
        return s;
      },
      { method: "getItem", args: [name] },
    );
  }

  getItemOrNullObject(name: string): FakeWorksheet {
    const excel = this.context.excel;
    return new FakeWorksheet(this.context, () => excel.sheetNamed(name) ?? null, {
      method: "getItemOrNullObject",
      args: [name],
      orNull: true,
    });
  }

  add(name?: string): FakeWorksheet {
    const excel = this.context.excel;
    let created: Sheet | null = null;
    const ws = new FakeWorksheet(this.context, () => created, { method: "add", args: [name ?? ""] });
    // The add runs before the proxy's resolution (queued right after), as Excel creates then binds.
    this.context.queue.splice(this.context.queue.length - 1, 0, {
      label: "WorksheetCollection.add",
      requestBytes: jsonBytes([name ?? ""]),
      run: () => {
        excel.beforeStructureChange();
        created = excel.addSheet(name);
      },
    });
    return ws;
  }
}

export class FakeWorksheet
  extends FakeClientObject<Sheet>
  implements Pick<Excel.Worksheet, "id" | "name" | "visibility" | "position">
{
  constructor(context: FakeContext, resolver: () => Sheet | null, kind: ProxyKind) {
    super(context, "Worksheet", resolver, kind);
  }

  protected override scalars(): Record<string, (t: Sheet) => unknown> {
    return {
      name: (t) => t.name,
      visibility: (t) => t.visibility,
      position: (t) => this.context.excel.liveSheets().indexOf(t),
      id: (t) => `{${t.id}}`,
    };
  }

  protected override navigation(): Record<string, () => Loadable> {
    return { protection: () => this.protection };
  }

  protected override sheetOf(): Sheet | null {
    return this.target();
  }

  /** Excel's id of the sheet, kept through renames. */
  get id(): string {
    return this.get("id");
  }

  get name(): string {
    return this.get("name");
  }

  set name(v: string) {
    this.set("name", v, (t) => (t.name = v), false);
  }

  get visibility(): "Visible" | "Hidden" | "VeryHidden" {
    return this.get("visibility");
  }

  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.set(
      "visibility",
      v,
      (t) => {
        this.context.excel.beforeStructureChange();
        t.visibility = v;
      },
      false,
    );
  }

  get position(): number {
    return this.get("position");
  }

  set position(v: number) {
    this.set("position", v, (t) => this.context.excel.moveSheet(t, v), false);
  }

  get protection(): FakeWorksheetProtection {
    return this.child("protection", () => new FakeWorksheetProtection(this.context, () => this.target()));
  }

  get freezePanes(): FakeFreezePanes {
    return this.child("freezePanes", () => new FakeFreezePanes(this.context, () => this.target()));
  }

  get pageLayout(): FakePageLayout {
    return this.child("pageLayout", () => new FakePageLayout(this.context, () => this.target()));
  }

  get notes(): FakeNoteCollection {
    return this.child("notes", () => new FakeNoteCollection(this.context, () => this.target()));
  }

  get charts(): FakeChartCollection {
    return this.child("charts", () => new FakeChartCollection(this.context, () => this.target()));
  }

  delete(): void {
    this.queue(
      "delete",
      [],
      (t) => {
        this.context.excel.beforeStructureChange();
        this.context.excel.deleteSheet(t);
      },
      false,
    );
  }

  /** ExcelApi 1.7: a copy at the end (or after `relativeTo` with "After"), named as Excel names it. */
  copy(positionType?: "None" | "Before" | "After" | "Beginning" | "End", relativeTo?: FakeWorksheet): FakeWorksheet {
    const excel = this.context.excel;
    let created: Sheet | null = null;
    const ws = new FakeWorksheet(this.context, () => created, { method: "copy", args: [positionType ?? "None"] });
    this.context.queue.splice(this.context.queue.length - 1, 0, {
      label: "Worksheet.copy",
      requestBytes: jsonBytes([positionType ?? "None"]) + 4,
      run: () => {
        this.context.requireApi("1.7", "Worksheet.copy");
        excel.beforeStructureChange();
        if (positionType !== undefined && positionType !== "End" && positionType !== "After")
          throw new Error(`FakeExcel: Worksheet.copy(${positionType}) is not implemented`);
        created = excel.copySheet(this.need(), positionType === "After" && relativeTo ? relativeTo.need() : null);
      },
    });
    return ws;
  }

  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this.target();
        if (!s) return null;
        const r = valuesOnly ? s.usedValues() : s.usedFormatted();
        return r ? { sheet: s, rect: r } : null;
      },
      { method: "getUsedRangeOrNullObject", args: [valuesOnly ?? false], orNull: true },
    );
  }

  /** `getRange()` is the whole sheet; `A1`, `A1:B2`, `B:D` and `3:5` are understood. */
  getRange(address?: string): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this.need();
        return { sheet: s, rect: parseAddress(address) };
      },
      { method: "getRange", args: [address ?? ""] },
    );
  }

  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    return new FakeRange(
      this.context,
      () => ({
        sheet: this.need(),
        rect: {
          top: startRow + 1,
          left: startColumn + 1,
          bottom: startRow + rowCount,
          right: startColumn + columnCount,
        },
      }),
      { method: "getRangeByIndexes", args: [startRow, startColumn, rowCount, columnCount] },
    );
  }
}

export function parseAddress(address: string | undefined): RangeRef {
  if (!address) return { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS };
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const cols = /^\$?([A-Za-z]{1,3}):\$?([A-Za-z]{1,3})$/.exec(bare);
  if (cols) {
    const r = parseRange(`${cols[1]}1:${cols[2]}1`);
    return { ...r, top: 1, bottom: MAX_ROWS };
  }
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(bare);
  if (rows) return { top: Number(rows[1]), bottom: Number(rows[2]), left: 1, right: MAX_COLS };
  try {
    return parseRange(bare);
  } catch {
    throw new FakeOfficeError(
      "InvalidArgument",
      `The argument is invalid or missing or has an incorrect format (${address}).`,
    );
  }
}

export class FakeWorksheetProtection
  extends FakeClientObject<Sheet>
  implements Pick<Excel.WorksheetProtection, "protected">
{
  constructor(context: FakeContext, resolver: () => Sheet | null) {
    super(context, "WorksheetProtection", resolver, "nav");
  }

  protected override scalars(): Record<string, (t: Sheet) => unknown> {
    return { protected: (t) => t.protected_ };
  }

  get protected(): boolean {
    return this.get("protected");
  }
}

export class FakeFreezePanes extends FakeClientObject<Sheet> {
  constructor(context: FakeContext, resolver: () => Sheet | null) {
    super(context, "WorksheetFreezePanes", resolver, "nav");
  }

  protected override sheetOf(): Sheet | null {
    return this.target();
  }

  unfreeze(): void {
    this.queue("unfreeze", [], (s) => (s.freeze = null), false);
  }

  /** The frozen cells (`A1:B3`, rows `1:3`, columns `A:B`), or a null object. */
  getLocationOrNullObject(): FakeRange {
    return new FakeRange(
      this.context,
      () => {
        const s = this.need();
        const f = s.freeze;
        if (!f || (f.rows === 0 && f.columns === 0)) return null;
        return {
          sheet: s,
          rect: {
            top: 1,
            left: 1,
            bottom: f.rows > 0 ? f.rows : MAX_ROWS,
            right: f.columns > 0 ? f.columns : MAX_COLS,
          },
        };
      },
      { method: "getLocationOrNullObject", orNull: true },
    );
  }

  freezeRows(count: number): void {
    this.queue("freezeRows", [count], (s) => (s.freeze = { rows: count, columns: 0 }), false);
  }

  freezeColumns(count: number): void {
    this.queue("freezeColumns", [count], (s) => (s.freeze = { rows: 0, columns: count }), false);
  }

  freezeAt(address: string): void {
    this.queue(
      "freezeAt",
      [address],
      (s) => {
        const r = parseAddress(address);
        s.freeze = { rows: r.bottom, columns: r.right };
      },
      false,
    );
  }
}

export class FakePageLayout extends FakeClientObject<Sheet> {
  constructor(context: FakeContext, resolver: () => Sheet | null) {
    super(context, "PageLayout", resolver, "nav");
  }

  private prop(name: string, v: unknown): void {
    this.set(
      name,
      v,
      (s) => {
        this.context.requireApi("1.9", "PageLayout");
        s.pageLayout[name] = v;
      },
      false,
    );
  }

  set paperSize(v: string) {
    this.prop("paperSize", v);
  }
  set orientation(v: string) {
    this.prop("orientation", v);
  }
  set zoom(v: unknown) {
    this.prop("zoom", v);
  }
  set topMargin(v: number) {
    this.prop("topMargin", v);
  }
  set bottomMargin(v: number) {
    this.prop("bottomMargin", v);
  }
  set leftMargin(v: number) {
    this.prop("leftMargin", v);
  }
  set rightMargin(v: number) {
    this.prop("rightMargin", v);
  }
  set headerMargin(v: number) {
    this.prop("headerMargin", v);
  }
  set footerMargin(v: number) {
    this.prop("footerMargin", v);
  }
  set centerHorizontally(v: boolean) {
    this.prop("centerHorizontally", v);
  }

  setPrintTitleRows(rows: string): void {
    this.queue("setPrintTitleRows", [rows], (s) => (s.pageLayout.printTitleRows = rows), false);
  }

  setPrintArea(area: string): void {
    this.queue("setPrintArea", [area], (s) => (s.pageLayout.printArea = area), false);
  }

  get headersFooters(): { defaultForAllPages: { centerFooter: string } } {
    const queue = (footer: string): void =>
      this.queue(
        "headersFooters.defaultForAllPages.centerFooter",
        [footer],
        (s) => (s.pageLayout.centerFooter = footer),
        false,
      );
    return {
      defaultForAllPages: {
        set centerFooter(v: string) {
          queue(v);
        },
        get centerFooter(): string {
          throw new FakeOfficeError("PropertyNotLoaded", "centerFooter is write-only in the fake");
        },
      },
    };
  }
}

interface NoteTarget {
  sheet: Sheet;
  cell: string;
}

export class FakeNote extends FakeClientObject<NoteTarget> {
  constructor(context: FakeContext, resolver: () => NoteTarget | null, kind: ProxyKind) {
    super(context, "Note", resolver, kind);
  }

  protected override scalars(): Record<string, (t: NoteTarget) => unknown> {
    return { content: (t) => t.sheet.notes.get(t.cell) ?? null };
  }

  get content(): string {
    return this.get("content");
  }

  set content(v: string) {
    this.set("content", v, (t) => t.sheet.notes.set(t.cell, v));
  }

  delete(): void {
    this.queue("delete", [], (t) => t.sheet.notes.delete(t.cell));
  }

  protected override sheetOf(): Sheet | null {
    return this.target()?.sheet ?? null;
  }
}

export class FakeNoteCollection extends FakeClientObject<Sheet> {
  constructor(context: FakeContext, resolver: () => Sheet | null) {
    super(context, "NoteCollection", resolver, "nav");
  }

  private find(cell: string, orNull: boolean, method: string): FakeNote {
    const key = cell.replace(/\$/g, "").toUpperCase();
    return new FakeNote(
      this.context,
      () => {
        this.context.requireApi("1.18", "NoteCollection");
        const s = this.need();
        if (s.notes.has(key)) return { sheet: s, cell: key };
        if (orNull) return null;
        throw new FakeOfficeError("ItemNotFound", `No note on ${cell}.`, "NoteCollection.getItem");
      },
      { method, args: [cell], orNull },
    );
  }

  getItem(cell: string): FakeNote {
    return this.find(cell, false, "getItem");
  }

  getItemOrNullObject(cell: string): FakeNote {
    return this.find(cell, true, "getItemOrNullObject");
  }

  add(cell: string, content: string): void {
    const key = cell.replace(/\$/g, "").toUpperCase();
    this.queue("add", [cell, content], (s) => {
      this.context.requireApi("1.18", "NoteCollection.add");
      s.notes.set(key, content);
    });
  }

  protected override sheetOf(): Sheet | null {
    return this.target();
  }
}

// ---------------------------------------------------------------------------------------------
// Ranges

export interface RangeTarget {
  sheet: Sheet;
  rect: RangeRef;
}

function cellsOf(t: RangeTarget): number {
  return (t.rect.bottom - t.rect.top + 1) * (t.rect.right - t.rect.left + 1);
}

/** The 2D array of one property over a range, as a load would return it. */
function grid<V>(t: RangeTarget, f: (c: Cell | undefined) => V, limit: number): V[][] {
  if (cellsOf(t) > limit)
    throw new FakeOfficeError(
      "RangeExceedsLimit",
      "The number of cells in the range has exceeded the maximum supported number.",
      "Range.load",
    );
  const out: V[][] = [];
  for (let r = t.rect.top; r <= t.rect.bottom; r++) {
    const row: V[] = [];
    for (let c = t.rect.left; c <= t.rect.right; c++) row.push(f(t.sheet.get(r, c)));
    out.push(row);
  }
  return out;
}

/** Applies `f` to every cell of the range, creating cells as needed. */
function eachCell(t: RangeTarget, f: (c: Cell, row: number, col: number) => void): void {
  for (let r = t.rect.top; r <= t.rect.bottom; r++)
    for (let c = t.rect.left; c <= t.rect.right; c++) f(t.sheet.ensure(r, c), r, c);
}

/** A 2D input the size of the range, or one value for every cell (Office.js accepts both). */
function inputAt(t: RangeTarget, input: unknown, row: number, col: number): unknown {
  if (!Array.isArray(input)) return input;
  return (input as unknown[][])[row - t.rect.top]?.[col - t.rect.left];
}

function checkDimensions(t: RangeTarget, input: unknown): void {
  if (!Array.isArray(input)) return;
  const rows = input as unknown[][];
  const height = t.rect.bottom - t.rect.top + 1;
  const width = t.rect.right - t.rect.left + 1;
  if (rows.length !== height || rows.some((r) => !Array.isArray(r) || r.length !== width))
    throw new FakeOfficeError(
      "InvalidArgument",
      "The number of rows or columns in the input array doesn't match the size or dimensions of the range.",
      "Range.values",
    );
}

export class FakeRange
  extends FakeClientObject<RangeTarget>
  implements
    Pick<
      Excel.Range,
      | "address"
      | "rowIndex"
      | "columnIndex"
      | "rowCount"
      | "columnCount"
      | "values"
      | "text"
      | "formulas"
      | "numberFormat"
    >
{
  constructor(context: FakeContext, resolver: () => RangeTarget | null, kind: ProxyKind) {
    super(context, "Range", resolver, kind);
  }

  protected override scalars(): Record<string, (t: RangeTarget) => unknown> {
    const limit = this.context.excel.options.maxCellsPerRead;
    return {
      address: (t) => a1(t.sheet, t.rect),
      rowIndex: (t) => t.rect.top - 1,
      columnIndex: (t) => t.rect.left - 1,
      rowCount: (t) => t.rect.bottom - t.rect.top + 1,
      columnCount: (t) => t.rect.right - t.rect.left + 1,
      values: (t) => grid(t, (c) => (c ? c.value : ""), limit),
      text: (t) => grid(t, (c) => displayText(c), limit),
      formulas: (t) => grid(t, (c) => (c ? (c.formula ?? c.value) : ""), limit),
      numberFormat: (t) => grid(t, (c) => c?.format.numberFormat ?? "General", limit),
    };
  }

  protected override navigation(): Record<string, () => Loadable> {
    return { format: () => this.format };
  }

  protected override sheetOf(): Sheet | null {
    return this.target()?.sheet ?? null;
  }

  get address(): string {
    return this.get("address");
  }
  get rowIndex(): number {
    return this.get("rowIndex");
  }
  get columnIndex(): number {
    return this.get("columnIndex");
  }
  get rowCount(): number {
    return this.get("rowCount");
  }
  get columnCount(): number {
    return this.get("columnCount");
  }
  get text(): string[][] {
    return this.get("text");
  }

  get values(): unknown[][] {
    return this.get("values");
  }

  set values(v: unknown[][]) {
    this.set("values", v, (t) => {
      checkDimensions(t, v);
      eachCell(t, (c, r, col) => enterValue(c, inputAt(t, v, r, col), false));
    });
  }

  get formulas(): unknown[][] {
    return this.get("formulas");
  }

  set formulas(v: unknown[][]) {
    this.set("formulas", v, (t) => {
      checkDimensions(t, v);
      eachCell(t, (c, r, col) => enterValue(c, inputAt(t, v, r, col), true));
    });
  }

  get numberFormat(): unknown[][] {
    return this.get("numberFormat");
  }

  set numberFormat(v: unknown[][]) {
    this.set("numberFormat", v, (t) => {
      checkDimensions(t, v);
      eachCell(t, (c, r, col) => {
        const f = inputAt(t, v, r, col);
        if (typeof f === "string") c.format.numberFormat = f;
      });
    });
  }

  get format(): FakeRangeFormat {
    return this.child("format", () => new FakeRangeFormat(this.context, () => this.target()));
  }

  get dataValidation(): FakeDataValidation {
    return this.child("dataValidation", () => new FakeDataValidation(this.context, () => this.target()));
  }

  merge(across?: boolean): void {
    this.queue("merge", [across ?? false], (t) => {
      const rows = across
        ? Array.from({ length: t.rect.bottom - t.rect.top + 1 }, (_, i) => t.rect.top + i)
        : [t.rect.top];
      for (const top of rows) {
        const m = { top, left: t.rect.left, bottom: across ? top : t.rect.bottom, right: t.rect.right };
        t.sheet.merges = t.sheet.merges.filter(
          (x) => x.bottom < m.top || x.top > m.bottom || x.right < m.left || x.left > m.right,
        );
        // Excel keeps the top-left value only.
        for (let r = m.top; r <= m.bottom; r++)
          for (let c = m.left; c <= m.right; c++) {
            const cell = t.sheet.get(r, c);
            if (cell && (r !== m.top || c !== m.left)) enterValue(cell, "", false);
          }
        t.sheet.merges.push(m);
      }
    });
  }

  /** Removes every merged area that overlaps the range (values stay as they are). */
  unmerge(): void {
    this.queue("unmerge", [], (t) => {
      t.sheet.merges = t.sheet.merges.filter(
        (x) => x.bottom < t.rect.top || x.top > t.rect.bottom || x.right < t.rect.left || x.left > t.rect.right,
      );
    });
  }

  /**
   * ExcelApi 1.9: fills `destination` (which must contain this range and extend it down or right
   * only) from this range as Excel's fill handle does: the source repeats, formulas with their
   * relative references shifted (the fake keeps no values of formulas, so `FillCopy` and
   * `FillDefault` are the same here).
   */
  autoFill(destination: string, autoFillType: string = "FillDefault"): void {
    this.queue("autoFill", [destination, autoFillType], (t) => {
      this.context.requireApi("1.9", "Range.autoFill");
      const d = parseRange(destination);
      const s = t.rect;
      const contains = d.top === s.top && d.left === s.left && d.bottom >= s.bottom && d.right >= s.right;
      if (!contains || (d.bottom > s.bottom && d.right > s.right))
        throw new FakeOfficeError(
          "InvalidArgument",
          "The destination must extend the source down or right.",
          "Range.autoFill",
        );
      const h = s.bottom - s.top + 1;
      const w = s.right - s.left + 1;
      for (let r = d.top; r <= d.bottom; r++)
        for (let c = d.left; c <= d.right; c++) {
          if (r <= s.bottom && c <= s.right) continue;
          const sr = s.top + ((r - s.top) % h);
          const sc = s.left + ((c - s.left) % w);
          const from = t.sheet.get(sr, sc);
          const to = t.sheet.ensure(r, c);
          if (from?.formula) enterValue(to, shiftFormula(from.formula, r - sr, c - sc), true);
          else enterValue(to, from?.value ?? "", false);
        }
    });
  }

  /**
   * ExcelApi 1.9: each cell's formatting as `CellProperties` — of the subset the fake keeps (fill,
   * font, borders, alignment, wrap), what the load options ask, reported with Excel's defaults.
   */
  getCellProperties(options: Excel.CellPropertiesLoadOptions): FakeClientResult<Excel.CellProperties[][]> {
    const result = new FakeClientResult<Excel.CellProperties[][]>();
    const limit = this.context.excel.options.maxCellsPerRead;
    this.context.enqueue({
      label: "Range.getCellProperties",
      requestBytes: jsonBytes(options) + 20,
      run: () => {
        this.context.requireApi("1.9", "Range.getCellProperties");
        const t = this.need();
        const value = grid(
          t,
          (c) => pickLoaded(cellProperties(c?.format ?? {}), options) as Excel.CellProperties,
          limit,
        );
        return { bytes: jsonBytes(value), deliver: () => result.set(value) };
      },
    });
    return result;
  }

  /** ExcelApi 1.9: sets each cell's formatting from `CellProperties` (the subset the fake keeps). */
  setCellProperties(values: Excel.SettableCellProperties[][]): void {
    this.queue("setCellProperties", [values], (t) => {
      this.context.requireApi("1.9", "Range.setCellProperties");
      checkDimensions(t, values);
      eachCell(t, (c, r, col) => {
        const p = inputAt(t, values, r, col) as Excel.SettableCellProperties | undefined;
        if (p?.format) applyCellFormat(c.format, p.format);
      });
    });
  }

  /**
   * The merged areas whose top-left cell lies in the range (what Excel reports, office-js#3611),
   * failing over 512 of them (as documented).
   */
  getMergedAreasOrNullObject(): FakeRangeAreas {
    return new FakeRangeAreas(
      this.context,
      () => {
        this.context.requireApi("1.13", "Range.getMergedAreasOrNullObject");
        const t = this.need();
        const found = t.sheet.merges.filter(
          (m) => m.top >= t.rect.top && m.top <= t.rect.bottom && m.left >= t.rect.left && m.left <= t.rect.right,
        );
        if (found.length > 512)
          throw new FakeOfficeError(
            "GeneralException",
            "There are more than 512 merged areas in the range.",
            "Range.getMergedAreasOrNullObject",
          );
        return found.length === 0 ? null : { sheet: t.sheet, areas: found };
      },
      { method: "getMergedAreasOrNullObject", orNull: true },
    );
  }
}

interface AreasTarget {
  sheet: Sheet;
  areas: RangeRef[];
}

export class FakeRangeAreas extends FakeClientObject<AreasTarget> implements Pick<Excel.RangeAreas, "address"> {
  constructor(context: FakeContext, resolver: () => AreasTarget | null, kind: ProxyKind) {
    super(context, "RangeAreas", resolver, kind);
  }

  protected override scalars(): Record<string, (t: AreasTarget) => unknown> {
    return { address: (t) => t.areas.map((r) => a1(t.sheet, r)).join(", ") };
  }

  protected override navigation(): Record<string, () => Loadable> {
    return { areas: () => this.areas };
  }

  get address(): string {
    return this.get("address");
  }

  get areas(): FakeRangeCollection {
    return this.child("areas", () => new FakeRangeCollection(this.context, () => this.target()));
  }
}

export class FakeRangeCollection extends FakeCollection<AreasTarget, FakeRange> {
  constructor(context: FakeContext, resolver: () => AreasTarget | null) {
    super(context, "RangeCollection", resolver, "nav");
  }

  protected itemTargets(t: AreasTarget): unknown[] {
    return t.areas.map((rect) => ({ sheet: t.sheet, rect }));
  }

  protected bindItem(target: unknown): FakeRange {
    return new FakeRange(this.context, () => target as RangeTarget, "bound");
  }
}

/** `OfficeExtension.ClientResult`: `value` is there after the sync. */
export class FakeClientResult<T> {
  private has = false;
  private v: T | undefined;

  set(v: T): void {
    this.v = v;
    this.has = true;
  }

  get value(): T {
    if (!this.has)
      throw new FakeOfficeError(
        "PropertyNotLoaded",
        "The value of a ClientResult is not available before context.sync().",
      );
    return this.v as T;
  }
}

/** The parts of `value` the load options name (`{format: {font: {color: true}}}`), as Excel answers. */
function pickLoaded(value: unknown, options: unknown): unknown {
  if (options === true) return value;
  if (typeof options !== "object" || options === null || typeof value !== "object" || value === null) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, o] of Object.entries(options as Record<string, unknown>)) {
    if (k === "borders" && typeof o === "object") {
      // Borders: the options name the properties of every edge.
      const edges = (value as Record<string, Record<string, unknown>>)[k] ?? {};
      out[k] = Object.fromEntries(Object.entries(edges).map(([edge, b]) => [edge, pickLoaded(b, o)]));
      continue;
    }
    const v = pickLoaded((value as Record<string, unknown>)[k], o);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** The fake's border keys and `CellBorderCollection`'s. */
const BORDER_KEYS: Record<string, keyof Excel.CellBorderCollection> = {
  EdgeTop: "top",
  EdgeBottom: "bottom",
  EdgeLeft: "left",
  EdgeRight: "right",
  InsideHorizontal: "horizontal",
  InsideVertical: "vertical",
};

/** A cell's formatting as `getCellProperties` reports it, with Excel's defaults where none is set. */
export function cellProperties(f: CellFormat): Excel.CellProperties {
  const borders: Excel.CellBorderCollection = {};
  for (const [key, prop] of Object.entries(BORDER_KEYS)) {
    const b = f.borders?.[key];
    borders[prop] = (b ? { ...b } : { style: "None", weight: "Thin", color: "#000000" }) as Excel.CellBorder;
  }
  return {
    format: {
      fill: {
        color: f.fill ?? "#FFFFFF",
        pattern: f.fill === undefined ? "None" : (f.fillPattern ?? "Solid"),
        patternColor: f.patternColor ?? "#000000",
      },
      font: {
        bold: f.bold ?? false,
        color: f.fontColor ?? "#000000",
        name: f.fontName ?? "Calibri",
        size: f.fontSize ?? 11,
        underline: f.underline ?? "None",
      },
      borders,
      horizontalAlignment: f.horizontal ?? "General",
      verticalAlignment: f.vertical ?? "Bottom",
      wrapText: f.wrap ?? false,
    },
  } as Excel.CellProperties;
}

/** Applies `setCellProperties` formatting to a fake cell; Excel's defaults are stored as none. */
function applyCellFormat(f: CellFormat, p: Excel.CellPropertiesFormat): void {
  const keep = <K extends keyof CellFormat>(key: K, v: CellFormat[K] | undefined, dflt: unknown): void => {
    if (v === undefined) return;
    if (v === dflt) delete f[key];
    else f[key] = v;
  };
  if (p.fill) {
    if (p.fill.pattern === "None") {
      delete f.fill;
      delete f.fillPattern;
      delete f.patternColor;
    } else {
      if (p.fill.color !== undefined) f.fill = p.fill.color;
      if (p.fill.pattern !== undefined) {
        if (p.fill.pattern === "Solid") delete f.fillPattern;
        else f.fillPattern = p.fill.pattern;
      }
      keep("patternColor", p.fill.patternColor ?? undefined, "#000000");
    }
  }
  if (p.font) {
    keep("bold", p.font.bold, false);
    keep("fontColor", p.font.color, "#000000");
    keep("fontName", p.font.name, "Calibri");
    keep("fontSize", p.font.size, 11);
    keep("underline", p.font.underline as string | undefined, "None");
  }
  keep("horizontal", p.horizontalAlignment as string | undefined, "General");
  keep("vertical", p.verticalAlignment as string | undefined, "Bottom");
  keep("wrap", p.wrapText, false);
  if (p.borders) {
    for (const [key, prop] of Object.entries(BORDER_KEYS)) {
      const b = p.borders[prop];
      if (!b) continue;
      if (b.style === "None") {
        if (f.borders) delete f.borders[key];
        continue;
      }
      const borders = (f.borders ??= {});
      borders[key] = {
        style: b.style ?? borders[key]?.style ?? "Continuous",
        weight: b.weight ?? borders[key]?.weight ?? "Thin",
        color: b.color ?? borders[key]?.color ?? "#000000",
      };
    }
    if (f.borders && Object.keys(f.borders).length === 0) delete f.borders;
  }
}

/** Formatting of every cell of a range (the fake keeps formats per cell). */
abstract class FakeFormatPart extends FakeClientObject<RangeTarget> {
  protected override sheetOf(): Sheet | null {
    return this.target()?.sheet ?? null;
  }

  protected styleCells(name: string, v: unknown, f: (fmt: CellFormat) => void): void {
    this.set(name, v, (t) => eachCell(t, (c) => f(c.format)));
  }
}

export class FakeRangeFormat extends FakeFormatPart {
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFormat", resolver, "nav");
  }

  protected override navigation(): Record<string, () => Loadable> {
    return { fill: () => this.fill, font: () => this.font };
  }

  /** Width of the first column and height of the first row, in points (Excel's defaults where unset). */
  protected override scalars(): Record<string, (t: RangeTarget) => unknown> {
    return {
      columnWidth: (t) => t.sheet.columnWidths.get(t.rect.left) ?? DEFAULT_COLUMN_WIDTH,
      rowHeight: (t) => t.sheet.rowHeights.get(t.rect.top) ?? DEFAULT_ROW_HEIGHT,
    };
  }

  get columnWidth(): number {
    return this.get("columnWidth");
  }

  get rowHeight(): number {
    return this.get("rowHeight");
  }

  get font(): FakeRangeFont {
    return this.child("font", () => new FakeRangeFont(this.context, () => this.target()));
  }

  get fill(): FakeRangeFill {
    return this.child("fill", () => new FakeRangeFill(this.context, () => this.target()));
  }

  get borders(): FakeBorderCollection {
    return this.child("borders", () => new FakeBorderCollection(this.context, () => this.target()));
  }

  set wrapText(v: boolean) {
    this.styleCells("wrapText", v, (f) => (f.wrap = v));
  }

  set horizontalAlignment(v: string) {
    this.styleCells("horizontalAlignment", v, (f) => (f.horizontal = v));
  }

  set verticalAlignment(v: string) {
    this.styleCells("verticalAlignment", v, (f) => (f.vertical = v));
  }

  set columnWidth(v: number) {
    this.set("columnWidth", v, (t) => {
      for (let c = t.rect.left; c <= t.rect.right; c++)
        if (v === DEFAULT_COLUMN_WIDTH) t.sheet.columnWidths.delete(c);
        else t.sheet.columnWidths.set(c, v);
    });
  }

  set rowHeight(v: number) {
    this.set("rowHeight", v, (t) => {
      for (let r = t.rect.top; r <= t.rect.bottom; r++)
        if (v === DEFAULT_ROW_HEIGHT) t.sheet.rowHeights.delete(r);
        else t.sheet.rowHeights.set(r, v);
    });
  }
}

/** Excel's standard column width (8.43 characters of Calibri 11) and row height, in points. */
export const DEFAULT_COLUMN_WIDTH = 48;
export const DEFAULT_ROW_HEIGHT = 15;

export class FakeRangeFont extends FakeFormatPart {
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFont", resolver, "nav");
  }

  set bold(v: boolean) {
    this.styleCells("bold", v, (f) => (f.bold = v));
  }
  set color(v: string) {
    this.styleCells("color", v, (f) => (f.fontColor = v));
  }
  set name(v: string) {
    this.styleCells("name", v, (f) => (f.fontName = v));
  }
  set size(v: number) {
    this.styleCells("size", v, (f) => (f.fontSize = v));
  }
  set underline(v: string) {
    this.styleCells("underline", v, (f) => (f.underline = v));
  }
}

/** The fill of a range's top-left cell when loaded (the adapter loads single cells). */
export class FakeRangeFill extends FakeFormatPart implements Pick<Excel.RangeFill, "color"> {
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, "RangeFill", resolver, "nav");
  }

  protected override scalars(): Record<string, (t: RangeTarget) => unknown> {
    const at = (t: RangeTarget): CellFormat => t.sheet.get(t.rect.top, t.rect.left)?.format ?? {};
    return {
      color: (t) => at(t).fill ?? "#FFFFFF",
      pattern: (t) => {
        this.context.requireApi("1.9", "RangeFill.pattern");
        const f = at(t);
        return f.fill === undefined ? "None" : (f.fillPattern ?? "Solid");
      },
      patternColor: (t) => {
        this.context.requireApi("1.9", "RangeFill.patternColor");
        return at(t).patternColor ?? null;
      },
    };
  }

  get color(): string {
    return this.get("color");
  }
  set color(v: string) {
    this.styleCells("color", v, (f) => (f.fill = v));
  }
  get pattern(): string {
    return this.get("pattern");
  }
  set pattern(v: string) {
    this.styleCells("pattern", v, (f) => {
      f.fillPattern = v;
      f.fill ??= "#FFFFFF";
    });
  }
  get patternColor(): string {
    return this.get("patternColor");
  }
  set patternColor(v: string) {
    this.styleCells("patternColor", v, (f) => (f.patternColor = v));
  }

  clear(): void {
    this.queue("clear", [], (t) =>
      eachCell(t, (c) => {
        delete c.format.fill;
        delete c.format.fillPattern;
        delete c.format.patternColor;
      }),
    );
  }
}

export class FakeBorderCollection extends FakeFormatPart {
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, "RangeBorderCollection", resolver, "nav");
  }

  getItem(index: string): FakeRangeBorder {
    return new FakeRangeBorder(this.context, () => this.target(), index);
  }
}

export class FakeRangeBorder extends FakeFormatPart {
  constructor(
    context: FakeContext,
    resolver: () => RangeTarget | null,
    private readonly index: string,
  ) {
    super(context, "RangeBorder", resolver, "nav");
  }

  private edge(prop: "style" | "weight" | "color", v: string): void {
    this.set(prop, v, (t) =>
      eachCell(t, (c, r, col) => {
        // An edge applies to the cells on that side; inside borders to the cells within.
        const onEdge =
          (this.index === "EdgeTop" && r === t.rect.top) ||
          (this.index === "EdgeBottom" && r === t.rect.bottom) ||
          (this.index === "EdgeLeft" && col === t.rect.left) ||
          (this.index === "EdgeRight" && col === t.rect.right) ||
          this.index.startsWith("Inside");
        if (!onEdge) return;
        const borders = (c.format.borders ??= {});
        const b = (borders[this.index] ??= { style: "None", weight: "Thin", color: "#000000" });
        b[prop] = v;
      }),
    );
  }

  set style(v: string) {
    this.edge("style", v);
  }
  set weight(v: string) {
    this.edge("weight", v);
  }
  set color(v: string) {
    this.edge("color", v);
  }
}

export class FakeDataValidation extends FakeFormatPart {
  constructor(context: FakeContext, resolver: () => RangeTarget | null) {
    super(context, "DataValidation", resolver, "nav");
  }

  /** What a load reports: the validation set on exactly this range, or none. */
  protected override scalars(): Record<string, (t: RangeTarget) => unknown> {
    const found = (t: RangeTarget): Record<string, unknown> | undefined => {
      this.context.requireApi("1.8", "Range.dataValidation");
      const range = a1(t.sheet, t.rect).split("!")[1];
      return t.sheet.validations.find((x) => x.range === range && x.rule !== null) as
        Record<string, unknown> | undefined;
    };
    return {
      type: (t) => {
        const v = found(t);
        return v ? (((v.rule as { list?: unknown }).list ? "List" : "Custom") as string) : "None";
      },
      rule: (t) => found(t)?.rule ?? {},
      ignoreBlanks: (t) => found(t)?.ignoreBlanks ?? true,
      errorAlert: (t) => found(t)?.errorAlert ?? { showAlert: true, style: "Stop", title: "", message: "" },
      prompt: (t) => found(t)?.prompt ?? { showPrompt: false, title: "", message: "" },
    };
  }

  get type(): string {
    return this.get("type");
  }
  get rule(): unknown {
    return this.get("rule");
  }
  get ignoreBlanks(): boolean {
    return this.get("ignoreBlanks");
  }
  get errorAlert(): unknown {
    return this.get("errorAlert");
  }
  get prompt(): unknown {
    return this.get("prompt");
  }

  private entry(t: RangeTarget): { range: string; rule: unknown } & Record<string, unknown> {
    this.context.requireApi("1.8", "Range.dataValidation");
    const range = a1(t.sheet, t.rect).split("!")[1];
    let v = t.sheet.validations.find((x) => x.range === range);
    if (!v) {
      v = { range, rule: null };
      t.sheet.validations.push(v);
    }
    return v as { range: string; rule: unknown } & Record<string, unknown>;
  }

  clear(): void {
    this.queue("clear", [], (t) => {
      this.context.requireApi("1.8", "DataValidation.clear");
      const range = a1(t.sheet, t.rect).split("!")[1];
      const i = t.sheet.validations.findIndex((x) => x.range === range);
      if (i >= 0) t.sheet.validations.splice(i, 1);
    });
  }

  set rule(v: unknown) {
    this.set("rule", v, (t) => (this.entry(t).rule = v));
  }
  set ignoreBlanks(v: boolean) {
    this.set("ignoreBlanks", v, (t) => (this.entry(t).ignoreBlanks = v));
  }
  set errorAlert(v: unknown) {
    this.set("errorAlert", v, (t) => (this.entry(t).errorAlert = v));
  }
  set prompt(v: unknown) {
    this.set("prompt", v, (t) => (this.entry(t).prompt = v));
  }
}

// ---------------------------------------------------------------------------------------------
// Charts

interface ChartTarget {
  sheet: Sheet;
  chart: FakeChartData;
}

export class FakeChart extends FakeClientObject<ChartTarget> implements Pick<Excel.Chart, "name"> {
  constructor(context: FakeContext, resolver: () => ChartTarget | null, kind: ProxyKind) {
    super(context, "Chart", resolver, kind);
  }

  protected override scalars(): Record<string, (t: ChartTarget) => unknown> {
    return { name: (t) => t.chart.name };
  }

  protected override sheetOf(): Sheet | null {
    return this.target()?.sheet ?? null;
  }

  get name(): string {
    return this.get("name");
  }

  set name(v: string) {
    this.set("name", v, (t) => (t.chart.name = v));
  }

  get title(): { text: string } {
    const queue = (v: string): void => this.queue("title.text", [v], (t) => (t.chart.title = v));
    return {
      set text(v: string) {
        queue(v);
      },
      get text(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "ChartTitle.text is write-only in the fake");
      },
    };
  }

  get legend(): { position: string; visible: boolean } {
    const queue = (prop: "position" | "visible", v: string | boolean): void =>
      this.queue(`legend.${prop}`, [v], (t) => Object.assign(t.chart.legend, { [prop]: v }));
    return {
      set position(v: string) {
        queue("position", v);
      },
      get position(): string {
        throw new FakeOfficeError("PropertyNotLoaded", "ChartLegend.position is write-only in the fake");
      },
      set visible(v: boolean) {
        queue("visible", v);
      },
      get visible(): boolean {
        throw new FakeOfficeError("PropertyNotLoaded", "ChartLegend.visible is write-only in the fake");
      },
    };
  }

  setPosition(startCell: string, endCell?: string): void {
    this.queue("setPosition", [startCell, endCell ?? null], (t) => {
      parseAddress(startCell);
      if (endCell) parseAddress(endCell);
      t.chart.position = { start: startCell, ...(endCell ? { end: endCell } : {}) };
    });
  }

  delete(): void {
    this.queue("delete", [], (t) => {
      const i = t.sheet.charts.indexOf(t.chart);
      if (i >= 0) t.sheet.charts.splice(i, 1);
    });
  }
}

/** A worksheet's charts (ExcelApi 1.1; `getItemOrNullObject` 1.4). Names match ignoring case, as Excel's do. */
export class FakeChartCollection extends FakeCollection<Sheet, FakeChart> {
  constructor(context: FakeContext, resolver: () => Sheet | null) {
    super(context, "ChartCollection", resolver, "nav");
  }

  protected override scalars(): Record<string, (t: Sheet) => unknown> {
    return { count: (t) => t.charts.length };
  }

  protected override sheetOf(): Sheet | null {
    return this.target();
  }

  protected itemTargets(t: Sheet): unknown[] {
    return t.charts.map((chart) => ({ sheet: t, chart }));
  }

  protected bindItem(target: unknown): FakeChart {
    return new FakeChart(this.context, () => target as ChartTarget, "bound");
  }

  get count(): number {
    return this.get("count");
  }

  private find(name: string, orNull: boolean, method: string): FakeChart {
    return new FakeChart(
      this.context,
      () => {
        const s = this.need();
        const chart = s.charts.find((c) => c.name.toLowerCase() === name.toLowerCase());
        if (chart) return { sheet: s, chart };
        if (orNull) return null;
        throw new FakeOfficeError("ItemNotFound", `No chart named ${name}.`, "ChartCollection.getItem");
      },
      { method, args: [name], orNull },
    );
  }

  getItem(name: string): FakeChart {
    return this.find(name, false, "getItem");
  }

  getItemOrNullObject(name: string): FakeChart {
    return this.find(name, true, "getItemOrNullObject");
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    let created: ChartTarget | null = null;
    const chart = new FakeChart(this.context, () => created, { method: "add", args: [type, seriesBy ?? "Auto"] });
    // The add runs before the proxy's resolution (queued right after), as Excel creates then binds.
    this.context.queue.splice(this.context.queue.length - 1, 0, {
      label: "ChartCollection.add",
      requestBytes: jsonBytes([type, seriesBy ?? "Auto"]) + 16,
      run: () => {
        const s = this.need();
        this.context.excel.beforeWrite(s);
        const src = sourceData.target();
        if (!src || src.sheet !== s)
          throw new FakeOfficeError("InvalidArgument", "The chart's source data must be a range of its sheet.");
        let n = s.charts.length + 1;
        while (s.charts.some((c) => c.name === `Chart ${n}`)) n++;
        const data: FakeChartData = {
          name: `Chart ${n}`,
          type,
          source: a1(s, src.rect).split("!")[1],
          seriesBy: seriesBy ?? "Auto",
          legend: {},
        };
        s.charts.push(data);
        created = { sheet: s, chart: data };
      },
    });
    return chart;
  }
}
