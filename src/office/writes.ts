/**
 * Port changes compiled into Office.js writes, each with the request bytes it will carry, so that
 * `apply()` can pack them into syncs under the payload budget. Queuing a write only touches proxies;
 * nothing reaches Excel before the sync.
 */
import type { CellLook, CellStyle, DataValidation, PageSetup, WorkbookChange } from "../port/workbook";
import { cellAddress, columnLetters, parseCell, parseRange, rangeAddress, type RangeRef } from "../core/address";
import { excelInputRows, type ExcelInput } from "./cell-input";
import { shiftFormula } from "./formula-shift";
import { OP_OVERHEAD_BYTES, groups, jsonBytes, utf8Length } from "./payload";
import { OfficeWorkbookError, noSuchSheetError, sheetExistsError, sheetProtectedError } from "./errors";
import { officeFill } from "./looks";

/** What the host can do, decided once per `apply()`. */
export interface WriteCapabilities {
  /** ExcelApi 1.7: `freezePanes`. */
  freezePanes: boolean;
  /** ExcelApi 1.8: `Range.dataValidation`. */
  dataValidation: boolean;
  /** ExcelApi 1.9: `Worksheet.pageLayout`. */
  pageLayout: boolean;
  /** ExcelApi 1.9: `RangeFill.pattern`, `patternColor`. */
  fillPattern: boolean;
  /** ExcelApi 1.18: notes. */
  notes: boolean;
  /**
   * ExcelApi 1.9: `Range.autoFill`. A formula filled over a range is then sent once and filled by
   * Excel, instead of one shifted formula per cell (a ledger's helper columns are tens of thousands).
   */
  autoFill?: boolean;
}

/** What the first sync of `apply()` learned, for writes that depend on what exists. */
export interface WriteContext {
  caps: WriteCapabilities;
  /** Workbook names that exist now (lower case); kept current as changes define names. */
  names: Set<string>;
  /** Whether each `setLook` cell has a note, by `sheet!cell` (lower case); kept current. */
  notes: Map<string, boolean>;
  /** Changes the host cannot make (print layout, validation, notes on old Excel); for a notice. */
  skipped: Set<string>;
  /**
   * How many charts of each name each sheet has (sheet lower case), for the sheets `chart` changes
   * draw on that existed before `apply()`; kept current as sheets and charts come and go.
   */
  charts?: Map<string, Map<string, number>>;
}

/** The sheets whose charts `apply()` must know before writing: existing targets of `chart` changes. */
export function chartSheetsToProbe(changes: WorkbookChange[], existing: { name: string }[]): string[] {
  const present = new Map(existing.map((s) => [s.name.toLowerCase(), s.name]));
  const out = new Map<string, string>();
  for (const ch of changes) {
    if (ch.kind === "addSheet" || ch.kind === "deleteSheet") present.delete(ch.sheet.toLowerCase());
    if (ch.kind !== "chart") continue;
    const name = present.get(ch.sheet.toLowerCase());
    if (name !== undefined) out.set(ch.sheet.toLowerCase(), name);
  }
  return [...out.values()];
}

export function noteKey(sheet: string, cell: string): string {
  return `${sheet}!${cell}`.toLowerCase();
}

/** Worksheet proxies of one run, by name as Excel matches it (ignoring case). */
export class SheetProxies {
  private readonly map = new Map<string, Excel.Worksheet>();

  constructor(private readonly ctx: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.map.get(key);
    if (!ws) {
      ws = this.ctx.workbook.worksheets.getItem(name);
      this.map.set(key, ws);
    }
    return ws;
  }

  set(name: string, ws: Excel.Worksheet): void {
    this.map.set(name.toLowerCase(), ws);
  }

  forget(name: string): void {
    this.map.delete(name.toLowerCase());
  }
}

/** A write, ready to queue, with the request bytes it will carry. */
export interface WriteOp {
  bytes: number;
  queue(ctx: Excel.RequestContext, sheets: SheetProxies): void;
}

const INVALID_SHEET_NAME = /[:\\/?*[\]]/;

function checkSheetName(name: string): void {
  if (name.trim() === "" || name.length > 31 || INVALID_SHEET_NAME.test(name) || /^'|'$/.test(name))
    throw new OfficeWorkbookError(
      "InvalidArgument",
      `工作表名无效：「${name}」（不能为空、不能超过 31 个字符、不能含有 : \\ / ? * [ ]，也不能以单引号开头或结尾）`,
      `Invalid sheet name "${name}" (must be 1–31 characters, without : \\ / ? * [ ] and not starting or ending with an apostrophe)`,
      { sheet: name },
    );
}

/** Changes that need the workbook structure unprotected. */
export function isStructural(ch: WorkbookChange): boolean {
  return ch.kind === "addSheet" || ch.kind === "deleteSheet" || ch.kind === "setSheetVisibility";
}

/**
 * Checks the changes against the sheets as they will be when each applies, before anything is
 * written: a missing or duplicate sheet, or a change to a protected sheet, fails here with a clear
 * message instead of half-way through. Writing even to unlocked cells of a protected sheet is
 * refused: the alternative is a command that stops half-way when it reaches a locked cell.
 */
export function checkChanges(changes: WorkbookChange[], existing: { name: string; protected: boolean }[]): void {
  const sheets = new Map(existing.map((s) => [s.name.toLowerCase(), s]));
  for (const ch of changes) {
    if (ch.kind === "defineName") continue;
    const key = ch.sheet.toLowerCase();
    const s = sheets.get(key);
    switch (ch.kind) {
      case "addSheet":
        checkSheetName(ch.sheet);
        if (s) throw sheetExistsError(ch.sheet);
        sheets.set(key, { name: ch.sheet, protected: false });
        break;
      case "deleteSheet":
        if (!s) throw noSuchSheetError(ch.sheet);
        sheets.delete(key);
        break;
      case "setSheetVisibility":
        if (!s) throw noSuchSheetError(ch.sheet);
        break;
      default:
        if (!s) throw noSuchSheetError(ch.sheet);
        if (s.protected) throw sheetProtectedError(s.name);
    }
  }
}

/** `#RRGGBB` for Office, from `RRGGBB`, `#RRGGBB` or ARGB `FFRRGGBB`. */
export function officeColor(color: string): string {
  const hex = color.replace(/^#/, "");
  if (/^[0-9a-f]{8}$/i.test(hex)) return `#${hex.slice(2)}`;
  return `#${hex}`;
}

/**
 * ExcelJS widths are in characters of the default font's maximum digit width (7 px for Calibri
 * 11 and 等线 11), Office.js widths in points: px = round(chars × 7), pt = px × 0.75.
 */
export function columnWidthPoints(chars: number): number {
  return Math.round(chars * 7) * 0.75;
}

const VISIBILITY = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;
const EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"] as const;
type Edge = (typeof EDGES)[number] | "InsideVertical" | "InsideHorizontal";
const HORIZONTAL = { left: "Left", center: "Center", right: "Right" } as const;
const VERTICAL = { top: "Top", middle: "Center", bottom: "Bottom" } as const;
const HYPERLINK_COLOR = "#0563C1";
const CHART_TYPE = { columnClustered: "ColumnClustered", line: "Line" } as const;

function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function quoteSheetAlways(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function withEquals(formula: string): string {
  return formula.startsWith("=") ? formula : `=${formula}`;
}

export function compile(changes: WorkbookChange[], budget: number, wc: WriteContext): WriteOp[] {
  const room = budget - OP_OVERHEAD_BYTES * 2 - 128;
  const ops: WriteOp[] = [];
  /** A matrix written in row bands that fit the budget (one row split into pieces if it must be). */
  const matrix = (
    sheet: string,
    top: number,
    left: number,
    rows: (ExcelInput | null)[][],
    assign: (range: Excel.Range, block: (ExcelInput | null)[][]) => void,
  ): void => {
    if (rows.length === 0 || rows[0].length === 0) return;
    const base = OP_OVERHEAD_BYTES * 2 + utf8Length(sheet) + 16;
    const push = (t: number, l: number, block: (ExcelInput | null)[][], bytes: number): void => {
      const address = rangeAddress({ top: t, left: l, bottom: t + block.length - 1, right: l + block[0].length - 1 });
      ops.push({ bytes: bytes + base, queue: (_ctx, sheets) => assign(sheets.get(sheet).getRange(address), block) });
    };
    const rowBytes = rows.map((r) => jsonBytes(r) + 1);
    for (const [start, end] of groups(rowBytes, room)) {
      const bytes = rowBytes.slice(start, end).reduce((n, b) => n + b, 0);
      if (end - start > 1 || bytes <= room) {
        push(top + start, left, rows.slice(start, end), bytes);
        continue;
      }
      const row = rows[start];
      for (const [c0, c1] of groups(
        row.map((v) => jsonBytes(v) + 1),
        room,
      )) {
        const piece = row.slice(c0, c1);
        push(top + start, left + c0, [piece], jsonBytes(piece));
      }
    }
  };
  const small = (sheet: string, units: number, queue: WriteOp["queue"]): void => {
    ops.push({ bytes: OP_OVERHEAD_BYTES * (1 + units) + utf8Length(sheet), queue });
  };

  for (const ch of changes) {
    switch (ch.kind) {
      case "addSheet":
        wc.charts?.delete(ch.sheet.toLowerCase());
        small(ch.sheet, 2, (ctx, sheets) => {
          const ws = ctx.workbook.worksheets.add(ch.sheet);
          if (ch.position !== undefined) ws.position = ch.position;
          sheets.set(ch.sheet, ws);
        });
        break;
      case "deleteSheet":
        wc.charts?.delete(ch.sheet.toLowerCase());
        small(ch.sheet, 2, (_ctx, sheets) => {
          sheets.get(ch.sheet).delete();
          sheets.forget(ch.sheet);
        });
        break;
      case "setSheetVisibility":
        small(ch.sheet, 2, (_ctx, sheets) => {
          sheets.get(ch.sheet).visibility = VISIBILITY[ch.visibility];
        });
        break;
      case "setValues": {
        const a = parseCell(ch.anchor);
        matrix(ch.sheet, a.row, a.col, excelInputRows(ch.values, ch.formulas === true), (range, block) => {
          range.values = block;
        });
        break;
      }
      case "setStyle":
        ops.push(...styleOps(ch.sheet, parseRange(ch.range), ch.style, room));
        break;
      case "merge":
        small(ch.sheet, 2, (_ctx, sheets) => sheets.get(ch.sheet).getRange(ch.range).merge(false));
        break;
      case "setColumnWidths":
        for (const w of ch.widths) {
          const col = columnLetters(w.col);
          small(ch.sheet, 3, (_ctx, sheets) => {
            sheets.get(ch.sheet).getRange(`${col}:${col}`).format.columnWidth = columnWidthPoints(w.width);
          });
        }
        break;
      case "setRowHeights":
        for (const h of ch.heights)
          small(ch.sheet, 3, (_ctx, sheets) => {
            sheets.get(ch.sheet).getRange(`${h.row}:${h.row}`).format.rowHeight = h.height;
          });
        break;
      case "setFormulas":
        // Excel calculates; the results the other engines show until then are not written.
        for (const f of ch.cells) {
          const formula = withEquals(f.formula);
          ops.push({
            bytes: OP_OVERHEAD_BYTES * 2 + utf8Length(ch.sheet) + utf8Length(formula) + f.cell.length,
            queue: (_ctx, sheets) => {
              sheets.get(ch.sheet).getRange(f.cell).formulas = [[formula]];
            },
          });
        }
        break;
      case "fillFormula": {
        // Each cell gets the formula as Excel would fill it there: relative references shifted.
        const r = parseRange(ch.range);
        const formula = withEquals(ch.formula);
        if (wc.caps.autoFill && (r.bottom > r.top || r.right > r.left)) {
          // Excel fills it (Ctrl+D): the request carries one formula whatever the range's size.
          const first = cellAddress(r.top, r.left);
          ops.push({
            bytes: OP_OVERHEAD_BYTES * 4 + utf8Length(ch.sheet) + utf8Length(formula) + ch.range.length,
            queue: (_ctx, sheets) => {
              const ws = sheets.get(ch.sheet);
              const cell = ws.getRange(first);
              cell.formulas = [[formula]];
              // autoFill extends one way at a time: across the first row, then that row down.
              const firstRow = rangeAddress({ top: r.top, left: r.left, bottom: r.top, right: r.right });
              if (r.right > r.left) cell.autoFill(firstRow, "FillCopy");
              if (r.bottom > r.top) ws.getRange(firstRow).autoFill(ch.range, "FillCopy");
            },
          });
          break;
        }
        const rows: ExcelInput[][] = [];
        for (let i = 0; i <= r.bottom - r.top; i++) {
          const row: ExcelInput[] = [];
          for (let j = 0; j <= r.right - r.left; j++) row.push(shiftFormula(formula, i, j));
          rows.push(row);
        }
        matrix(ch.sheet, r.top, r.left, rows, (range, block) => {
          range.formulas = block;
        });
        break;
      }
      case "pageSetup":
        if (!wc.caps.pageLayout) {
          wc.skipped.add("pageSetup");
          break;
        }
        small(ch.sheet, 14, (_ctx, sheets) => applyPageSetup(sheets.get(ch.sheet).pageLayout, ch.setup));
        break;
      case "dataValidation":
        if (!wc.caps.dataValidation) {
          wc.skipped.add("dataValidation");
          break;
        }
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 6 + jsonBytes(ch.validation) + ch.range.length,
          queue: (_ctx, sheets) =>
            applyValidation(sheets.get(ch.sheet).getRange(ch.range).dataValidation, ch.validation),
        });
        break;
      case "hyperlink": {
        const target = `#${quoteSheetAlways(ch.target.sheet)}!${ch.target.cell}`;
        const formula = `=HYPERLINK(${formulaString(target)},${formulaString(ch.text)})`;
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 4 + utf8Length(formula) + utf8Length(ch.sheet),
          queue: (_ctx, sheets) => {
            const cell = sheets.get(ch.sheet).getRange(ch.cell);
            cell.formulas = [[formula]];
            cell.format.font.color = HYPERLINK_COLOR;
            cell.format.font.underline = "Single";
          },
        });
        break;
      }
      case "defineName": {
        const key = ch.name.toLowerCase();
        const exists = wc.names.has(key);
        wc.names.add(key);
        const refersTo = withEquals(ch.refersTo);
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 3 + utf8Length(ch.name) + utf8Length(refersTo),
          queue: (ctx) => {
            if (exists) ctx.workbook.names.getItem(ch.name).delete();
            // A reference given without `=` would become a text constant (office-js#2283).
            ctx.workbook.names.add(ch.name, refersTo);
          },
        });
        break;
      }
      case "freezePanes":
        if (!wc.caps.freezePanes) {
          wc.skipped.add("freezePanes");
          break;
        }
        small(ch.sheet, 3, (_ctx, sheets) => {
          const panes = sheets.get(ch.sheet).freezePanes;
          panes.unfreeze();
          if (ch.rows > 0 && ch.columns > 0)
            panes.freezeAt(rangeAddress({ top: 1, left: 1, bottom: ch.rows, right: ch.columns }));
          else if (ch.rows > 0) panes.freezeRows(ch.rows);
          else if (ch.columns > 0) panes.freezeColumns(ch.columns);
        });
        break;
      case "setLook":
        ops.push({
          bytes: OP_OVERHEAD_BYTES * 6 + jsonBytes(ch.look) + utf8Length(ch.sheet),
          queue: (_ctx, sheets) => setLook(sheets.get(ch.sheet), ch.sheet, ch.cell, ch.look, wc),
        });
        break;
      case "chart": {
        // Charts are known by name: every chart of that name on the sheet goes first (ExcelApi 1.1).
        const key = ch.sheet.toLowerCase();
        const onSheet = wc.charts?.get(key) ?? new Map<string, number>();
        wc.charts?.set(key, onSheet);
        const old = onSheet.get(ch.name) ?? 0;
        onSheet.set(ch.name, 1);
        ops.push({
          bytes:
            OP_OVERHEAD_BYTES * (10 + old) +
            utf8Length(ch.sheet) +
            utf8Length(ch.name) * (2 + old) +
            utf8Length(ch.title) +
            ch.dataRange.length +
            ch.anchor.topLeft.length +
            ch.anchor.bottomRight.length,
          queue: (_ctx, sheets) => {
            const ws = sheets.get(ch.sheet);
            for (let i = 0; i < old; i++) ws.charts.getItem(ch.name).delete();
            const chart = ws.charts.add(CHART_TYPE[ch.type], ws.getRange(ch.dataRange), "Columns");
            chart.name = ch.name;
            chart.title.text = ch.title;
            chart.legend.position = "Bottom";
            chart.legend.visible = true;
            chart.setPosition(ch.anchor.topLeft, ch.anchor.bottomRight);
          },
        });
        break;
      }
    }
  }
  return ops;
}

function styleOps(sheet: string, r: RangeRef, style: CellStyle, room: number): WriteOp[] {
  const ops: WriteOp[] = [];
  const address = rangeAddress(r);
  const nameBytes = utf8Length(sheet);
  const { numberFormat, border, borderStyle, ...scalars } = style;
  const scalarCount = Object.values(scalars).filter((v) => v !== undefined).length;
  if (scalarCount > 0 || border) {
    ops.push({
      bytes:
        OP_OVERHEAD_BYTES * (2 + scalarCount + (border ? 18 : 0)) + nameBytes + address.length + jsonBytes(scalars),
      queue: (_ctx, sheets) => {
        const f = sheets.get(sheet).getRange(address).format;
        if (style.bold !== undefined) f.font.bold = style.bold;
        if (style.fontColor) f.font.color = officeColor(style.fontColor);
        if (style.fontName) f.font.name = style.fontName;
        if (style.fontSize) f.font.size = style.fontSize;
        if (style.underline !== undefined) f.font.underline = style.underline ? "Single" : "None";
        if (style.fill) f.fill.color = officeColor(style.fill);
        if (style.wrap !== undefined) f.wrapText = style.wrap;
        if (style.horizontal) f.horizontalAlignment = HORIZONTAL[style.horizontal];
        if (style.vertical) f.verticalAlignment = VERTICAL[style.vertical];
        if (border) {
          const edges: Edge[] = [...EDGES];
          if (r.right > r.left) edges.push("InsideVertical");
          if (r.bottom > r.top) edges.push("InsideHorizontal");
          for (const edge of edges) {
            const b = f.borders.getItem(edge);
            b.style = "Continuous";
            b.weight = borderStyle === "medium" ? "Medium" : "Thin";
            b.color = "#000000";
          }
        }
      },
    });
  }
  if (numberFormat !== undefined) {
    // `numberFormat` is a matrix the size of the range; large ranges go in row bands.
    const cols = r.right - r.left + 1;
    const rowBytes = jsonBytes(new Array<string>(cols).fill(numberFormat)) + 1;
    const rowsPerBand = Math.max(1, Math.floor(room / rowBytes));
    for (let top = r.top; top <= r.bottom; top += rowsPerBand) {
      const bottom = Math.min(r.bottom, top + rowsPerBand - 1);
      const band = rangeAddress({ top, left: r.left, bottom, right: r.right });
      const rows = bottom - top + 1;
      ops.push({
        bytes: rows * rowBytes + OP_OVERHEAD_BYTES * 2 + nameBytes + band.length,
        queue: (_ctx, sheets) => {
          sheets.get(sheet).getRange(band).numberFormat = Array.from({ length: rows }, () =>
            new Array<string>(cols).fill(numberFormat),
          );
        },
      });
    }
  }
  return ops;
}

/** Office.js margins are in points; the port's in inches. */
const POINTS_PER_INCH = 72;

function applyPageSetup(layout: Excel.PageLayout, p: PageSetup): void {
  layout.paperSize = p.paper;
  layout.orientation = p.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom =
    p.fitToWidth !== undefined
      ? { horizontalFitToPages: p.fitToWidth, verticalFitToPages: p.fitToHeight ?? 0 }
      : { scale: 100 };
  if (p.printTitleRows) layout.setPrintTitleRows(p.printTitleRows);
  if (p.printArea) layout.setPrintArea(p.printArea);
  if (p.margins) {
    layout.topMargin = p.margins.top * POINTS_PER_INCH;
    layout.bottomMargin = p.margins.bottom * POINTS_PER_INCH;
    layout.leftMargin = p.margins.left * POINTS_PER_INCH;
    layout.rightMargin = p.margins.right * POINTS_PER_INCH;
    layout.headerMargin = p.margins.header * POINTS_PER_INCH;
    layout.footerMargin = p.margins.footer * POINTS_PER_INCH;
  }
  if (p.centerHorizontally !== undefined) layout.centerHorizontally = p.centerHorizontally;
  if (p.footer !== undefined) layout.headersFooters.defaultForAllPages.centerFooter = p.footer;
}

function applyValidation(dv: Excel.DataValidation, v: DataValidation): void {
  dv.clear();
  const source = Array.isArray(v.source) ? v.source.join(",") : withEquals(v.source.formula);
  dv.rule = { list: { inCellDropDown: true, source } };
  dv.ignoreBlanks = v.allowBlank;
  dv.errorAlert = v.strict
    ? { showAlert: true, style: "Stop", title: "输入无效", message: "请从下拉列表中选择" }
    : { showAlert: false, style: "Stop", title: "", message: "" };
  if (v.prompt) dv.prompt = { showPrompt: true, title: v.prompt.title, message: v.prompt.message };
}

function setLook(ws: Excel.Worksheet, sheet: string, cell: string, look: CellLook, wc: WriteContext): void {
  const fill = ws.getRange(cell).format.fill;
  if (look.fill === null) fill.clear();
  else {
    const f = officeFill(look.fill);
    if (f.pattern !== undefined && wc.caps.fillPattern) fill.pattern = f.pattern;
    if (f.color) fill.color = f.color;
    if (f.patternColor && wc.caps.fillPattern) fill.patternColor = f.patternColor;
  }
  if (!wc.caps.notes) {
    if (look.note !== null) wc.skipped.add("notes");
    return;
  }
  const key = noteKey(sheet, cell);
  const has = wc.notes.get(key) ?? false;
  if (look.note === null) {
    if (has) ws.notes.getItem(cell).delete();
  } else if (has) ws.notes.getItem(cell).content = look.note;
  else ws.notes.add(cell, look.note);
  wc.notes.set(key, look.note !== null);
}
