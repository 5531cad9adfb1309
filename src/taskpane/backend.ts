/**
 * Where the workbook comes from. In Excel: the workbook open in Excel, through the Office.js
 * adapter. In the browser: an .xlsx read from disk into the ExcelJS adapter, which is loaded only
 * then, as a separate chunk, so the add-in never downloads it.
 */
import type { WorkbookPort } from "../port/workbook";
import { OfficeWorkbook, type AdapterNotice } from "../office/excel-workbook";

/** The workbook open in Excel. */
export function officePort(): WorkbookPort {
  return new OfficeWorkbook();
}

/** What the Office adapter could not do in its last read (shown beside the diagnostics). */
export function adapterNotices(port: WorkbookPort): AdapterNotice[] {
  return port instanceof OfficeWorkbook ? port.notices : [];
}

/** A workbook opened from disk in the browser. */
export interface BrowserWorkbook {
  port: WorkbookPort;
  toBuffer(): Promise<Uint8Array>;
}

/** Loads the ExcelJS adapter chunk (network-free: it comes from the same origin as the page). */
export async function openBrowserWorkbook(bytes: Uint8Array, loaded?: () => Promise<void>): Promise<BrowserWorkbook> {
  const { ExcelJsWorkbook } = await import(/* webpackChunkName: "exceljs" */ "../adapters/exceljs/workbook");
  await loaded?.();
  const wb = await ExcelJsWorkbook.load(bytes);
  return { port: wb, toBuffer: () => wb.toBuffer() };
}
