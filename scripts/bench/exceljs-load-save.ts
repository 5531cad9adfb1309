/**
 * The yardstick of the bench: plain ExcelJS loading a file and saving it again, nothing of ours
 * (this file imports ExcelJS only, so it runs ExcelJS as shipped). Prints {"loadMs", "saveMs"}.
 *
 *   node out/scripts/bench/exceljs-load-save.js IN.xlsx OUT.xlsx
 */
import { promises as fs } from "fs";
import ExcelJS from "exceljs";

async function main(input: string, output: string): Promise<void> {
  const t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await fs.readFile(input)) as unknown as ArrayBuffer);
  const t1 = performance.now();
  await fs.writeFile(output, new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const t2 = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, saveMs: t2 - t1 }) + "\n");
}

main(process.argv[2], process.argv[3]).catch((e) => {
  process.stderr.write(`exceljs-load-save: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
