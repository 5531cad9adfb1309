import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_OK } from "../context";
import { generateText, runGenerate } from "../../commands/generate";
import { openWorkbook, saveWorkbook } from "../io";
import { checkOutput } from "./output";

export function registerGenerate(program: Command, ctx: CliContext): void {
  program
    .command("generate")
    .description("为每张表生成标准格式的目标表工作表和目录 (make a standard target sheet per table, and a 目录)")
    .argument("<file>", ".xlsx workbook")
    .requiredOption("-o, --output <out.xlsx>", "write the workbook here (never over the input)")
    .option("--force", "用来源表覆盖有差异的已生成工作表 (replace generated sheets that differ from their sources)")
    .action(async (file: string, opts: { output: string; force?: boolean }) => {
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      const plan = await runGenerate(wb, { force: opts.force === true });
      await saveWorkbook(wb, opts.output, file);
      ctx.io.stdout(generateText(plan) + "\n");
      ctx.setExitCode(EXIT_OK);
    });
}
