/**
 * Tables at the edges of the standard layout still round-trip: twelve monthly checkpoints, no plan,
 * no indicators, no code, amounts in 元 with more than 15 significant digits, cpi2021 dropdowns.
 */
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { tableContent } from "../../src/core/generate/content";
import { readGeneratedRecord } from "../../src/core/generate/record";
import { runGenerate } from "../../src/commands/generate";

// Whole workbooks are written and read: slow on a busy machine, never a limit on speed.
jest.setTimeout(180_000);

async function roundTrip(
  wb: ExcelJS.Workbook,
): Promise<{ before: ReturnType<typeof readWorkbook>; after: ReturnType<typeof readWorkbook>; port: ExcelJsWorkbook }> {
  const port = await ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  const before = readWorkbook(await port.read());
  await runGenerate(port);
  const back = await ExcelJsWorkbook.load(await port.toBuffer());
  return { before, after: readWorkbook(await back.read()), port: back };
}

const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月底`);

describe("generate at the edges of the layout", () => {
  it("keeps twelve monthly checkpoints, a missing plan, a table without indicators or code", async () => {
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet("项目");
    p.addRow([
      "项目编码",
      "项目名称",
      "年度",
      "预算数（元）",
      "财政拨款",
      "当年财政拨款",
      "上年结转",
      "事业收入",
      ...MONTHS,
      "绩效目标",
    ]);
    p.addRow([
      "13062523P000000001A",
      "按月支出的项目",
      2023,
      1234567890123.45,
      1234567890123.45,
      1000000000000,
      234567890123.45,
      null,
      ...MONTHS.map((_, i) => Number(((i + 1) / 12).toFixed(4))),
      "1.按月支付",
    ]);
    p.addRow([null, "没有编码的项目", 2023, 100, 100, null, null, null, ...MONTHS.map(() => null), null]);
    for (let c = 9; c <= 20; c++) p.getColumn(c).numFmt = "0.00%";
    const q = wb.addWorksheet("指标");
    q.addRow(["项目编码", "项目名称", "一级指标", "二级指标", "三级指标", "指标值", "依据"]);
    q.addRow([null, "没有编码的项目", "成本指标", "经济成本指标", "单位成本", "≤100元", "计划标准"]);
    q.addRow([null, "没有编码的项目", "产出指标", "数量指标", "户数", "≥20户", null]);
    const { before, after, port } = await roundTrip(wb);
    expect(before.tables).toHaveLength(2);
    expect(before.tables[0].plan).toHaveLength(12);
    expect(before.tables[0].unit).toBe("元");
    expect(before.tables[0].indicators).toEqual([]);
    expect(after.tables.map((t) => t.layout)).toEqual(["generated", "generated"]);
    after.tables.forEach((t, i) => expect(tableContent(t)).toEqual(tableContent(before.tables[i])));
    // Only the missing indicators are worth a word, as they were in the lists.
    expect(after.diagnostics.filter((d) => !/没有指标|没有读到指标行/.test(d.message))).toEqual([]);

    // The second table is cpi2021 (成本 as a first level): its dropdowns offer that framework.
    const record = readGeneratedRecord((await port.read()).sheets)!;
    expect(record.tables.map((t) => t.profile)).toEqual(["legacy", "cpi2021"]);
    // Twelve checkpoints take a column each, and the sheet widens to hold them.
    expect(record.tables[0].layout.lastCol).toBe(13);
    expect(record.tables[0].layout.executionCells).toHaveLength(12);
  });

  it("keeps a table without a plan or goals", async () => {
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet("项目");
    p.addRow(["项目编码", "项目名称", "预算数（万元）", "财政资金", "其他资金"]);
    p.addRow(["13062523P000000002B", "无计划项目", 5, 5, null]);
    const q = wb.addWorksheet("指标");
    q.addRow(["项目编码", "一级指标", "二级指标", "三级指标", "指标值"]);
    q.addRow(["13062523P000000002B", "产出指标", "时效指标", "完成时间", "2023年12月底前"]);
    const { before, after, port } = await roundTrip(wb);
    expect(before.tables[0].plan).toEqual([]);
    expect(tableContent(after.tables[0])).toEqual(tableContent(before.tables[0]));
    const record = readGeneratedRecord((await port.read()).sheets)!;
    expect(record.tables[0].layout.executionRow).toBeNull();
  });
});
