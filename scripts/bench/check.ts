/**
 * Benchmark of `check` (issue 4): on a workbook of 1,000 tables of 10 indicators, the core's time
 * (reading the tables from the snapshot and running every rule) as a fraction of the time ExcelJS
 * takes just to load the same file, measured side by side in one run.
 *
 *   node out/scripts/bench/check.js [tables]
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { checkTables } from "../../src/core/rules";
import { buildBenchWorkbook } from "./workbooks";
import { withPlainExcelJs } from "../../src/adapters/exceljs/plain";

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of `runs` timings of `f`, after one warm-up run. */
async function median(runs: number, f: () => Promise<unknown> | unknown): Promise<number> {
  await f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    await f();
    times.push(ms(t));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export async function benchCheck(tables = 1000, runs = 3): Promise<{ ratio: number; lines: string[] }> {
  const bytes = new Uint8Array((await buildBenchWorkbook({ tables }).xlsx.writeBuffer()) as ArrayBuffer);
  const port = await ExcelJsWorkbook.load(bytes);
  const snapshot = await port.read();
  let findings = 0;
  let found = 0;
  // ExcelJS as shipped (the adapter reads merged areas faster: see src/adapters/exceljs/merges.ts).
  const load = await withPlainExcelJs(() =>
    median(runs, async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    }),
  );
  const snap = await median(runs, () => port.read());
  const core = await median(runs, () => {
    const read = readWorkbook(snapshot);
    found = read.tables.length;
    findings = checkTables(read.tables).findings.length;
  });
  const ratio = core / load;
  return {
    ratio,
    lines: [
      `check: ${tables} tables × 10 indicators, file ${(bytes.length / 1024).toFixed(0)} KB, ${found} tables read, ${findings} findings`,
      `  ExcelJS load        ${load.toFixed(0)} ms`,
      `  snapshot (adapter)  ${snap.toFixed(0)} ms`,
      `  core read + rules   ${core.toFixed(0)} ms`,
      `  core / ExcelJS load = ${ratio.toFixed(3)}  (target < 0.1)`,
    ],
  };
}

if (require.main === module) {
  const tables = Number(process.argv[2] ?? 1000);
  benchCheck(tables).then(
    (r) => process.stdout.write(r.lines.join("\n") + "\n"),
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}
