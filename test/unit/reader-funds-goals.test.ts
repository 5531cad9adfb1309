/** (d) nested fund lines and other funds; (e) long-term and annual goals. */
import * as path from "path";
import { buildNestedFunds } from "../fixtures/nested-funds";
import { buildLongTermGoals } from "../fixtures/long-term-goals";
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

const NESTED: TableJson = {
  sheet: "申报表",
  range: "A1:F18",
  layout: "pasted",
  code: "43122423P000555500017",
  name: "乡村振兴衔接补助项目",
  department: "某县农业农村局",
  departmentCode: null,
  year: 2023,
  unit: "万元",
  budget: {
    total: 100,
    fiscal: 80,
    other: 20,
    adjusted: null,
    components: components(
      ["财政拨款", 80, null],
      ["当年财政拨款", 60, "财政拨款"],
      ["上年结转", 20, "财政拨款"],
      ["财政专户管理资金", 15, null],
      ["单位资金", 5, null],
    ),
  },
  usage: "用于产业发展和基础设施补助",
  plan: [],
  goals: ["1.支持产业项目8个", "2.带动脱贫人口增收"],
  longTermGoals: [],
  indicators: [
    indicator("产出指标", "数量指标", "支持产业项目数", null, "8个", target("=", 8, "个"), "计划标准", "D15"),
    indicator(
      "产出指标",
      "时效指标",
      "资金拨付时限",
      null,
      "2023年10月底前",
      qualitative("2023年10月底前"),
      "计划标准",
      "D16",
    ),
    indicator(
      "效益指标",
      "经济效益指标",
      "脱贫人口人均增收",
      null,
      "≥500元",
      target("≥", 500, "元"),
      "历史标准",
      "D17",
    ),
    indicator(
      "满意度指标",
      "服务对象满意度指标",
      "受益群众满意度",
      null,
      "≥90%",
      target("≥", 90, "%"),
      "行业标准",
      "D18",
    ),
  ],
};

const PARTS: TableJson = {
  sheet: "上级本级",
  range: "A1:F11",
  layout: "pasted",
  code: "43122423P000666600025",
  name: "河道保洁",
  department: null,
  departmentCode: null,
  year: 2023,
  unit: "万元",
  budget: {
    total: 50,
    fiscal: 50,
    other: 0,
    adjusted: null,
    components: components(
      ["财政资金", null, null],
      ["其他资金", null, null],
      ["上级资金", 30, "财政资金"],
      ["本级资金", 20, "财政资金"],
    ),
  },
  usage: null,
  plan: plan(["3月底", "6月底", "9月底", "12月底"], [25, 50, 75, 100]),
  goals: ["保持河道常年清洁"],
  longTermGoals: [],
  indicators: [
    indicator("产出指标", "数量指标", "保洁河道长度", null, "≥35公里", target("≥", 35, "公里"), "年度计划", "D10"),
    indicator("效益指标", "生态效益指标", "河道水质", null, "稳定达标", qualitative("稳定达标"), "行业标准", "D11"),
  ],
};

const CENTRAL: TableJson = {
  sheet: "中央申报表",
  range: "A1:F14",
  layout: "pasted",
  code: null,
  name: "重点生态保护修复治理",
  department: "某省自然资源厅",
  departmentCode: null,
  year: 2023,
  unit: "万元",
  budget: {
    total: 1000,
    fiscal: 900,
    other: 100,
    adjusted: null,
    components: components(["财政拨款", 900, null], ["其他资金", 100, null]),
  },
  usage: null,
  plan: [],
  goals: ["目标1：完成生态修复面积1万亩。", "目标2：治理水土流失面积0.6万亩。"],
  longTermGoals: ["目标1：完成生态修复面积3万亩。", "目标2：治理水土流失面积2万亩。"],
  indicators: [
    indicator("产出指标", "数量指标", "生态修复面积", null, "≥1万亩", target("≥", 1, "万亩"), null, "F11"),
    indicator("产出指标", "质量指标", "修复工程验收合格率", null, "100%", target("=", 100, "%"), null, "F12"),
    indicator(
      "效益指标",
      "生态效益指标",
      "林草覆盖率提高",
      null,
      "≥2个百分点",
      target("≥", 2, "个百分点"),
      null,
      "F13",
    ),
    indicator("满意度指标", "服务对象满意度指标", "项目区群众满意度", null, "≥90%", target("≥", 90, "%"), null, "F14"),
  ],
};

const ROWS: TableJson = {
  sheet: "实施期",
  range: "A1:E9",
  layout: "pasted",
  code: null,
  name: "智慧社区建设",
  department: "430102001长沙市芙蓉区民政局",
  departmentCode: "430102001",
  year: 2024,
  unit: "万元",
  budget: { total: 60, fiscal: 60, other: 0, adjusted: null, components: components(["财政资金", 60, null]) },
  usage: null,
  plan: [],
  goals: ["1.建成智慧社区8个", "2.社区服务线上办理率达到50%"],
  longTermGoals: ["1.三年内建成智慧社区20个", "2.社区服务线上办理率达到80%"],
  indicators: [
    indicator("产出指标", "数量指标", "建成智慧社区数", null, "≥8个", target("≥", 8, "个"), "年度计划", "D8"),
    indicator("效益指标", "社会效益指标", "线上办理率", null, "≥50%", target("≥", 50, "%"), "年度计划", "D9"),
  ],
};

describe("年度资金总额 with nested 财政拨款 and other funds", () => {
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    result = await readFixture(await buildNestedFunds(path.join(fixtureDir("funds"), "funds.xlsx")));
    json = asJson(result);
  });

  it("reads the nested template field by field", () => {
    expect(json.tables[0]).toEqual(NESTED);
  });

  it("sums blank-fiscal-line parts into fiscal, field by field", () => {
    expect(json.tables[1]).toEqual(PARTS);
  });

  it("keeps each line's amount cell and its fiscal flag", () => {
    expect(result.tables[0].budget.components.map((c) => [c.label, c.amount, c.fiscal, c.cell])).toEqual([
      ["财政拨款", "80", true, "E7"],
      ["当年财政拨款", "60", true, "E8"],
      ["上年结转", "20", true, "E9"],
      ["财政专户管理资金", "15", false, "E10"],
      ["单位资金", "5", false, "E11"],
    ]);
    expect(json.diagnostics).toEqual([]);
  });
});

describe("中长期目标 and 年度目标", () => {
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    result = await readFixture(await buildLongTermGoals(path.join(fixtureDir("goals"), "goals.xlsx")));
    json = asJson(result);
  });

  it("reads the central template's annual budget, goals and values, not the long-term ones", () => {
    expect(json.tables[0]).toEqual(CENTRAL);
    expect(result.tables[0].goalsCell).toBe("D9");
    expect(result.tables[0].budget.totalCell).toBe("E5");
  });

  it("reads 实施期绩效目标 and 本年度绩效目标 row labels field by field", () => {
    expect(json.tables[1]).toEqual(ROWS);
  });

  it("takes the unit from 项目资金（万元） without a diagnostic", () => {
    expect(json.diagnostics).toEqual([]);
  });
});
