/**
 * ExcelJS renders a sheet's rows through a general XML builder: a dozen small strings per cell,
 * every attribute escaped on its own, all joined at the end. A big workbook has a million cells, and
 * that building and joining is a large share of a save. This renders a row whose cells are all of
 * the common kinds (empty but styled, merged, numbers, dates, booleans, shared strings, formulas with
 * a number, date, text or no result) as one string, character for character what ExcelJS writes; a
 * row with any other cell (inline rich text, errors, array formulas…) goes ExcelJS's own way.
 *
 * Node only: it reaches into ExcelJS's modules (the browser build is one bundle), so the CLI
 * installs it and the web page saves with ExcelJS as shipped.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- ExcelJS's internal modules have no typings or exports */
import { patchMethod, withOriginal, type MethodPatch } from "./method-patch";

interface XmlStream {
  writeXml(xml: string): void;
}

export interface RowModel {
  number: number;
  height?: number;
  hidden?: boolean;
  min?: number;
  max?: number;
  styleId?: number;
  outlineLevel?: number;
  collapsed?: boolean;
  cells: CellModel[];
}

export interface CellModel {
  type: number;
  address: string;
  styleId?: number;
  value?: unknown;
  ssId?: number;
  formula?: string | null;
  result?: unknown;
  shareType?: string;
  ref?: string;
  range?: { range: string };
  si?: number;
  date1904?: boolean;
}

type RowRender = (this: unknown, xmlStream: XmlStream, model: RowModel, options: unknown) => void;

/** ExcelJS's value types (lib/doc/enums.js). */
const NULL = 0;
const MERGE = 1;
const NUMBER = 2;
const STRING = 3;
const DATE = 4;
const FORMULA = 6;
const RICH_TEXT = 8;
const BOOLEAN = 9;

let installed: MethodPatch | null = null;

/** ExcelJS's escaping of text in XML and its date serials (the same functions, so the same output). */
let xmlEncode: (text: string) => string = (t) => t;
let dateToExcel: (d: Date, date1904?: boolean) => number = () => NaN;

function attr(name: string, value: unknown): string {
  return ` ${name}="${xmlEncode(String(value))}"`;
}

/** A number's attribute or text: ExcelJS escapes it too, but a number's text has nothing to escape. */
function num(value: number): string {
  return String(value);
}

/** `<f …>formula</f>` as ExcelJS's `leafNode('f', attrs, formula)` writes it; null when not this kind. */
function formulaNode(c: CellModel): string | null {
  let attrs = "";
  switch (c.shareType) {
    case "shared": {
      const ref = c.ref || c.range?.range;
      if (ref === undefined) return null;
      attrs = ' t="shared"' + attr("ref", ref) + (c.si !== undefined ? attr("si", c.si) : "");
      break;
    }
    case "array":
      return null;
    default:
      if (c.si !== undefined) attrs = ' t="shared"' + attr("si", c.si);
  }
  if (c.formula === null) return null;
  return c.formula === undefined ? `<f${attrs}/>` : `<f${attrs}>${xmlEncode(String(c.formula))}</f>`;
}

/** A cell as ExcelJS's CellXform renders it: "" when it writes nothing, null when not a common kind. */
function cellXml(c: CellModel): string | null {
  if (c.type === NULL && !c.styleId) return "";
  if (typeof c.address !== "string") return null;
  // An address (`AB12`) and a style id have nothing to escape.
  const head = c.styleId ? `<c r="${c.address}" s="${num(c.styleId)}"` : `<c r="${c.address}"`;
  switch (c.type) {
    case NULL:
    case MERGE:
      return head + "/>";
    case NUMBER:
      return typeof c.value === "number" ? `${head}><v>${num(c.value)}</v></c>` : null;
    case DATE:
      return c.value instanceof Date ? `${head}><v>${num(dateToExcel(c.value, c.date1904))}</v></c>` : null;
    case BOOLEAN:
      return `${head} t="b"><v>${c.value ? "1" : "0"}</v></c>`;
    case STRING:
    case RICH_TEXT:
      return typeof c.ssId === "number" ? `${head} t="s"><v>${num(c.ssId)}</v></c>` : null;
    case FORMULA: {
      const f = formulaNode(c);
      if (f === null) return null;
      const r = c.result;
      if (r === null || r === undefined) return `${head}>${f}</c>`;
      if (typeof r === "string") return `${head} t="str">${f}<v>${xmlEncode(r)}</v></c>`;
      if (typeof r === "number") return `${head}>${f}<v>${num(r)}</v></c>`;
      if (r instanceof Date) return `${head}>${f}<v>${num(dateToExcel(r, c.date1904))}</v></c>`;
      return null;
    }
    default:
      return null;
  }
}

/** A row as ExcelJS's RowXform renders it (its cells prepared), or null when a cell is not a common kind. */
export function rowXml(m: RowModel): string | null {
  let open = `<row r="${num(m.number)}"`;
  if (m.height) open += attr("ht", m.height) + ' customHeight="1"';
  if (m.hidden) open += ' hidden="1"';
  if (m.min !== undefined && m.max !== undefined && m.min > 0 && m.max > 0 && m.min <= m.max)
    open += attr("spans", `${m.min}:${m.max}`);
  if (m.styleId) open += attr("s", m.styleId) + ' customFormat="1"';
  open += ' x14ac:dyDescent="0.25"';
  if (m.outlineLevel) open += attr("outlineLevel", m.outlineLevel);
  if (m.collapsed) open += ' collapsed="1"';
  let cells = "";
  for (const c of m.cells) {
    const x = cellXml(c);
    if (x === null) return null;
    cells += x;
  }
  return cells === "" ? open + "/>" : `${open}>${cells}</row>`;
}

/** Installs the row renderer on ExcelJS's row class (once; idempotent; no-op where ExcelJS differs). */
export function installFastRowRendering(): void {
  if (installed) return;
  let proto: { render: RowRender };
  try {
    const RowXform = require("exceljs/lib/xlsx/xform/sheet/row-xform") as { prototype: { render: RowRender } };
    const utils = require("exceljs/lib/utils/utils") as {
      xmlEncode?: typeof xmlEncode;
      dateToExcel?: typeof dateToExcel;
    };
    if (
      typeof RowXform?.prototype?.render !== "function" ||
      typeof utils.xmlEncode !== "function" ||
      typeof utils.dateToExcel !== "function"
    )
      return;
    proto = RowXform.prototype;
    xmlEncode = utils.xmlEncode;
    dateToExcel = utils.dateToExcel;
  } catch {
    return;
  }
  installed = patchMethod(
    proto,
    "render",
    (original) =>
      function (this: unknown, xmlStream, model, options) {
        const xml = rowXml(model);
        if (xml === null) original.call(this, xmlStream, model, options);
        else xmlStream.writeXml(xml);
      },
  );
}

export function fastRowRenderingInstalled(): boolean {
  return installed?.active === true;
}

/** Puts ExcelJS's own step back while `f` runs (benchmarks measure plain ExcelJS in one process). */
export function withPlainRowRendering<T>(f: () => Promise<T>): Promise<T> {
  return withOriginal(installed, f);
}
