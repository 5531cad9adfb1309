/**
 * `ptsheet`: the command-line front end. Exit codes for every command: 0 done, 1 done with findings
 * of severity error, 2 unreadable input or a usage error. Each subcommand lives in `commands/` and
 * registers itself here.
 */
import { Command, CommanderError } from "commander";
import { UsageError } from "./io";
import { WorkbookError } from "../adapters/exceljs/errors";
import { EXIT_OK, EXIT_UNREADABLE, type CliContext, type Io } from "./context";
import { registerInspect } from "./commands/inspect";
import { registerGenerate } from "./commands/generate";
import { registerSummary } from "./commands/summary";
import { registerExportLists } from "./commands/export-lists";
import { registerAll } from "./commands/all";
import { registerCheck } from "./commands/check";
import { registerRates } from "./commands/rates";
import { registerLedgerImport } from "./commands/ledger-import";

export { EXIT_OK, EXIT_FINDINGS, EXIT_UNREADABLE } from "./context";

const REGISTRARS: ((program: Command, ctx: CliContext) => void)[] = [
  registerInspect,
  registerCheck,
  registerRates,
  registerLedgerImport,
  registerGenerate,
  registerSummary,
  registerExportLists,
  registerAll,
];

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

function program(ctx: CliContext): Command {
  const p = new Command("ptsheet")
    .description("绩效目标表助手 — read, check and fill project performance target tables in .xlsx files")
    .exitOverride()
    .configureOutput({ writeOut: ctx.io.stdout, writeErr: ctx.io.stderr })
    .showHelpAfterError("（运行 ptsheet --help 查看用法 / run ptsheet --help for usage）");
  for (const register of REGISTRARS) register(p, ctx);
  return p;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const p = program({ io, setExitCode: (c) => (code = c) });
  try {
    await p.parseAsync(argv);
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || e.exitCode === 0) return EXIT_OK;
      return EXIT_UNREADABLE;
    }
    if (e instanceof WorkbookError) {
      io.stderr(`ptsheet: ${e.message}\n         ${e.messageEn}\n`);
      return EXIT_UNREADABLE;
    }
    if (e instanceof UsageError) {
      io.stderr(`ptsheet: ${e.message}\n`);
      return EXIT_UNREADABLE;
    }
    io.stderr(`ptsheet: 处理失败 (failed): ${(e as Error).message ?? String(e)}\n`);
    return EXIT_UNREADABLE;
  }
}
