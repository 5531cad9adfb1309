/**
 * The summary's chart of plan against actual execution: its data block (a row per checkpoint, the
 * budget-weighted plan and execution rate as live formulas with exact cached results, amounts of
 * different units brought to the summary's unit first), the `chart` change over it, made by 生成汇总表
 * and refreshed by 填充执行率, and skipped by the ExcelJS adapter.
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planSummary, runSummary, summaryText } from "../../src/commands/summary";
import { planRates } from "../../src/commands/rates";
import { readWorkbook } from "../../src/core/reader";
import { serialOf } from "../../src/core/ledger/values";
import { CHART_BLOCK_TITLE, CHART_NAME, chronological, findChartBlock } from "../../src/core/generate/summary";
import { Grid } from "../../src/core/grid";
import type { WorkbookChange } from "../../src/port/workbook";

jest.setTimeout(600_000);

/**
 * Three projects of 2023 on two lists: 甲 (100 万元, plan 50% · 100%) and 乙 (10 万元, 40% · 100%)
 * in 万元, 丙 (300,000 元 = 30 万元, 20% · 100%) in 元; a 元 ledger.
 */
function threeTables(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const a = wb.addWorksheet("项目清单");
  a.addRow(["项目编码", "项目名称", "年度", "预算数（万元）", "6月底", "12月底"]);
  a.addRow(["13010023P001", "甲项目", 2023, 100, 0.5, 1]);
  a.addRow(["13010023P002", "乙项目", 2023, 10, 0.4, 1]);
  const b = wb.addWorksheet("元清单");
  b.addRow(["项目编码", "项目名称", "年度", "预算数（元）", "6月底", "12月底"]);
  b.addRow(["13010023P003", "丙项目", 2023, 300000, 0.2, 1]);
  for (const ws of [a, b])
    for (const c of ["E", "F"]) for (let r = 2; r <= 3; r++) ws.getCell(`${c}${r}`).numFmt = "0%";
  const l = wb.addWorksheet("支付明细");
  l.addRow(["付款日期", "项目编码", "发生额（元）"]);
  l.addRow(["2023-03-01", "13010023P001", 300000]);
  l.addRow(["2023-09-30", "13010023P001", 200000]);
  l.addRow(["2023-06-30", "13010023P002", 35000]);
  l.addRow(["2023-05-01", "13010023P003", 60000]);
  return wb;
}

async function port(wb: ExcelJS.Workbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

function formulaOf(ws: ExcelJS.Worksheet, cell: string): { formula: string; result: unknown } {
  // `value` drops a result of "" or 0; `result` gives it as stored.
  const c = ws.getCell(cell);
  return { formula: c.formula, result: c.result };
}

function charts(changes: WorkbookChange[]): Extract<WorkbookChange, { kind: "chart" }>[] {
  return changes.filter((c): c is Extract<WorkbookChange, { kind: "chart" }> => c.kind === "chart");
}

describe("the summary's plan-against-actual data and chart", () => {
  it("orders the checkpoints as the year runs; labels without a date keep their order at the end", () => {
    const labels = ["12月底", "其他节点", "6月底", "1-3月", "9月30日", "上半年", "备注"];
    expect(chronological(labels).map((k) => labels[k])).toEqual([
      "1-3月",
      "6月底",
      "上半年",
      "9月30日",
      "12月底",
      "其他节点",
      "备注",
    ]);
  });

  it("writes a row per checkpoint with the budget-weighted plan, in one unit, and one chart over it", async () => {
    const wb = await port(threeTables());
    const tables = readWorkbook(await wb.read()).tables;
    expect(tables.map((t) => [t.code, t.unit])).toEqual([
      ["13010023P001", "万元"],
      ["13010023P002", "万元"],
      ["13010023P003", "元"],
    ]);
    const plan = planSummary(await wb.read());
    const layout = plan.layout;
    expect(layout.unit).toBe("万元");
    const chart = layout.chart!;
    expect(chart).toMatchObject({ labelCol: 2, planCol: 3, actualCol: 4, labels: ["6月底", "12月底"] });
    expect(chart.titleRow).toBe(layout.totalRow + 2);
    const [c] = charts(plan.changes);
    expect(charts(plan.changes)).toHaveLength(1);
    expect(c).toMatchObject({
      sheet: plan.summarySheet,
      name: CHART_NAME,
      type: "columnClustered",
      dataRange: `B${chart.headerRow}:D${chart.lastRow}`,
    });
    await wb.apply(plan.changes);
    // The adapter skipped the chart; the data block is there.
    const ws = wb.workbook.getWorksheet(plan.summarySheet)!;
    expect(ws.getCell(`B${chart.titleRow}`).value).toBe(CHART_BLOCK_TITLE);
    expect([2, 3, 4].map((col) => ws.getRow(chart.headerRow).getCell(col).value)).toEqual([
      "节点",
      "计划进度（%）",
      "实际执行率（%）",
    ]);
    // The budget column holds 100, 10 and 30 (300,000 元 in 万元): never 元 added to 万元.
    const { first, last } = { first: layout.firstRow, last: layout.lastRow };
    const budgetCol = ws.getColumn(layout.columns.budget).letter;
    expect([first, first + 1, first + 2].map((r) => ws.getCell(`${budgetCol}${r}`).value)).toEqual([100, 10, 30]);
    // 6月底: (100 × 50 + 10 × 40 + 30 × 20) / 140 = 42.857… → 42.86; 12月底: 100.
    const planCol = ws.getColumn(layout.columns.plan).letter;
    const june = formulaOf(ws, `C${chart.firstRow}`);
    expect(june.formula).toBe(
      `IFERROR(ROUND(SUMPRODUCT($${budgetCol}$${first}:$${budgetCol}$${last},$${planCol}$${first}:$${planCol}$${last})` +
        `/SUMPRODUCT($${budgetCol}$${first}:$${budgetCol}$${last},--ISNUMBER($${planCol}$${first}:$${planCol}$${last}))*100,2),"")`,
    );
    expect(june.result).toBe(42.86);
    expect(formulaOf(ws, `C${chart.lastRow}`).result).toBe(100);
    expect(ws.getCell(`D${chart.firstRow}`).value).toBeNull();
    // The block is printed with the summary.
    expect(summaryText(plan)).toMatch(/图表仅在 Excel 中生成.*chart is made in Excel only/);
    const again = planSummary(await wb.read());
    expect(charts(again.changes)).toHaveLength(1);
    expect(again.layout.chart).toEqual(chart);
  });

  it("填充执行率 adds paid at each checkpoint and fills the actual column: Σ paid ÷ Σ budget, empty after the as-of date", async () => {
    const wb = await port(threeTables());
    const summary = await runSummary(wb);
    const chart = summary.layout.chart!;
    const sheets = (await wb.read()).sheets;
    expect(findChartBlock(new Grid(sheets.find((s) => s.name === summary.summarySheet)!))).toEqual(chart);

    // As of 2023-07-15: 6月底 paid 30 + 3.5 + 6 = 39.5 of 140 → 28.21; 12月底 is after the as-of date.
    const july = planRates(sheets, { asOf: serialOf(2023, 7, 15), today: serialOf(2023, 7, 15) });
    expect(charts(july.changes)).toEqual([
      expect.objectContaining({
        name: CHART_NAME,
        sheet: summary.summarySheet,
        dataRange: `B${chart.headerRow}:D${chart.lastRow}`,
      }),
    ]);
    await wb.apply(july.changes);
    const ws = wb.workbook.getWorksheet(summary.summarySheet)!;
    const junePaid = formulaOf(ws, `D${chart.firstRow}`);
    expect(junePaid.result).toBe(28.21);
    expect(junePaid.formula).toMatch(/^IFERROR\(ROUND\(SUMPRODUCT\(\$[A-Z]+\$5:\$[A-Z]+\$7,--ISNUMBER\(/);
    expect(formulaOf(ws, `D${chart.lastRow}`).result).toBe("");

    // The per-checkpoint paid columns on the summary: 丙's 元 figure brought to 万元.
    const header = ws.getRow(3);
    const cols: number[] = [];
    header.eachCell((cell, col) => {
      if (cell.value === "累计支出（万元）") cols.push(col);
    });
    // As-of paid, then 6月底, 12月底.
    expect(cols).toHaveLength(3);
    const juneCol = cols[1];
    expect(ws.getRow(4).getCell(juneCol).value).toBe("6月底止");
    const bing = formulaOf(ws, `${ws.getColumn(juneCol).letter}7`);
    expect(bing.formula).toMatch(/^IF\(元清单!\$H\$2="","",元清单!\$H\$2\*0\.0001\)$/);
    expect(bing.result).toBe(6);
    expect(formulaOf(ws, `${ws.getColumn(juneCol).letter}8`).result).toBe(39.5);
    expect(formulaOf(ws, `${ws.getColumn(cols[2]).letter}8`).result).toBe("");

    // As of the year's end: 12月底 paid 59.5 of 140 → 42.5; the same cells, still one chart.
    const dec = planRates((await wb.read()).sheets, { asOf: serialOf(2023, 12, 31), today: serialOf(2024, 1, 5) });
    expect(charts(dec.changes)).toHaveLength(1);
    await wb.apply(dec.changes);
    expect(formulaOf(ws, `D${chart.firstRow}`).result).toBe(28.21);
    expect(formulaOf(ws, `D${chart.lastRow}`).result).toBe(42.5);
  });
});
