import { promises as fs } from "fs";
import * as path from "path";
import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_FINDINGS } from "../context";
import { openWorkbook, saveWorkbook, UsageError } from "../io";
import { ExcelJsWorkbook } from "../../adapters/exceljs/workbook";
import { WorkbookError } from "../../adapters/exceljs/errors";
import type { SheetData } from "../../port/workbook";
import iconv from "iconv-lite";
import { ratesJson, ratesText } from "../../commands/rates";
import { LedgerImportError, paymentCsvSheet, runImport } from "../../commands/ledger";
import { isSpreadsheetBytes } from "../../core/ledger/decode";
import { checkOutput, parseAsOf, ratesExitCode, todaySerial } from "./rates";

/** GBK through iconv-lite: works on a Node built without full ICU too. */
const iconvGbk = (bytes: Uint8Array): string => iconv.decode(Buffer.from(bytes), "gb18030");

/** The payment export's sheets: an .xlsx workbook's, or a CSV's (GBK or UTF-8) as one sheet. */
export async function readPayments(file: string): Promise<SheetData[]> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await fs.readFile(file));
  } catch {
    throw new WorkbookError(`找不到付款文件：${file}`, `Payment file not found: ${file}`);
  }
  if (bytes.length === 0) throw new WorkbookError(`付款文件为空：${file}`, `The payment file is empty: ${file}`);
  if (isSpreadsheetBytes(bytes)) return (await (await ExcelJsWorkbook.load(bytes)).read()).sheets;
  return [paymentCsvSheet(path.basename(file), bytes, iconvGbk)];
}

export function registerLedgerImport(program: Command, ctx: CliContext): void {
  program
    .command("ledger-import")
    .description("把国库支付系统导出的支付记录（CSV 或 .xlsx）导入支付明细，并更新执行率 (import a payment export)")
    .argument("<file>", ".xlsx workbook")
    .argument("<payments>", "payment export: .csv (GBK or UTF-8) or .xlsx")
    .requiredOption("-o, --output <file>", "the workbook with the payments imported and rates filled")
    .option(
      "--as-of <date>",
      "截止日期 YYYY-MM-DD (default: the one typed into the workbook, else today or the year's end)",
    )
    .option("--json", "print JSON instead of text")
    .action(async (file: string, payments: string, opts: { output: string; asOf?: string; json?: boolean }) => {
      const asOf = parseAsOf(opts.asOf);
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      const source = await readPayments(payments);
      let result;
      try {
        result = await runImport(wb, source, { asOf, today: todaySerial() });
      } catch (e) {
        if (e instanceof LedgerImportError) throw new UsageError(`${e.message} (${e.messageEn})`);
        throw e;
      }
      await saveWorkbook(wb, opts.output, file);
      const imp = result.import;
      const rejected = imp.rejected.map((r) => ({ sheet: r.sheet, row: r.row, reason: `${r.reason} (${r.reasonEn})` }));
      if (opts.json)
        ctx.io.stdout(
          JSON.stringify(
            {
              imported: imp.imported,
              ledger: imp.ledger,
              created: imp.created,
              rejected,
              rates: ratesJson(result.rates.report),
            },
            null,
            2,
          ) + "\n",
        );
      else {
        const lines = [
          `已导入 ${imp.imported} 笔支付到“${imp.ledger}”${imp.created ? "（新建）" : ""} (${imp.imported} payments imported)`,
        ];
        if (rejected.length) {
          lines.push(`未导入 ${rejected.length} 行 (rows not imported):`);
          for (const r of imp.rejected) lines.push(`  ${r.sheet} 第${r.row}行  ${r.reason}`);
        }
        lines.push("", ratesText(result.rates.report));
        ctx.io.stdout(lines.join("\n") + "\n");
      }
      ctx.setExitCode(imp.rejected.length > 0 ? EXIT_FINDINGS : ratesExitCode(result.rates));
    });
}
