/**
 * Writes a bench workbook: N pasted target tables and, optionally, a payment ledger over them.
 *
 *   node out/scripts/bench/make-workbook.js TABLES LEDGER_ROWS OUT.xlsx
 */
import { promises as fs } from "fs";
import { addBenchLedger, buildBenchWorkbook } from "./workbooks";

export async function writeBenchWorkbook(tables: number, ledgerRows: number, out: string): Promise<number> {
  const wb = buildBenchWorkbook({ tables });
  if (ledgerRows > 0) addBenchLedger(wb, { tables, rows: ledgerRows });
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  await fs.writeFile(out, bytes);
  return bytes.length;
}

if (require.main === module) {
  const [tables, rows, out] = process.argv.slice(2);
  writeBenchWorkbook(Number(tables), Number(rows), out).then(
    (n) => process.stdout.write(`${out}: ${(n / 1e6).toFixed(2)} MB\n`),
    (e) => {
      process.stderr.write(`${(e as Error).stack}\n`);
      process.exit(1);
    },
  );
}
