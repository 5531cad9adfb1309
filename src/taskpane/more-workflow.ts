/**
 * 生成目标表, 生成汇总表 and 填充执行率 over the workbook port, step by step, for the ribbon buttons and
 * the pane. Loaded on demand as the `commands-more` chunk. Each reads once, plans everything, and
 * writes in one `apply` after the last chance to cancel (`ctx.commit()`).
 */
import type { WorkbookChange, WorkbookPort } from "../port/workbook";
import type { ReadResult } from "../core/model";
import { planGenerate } from "../commands/generate";
import { planSummary } from "../commands/summary";
import { planRates } from "../commands/rates";
import { readWorkbook } from "../core/reader";
import { isoOfSerial, serialOf } from "../core/ledger/values";
import type { ActionContext } from "./runner";

export type Write = (changes: WorkbookChange[]) => Promise<void>;

export interface GenerateRun {
  created: number;
  replaced: number;
  unchanged: number;
  /** Generated sheets that differ from their source, left as they are (the CLI's --force replaces them). */
  conflicts: string[];
  tocSheet: string | null;
  /** The tables as read after generating (generated sheets are now the tables of record). */
  read: ReadResult;
}

export async function runGenerateTables(port: WorkbookPort, ctx: ActionContext, write: Write): Promise<GenerateRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("generating");
  const plan = planGenerate(snapshot);
  await ctx.commit("writing");
  if (plan.changes.length > 0) await write(plan.changes);
  const count = (a: string): number => plan.items.filter((i) => i.action === a).length;
  return {
    created: count("create"),
    replaced: count("replace"),
    unchanged: count("unchanged"),
    conflicts: plan.items.filter((i) => i.action === "conflict").map((i) => i.sheet),
    tocSheet: plan.tocSheet,
    read: plan.changes.length > 0 ? readWorkbook(await port.read()) : readWorkbook(snapshot),
  };
}

export interface SummaryRun {
  sheet: string;
  departmentSheet: string | null;
  tables: number;
  checked: boolean;
}

export async function runSummarySheet(port: WorkbookPort, ctx: ActionContext, write: Write): Promise<SummaryRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("generating");
  const plan = planSummary(snapshot);
  await ctx.commit("writing");
  if (plan.changes.length > 0) await write(plan.changes);
  return {
    sheet: plan.summarySheet,
    departmentSheet: plan.departmentSheet,
    tables: plan.tables,
    checked: plan.checked,
  };
}

export interface RatesRun {
  /** The as-of date, `YYYY-MM-DD`. */
  asOf: string;
  tables: number;
  /** Tables without a budget to compute a rate against. */
  noBudget: number;
  /** Ledger rows that could not be used, as row references (`支付明细!12:12`), in order. */
  rejected: string[];
  createdLedger: string | null;
}

export async function runFillRates(
  port: WorkbookPort,
  ctx: ActionContext,
  write: Write,
  now = new Date(),
): Promise<RatesRun> {
  await ctx.step("reading");
  const snapshot = await port.read();
  await ctx.step("computing");
  const today = serialOf(now.getFullYear(), now.getMonth() + 1, now.getDate());
  const outcome = planRates(snapshot.sheets, { today });
  await ctx.commit("writing");
  if (outcome.changes.length > 0) await write(outcome.changes);
  const report = outcome.report;
  return {
    asOf: isoOfSerial(report.asOf),
    tables: report.tables.length,
    noBudget: report.tables.filter((t) => t.rate === null).length,
    rejected: report.rejected.map((r) => `${r.sheet}!${r.row}:${r.row}`),
    createdLedger: outcome.createdLedger,
  };
}
