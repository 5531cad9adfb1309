/**
 * What the helper columns' reach costs in the file: a workbook of 1,000 tables with a 50,000-row
 * payment ledger (the `bench:rates` workbook), saved as it is, after `rates` with the reach
 * `helperLastRow` gives (a quarter of the rows or 5,000 past the last payment), and after `rates` with the helper columns cut
 * back to the old reach (2,000 rows past the last payment), for comparison.
 *
 *   npm run build:cli && node out/scripts/measure-ledger-size.js [TABLES] [ROWS]
 */
import { ExcelJsWorkbook } from "../src/adapters/exceljs/workbook";
import { planRates } from "../src/commands/rates";
import { serialOf } from "../src/core/ledger/values";
import { parseRange, rangeAddress } from "../src/core/address";
import type { WorkbookChange } from "../src/port/workbook";
import { fixtureProjects, listsWorkbook } from "./lists-fixture";
import { addBenchLedger } from "./bench-rates";

/** The changes with every fill of the ledger's helper columns (and their styles) cut to `lastRow`. */
function cutTo(changes: WorkbookChange[], sheet: string, lastRow: number): WorkbookChange[] {
  return changes.map((c) => {
    if (!("sheet" in c) || c.sheet !== sheet) return c;
    if (c.kind === "fillFormula") {
      const r = parseRange(c.range);
      if (r.bottom <= lastRow) return c;
      return {
        ...c,
        range: rangeAddress({ ...r, bottom: lastRow }),
        results: c.results?.slice(0, lastRow - r.top + 1),
      };
    }
    if (c.kind === "setStyle") {
      const r = parseRange(c.range);
      if (r.bottom <= lastRow || r.top > lastRow) return c;
      return { ...c, range: rangeAddress({ ...r, bottom: lastRow }) };
    }
    return c;
  });
}

async function main(tables: number, rows: number): Promise<void> {
  const projects = fixtureProjects(tables);
  const wb = listsWorkbook(projects);
  addBenchLedger(wb, projects, rows);
  const input = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const opts = { asOf: serialOf(2023, 12, 31), today: serialOf(2024, 3, 1) };

  const now = await ExcelJsWorkbook.load(input);
  const plan = planRates((await now.read()).sheets, opts);
  const reach = plan.changes
    .filter((c) => c.kind === "fillFormula" && c.sheet === "支付明细")
    .map((c) => (c.kind === "fillFormula" ? parseRange(c.range).bottom : 0));
  await now.apply(plan.changes);
  const withReach = await now.toBuffer();

  const old = await ExcelJsWorkbook.load(input);
  await old.apply(cutTo(plan.changes, "支付明细", rows + 1 + 2000));
  const withOld = await old.toBuffer();

  const mb = (n: number): string => `${(n / 1e6).toFixed(2)} MB`;
  process.stdout.write(
    [
      `支付明细 ${rows} 行, ${tables} 张表 (ledger rows, tables)`,
      `  原文件 (input)                                  ${mb(input.length)}`,
      `  填充执行率，辅助列到第 ${Math.max(...reach)} 行 (rates, helpers to row)   ${mb(withReach.length)}  (+${mb(withReach.length - input.length)})`,
      `  同上，辅助列只到末行后 2000 行 (helpers to last+2000) ${mb(withOld.length)}  (+${mb(withOld.length - input.length)})`,
      `  多出的覆盖范围的代价 (cost of the extra reach)   ${mb(withReach.length - withOld.length)}`,
      "",
    ].join("\n"),
  );
}

if (require.main === module) {
  const [tables, rows] = process.argv.slice(2).map(Number);
  main(tables || 1000, rows || 50_000).catch((e: unknown) => {
    process.stderr.write(`measure-ledger-size: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(2);
  });
}
