import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_OK } from "../context";
import { exportLists, exportText } from "../../commands/export-lists";
import { ExcelJsWorkbook } from "../../adapters/exceljs/workbook";
import { openWorkbook, saveWorkbook } from "../io";
import { checkOutput } from "./output";

export function registerExportLists(program: Command, ctx: CliContext): void {
  program
    .command("export-lists")
    .description("把所有表导出为项目清单和指标清单（新工作簿） (export every table as flat lists, to a new workbook)")
    .argument("<file>", ".xlsx workbook")
    .requiredOption("-o, --output <out.xlsx>", "the new workbook (never over the input)")
    .action(async (file: string, opts: { output: string }) => {
      checkOutput(file, opts.output);
      const source = await openWorkbook(file);
      const target = ExcelJsWorkbook.create();
      const plan = await exportLists(source, target);
      await saveWorkbook(target, opts.output, file);
      ctx.io.stdout(exportText(plan) + "\n");
      ctx.setExitCode(EXIT_OK);
    });
}
