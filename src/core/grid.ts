/**
 * A sheet's cells as the readers see them: values and display text by 1-based row and column, with
 * merged areas resolved (a person reads a merge's text in every cell it covers), and label keys
 * cached.
 */
import type { CellValue, SheetData } from "../port/workbook";
import { parseRange, type RangeRef } from "./address";
import { isBlank, labelKey } from "./text";

const COLS = 16384;

export class Grid {
  readonly name: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
  private readonly data: SheetData;
  /** Merge of each cell that lies in a merged area, by `row * COLS + col`. */
  private readonly mergeAt = new Map<number, RangeRef>();
  private readonly keys = new Map<number, string>();

  constructor(data: SheetData) {
    this.data = data;
    this.name = data.name;
    this.top = data.top;
    this.left = data.left;
    this.bottom = data.top + data.values.length - 1;
    this.right = data.left + (data.values[0]?.length ?? 0) - 1;
    for (const m of data.merges) {
      const r = parseRange(m);
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) this.mergeAt.set(row * COLS + col, r);
    }
  }

  get isEmpty(): boolean {
    return this.data.values.length === 0;
  }

  /** The merged area a cell lies in, or null. */
  merge(row: number, col: number): RangeRef | null {
    return this.mergeAt.get(row * COLS + col) ?? null;
  }

  /** Whether the cell lies inside a merge but is not its top-left cell. */
  isCovered(row: number, col: number): boolean {
    const m = this.merge(row, col);
    return m !== null && (m.top !== row || m.left !== col);
  }

  /** The top-left cell of the merge a cell lies in, or the cell itself. */
  master(row: number, col: number): { row: number; col: number } {
    const m = this.merge(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  /** The cell's own stored value (null for the covered cells of a merge). */
  ownValue(row: number, col: number): CellValue {
    if (this.isCovered(row, col)) return null;
    return this.data.values[row - this.top]?.[col - this.left] ?? null;
  }

  /** The value a person reads at the cell: the merge's value for any cell of a merge. */
  value(row: number, col: number): CellValue {
    const p = this.master(row, col);
    return this.data.values[p.row - this.top]?.[p.col - this.left] ?? null;
  }

  /** The text a person reads at the cell (merge-resolved). */
  text(row: number, col: number): string {
    const p = this.master(row, col);
    return this.data.texts[p.row - this.top]?.[p.col - this.left] ?? "";
  }

  numberFormat(row: number, col: number): string | null {
    const p = this.master(row, col);
    return this.data.numberFormats?.[p.row - this.top]?.[p.col - this.left] ?? null;
  }

  formula(row: number, col: number): string | null {
    const p = this.master(row, col);
    return this.data.formulas?.[p.row - this.top]?.[p.col - this.left] ?? null;
  }

  /** The cell's own text; empty for covered cells of a merge. */
  ownText(row: number, col: number): string {
    if (this.isCovered(row, col)) return "";
    return this.data.texts[row - this.top]?.[col - this.left] ?? "";
  }

  isBlank(row: number, col: number): boolean {
    return isBlank(this.text(row, col));
  }

  /** Label key of the cell's (merge-resolved) text, cached. */
  key(row: number, col: number): string {
    const p = this.master(row, col);
    const text = this.text(p.row, p.col);
    // Most cells of a big sheet are blank: their key needs no cache entry.
    if (text === "") return "";
    const id = p.row * COLS + p.col;
    let k = this.keys.get(id);
    if (k === undefined) {
      k = labelKey(text);
      this.keys.set(id, k);
    }
    return k;
  }

  /** Column of the next distinct cell to the right (skipping the rest of this cell's merge). */
  nextCol(row: number, col: number): number {
    const m = this.merge(row, col);
    return (m ? m.right : col) + 1;
  }

  /** Row of the next distinct cell below (skipping the rest of this cell's merge). */
  nextRow(row: number, col: number): number {
    const m = this.merge(row, col);
    return (m ? m.bottom : row) + 1;
  }

  /** Whether every cell of the row is blank between `left` and `right`. */
  rowBlank(row: number, left = this.left, right = this.right): boolean {
    for (let c = left; c <= right; c++) if (!isBlank(this.ownText(row, c))) return false;
    return true;
  }
}
