/**
 * What the pane and the ribbon do, over the workbook port, step by step: the same in Excel (Office
 * adapter) and in the browser (ExcelJS adapter). No DOM and no Office globals here.
 */
import type { WorkbookPort } from "../port/workbook";
import type { ReadResult } from "../core/model";
import { readSettings, settingsChanges, SETTINGS_SHEET, type ParsedSettings, type Settings } from "../core/settings";
import { storeSheetName } from "../core/store";
import type { ActionContext } from "./runner";
import type { SinceLastCheck } from "./check-view";

/** The check module (rules, marks, fixes): a separate chunk, loaded when first needed. */
export type CheckModule = typeof import("./check-workflow");

export function loadCheck(): Promise<CheckModule> {
  return import(/* webpackChunkName: "check" */ "./check-workflow");
}

/** 生成目标表, 生成汇总表, 填充执行率: another chunk, loaded when first needed. */
export type MoreModule = typeof import("./more-workflow");

export function loadMore(): Promise<MoreModule> {
  return import(/* webpackChunkName: "commands-more" */ "./more-workflow");
}

/** The sheet holding the last check's record (`CHECK_RECORD` in commands/check.ts). */
export const CHECK_RECORD_SHEET = storeSheetName("check");

/** The settings stored in the workbook (defaults when it has none). Reads only the settings sheet. */
export async function loadSettings(port: WorkbookPort, ctx: ActionContext): Promise<ParsedSettings> {
  await ctx.step("settings");
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === SETTINGS_SHEET)) return readSettings([]);
  const snapshot = await port.read({ sheets: [SETTINGS_SHEET] });
  ctx.checkpoint();
  return readSettings(snapshot.sheets);
}

/**
 * `inspect`: the recognised tables, and, when the workbook was checked before, which tables changed
 * since. Read-only, so cancelling at any point leaves the workbook as it was.
 */
export async function recognize(
  port: WorkbookPort,
  ctx: ActionContext,
): Promise<{ result: ReadResult; since: SinceLastCheck | null }> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("recognising");
  // The reader is its own chunk (shared with the check and commands chunks), out of the first load.
  const { readWorkbook } = await import(/* webpackChunkName: "reader" */ "../core/reader");
  const result = readWorkbook(snapshot);
  if (!snapshot.sheets.some((s) => s.name === CHECK_RECORD_SHEET)) return { result, since: null };
  const check = await loadCheck();
  return { result, since: check.sinceLastCheck(snapshot, result) };
}

/** Stores the settings in the workbook: everything is decided first, then one `apply`. */
export async function saveSettings(port: WorkbookPort, settings: Settings, ctx: ActionContext): Promise<void> {
  await ctx.step("reading");
  const exists = (await port.listSheets()).some((s) => s.name === SETTINGS_SHEET);
  const changes = settingsChanges(settings, exists);
  await ctx.commit("writing");
  await port.apply(changes);
}

/** `报表.xlsx` → `报表-已处理.xlsx` (the browser download's name). */
export function resultFileName(original: string): string {
  const base = original.replace(/\.(xlsx|xlsm|xls)$/i, "") || "工作簿";
  return `${base}-已处理.xlsx`;
}
