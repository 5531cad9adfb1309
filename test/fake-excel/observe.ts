/**
 * What a person (or Office.js) can observe of the fake workbook, as plain data to compare: sheets in
 * order with their visibility, every non-empty cell's value, formula, number format and formatting
 * (as `getCellProperties` reports it, defaults included, so "no fill" and "fill cleared" compare
 * equal), merges, sizes, notes, validation, layout, frozen panes, charts, and the workbook's names.
 * Display text is left out: Excel derives it from the value and the number format.
 */
import { cellAddress } from "../../src/core/address";
import { MAX_COLS } from "./model";
import { DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, cellProperties } from "./proxies";
import type { FakeExcel } from "./index";

export interface ObservedCell {
  value: string | number | boolean;
  formula: string | null;
  numberFormat: string;
  quotePrefix: boolean;
  format: unknown;
}

export interface ObservedSheet {
  name: string;
  visibility: string;
  cells: Record<string, ObservedCell>;
  merges: string[];
  columnWidths: [number, number][];
  rowHeights: [number, number][];
  notes: [string, string][];
  validations: unknown[];
  pageLayout: unknown;
  freeze: unknown;
  charts: unknown[];
}

export interface Observed {
  sheets: ObservedSheet[];
  names: { name: string; formula: string }[];
}

const DEFAULT_FORMAT = JSON.stringify(cellProperties({}).format);

export function observe(fake: FakeExcel): Observed {
  return {
    sheets: fake.liveSheets().map((s) => {
      const cells: Record<string, ObservedCell> = {};
      const keys = [...s.cells.keys()].sort((a, b) => a - b);
      for (const k of keys) {
        const c = s.cells.get(k)!;
        const format = JSON.stringify(cellProperties(c.format).format);
        const numberFormat = c.format.numberFormat ?? "General";
        const quotePrefix = c.format.quotePrefix === true;
        if (
          c.value === "" &&
          c.formula === undefined &&
          numberFormat === "General" &&
          format === DEFAULT_FORMAT &&
          !quotePrefix
        )
          continue;
        const row = Math.floor(k / MAX_COLS) + 1;
        const col = (k % MAX_COLS) + 1;
        cells[cellAddress(row, col)] = {
          value: c.value,
          formula: c.formula ?? null,
          numberFormat,
          quotePrefix,
          format: JSON.parse(format) as unknown,
        };
      }
      return {
        name: s.name,
        visibility: s.visibility,
        cells,
        merges: s.merges.map((m) => `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`).sort(),
        columnWidths: [...s.columnWidths].filter(([, w]) => w !== DEFAULT_COLUMN_WIDTH).sort((a, b) => a[0] - b[0]),
        rowHeights: [...s.rowHeights].filter(([, h]) => h !== DEFAULT_ROW_HEIGHT).sort((a, b) => a[0] - b[0]),
        notes: [...s.notes].sort((a, b) => a[0].localeCompare(b[0])),
        validations: s.validations.filter((v) => v.rule !== null),
        pageLayout: { ...s.pageLayout },
        freeze: s.freeze,
        charts: s.charts.map((c) => ({ ...c })),
      };
    }),
    names: [...fake.names.values()].map((n) => ({ ...n })).sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The cells (`Sheet!A1`) where an observation differs from the expected one, for a readable failure. */
export function cellDifferences(a: Observed, b: Observed): string[] {
  const out: string[] = [];
  const names = new Set([...a.sheets.map((s) => s.name), ...b.sheets.map((s) => s.name)]);
  for (const name of names) {
    const sa = a.sheets.find((s) => s.name === name);
    const sb = b.sheets.find((s) => s.name === name);
    if (!sa || !sb) {
      out.push(`${name} (${sa ? "not expected" : "missing"})`);
      continue;
    }
    const addrs = new Set([...Object.keys(sa.cells), ...Object.keys(sb.cells)]);
    for (const addr of addrs)
      if (JSON.stringify(sa.cells[addr]) !== JSON.stringify(sb.cells[addr])) out.push(`${name}!${addr}`);
  }
  return out;
}
