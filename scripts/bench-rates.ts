/**
 * Execution rates of 1,000 tables from a 50,000-row payment ledger, the core's time measured
 * against ExcelJS loading the same file, side by side in one run:
 *
 * - ExcelJS: `workbook.xlsx.load` of the workbook's bytes (unzip and parse every sheet), plain;
 * - the core: `planRates` over the loaded snapshot — recognise the 1,000 tables (a project list and
 *   its indicator list), read and match the ledger's 50,000 rows, compute every checkpoint exactly,
 *   and plan every write (helper columns with their cached results, the columns beside the list,
 *   the record).
 * The port's own load and snapshot (ExcelJS cells into the port's arrays) and applying the writes
 * are printed too, for reference; they are adapter work, not the core's. Rounds alternate after a
 * warm-up; the best
 * round of each side is compared (other processes on a shared machine slow either side at random;
 * the medians are printed too). Target: core ÷ load ≤ 0.2.
 *
 *   node --expose-gc out/scripts/bench-rates.js [TABLES] [ROWS] [ROUNDS]
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../src/adapters/exceljs/workbook";
import { planRates } from "../src/commands/rates";
import { serialOf } from "../src/core/ledger/values";
import { withPlainExcelJs } from "../src/adapters/exceljs/plain";
import { fixtureProjects, listsWorkbook, type FixtureProject } from "./lists-fixture";
import { rng } from "./bench/workbooks";

export const TARGET_RATIO = 0.2;

/** Adds a 支付明细 sheet of `rows` payments over the projects: every date form, refunds, some bad rows. */
export function addBenchLedger(wb: ExcelJS.Workbook, projects: FixtureProject[], rows: number): void {
  const ws = wb.addWorksheet("支付明细");
  ws.addRow(["支付日期", "项目编码", "项目名称", "支付金额（元）", "资金来源", "凭证号", "摘要"]);
  const r = rng(20230601);
  for (let i = 0; i < rows; i++) {
    const p = projects[i % projects.length];
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const year = i % 997 === 0 ? 2022 : 2023;
    const form = i % 5;
    const date: ExcelJS.CellValue =
      form === 0
        ? new Date(Date.UTC(year, month - 1, day))
        : form === 1
          ? `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
          : form === 2
            ? `${year}/${month}/${day}`
            : form === 3
              ? `${year}年${month}月${day}日`
              : year * 10000 + month * 100 + day;
    const cents = Math.floor(r() * 5_000_000);
    const amount: ExcelJS.CellValue =
      i % 50 === 7 ? -cents / 100 : i % 31 === 3 ? (cents / 100).toLocaleString("en-US") : cents / 100;
    const row = ws.getRow(i + 2);
    row.values = [
      i % 1009 === 5 ? "2023-02-30" : date,
      p.code ?? null,
      p.code ? null : p.name,
      amount,
      i % 3 === 0 ? "其他资金" : "财政拨款",
      `PZ${String(i).padStart(6, "0")}`,
      "支付",
    ];
    if (date instanceof Date) row.getCell(1).numFmt = "yyyy-mm-dd";
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function ms(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export interface BenchResult {
  tables: number;
  rows: number;
  bytes: number;
  loadMs: number;
  snapshotMs: number;
  coreMs: number;
  applyMs: number;
  ratio: number;
  /** Best ms of the core's phases: tables, ledger, rates, writes. */
  phases: Record<string, number>;
  /** The same ratio of the medians. */
  medianRatio: number;
}

export async function benchRates(tables = 1000, rows = 50_000, rounds = 3): Promise<BenchResult> {
  const projects = fixtureProjects(tables);
  const wb = listsWorkbook(projects);
  addBenchLedger(wb, projects, rows);
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const asOf = serialOf(2023, 12, 31);
  const load: number[] = [];
  const snapshot: number[] = [];
  const core: number[] = [];
  let applyMs = 0;
  const phases: Record<string, number[]> = {};
  let found = 0;
  // With --expose-gc and BENCH_GC=1, each step starts from a collected heap (no step pays for the
  // garbage of the one before); by default not, as a full collection slows the next step instead
  // (V8 shrinks the young generation after it).
  const gcAll = (globalThis as { gc?: () => void }).gc;
  const gc = process.env.BENCH_GC === "1" && gcAll ? gcAll : (): void => undefined;
  // Round 0 warms up and is not counted.
  for (let round = 0; round <= rounds; round++) {
    gc();
    let t = process.hrtime.bigint();
    // ExcelJS alone loading the file: the yardstick.
    await withPlainExcelJs(() => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer));
    const l = ms(t);
    gc();
    // The port's load (ExcelJS plus its checks) and snapshot, for reference.
    t = process.hrtime.bigint();
    const port = await ExcelJsWorkbook.load(bytes);
    const snap = await port.read();
    const s = ms(t);
    gc();
    t = process.hrtime.bigint();
    const outcome = planRates(snap.sheets, {
      asOf,
      today: asOf,
      profile: (phase, t) => (round > 0 ? (phases[phase] ??= []).push(t) : undefined),
    });
    const c = ms(t);
    found = outcome.report.tables.length;
    if (round === rounds) {
      t = process.hrtime.bigint();
      await port.apply(outcome.changes);
      applyMs = ms(t);
    }
    if (round === 0) continue;
    load.push(l);
    snapshot.push(s);
    core.push(c);
  }
  if (found !== tables) throw new Error(`expected ${tables} tables, found ${found}`);
  const loadMs = Math.min(...load);
  const coreMs = Math.min(...core);
  return {
    tables,
    rows,
    bytes: bytes.length,
    loadMs,
    snapshotMs: Math.min(...snapshot),
    coreMs,
    applyMs,
    ratio: coreMs / loadMs,
    phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.min(...v)])),
    medianRatio: median(core) / median(load),
  };
}

if (require.main === module) {
  const [tables, rows, rounds] = process.argv.slice(2).map(Number);
  benchRates(tables || 1000, rows || 50_000, rounds || 3).then(
    (r) => {
      const f = (x: number): string => `${x.toFixed(0).padStart(7)} ms`;
      process.stdout.write(
        [
          `执行率基准 (rates benchmark): ${r.tables} 张表, ${r.rows} 行支付明细, ${(r.bytes / 1e6).toFixed(1)} MB`,
          `  ExcelJS 读入文件 (load)          ${f(r.loadMs)}`,
          `  端口读入与快照 (port load + snapshot) ${f(r.snapshotMs)}`,
          `  核心计算与写入计划 (core)        ${f(r.coreMs)}`,
          ...Object.entries(r.phases).map(([k, v]) => `    · ${k.padEnd(27)}${f(v)}`),
          `  写入工作簿 (apply, adapter)      ${f(r.applyMs)}`,
          `  core ÷ load = ${r.ratio.toFixed(3)}  (目标 target ≤ ${TARGET_RATIO}) ${r.ratio <= TARGET_RATIO ? "OK" : "OVER"}` +
            `   [medians: ${r.medianRatio.toFixed(3)}]`,
          "",
        ].join("\n"),
      );
      process.exit(r.ratio <= TARGET_RATIO ? 0 : 1);
    },
    (e) => {
      process.stderr.write(`bench-rates: ${(e as Error).stack ?? String(e)}\n`);
      process.exit(2);
    },
  );
}
