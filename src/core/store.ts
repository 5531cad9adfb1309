/**
 * Records the add-in keeps inside the workbook (settings, generated sheets, the last check, marks),
 * so whoever opens the file gets the same. Each record is JSON in a very hidden sheet named
 * `_ptsheet_<name>`, split over cells of column A because a cell holds at most 32,767 characters.
 */
import type { CellValue, SheetData, WorkbookChange } from "../port/workbook";

export const STORE_PREFIX = "_ptsheet_";
const CHUNK = 30_000;

export function storeSheetName(name: string): string {
  return `${STORE_PREFIX}${name}`;
}

/** The cells that hold a record: a header, then the JSON in chunks down column A. */
export function encodeStore(name: string, record: unknown): CellValue[][] {
  const json = JSON.stringify(record);
  const rows: CellValue[][] = [[`ptsheet:${name}:v1`]];
  for (let i = 0; i < json.length; i += CHUNK) rows.push([json.slice(i, i + CHUNK)]);
  return rows;
}

/** Reads a record back from its sheet, or null when the sheet is absent or not a record. */
export function decodeStore<T>(name: string, sheets: SheetData[]): T | null {
  const sheet = sheets.find((s) => s.name === storeSheetName(name));
  if (!sheet || sheet.values.length === 0) return null;
  const col = sheet.values.map((row) => row[0]);
  if (col[0] !== `ptsheet:${name}:v1`) return null;
  try {
    return JSON.parse(
      col
        .slice(1)
        .map((v) => (v == null ? "" : String(v)))
        .join(""),
    ) as T;
  } catch {
    return null;
  }
}

/**
 * The changes that write a record: the sheet is replaced whole (so a shorter record leaves no
 * stale chunks) and kept very hidden.
 */
export function storeChanges(name: string, record: unknown, exists: boolean): WorkbookChange[] {
  const sheet = storeSheetName(name);
  return [
    // Excel refuses to delete a very hidden sheet: make it merely hidden first.
    ...(exists
      ? [
          { kind: "setSheetVisibility" as const, sheet, visibility: "hidden" as const },
          { kind: "deleteSheet" as const, sheet },
        ]
      : []),
    { kind: "addSheet" as const, sheet },
    { kind: "setValues" as const, sheet, anchor: "A1", values: encodeStore(name, record) },
    { kind: "setSheetVisibility" as const, sheet, visibility: "veryHidden" as const },
  ];
}
