/** Cell addresses as the validator reports them: `{sheet, cell}` pairs, sheet-local addresses. */
import type { TargetTable } from "../model";
import { cellAddress, parseRange, quoteSheet } from "../address";
import type { CellRef } from "./types";

/**
 * Splits an address that may be sheet-qualified (`指标清单!F5`, `'My sheet'!F5`) into a pair;
 * an unqualified address is on `defaultSheet` (the table's own cells are sheet-local).
 */
export function splitAddress(address: string, defaultSheet: string): CellRef {
  const i = address.lastIndexOf("!");
  if (i < 0) return { sheet: defaultSheet, cell: address.replace(/\$/g, "") };
  let sheet = address.slice(0, i);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cell: address.slice(i + 1).replace(/\$/g, "") };
}

/** The table's first (top-left) cell: where table-level findings are marked. */
export function tableFirstCell(t: TargetTable): string {
  const r = parseRange(t.range);
  return cellAddress(r.top, r.left);
}

/** How findings name a table: its code, or its name when it has none. */
export function tableLabel(t: TargetTable): string {
  return t.code ?? t.name;
}

/** The cells of a finding as strings: sheet-local on the finding's sheet, qualified elsewhere. */
export function cellsA1(sheet: string, cells: CellRef[]): string[] {
  return cells.map((c) => (c.sheet === sheet ? c.cell : `${quoteSheet(c.sheet)}!${c.cell}`));
}
