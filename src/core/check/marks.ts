/**
 * Marks in the workbook itself: each finding's cells get a fill by severity and a note with the
 * message, plain .xlsx features every spreadsheet program shows. What a cell looked like before is
 * recorded, so checking again replaces the marks and clearing gives the earlier look back exactly.
 */
import type { CellLook, WorkbookChange } from "../../port/workbook";
import type { Finding, Severity } from "../rules/types";

/** Fill colours by severity: Excel's own "bad", "neutral" and a light blue. */
export const MARK_FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
export const SEVERITY_ZH: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Starts the add-in's part of a note, after whatever note the cell had. */
export const NOTE_HEADER = "【绩效目标表助手】";

export interface MarkRecord {
  sheet: string;
  cell: string;
  /** The look before the first mark. */
  original: CellLook;
  /** The look the mark gave; a cell that no longer looks so was changed by hand and is left alone. */
  applied: CellLook;
}

export function cellKey(sheet: string, cell: string): string {
  return `${sheet}\u0000${cell}`;
}

function sameLook(a: CellLook, b: CellLook): boolean {
  const fa = a.fill;
  const fb = b.fill;
  const sameFill =
    fa === null || fb === null
      ? fa === fb
      : fa.pattern === fb.pattern && (fa.fgColor ?? "") === (fb.fgColor ?? "") && (fa.raw ?? "") === (fb.raw ?? "");
  return sameFill && (a.note ?? "") === (b.note ?? "");
}

/** The findings grouped by the cells they mark. */
export function findingsByCell(findings: Finding[]): Map<string, { sheet: string; cell: string; findings: Finding[] }> {
  const out = new Map<string, { sheet: string; cell: string; findings: Finding[] }>();
  for (const f of findings) {
    for (const c of f.cells) {
      const k = cellKey(c.sheet, c.cell);
      let e = out.get(k);
      if (!e) out.set(k, (e = { sheet: c.sheet, cell: c.cell, findings: [] }));
      if (!e.findings.includes(f)) e.findings.push(f);
    }
  }
  return out;
}

/** The look a marked cell gets: the worst severity's fill, the messages appended to its own note. */
export function markLook(original: CellLook, findings: Finding[]): CellLook {
  const worst = findings.reduce<Severity>((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), "info");
  const lines = findings.map((f) => `[${SEVERITY_ZH[f.severity]}] ${f.message}（${f.rule}）`);
  const own = original.note ? `${original.note}\n` : "";
  return {
    fill: { pattern: "solid", fgColor: MARK_FILL[worst] },
    note: `${own}${NOTE_HEADER}\n${lines.join("\n")}`,
  };
}

export interface MarkPlan {
  changes: WorkbookChange[];
  records: MarkRecord[];
}

/**
 * Replaces the previous marks with marks for `findings`. `current` gives each cell's look now (for
 * the cells of both the previous and the new marks).
 */
export function planMarks(findings: Finding[], previous: MarkRecord[], current: Map<string, CellLook>): MarkPlan {
  const changes: WorkbookChange[] = [];
  const records: MarkRecord[] = [];
  const prevByKey = new Map(previous.map((m) => [cellKey(m.sheet, m.cell), m]));
  const wanted = findingsByCell(findings);
  // Cells marked last time: their original stands if the mark is still as we left it.
  const originals = new Map<string, CellLook>();
  for (const [k, m] of prevByKey) {
    const now = current.get(k);
    if (now && sameLook(now, m.applied)) originals.set(k, m.original);
    else if (now) originals.set(k, now);
    if (!wanted.has(k) && now && sameLook(now, m.applied))
      changes.push({ kind: "setLook", sheet: m.sheet, cell: m.cell, look: m.original });
  }
  for (const [k, w] of wanted) {
    const original = originals.get(k) ?? current.get(k) ?? { fill: null, note: null };
    const applied = markLook(original, w.findings);
    changes.push({ kind: "setLook", sheet: w.sheet, cell: w.cell, look: applied });
    records.push({ sheet: w.sheet, cell: w.cell, original, applied });
  }
  return { changes, records };
}

/** Gives every marked cell its earlier look back, unless it was changed by hand since. */
export function planClear(previous: MarkRecord[], current: Map<string, CellLook>): WorkbookChange[] {
  const changes: WorkbookChange[] = [];
  for (const m of previous) {
    const now = current.get(cellKey(m.sheet, m.cell));
    if (now && sameLook(now, m.applied))
      changes.push({ kind: "setLook", sheet: m.sheet, cell: m.cell, look: m.original });
  }
  return changes;
}
