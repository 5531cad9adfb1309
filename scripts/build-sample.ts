/**
 * Builds the bundled sample workbook from the seed document (a Word document exported as text, with
 * its tables as tab-led cell lines), laid out as Excel lays out Word tables pasted into a sheet:
 * paragraphs one a row in column A, table cells on a 7-column grid with merges where a Word cell
 * spans columns or rows, numbers and percentages converted as Excel converts them on paste.
 *
 *   node out/scripts/build-sample.js [SEED.txt] [OUT.xlsx]
 */
import { existsSync, promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";

/** The repository root, whether this runs from scripts/ (ts-jest) or out/scripts/ (compiled). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const DEFAULT_SEED = path.join(repoRoot(), "assets", "seed", "000_0464f6aac9b8c196.txt");
export const DEFAULT_SAMPLE = path.join(repoRoot(), "assets", "sample", "seed-sample.xlsx");

type Block = { kind: "para"; text: string } | { kind: "row"; cells: string[] };

/** Splits the seed into paragraphs and table rows (cells start with a tab; a blank line ends a row). */
export function parseSeed(text: string): Block[] {
  const lines = text
    .replace(/\r\n?/g, "\n")
    .replace(/\[bookmark: [^\]]*\]/g, "")
    .split("\n");
  const blocks: Block[] = [];
  let row: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith("\t")) {
      row ??= [];
      row.push(line.slice(1));
      continue;
    }
    if (row) {
      if (line === "") {
        blocks.push({ kind: "row", cells: row });
        row = null;
        continue;
      }
      // A line without a tab inside a row continues the last cell (a line break in the cell).
      row[row.length - 1] += `\n${line}`;
      continue;
    }
    blocks.push({ kind: "para", text: line });
  }
  if (row) blocks.push({ kind: "row", cells: row });
  return blocks;
}

/** Column spans (1-based, inclusive) of a Word row with n cells on the 7-column grid. */
const SPANS: Record<number, [number, number][]> = {
  2: [
    [1, 1],
    [2, 7],
  ],
  4: [
    [1, 1],
    [2, 3],
    [4, 4],
    [5, 7],
  ],
  5: [
    [1, 1],
    [2, 2],
    [3, 4],
    [5, 5],
    [6, 7],
  ],
  6: [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 5],
    [6, 6],
    [7, 7],
  ],
  7: [
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
    [5, 5],
    [6, 6],
    [7, 7],
  ],
};
/** The department / unit line: the department over five columns, the unit over two. */
const HEADER_SPANS: [number, number][] = [
  [1, 5],
  [6, 7],
];

/** What Excel stores when a Word cell's text is pasted: numbers and percentages become numbers. */
function pastedValue(text: string): { value: ExcelJS.CellValue; numFmt?: string } {
  const t = text.trim();
  if (t === "") return { value: null };
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(t);
  if (pct) return { value: Number(pct[1]) / 100, numFmt: pct[1].includes(".") ? "0.00%" : "0%" };
  const num = /^\d+(\.(\d+))?$/.exec(t);
  if (num && t.length < 12)
    return { value: Number(t), ...(num[2] ? { numFmt: `0.${"0".repeat(num[2].length)}` } : {}) };
  return { value: text.replace(/^[ \u00a0]+|[ \u00a0]+$/g, "") };
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FF000000" } };
const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

export async function buildSample(seedFile = DEFAULT_SEED, outFile = DEFAULT_SAMPLE): Promise<string> {
  const blocks = parseSeed(await fs.readFile(seedFile, "utf8"));
  const wb = new ExcelJS.Workbook();
  wb.creator = "ptsheet build-sample";
  wb.created = wb.modified = new Date(Date.UTC(2022, 0, 1));
  const ws = wb.addWorksheet("绩效目标");
  ws.columns = [14, 14, 18, 16, 22, 12, 16].map((width) => ({ width }));
  let r = 0;
  /** Row of the cell each column's pending downward merge starts at, for blank first cells. */
  let mergeDownFrom: number | null = null;
  let inIndicators = false;
  const closeMerge = (lastRow: number): void => {
    if (mergeDownFrom !== null && lastRow > mergeDownFrom) ws.mergeCells(mergeDownFrom, 1, lastRow, 1);
    mergeDownFrom = null;
  };
  for (const b of blocks) {
    r++;
    if (b.kind === "para") {
      closeMerge(r - 1);
      inIndicators = false;
      const text = b.text.trim();
      if (text !== "") {
        const cell = ws.getCell(r, 1);
        cell.value = text;
        if (/绩效目标表$/.test(text)) cell.font = { bold: true, size: 12 };
      }
      continue;
    }
    const cells = b.cells;
    const isHeaderLine = cells.length === 2 && /^\d{5,}/.test(cells[0].trim());
    const spans = isHeaderLine ? HEADER_SPANS : SPANS[cells.length];
    if (!spans) throw new Error(`Seed row with ${cells.length} cells is not laid out: ${cells.join(" | ")}`);
    const first = cells[0].trim();
    if (first === "一级指标") inIndicators = true;
    // A blank first cell continues the cell above (预算规模及资金用途, 资金支出计划, 一级指标).
    if (first === "" && !isHeaderLine) mergeDownFrom ??= r - 1;
    else closeMerge(r - 1);
    cells.forEach((text, i) => {
      const [c1, c2] = spans[i];
      if (c2 > c1) ws.mergeCells(r, c1, r, c2);
      if (i === 0 && first === "" && !isHeaderLine) return;
      const cell = ws.getCell(r, c1);
      const v = pastedValue(text);
      cell.value = v.value;
      if (v.numFmt) cell.numFmt = v.numFmt;
    });
    for (let c = 1; c <= 7; c++) {
      const cell = ws.getCell(r, c);
      cell.alignment = { wrapText: true, vertical: "middle", horizontal: isHeaderLine && c >= 6 ? "right" : undefined };
      if (!isHeaderLine) cell.border = BORDER;
    }
    if (inIndicators && first === "一级指标") ws.getRow(r).font = { bold: true };
  }
  closeMerge(r);
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  await wb.xlsx.writeFile(outFile);
  return outFile;
}

if (require.main === module) {
  const [seed, out] = process.argv.slice(2);
  buildSample(seed ?? DEFAULT_SEED, out ?? DEFAULT_SAMPLE).then(
    (file) => process.stdout.write(`sample workbook written: ${path.relative(process.cwd(), file)}\n`),
    (e) => {
      process.stderr.write(`build-sample: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
