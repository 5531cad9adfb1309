/**
 * Builds one sheet as data: values, styles, merges, row heights that show wrapped text in full,
 * dropdowns, links and print layout, turned into the few `WorkbookChange`s the port applies in one
 * call. Pure: no workbook is touched here.
 */
import type { CellStyle, CellValue, DataValidation, PageSetup, WorkbookChange } from "../../port/workbook";
import { cellAddress, rangeAddress, type RangeRef } from "../address";
import { columnPixels, heightForLines, wrappedLines } from "./metrics";

const COLS = 16384;

/**
 * Overlaid styles, kept so that cells that look alike share one style object, across sheets too:
 * adapters can then prepare a style once.
 */
const COMBINED = new WeakMap<CellStyle, WeakMap<CellStyle, CellStyle>>();
const INTERNED = new Map<string, CellStyle>();

const INTERNED_BY_OBJECT = new WeakMap<CellStyle, CellStyle>();

/** One object per distinct style, whoever built it. */
export function internStyle(s: CellStyle): CellStyle {
  const seen = INTERNED_BY_OBJECT.get(s);
  if (seen) return seen;
  const key = JSON.stringify(s);
  let known = INTERNED.get(key);
  // Shared by many cells and sheets, so never to be changed.
  if (!known) INTERNED.set(key, (known = Object.isFrozen(s) ? s : Object.freeze({ ...s })));
  INTERNED_BY_OBJECT.set(s, known);
  return known;
}

const FORMATTED = new WeakMap<CellStyle, Map<string, CellStyle>>();

/** `base` with a number format, one object per pair. */
export function withFormat(base: CellStyle, numberFormat: string): CellStyle {
  let byFormat = FORMATTED.get(base);
  if (!byFormat) FORMATTED.set(base, (byFormat = new Map()));
  let out = byFormat.get(numberFormat);
  if (!out) byFormat.set(numberFormat, (out = internStyle({ ...base, numberFormat })));
  return out;
}

/** The font every generated sheet is printed in. */
export const FONT_NAME = "宋体";
export const BODY_SIZE = 10;
export const TITLE_SIZE = 16;
/** Least height of a body row, in points. */
export const MIN_ROW_HEIGHT = 20;

export const BODY: CellStyle = {
  fontName: FONT_NAME,
  fontSize: BODY_SIZE,
  wrap: true,
  vertical: "middle",
  border: true,
};
export const LABEL: CellStyle = { ...BODY, horizontal: "center", bold: true };
export const TEXT: CellStyle = { ...BODY, horizontal: "left" };
export const CENTER: CellStyle = { ...BODY, horizontal: "center" };
export const NUMBER: CellStyle = { ...BODY, horizontal: "right" };
/** The sheet title, the lines above a ruled table (department, unit), a link outside it. */
export const TITLE: CellStyle = {
  fontName: "黑体",
  fontSize: TITLE_SIZE,
  horizontal: "center",
  vertical: "middle",
  wrap: true,
};
export const LINE_LEFT: CellStyle = {
  fontName: FONT_NAME,
  fontSize: BODY_SIZE,
  vertical: "bottom",
  horizontal: "left",
  wrap: true,
};
export const LINE_RIGHT: CellStyle = { ...LINE_LEFT, horizontal: "right" };
export const PLAIN: CellStyle = { fontName: FONT_NAME, fontSize: BODY_SIZE, vertical: "middle" };

export interface CellOptions {
  /** Last column and row of a merge starting at the cell. */
  right?: number;
  bottom?: number;
  style?: CellStyle;
}

interface TextCell {
  row: number;
  col: number;
  right: number;
  bottom: number;
  text: string;
  fontSize: number;
}

/** A sheet under construction. Rows and columns are 1-based. */
export class SheetBuilder {
  readonly name: string;
  private readonly widths: number[];
  private readonly rows: CellValue[][] = [];
  /** The style each cell ends up with (by `row * COLS + col`), overlays merged in the order given. */
  private readonly styleAt = new Map<number, CellStyle>();

  private readonly merges: string[] = [];
  private readonly formulas: { cell: string; formula: string; result: CellValue }[] = [];
  private readonly links: { cell: string; target: { sheet: string; cell: string }; text: string }[] = [];
  private readonly validations: { range: string; validation: DataValidation }[] = [];
  private readonly texts: TextCell[] = [];
  private readonly heights = new Map<number, number>();
  private setup: PageSetup | null = null;
  private freeze: { rows: number; columns: number } | null = null;
  private lastRow = 0;
  private lastCol = 0;

  /** `widths`: Excel column widths from column A on. */
  constructor(name: string, widths: number[]) {
    this.name = name;
    this.widths = [...widths];
    this.lastCol = widths.length;
  }

  get bottom(): number {
    return this.lastRow;
  }

  get right(): number {
    return this.lastCol;
  }

  /** Width in pixels of columns [left, right]. */
  spanPixels(left: number, right: number): number {
    let px = 0;
    for (let c = left; c <= right; c++) px += columnPixels(this.widths[c - 1] ?? 8.43);
    return px;
  }

  setWidth(col: number, width: number): void {
    while (this.widths.length < col) this.widths.push(8.43);
    this.widths[col - 1] = width;
    this.lastCol = Math.max(this.lastCol, col);
  }

  private touch(row: number, col: number): void {
    this.lastRow = Math.max(this.lastRow, row);
    this.lastCol = Math.max(this.lastCol, col);
    while (this.rows.length < row) this.rows.push([]);
  }

  /** Writes a value (a merge and a style too, when given). */
  cell(row: number, col: number, value: CellValue, options: CellOptions = {}): void {
    const right = options.right ?? col;
    const bottom = options.bottom ?? row;
    this.touch(bottom, right);
    this.rows[row - 1][col - 1] = value;
    const range: RangeRef = { top: row, left: col, bottom, right };
    if (right > col || bottom > row) this.merges.push(rangeAddress(range));
    if (options.style) this.style(range, options.style);
    const style = options.style;
    if (typeof value === "string" && value !== "" && style?.wrap)
      this.texts.push({ row, col, right, bottom, text: value, fontSize: style.fontSize ?? BODY_SIZE });
  }

  /** A merged, styled area with no value (a cell left for the user). */
  blank(range: RangeRef, style: CellStyle): void {
    this.touch(range.bottom, range.right);
    if (range.right > range.left || range.bottom > range.top) this.merges.push(rangeAddress(range));
    this.style(range, style);
  }

  /** Styles an area; what it leaves unset stays as earlier styles set it. */
  style(range: RangeRef, overlay: CellStyle): void {
    this.touch(range.bottom, range.right);
    const style = internStyle(overlay);
    for (let r = range.top; r <= range.bottom; r++)
      for (let c = range.left; c <= range.right; c++) {
        const key = r * COLS + c;
        const before = this.styleAt.get(key);
        this.styleAt.set(key, before ? this.combine(before, style) : style);
      }
  }

  private combine(before: CellStyle, overlay: CellStyle): CellStyle {
    let byOverlay = COMBINED.get(before);
    if (!byOverlay) COMBINED.set(before, (byOverlay = new WeakMap()));
    let out = byOverlay.get(overlay);
    if (!out) byOverlay.set(overlay, (out = { ...before, ...overlay }));
    return out;
  }

  /** The styles as few rectangles as possible: runs down each column, joined across equal neighbours. */
  private styleRanges(): { range: string; style: CellStyle }[] {
    const runs: { top: number; bottom: number; left: number; right: number; style: CellStyle }[] = [];
    const open = new Map<string, (typeof runs)[number]>();
    for (let c = 1; c <= this.lastCol; c++) {
      let run: (typeof runs)[number] | null = null;
      const column: (typeof runs)[number][] = [];
      for (let r = 1; r <= this.lastRow; r++) {
        const st = this.styleAt.get(r * COLS + c);
        if (run && st === run.style && run.bottom === r - 1) run.bottom = r;
        else if (st) column.push((run = { top: r, bottom: r, left: c, right: c, style: st }));
        else run = null;
      }
      // A run the same as one ending in the column to the left widens it.
      for (const x of column) {
        const k = `${x.top}:${x.bottom}`;
        const prev = open.get(k);
        if (prev && prev.style === x.style && prev.right === c - 1) prev.right = c;
        else {
          runs.push(x);
          open.set(k, x);
        }
      }
    }
    return runs.map((x) => ({ range: rangeAddress(x), style: x.style }));
  }

  /** A formula with the result it shows until recalculated. */
  formula(row: number, col: number, formula: string, result: CellValue, style?: CellStyle): void {
    this.touch(row, col);
    this.formulas.push({ cell: cellAddress(row, col), formula, result });
    if (style) this.style({ top: row, left: col, bottom: row, right: col }, style);
  }

  /** A link to a cell of the workbook. */
  link(
    row: number,
    col: number,
    target: { sheet: string; cell: string },
    text: string,
    options: CellOptions = {},
  ): void {
    // The link writes the text; the values leave the cell blank.
    this.cell(row, col, null, options);
    const style = options.style;
    if (style?.wrap)
      this.texts.push({
        row,
        col,
        right: options.right ?? col,
        bottom: options.bottom ?? row,
        text,
        fontSize: style.fontSize ?? BODY_SIZE,
      });
    this.links.push({ cell: cellAddress(row, col), target, text });
  }

  dropdown(range: RangeRef, validation: DataValidation): void {
    this.validations.push({ range: rangeAddress(range), validation });
  }

  /** A row's least height in points (the estimate from its text may raise it). */
  height(row: number, points: number): void {
    this.heights.set(row, Math.max(this.heights.get(row) ?? 0, points));
  }

  pageSetup(setup: PageSetup): void {
    this.setup = setup;
  }

  freezePanes(rows: number, columns: number): void {
    this.freeze = { rows, columns };
  }

  /** Row heights: each row tall enough for the wrapped text of its cells, merges spread over their rows. */
  rowHeights(minimum = MIN_ROW_HEIGHT): Map<number, number> {
    const out = new Map<number, number>();
    for (let r = 1; r <= this.lastRow; r++) out.set(r, this.heights.get(r) ?? minimum);
    const tall: { cell: TextCell; need: number }[] = [];
    const need = (t: TextCell): number =>
      heightForLines(wrappedLines(t.text, t.fontSize, this.spanPixels(t.col, t.right)), t.fontSize);
    for (const t of this.texts) {
      if (t.bottom === t.row) out.set(t.row, Math.max(out.get(t.row)!, need(t)));
      else tall.push({ cell: t, need: need(t) });
    }
    for (const { cell, need: h } of tall) {
      let have = 0;
      for (let r = cell.row; r <= cell.bottom; r++) have += out.get(r)!;
      if (have < h) out.set(cell.bottom, out.get(cell.bottom)! + (h - have));
    }
    return out;
  }

  /** The changes that make this sheet; `position` places it among the workbook's sheets. */
  changes(position?: number): WorkbookChange[] {
    const sheet = this.name;
    // As wide as the cells that hold values: a new sheet's other cells are blank already.
    let width = 1;
    for (const row of this.rows)
      for (let i = row.length - 1; i >= width; i--)
        if (row[i] !== null && row[i] !== undefined) {
          width = i + 1;
          break;
        }
    const values = this.rows.map((row) => {
      const out = new Array<CellValue>(width).fill(null);
      for (let i = 0; i < Math.min(row.length, width); i++) out[i] = row[i] ?? null;
      return out;
    });
    const heights = this.rowHeights();
    const changes: WorkbookChange[] = [
      { kind: "addSheet", sheet, ...(position !== undefined ? { position } : {}) },
      { kind: "setColumnWidths", sheet, widths: this.widths.map((w, i) => ({ col: i + 1, width: w })) },
    ];
    if (values.length > 0) changes.push({ kind: "setValues", sheet, anchor: "A1", values });
    if (this.formulas.length > 0) changes.push({ kind: "setFormulas", sheet, cells: this.formulas });
    for (const s of this.styleRanges()) changes.push({ kind: "setStyle", sheet, range: s.range, style: s.style });
    for (const m of this.merges) changes.push({ kind: "merge", sheet, range: m });
    for (const l of this.links) changes.push({ kind: "hyperlink", sheet, ...l });
    for (const v of this.validations) changes.push({ kind: "dataValidation", sheet, ...v });
    changes.push({ kind: "setRowHeights", sheet, heights: [...heights].map(([row, height]) => ({ row, height })) });
    if (this.freeze) changes.push({ kind: "freezePanes", sheet, ...this.freeze });
    if (this.setup) changes.push({ kind: "pageSetup", sheet, setup: this.setup });
    return changes;
  }
}

/** The usual print layout: A4, fitted to the page width, title rows repeated, page numbers below. */
export function printLayout(
  lastRow: number,
  lastCol: number,
  titleRows: string,
  orientation: PageSetup["orientation"] = "portrait",
): PageSetup {
  return {
    paper: "A4",
    orientation,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitleRows: titleRows,
    printArea: rangeAddress({ top: 1, left: 1, bottom: Math.max(lastRow, 1), right: Math.max(lastCol, 1) }),
    margins: { top: 0.75, bottom: 0.75, left: 0.6, right: 0.6, header: 0.3, footer: 0.3 },
    centerHorizontally: true,
    footer: "第 &P 页，共 &N 页",
  };
}
