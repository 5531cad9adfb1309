/**
 * `all`: the main job in one go, as a list of steps run over one workbook and saved once. Each step
 * reports and returns its exit code; the command's is the highest. The tables are read once after
 * `generate` (by `check`) and handed on: `check` adds only fills, notes, its own sheet and its record,
 * the summary writes only its own sheets, none of which the reader reads as tables.
 */
import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_FINDINGS, EXIT_OK } from "../context";
import type { ExcelJsWorkbook } from "../../adapters/exceljs/workbook";
import { generateText, runGenerate } from "../../commands/generate";
import { runSummary, summaryText } from "../../commands/summary";
import { openWorkbook, saveWorkbook } from "../io";
import { checkOutput } from "./output";
import { planCheck } from "../../commands/check";
import { checkText } from "./check";
import { ratesStep } from "./rates";
import { findLedgerHeader } from "../../core/ledger/headers";
import { Grid } from "../../core/grid";
import type { SheetData } from "../../port/workbook";
import type { ReadResult } from "../../core/model";

export interface AllOptions {
  force?: boolean;
}

/** What the steps of one `all` run hand on to the next. */
export interface AllState {
  /**
   * The core reader's result for the workbook's tables as they stand, once a step has read them; a
   * step that changes what the reader reads as a table sets it back to null.
   */
  tables: ReadResult | null;
}

export interface AllStep {
  name: string;
  run(wb: ExcelJsWorkbook, options: AllOptions, ctx: CliContext, state: AllState): Promise<number>;
}

export const ALL_STEPS: AllStep[] = [
  {
    name: "generate",
    async run(wb, options, ctx, state) {
      ctx.io.stdout(generateText(await runGenerate(wb, { force: options.force === true })) + "\n");
      state.tables = null;
      return EXIT_OK;
    },
  },
  {
    // Before the summary, which shows each table's errors and warnings from the last check.
    name: "check",
    async run(wb, _options, ctx, state) {
      const outcome = await planCheck(wb, state.tables ? { read: state.tables } : {});
      state.tables = outcome.read;
      await wb.apply(outcome.changes);
      ctx.io.stdout(checkText(outcome) + "\n");
      return outcome.findings.some((f) => f.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
    },
  },
  {
    name: "summary",
    async run(wb, _options, ctx, state) {
      ctx.io.stdout(summaryText(await runSummary(wb, state.tables ? { tables: state.tables } : {})) + "\n");
      return EXIT_OK;
    },
  },
  {
    // Last: the rates stand beside the generated sheets and add their columns to the summary.
    name: "rates",
    async run(wb, options, ctx, state) {
      if (!hasLedger((await wb.read()).sheets)) {
        ctx.io.stdout("未找到支付明细，跳过执行率 (no payment ledger: execution rates skipped)\n");
        return EXIT_OK;
      }
      return ratesStep.run(wb, options, ctx, state);
    },
  },
];

/** Whether a sheet holds a payment ledger, found by its header (as `readLedgers` finds them), rows unread. */
function hasLedger(sheets: SheetData[]): boolean {
  return sheets.some((s) => {
    const grid = new Grid(s);
    return !grid.isEmpty && findLedgerHeader(grid, { inWorkbook: true }) !== null;
  });
}

export function registerAll(program: Command, ctx: CliContext): void {
  program
    .command("all")
    .description(`一步完成：${ALL_STEPS.map((s) => s.name).join(" → ")} (run every step and save once)`)
    .argument("<file>", ".xlsx workbook")
    .requiredOption("-o, --output <out.xlsx>", "write the workbook here (never over the input)")
    .option("--force", "用来源表覆盖有差异的已生成工作表 (replace generated sheets that differ from their sources)")
    .action(async (file: string, opts: { output: string; force?: boolean }) => {
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      let code = EXIT_OK;
      const state: AllState = { tables: null };
      for (const step of ALL_STEPS)
        code = Math.max(code, await step.run(wb, { force: opts.force === true }, ctx, state));
      await saveWorkbook(wb, opts.output, file);
      ctx.setExitCode(code);
    });
}
