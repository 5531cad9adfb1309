/**
 * 校验, 清除标记, fixes and re-checks over the workbook port, step by step (the same in Excel and in
 * the page). Loaded on demand as the `check` chunk, so the rule catalogue is not in the pane's
 * initial JavaScript. Nothing is written before `ctx.commit()`: a cancel until then leaves the
 * workbook as it was. Writes go through `write`, which the pane wraps to ignore its own edits.
 */
import type { WorkbookChange, WorkbookPort, WorkbookSnapshot } from "../port/workbook";
import type { ReadResult } from "../core/model";
import type { Finding } from "../core/rules/types";
import { changedSince, fixChanges, lastCheck, planCheckOn, planClearMarks, tableDigests } from "../commands/check";
import { checkTables } from "../core/rules";
import { readWorkbook } from "../core/reader";
import { readSettings } from "../core/settings";
import {
  changedNames,
  mergeRecheck,
  remapFindings,
  tableRef,
  tablesToRecheck,
  type CheckView,
  type EditRef,
  type SinceLastCheck,
} from "./check-view";
import type { ActionContext } from "./runner";

export type Write = (changes: WorkbookChange[]) => Promise<void>;

export interface CheckRun {
  view: CheckView;
  read: ReadResult;
  /** Cells whose marks were written. */
  marked: number;
}

/** 校验: reads, checks every table, then (after the last chance to cancel) writes marks, 校验结果 and the record. */
export async function runCheck(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  now = new Date(),
): Promise<CheckRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("checking");
  const outcome = await planCheckOn(port, snapshot, { now });
  await ctx.commit("writing");
  await write(outcome.changes);
  const marked = new Set(outcome.findings.flatMap((f) => f.cells.map((c) => `${c.sheet}!${c.cell}`))).size;
  return {
    read: outcome.read,
    marked,
    view: {
      findings: outcome.findings,
      tables: outcome.read.tables.map(tableRef),
      profileChoice: outcome.profileChoice,
      checkedAt: now.toISOString(),
      marked: true,
      rechecked: [],
      changed: outcome.changed,
    },
  };
}

/** 清除标记: every marked cell back to its earlier look, 校验结果 removed. Returns the cells restored. */
export async function runClearMarks(port: WorkbookPort, ctx: ActionContext, write: Write): Promise<number> {
  await ctx.step("reading");
  const plan = await planClearMarks(port);
  await ctx.commit("writing");
  if (plan.changes.length > 0) await write(plan.changes);
  return plan.cleared;
}

/** Checks again the tables the edits touch (and tables the view does not know), writing nothing. */
export function recheckSnapshot(
  view: CheckView,
  snapshot: WorkbookSnapshot,
  edits: EditRef[],
  now = new Date(),
): { view: CheckView; read: ReadResult; rechecked: number[] } {
  const settings = readSettings(snapshot.sheets).settings;
  const read = readWorkbook(snapshot);
  const next = read.tables.map(tableRef);
  const subset = tablesToRecheck(view, next, edits);
  const result = checkTables(
    subset.map((i) => read.tables[i]),
    { profile: settings.profile, ...(settings.budgetYear ? { year: settings.budgetYear } : {}) },
  );
  const findings = remapFindings(result.findings, subset);
  return { view: mergeRecheck(view, next, subset, findings, now.toISOString()), read, rechecked: subset };
}

/** The live re-check after edits: one read, then the touched tables only. */
export async function runRecheck(
  port: WorkbookPort,
  view: CheckView,
  edits: EditRef[],
): Promise<{ view: CheckView; read: ReadResult; rechecked: number[] }> {
  const snapshot = await port.read();
  return recheckSnapshot(view, snapshot, edits);
}

export interface FixRun {
  applied: number;
  skipped: number;
  view: CheckView;
  read: ReadResult | null;
}

/**
 * Applies the fixes of the given findings, each edit only where the cell still holds what the fix
 * expects, then checks the edited tables again (without writing marks).
 */
export async function runFixes(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  view: CheckView,
  findings: Finding[],
): Promise<FixRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  const plan = fixChanges(findings, snapshot);
  if (plan.changes.length === 0) return { applied: 0, skipped: plan.skipped, view, read: null };
  await ctx.commit("fixing");
  await write(plan.changes);
  const edits: EditRef[] = plan.changes.flatMap((c) =>
    c.kind === "setValues" ? [{ sheet: c.sheet, address: c.anchor }] : [],
  );
  const after = await runRecheck(port, view, edits);
  return { applied: plan.applied, skipped: plan.skipped, view: after.view, read: after.read };
}

/** On opening: which tables changed since the check recorded in the workbook, or null when none is. */
export function sinceLastCheck(snapshot: WorkbookSnapshot, read: ReadResult): SinceLastCheck | null {
  const record = lastCheck(snapshot.sheets);
  if (!record) return null;
  const changed = changedSince(record, tableDigests(read)) ?? [];
  return { checkedAt: record.checkedAt, changed: changedNames(changed, read.tables.map(tableRef)) };
}
