/**
 * The workbook port: the only way commands reach a workbook. Adapters implement it over ExcelJS
 * (CLI, tests, browser page) and over Office.js (the add-in). Reads are batched (many sheets in one
 * call) and writes are data (a list of changes applied in one call), so the Office.js adapter can
 * keep `context.sync` calls bounded per command.
 */

/** A cell's value as spreadsheets store it: dates are serial numbers, errors are `#REF!`-style text. */
export type CellValue = string | number | boolean | null;

export interface SheetInfo {
  name: string;
  visibility: "visible" | "hidden" | "veryHidden";
  /** Used range as A1 (`A1:F40`), or null for an empty sheet. */
  usedRange: string | null;
}

/** What to read besides values and display text. */
export interface ReadOptions {
  /** Sheet names to read; all sheets when absent. */
  sheets?: string[];
  formulas?: boolean;
  numberFormats?: boolean;
}

/** A rectangular snapshot of a sheet's used range. */
export interface SheetData {
  name: string;
  visibility: SheetInfo["visibility"];
  /** 1-based row and column of `values[0][0]`. */
  top: number;
  left: number;
  values: CellValue[][];
  /** The text a person sees in each cell (number formats applied). */
  texts: string[][];
  formulas?: (string | null)[][];
  numberFormats?: string[][];
  /** Merged areas as A1 ranges. */
  merges: string[];
}

export interface WorkbookSnapshot {
  sheets: SheetData[];
}

export interface CellStyle {
  numberFormat?: string;
  bold?: boolean;
  fontColor?: string;
  fill?: string;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  vertical?: "top" | "middle" | "bottom";
  border?: boolean;
}

/** A write, described as data. */
export type WorkbookChange =
  | { kind: "addSheet"; sheet: string; position?: number }
  | { kind: "deleteSheet"; sheet: string }
  | { kind: "setSheetVisibility"; sheet: string; visibility: SheetInfo["visibility"] }
  /** Values at `anchor` going right and down; strings starting with `=` are formulas only when `formulas` is set. */
  | { kind: "setValues"; sheet: string; anchor: string; values: CellValue[][]; formulas?: boolean }
  | { kind: "setStyle"; sheet: string; range: string; style: CellStyle }
  | { kind: "merge"; sheet: string; range: string }
  | { kind: "setColumnWidths"; sheet: string; widths: { col: number; width: number }[] };

export interface WorkbookPort {
  listSheets(): Promise<SheetInfo[]>;
  read(options?: ReadOptions): Promise<WorkbookSnapshot>;
  apply(changes: WorkbookChange[]): Promise<void>;
}
