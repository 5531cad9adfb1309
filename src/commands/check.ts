/**
 * `check`: validates every table by the rule catalogue and puts the result into the workbook — marks
 * on the offending cells, a 校验结果 sheet first, and a record of what was checked (a digest per
 * table) so a later check says which tables changed. Also clearing the marks and applying fixes.
 * Every front end calls these over the workbook port.
 */
import type { CellLook, SheetData, WorkbookChange, WorkbookPort, WorkbookSnapshot } from "../port/workbook";
import type { ReadResult, TargetTable } from "../core/model";
import type { Finding, FixEdit, ProfileChoice, ProfileId } from "../core/rules/types";
import { readWorkbook } from "../core/reader";
import { checkTables } from "../core/rules";
import { readSettings } from "../core/settings";
import { decodeStore, storeChanges, storeSheetName } from "../core/store";
import { freeSheetName, ownChanges, ownedSheet } from "../core/owned";
import { cellKey, planClear, planMarks, type MarkRecord } from "../core/check/marks";
import { REPORT_SHEET, reportChanges, verdictOf, type Verdict } from "../core/check/report";
import { inspectJson } from "./inspect";
import { parseCell } from "../core/address";
import { decimalFromNumber, decimalFromText } from "../core/decimal";
import { toHalfWidth } from "../core/text";

export const CHECK_RECORD = "check";

/** What the workbook keeps of the last check. */
export interface CheckRecord {
  checkedAt: string;
  profile: string;
  tables: { key: string; digest: string }[];
  findings: { table: string; rule: string; severity: Finding["severity"]; sheet: string; cell: string }[];
  marks: MarkRecord[];
}

export interface CheckOptions {
  profile?: ProfileChoice;
  year?: number;
  now?: Date;
  /**
   * The tables as the core reader reads this snapshot, when the caller has them already (`all` reads
   * once after `generate`); absent, they are read here. Only for the same tables: a caller that
   * changed cells the reader reads since must leave it out.
   */
  read?: ReadResult;
}

export interface CheckOutcome {
  read: ReadResult;
  findings: Finding[];
  profileChoice: ProfileChoice;
  profileByTable: ProfileId[];
  verdict: Verdict;
  /** Tables whose content changed since the last check (by key), or null when there was none. */
  changed: string[] | null;
  /** The writes that put marks, the report sheet and the record into the workbook. */
  changes: WorkbookChange[];
}

/** A table's key in records: its code, or its name. */
export function tableKey(t: TargetTable): string {
  return t.code ?? t.name;
}

/** A short stable hash (cyrb53) of a string, as hex: enough to tell a changed table. */
export function digest(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}

/** Digests of what a check looks at: every field of every table, not where it stands. */
export function tableDigests(read: ReadResult): { key: string; digest: string }[] {
  const json = inspectJson(read).tables;
  return read.tables.map((t, i) => {
    const { range: _range, ...content } = json[i];
    return { key: tableKey(t), digest: digest(JSON.stringify(content)) };
  });
}

/** Which tables changed since a record (added, removed or edited), by key. */
export function changedSince(record: CheckRecord | null, now: { key: string; digest: string }[]): string[] | null {
  if (!record) return null;
  const before = new Map(record.tables.map((t) => [t.key, t.digest]));
  const after = new Map(now.map((t) => [t.key, t.digest]));
  const changed: string[] = [];
  for (const [k, d] of after) if (before.get(k) !== d) changed.push(k);
  for (const k of before.keys()) if (!after.has(k)) changed.push(k);
  return changed;
}

export function lastCheck(sheets: SheetData[]): CheckRecord | null {
  return decodeStore<CheckRecord>(CHECK_RECORD, sheets);
}

function localTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

function hasSheet(sheets: SheetData[], name: string): boolean {
  return sheets.some((s) => s.name === name);
}

/** Checks the workbook and plans every write; nothing is written until `apply`. */
export async function planCheck(port: WorkbookPort, options: CheckOptions = {}): Promise<CheckOutcome> {
  const snapshot = await port.read();
  return planCheckOn(port, snapshot, options);
}

export async function planCheckOn(
  port: WorkbookPort,
  snapshot: WorkbookSnapshot,
  options: CheckOptions = {},
): Promise<CheckOutcome> {
  const sheets = snapshot.sheets;
  const settings = readSettings(sheets).settings;
  const profileChoice: ProfileChoice = options.profile ?? settings.profile;
  const year = options.year ?? settings.budgetYear ?? undefined;
  const read = options.read ?? readWorkbook(snapshot);
  const result = checkTables(read.tables, { profile: profileChoice, ...(year ? { year } : {}) });
  const previous = lastCheck(sheets);
  const digests = tableDigests(read);
  const changed = changedSince(previous, digests);

  // The looks of every cell marked before or to be marked now, read in one batch.
  const refs = new Map<string, { sheet: string; cell: string }>();
  for (const m of previous?.marks ?? []) refs.set(cellKey(m.sheet, m.cell), { sheet: m.sheet, cell: m.cell });
  for (const f of result.findings) for (const c of f.cells) refs.set(cellKey(c.sheet, c.cell), c);
  const present = new Set(sheets.map((s) => s.name));
  const wanted = [...refs.values()].filter((r) => present.has(r.sheet));
  const looks = await port.readLooks(wanted);
  const current = new Map<string, CellLook>(wanted.map((r, i) => [cellKey(r.sheet, r.cell), looks[i]]));
  const marks = planMarks(result.findings, previous?.marks ?? [], current);

  const now = options.now ?? new Date();
  const reportSheet = freeSheetName(sheets, REPORT_SHEET, "report");
  const record: CheckRecord = {
    checkedAt: now.toISOString(),
    profile: profileChoice,
    tables: digests,
    findings: result.findings.map((f) => ({
      table: f.table,
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
    })),
    marks: marks.records,
  };
  const changes: WorkbookChange[] = [
    ...marks.changes,
    ...(hasSheet(sheets, reportSheet) ? [{ kind: "deleteSheet" as const, sheet: reportSheet }] : []),
    ...reportChanges({
      sheet: reportSheet,
      findings: result.findings,
      tableCount: read.tables.length,
      profileChoice,
      profileByTable: result.profileByTable,
      time: localTime(now),
      changed,
      tableNames: read.tables.map((t) => t.name),
    }),
    ...ownChanges(sheets, [{ name: reportSheet, role: "report" }]),
    ...storeChanges(CHECK_RECORD, record, hasSheet(sheets, storeSheetName(CHECK_RECORD))),
  ];
  return {
    read,
    findings: result.findings,
    profileChoice,
    profileByTable: result.profileByTable,
    verdict: verdictOf(result.findings),
    changed,
    changes,
  };
}

/** Plans 清除标记: every marked cell back to its earlier look, the report sheet removed. */
export async function planClearMarks(port: WorkbookPort): Promise<{ changes: WorkbookChange[]; cleared: number }> {
  const { sheets } = await port.read();
  const previous = lastCheck(sheets);
  if (!previous) return { changes: [], cleared: 0 };
  const present = new Set(sheets.map((s) => s.name));
  const refs = previous.marks.filter((m) => present.has(m.sheet)).map((m) => ({ sheet: m.sheet, cell: m.cell }));
  const looks = await port.readLooks(refs);
  const current = new Map(refs.map((r, i) => [cellKey(r.sheet, r.cell), looks[i]]));
  const restore = planClear(previous.marks, current);
  const report = ownedSheet(sheets, "report");
  const changes: WorkbookChange[] = [
    ...restore,
    ...(report ? [{ kind: "deleteSheet" as const, sheet: report }] : []),
    ...ownChanges(sheets, [], ["report"]),
    ...storeChanges(CHECK_RECORD, { ...previous, marks: [] } satisfies CheckRecord, true),
  ];
  return { changes, cleared: restore.length };
}

/** Whether a fix edit still applies to what the cell holds now. */
function editApplies(e: FixEdit, value: unknown, text: string): boolean {
  if (e.kind === "text") return text.includes(String(e.from));
  const want = typeof e.from === "number" ? decimalFromNumber(e.from) : decimalFromText(toHalfWidth(String(e.from)));
  const have =
    typeof value === "number" ? decimalFromNumber(value) : decimalFromText(toHalfWidth(text).replace(/[万元]+$/, ""));
  return want !== null && want === have;
}

/**
 * The writes that apply the fixes of the given findings, each edit only where the cell still holds
 * what the fix expects; a text edit replaces every occurrence.
 */
export function fixChanges(
  findings: Finding[],
  snapshot: WorkbookSnapshot,
): { changes: WorkbookChange[]; applied: number; skipped: number } {
  const bySheet = new Map(snapshot.sheets.map((s) => [s.name, s]));
  const changes: WorkbookChange[] = [];
  const pending = new Map<string, { sheet: string; cell: string; value: unknown; text: string }>();
  let applied = 0;
  let skipped = 0;
  for (const f of findings) {
    for (const e of f.fix?.edits ?? []) {
      const k = cellKey(e.sheet, e.cell);
      const s = bySheet.get(e.sheet);
      let cur = pending.get(k);
      if (!cur) {
        const { row, col } = parseCell(e.cell);
        const v = s?.values[row - s.top]?.[col - s.left] ?? null;
        const t = s?.texts[row - s.top]?.[col - s.left] ?? "";
        cur = { sheet: e.sheet, cell: e.cell, value: v, text: typeof v === "string" ? v : t };
      }
      if (!s || !editApplies(e, cur.value, cur.text)) {
        skipped++;
        continue;
      }
      const next = e.kind === "text" ? cur.text.split(String(e.from)).join(String(e.to)) : e.to;
      pending.set(k, { ...cur, value: next, text: String(next) });
      applied++;
    }
  }
  for (const p of pending.values()) {
    changes.push({ kind: "setValues", sheet: p.sheet, anchor: p.cell, values: [[p.value as string | number]] });
  }
  return { changes, applied, skipped };
}
