/**
 * `ptsheet`: the command-line front end. Exit codes for every command: 0 done, 1 done with findings
 * of severity error, 2 unreadable input or a usage error.
 */
import { Command, CommanderError } from "commander";
import { inspectJson, inspectText, inspectWorkbook } from "../commands/inspect";
import { openWorkbook, UsageError } from "./io";
import { WorkbookError } from "../adapters/exceljs/errors";

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_UNREADABLE = 2;

interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
};

function program(io: Io, setCode: (c: number) => void): Command {
  const p = new Command("ptsheet")
    .description("绩效目标表助手 — read, check and fill project performance target tables in .xlsx files")
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError();
  p.command("inspect")
    .description("列出工作簿中识别到的绩效目标表 (list the target tables found in a workbook)")
    .argument("<file>", ".xlsx workbook")
    .option("--json", "print JSON instead of text")
    .action(async (file: string, opts: { json?: boolean }) => {
      const wb = await openWorkbook(file);
      const result = await inspectWorkbook(wb);
      io.stdout(opts.json ? JSON.stringify(inspectJson(result), null, 2) + "\n" : inspectText(result) + "\n");
      setCode(EXIT_OK);
    });
  return p;
}

/** Runs the CLI on `argv` (as `process.argv`) and resolves to the exit code. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = EXIT_OK;
  const p = program(io, (c) => (code = c));
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
