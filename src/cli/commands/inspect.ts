import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_OK } from "../context";
import { inspectJson, inspectText, inspectWorkbook } from "../../commands/inspect";
import { openWorkbook } from "../io";

export function registerInspect(program: Command, ctx: CliContext): void {
  program
    .command("inspect")
    .description("列出工作簿中识别到的绩效目标表 (list the target tables found in a workbook)")
    .argument("<file>", ".xlsx workbook")
    .option("--json", "print JSON instead of text")
    .action(async (file: string, opts: { json?: boolean }) => {
      const wb = await openWorkbook(file);
      const result = await inspectWorkbook(wb);
      ctx.io.stdout(opts.json ? JSON.stringify(inspectJson(result), null, 2) + "\n" : inspectText(result) + "\n");
      ctx.setExitCode(EXIT_OK);
    });
}
