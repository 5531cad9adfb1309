/** (i) amounts with units in the cell, as text, full-width, or unreadable; (j) percentages. */
import * as path from "path";
import ExcelJS from "exceljs";
import { buildAmountFormats } from "../fixtures/amount-formats";
import { buildPercentFormats } from "../fixtures/percent-formats";
import { fixtureDir, readFixture } from "../fixtures/workbook";
import {
  asJson,
  components,
  indicator,
  plan,
  qualitative,
  target,
  type InspectJson,
  type TableJson,
} from "../fixtures/expected";
import type { ReadResult } from "../../src/core/model";

const WATER = "430102009长沙市芙蓉区水利局本级";

function amountTable(t: Pick<TableJson, "range" | "code" | "name" | "budget" | "indicators">): TableJson {
  return {
    sheet: "金额",
    layout: "pasted",
    department: WATER,
    departmentCode: "430102009",
    year: 2023,
    unit: "万元",
    usage: null,
    plan: [],
    goals: [],
    longTermGoals: [],
    ...t,
  } as TableJson;
}

const AMOUNTS: TableJson[] = [
  amountTable({
    range: "A1:F8",
    code: "43010223P000101000017",
    name: "水库巡查",
    budget: {
      total: 250,
      fiscal: 250,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 250, null], ["其他资金", null, null]),
    },
    indicators: [
      indicator("产出指标", "数量指标", "巡查水库座数", null, "≥12座", target("≥", 12, "座"), "工作计划", "D7"),
      indicator(
        "效益指标",
        "社会效益指标",
        "水库安全运行",
        null,
        "无安全事故",
        qualitative("无安全事故"),
        "工作计划",
        "D8",
      ),
    ],
  }),
  amountTable({
    range: "A11:F16",
    code: "43010223P000202000025",
    name: "防汛物资储备",
    budget: {
      total: 1.75,
      fiscal: 0,
      other: 1.75,
      adjusted: null,
      components: components(["财政资金", null, null], ["其他资金", 1.75, null]),
    },
    indicators: [
      indicator("产出指标", "质量指标", "物资完好率", null, "≥９０％", target("≥", 90, "%"), "工作计划", "D15"),
      indicator("产出指标", "数量指标", "储备编织袋", null, "≥１０００条", target("≥", 1000, "条"), "工作计划", "D16"),
    ],
  }),
  amountTable({
    range: "A19:F24",
    code: "43010223P000303000033",
    name: "山洪灾害监测",
    budget: {
      total: 30,
      fiscal: 0,
      other: 0,
      adjusted: null,
      components: components(["财政资金", null, null], ["其他资金", null, null]),
    },
    indicators: [
      indicator("产出指标", "数量指标", "监测站点数", null, "≥8个", target("≥", 8, "个"), "工作计划", "D23"),
      indicator(
        "满意度指标",
        "服务对象满意度指标",
        "群众满意度",
        null,
        "≥90%",
        target("≥", 90, "%"),
        "工作计划",
        "D24",
      ),
    ],
  }),
];

describe("amounts as people type them", () => {
  let file: string;
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    file = await buildAmountFormats(path.join(fixtureDir("amounts"), "amounts.xlsx"));
    result = await readFixture(file);
    json = asJson(result);
  });

  it("stores the amounts as text in the fixture", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet("金额")!;
    expect([ws.getCell("B5").value, ws.getCell("D5").value, ws.getCell("B13").value, ws.getCell("F13").value]).toEqual([
      "250万",
      "2,500,000元",
      "１．７５",
      "1.75",
    ]);
  });

  it.each(AMOUNTS.map((t, i) => [i + 1, t.name, t] as const))("table %i (%s): every field", (n, _name, expected) => {
    expect(json.tables[n - 1]).toEqual(expected);
  });

  it("converts `250万` and `2,500,000元` into the table's 万元, exactly", () => {
    expect(result.tables[0].budget.total).toBe("250");
    expect(result.tables[0].budget.components[0].amount).toBe("250");
  });

  it("reads the rest of a table whose amounts cannot be read, naming the cells", () => {
    expect(json.diagnostics).toEqual([
      { sheet: "金额", cell: "D21", message: "财政资金无法读作金额：“待定”" },
      { sheet: "金额", cell: "F21", message: "其他资金是公式错误 #DIV/0!，按空白处理" },
    ]);
    expect(result.tables[2].indicators).toHaveLength(2);
  });
});

function percentTable(
  sheet: string,
  name: string,
  percents: (number | null)[],
  indicators: TableJson["indicators"],
): TableJson {
  return {
    sheet,
    range: `A1:E${6 + indicators.length}`,
    layout: "pasted",
    code: null,
    name,
    department: null,
    departmentCode: null,
    year: null,
    unit: "万元",
    budget: { total: 10, fiscal: 10, other: 0, adjusted: null, components: components(["财政资金", 10, null]) },
    usage: null,
    plan: plan(["3月底", "6月底", "10月底", "12月底"], percents),
    goals: [],
    longTermGoals: [],
    indicators,
  };
}

const done100 = indicator("产出指标", "质量指标", "完成率", null, "100%", target("=", 100, "%"), null, "D7");

describe("percentages as fractions with a % format and as text", () => {
  let json: InspectJson;
  beforeAll(async () => {
    json = asJson(await readFixture(await buildPercentFormats(path.join(fixtureDir("percent"), "percent.xlsx"))));
  });

  it("reads 0.24 shown as 24% as 24, text `74%` as 74, and a 1 formatted 0% as the value `100%`", () => {
    expect(json.tables[0]).toEqual(
      percentTable(
        "格式",
        "百分比格式",
        [24, 50, 74, 100],
        [
          indicator("产出指标", "质量指标", "验收合格率", null, "100%", target("=", 100, "%"), null, "D7"),
          indicator("产出指标", "质量指标", "设备完好率", null, "95.5%", target("=", 95.5, "%"), null, "D8"),
          indicator("产出指标", "质量指标", "按时完成率", null, "≥95%", target("≥", 95, "%"), null, "D9"),
        ],
      ),
    );
  });

  it("reads a plan typed as bare fractions as percentages, with a note on its first cell", () => {
    expect(json.tables[1]).toEqual(percentTable("小数", "小数计划", [25, 50, 75, 100], [done100]));
    expect(json.diagnostics).toEqual([
      { sheet: "小数", cell: "B5", message: "支出计划填的是小数（如 0.5），已按百分比读取" },
    ]);
  });

  it("reads a plan typed as whole numbers as they are, a blank as null", () => {
    expect(json.tables[2]).toEqual(percentTable("整数", "整数计划", [30, null, 80, 100], [done100]));
  });
});
