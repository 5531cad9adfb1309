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
  /**
   * What the adapter found wrong with the sheet as stored and worked around (a merged area
   * overlapping another, which it ignored); readers report each as a diagnostic.
   */
  problems?: { cell: string; message: string; messageEn: string }[];
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
  /** Line style of the edges `border` draws; thin when absent. */
  borderStyle?: "thin" | "medium";
  /** Font family (`宋体`) and size in points. */
  fontName?: string;
  fontSize?: number;
  underline?: boolean;
}

/** Print layout of a sheet. */
export interface PageSetup {
  paper: "A4" | "A3";
  orientation: "portrait" | "landscape";
  /** Pages wide the sheet is fitted to (1: fit to page width); absent: printed at 100%. */
  fitToWidth?: number;
  /** Pages tall it is fitted to; 0: as many as needed. */
  fitToHeight?: number;
  /** Rows repeated at the top of every page (`1:3`). */
  printTitleRows?: string;
  printArea?: string;
  /** Margins in inches. */
  margins?: { top: number; bottom: number; left: number; right: number; header: number; footer: number };
  centerHorizontally?: boolean;
  /** Centred footer in Excel's header/footer codes (`第 &P 页，共 &N 页`). */
  footer?: string;
}

/** A dropdown: fixed choices, or a formula yielding them (`=名称`, `=INDIRECT("前缀"&$A$7)`). */
export interface DataValidation {
  type: "list";
  source: string[] | { formula: string };
  allowBlank: boolean;
  /** Whether entries outside the list are refused; false lets the user type anything. */
  strict: boolean;
  prompt?: { title: string; message: string };
}

/** A cell's fill as spreadsheets store it: pattern and ARGB colours (`FFFFC7CE`). */
export interface Fill {
  pattern: string;
  fgColor?: string;
  bgColor?: string;
  /** An engine's own description of a fill it cannot say in these terms (gradients, theme colours). */
  raw?: string;
}

/**
 * What a mark changes in a cell's appearance, and what clearing a mark gives back: its fill and its
 * note (comment). `null` means none.
 */
export interface CellLook {
  fill: Fill | null;
  note: string | null;
  /** An engine's own description of a formatted note, for giving it back exactly. */
  noteRaw?: string;
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
  | { kind: "setColumnWidths"; sheet: string; widths: { col: number; width: number }[] }
  /** Row heights in points. */
  | { kind: "setRowHeights"; sheet: string; heights: { row: number; height: number }[] }
  /** Formulas (`=SUM(D5:D9)`) with the result shown until the program recalculates (engines that calculate ignore it). */
  | { kind: "setFormulas"; sheet: string; cells: { cell: string; formula: string; result: CellValue }[] }
  /**
   * One formula filled over a range as Excel fills it: `formula` is the top-left cell's, and its
   * relative references shift for every other cell (written as a shared formula where the engine has
   * them, so a column of 50,000 helper formulas stays small). `results` (one per cell, row by row)
   * are the values shown until the program recalculates.
   */
  | { kind: "fillFormula"; sheet: string; range: string; formula: string; results?: CellValue[] }
  | { kind: "pageSetup"; sheet: string; setup: PageSetup }
  | { kind: "dataValidation"; sheet: string; range: string; validation: DataValidation }
  /** A link to a cell of this workbook, showing `text`. */
  | { kind: "hyperlink"; sheet: string; cell: string; target: { sheet: string; cell: string }; text: string }
  /** A workbook-scoped name; `refersTo` like `'Sheet'!$A$1:$A$4`. Replaces a name of the same name. */
  | { kind: "defineName"; name: string; refersTo: string }
  /** Freezes the first `rows` rows and `columns` columns. */
  | { kind: "freezePanes"; sheet: string; rows: number; columns: number }
  /** Sets a cell's fill and note exactly (null removes them); values are never touched. */
  | { kind: "setLook"; sheet: string; cell: string; look: CellLook }
  /**
   * A chart of `dataRange` (A1 on `sheet`: the first column holds the categories, the first row the
   * series names, series by columns), legend at the bottom, placed over the cells `anchor.topLeft`
   * to `anchor.bottomRight`. Charts are known by name: a chart of the same name on the sheet is
   * replaced, never duplicated. Engines that cannot write charts skip this change (the data stays).
   */
  | {
      kind: "chart";
      sheet: string;
      name: string;
      type: "columnClustered" | "line";
      title: string;
      dataRange: string;
      anchor: { topLeft: string; bottomRight: string };
    };

export interface WorkbookPort {
  listSheets(): Promise<SheetInfo[]>;
  read(options?: ReadOptions): Promise<WorkbookSnapshot>;
  apply(changes: WorkbookChange[]): Promise<void>;
  /** The fill and note of the given cells, in order, read in one batch. */
  readLooks(cells: { sheet: string; cell: string }[]): Promise<CellLook[]>;
}
