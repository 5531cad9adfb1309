/**
 * Child process of the bench: loads a workbook with the ExcelJS port, runs the ribbon commands over
 * the fake Excel (see office-ribbon.ts, loaded through the TypeScript hook) and prints their figures
 * as JSON on stdout.
 *
 *   node out/scripts/bench/office-child.js FILE.xlsx
 */
import { promises as fs } from "fs";
import * as path from "path";
import { registerTypeScript } from "./ts-hook";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import type { WorkbookSnapshot } from "../../src/port/workbook";

interface RibbonModule {
  ribbonFigures(snapshot: WorkbookSnapshot): Promise<unknown[]>;
}

async function main(file: string): Promise<void> {
  registerTypeScript();
  const root = path.resolve(__dirname, "..", "..", "..");
  const ribbon = (await import(path.join(root, "scripts", "bench", "office-ribbon.ts"))) as RibbonModule;
  const wb = await ExcelJsWorkbook.load(await fs.readFile(file));
  const snapshot = await wb.read({ formulas: true, numberFormats: true });
  const figures = await ribbon.ribbonFigures(snapshot);
  process.stdout.write(JSON.stringify(figures) + "\n");
}

main(process.argv[2]).then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`office-child: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
