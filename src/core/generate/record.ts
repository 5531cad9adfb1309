/**
 * The `generated` record (a very hidden sheet `_ptsheet_generated`, see `../store`): for each
 * generated target sheet, the table it was made from (sheet, range, code, name), a digest of what was
 * written and where its fields stand.
 *
 * A generated sheet is the table of record: readers mark its table as layout `generated` and leave
 * out the source table it was made from, so no table counts twice. The other sheets the add-in makes
 * (目录, 汇总表, 部门整体, exported lists) are recorded in the `owned` record (`../owned`), which
 * readers skip; the dropdown lists sheet is internal (`_ptsheet_…`).
 */
import type { SheetData, WorkbookChange } from "../../port/workbook";
import type { Layout, ReadResult, TargetTable } from "../model";
import type { ProfileId } from "../rules/types";
import { decodeStore, storeChanges, storeSheetName } from "../store";
import type { TableSheetLayout } from "./table-sheet";

export const GENERATED_RECORD = "generated";
export const GENERATED_SHEET = storeSheetName(GENERATED_RECORD);

export interface GeneratedTableEntry {
  /** The generated sheet. */
  sheet: string;
  /** The table it was made from, as it stood then. */
  source: { sheet: string; range: string; layout: Layout; code: string | null; name: string };
  /** `contentDigest` of the table written. */
  digest: string;
  profile: ProfileId;
  layout: TableSheetLayout;
}

export interface GeneratedRecord {
  version: 1;
  tables: GeneratedTableEntry[];
}

export function emptyRecord(): GeneratedRecord {
  return { version: 1, tables: [] };
}

function isRecord(v: unknown): v is GeneratedRecord {
  if (v === null || typeof v !== "object") return false;
  const r = v as Partial<GeneratedRecord>;
  return r.version === 1 && Array.isArray(r.tables);
}

export function readGeneratedRecord(sheets: SheetData[]): GeneratedRecord | null {
  const r = decodeStore<unknown>(GENERATED_RECORD, sheets);
  return isRecord(r) ? r : null;
}

/**
 * The writes that store the record. Excel refuses to delete a very hidden sheet, so an existing
 * record sheet is made merely hidden first.
 */
export function recordChanges(record: GeneratedRecord, exists: boolean): WorkbookChange[] {
  return [
    ...(exists ? [{ kind: "setSheetVisibility" as const, sheet: GENERATED_SHEET, visibility: "hidden" as const }] : []),
    ...storeChanges(GENERATED_RECORD, record, exists),
  ];
}

/** What the readers need to know of the record. */
export interface GeneratedSheets {
  record: GeneratedRecord | null;
  /** Generated target sheets (present in the workbook). */
  tableSheets: Set<string>;
}

export function generatedSheets(sheets: SheetData[]): GeneratedSheets {
  const record = readGeneratedRecord(sheets);
  const present = new Set(sheets.map((s) => s.name));
  const tableSheets = new Set((record?.tables ?? []).map((t) => t.sheet).filter((s) => present.has(s)));
  return { record, tableSheets };
}

export interface GeneratedPair {
  entry: GeneratedTableEntry;
  /** The table read from the generated sheet. */
  generated: TargetTable;
  /** The table it was made from, where it is still in the workbook. */
  source: TargetTable | null;
}

/**
 * Pairs every generated sheet that still yields a table with its source: on the recorded sheet, by
 * code (or by name where the table has no code), the recorded range first; failing that, by code on
 * any other sheet (a renamed source sheet).
 */
export function pairGenerated(tables: TargetTable[], record: GeneratedRecord | null): GeneratedPair[] {
  if (!record) return [];
  const generatedOn = new Set(record.tables.map((e) => e.sheet));
  const sources = tables.filter((t) => !generatedOn.has(t.sheet));
  const used = new Set<TargetTable>();
  const pairs: GeneratedPair[] = [];
  for (const entry of record.tables) {
    const generated = tables.find((t) => t.sheet === entry.sheet);
    if (!generated) continue;
    const s = entry.source;
    const same = (t: TargetTable): boolean => (s.code !== null ? t.code === s.code : t.name === s.name);
    const candidates = sources.filter((t) => !used.has(t) && t.sheet === s.sheet && same(t));
    let source: TargetTable | null = candidates.find((t) => t.range === s.range) ?? candidates[0] ?? null;
    if (!source && s.code !== null) source = sources.find((t) => !used.has(t) && t.code === s.code) ?? null;
    if (source) used.add(source);
    pairs.push({ entry, generated, source });
  }
  return pairs;
}

/**
 * Settles a read: tables on generated sheets become layout `generated`, and the tables they were
 * made from are left out (kept, paired, with `keepSources`).
 */
export function settleGenerated(result: ReadResult, g: GeneratedSheets, keepSources = false): ReadResult {
  if (g.tableSheets.size === 0) return result;
  const tables = result.tables.map((t) => (g.tableSheets.has(t.sheet) ? { ...t, layout: "generated" as const } : t));
  if (keepSources) return { ...result, tables };
  const consumed = new Set<TargetTable | null>(pairGenerated(tables, g.record).map((p) => p.source));
  return { ...result, tables: tables.filter((t) => !consumed.has(t)) };
}
