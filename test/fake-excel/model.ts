/**
 * The fake Excel's workbook: sheets of sparse cells with values, display text, formulas, number
 * formats and a little formatting, merged areas, protection. Plain data in, plain data out, so tests
 * can build workbooks with hundreds of tables and inspect what the adapter wrote.
 */
import type { CellValue } from "../../src/port/workbook";
import { cellAddress, parseRange, type RangeRef } from "../../src/core/address";

export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

/** A stored value as `Range.values` reports it: `""` for an empty cell. */
export type Stored = string | number | boolean;

export interface Border {
  style: string;
  weight: string;
  color: string;
}

export interface CellFormat {
  numberFormat?: string;
  bold?: boolean;
  fontColor?: string;
  fontName?: string;
  fontSize?: number;
  underline?: string;
  fill?: string;
  fillPattern?: string;
  patternColor?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
  borders?: Record<string, Border>;
  /** Excel's quote prefix: the cell was entered as `'text`. */
  quotePrefix?: boolean;
  locked?: boolean;
}

export interface Cell {
  value: Stored;
  text?: string;
  formula?: string;
  format: CellFormat;
}

export interface Validation {
  range: string;
  rule: unknown;
  ignoreBlanks?: boolean;
  errorAlert?: unknown;
  prompt?: unknown;
}

/** A chart as the fake keeps it: what `ChartCollection.add` and the chart's setters gave it. */
export interface FakeChartData {
  name: string;
  type: string;
  /** The source range as A1 on the chart's sheet. */
  source: string;
  seriesBy: string;
  title?: string;
  legend: { position?: string; visible?: boolean };
  position?: { start: string; end?: string };
}

export class Sheet {
  readonly cells = new Map<number, Cell>();
  /** Charts in the order they were added. */
  readonly charts: FakeChartData[] = [];
  merges: RangeRef[] = [];
  readonly columnWidths = new Map<number, number>();
  readonly rowHeights = new Map<number, number>();
  readonly notes = new Map<string, string>();
  readonly validations: Validation[] = [];
  readonly pageLayout: Record<string, unknown> = {};
  freeze: { rows: number; columns: number } | null = null;
  deleted = false;

  constructor(
    readonly id: number,
    public name: string,
    public visibility: "Visible" | "Hidden" | "VeryHidden" = "Visible",
    public protected_ = false,
  ) {}

  static key(row: number, col: number): number {
    return (row - 1) * MAX_COLS + (col - 1);
  }

  get(row: number, col: number): Cell | undefined {
    return this.cells.get(Sheet.key(row, col));
  }

  ensure(row: number, col: number): Cell {
    const k = Sheet.key(row, col);
    let c = this.cells.get(k);
    if (!c) {
      c = { value: "", format: {} };
      this.cells.set(k, c);
    }
    return c;
  }

  /** Bounds of the cells that satisfy `keep`, unioned with `extra`. */
  private bounds(keep: (c: Cell) => boolean, extra: RangeRef[]): RangeRef | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    for (const [k, c] of this.cells) {
      if (!keep(c)) continue;
      const row = Math.floor(k / MAX_COLS) + 1;
      const col = (k % MAX_COLS) + 1;
      if (row < top) top = row;
      if (row > bottom) bottom = row;
      if (col < left) left = col;
      if (col > right) right = col;
    }
    for (const m of extra) {
      top = Math.min(top, m.top);
      left = Math.min(left, m.left);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
    return bottom < top ? null : { top, left, bottom, right };
  }

  /** A deep copy under another id and name (`Worksheet.copy`): cells, merges, sizes, notes, layout, charts. */
  copyAs(id: number, name: string): Sheet {
    const s = new Sheet(id, name, this.visibility, false);
    for (const [k, c] of this.cells)
      s.cells.set(k, {
        ...c,
        format: { ...c.format, ...(c.format.borders ? { borders: cloneBorders(c.format.borders) } : {}) },
      });
    s.merges = this.merges.map((m) => ({ ...m }));
    for (const [k, v] of this.columnWidths) s.columnWidths.set(k, v);
    for (const [k, v] of this.rowHeights) s.rowHeights.set(k, v);
    for (const [k, v] of this.notes) s.notes.set(k, v);
    s.validations.push(...this.validations.map((v) => ({ ...v })));
    Object.assign(s.pageLayout, this.pageLayout);
    s.freeze = this.freeze ? { ...this.freeze } : null;
    s.charts.push(...this.charts.map((c) => structuredClone(c)));
    return s;
  }

  /** `getUsedRange(true)`: cells with a value or a formula. */
  usedValues(): RangeRef | null {
    return this.bounds((c) => c.value !== "" || c.formula !== undefined, []);
  }

  /** `getUsedRange()`: also formatted cells and merged areas. */
  usedFormatted(): RangeRef | null {
    return this.bounds(
      (c) => c.value !== "" || c.formula !== undefined || Object.keys(c.format).length > 0,
      this.merges,
    );
  }
}

function cloneBorders(b: Record<string, Border>): Record<string, Border> {
  return Object.fromEntries(Object.entries(b).map(([k, v]) => [k, { ...v }]));
}

/** Excel's General format, roughly: enough for the text of numbers the fake itself stores. */
export function generalText(v: Stored): string {
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(11)));
  return v;
}

export function displayText(c: Cell | undefined): string {
  if (!c) return "";
  return c.text ?? generalText(c.value);
}

const ERROR_LITERAL = /^#(N\/A|REF!|DIV\/0!|VALUE!|NAME\?|NUM!|NULL!)$/;
const NUMBER = /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i;
const PERCENT = /^\s*([-+]?(\d+\.?\d*|\.\d+))%\s*$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;

/**
 * Writes one input into a cell as Excel's `Range.values` does: `null` leaves the cell alone, `""`
 * clears it, text in a Text-formatted cell or after an apostrophe stays text, `= + - @` start a
 * formula, and strings that look like numbers, percentages, ISO dates, booleans or errors are
 * converted. (Excel's parser recognises more; this is what the adapter's tests need.)
 */
export function enterValue(cell: Cell, input: unknown, asFormula: boolean): void {
  if (input === null || input === undefined) return;
  const setConst = (v: Stored, text?: string): void => {
    cell.value = v;
    cell.formula = undefined;
    cell.text = text;
  };
  if (typeof input === "number" || typeof input === "boolean") {
    setConst(input);
    delete cell.format.quotePrefix;
    return;
  }
  const s = String(input);
  delete cell.format.quotePrefix;
  if (s === "") return setConst("");
  if (cell.format.numberFormat === "@" && !asFormula) return setConst(s);
  if (s.startsWith("'")) {
    cell.format.quotePrefix = true;
    return setConst(s.slice(1));
  }
  if (s.startsWith("=") || (/^[+\-@]/.test(s) && !NUMBER.test(s))) {
    cell.formula = s.startsWith("=") ? s : `=${s}`;
    // The fake does not calculate: a formula's value is a marker the tests can recognise.
    cell.value = "#FAKE-UNCALCULATED";
    cell.text = undefined;
    return;
  }
  if (NUMBER.test(s)) return setConst(Number(s));
  const pct = PERCENT.exec(s);
  if (pct) {
    setConst(Number(pct[1]) / 100);
    cell.format.numberFormat ??= "0%";
    return;
  }
  if (/^\s*(true|false)\s*$/i.test(s)) return setConst(/true/i.test(s));
  if (ERROR_LITERAL.test(s)) return setConst(s);
  const d = ISO_DATE.exec(s);
  if (d) {
    setConst((Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])) - Date.UTC(1899, 11, 30)) / 86_400_000);
    cell.format.numberFormat ??= "yyyy-mm-dd";
    return;
  }
  setConst(s);
}

/** Plain data a fake sheet is built from (the port's `SheetData` fits). */
export interface SheetInit {
  name: string;
  visibility?: "visible" | "hidden" | "veryHidden";
  top?: number;
  left?: number;
  values?: CellValue[][];
  texts?: string[][];
  formulas?: (string | null)[][];
  numberFormats?: string[][];
  merges?: string[];
  protected?: boolean;
}

const VIS = { visible: "Visible", hidden: "Hidden", veryHidden: "VeryHidden" } as const;

export function buildSheet(id: number, init: SheetInit): Sheet {
  const sheet = new Sheet(id, init.name, VIS[init.visibility ?? "visible"], init.protected ?? false);
  const top = init.top ?? 1;
  const left = init.left ?? 1;
  const rows = init.values ?? [];
  rows.forEach((row, i) =>
    row.forEach((v, j) => {
      const f = init.formulas?.[i]?.[j] ?? null;
      const nf = init.numberFormats?.[i]?.[j];
      const t = init.texts?.[i]?.[j];
      if (v === null && f === null && (nf === undefined || nf === "General")) return;
      const c = sheet.ensure(top + i, left + j);
      c.value = v === null ? "" : v;
      if (f !== null) c.formula = f;
      if (nf !== undefined && nf !== "General") c.format.numberFormat = nf;
      if (t !== undefined && t !== generalText(c.value)) c.text = t;
    }),
  );
  sheet.merges = (init.merges ?? []).map((m) => parseRange(m));
  return sheet;
}

export function a1(sheet: Sheet, r: RangeRef): string {
  const q = /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(sheet.name)
    ? sheet.name
    : `'${sheet.name.replace(/'/g, "''")}'`;
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return `${q}!${a === b ? a : `${a}:${b}`}`;
}
