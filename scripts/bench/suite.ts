/**
 * `npm run bench`: the measured speed of every command (issue 7).
 *
 * For workbooks of 10, 100 and 1,000 pasted target tables, each with a payment ledger of 50 rows a
 * table (50,000 rows at 1,000 tables: dates in five forms, a sheet in 元 and one in 万元, refunds, text
 * amounts, a few bad rows, codes and names matching the tables), and for each command (inspect,
 * check, clear, generate, summary, export-lists, rates, all):
 *
 * - core: the domain work on the workbook's snapshot, no I/O (reading the tables, the rules, planning
 *   every write), in this process;
 * - CLI: `node bin/ptsheet.js …` in a child process, wall time and CPU time, against plain ExcelJS
 *   loading and saving the same input file in a child process of its own, run right before it (side
 *   by side: the ratio is what counts on a shared machine); median of BENCH_RUNS runs below 1,000
 *   tables, one run at 1,000 (two alternating pairs for `all`, the best of each side);
 * - peak memory: the child's maxRSS;
 * - per table: core and CLI time divided by the tables, to judge linear growth;
 *
 * then, from the fake Excel (test/fake-excel, in a child process), the `context.sync` calls and the
 * largest request and response of each ribbon command; the task-pane bundle (dist/, built by
 * `npm run bench` first); and the specialised ratios of issues 4–6 (check core ÷ load, generate ÷
 * plain ExcelJS write, rates core ÷ load). Prints a table and writes test-artifacts/bench.json.
 *
 *   BENCH_SIZES=10,100 node out/scripts/bench/suite.js      (a quick run)
 *   env: BENCH_SIZES (10,100,1000), BENCH_RUNS (3), BENCH_FAKE_SIZES (10,100),
 *        BENCH_SKIP=specialised,bundle,fake
 */
import { spawnSync } from "child_process";
import { promises as fs, readFileSync, rmSync } from "fs";
import * as os from "os";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import type { CellLook, WorkbookChange, WorkbookPort, WorkbookSnapshot } from "../../src/port/workbook";
import { readSheets, readWorkbook } from "../../src/core/reader";
import type { ReadResult } from "../../src/core/model";
import { planCheck, planClearMarks } from "../../src/commands/check";
import { planGenerate } from "../../src/commands/generate";
import { planSummary } from "../../src/commands/summary";
import { planRates, serialOf } from "../../src/commands/rates";
import { planExportLists } from "../../src/commands/export-lists";
import { BENCH_YEAR } from "./workbooks";
import { writeBenchWorkbook } from "./make-workbook";
import { measure as measureBundle, INITIAL_BUDGET_GZIP, type BundleReport } from "../bench-bundle";
import { benchCheck } from "./check";
import { bench as benchGenerate } from "../bench-generate";
import { benchRates, TARGET_RATIO as RATES_TARGET } from "../bench-rates";

const ROOT = path.resolve(__dirname, "..", "..", "..");
const OUT = path.join(ROOT, "out", "scripts", "bench");
const WORK = path.join(ROOT, "test-artifacts", "bench");
const AS_OF = `${BENCH_YEAR}-12-31`;
export const ALL_TARGET = 1.5;
const ROWS_PER_TABLE = 50;

const COMMANDS = ["inspect", "check", "clear", "generate", "summary", "export-lists", "rates", "all"] as const;
type Command = (typeof COMMANDS)[number];

function list(env: string | undefined, fallback: number[]): number[] {
  return env
    ? env
        .split(",")
        .map((s) => Number(s.trim()))
        .filter((n) => n > 0)
    : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// ---------------------------------------------------------------------------------------------
// Child processes.

interface ChildRun {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
  code: number;
  stdout: string;
}

/** Runs `node ARGS` with the resource-use hook preloaded; its wall time, CPU time and peak RSS. */
function node(args: string[]): ChildRun {
  const usage = path.join(WORK, `.rusage-${process.pid}.json`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["-r", path.join(OUT, "rusage.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, BENCH_RUSAGE_FILE: usage },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  if (r.error) throw r.error;
  let u = { maxRssKb: 0, userUs: 0, systemUs: 0 };
  try {
    u = JSON.parse(readFileSync(usage, "utf8")) as typeof u;
    rmSync(usage);
  } catch {
    // no figures: the child died before its exit handler
  }
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr.slice(0, 2000)}`);
  return {
    wallMs,
    cpuMs: (u.userUs + u.systemUs) / 1000,
    maxRssMb: u.maxRssKb / 1024,
    code: r.status ?? -1,
    stdout: r.stdout,
  };
}

function cliArgs(command: Command, input: string, output: string): string[] {
  const bin = path.join(ROOT, "bin", "ptsheet.js");
  switch (command) {
    case "inspect":
      return [bin, "inspect", input];
    case "rates":
      return [bin, "rates", input, "--as-of", AS_OF, "-o", output];
    default:
      return [bin, command, input, "-o", output];
  }
}

function yardstick(input: string, output: string): ChildRun {
  return node([path.join(OUT, "exceljs-load-save.js"), input, output]);
}

// ---------------------------------------------------------------------------------------------
// Core: the domain work on a snapshot.

/** A port serving one snapshot (read) and the ExcelJS port's looks; writes are only collected. */
class SnapshotPort implements WorkbookPort {
  constructor(
    private readonly snapshot: WorkbookSnapshot,
    private readonly base: ExcelJsWorkbook,
  ) {}
  listSheets = () => this.base.listSheets();
  read = async (): Promise<WorkbookSnapshot> => this.snapshot;
  readLooks = (cells: { sheet: string; cell: string }[]): Promise<CellLook[]> => this.base.readLooks(cells);
  apply = async (_changes: WorkbookChange[]): Promise<void> => undefined;
}

async function timed(f: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

const asOfSerial = serialOf(BENCH_YEAR, 12, 31);

/** Core time of one command on a loaded workbook (`checked`: the workbook after `check`, for clear). */
async function coreTime(command: Command, port: ExcelJsWorkbook, checked: ExcelJsWorkbook): Promise<number> {
  const snapshot = await port.read();
  switch (command) {
    case "inspect":
      return timed(() => readWorkbook(snapshot));
    case "check":
      return timed(() => planCheck(new SnapshotPort(snapshot, port)));
    case "clear": {
      const snap = await checked.read();
      return timed(() => planClearMarks(new SnapshotPort(snap, checked)));
    }
    case "generate":
      return timed(() => planGenerate(snapshot));
    case "summary":
      return timed(() => planSummary(snapshot));
    case "export-lists":
      return timed(() => planExportLists(readSheets(snapshot.sheets).tables, [], false));
    case "rates":
      return timed(() => planRates(snapshot.sheets, { asOf: asOfSerial, today: asOfSerial }));
    case "all":
      return 0; // measured by coreAll, which changes the workbook
  }
}

/**
 * `all`'s core: each step planned on the snapshot the step before left (reads and writes untimed),
 * the tables read once after `generate` (by `check`) and handed on, as `ptsheet all` does.
 */
async function coreAll(bytes: Uint8Array): Promise<number> {
  const port = await ExcelJsWorkbook.load(bytes);
  port.cacheReads = true;
  let ms = 0;
  const step = async (plan: (s: WorkbookSnapshot) => Promise<WorkbookChange[]> | WorkbookChange[]): Promise<void> => {
    const snap = await port.read();
    let changes: WorkbookChange[] = [];
    ms += await timed(async () => (changes = await plan(snap)));
    await port.apply(changes);
  };
  await step((s) => planGenerate(s).changes);
  let tables: ReadResult | undefined;
  await step(async (s) => {
    const outcome = await planCheck(new SnapshotPort(s, port));
    tables = outcome.read;
    return outcome.changes;
  });
  await step((s) => planSummary(s, tables).changes);
  await step(
    (s) => planRates(s.sheets, { asOf: asOfSerial, today: asOfSerial, ...(tables ? { tables } : {}) }).changes,
  );
  return ms;
}

// ---------------------------------------------------------------------------------------------
// The run.

interface CommandFigures {
  command: Command;
  input: string;
  coreMs: number;
  cliMs: number;
  cliCpuMs: number;
  excelJsMs: number;
  excelJsCpuMs: number;
  ratio: number;
  cpuRatio: number;
  maxRssMb: number;
  excelJsMaxRssMb: number;
  exitCode: number;
  runs: number;
  corePerTableMs: number;
  cliPerTableMs: number;
}

interface SizeFigures {
  tables: number;
  ledgerRows: number;
  fileBytes: number;
  excelJs: { loadMs: number; saveMs: number };
  commands: CommandFigures[];
}

function log(s: string): void {
  process.stderr.write(s + "\n");
}

async function benchSize(tables: number, runs: number): Promise<SizeFigures> {
  await fs.mkdir(WORK, { recursive: true });
  const input = path.join(WORK, `tables-${tables}.xlsx`);
  const rows = tables * ROWS_PER_TABLE;
  const fileBytes = await writeBenchWorkbook(tables, rows, input);
  const out = path.join(WORK, `out-${tables}.xlsx`);
  const checkedFile = path.join(WORK, `checked-${tables}.xlsx`);
  log(`${tables} tables, ${rows} ledger rows: ${(fileBytes / 1e6).toFixed(2)} MB`);
  // The input of clear: the workbook as check leaves it.
  node(cliArgs("check", input, checkedFile));

  const bytes = new Uint8Array(await fs.readFile(input));
  const port = await ExcelJsWorkbook.load(bytes);
  const checked = await ExcelJsWorkbook.load(new Uint8Array(await fs.readFile(checkedFile)));
  const ys = yardstick(input, path.join(WORK, `yardstick-${tables}.xlsx`));
  const excelJs = JSON.parse(ys.stdout) as { loadMs: number; saveMs: number };

  const commands: CommandFigures[] = [];
  for (const command of COMMANDS) {
    const cmdInput = command === "clear" ? checkedFile : input;
    // Core: warm once at small sizes, then the median of the runs.
    const core: number[] = [];
    const coreRuns = tables >= 1000 ? 1 : runs;
    for (let i = 0; i < coreRuns; i++)
      core.push(command === "all" ? await coreAll(bytes) : await coreTime(command, port, checked));
    // CLI and ExcelJS, alternating, side by side.
    const pairs = tables >= 1000 ? (command === "all" ? 2 : 1) : runs;
    const cli: ChildRun[] = [];
    const yard: ChildRun[] = [];
    for (let i = 0; i < pairs; i++) {
      yard.push(yardstick(cmdInput, path.join(WORK, `yardstick-${tables}.xlsx`)));
      cli.push(node(cliArgs(command, cmdInput, out)));
    }
    // Below 1,000 tables the medians; at 1,000 (one or two runs) the best of each side.
    const pick = (xs: number[]): number => (tables >= 1000 ? Math.min(...xs) : median(xs));
    const cliMs = pick(cli.map((r) => r.wallMs));
    const cliCpuMs = pick(cli.map((r) => r.cpuMs));
    const excelJsMs = pick(yard.map((r) => r.wallMs));
    const excelJsCpuMs = pick(yard.map((r) => r.cpuMs));
    const coreMs = median(core);
    const f: CommandFigures = {
      command,
      input: path.relative(ROOT, cmdInput),
      coreMs,
      cliMs,
      cliCpuMs,
      excelJsMs,
      excelJsCpuMs,
      ratio: cliMs / excelJsMs,
      cpuRatio: cliCpuMs / excelJsCpuMs,
      maxRssMb: Math.max(...cli.map((r) => r.maxRssMb)),
      excelJsMaxRssMb: Math.max(...yard.map((r) => r.maxRssMb)),
      exitCode: cli[0].code,
      runs: pairs,
      corePerTableMs: coreMs / tables,
      cliPerTableMs: cliMs / tables,
    };
    commands.push(f);
    log(
      `  ${command.padEnd(12)} core ${fmt(coreMs)}  CLI ${fmt(cliMs)} (cpu ${fmt(cliCpuMs)})  ExcelJS load+save ${fmt(excelJsMs)} (cpu ${fmt(excelJsCpuMs)})  ratio ${f.ratio.toFixed(2)} / cpu ${f.cpuRatio.toFixed(2)}  ${f.maxRssMb.toFixed(0)} MB`,
    );
  }
  return { tables, ledgerRows: rows, fileBytes, excelJs, commands };
}

function fmt(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`;
}

interface RibbonFigures {
  command: string;
  syncs: number;
  runs: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  ms: number;
  outcome: string;
}

function fakeExcel(tables: number): RibbonFigures[] {
  const file = path.join(WORK, `tables-${tables}.xlsx`);
  const r = node([path.join(OUT, "office-child.js"), file]);
  if (r.code !== 0) throw new Error(`office-child failed on ${tables} tables`);
  return JSON.parse(r.stdout) as RibbonFigures[];
}

function machine(): Record<string, string | number> {
  const cpu = os.cpus();
  let model = cpu[0]?.model ?? "unknown";
  try {
    const info = readFileSync("/proc/cpuinfo", "utf8") as string;
    model = /model name\s*:\s*(.+)/.exec(info)?.[1]?.trim() ?? model;
  } catch {
    // not Linux
  }
  return {
    cpu: model,
    cores: cpu.length,
    ramGb: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    loadAverage: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
    date: new Date().toISOString(),
  };
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

function table(sizes: SizeFigures[]): string {
  const lines: string[] = [];
  const head = [
    "tables",
    "command",
    "core",
    "core/table",
    "CLI",
    "CLI/table",
    "ExcelJS l+s",
    "ratio",
    "CPU ratio",
    "peak RSS",
    "exit",
  ];
  const rows: string[][] = [];
  for (const s of sizes)
    for (const c of s.commands)
      rows.push([
        String(s.tables),
        c.command,
        fmt(c.coreMs),
        `${c.corePerTableMs.toFixed(2)} ms`,
        fmt(c.cliMs),
        `${c.cliPerTableMs.toFixed(1)} ms`,
        fmt(c.excelJsMs),
        c.ratio.toFixed(2),
        c.cpuRatio.toFixed(2),
        `${c.maxRssMb.toFixed(0)} MB`,
        String(c.exitCode),
      ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]): string =>
    r.map((x, i) => (i < 2 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join("  ");
  lines.push(line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line));
  return lines.join("\n");
}

async function main(): Promise<number> {
  const sizes = list(process.env.BENCH_SIZES, [10, 100, 1000]);
  const runs = Number(process.env.BENCH_RUNS ?? 3) || 3;
  // The fake Excel keeps every cell as an object: 1,000 tables and their ledger take minutes there,
  // and its figures (syncs per command) do not grow with the tables; BENCH_FAKE_SIZES=…,1000 to run it.
  const fakeSizes = list(
    process.env.BENCH_FAKE_SIZES,
    sizes.filter((n) => n <= 100),
  ).filter((n) => sizes.includes(n));
  const skip = new Set((process.env.BENCH_SKIP ?? "").split(",").map((s) => s.trim()));
  const started = performance.now();
  const result: Record<string, unknown> = { machine: machine(), sizes: [] as SizeFigures[] };
  const out: string[] = [];

  const sizeFigures: SizeFigures[] = [];
  for (const n of sizes) sizeFigures.push(await benchSize(n, runs));
  result.sizes = sizeFigures;
  out.push("命令耗时 (command times): core = domain work on the snapshot; CLI = node bin/ptsheet.js in a child;");
  out.push(
    "ExcelJS l+s = plain ExcelJS loading and saving the same input, run beside it; ratio = CLI ÷ ExcelJS (wall), CPU ratio likewise in CPU time",
  );
  out.push(table(sizeFigures));

  // Growth: per-table cost from the smallest to the largest size.
  if (sizeFigures.length > 1) {
    out.push("", "每表耗时 (per table, ms): core | CLI");
    for (const c of COMMANDS) {
      const cells = sizeFigures.map((s) => {
        const f = s.commands.find((x) => x.command === c)!;
        return `${s.tables}: ${f.corePerTableMs.toFixed(2)} | ${f.cliPerTableMs.toFixed(1)}`;
      });
      out.push(`  ${c.padEnd(12)} ${cells.join("    ")}`);
    }
  }

  const largest = sizeFigures[sizeFigures.length - 1];
  const all = largest?.commands.find((c) => c.command === "all");
  let ok = true;
  if (all && largest.tables >= 1000) {
    const pass = all.ratio <= ALL_TARGET || all.cpuRatio <= ALL_TARGET;
    ok &&= pass;
    out.push(
      "",
      `ptsheet all, ${largest.tables} tables + ${largest.ledgerRows} ledger rows: ${fmt(all.cliMs)} vs ExcelJS load+save ${fmt(all.excelJsMs)} = ${all.ratio.toFixed(2)} (CPU ${all.cpuRatio.toFixed(2)}; target ≤ ${ALL_TARGET}) ${pass ? "OK" : "OVER"}`,
    );
    result.allRatio = { wall: all.ratio, cpu: all.cpuRatio, target: ALL_TARGET, pass };
  }

  if (!skip.has("fake")) {
    const fake: Record<number, RibbonFigures[]> = {};
    out.push(
      "",
      "假 Excel (fake Excel): per ribbon command, context.sync calls | Excel.run calls | largest request | largest response | outcome",
    );
    for (const n of fakeSizes) {
      log(`fake Excel, ${n} tables…`);
      fake[n] = fakeExcel(n);
      for (const f of fake[n])
        out.push(
          `  ${String(n).padStart(5)} ${f.command.padEnd(10)} ${String(f.syncs).padStart(4)} syncs  ${String(f.runs).padStart(2)} runs  req ${kb(f.maxRequestBytes).padStart(10)}  resp ${kb(f.maxResponseBytes).padStart(10)}  ${fmt(f.ms).padStart(8)}  ${f.outcome}`,
        );
    }
    result.fakeExcel = fake;
  }

  if (!skip.has("bundle")) {
    const dist = path.join(ROOT, "dist");
    try {
      const b: BundleReport = await measureBundle(dist);
      result.bundle = b;
      const pass = b.initialGzip <= INITIAL_BUDGET_GZIP;
      ok &&= pass && b.exceljs !== null;
      out.push(
        "",
        `任务窗格包 (task-pane bundle): initial JS ${kb(b.initial.reduce((n, f) => n + f.bytes, 0))}, gzipped ${kb(b.initialGzip)} (budget ${kb(INITIAL_BUDGET_GZIP)}) ${pass ? "OK" : "OVER"}; ` +
          (b.exceljs
            ? `ExcelJS chunk ${kb(b.exceljs.bytes)}, gzipped ${kb(b.exceljs.gzip)}`
            : "ExcelJS chunk not found"),
      );
    } catch (e) {
      out.push("", `任务窗格包: dist/ not built (${(e as Error).message}); run \`npm run build\` first`);
      ok = false;
    }
  }

  if (!skip.has("specialised")) {
    log("specialised benches (issues 4–6)…");
    const c = await benchCheck(1000, 3);
    const g = await benchGenerate(500, 3);
    const r = await benchRates(1000, 50_000, 3);
    result.specialised = {
      checkCoreOverLoad: c.ratio,
      generateOverExcelJsWrite: g.ratio,
      generateWholeOverExcelJsWrite: g.wholeRatio,
      ratesCoreOverLoad: r.ratio,
    };
    ok &&= g.ratio <= 1.5 && r.ratio <= RATES_TARGET;
    out.push(
      "",
      "专项比值 (specialised ratios, in this process, against ExcelJS as shipped):",
      ...c.lines.map((l) => `  ${l}`),
      `  generate 500 tables, core + write ÷ plain ExcelJS write = ${g.ratio.toFixed(2)} (target ≤ 1.5) ${g.ratio <= 1.5 ? "OK" : "OVER"}; whole command ${g.wholeRatio.toFixed(2)}`,
      `  rates 1,000 tables × 50,000 rows, core ÷ ExcelJS load = ${r.ratio.toFixed(3)} (target ≤ ${RATES_TARGET}) ${r.ratio <= RATES_TARGET ? "OK" : "OVER"}`,
    );
  }

  result.totalSeconds = (performance.now() - started) / 1000;
  out.push(
    "",
    `machine: ${JSON.stringify(result.machine)}; bench took ${(result.totalSeconds as number).toFixed(0)} s`,
  );
  await fs.mkdir(path.join(ROOT, "test-artifacts"), { recursive: true });
  await fs.writeFile(path.join(ROOT, "test-artifacts", "bench.json"), JSON.stringify(result, null, 2) + "\n");
  process.stdout.write(out.join("\n") + "\n(JSON: test-artifacts/bench.json)\n");
  return ok ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`bench: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
