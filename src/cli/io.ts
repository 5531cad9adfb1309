/** File access for the CLI: read an input workbook, write an output atomically, never over the input. */
import { promises as fs } from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { ExcelJsWorkbook } from "../adapters/exceljs/workbook";
import { WorkbookError } from "../adapters/exceljs/errors";
import { installFastRowRendering } from "../adapters/exceljs/row-render";

installFastRowRendering();

export class UsageError extends Error {}

export async function openWorkbook(file: string): Promise<ExcelJsWorkbook> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new WorkbookError(`找不到文件：${file}`, `File not found: ${file}`);
  }
  if (!stat.isFile()) throw new WorkbookError(`不是文件：${file}`, `Not a file: ${file}`);
  const bytes = await fs.readFile(file);
  const wb = await ExcelJsWorkbook.load(bytes);
  // The CLI changes a workbook only through the port: a sheet's snapshot stands until a change.
  wb.cacheReads = true;
  // Node's zlib (at the level ExcelJS uses) zips what ExcelJS renders, in place of jszip and pako.
  wb.zipCodec = { deflateRaw: (data) => zlib.deflateRawSync(data, { level: 6 }), crc32: crc32Of };
  return wb;
}

/** CRC-32 of the bytes: zlib's where Node has it (20.15 and later), else computed here. */
const crc32Of: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: (d: Uint8Array) => number }).crc32 === "function"
    ? (zlib as unknown as { crc32: (d: Uint8Array) => number }).crc32
    : (() => {
        const table = new Uint32Array(256);
        for (let n = 0; n < 256; n++) {
          let c = n;
          for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          table[n] = c >>> 0;
        }
        return (data: Uint8Array): number => {
          let c = 0xffffffff;
          for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]) & 0xff] ^ (c >>> 8);
          return (c ^ 0xffffffff) >>> 0;
        };
      })();

/** Whether two paths name the same file (also through links), when both exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Extensions an .xlsx written here must not be given: Excel refuses a file whose content and name disagree. */
const NOT_XLSX = /\.(xlsm|xltx|xltm|xlam|xls|xlsb|csv|ods)$/i;

/**
 * Writes to a temporary file beside the target, flushed to disk, then renames it over the target, so
 * no half-written file remains; on any failure the temporary file is removed and the target is left
 * as it was. Never writes over the input. Refuses (before writing) a workbook whose charts, pivot
 * tables, macros… would be lost (see `ExcelJsWorkbook.toBuffer`).
 */
export async function saveWorkbook(wb: ExcelJsWorkbook, out: string, input: string): Promise<void> {
  if (await sameFile(out, input)) throw new UsageError("输出文件不能覆盖输入文件 (-o must differ from the input file)");
  if (NOT_XLSX.test(out))
    throw new UsageError(`输出文件须为 .xlsx：${out} (the output is an .xlsx workbook; name it *.xlsx)`);
  const bytes = await wb.toBuffer();
  const target = path.resolve(out);
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`,
  );
  try {
    const handle = await fs.open(tmp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    throw new WorkbookError(`无法写入输出文件：${out}（${reason}）`, `Cannot write the output file ${out} (${reason})`);
  }
}
