import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import type { CliContext } from "../context";
import { EXIT_FINDINGS, EXIT_OK } from "../context";
import { fixChanges, planCheck, planClearMarks, type CheckOutcome } from "../../commands/check";
import { openWorkbook, saveWorkbook, UsageError } from "../io";
import { qualify } from "../../core/address";
import { SEVERITY_ZH } from "../../core/check/marks";
import { countBySeverity, VERDICT_EN } from "../../core/check/report";
import type { ProfileChoice } from "../../core/rules/types";
import { checkTables } from "../../core/rules";
import { readWorkbook } from "../../core/reader";

const PROFILE_CHOICES = ["auto", "legacy", "cpi2021", "hunan"];

function parseProfile(v: string): ProfileChoice {
  if (!PROFILE_CHOICES.includes(v)) throw new InvalidArgumentError(`须为 ${PROFILE_CHOICES.join(" | ")} 之一`);
  return v as ProfileChoice;
}

export function checkJson(o: CheckOutcome) {
  return {
    profile: o.profileChoice,
    verdict: o.verdict,
    changedSinceLastCheck: o.changed,
    findings: o.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      sheet: f.sheet,
      cell: f.cell,
      cells: f.cells.map((c) => (c.sheet === f.sheet ? c.cell : qualify(c.sheet, c.cell))),
      table: f.table,
      profile: f.profile,
      message: f.message,
      messageEn: f.messageEn,
      fix: f.fix,
    })),
  };
}

export function checkText(o: CheckOutcome): string {
  const c = countBySeverity(o.findings);
  const lines = [
    `校验结论：${o.verdict} (${VERDICT_EN[o.verdict]})  表 ${o.read.tables.length} 张 · 错误 ${c.error} · 警告 ${c.warning} · 提示 ${c.info}`,
  ];
  if (o.changed && o.changed.length) lines.push(`自上次校验以来变化的表：${o.changed.join("、")}`);
  let table = -1;
  for (const f of o.findings) {
    if (f.tableIndex !== table) {
      table = f.tableIndex;
      const name = o.read.tables[table]?.name;
      lines.push("", `■ ${name && name !== f.table ? `${name}（${f.table}）` : f.table}`);
    }
    lines.push(
      `  [${SEVERITY_ZH[f.severity]}] ${f.sheet}!${f.cell}  ${f.message}  (${f.rule})${f.fix ? "  可修复" : ""}`,
    );
  }
  return lines.join("\n");
}

export function registerCheck(program: Command, ctx: CliContext): void {
  program
    .command("check")
    .description("按审核规则校验绩效目标表，并在工作簿中标记 (validate tables; mark findings in the workbook)")
    .argument("<file>", ".xlsx workbook")
    .option(
      "--profile <profile>",
      "指标体系 legacy | cpi2021 | hunan (default: auto, or the workbook's setting)",
      parseProfile,
    )
    .option("--json", "print JSON instead of text")
    .option("-o, --output <out.xlsx>", "write the marked workbook here (never over the input)")
    .option("--fix", "apply the safe mechanical fixes first (needs -o)")
    .action(async (file: string, opts: { profile?: ProfileChoice; json?: boolean; output?: string; fix?: boolean }) => {
      if (opts.fix && !opts.output) throw new UsageError("--fix 需要 -o 指定输出文件 (--fix needs -o OUT.xlsx)");
      const wb = await openWorkbook(file);
      if (opts.fix) {
        const snap = await wb.read();
        const pre = checkTables(readWorkbook(snap).tables, { profile: opts.profile ?? "auto" });
        const fixes = fixChanges(pre.findings, snap);
        await wb.apply(fixes.changes);
        ctx.io.stderr(
          `已应用修复 ${fixes.applied} 处，跳过 ${fixes.skipped} 处 (fixes applied: ${fixes.applied}, skipped: ${fixes.skipped})\n`,
        );
      }
      const outcome = await planCheck(wb, { ...(opts.profile ? { profile: opts.profile } : {}) });
      if (opts.output) {
        await wb.apply(outcome.changes);
        await saveWorkbook(wb, opts.output, file);
      }
      ctx.io.stdout(opts.json ? JSON.stringify(checkJson(outcome), null, 2) + "\n" : checkText(outcome) + "\n");
      ctx.setExitCode(outcome.findings.some((f) => f.severity === "error") ? EXIT_FINDINGS : EXIT_OK);
    });

  program
    .command("clear")
    .description("清除校验标记，恢复单元格原样 (clear the marks of the last check)")
    .argument("<file>", ".xlsx workbook")
    .requiredOption("-o, --output <out.xlsx>", "write the cleared workbook here")
    .action(async (file: string, opts: { output: string }) => {
      const wb = await openWorkbook(file);
      const plan = await planClearMarks(wb);
      await wb.apply(plan.changes);
      await saveWorkbook(wb, opts.output, file);
      ctx.io.stdout(`已清除 ${plan.cleared} 个单元格的标记 (cleared ${plan.cleared} marked cells)\n`);
      ctx.setExitCode(EXIT_OK);
    });
}
