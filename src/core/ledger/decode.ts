/**
 * Text of a payment export's bytes, with no dependency beyond the platform's `TextDecoder`, so the
 * task pane decodes CSV files itself (no iconv in its bundle): UTF-8 (with or without BOM) when the
 * bytes are valid UTF-8, UTF-16 with its BOM, else GBK (read as GB18030, its superset).
 */
import type { SheetData } from "../../port/workbook";
import { csvSheet, parseCsv } from "./csv";

/** Decodes GBK bytes; the default uses the platform (browsers, and Node built with full ICU). */
export type GbkDecoder = (bytes: Uint8Array) => string;

export const platformGbk: GbkDecoder = (bytes) => new TextDecoder("gb18030").decode(bytes);

export function decodePaymentBytes(bytes: Uint8Array, gbk: GbkDecoder = platformGbk): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return gbk(bytes);
  }
}

/** Whether the bytes start as a zip (.xlsx) or an OLE file (.xls, encrypted .xlsx). */
export function isSpreadsheetBytes(bytes: Uint8Array): boolean {
  return (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
}

/** A CSV export as a sheet snapshot named after its file. */
export function paymentCsvSheet(name: string, bytes: Uint8Array, gbk?: GbkDecoder): SheetData {
  return csvSheet(name, parseCsv(decodePaymentBytes(bytes, gbk)));
}
