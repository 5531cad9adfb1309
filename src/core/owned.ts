/**
 * Sheets the add-in made to present results (校验结果, 汇总表, 目录, 部门整体…), recorded in the
 * workbook so readers never take tables from them and commands replace only their own sheets.
 * Generated target sheets are not listed here: they are tables of record, read like any table.
 */
import type { SheetData, WorkbookChange } from "../port/workbook";
import { decodeStore, storeChanges, storeSheetName } from "./store";

export const OWNED_RECORD = "owned";

export type OwnedRole = "report" | "summary" | "toc" | "department" | "lists" | "ledger";

export interface OwnedSheet {
  name: string;
  role: OwnedRole;
}

interface OwnedRecord {
  sheets: OwnedSheet[];
}

export function ownedSheets(sheets: SheetData[]): OwnedSheet[] {
  const rec = decodeStore<OwnedRecord>(OWNED_RECORD, sheets);
  const present = new Set(sheets.map((s) => s.name));
  return (rec?.sheets ?? []).filter((s) => present.has(s.name));
}

/** The owned sheet of a role, if the workbook has one. */
export function ownedSheet(sheets: SheetData[], role: OwnedRole): string | null {
  return ownedSheets(sheets).find((s) => s.role === role)?.name ?? null;
}

/**
 * A free name for a new sheet of the add-in's: `preferred` unless a sheet the add-in did not make
 * has it, then `preferred（2）`…
 */
export function freeSheetName(sheets: SheetData[], preferred: string, role: OwnedRole): string {
  const mine = ownedSheet(sheets, role);
  if (mine) return mine;
  const taken = new Set(sheets.map((s) => s.name));
  if (!taken.has(preferred)) return preferred;
  for (let i = 2; ; i++) if (!taken.has(`${preferred}（${i}）`)) return `${preferred}（${i}）`;
}

/** The changes that record `name` as the add-in's sheet of `role` (replacing that role's entry). */
export function ownChanges(sheets: SheetData[], entries: OwnedSheet[], drop: OwnedRole[] = []): WorkbookChange[] {
  const current = ownedSheets(sheets).filter(
    (s) => !drop.includes(s.role) && !entries.some((e) => e.role === s.role || e.name === s.name),
  );
  const exists = sheets.some((s) => s.name === storeSheetName(OWNED_RECORD));
  return storeChanges(OWNED_RECORD, { sheets: [...current, ...entries] } satisfies OwnedRecord, exists);
}
