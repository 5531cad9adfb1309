/**
 * What the pane and the ribbon do, over the workbook port, step by step: the same in Excel (Office
 * adapter) and in the browser (ExcelJS adapter). No DOM and no Office globals here.
 */
import type { WorkbookPort } from "../port/workbook";
import type { ReadResult } from "../core/model";
import { inspectWorkbook } from "../commands/inspect";
import { readSettings, settingsChanges, SETTINGS_SHEET, type ParsedSettings, type Settings } from "../core/settings";
import type { ActionContext } from "./runner";

/** The settings stored in the workbook (defaults when it has none). Reads only the settings sheet. */
export async function loadSettings(port: WorkbookPort, ctx: ActionContext): Promise<ParsedSettings> {
  await ctx.step("settings");
  const sheets = await port.listSheets();
  if (!sheets.some((s) => s.name === SETTINGS_SHEET)) return readSettings([]);
  const snapshot = await port.read({ sheets: [SETTINGS_SHEET] });
  ctx.checkpoint();
  return readSettings(snapshot.sheets);
}

/** `inspect`: the recognised tables. Read-only, so cancelling at any point leaves the workbook as it was. */
export async function recognize(port: WorkbookPort, ctx: ActionContext): Promise<ReadResult> {
  await ctx.step("reading");
  const result = await inspectWorkbook(port);
  await ctx.step("recognising");
  return result;
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
