/**
 * Ribbon functions (ExecuteFunction). They run in the task pane's page (shared runtime), so they
 * update the same state the pane shows. Each FunctionName in manifest.xml is registered here with
 * `associateAction` (test/unit/manifest.test.ts checks that); later buttons add theirs the same way.
 * Each runs the pane's own action over the Office adapter: one `Excel.run` per port call, with the
 * adapter's bounded syncs (test/unit/check-ribbon.test.ts counts them for 校验 and 清除标记).
 */
import { associateAction, showTaskpane, type CommandEvent } from "../office/host";
import {
  checkAction,
  clearMarksAction,
  generateAction,
  ratesAction,
  recognizeAction,
  summaryAction,
  undoAction,
  whenIdle,
} from "./actions";
import { getPort, setPort } from "./state";
import { officePort } from "./backend";

/** Runs a ribbon action on the open workbook, after any action still running; always completes the event. */
async function ribbon(event: CommandEvent, action: () => Promise<void>, paneFirst: boolean): Promise<void> {
  try {
    if (!getPort()) setPort(officePort());
    // Long actions show the pane first, so their progress and 取消 are in view.
    if (paneFirst) await showTaskpane();
    await whenIdle();
    await action();
    if (!paneFirst) await showTaskpane();
  } finally {
    event.completed();
  }
}

/** 识别目标表: reads the open workbook (writes nothing) and shows the result in the pane. */
export function recognizeTables(event: CommandEvent): Promise<void> {
  return ribbon(event, () => recognizeAction("ribbon"), false);
}

/** 校验: checks every table, marks the findings and writes 校验结果; the pane lists the findings. */
export function checkWorkbook(event: CommandEvent): Promise<void> {
  return ribbon(event, () => checkAction("ribbon"), true);
}

/** 清除标记: gives every marked cell its earlier look back and removes 校验结果. */
export function clearMarks(event: CommandEvent): Promise<void> {
  return ribbon(event, () => clearMarksAction("ribbon"), true);
}

/**
 * 生成目标表: a standard target sheet per table and a 目录; the pane lists the tables of record. The
 * ribbon has no UI of its own: generated sheets that differ from their source are left as they are and
 * reported, and the pane (shown first) opens its dialog listing what would change, where the user
 * replaces them or keeps them.
 */
export function generateTables(event: CommandEvent): Promise<void> {
  return ribbon(event, () => generateAction("ribbon"), true);
}

/** 生成汇总表: the 汇总表 of every table (and 部门整体 where the workbook has it). */
export function generateSummary(event: CommandEvent): Promise<void> {
  return ribbon(event, () => summaryAction(), true);
}

/** 填充执行率: execution rates from the payments entered in the workbook. */
export function fillExecutionRates(event: CommandEvent): Promise<void> {
  return ribbon(event, () => ratesAction(), true);
}

/**
 * 撤销上次操作: puts back what the last command changed (the add-in keeps a record, as Excel clears
 * its own undo history after an add-in writes); the pane says what was kept of the user's edits.
 */
export function undoLastCommand(event: CommandEvent): Promise<void> {
  return ribbon(event, () => undoAction(), true);
}

void associateAction("recognizeTables", recognizeTables);
void associateAction("checkWorkbook", checkWorkbook);
void associateAction("clearMarks", clearMarks);
void associateAction("generateTables", generateTables);
void associateAction("generateSummary", generateSummary);
void associateAction("fillExecutionRates", fillExecutionRates);
void associateAction("undoLastCommand", undoLastCommand);
