/**
 * Office.js has no transactions, so a command that writes to the open workbook keeps, before its
 * first write, what it is about to change, and puts it back when it fails or is cancelled: no
 * half-written workbook remains. Excel clears its own undo history once an add-in writes, so the
 * record of the last command that succeeded is kept (in memory: the pane and the ribbon share one
 * runtime) for 撤销上次操作.
 *
 * What is kept, per `apply()` of a command (see `OfficeWorkbook.apply`):
 * - cells of existing sheets: values and formulas with their number formats where the command
 *   writes content; the formatting it sets (fill, font, borders, alignment, wrap through
 *   `getCellProperties`, ExcelApi 1.9; only fills of marked cells before that); notes it changes;
 *   merged areas; column widths and row heights; data validation; frozen panes;
 * - sheets: visibility, and for a sheet deleted (or replaced) a copy (`Worksheet.copy`, ExcelApi 1.7)
 *   kept very hidden under the reserved name `_ptsheet_undo_…` (readers skip `_ptsheet` sheets),
 *   with its name and position; sheets added are deleted again;
 * - workbook names the command defines, and every name when it deletes a sheet.
 * Changes to sheets the same command added need nothing.
 *
 * Putting back replays the entries in reverse order, so each cell ends as it was before the first
 * change. Undo first compares the cells the command wrote with what they hold now: cells the user
 * changed since are left as they are and listed; a sheet the command added and the user edited is
 * kept (and an original it replaced comes back beside it under another name).
 *
 * Costs (counted by `OfficeWorkbook.lastStats.journalSyncs`): per `apply()` one sync to read what
 * will change — none when the changes only add sheets and names, and shared with the notes probe
 * `setLook` needs anyway — plus one per further 4 MB; the sheet copies ride in the first write sync;
 * one sync after the writes reads back the cells written on existing sheets and the sheets added
 * (the add-in's own `_ptsheet_` records and the helper formulas it fills excepted), +1 per further
 * 4 MB. Measured on the fake (test/unit/office-journal.test.ts): 校验 and 生成目标表 +1 sync for 1,
 * 10 and 200 tables alike, 填充执行率 +2 (more only as what it rewrites passes 4 MB). Undo and
 * rollback: 1 sync for the sheets and names, 1 for notes and (undo) the cells to compare, then the
 * restoring writes, one sync per 2 MB.
 */
import { cellAddress, columnLetters, columnNumber, parseRange, rangeAddress, type RangeRef } from "../core/address";
import type { WorkbookChange } from "../port/workbook";
import { OP_OVERHEAD_BYTES, groups, jsonBytes, packInOrder, utf8Length } from "./payload";
import { isPayloadError } from "./errors";
import { needsQuotePrefix } from "./cell-input";

export const UNDO_SHEET_PREFIX = "_ptsheet_undo_";

/** A sentence in both languages. */
export interface Said {
  zh: string;
  en: string;
}

type Visibility = "Visible" | "Hidden" | "VeryHidden";

/** What the host can read back, decided once per `apply()`. */
export interface JournalCaps {
  /** ExcelApi 1.7: `Worksheet.copy`, `freezePanes`. */
  copy: boolean;
  /** ExcelApi 1.9: `getCellProperties` / `setCellProperties`. */
  cellProperties: boolean;
  /** ExcelApi 1.13: merged areas. */
  mergedAreas: boolean;
  /** ExcelApi 1.18: notes. */
  notes: boolean;
}

interface ContentEntry {
  kind: "content";
  sheet: string;
  rect: RangeRef;
  values: unknown[][];
  formulas: unknown[][];
  numberFormat: unknown[][];
}
interface NumberFormatEntry {
  kind: "numberFormat";
  sheet: string;
  rect: RangeRef;
  numberFormat: unknown[][];
}
interface FormatEntry {
  kind: "format";
  sheet: string;
  rect: RangeRef;
  props: Excel.CellProperties[][];
}
interface FillEntry {
  kind: "fill";
  sheet: string;
  cell: string;
  color: string | null;
}
interface NoteEntry {
  kind: "note";
  sheet: string;
  cell: string;
  note: string | null;
}
interface MergesEntry {
  kind: "merges";
  sheet: string;
  rect: RangeRef;
  areas: RangeRef[];
}
interface SizeEntry {
  kind: "width" | "height";
  sheet: string;
  /** Column or row number. */
  index: number;
  size: number;
}
interface ValidationEntry {
  kind: "validation";
  sheet: string;
  range: string;
  state: { rule: Excel.DataValidationRule; ignoreBlanks: boolean; errorAlert: unknown; prompt: unknown } | null;
}
interface FreezeEntry {
  kind: "freeze";
  sheet: string;
  location: string | null;
}
interface VisibilityEntry {
  kind: "visibility";
  sheet: string;
  visibility: Visibility;
}
interface BackupEntry {
  kind: "backup";
  sheet: string;
  backup: string;
  position: number;
  visibility: Visibility;
}
interface ChartEntry {
  kind: "chart";
  sheet: string;
  name: string;
}
interface AddedEntry {
  kind: "added";
  sheet: string;
}
interface NamesEntry {
  kind: "names";
  /** Names as they were (lower-case key → name and formula). */
  before: Map<string, { name: string; formula: string }>;
  /** Names to compare and put back: those defined, or all when a sheet was deleted. */
  touched: "all" | Set<string>;
}

type Entry =
  | ContentEntry
  | NumberFormatEntry
  | FormatEntry
  | FillEntry
  | NoteEntry
  | MergesEntry
  | SizeEntry
  | ValidationEntry
  | FreezeEntry
  | VisibilityEntry
  | BackupEntry
  | AddedEntry
  | ChartEntry
  | NamesEntry;

/** What a written area held right after the command, to tell later edits by the user. */
interface AfterState {
  sheet: string;
  rect: RangeRef;
  formulas: unknown[][];
  /** For a sheet the command added: its used range then (values only). */
  used?: string | null;
}

/** What putting back did. */
export interface RestoreReport {
  /** Cells left as the user changed them after the command (`Sheet!A1`), in order. */
  keptCells: string[];
  /** Sheets the command added that the user edited since: kept. */
  keptSheets: string[];
  /** Originals brought back under another name because the sheet that replaced them was kept. */
  renamed: { sheet: string; as: string }[];
  /** What could not be put back. */
  failed: Said[];
  /** What this Excel could not keep in the first place (older API sets). */
  limits: Said[];
}

/** A capture or read-back load: its estimated bytes, and what to do with the answer. */
interface LoadJob {
  /** Estimated response bytes. */
  bytes: number;
  /** What it is estimated from: cells (rect loads, which learn the real density) or fixed. */
  cells?: number;
  /** Queues the load; the collector stores the answer and returns the bytes it measured, if it can. */
  queue(ctx: Excel.RequestContext): () => number | void;
  /** The job in two halves (by rows), when Excel refuses it as too large. */
  split?: () => LoadJob[];
}

/**
 * A load over a rectangle, estimated at `perCell` bytes a cell; when Excel refuses it as too large
 * it is split by rows, and `load` is called for each piece (the collector places its rows).
 */
function rectJob(
  rect: RangeRef,
  perCell: number,
  overhead: number,
  load: (ctx: Excel.RequestContext, piece: RangeRef) => () => number | void,
): LoadJob {
  return {
    bytes: overhead + cells(rect) * perCell,
    cells: cells(rect),
    queue: (ctx) => load(ctx, rect),
    split:
      rect.bottom > rect.top
        ? () => {
            const mid = rect.top + Math.floor((rect.bottom - rect.top + 1) / 2);
            return [
              rectJob({ ...rect, bottom: mid - 1 }, perCell, overhead, load),
              rectJob({ ...rect, top: mid }, perCell, overhead, load),
            ];
          }
        : undefined,
  };
}

/** Puts the rows of a piece into the whole's matrix at `offset`; returns their JSON bytes. */
function place(target: unknown[][], offset: number, rows: unknown[][]): number {
  rows.forEach((row, i) => {
    target[offset + i] = row;
  });
  return jsonBytes(rows);
}

/** A restoring write: bytes, what it restores (for a failure report), how to queue it. */
interface RestoreOp {
  bytes: number;
  what: Said;
  queue(ctx: Excel.RequestContext): void;
}

type Sync = () => Promise<void>;

/** Rows of one load job at most, by bytes per cell, so each fits well under the budget. */
function bands(rect: RangeRef, bytesPerCell: number, budget: number): RangeRef[] {
  const cols = rect.right - rect.left + 1;
  const rowsPer = Math.max(1, Math.floor(budget / 2 / Math.max(1, cols * bytesPerCell)));
  const out: RangeRef[] = [];
  for (let top = rect.top; top <= rect.bottom; top += rowsPer)
    out.push({ ...rect, top, bottom: Math.min(rect.bottom, top + rowsPer - 1) });
  return out;
}

/** Estimated response bytes per cell. */
const CONTENT_BYTES = 90;
const NUMBER_FORMAT_BYTES = 20;
const FILL_BYTES = 90;
const FORMULA_BYTES = 45;

/** The formatting a change sets, by the port's style keys (`border` for all edges). */
type FormatParts = Partial<
  Record<
    | "bold"
    | "fontColor"
    | "fontName"
    | "fontSize"
    | "underline"
    | "fill"
    | "wrap"
    | "horizontal"
    | "vertical"
    | "border"
    | "borderStyle",
    true
  >
>;

/** What `getCellProperties` must load to put back the formatting `parts` sets, and its bytes per cell. */
function formatLoad(parts: FormatParts): { options: Excel.CellPropertiesLoadOptions; perCell: number } {
  const font: Excel.CellPropertiesFontLoadOptions = {};
  if (parts.bold) font.bold = true;
  if (parts.fontColor) font.color = true;
  if (parts.fontName) font.name = true;
  if (parts.fontSize) font.size = true;
  if (parts.underline) font.underline = true;
  const format: Excel.CellPropertiesFormatLoadOptions = {};
  let perCell = 40;
  if (Object.keys(font).length > 0) {
    format.font = font;
    perCell += 12 + 25 * Object.keys(font).length;
  }
  if (parts.fill) {
    format.fill = { color: true, pattern: true, patternColor: true };
    perCell += 80;
  }
  if (parts.wrap) {
    format.wrapText = true;
    perCell += 20;
  }
  if (parts.horizontal) {
    format.horizontalAlignment = true;
    perCell += 35;
  }
  if (parts.vertical) {
    format.verticalAlignment = true;
    perCell += 35;
  }
  if (parts.border || parts.borderStyle) {
    format.borders = { color: true, style: true, weight: true };
    perCell += 480;
  }
  return { options: { format }, perCell };
}

const ROWS = 1_048_576;
const COLS = 16_384;

function sheetOf(address: string): string {
  return address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
}

/** `A1:B3`, rows `1:3` or columns `A:B` as bounds. */
export function parseLocation(address: string): RangeRef {
  const bare = sheetOf(address);
  const rows = /^(\d+):(\d+)$/.exec(bare);
  if (rows) return { top: Number(rows[1]), bottom: Number(rows[2]), left: 1, right: COLS };
  const cols = /^([A-Za-z]+):([A-Za-z]+)$/.exec(bare);
  if (cols) return { top: 1, bottom: ROWS, left: columnNumber(cols[1]), right: columnNumber(cols[2]) };
  return parseRange(bare);
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || ((a === null || a === undefined || a === "") && (b === null || b === undefined || b === ""));
}

function where(sheet: string, rect: RangeRef | string): Said {
  const a = typeof rect === "string" ? rect : rangeAddress(rect);
  return { zh: `工作表「${sheet}」${a}`, en: `${sheet}!${a}` };
}

function said(zh: string, en: string): Said {
  return { zh, en };
}

let journalCounter = 0;

/**
 * One command's record. `OfficeWorkbook.apply` fills it (`planCapture`, `queueBackups`,
 * `planAfter`); `restore` puts the workbook back.
 */
export class Journal {
  readonly id: string;
  private readonly entries: Entry[] = [];
  /** Entries of the `apply()` being prepared: kept once its reads succeed (`accept`). */
  private pending: Entry[] = [];
  private pendingAdded: Set<string> | null = null;
  private readonly after: AfterState[] = [];
  /** Sheets this command added (lower case). */
  private added = new Set<string>();
  /** Copies to make at the head of the first write sync. */
  private pendingBackups: { sheet: string; backup: string }[] = [];
  private backupCount = 0;
  /** `_ptsheet_undo_` sheets of other records seen in the workbook: deleted when this one commits. */
  readonly staleBackups = new Set<string>();
  readonly limits: Said[] = [];
  /** Whether any write was sent to Excel. */
  started = false;
  /**
   * Ids of the sheets there were before the command (Excel's sheet ids survive renames): a sheet
   * found under a name the command added is deleted again only when it is not one of them.
   */
  private originalIds: Set<string> | null = null;

  constructor(readonly checkpoint: () => void = () => undefined) {
    journalCounter = (journalCounter + 1) % 46_656;
    this.id = `${Date.now().toString(36).slice(-4)}${journalCounter.toString(36)}`;
  }

  /** Sheets the record's copies live in. */
  get backups(): string[] {
    return this.entries.filter((e): e is BackupEntry => e.kind === "backup").map((e) => e.backup);
  }

  private limit(s: Said): void {
    if (!this.limits.some((l) => l.zh === s.zh)) this.limits.push(s);
  }

  /**
   * What to read before this `apply()` writes, given the sheets as the first sync found them
   * (`names`: the workbook's names with formulas, loaded when the changes define names or delete a
   * sheet). Records sheet-level entries at once; returns the loads that fill the rest.
   */
  planCapture(
    changes: WorkbookChange[],
    sheets: { name: string; visibility: Visibility; id: string }[],
    names: { name: string; formula: string }[] | null,
    caps: JournalCaps,
    budget: number,
  ): LoadJob[] {
    this.pending = [];
    this.pendingBackups = [];
    this.originalIds ??= new Set(sheets.map((s) => s.id));
    const info = new Map(sheets.map((s, i) => [s.name.toLowerCase(), { ...s, position: i }]));
    const added = new Set(this.added);
    this.pendingAdded = added;
    for (const s of sheets)
      if (s.name.startsWith(UNDO_SHEET_PREFIX) && !this.backups.includes(s.name)) this.staleBackups.add(s.name);
    const present = new Set(info.keys());
    const jobs: LoadJob[] = [];
    const existing = (sheet: string): boolean => {
      const key = sheet.toLowerCase();
      return present.has(key) && !added.has(key);
    };
    if (names && changes.some((c) => c.kind === "defineName" || c.kind === "deleteSheet")) {
      const touched = changes.some((c) => c.kind === "deleteSheet")
        ? ("all" as const)
        : new Set(changes.flatMap((c) => (c.kind === "defineName" ? [c.name.toLowerCase()] : [])));
      this.pending.push({
        kind: "names",
        before: new Map(names.map((n) => [n.name.toLowerCase(), { name: n.name, formula: n.formula }])),
        touched,
      });
    }
    const content = (sheet: string, rect: RangeRef): void => {
      for (const band of bands(rect, CONTENT_BYTES, budget)) {
        const entry: ContentEntry = { kind: "content", sheet, rect: band, values: [], formulas: [], numberFormat: [] };
        this.pending.push(entry);
        jobs.push(
          rectJob(band, CONTENT_BYTES, OP_OVERHEAD_BYTES, (ctx, piece) => {
            const r = ctx.workbook.worksheets.getItem(sheet).getRange(rangeAddress(piece));
            r.load("values,formulas,numberFormat");
            return () =>
              place(entry.values, piece.top - band.top, r.values) +
              place(entry.formulas, piece.top - band.top, r.formulas) +
              place(entry.numberFormat, piece.top - band.top, r.numberFormat);
          }),
        );
      }
    };
    const numberFormat = (sheet: string, rect: RangeRef): void => {
      for (const band of bands(rect, NUMBER_FORMAT_BYTES, budget)) {
        const entry: NumberFormatEntry = { kind: "numberFormat", sheet, rect: band, numberFormat: [] };
        this.pending.push(entry);
        jobs.push(
          rectJob(band, NUMBER_FORMAT_BYTES, OP_OVERHEAD_BYTES, (ctx, piece) => {
            const r = ctx.workbook.worksheets.getItem(sheet).getRange(rangeAddress(piece));
            r.load("numberFormat");
            return () => place(entry.numberFormat, piece.top - band.top, r.numberFormat);
          }),
        );
      }
    };
    const format = (sheet: string, rect: RangeRef, what: FormatParts): void => {
      const fillOnly = what.fill === true && Object.keys(what).length === 1;
      if (!caps.cellProperties) {
        if (fillOnly && rect.top === rect.bottom && rect.left === rect.right) {
          const cell = cellAddress(rect.top, rect.left);
          const entry: FillEntry = { kind: "fill", sheet, cell, color: null };
          this.pending.push(entry);
          jobs.push({
            bytes: OP_OVERHEAD_BYTES * 2 + FILL_BYTES,
            queue: (ctx) => {
              const fill = ctx.workbook.worksheets.getItem(sheet).getRange(cell).format.fill;
              fill.load("color");
              return () => {
                entry.color = fill.color;
              };
            },
          });
          return;
        }
        this.limit(
          said(
            "此版本的 Excel 不能读取单元格格式（需要 ExcelApi 1.9），撤销时无法恢复已有工作表上被改动的格式。",
            "This Excel cannot read cell formatting (ExcelApi 1.9 is needed), so formatting changed on existing sheets cannot be restored.",
          ),
        );
        return;
      }
      const { options, perCell: per } = formatLoad(what);
      for (const band of bands(rect, per, budget)) {
        const entry: FormatEntry = { kind: "format", sheet, rect: band, props: [] };
        this.pending.push(entry);
        jobs.push(
          rectJob(band, per, OP_OVERHEAD_BYTES, (ctx, piece) => {
            const result = ctx.workbook.worksheets
              .getItem(sheet)
              .getRange(rangeAddress(piece))
              .getCellProperties(options);
            return () => place(entry.props, piece.top - band.top, result.value);
          }),
        );
      }
    };

    for (const ch of changes) {
      if (ch.kind === "defineName") continue;
      const key = ch.sheet.toLowerCase();
      switch (ch.kind) {
        case "addSheet":
          present.add(key);
          added.add(key);
          this.pending.push({ kind: "added", sheet: ch.sheet });
          continue;
        case "deleteSheet": {
          if (existing(ch.sheet)) {
            const s = info.get(key)!;
            if (!caps.copy) {
              this.limit(
                said(
                  "此版本的 Excel 不能复制工作表（需要 ExcelApi 1.7），被替换或删除的工作表无法恢复。",
                  "This Excel cannot copy sheets (ExcelApi 1.7 is needed), so replaced or deleted sheets cannot be restored.",
                ),
              );
            } else {
              const backup = `${UNDO_SHEET_PREFIX}${this.id}_${++this.backupCount}`;
              this.pendingBackups.push({ sheet: s.name, backup });
              this.pending.push({
                kind: "backup",
                sheet: s.name,
                backup,
                position: s.position,
                visibility: s.visibility,
              });
            }
          }
          present.delete(key);
          added.delete(key);
          continue;
        }
        default:
          break;
      }
      if (!existing(ch.sheet)) continue;
      const sheet = info.get(key)!.name;
      switch (ch.kind) {
        case "setSheetVisibility":
          this.pending.push({ kind: "visibility", sheet, visibility: info.get(key)!.visibility });
          break;
        case "setValues": {
          const a = parseRange(ch.anchor);
          const width = ch.values.reduce((w, r) => Math.max(w, r.length), 0);
          if (ch.values.length > 0 && width > 0)
            content(sheet, {
              top: a.top,
              left: a.left,
              bottom: a.top + ch.values.length - 1,
              right: a.left + width - 1,
            });
          break;
        }
        case "setFormulas":
          for (const f of ch.cells) content(sheet, parseRange(f.cell));
          break;
        case "fillFormula":
          content(sheet, parseRange(ch.range));
          break;
        case "hyperlink":
          content(sheet, parseRange(ch.cell));
          format(sheet, parseRange(ch.cell), { fontColor: true, underline: true });
          break;
        case "setStyle": {
          const { numberFormat: nf, ...rest } = ch.style;
          if (nf !== undefined) numberFormat(sheet, parseRange(ch.range));
          const parts: FormatParts = {};
          for (const [k, v] of Object.entries(rest)) if (v !== undefined) parts[k as keyof FormatParts] = true;
          if (ch.style.border) parts.border = true;
          if (Object.keys(parts).length > 0) format(sheet, parseRange(ch.range), parts);
          break;
        }
        case "setLook":
          format(sheet, parseRange(ch.cell), { fill: true });
          // The note is read with the notes probe (`noteProbe`).
          break;
        case "merge": {
          if (!caps.mergedAreas) {
            this.limit(
              said(
                "此版本的 Excel 不能读取合并单元格（需要 ExcelApi 1.13），撤销时无法恢复原有的合并。",
                "This Excel cannot read merged cells (ExcelApi 1.13 is needed), so earlier merges cannot be restored.",
              ),
            );
            break;
          }
          const rect = parseRange(ch.range);
          const entry: MergesEntry = { kind: "merges", sheet, rect, areas: [] };
          this.pending.push(entry);
          jobs.push({
            bytes: OP_OVERHEAD_BYTES * 4,
            queue: (ctx) => {
              const areas = ctx.workbook.worksheets
                .getItem(sheet)
                .getRange(rangeAddress(rect))
                .getMergedAreasOrNullObject();
              areas.load("areas/items/address");
              return () => {
                if (!areas.isNullObject) entry.areas = areas.areas.items.map((a) => parseLocation(a.address));
              };
            },
          });
          break;
        }
        case "setColumnWidths":
        case "setRowHeights": {
          const kind = ch.kind === "setColumnWidths" ? ("width" as const) : ("height" as const);
          const indexes = ch.kind === "setColumnWidths" ? ch.widths.map((w) => w.col) : ch.heights.map((h) => h.row);
          for (const index of indexes) {
            const entry: SizeEntry = { kind, sheet, index, size: 0 };
            this.pending.push(entry);
            jobs.push({
              bytes: OP_OVERHEAD_BYTES * 2,
              queue: (ctx) => {
                const a = kind === "width" ? `${columnLetters(index)}:${columnLetters(index)}` : `${index}:${index}`;
                const f = ctx.workbook.worksheets.getItem(sheet).getRange(a).format;
                f.load(kind === "width" ? "columnWidth" : "rowHeight");
                return () => {
                  entry.size = kind === "width" ? f.columnWidth : f.rowHeight;
                };
              },
            });
          }
          break;
        }
        case "dataValidation": {
          const entry: ValidationEntry = { kind: "validation", sheet, range: ch.range, state: null };
          this.pending.push(entry);
          jobs.push({
            bytes: OP_OVERHEAD_BYTES * 4,
            queue: (ctx) => {
              const dv = ctx.workbook.worksheets.getItem(sheet).getRange(ch.range).dataValidation;
              dv.load("type,rule,ignoreBlanks,errorAlert,prompt");
              return () => {
                entry.state =
                  dv.type === "None"
                    ? null
                    : { rule: dv.rule, ignoreBlanks: dv.ignoreBlanks, errorAlert: dv.errorAlert, prompt: dv.prompt };
              };
            },
          });
          break;
        }
        case "freezePanes": {
          if (!caps.copy) break;
          const entry: FreezeEntry = { kind: "freeze", sheet, location: null };
          this.pending.push(entry);
          jobs.push({
            bytes: OP_OVERHEAD_BYTES * 2,
            queue: (ctx) => {
              const loc = ctx.workbook.worksheets.getItem(sheet).freezePanes.getLocationOrNullObject();
              loc.load("address");
              return () => {
                entry.location = loc.isNullObject ? null : sheetOf(loc.address);
              };
            },
          });
          break;
        }
        case "chart": {
          // A chart the command draws is deleted again; one it replaced cannot be drawn back.
          this.pending.push({ kind: "chart", sheet, name: ch.name });
          jobs.push({
            bytes: OP_OVERHEAD_BYTES * 2,
            queue: (ctx) => {
              const chart = ctx.workbook.worksheets.getItem(sheet).charts.getItemOrNullObject(ch.name);
              chart.load("name");
              return () => {
                if (!chart.isNullObject)
                  this.limit(
                    said(
                      `工作表「${sheet}」上原有的图表「${ch.name}」被替换后无法恢复。`,
                      `The earlier chart ${ch.name} on sheet ${sheet} cannot be restored once replaced.`,
                    ),
                  );
              };
            },
          });
          break;
        }
        case "pageSetup":
          this.limit(
            said(
              `工作表「${sheet}」原有的打印设置在撤销时不会恢复。`,
              `The earlier print settings of sheet ${sheet} are not restored on undo.`,
            ),
          );
          break;
        default:
          break;
      }
    }
    return jobs;
  }

  /** Records the note a `setLook` cell had, from the notes probe (`content` loaded, or a null object). */
  noteProbe(sheet: string, cell: string, note: Excel.Note): void {
    if (this.pendingAdded?.has(sheet.toLowerCase())) return;
    this.pending.push({ kind: "note", sheet, cell, note: note.isNullObject ? null : note.content });
  }

  /** The reads before an `apply()` succeeded: its entries become part of the record. */
  accept(): void {
    this.entries.push(...this.pending);
    this.pending = [];
    if (this.pendingAdded) this.added = this.pendingAdded;
    this.pendingAdded = null;
  }

  /** The `apply()` stopped before writing: nothing of it is kept. */
  discard(): void {
    this.pending = [];
    this.pendingAdded = null;
    this.pendingBackups = [];
  }

  /**
   * Copies of the sheets this `apply()` deletes, queued ahead of its first write (so they show the
   * sheets as they were) and kept very hidden.
   */
  queueBackups(ctx: Excel.RequestContext): number {
    let bytes = 0;
    for (const b of this.pendingBackups) {
      const copy = ctx.workbook.worksheets.getItem(b.sheet).copy("End");
      copy.name = b.backup;
      copy.visibility = "VeryHidden";
      bytes += OP_OVERHEAD_BYTES * 4 + utf8Length(b.sheet) + utf8Length(b.backup);
    }
    this.pendingBackups = [];
    return bytes;
  }

  /**
   * Loads that read back what this `apply()` wrote: the content cells on existing sheets, and on
   * sheets it added the written area and the used range. Compared with the workbook at undo.
   */
  planAfter(changes: WorkbookChange[], budget: number): LoadJob[] {
    const jobs: LoadJob[] = [];
    const addedAreas = new Map<string, { sheet: string; rect: RangeRef | null }>();
    const read = (sheet: string, rect: RangeRef, used: boolean): void => {
      for (const band of bands(rect, FORMULA_BYTES, budget)) {
        const state: AfterState = { sheet, rect: band, formulas: [] };
        this.after.push(state);
        jobs.push(
          rectJob(band, FORMULA_BYTES, OP_OVERHEAD_BYTES * 2, (ctx, piece) => {
            const ws = ctx.workbook.worksheets.getItem(sheet);
            const r = ws.getRange(rangeAddress(piece));
            r.load("formulas");
            const u = used && piece.top === rect.top ? ws.getUsedRangeOrNullObject(true) : null;
            u?.load("address");
            return () => {
              if (u) state.used = u.isNullObject ? null : sheetOf(u.address);
              return place(state.formulas, piece.top - band.top, r.formulas);
            };
          }),
        );
      }
    };
    for (const ch of changes) {
      if (ch.kind === "defineName") continue;
      const key = ch.sheet.toLowerCase();
      if (this.added.has(key)) {
        const area = addedAreas.get(key) ?? { sheet: ch.sheet, rect: null };
        const r = writtenRect(ch);
        if (r) area.rect = area.rect ? unionRect(area.rect, r) : r;
        addedAreas.set(key, area);
        continue;
      }
      // Helper formulas the add-in fills (a ledger's columns, thousands of rows) are its own: they
      // are put back whatever they hold, so they need not be read back.
      if (ch.kind === "fillFormula") continue;
      const r = contentRect(ch);
      if (r) read(ch.sheet, r, false);
    }
    // The add-in's own very hidden records (`_ptsheet_…`) are not the user's to edit.
    for (const a of addedAreas.values()) if (a.rect && !a.sheet.startsWith("_ptsheet")) read(a.sheet, a.rect, true);
    return jobs;
  }

  /**
   * Puts the workbook back as it was before the command. `undo` compares the cells written with
   * what they hold now and leaves the user's later edits alone.
   */
  async restore(ctx: Excel.RequestContext, sync: Sync, budget: number, undo: boolean): Promise<RestoreReport> {
    const report: RestoreReport = { keptCells: [], keptSheets: [], renamed: [], failed: [], limits: [...this.limits] };
    this.pendingBackups = [];
    // Probe 1: the sheets and names as they are now.
    const worksheets = ctx.workbook.worksheets;
    worksheets.load("items/name,items/visibility,items/id");
    const namesEntry = this.entries.find((e): e is NamesEntry => e.kind === "names");
    const names = namesEntry ? ctx.workbook.names : null;
    names?.load("items/name,items/formula");
    await sync();
    const sheets = new Map<string, { name: string; visibility: Visibility; id: string }>();
    for (const ws of worksheets.items)
      sheets.set(ws.name.toLowerCase(), { name: ws.name, visibility: ws.visibility, id: ws.id });
    const original = (sheet: string): boolean => {
      const s = sheets.get(sheet.toLowerCase());
      return s !== undefined && (this.originalIds?.has(s.id) ?? false);
    };
    const has = (s: string): boolean => sheets.has(s.toLowerCase());

    // Probe 2: notes that exist now, and (undo) what the written cells hold now.
    const probes: LoadJob[] = [];
    const notesNow = new Map<NoteEntry, boolean>();
    for (const e of this.entries)
      if (e.kind === "note" && has(e.sheet))
        probes.push({
          bytes: OP_OVERHEAD_BYTES * 3,
          queue: (c) => {
            const n = c.workbook.worksheets.getItem(e.sheet).notes.getItemOrNullObject(e.cell);
            n.load("content");
            return () => {
              notesNow.set(e, !n.isNullObject);
            };
          },
        });
    const chartsNow = new Map<ChartEntry, boolean>();
    for (const e of this.entries)
      if (e.kind === "chart" && has(e.sheet))
        probes.push({
          bytes: OP_OVERHEAD_BYTES * 2,
          queue: (c) => {
            const chart = c.workbook.worksheets.getItem(e.sheet).charts.getItemOrNullObject(e.name);
            chart.load("name");
            return () => {
              chartsNow.set(e, !chart.isNullObject);
            };
          },
        });
    const edited = new Set<string>();
    const editedSheets = new Set<string>();
    if (undo) {
      for (const a of this.after) {
        if (!has(a.sheet)) continue;
        const isAdded = a.used !== undefined || this.added.has(a.sheet.toLowerCase());
        probes.push(
          rectJob(a.rect, FORMULA_BYTES, OP_OVERHEAD_BYTES * 2, (c, piece) => {
            const ws = c.workbook.worksheets.getItem(a.sheet);
            const r = ws.getRange(rangeAddress(piece));
            r.load("formulas");
            const u = a.used !== undefined && piece.top === a.rect.top ? ws.getUsedRangeOrNullObject(true) : null;
            u?.load("address");
            return () => {
              const now = r.formulas;
              const measured = jsonBytes(now);
              if (u && (u.isNullObject ? null : sheetOf(u.address)) !== a.used) editedSheets.add(a.sheet.toLowerCase());
              const offset = piece.top - a.rect.top;
              for (let i = 0; i < now.length; i++)
                for (let j = 0; j < (a.formulas[offset + i]?.length ?? 0); j++)
                  if (!sameValue(a.formulas[offset + i][j], now[i]?.[j])) {
                    if (isAdded) editedSheets.add(a.sheet.toLowerCase());
                    else edited.add(`${a.sheet.toLowerCase()}!${cellAddress(piece.top + i, a.rect.left + j)}`);
                  }
              return measured;
            };
          }),
        );
      }
    }
    await runLoads(ctx, sync, probes, budget);
    const isEdited = (sheet: string, row: number, col: number): boolean =>
      edited.has(`${sheet.toLowerCase()}!${cellAddress(row, col)}`);
    const keptCells = new Set<string>();
    const keep = (sheet: string, row: number, col: number): void => {
      const k = `${sheet}!${cellAddress(row, col)}`;
      if (!keptCells.has(k)) {
        keptCells.add(k);
        report.keptCells.push(k);
      }
    };

    const ops: RestoreOp[] = [];
    const missing = (sheet: string, what: Said): void => {
      report.failed.push(said(`${what.zh}：工作表「${sheet}」已不存在`, `${what.en}: sheet ${sheet} no longer exists`));
    };
    const sheetOp = (sheet: string, what: Said, bytes: number, queue: (ws: Excel.Worksheet) => void): void => {
      if (!has(sheet)) return missing(sheet, what);
      ops.push({ bytes: bytes + utf8Length(sheet), what, queue: (c) => queue(c.workbook.worksheets.getItem(sheet)) });
    };
    /** Sheets brought back, put at their places once all are back (in order, so none shifts another). */
    const positions: { sheet: string; position: number }[] = [];

    // Backups that will come back are made visible as they were first, so deleting a sheet the
    // command added never leaves the workbook without a visible sheet.
    for (const e of this.entries)
      if (e.kind === "backup" && has(e.backup) && e.visibility === "Visible")
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 2,
          what: said(`工作表「${e.sheet}」`, `sheet ${e.sheet}`),
          queue: (c) => {
            c.workbook.worksheets.getItem(e.backup).visibility = "Visible";
          },
        });

    for (let k = this.entries.length - 1; k >= 0; k--) {
      const e = this.entries[k];
      switch (e.kind) {
        case "added": {
          const now = sheets.get(e.sheet.toLowerCase());
          // Not there, or the sheet of that name from before (the command stopped before replacing it).
          if (!now || original(e.sheet)) break;
          if (undo && editedSheets.has(e.sheet.toLowerCase())) {
            report.keptSheets.push(now.name);
            break;
          }
          ops.push({
            bytes: OP_OVERHEAD_BYTES * 3,
            what: said(`删除新增的工作表「${now.name}」`, `deleting the added sheet ${now.name}`),
            queue: (c) => {
              const ws = c.workbook.worksheets.getItem(now.name);
              // Excel refuses to delete a very hidden sheet.
              if (now.visibility === "VeryHidden") ws.visibility = "Hidden";
              ws.delete();
            },
          });
          sheets.delete(e.sheet.toLowerCase());
          break;
        }
        case "backup": {
          if (!has(e.backup)) {
            if (!has(e.sheet)) report.failed.push(said(`工作表「${e.sheet}」`, `sheet ${e.sheet}`));
            break;
          }
          const what = said(`工作表「${e.sheet}」`, `sheet ${e.sheet}`);
          if (has(e.sheet)) {
            if (!original(e.sheet) && undo && editedSheets.has(e.sheet.toLowerCase())) {
              // The replacement was edited and is kept: the original comes back beside it.
              const as = freeName(e.sheet, sheets);
              report.renamed.push({ sheet: e.sheet, as });
              ops.push({
                bytes: OP_OVERHEAD_BYTES * 4,
                what,
                queue: (c) => {
                  const ws = c.workbook.worksheets.getItem(e.backup);
                  ws.name = as;
                  ws.visibility = e.visibility;
                },
              });
              sheets.set(as.toLowerCase(), { name: as, visibility: e.visibility, id: "" });
            } else {
              // The original was never deleted: the copy is not needed.
              ops.push({ bytes: OP_OVERHEAD_BYTES * 3, what, queue: (c) => deleteHidden(c, e.backup) });
            }
            sheets.delete(e.backup.toLowerCase());
            break;
          }
          ops.push({
            bytes: OP_OVERHEAD_BYTES * 3 + utf8Length(e.sheet),
            what,
            queue: (c) => {
              const ws = c.workbook.worksheets.getItem(e.backup);
              ws.name = e.sheet;
              ws.visibility = e.visibility;
            },
          });
          positions.push({ sheet: e.sheet, position: e.position });
          sheets.delete(e.backup.toLowerCase());
          sheets.set(e.sheet.toLowerCase(), { name: e.sheet, visibility: e.visibility, id: `backup:${e.backup}` });
          this.originalIds?.add(`backup:${e.backup}`);
          break;
        }
        case "visibility":
          sheetOp(
            e.sheet,
            said(`工作表「${e.sheet}」的可见性`, `visibility of sheet ${e.sheet}`),
            OP_OVERHEAD_BYTES * 2,
            (ws) => {
              ws.visibility = e.visibility;
            },
          );
          break;
        case "content": {
          const what = said(`${where(e.sheet, e.rect).zh}的内容`, `contents of ${where(e.sheet, e.rect).en}`);
          if (!has(e.sheet)) {
            missing(e.sheet, what);
            break;
          }
          const first: unknown[][] = [];
          const input: unknown[][] = [];
          const last: unknown[][] = [];
          let protect = false;
          let any = false;
          e.values.forEach((row, i) => {
            const f: unknown[] = [];
            const v: unknown[] = [];
            const l: unknown[] = [];
            row.forEach((raw, j) => {
              const r = e.rect.top + i;
              const col = e.rect.left + j;
              if (undo && isEdited(e.sheet, r, col)) {
                keep(e.sheet, r, col);
                f.push(null);
                v.push(null);
                l.push(null);
                return;
              }
              any = true;
              const formula = e.formulas[i]?.[j];
              const nf = e.numberFormat[i]?.[j] ?? null;
              const isFormula = typeof formula === "string" && formula.startsWith("=") && formula !== raw;
              if (isFormula) {
                f.push(nf);
                v.push(formula);
                l.push(null);
              } else if (typeof raw === "string" && raw !== "" && needsQuotePrefix(raw)) {
                // Text Excel would convert: entered under the Text format, then its own format back.
                protect = true;
                f.push("@");
                v.push(raw);
                l.push(nf);
              } else {
                f.push(nf);
                v.push(raw ?? "");
                l.push(null);
              }
            });
            first.push(f);
            input.push(v);
            last.push(l);
          });
          if (!any) break;
          const rowBytes = input.map(
            (row, i) => jsonBytes(first[i]) + jsonBytes(row) + (protect ? jsonBytes(last[i]) : 0),
          );
          for (const [a, b] of groups(rowBytes, budget / 2)) {
            const piece = { ...e.rect, top: e.rect.top + a, bottom: e.rect.top + b - 1 };
            const address = rangeAddress(piece);
            const f = first.slice(a, b);
            const v = input.slice(a, b);
            const l = last.slice(a, b);
            const p = protect && l.some((row) => row.some((x) => x !== null));
            ops.push({
              bytes: OP_OVERHEAD_BYTES * 3 + rowBytes.slice(a, b).reduce((n, x) => n + x, 0),
              what: said(`${where(e.sheet, piece).zh}的内容`, `contents of ${where(e.sheet, piece).en}`),
              queue: (c) => {
                const r = c.workbook.worksheets.getItem(e.sheet).getRange(address);
                r.numberFormat = f;
                r.values = v;
                if (p) r.numberFormat = l;
              },
            });
          }
          break;
        }
        case "numberFormat": {
          const rowBytes = e.numberFormat.map((row) => jsonBytes(row));
          for (const [a, b] of groups(rowBytes, budget / 2)) {
            const piece = { ...e.rect, top: e.rect.top + a, bottom: e.rect.top + b - 1 };
            const address = rangeAddress(piece);
            const m = e.numberFormat.slice(a, b);
            sheetOp(
              e.sheet,
              said(`${where(e.sheet, piece).zh}的数字格式`, `number formats of ${where(e.sheet, piece).en}`),
              OP_OVERHEAD_BYTES * 2 + rowBytes.slice(a, b).reduce((n, x) => n + x, 0),
              (ws) => {
                ws.getRange(address).numberFormat = m;
              },
            );
          }
          break;
        }
        case "format": {
          const props = e.props.map((row) => row.map((p) => settable(p)));
          const rowBytes = props.map((row) => jsonBytes(row));
          for (const [a, b] of groups(rowBytes, budget / 2)) {
            const piece = { ...e.rect, top: e.rect.top + a, bottom: e.rect.top + b - 1 };
            const address = rangeAddress(piece);
            const m = props.slice(a, b);
            sheetOp(
              e.sheet,
              said(`${where(e.sheet, piece).zh}的格式`, `formatting of ${where(e.sheet, piece).en}`),
              OP_OVERHEAD_BYTES * 2 + rowBytes.slice(a, b).reduce((n, x) => n + x, 0),
              (ws) => {
                ws.getRange(address).setCellProperties(m);
              },
            );
          }
          break;
        }
        case "fill":
          sheetOp(
            e.sheet,
            said(`${where(e.sheet, e.cell).zh}的填充色`, `fill of ${where(e.sheet, e.cell).en}`),
            OP_OVERHEAD_BYTES * 2,
            (ws) => {
              const fill = ws.getRange(e.cell).format.fill;
              if (!e.color || e.color.toUpperCase() === "#FFFFFF") fill.clear();
              else fill.color = e.color;
            },
          );
          break;
        case "note": {
          const exists = notesNow.get(e) ?? false;
          if (e.note === null && !exists) break;
          sheetOp(
            e.sheet,
            said(`${where(e.sheet, e.cell).zh}的批注`, `note of ${where(e.sheet, e.cell).en}`),
            OP_OVERHEAD_BYTES * 2 + utf8Length(e.note ?? ""),
            (ws) => {
              if (e.note === null) ws.notes.getItem(e.cell).delete();
              else if (exists) ws.notes.getItem(e.cell).content = e.note;
              else ws.notes.add(e.cell, e.note);
            },
          );
          notesNow.set(e, e.note !== null);
          break;
        }
        case "merges": {
          let area = e.rect;
          for (const a of e.areas) area = unionRect(area, a);
          const address = rangeAddress(area);
          sheetOp(
            e.sheet,
            said(`${where(e.sheet, e.rect).zh}的合并单元格`, `merged cells of ${where(e.sheet, e.rect).en}`),
            OP_OVERHEAD_BYTES * (2 + e.areas.length),
            (ws) => {
              ws.getRange(address).unmerge();
              for (const a of e.areas) ws.getRange(rangeAddress(a)).merge(false);
            },
          );
          break;
        }
        case "width":
        case "height": {
          const a =
            e.kind === "width" ? `${columnLetters(e.index)}:${columnLetters(e.index)}` : `${e.index}:${e.index}`;
          const what =
            e.kind === "width"
              ? said(
                  `工作表「${e.sheet}」${columnLetters(e.index)} 列的列宽`,
                  `width of column ${columnLetters(e.index)} of ${e.sheet}`,
                )
              : said(`工作表「${e.sheet}」第 ${e.index} 行的行高`, `height of row ${e.index} of ${e.sheet}`);
          sheetOp(e.sheet, what, OP_OVERHEAD_BYTES * 2, (ws) => {
            if (e.kind === "width") ws.getRange(a).format.columnWidth = e.size;
            else ws.getRange(a).format.rowHeight = e.size;
          });
          break;
        }
        case "validation":
          sheetOp(
            e.sheet,
            said(`${where(e.sheet, e.range).zh}的数据验证`, `data validation of ${where(e.sheet, e.range).en}`),
            OP_OVERHEAD_BYTES * 6 + jsonBytes(e.state),
            (ws) => {
              const dv = ws.getRange(e.range).dataValidation;
              dv.clear();
              if (!e.state) return;
              dv.rule = e.state.rule;
              dv.ignoreBlanks = e.state.ignoreBlanks;
              dv.errorAlert = e.state.errorAlert as Excel.DataValidationErrorAlert;
              dv.prompt = e.state.prompt as Excel.DataValidationPrompt;
            },
          );
          break;
        case "freeze":
          sheetOp(
            e.sheet,
            said(`工作表「${e.sheet}」的冻结窗格`, `frozen panes of ${e.sheet}`),
            OP_OVERHEAD_BYTES * 3,
            (ws) => {
              const panes = ws.freezePanes;
              panes.unfreeze();
              if (!e.location) return;
              const r = parseLocation(e.location);
              if (r.left === 1 && r.right === COLS) panes.freezeRows(r.bottom);
              else if (r.top === 1 && r.bottom === ROWS) panes.freezeColumns(r.right);
              else panes.freezeAt(e.location);
            },
          );
          break;
        case "chart":
          if (!chartsNow.get(e)) break;
          chartsNow.set(e, false);
          sheetOp(
            e.sheet,
            said(`工作表「${e.sheet}」上的图表「${e.name}」`, `chart ${e.name} on ${e.sheet}`),
            OP_OVERHEAD_BYTES * 2,
            (ws) => {
              ws.charts.getItem(e.name).delete();
            },
          );
          break;
        case "names":
          break;
      }
    }

    for (const p of positions.sort((a, b) => a.position - b.position))
      ops.push({
        bytes: OP_OVERHEAD_BYTES * 2,
        what: said(`工作表「${p.sheet}」的位置`, `position of sheet ${p.sheet}`),
        queue: (c) => {
          c.workbook.worksheets.getItem(p.sheet).position = p.position;
        },
      });
    // Names last, once the sheets they refer to are back.
    if (namesEntry && names) {
      const now = new Map(names.items.map((n) => [n.name.toLowerCase(), { name: n.name, formula: n.formula }]));
      const keys =
        namesEntry.touched === "all" ? new Set([...namesEntry.before.keys(), ...now.keys()]) : namesEntry.touched;
      for (const key of keys) {
        const before = namesEntry.before.get(key);
        const current = now.get(key);
        if (before && current && before.formula === current.formula) continue;
        if (!before && !current) continue;
        const name = before?.name ?? current!.name;
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 3 + utf8Length(name) + utf8Length(before?.formula ?? ""),
          what: said(`名称「${name}」`, `the name ${name}`),
          queue: (c) => {
            if (current) c.workbook.names.getItem(current.name).delete();
            if (before) c.workbook.names.add(before.name, before.formula);
          },
        });
      }
    }
    // Copies left over (a copy made though its sheet was never deleted).
    for (const e of this.entries)
      if (e.kind === "backup" && sheets.has(e.backup.toLowerCase()))
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 3,
          what: said(`备份「${e.backup}」`, `backup ${e.backup}`),
          queue: (c) => deleteHidden(c, e.backup),
        });

    await runOps(ctx, sync, ops, budget, report);
    return report;
  }
}

function cells(r: RangeRef): number {
  return (r.bottom - r.top + 1) * (r.right - r.left + 1);
}

function unionRect(a: RangeRef, b: RangeRef): RangeRef {
  return {
    top: Math.min(a.top, b.top),
    left: Math.min(a.left, b.left),
    bottom: Math.max(a.bottom, b.bottom),
    right: Math.max(a.right, b.right),
  };
}

/** The cells whose content a change writes (values or formulas). */
function contentRect(ch: WorkbookChange): RangeRef | null {
  switch (ch.kind) {
    case "setValues": {
      const a = parseRange(ch.anchor);
      const width = ch.values.reduce((w, r) => Math.max(w, r.length), 0);
      if (ch.values.length === 0 || width === 0) return null;
      return { top: a.top, left: a.left, bottom: a.top + ch.values.length - 1, right: a.left + width - 1 };
    }
    case "setFormulas":
      return ch.cells.length === 0 ? null : ch.cells.map((c) => parseRange(c.cell)).reduce(unionRect);
    case "fillFormula":
      return parseRange(ch.range);
    case "hyperlink":
      return parseRange(ch.cell);
    default:
      return null;
  }
}

/** The cells a change writes anything to, content or formatting. */
function writtenRect(ch: WorkbookChange): RangeRef | null {
  const c = contentRect(ch);
  if (c) return c;
  if (ch.kind === "setStyle" || ch.kind === "merge") return parseRange(ch.range);
  if (ch.kind === "setLook") return parseRange(ch.cell);
  return null;
}

/** `CellProperties` as read, reduced to what can be set back. */
function settable(p: Excel.CellProperties): Excel.SettableCellProperties {
  const f = p.format;
  if (!f) return {};
  const out: Excel.CellPropertiesFormat = {};
  if (f.fill) out.fill = { ...f.fill };
  if (f.font) out.font = { ...f.font };
  if (f.borders) out.borders = { ...f.borders };
  if (f.horizontalAlignment !== undefined) out.horizontalAlignment = f.horizontalAlignment;
  if (f.verticalAlignment !== undefined) out.verticalAlignment = f.verticalAlignment;
  if (f.wrapText !== undefined) out.wrapText = f.wrapText;
  return { format: out };
}

function deleteHidden(ctx: Excel.RequestContext, sheet: string): void {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.visibility = "Hidden";
  ws.delete();
}

/** `原名（原）`, `原名（原2）`…, at most 31 characters and not taken. */
function freeName(name: string, sheets: Map<string, unknown>): string {
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? "（原）" : `（原${i}）`;
    const candidate = `${name.slice(0, 31 - suffix.length)}${suffix}`;
    if (!sheets.has(candidate.toLowerCase())) return candidate;
  }
}

/** Batches Excel may refuse as too large before a journal read gives up. */
const MAX_REJECTED = 32;

/**
 * Runs loads packed under the budget, one sync per batch; a batch Excel refuses as too large is
 * split in two (a single load by rows) and tried again.
 */
export async function runLoads(
  ctx: Excel.RequestContext,
  sync: Sync,
  jobs: LoadJob[],
  budget: number,
): Promise<number> {
  let syncs = 0;
  let rejected = 0;
  /** Measured over estimated bytes per cell of the rect loads so far (learned, as reads do). */
  let scale = 1;
  const size = (j: LoadJob): number => (j.cells ? Math.max(OP_OVERHEAD_BYTES, j.bytes * scale) : j.bytes);
  let queue = packInOrder(jobs, size, budget);
  while (queue.length > 0) {
    const batch = queue.shift()!;
    const collect = batch.map((j) => j.queue(ctx));
    try {
      syncs++;
      await sync();
    } catch (e) {
      if (!isPayloadError(e) || ++rejected > MAX_REJECTED) throw e;
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        queue.unshift(batch.slice(0, half), batch.slice(half));
        continue;
      }
      const pieces = batch[0].split?.();
      if (!pieces) throw e;
      queue.unshift(...pieces.map((p) => [p]));
      continue;
    }
    let measured = 0;
    let estimated = 0;
    batch.forEach((j, i) => {
      const got = collect[i]();
      if (j.cells && typeof got === "number") {
        measured += got;
        estimated += j.bytes;
      }
    });
    if (estimated > 0 && queue.length > 0) {
      // 1.1 × the density measured, never under a quarter of the first estimate.
      const next = Math.max(0.25, (measured / estimated) * 1.1);
      if (Math.abs(next - scale) / scale > 0.2) {
        scale = Math.max(scale === 1 ? 0 : scale, next);
        queue = packInOrder(queue.flat(), size, budget);
      }
    }
  }
  return syncs;
}

/**
 * Runs restoring writes packed under the budget. When a batch fails, its writes are tried one by
 * one, so the report names exactly what could not be put back.
 */
async function runOps(
  ctx: Excel.RequestContext,
  sync: Sync,
  ops: RestoreOp[],
  budget: number,
  report: RestoreReport,
): Promise<void> {
  for (const batch of packInOrder(ops, (o) => o.bytes, budget)) {
    for (const op of batch) op.queue(ctx);
    try {
      await sync();
      continue;
    } catch {
      // Some of the batch may be done; each is tried again on its own (they set, not add).
    }
    for (const op of batch) {
      try {
        op.queue(ctx);
        await sync();
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        report.failed.push(said(`${op.what.zh}（${msg}）`, `${op.what.en} (${msg})`));
      }
    }
  }
}

/** The last command that wrote and succeeded, for 撤销上次操作. */
export interface UndoRecord {
  /** What the command was (the pane's action kind, `generate`, `check` …). */
  label: string;
  at: Date;
  journal: Journal;
}

/**
 * The record of the last command, shared by everything in the page (pane and ribbon). Listeners
 * hear when it changes.
 */
export class UndoHistory {
  private record: UndoRecord | null = null;
  private readonly listeners = new Set<() => void>();

  get last(): UndoRecord | null {
    return this.record;
  }

  set(record: UndoRecord | null): void {
    this.record = record;
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): UndoRecord | null => this.record;
}

/** The page's history. */
export const undoHistory = new UndoHistory();

/** Plain text of a report's problems, in both languages (for messages). */
export function reportProblems(report: RestoreReport): Said | null {
  const parts = [...report.failed, ...report.limits];
  if (parts.length === 0) return null;
  return { zh: parts.map((p) => p.zh).join("；"), en: parts.map((p) => p.en).join("; ") };
}
