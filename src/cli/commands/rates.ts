import * as path from "path";
import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_FINDINGS, EXIT_OK } from "../context";
import { openWorkbook, saveWorkbook, UsageError } from "../io";
import { ratesJson, ratesText, runRates, type RatesOutcome } from "../../commands/rates";
import type { AllStep } from "./all";
import { serialOf, serialOfIso } from "../../core/ledger/values";

/** Today as a serial, in the local time zone (the date on the user's calendar). */
export function todaySerial(now = new Date()): number {
  return serialOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/** `--as-of YYYY-MM-DD` as a serial; a usage error otherwise. */
export function parseAsOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const s = serialOfIso(value.trim());
  if (s === null)
    throw new UsageError(`--as-of 须为有效日期，格式 YYYY-MM-DD：${value} (--as-of must be a date as YYYY-MM-DD)`);
  return s;
}

export function checkOutput(input: string, output: string | undefined): void {
  if (output !== undefined && path.resolve(output) === path.resolve(input))
    throw new UsageError("输出文件不能覆盖输入文件 (-o must differ from the input file)");
}

/** 1 when something could not be counted or computed: rejected rows, no ledger, a table without rate. */
export function ratesExitCode(outcome: RatesOutcome): number {
  const r = outcome.report;
  const incomplete =
    r.rejected.length > 0 || r.ledgers.length === 0 || r.tables.some((t) => t.budget === null || t.year === null);
  return incomplete ? EXIT_FINDINGS : EXIT_OK;
}

export function printRates(ctx: CliContext, outcome: RatesOutcome, json: boolean | undefined): void {
  ctx.io.stdout(json ? JSON.stringify(ratesJson(outcome.report), null, 2) + "\n" : ratesText(outcome.report) + "\n");
}

export function registerRates(program: Command, ctx: CliContext): void {
  program
    .command("rates")
    .description("按支付明细计算预算执行率，并以公式填入工作簿 (execution rates from the payment ledger)")
    .argument("<file>", ".xlsx workbook")
    .option("--as-of <date>", "截止日期 YYYY-MM-DD (default: today, or the budget year's last day if earlier)")
    .option("--json", "print JSON instead of text")
    .option("-o, --output <file>", "write the workbook with the rates filled in as formulas")
    .action(async (file: string, opts: { asOf?: string; json?: boolean; output?: string }) => {
      const asOf = parseAsOf(opts.asOf);
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      const outcome = await runRates(wb, { asOf, today: todaySerial(), write: opts.output !== undefined });
      if (opts.output !== undefined) await saveWorkbook(wb, opts.output, file);
      printRates(ctx, outcome, opts.json);
      ctx.setExitCode(ratesExitCode(outcome));
    });
}

/**
 * The `rates` step of `ptsheet all` (after generate and summary, so the rates stand beside the
 * generated sheets and in the summary): the as-of date is the default (today, or the budget year's
 * end when that is earlier).
 */
export const ratesStep: AllStep = {
  name: "rates",
  async run(wb, _options, ctx) {
    const outcome = await runRates(wb, { today: todaySerial() });
    ctx.io.stdout(ratesText(outcome.report) + "\n");
    return ratesExitCode(outcome);
  },
};
