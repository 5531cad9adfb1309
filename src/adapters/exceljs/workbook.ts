/**
 * The workbook port over ExcelJS, for the CLI, the tests and the browser page. Loads from bytes,
 * reads whole sheets into snapshots, applies changes described as data, and writes bytes.
 */
import ExcelJS from "exceljs";
import type {
  CellLook,
  Fill,
  CellStyle,
  CellValue,
  DataValidation,
  PageSetup,
  ReadOptions,
  SheetData,
  SheetInfo,
  WorkbookChange,
  WorkbookPort,
  WorkbookSnapshot,
} from "../../port/workbook";
import { cellAddress, parseCell, parseRange, rangeAddress } from "../../core/address";
import { displayText } from "./format";
import { WorkbookError, checkSignature } from "./errors";
import {
  inspectPackage,
  planCarry,
  PartsLossError,
  sheetTooBig,
  tooManyCells as workbookTooBig,
  LIMITS,
  type PackageInventory,
} from "./package-parts";
import { carryOver } from "./carry-over";
import { dropOverlappingMerges, restoreNotes, type SheetProblem } from "./repair";
import { installFastMergeParsing } from "./merges";
import { installFastEmptyStyles } from "./style-ids";
import { deflateStoredZip, writeZip, type ZipCodec } from "./zip";

installFastMergeParsing();
installFastEmptyStyles();

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
  /** Style objects shared by the cells that look alike (ExcelJS writes a style object once). */
  private readonly styles = new StyleInterner();
  /** Appliers by style object: commands reuse one style object for many ranges. */
  private readonly appliers = new WeakMap<CellStyle, (cell: ExcelJS.Cell) => void>();

  /**
   * What the loaded package holds that ExcelJS does not carry, and the loaded bytes when some of it
   * (drawings) can be carried over on saving; null for a workbook made here.
   */
  private readonly source: {
    inventory: PackageInventory;
    bytes: Uint8Array | null;
    /** What was wrong with each sheet as stored, and worked around on loading. */
    problems: Map<string, SheetProblem[]>;
  } | null;
  /** Sheets a change deleted (maybe to add them again): what they held is not theirs to carry. */
  private readonly replaced = new Set<string>();
  /** Cells of the snapshot being read, against the workbook's limit. */
  private cellsRead = 0;
  /** Names a change defined: on saving, their new definition stands. */
  private readonly commandNames = new Set<string>();
  /**
   * With `cacheReads`, what `read` made of each sheet, until a change touches the sheet: a command
   * of several steps (`ptsheet all`) then reads a 50,000-row ledger once, not once a step. Only for
   * callers that change the workbook through `apply` alone (the CLI); off by default, as tests and
   * the page may change `workbook` directly.
   */
  cacheReads = false;
  /**
   * Native compression where there is some (Node's zlib, in the CLI): `toBuffer` then zips the
   * parts ExcelJS renders itself, instead of ExcelJS's jszip and pako (JavaScript).
   */
  zipCodec: ZipCodec | null = null;
  private readonly readCache = new WeakMap<ExcelJS.Worksheet, { data: SheetData; cells: number }>();

  private constructor(workbook: ExcelJS.Workbook, source: ExcelJsWorkbook["source"] = null) {
    this.workbook = workbook;
    this.source = source;
  }

  /** What the loaded package holds beyond what ExcelJS writes back (charts, pivot tables, macros…). */
  get packageInventory(): PackageInventory | null {
    return this.source?.inventory ?? null;
  }

  static create(): ExcelJsWorkbook {
    return new ExcelJsWorkbook(new ExcelJS.Workbook());
  }

  /** Loads an .xlsx; anything else fails with a `WorkbookError` that says what the file is. */
  static async load(data: Uint8Array | ArrayBuffer): Promise<ExcelJsWorkbook> {
    const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
    checkSignature(bytes);
    // Before ExcelJS materialises anything: what the file is, whether it is within the limits, and
    // what ExcelJS would lose.
    const inventory = await inspectPackage(bytes);
    let wb = new ExcelJS.Workbook();
    let problems = new Map<string, SheetProblem[]>();
    try {
      try {
        await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      } catch (e) {
        // Overlapping merged areas make ExcelJS refuse the whole file; Excel drops them and opens it.
        if (!/already merged/i.test((e as Error).message)) throw e;
        const repaired = await dropOverlappingMerges(bytes, inventory.sheets);
        problems = repaired.problems;
        wb = new ExcelJS.Workbook();
        await wb.xlsx.load(repaired.bytes as unknown as ArrayBuffer);
      }
    } catch (e) {
      throw new WorkbookError(
        `无法读取工作簿：文件已损坏或不是 .xlsx（${(e as Error).message}）`,
        `Cannot read the workbook: corrupt or not an .xlsx (${(e as Error).message})`,
      );
    }
    const comments = inventory.sheets.flatMap((s) => (s.comments ? [{ sheet: s.name, xml: s.comments.xml }] : []));
    if (comments.length > 0) restoreNotes(wb, comments);
    // Every workbook Excel writes has a sheet; a zip without one is another kind of file (.docx…).
    if (wb.worksheets.length === 0)
      throw new WorkbookError(
        "文件是 zip 包但其中没有工作表，不是 .xlsx 工作簿（可能是 .docx 等其他文件改了扩展名）",
        "The file is a zip without any worksheet, not an .xlsx workbook (perhaps a renamed .docx)",
      );
    const carries =
      inventory.drawings.length > 0 || inventory.workbookTags.length > 0 || inventory.definedNames.length > 0;
    return new ExcelJsWorkbook(wb, { inventory, bytes: carries ? bytes : null, problems });
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
    this.cellsRead = 0;
    for (const ws of this.workbook.worksheets) {
      if (wanted && !wanted.has(ws.name)) continue;
      sheets.push(this.cacheReads ? this.cachedSheet(ws, options) : this.readSheet(ws, options));
    }
    return { sheets };
  }

  /**
   * A sheet's snapshot from the cache when it holds what `options` ask for, else read (and kept).
   * The cached arrays are frozen and handed out as they are: a caller that tried to change a snapshot
   * would fail at once instead of changing the cache (copying every row for every read cost more than
   * the reading of a 50,000-row ledger, in time and in garbage).
   */
  private cachedSheet(ws: ExcelJS.Worksheet, options: ReadOptions): SheetData {
    let entry = this.readCache.get(ws);
    if (!entry || (options.formulas && !entry.data.formulas) || (options.numberFormats && !entry.data.numberFormats)) {
      const before = this.cellsRead;
      const data = freezeSnapshot(this.readSheet(ws, options));
      entry = { data, cells: this.cellsRead - before };
      this.readCache.set(ws, entry);
    } else {
      this.cellsRead += entry.cells;
      if (this.cellsRead > LIMITS.workbookCells) throw workbookTooBig(this.cellsRead);
    }
    const d = entry.data;
    return {
      name: d.name,
      visibility: d.visibility,
      top: d.top,
      left: d.left,
      values: d.values,
      texts: d.texts,
      ...(options.formulas && d.formulas ? { formulas: d.formulas } : {}),
      ...(options.numberFormats && d.numberFormats ? { numberFormats: d.numberFormats } : {}),
      merges: d.merges,
      ...(d.problems ? { problems: d.problems } : {}),
    };
  }

  /**
   * Forgets what was read of the sheet a change is about to touch, unless the change leaves what a
   * snapshot holds (values, texts, formulas, number formats, merges, visibility) as it was: fills
   * and notes, widths and heights, print setup, dropdowns, panes, styles without a number format.
   */
  private invalidate(ch: WorkbookChange): void {
    if (!("sheet" in ch)) return;
    switch (ch.kind) {
      case "setLook":
      case "setColumnWidths":
      case "setRowHeights":
      case "pageSetup":
      case "dataValidation":
      case "freezePanes":
        return;
      case "setStyle":
        if (ch.style.numberFormat === undefined) return;
        break;
      default:
        break;
    }
    let ws: ExcelJS.Worksheet;
    try {
      ws = this.sheet(ch.sheet);
    } catch {
      return; // a sheet not there yet (addSheet), or the change fails on its own
    }
    this.readCache.delete(ws);
  }

  private readSheet(ws: ExcelJS.Worksheet, options: ReadOptions): SheetData {
    const d = this.usedRange(ws);
    const problems = this.source?.problems.get(ws.name);
    const base = {
      name: ws.name,
      visibility: ws.state ?? "visible",
      merges: [] as string[],
      ...(problems ? { problems } : {}),
    } as const;
    if (!d) return { ...base, top: 1, left: 1, values: [], texts: [] };
    const height = d.bottom - d.top + 1;
    const width = d.right - d.left + 1;
    // The package check reads `<dimension>` of big parts; this counts what ExcelJS actually read.
    if (height > LIMITS.sheetRows || height * width > LIMITS.sheetCells)
      throw sheetTooBig({ name: ws.name, rows: height, columns: width, cells: height * width, range: d });
    this.cellsRead += height * width;
    if (this.cellsRead > LIMITS.workbookCells) throw workbookTooBig(this.cellsRead);
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
        // ExcelJS's `value` of a formula cell drops a result of 0 or "" and gives a shared formula's
        // master address instead of its text; `result` and `formula` give them as stored.
        const isFormula = cell.type === ExcelJS.ValueType.Formula;
        const v = isFormula
          ? portValue({ formula: "", result: cell.result } as ExcelJS.CellFormulaValue)
          : portValue(raw);
        const numFmt = cell.numFmt;
        values[i][j] = v;
        texts[i][j] = displayText(v, numFmt, raw instanceof Date);
        if (formulas) formulas[i][j] = isFormula && cell.formula ? `=${cell.formula}` : formulaOf(raw);
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
    for (const ch of changes) {
      if (this.cacheReads) this.invalidate(ch);
      this.applyOne(ch);
    }
  }

  /** Sheets by name: ExcelJS finds a sheet by name with a scan of every sheet. */
  private readonly sheetIds = new Map<string, number>();

  private sheet(name: string): ExcelJS.Worksheet {
    const id = this.sheetIds.get(name);
    const known = id === undefined ? undefined : this.workbook.getWorksheet(id);
    if (known && known.name === name) return known;
    const ws = this.workbook.getWorksheet(name);
    if (!ws) throw new WorkbookError(`工作表不存在：${name}`, `No sheet named ${name}`);
    this.sheetIds.set(name, ws.id);
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
        this.replaced.add(ch.sheet);
        return;
      case "setSheetVisibility":
        this.sheet(ch.sheet).state = ch.visibility;
        return;
      case "setValues": {
        const ws = this.sheet(ch.sheet);
        const a = parseCell(ch.anchor);
        // Cells by row object: `Worksheet.getCell(r, c)` makes and parses an address each time.
        ch.values.forEach((rowValues, i) => {
          const row = ws.getRow(a.row + i);
          rowValues.forEach((v, j) => {
            // Blank over a cell that does not exist yet: nothing to clear, no cell to make.
            if (v === null && !row.findCell(a.col + j)) return;
            const cell = row.getCell(a.col + j);
            if (typeof v === "string" && ch.formulas && v.startsWith("=")) cell.value = { formula: v.slice(1) };
            else cell.value = v;
          });
        });
        return;
      }
      case "setStyle": {
        const ws = this.sheet(ch.sheet);
        const r = parseRange(ch.range);
        let apply = this.appliers.get(ch.style);
        if (!apply) this.appliers.set(ch.style, (apply = styleApplier(ch.style, this.styles)));
        for (let row = r.top; row <= r.bottom; row++) {
          const cells = ws.getRow(row);
          for (let col = r.left; col <= r.right; col++) apply(cells.getCell(col));
        }
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
      case "setRowHeights": {
        const ws = this.sheet(ch.sheet);
        for (const h of ch.heights) ws.getRow(h.row).height = h.height;
        return;
      }
      case "setFormulas": {
        const ws = this.sheet(ch.sheet);
        for (const f of ch.cells) ws.getCell(f.cell).value = formulaValue(f.formula, f.result);
        return;
      }
      case "fillFormula": {
        const r = parseRange(ch.range);
        const results = ch.results;
        // A shared formula: ExcelJS writes the master's text once and `<f t="shared" si=…/>` elsewhere.
        // ExcelJS types results as string | number; a missing result (undefined) writes none.
        const width = r.right - r.left + 1;
        const result = (row: number, col: number): string | number => {
          const v = results?.[(row - r.top) * width + (col - r.left)];
          return (v === null ? undefined : v) as string | number;
        };
        this.sheet(ch.sheet).fillFormula(ch.range, ch.formula.replace(/^=/, ""), result);
        return;
      }
      case "pageSetup":
        applyPageSetup(this.sheet(ch.sheet), ch.setup);
        return;
      case "dataValidation":
        validationsOf(this.sheet(ch.sheet)).add(ch.range, exceljsValidation(ch.validation));
        return;
      case "hyperlink": {
        // ExcelJS writes a link to a place in the workbook as an external file link; a HYPERLINK
        // formula is a working internal link in Excel, WPS and LibreOffice alike.
        const cell = this.sheet(ch.sheet).getCell(ch.cell);
        const target = `#${quoteSheetAlways(ch.target.sheet)}!${ch.target.cell}`;
        cell.value = formulaValue(`=HYPERLINK(${formulaString(target)},${formulaString(ch.text)})`, ch.text);
        cell.style = this.styles.intern({
          ...cell.style,
          font: { ...cell.style.font, color: { argb: "FF0563C1" }, underline: true },
        });
        return;
      }
      case "defineName": {
        this.commandNames.add(ch.name);
        const model = this.workbook.definedNames.model.filter((n) => n.name !== ch.name);
        model.push({ name: ch.name, ranges: [ch.refersTo] });
        this.workbook.definedNames.model = model;
        return;
      }
      case "freezePanes":
        this.sheet(ch.sheet).views = [
          {
            state: "frozen",
            xSplit: ch.columns,
            ySplit: ch.rows,
            topLeftCell: cellAddress(ch.rows + 1, ch.columns + 1),
          },
        ];
        return;
      case "setLook":
        setLook(this.sheet(ch.sheet).getCell(ch.cell), ch.look);
        return;
      case "chart":
        // Deliberately skipped: ExcelJS cannot write charts (it has no chart model; charts of a
        // loaded file are only carried over as they were). The chart's data are cells the command
        // writes as well, so LibreOffice and WPS users still see the numbers; Excel gets the chart.
        return;
    }
  }

  async readLooks(cells: { sheet: string; cell: string }[]): Promise<CellLook[]> {
    return cells.map(({ sheet, cell }) => lookOf(this.sheet(sheet).getCell(cell)));
  }

  /**
   * Writes the workbook. Drawings (pictures, shapes, charts) of the loaded package are carried over
   * for every sheet still there; anything else ExcelJS would drop makes it refuse with a
   * `PartsLossError` naming what and where, before writing anything.
   */
  async toBuffer(): Promise<Uint8Array> {
    const keeps = (s: string): boolean => !this.replaced.has(s) && this.workbook.getWorksheet(s) !== undefined;
    const plan = this.source ? planCarry(this.source.inventory, keeps) : null;
    if (plan && plan.lost.length > 0) throw new PartsLossError(plan.lost);
    // ExcelJS writes a print area as `$` + each corner (`A1:G15` → `$A1:$G15`), which LibreOffice
    // ignores; with the rows made absolute it writes `$A$1:$G$15`.
    for (const ws of this.workbook.worksheets)
      if (ws.pageSetup?.printArea)
        ws.pageSetup.printArea = ws.pageSetup.printArea.replace(/([A-Z]+)\$?(\d+)/g, "$1$$$2");
    const codec = this.zipCodec;
    const parts = codec ? await renderParts(this.workbook) : null;
    const written: Uint8Array =
      codec && parts ? writeZip(parts, codec) : new Uint8Array((await this.workbook.xlsx.writeBuffer()) as ArrayBuffer);
    if (!plan || !this.source?.bytes) return written;
    const { workbookTags, definedNames } = this.source.inventory;
    const carried = await carryOver(this.source.bytes, written, {
      drawings: plan.carry,
      workbookTags,
      definedNames,
      commandNames: this.commandNames,
      keeps,
      stored: codec !== null,
    });
    return codec && carried !== written ? deflateStoredZip(carried, codec.deflateRaw) : carried;
  }
}

/** The snapshot with every array in it frozen (rows included), for the read cache. */
function freezeSnapshot(d: SheetData): SheetData {
  const rows = <T>(a: T[][] | undefined): void => {
    if (!a) return;
    for (const r of a) Object.freeze(r);
    Object.freeze(a);
  };
  rows(d.values);
  rows(d.texts);
  rows(d.formulas);
  rows(d.numberFormats);
  Object.freeze(d.merges);
  if (d.problems) {
    for (const p of d.problems) Object.freeze(p);
    Object.freeze(d.problems);
  }
  return d;
}

/** What ExcelJS's `xlsx.write` uses of the `XLSX` object: its steps, each appending parts to a zip. */
interface XlsxSteps {
  workbook: { model: unknown };
  prepareModel(model: unknown, options: object): void;
  addContentTypes(zip: PartSink, model: unknown): Promise<void>;
  addOfficeRels(zip: PartSink, model: unknown): Promise<void>;
  addWorkbookRels(zip: PartSink, model: unknown): Promise<void>;
  addWorksheets(zip: PartSink, model: unknown): Promise<void>;
  addSharedStrings(zip: PartSink, model: unknown): Promise<void>;
  addDrawings(zip: PartSink, model: unknown): Promise<void>;
  addTables(zip: PartSink, model: unknown): Promise<void>;
  addThemes(zip: PartSink, model: unknown): Promise<void>;
  addStyles(zip: PartSink, model: unknown): Promise<void>;
  addMedia(zip: PartSink, model: unknown): Promise<void>;
  addApp(zip: PartSink, model: unknown): Promise<void>;
  addCore(zip: PartSink, model: unknown): Promise<void>;
  addWorkbook(zip: PartSink, model: unknown): Promise<void>;
}

interface PartSink {
  append(data: string | Uint8Array | ArrayBuffer, options: { name: string; base64?: boolean }): void;
}

const STEPS: (keyof XlsxSteps)[] = [
  "prepareModel",
  "addContentTypes",
  "addOfficeRels",
  "addWorkbookRels",
  "addWorksheets",
  "addSharedStrings",
  "addDrawings",
  "addTables",
  "addThemes",
  "addStyles",
  "addMedia",
  "addApp",
  "addCore",
  "addWorkbook",
];

/**
 * The package parts ExcelJS renders, in its order, without zipping them: the steps of its
 * `xlsx.write` (ExcelJS 4.4), given a sink for parts in place of its jszip writer. Null when this
 * ExcelJS has other steps; the caller then lets ExcelJS write.
 */
async function renderParts(workbook: ExcelJS.Workbook): Promise<{ name: string; data: Uint8Array }[] | null> {
  const xlsx = workbook.xlsx as unknown as XlsxSteps;
  if (STEPS.some((k) => typeof xlsx[k] !== "function")) return null;
  const enc = new TextEncoder();
  const parts: { name: string; data: Uint8Array }[] = [];
  const zip: PartSink = {
    append(data, options) {
      const bytes =
        typeof data === "string"
          ? options.base64
            ? Uint8Array.from(atob(data), (c) => c.charCodeAt(0))
            : enc.encode(data)
          : data instanceof Uint8Array
            ? data
            : new Uint8Array(data);
      parts.push({ name: options.name, data: bytes });
    },
  };
  const model = workbook.model;
  const options = {};
  xlsx.prepareModel(model, options);
  await xlsx.addContentTypes(zip, model);
  await xlsx.addOfficeRels(zip, model);
  await xlsx.addWorkbookRels(zip, model);
  await xlsx.addWorksheets(zip, model);
  await xlsx.addSharedStrings(zip, model);
  await xlsx.addDrawings(zip, model);
  await xlsx.addTables(zip, model);
  await Promise.all([xlsx.addThemes(zip, model), xlsx.addStyles(zip, model)]);
  await xlsx.addMedia(zip, model);
  await Promise.all([xlsx.addApp(zip, model), xlsx.addCore(zip, model)]);
  await xlsx.addWorkbook(zip, model);
  return parts;
}

/**
 * One style object per look. ExcelJS caches a style's id by object when writing, so cells sharing
 * objects write fast. Shared objects are never changed in place: every change assigns a new one.
 */
class StyleInterner {
  private readonly byKey = new Map<string, Partial<ExcelJS.Style>>();

  intern(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
    const key = JSON.stringify(style);
    const known = this.byKey.get(key);
    if (known) return known;
    this.byKey.set(key, style);
    return style;
  }
}

/**
 * Turns a style into a function that applies it to a cell, the parts built once per change. A cell's
 * style object is replaced, never changed in place: ExcelJS shares a merge master's style object with
 * the cells the merge covers, and cells read from a file share theirs.
 */
function styleApplier(s: CellStyle, interner: StyleInterner): (cell: ExcelJS.Cell) => void {
  const font: Partial<ExcelJS.Font> = {
    ...(s.bold !== undefined ? { bold: s.bold } : {}),
    ...(s.fontColor ? { color: { argb: argb(s.fontColor) } } : {}),
    ...(s.fontName ? { name: s.fontName } : {}),
    ...(s.fontSize ? { size: s.fontSize } : {}),
    ...(s.underline !== undefined ? { underline: s.underline } : {}),
  };
  const hasFont = Object.keys(font).length > 0;
  const alignment: Partial<ExcelJS.Alignment> = {
    ...(s.wrap !== undefined ? { wrapText: s.wrap } : {}),
    ...(s.horizontal ? { horizontal: s.horizontal } : {}),
    ...(s.vertical ? { vertical: s.vertical } : {}),
  };
  const hasAlignment = Object.keys(alignment).length > 0;
  const fill: ExcelJS.Fill | undefined = s.fill
    ? { type: "pattern", pattern: "solid", fgColor: { argb: argb(s.fill) } }
    : undefined;
  const edge = { style: s.borderStyle ?? ("thin" as const), color: { argb: "FF000000" } };
  const border: Partial<ExcelJS.Borders> | undefined = s.border
    ? { top: edge, left: edge, bottom: edge, right: edge }
    : undefined;
  const compute = (old: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> => {
    const next: Partial<ExcelJS.Style> = { ...old };
    if (s.numberFormat !== undefined) next.numFmt = s.numberFormat;
    if (hasFont) next.font = old.font ? { ...old.font, ...font } : font;
    if (hasAlignment) next.alignment = old.alignment ? { ...old.alignment, ...alignment } : alignment;
    if (fill) next.fill = fill;
    if (border) next.border = border;
    return interner.intern(next);
  };
  // The result for each earlier style object, and for an unstyled cell (each has its own empty object).
  const memo = new WeakMap<object, Partial<ExcelJS.Style>>();
  let fromEmpty: Partial<ExcelJS.Style> | undefined;
  return (cell) => {
    const old = cell.style ?? {};
    let next: Partial<ExcelJS.Style> | undefined;
    if (isEmptyObject(old)) next = fromEmpty ??= compute(old);
    else {
      next = memo.get(old);
      if (!next) memo.set(old, (next = compute(old)));
    }
    cell.style = next;
  };
}

function isEmptyObject(o: object): boolean {
  for (const _key in o) return false;
  return true;
}

function formulaValue(formula: string, result: CellValue): ExcelJS.CellFormulaValue {
  return {
    formula: formula.replace(/^=/, ""),
    ...(result === null ? {} : { result }),
  } as ExcelJS.CellFormulaValue;
}

/** A string literal in a formula. */
function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function quoteSheetAlways(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

const PAPER_SIZE: Record<PageSetup["paper"], number> = { A4: 9, A3: 8 };

function applyPageSetup(ws: ExcelJS.Worksheet, p: PageSetup): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: PAPER_SIZE[p.paper] as ExcelJS.PageSetup["paperSize"],
    orientation: p.orientation,
    ...(p.fitToWidth !== undefined
      ? { fitToPage: true, fitToWidth: p.fitToWidth, fitToHeight: p.fitToHeight ?? 0, scale: 100 }
      : { fitToPage: false }),
    ...(p.printTitleRows ? { printTitlesRow: p.printTitleRows } : {}),
    ...(p.printArea ? { printArea: p.printArea } : {}),
    ...(p.margins ? { margins: p.margins } : {}),
    ...(p.centerHorizontally !== undefined ? { horizontalCentered: p.centerHorizontally } : {}),
  };
  if (p.footer !== undefined) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${p.footer}` };
}

/** ExcelJS keeps validations by address or range but leaves them out of its typings. */
function validationsOf(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } })
    .dataValidations;
}

function exceljsValidation(v: DataValidation): ExcelJS.DataValidation {
  const formula = Array.isArray(v.source) ? formulaString(v.source.join(",")) : v.source.formula.replace(/^=/, "");
  return {
    type: "list",
    formulae: [formula],
    allowBlank: v.allowBlank,
    showErrorMessage: v.strict,
    ...(v.strict ? { errorStyle: "stop", errorTitle: "输入无效", error: "请从下拉列表中选择" } : {}),
    ...(v.prompt ? { showInputMessage: true, promptTitle: v.prompt.title, prompt: v.prompt.message } : {}),
  };
}

/** `#RRGGBB` → `FFRRGGBB`. */
function argb(color: string): string {
  const hex = color.replace(/^#/, "").toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/** A cell's fill and note as the port describes them; fills other than patterns travel as `raw` JSON. */
function lookOf(cell: ExcelJS.Cell): CellLook {
  const f = cell.style?.fill;
  let fill: Fill | null = null;
  if (f && f.type === "pattern" && f.pattern !== "none") {
    fill = {
      pattern: f.pattern,
      ...(f.fgColor?.argb ? { fgColor: f.fgColor.argb } : {}),
      ...(f.bgColor?.argb ? { bgColor: f.bgColor.argb } : {}),
    };
    if (f.fgColor?.theme !== undefined || f.bgColor?.theme !== undefined) fill.raw = JSON.stringify(f);
  } else if (f && f.type === "gradient") {
    fill = { pattern: "gradient", raw: JSON.stringify(f) };
  }
  const n = cell.note;
  if (n === undefined || n === null) return { fill, note: null };
  if (typeof n === "string") return { fill, note: n };
  return { fill, note: (n.texts ?? []).map((t) => t.text).join(""), noteRaw: JSON.stringify(n) };
}

function setLook(cell: ExcelJS.Cell, look: CellLook): void {
  // A fresh style object: cells read from a file may share one, and a mark must touch one cell only.
  const style: Partial<ExcelJS.Style> = { ...cell.style };
  if (look.fill === null) delete style.fill;
  else if (look.fill.raw) style.fill = JSON.parse(look.fill.raw) as ExcelJS.Fill;
  else
    style.fill = {
      type: "pattern",
      pattern: look.fill.pattern as ExcelJS.FillPatterns,
      ...(look.fill.fgColor ? { fgColor: { argb: look.fill.fgColor } } : {}),
      ...(look.fill.bgColor ? { bgColor: { argb: look.fill.bgColor } } : {}),
    };
  cell.style = style;
  // ExcelJS has no way to remove a note: drop the cell's comment object, and the copy of it that
  // its value model keeps (put there on load and on every write).
  if (look.note === null) {
    const internals = cell as unknown as { _comment?: unknown; _value?: { model?: { comment?: unknown } } };
    internals._comment = undefined;
    if (internals._value?.model) delete internals._value.model.comment;
  } else cell.note = look.noteRaw ? (JSON.parse(look.noteRaw) as ExcelJS.Comment) : look.note;
}
