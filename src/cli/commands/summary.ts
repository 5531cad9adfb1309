import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_OK } from "../context";
import { runSummary, summaryText } from "../../commands/summary";
import { openWorkbook, saveWorkbook } from "../io";
import { checkOutput } from "./output";

export function registerSummary(program: Command, ctx: CliContext): void {
  program
    .command("summary")
    .description("生成汇总表（及部门整体绩效目标表） (make the 汇总表, and the 部门整体 sheet)")
    .argument("<file>", ".xlsx workbook")
    .requiredOption("-o, --output <out.xlsx>", "write the workbook here (never over the input)")
    .action(async (file: string, opts: { output: string }) => {
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      const plan = await runSummary(wb);
      await saveWorkbook(wb, opts.output, file);
      ctx.io.stdout(summaryText(plan) + "\n");
      ctx.setExitCode(EXIT_OK);
    });
}
