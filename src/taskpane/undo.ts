/**
 * Writing actions in Excel run inside a journal (`src/office/journal.ts`): what a command is about
 * to change is kept before its first write; a failure or a cancel (取消 stays open while writing)
 * puts it back, and success keeps the record for 撤销上次操作. In the browser there is nothing to put
 * back: the page's copy is only downloaded when the user asks, after the command succeeded, so the
 * undo button is not shown there.
 */
import { useSyncExternalStore } from "react";
import type { WorkbookPort } from "../port/workbook";
import { OfficeWorkbook } from "../office/excel-workbook";
import { reportProblems, undoHistory, type RestoreReport, type UndoRecord } from "../office/journal";
import { WorkbookError } from "../adapters/exceljs/errors";
import { Cancelled, writesCancellable, type ActionContext } from "./runner";

/** A command failed and what it had written was put back (or, where listed, could not be). */
export class RestoredError extends WorkbookError {
  readonly report: RestoreReport;

  constructor(cause: unknown, report: RestoreReport) {
    const c = cause as { message?: string; messageEn?: string };
    const zh = c?.message ?? String(cause);
    const en = c?.messageEn ?? zh;
    const problems = reportProblems({ ...report, limits: [] });
    super(
      problems
        ? `${zh} 已写入的内容已撤回，但以下内容未能恢复：${problems.zh}。`
        : `${zh} 已写入的内容已全部撤回，工作簿已恢复到操作前的状态。`,
      problems
        ? `${en} What was written was taken back, except: ${problems.en}.`
        : `${en} Everything written was taken back; the workbook is as it was before.`,
    );
    this.name = "RestoredError";
    this.report = report;
  }
}

/** A cancel after writing started whose putting back left something out. */
export class CancelRestoreError extends WorkbookError {
  constructor(problems: { zh: string; en: string }) {
    super(
      `已取消。已写入的内容已撤回，但以下内容未能恢复：${problems.zh}。`,
      `Cancelled. What was written was taken back, except: ${problems.en}.`,
    );
    this.name = "CancelRestoreError";
  }
}

/** Putting back failed altogether: the workbook may be half-written. */
export class RollbackFailedError extends WorkbookError {
  constructor(cause: unknown, rollback: unknown) {
    const c = cause as { message?: string; messageEn?: string };
    const r = rollback as { message?: string; messageEn?: string };
    super(
      `${c?.message ?? String(cause)} 撤回已写入的内容时也失败了（${r?.message ?? String(rollback)}），工作簿可能只写入了一部分，请检查工作簿后重新运行。`,
      `${c?.messageEn ?? c?.message ?? String(cause)} Taking back what was written failed too (${r?.messageEn ?? r?.message ?? String(rollback)}); the workbook may be half-written — check it, then run the command again.`,
    );
    this.name = "RollbackFailedError";
  }
}

/**
 * Runs a writing action's body inside a journal when the port is Excel's; elsewhere runs it as it
 * is. `label` names the action for the undo button (`generate`, `check` …).
 */
export async function journaled<T>(
  port: WorkbookPort,
  ctx: ActionContext,
  label: string,
  body: (ctx: ActionContext) => Promise<T>,
): Promise<T> {
  if (!(port instanceof OfficeWorkbook)) return body(ctx);
  port.beginJournal(() => ctx.checkpoint());
  let value: T;
  try {
    value = await body(writesCancellable(ctx));
    // The last chance to cancel: from here the record is kept.
    await ctx.commit("writing");
  } catch (error) {
    let report: RestoreReport | null;
    try {
      report = await port.rollbackJournal();
    } catch (rollback) {
      throw new RollbackFailedError(error, rollback);
    }
    if (error instanceof Cancelled) {
      const problems = report ? reportProblems({ ...report, limits: [] }) : null;
      if (problems) throw new CancelRestoreError(problems);
      throw error;
    }
    if (report) throw new RestoredError(error, report);
    throw error;
  }
  await port.commitJournal(label);
  return value;
}

/** The last command's record, for the pane (re-renders when it changes). */
export function useUndoRecord(): UndoRecord | null {
  return useSyncExternalStore(undoHistory.subscribe, undoHistory.getSnapshot, undoHistory.getSnapshot);
}

/** `HH:MM` of a record's time, for the button's caption. */
export function undoTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, "0")}:${String(at.getMinutes()).padStart(2, "0")}`;
}
