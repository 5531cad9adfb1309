import * as path from "path";
import type { Command } from "commander";
import type { CliContext } from "../context";
import { EXIT_FINDINGS, EXIT_OK } from "../context";
import { openWorkbook, saveWorkbook, UsageError } from "../io";
import { ratesJson, ratesText, readRatesSettings, runRates, type RatesOutcome } from "../../commands/rates";
import type { WorkbookPort } from "../../port/workbook";
import { parsePaceSpec, parseRatesPercent, type RatesSettings } from "../../core/rates/settings";
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

/** The rates-settings options as given (strings), before they are checked. */
export interface RatesSettingsFlags {
  pace?: string;
  tolerance?: string;
  reasonBelow?: string;
}

/** Checks the flags (a usage error in both languages on a bad value); null when none was given. */
export function checkRatesFlags(flags: RatesSettingsFlags): Partial<RatesSettings> | null {
  const out: Partial<RatesSettings> = {};
  if (flags.pace !== undefined) {
    const p = parsePaceSpec(flags.pace);
    if ("error" in p) throw new UsageError(`--pace: ${p.error.message} (${p.error.messageEn})`);
    out.thresholds = p.thresholds;
  }
  for (const [key, text] of [
    ["tolerance", flags.tolerance],
    ["reasonBelow", flags.reasonBelow],
  ] as const) {
    if (text === undefined) continue;
    const v = parseRatesPercent(key, text);
    if ("error" in v) throw new UsageError(`${v.error.message} (${v.error.messageEn})`);
    out[key] = v.value;
  }
  return Object.keys(out).length === 0 ? null : out;
}

/** The workbook's rates settings with the flags given over them; undefined when no flag was given. */
export async function ratesSettingsWith(
  wb: WorkbookPort,
  flags: Partial<RatesSettings> | null,
): Promise<RatesSettings | undefined> {
  if (flags === null) return undefined;
  return { ...readRatesSettings((await wb.read()).sheets).settings, ...flags };
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
    .option(
      "--as-of <date>",
      "截止日期 YYYY-MM-DD (default: the date typed into the workbook's 截止日期 cell, else today, or the budget year's last day if earlier)",
    )
    .option(
      "--pace <list>",
      "序时进度要求 month:percent, e.g. 6:50,9:75,12:100, or none (saved in the workbook with -o)",
    )
    .option("--tolerance <points>", "落后多少个百分点才标记 (percentage points a rate may trail; default 0)")
    .option("--reason-below <percent>", "年末执行率低于此值须填偏差原因 (year-end rate needing a reason; default 90)")
    .option("--json", "print JSON instead of text")
    .option("-o, --output <file>", "write the workbook with the rates filled in as formulas")
    .action(async (file: string, opts: RatesSettingsFlags & { asOf?: string; json?: boolean; output?: string }) => {
      const asOf = parseAsOf(opts.asOf);
      const flags = checkRatesFlags(opts);
      checkOutput(file, opts.output);
      const wb = await openWorkbook(file);
      const settings = await ratesSettingsWith(wb, flags);
      const outcome = await runRates(wb, { asOf, settings, today: todaySerial(), write: opts.output !== undefined });
      if (opts.output !== undefined) await saveWorkbook(wb, opts.output, file);
      printRates(ctx, outcome, opts.json);
      ctx.setExitCode(ratesExitCode(outcome));
    });
}

/**
 * The `rates` step of `ptsheet all` (after generate and summary, so the rates stand beside the
 * generated sheets and in the summary): the as-of date is the one typed into the workbook, else the
 * default (today, or the budget year's end when that is earlier).
 */
export const ratesStep: AllStep = {
  name: "rates",
  async run(wb, _options, ctx, state) {
    const outcome = await runRates(wb, { today: todaySerial(), ...(state.tables ? { tables: state.tables } : {}) });
    ctx.io.stdout(ratesText(outcome.report) + "\n");
    return ratesExitCode(outcome);
  },
};
