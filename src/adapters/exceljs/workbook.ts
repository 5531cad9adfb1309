/**
 * The workbook port over ExcelJS, for the CLI, the tests and the browser page. Loads from bytes,
 * reads whole sheets into snapshots, applies changes described as data, and writes bytes.
 */
import ExcelJS from "exceljs";
import type {
  CellStyle,
  CellValue,
  ReadOptions,
  SheetData,
  SheetInfo,
  WorkbookChange,
  WorkbookPort,
  WorkbookSnapshot,
} from "../../port/workbook";
import { parseCell, parseRange, rangeAddress } from "../../core/address";
import { displayText } from "./format";
import { WorkbookError, checkSignature } from "./errors";

/** Excel's serial day 0 (1899-12-30) in ms since the epoch. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH_MS) / 86_400_000;
}

interface MergeDims {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** ExcelJS keeps merges by master address; reading them there avoids building the sheet model. */
function mergesOf(ws: ExcelJS.Worksheet): MergeDims[] {
  const merges = (ws as unknown as { _merges: Record<string, MergeDims> })._merges;
  return Object.values(merges ?? {});
}

/** A cell's stored value as the port describes it (dates as serials, errors as `#REF!`). */
function portValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("error" in v) return v.error;
    if ("formula" in v || "sharedFormula" in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null) return null;
      if (result instanceof Date) return dateToSerial(result);
      if (typeof result === "object" && "error" in result) return result.error;
      return result as CellValue;
    }
    if ("text" in v) {
      const t = (v as ExcelJS.CellHyperlinkValue).text;
      return typeof t === "string"
        ? t
        : (t as unknown as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    }
  }
  return String(v);
}

function formulaOf(v: ExcelJS.CellValue): string | null {
  if (v && typeof v === "object" && ("formula" in v || "sharedFormula" in v)) {
    const f = (v as ExcelJS.CellFormulaValue).formula ?? (v as ExcelJS.CellSharedFormulaValue).sharedFormula;
    return f ? `=${f}` : null;
  }
  return null;
}

export class ExcelJsWorkbook implements WorkbookPort {
  readonly workbook: ExcelJS.Workbook;

  private constructor(workbook: ExcelJS.Workbook) {
    this.workbook = workbook;
  }

  static create(): ExcelJsWorkbook {
    return new ExcelJsWorkbook(new ExcelJS.Workbook());
  }

  /** Loads an .xlsx; anything else fails with a `WorkbookError` that says what the file is. */
  static async load(data: Uint8Array | ArrayBuffer): Promise<ExcelJsWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    checkSignature(bytes);
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      throw new WorkbookError(
        `无法读取工作簿：文件已损坏或不是 .xlsx（${(e as Error).message}）`,
        `Cannot read the workbook: corrupt or not an .xlsx (${(e as Error).message})`,
      );
    }
    return new ExcelJsWorkbook(wb);
  }

  async listSheets(): Promise<SheetInfo[]> {
    return this.workbook.worksheets.map((ws) => {
      const d = this.usedRange(ws);
      return { name: ws.name, visibility: ws.state ?? "visible", usedRange: d ? rangeAddress(d) : null };
    });
  }

  private usedRange(ws: ExcelJS.Worksheet): MergeDims | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -Infinity;
    let right = -Infinity;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (_cell, c) => {
        if (r < top) top = r;
        if (r > bottom) bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      });
    });
    for (const m of mergesOf(ws)) {
      top = Math.min(top, m.top);
      left = Math.min(left, m.left);
      bottom = Math.max(bottom, m.bottom);
      right = Math.max(right, m.right);
    }
    return bottom < top ? null : { top, left, bottom, right };
  }

  async read(options: ReadOptions = {}): Promise<WorkbookSnapshot> {
    const wanted = options.sheets ? new Set(options.sheets) : null;
    const sheets: SheetData[] = [];
    for (const ws of this.workbook.worksheets) {
      if (wanted && !wanted.has(ws.name)) continue;
      sheets.push(this.readSheet(ws, options));
    }
    return { sheets };
  }

  private readSheet(ws: ExcelJS.Worksheet, options: ReadOptions): SheetData {
    const d = this.usedRange(ws);
    const base = { name: ws.name, visibility: ws.state ?? "visible", merges: [] as string[] } as const;
    if (!d) return { ...base, top: 1, left: 1, values: [], texts: [] };
    const height = d.bottom - d.top + 1;
    const width = d.right - d.left + 1;
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
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const i = r - d.top;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const j = c - d.left;
        // ExcelJS repeats a merge's value in every cell it covers; the port keeps it at the master only.
        if (cell.isMerged && cell.master !== cell) return;
        const raw = cell.value;
        const v = portValue(raw);
        const numFmt = cell.numFmt;
        values[i][j] = v;
        texts[i][j] = displayText(v, numFmt, raw instanceof Date);
        if (formulas) formulas[i][j] = formulaOf(raw);
        if (formats && numFmt) formats[i][j] = numFmt;
      });
    });
    return {
      ...base,
      top: d.top,
      left: d.left,
      values,
      texts,
      ...(formulas ? { formulas } : {}),
      ...(formats ? { numberFormats: formats } : {}),
      merges: mergesOf(ws).map((m) => rangeAddress(m)),
    };
  }

  async apply(changes: WorkbookChange[]): Promise<void> {
    for (const ch of changes) this.applyOne(ch);
  }

  private sheet(name: string): ExcelJS.Worksheet {
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new WorkbookError(`工作表不存在：${name}`, `No sheet named ${name}`);
    return ws;
  }

  private applyOne(ch: WorkbookChange): void {
    switch (ch.kind) {
      case "addSheet": {
        const ws = this.workbook.addWorksheet(ch.sheet);
        if (ch.position !== undefined) {
          // ExcelJS orders sheets by orderNo when writing.
          const sheets = this.workbook.worksheets.filter((w) => w !== ws);
          sheets.splice(ch.position, 0, ws);
          sheets.forEach((w, i) => ((w as unknown as { orderNo: number }).orderNo = i));
        }
        return;
      }
      case "deleteSheet":
        this.workbook.removeWorksheet(this.sheet(ch.sheet).id);
        return;
      case "setSheetVisibility":
        this.sheet(ch.sheet).state = ch.visibility;
        return;
      case "setValues": {
        const ws = this.sheet(ch.sheet);
        const a = parseCell(ch.anchor);
        ch.values.forEach((rowValues, i) =>
          rowValues.forEach((v, j) => {
            const cell = ws.getCell(a.row + i, a.col + j);
            if (typeof v === "string" && ch.formulas && v.startsWith("=")) cell.value = { formula: v.slice(1) };
            else cell.value = v;
          }),
        );
        return;
      }
      case "setStyle": {
        const ws = this.sheet(ch.sheet);
        const r = parseRange(ch.range);
        for (let row = r.top; row <= r.bottom; row++)
          for (let col = r.left; col <= r.right; col++) applyStyle(ws.getCell(row, col), ch.style);
        return;
      }
      case "merge":
        this.sheet(ch.sheet).mergeCells(ch.range);
        return;
      case "setColumnWidths": {
        const ws = this.sheet(ch.sheet);
        for (const w of ch.widths) ws.getColumn(w.col).width = w.width;
        return;
      }
    }
  }

  async toBuffer(): Promise<Uint8Array> {
    const buf = await this.workbook.xlsx.writeBuffer();
    return new Uint8Array(buf as ArrayBuffer);
  }
}

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  if (s.numberFormat !== undefined) cell.numFmt = s.numberFormat;
  if (s.bold !== undefined || s.fontColor !== undefined)
    cell.font = {
      ...cell.font,
      ...(s.bold !== undefined ? { bold: s.bold } : {}),
      ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
    };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } };
  if (s.wrap !== undefined || s.horizontal || s.vertical)
    cell.alignment = {
      ...cell.alignment,
      ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
      ...(s.horizontal ? { horizontal: s.horizontal } : {}),
      ...(s.vertical ? { vertical: s.vertical } : {}),
    };
  if (s.border) {
    const thin = { style: "thin" as const, color: { argb: "FF000000" } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

/** `#RRGGBB` → `FFRRGGBB`. */
function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}
