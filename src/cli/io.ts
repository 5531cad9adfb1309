/** File access for the CLI: read an input workbook, write an output atomically, never over the input. */
import { promises as fs } from "fs";
import * as path from "path";
import { ExcelJsWorkbook } from "../adapters/exceljs/workbook";
import { WorkbookError } from "../adapters/exceljs/errors";

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
  return ExcelJsWorkbook.load(bytes);
}

/** Writes to a temporary file beside the target, then renames it over, so no half file remains. */
export async function saveWorkbook(wb: ExcelJsWorkbook, out: string, input: string): Promise<void> {
  if (path.resolve(out) === path.resolve(input))
    throw new UsageError("输出文件不能覆盖输入文件 (-o must differ from the input file)");
  const bytes = await wb.toBuffer();
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.${process.pid}.tmp`);
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, out);
}
