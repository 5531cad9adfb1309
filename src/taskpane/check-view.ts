/**
 * What the pane shows of a check, as plain data and pure functions (unit-tested without React or a
 * workbook): the findings grouped by table, the severity filter, which tables an edit touches, how a
 * re-check of some tables merges into the list, and the edits a fix would make.
 */
import type { TargetTable } from "../core/model";
import type { Finding, FixEdit, ProfileChoice, Severity } from "../core/rules/types";
import { parseCell } from "../core/address";
import type { Verdict } from "../core/check/report";

export type { Verdict };
export const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

/** A checked table as the pane needs it. */
export interface TableRef {
  /** The key of check records: the code, or the name when there is none. */
  key: string;
  name: string;
  code: string | null;
  sheet: string;
  range: string;
}

export interface CheckView {
  /** `tableIndex` of each finding refers to `tables`. */
  findings: Finding[];
  tables: TableRef[];
  profileChoice: ProfileChoice;
  /** ISO time of the check (or of the last re-check). */
  checkedAt: string;
  /** Whether the workbook holds marks and a 校验结果 sheet of this check (false after 清除标记). */
  marked: boolean;
  /** Keys of tables re-checked after edits or fixes, whose marks in the workbook are older than the list. */
  rechecked: string[];
  /** Tables changed between the previous check and this one (keys), or null when there was none. */
  changed: string[] | null;
}

export type SeverityFilter = Record<Severity, boolean>;
export const ALL_SEVERITIES: SeverityFilter = { error: true, warning: true, info: true };

export function tableRef(t: TargetTable): TableRef {
  return { key: t.code ?? t.name, name: t.name, code: t.code, sheet: t.sheet, range: t.range };
}

/*
 * `verdictOf` and `countsOf` are those of core/check/report.ts (a unit test holds them equal), kept
 * here so that the pane's initial JavaScript does not take in the report writer and, with it, the
 * check chunk's code.
 */
export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === "error")) return "有错误";
  if (findings.some((f) => f.severity === "warning")) return "有警告";
  return "通过";
}

export function countsOf(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export function toggleSeverity(filter: SeverityFilter, severity: Severity): SeverityFilter {
  return { ...filter, [severity]: !filter[severity] };
}

/** One table's findings as listed: `id` is the finding's index in `view.findings`. */
export interface FindingGroup {
  tableIndex: number;
  table: TableRef;
  /** Findings that pass the filter, in reading order. */
  items: { id: number; finding: Finding }[];
  /** All of the table's findings by severity (the filter does not change these). */
  counts: Record<Severity, number>;
}

/** The findings grouped by table, in table order; tables with nothing to show are left out. */
export function groupFindings(view: CheckView, filter: SeverityFilter): FindingGroup[] {
  const groups = new Map<number, FindingGroup>();
  view.findings.forEach((finding, id) => {
    let g = groups.get(finding.tableIndex);
    if (!g) {
      const table = view.tables[finding.tableIndex] ?? {
        key: finding.table,
        name: finding.table,
        code: null,
        sheet: finding.sheet,
        range: finding.cell,
      };
      g = { tableIndex: finding.tableIndex, table, items: [], counts: { error: 0, warning: 0, info: 0 } };
      groups.set(finding.tableIndex, g);
    }
    g.counts[finding.severity]++;
    if (filter[finding.severity]) g.items.push({ id, finding });
  });
  return [...groups.values()].filter((g) => g.items.length > 0).sort((a, b) => a.tableIndex - b.tableIndex);
}

/** A1, `A1:B2`, whole rows `3:5` and whole columns `B:D` as bounds (1-based, inclusive). */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Parses an address Excel reports for a change; null when it is not one. A sheet prefix is ignored. */
export function parseArea(address: string): Rect | null {
  const bare = (address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address).replace(/\$/g, "");
  const [a, b = a] = bare.trim().split(":");
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [p, q] = [Number(a), Number(b)];
    return { top: Math.min(p, q), bottom: Math.max(p, q), left: 1, right: MAX_COL };
  }
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const [p, q] = [colNumber(a), colNumber(b)];
    return { top: 1, bottom: MAX_ROW, left: Math.min(p, q), right: Math.max(p, q) };
  }
  try {
    const p = parseCell(a);
    const q = parseCell(b);
    return {
      top: Math.min(p.row, q.row),
      left: Math.min(p.col, q.col),
      bottom: Math.max(p.row, q.row),
      right: Math.max(p.col, q.col),
    };
  } catch {
    return null;
  }
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export interface EditRef {
  sheet: string;
  address: string;
}

/**
 * Rows below a table and columns right of it that still count as "in" it: a row typed under the
 * last indicator belongs to the table once it is read again.
 */
export const EDIT_MARGIN = { rows: 2, cols: 1 } as const;

/** Indices of the tables an edit falls in (or just below or right of, by `margin`). */
export function touchedTables(
  tables: TableRef[],
  edits: EditRef[],
  margin: { rows: number; cols: number } = EDIT_MARGIN,
): number[] {
  const out: number[] = [];
  tables.forEach((t, i) => {
    const area = parseArea(t.range);
    if (!area) return;
    const grown = { ...area, bottom: area.bottom + margin.rows, right: area.right + margin.cols };
    const hit = edits.some((e) => {
      if (e.sheet.toLowerCase() !== t.sheet.toLowerCase()) return false;
      const r = parseArea(e.address);
      return r !== null && overlaps(r, grown);
    });
    if (hit) out.push(i);
  });
  return out;
}

function identity(t: TableRef): string {
  return `${t.sheet.toLowerCase()}\u0000${t.key}`;
}

/** For each table of `next`, the index of the same table in `previous` (same sheet and key), or -1. */
export function matchTables(previous: TableRef[], next: TableRef[]): number[] {
  const queues = new Map<string, number[]>();
  previous.forEach((t, i) => {
    const k = identity(t);
    const q = queues.get(k);
    if (q) q.push(i);
    else queues.set(k, [i]);
  });
  return next.map((t) => queues.get(identity(t))?.shift() ?? -1);
}

/**
 * Which tables of a new read to check again after edits: those the edits touch (by where they are
 * now, or where the same table was before), and tables the view does not know yet.
 */
export function tablesToRecheck(view: CheckView, next: TableRef[], edits: EditRef[]): number[] {
  const match = matchTables(view.tables, next);
  const before = new Set(touchedTables(view.tables, edits));
  const now = new Set(touchedTables(next, edits));
  return next.map((_t, i) => i).filter((i) => now.has(i) || match[i] === -1 || before.has(match[i]));
}

/**
 * The view after some tables of a new read were checked again. `findings` are the re-checked tables'
 * findings with `tableIndex` already pointing into `next`; every other table keeps its findings from
 * `view`. Tables no longer read are dropped.
 */
export function mergeRecheck(
  view: CheckView,
  next: TableRef[],
  rechecked: number[],
  findings: Finding[],
  checkedAt: string,
): CheckView {
  const match = matchTables(view.tables, next);
  const redone = new Set(rechecked);
  const byOld = new Map<number, Finding[]>();
  for (const f of view.findings) {
    const list = byOld.get(f.tableIndex);
    if (list) list.push(f);
    else byOld.set(f.tableIndex, [f]);
  }
  const byNew = new Map<number, Finding[]>();
  for (const f of findings) {
    const list = byNew.get(f.tableIndex);
    if (list) list.push(f);
    else byNew.set(f.tableIndex, [f]);
  }
  const merged: Finding[] = [];
  next.forEach((_t, i) => {
    if (redone.has(i)) merged.push(...(byNew.get(i) ?? []));
    else if (match[i] >= 0) merged.push(...(byOld.get(match[i]) ?? []).map((f) => ({ ...f, tableIndex: i })));
  });
  const keys = new Set(view.rechecked);
  for (const i of rechecked) if (next[i]) keys.add(next[i].key);
  return {
    ...view,
    tables: next,
    findings: merged,
    checkedAt,
    rechecked: view.marked ? [...keys] : [],
  };
}

/** Findings of a partial check of `subset` (indices into the full table list) with indices remapped. */
export function remapFindings(findings: Finding[], subset: number[]): Finding[] {
  return findings.map((f) => ({ ...f, tableIndex: subset[f.tableIndex] ?? f.tableIndex }));
}

/** One edit of a fix, for the preview dialog. */
export interface FixPreviewLine {
  findingId: number;
  edit: FixEdit;
  description: string;
  descriptionEn: string;
}

/** The edits the fixes of the given findings (ids into `view.findings`) would make, in order. */
export function fixPreview(view: CheckView, ids: number[]): FixPreviewLine[] {
  const lines: FixPreviewLine[] = [];
  for (const id of ids) {
    const f = view.findings[id];
    if (!f?.fix) continue;
    for (const edit of f.fix.edits)
      lines.push({ findingId: id, edit, description: f.fix.description, descriptionEn: f.fix.descriptionEn });
  }
  return lines;
}

/** Ids of the findings that offer a fix, optionally only those passing a filter. */
export function fixableIds(view: CheckView, filter: SeverityFilter = ALL_SEVERITIES): number[] {
  const ids: number[] = [];
  view.findings.forEach((f, id) => {
    if (f.fix && f.fix.edits.length > 0 && filter[f.severity]) ids.push(id);
  });
  return ids;
}

/** What the pane says on opening a workbook that was checked before. */
export interface SinceLastCheck {
  checkedAt: string;
  /** Tables changed (added, edited or removed) since, by their names where known. */
  changed: string[];
}

/** Keys of changed tables as names (a table's key is its code, or its name). */
export function changedNames(keys: string[], tables: TableRef[]): string[] {
  return keys.map((k) => {
    const t = tables.find((x) => x.key === k);
    return t && t.name && t.name !== k ? t.name : k;
  });
}

/** `2026-05-01T02:30:00.000Z` → local `2026-05-01 10:30`. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number): string => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
