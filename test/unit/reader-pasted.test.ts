/** (b) Word tables pasted one a sheet, with odd merges, spacer rows and columns, wrapped text. */
import { buildPastedSheets } from "../fixtures/pasted-sheets";
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
import * as path from "path";

const ROAD: TableJson = {
  sheet: "道路养护",
  range: "A1:I22",
  layout: "pasted",
  code: "43010223P00012345001A",
  name: "农村公路日常养护",
  department: "430102长沙市芙蓉区交通运输局本级",
  departmentCode: "430102",
  year: 2023,
  unit: "万元",
  budget: {
    total: 120.5,
    fiscal: 100.5,
    other: 20,
    adjusted: null,
    components: components(["财政资金", 100.5, null], ["其他资金", 20, null]),
  },
  usage: "用于辖区内农村公路日常养护、小修保养及应急抢通",
  plan: plan(["3月底", "6月底", "9月底", "12月底"], [20, 50, 80, 100]),
  goals: ["1.完成全区农村公路日常养护里程1200公里", "2.优良中等路率达到85%以上"],
  longTermGoals: [],
  indicators: [
    indicator(
      "产出指标",
      "数量指标",
      "养护里程",
      "完成农村公路日常养护里程，含县道、乡道和村道",
      "≥1200公里",
      target("≥", 1200, "公里"),
      "年度计划",
      "G15",
    ),
    indicator(
      "产出指标",
      "数量指标",
      "桥梁检查座数",
      "完成桥梁经常性检查",
      "≥36座",
      target("≥", 36, "座"),
      "年度计划",
      "G17",
    ),
    indicator(
      "产出指标",
      "质量指标",
      "优良中等路率",
      "优、良、中等路占总里程比例",
      "85%",
      target("=", 85, "%"),
      "行业标准",
      "G18",
    ),
    indicator(
      "产出指标",
      "时效指标",
      "养护完成时间",
      "日常养护完成时限",
      "2023.01-2023.12",
      qualitative("2023.01-2023.12"),
      "年度计划",
      "G19",
    ),
    indicator(
      "效益指标",
      "社会效益指标",
      "群众出行条件",
      "改善农村群众出行条件",
      "明显改善",
      qualitative("明显改善"),
      "行业标准",
      "G20",
    ),
    indicator("效益指标", "可持续影响指标", "养护长效机制", null, "长期", qualitative("长期"), null, "G21"),
    indicator(
      "满意度指标",
      "服务对象满意度指标",
      "沿线群众满意度",
      "抽样调查满意度",
      "≥90%",
      target("≥", 90, "%"),
      "历史标准",
      "G22",
    ),
  ],
};

const IT: TableJson = {
  sheet: "信息化运维",
  range: "A1:D16",
  layout: "pasted",
  code: "43010223P000678900029",
  name: "政务信息系统运维",
  department: "430102长沙市芙蓉区交通运输局本级",
  departmentCode: "430102",
  year: 2023,
  unit: "元",
  budget: {
    total: 360000,
    fiscal: 360000,
    other: 0,
    adjusted: null,
    components: components(["财政资金", 360000, null], ["其他资金", null, null]),
  },
  usage: "用于政务信息系统运行维护",
  plan: plan(["6月底", "12月底"], [50, 100]),
  goals: ["保障系统全年稳定运行"],
  longTermGoals: [],
  indicators: [
    indicator("产出指标", "质量指标", "系统可用率", null, "≥99%", target("≥", 99, "%"), null, "D14"),
    indicator("效益指标", "社会效益指标", "群众办事效率", null, "有效提升", qualitative("有效提升"), null, "D15"),
    indicator("满意度指标", "服务对象满意度指标", "使用人员满意度", null, "≥90%", target("≥", 90, "%"), null, "D16"),
  ],
};

describe("pasted Word tables, one a sheet", () => {
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    result = await readFixture(await buildPastedSheets(path.join(fixtureDir("pasted"), "pasted.xlsx")));
    json = asJson(result);
  });

  it("finds one table on each sheet and nothing else", () => {
    expect(json.tables.map((t) => t.sheet)).toEqual(["道路养护", "信息化运维"]);
    expect(json.departmentTargets).toBeNull();
    expect(json.diagnostics).toEqual([]);
  });

  it("reads the table with spacer rows, a spacer column and odd merges field by field", () => {
    expect(json.tables[0]).toEqual(ROAD);
  });

  it("reads the narrow table in 元 field by field", () => {
    expect(json.tables[1]).toEqual(IT);
  });

  it("takes values from across the spacer column, not from the blank cell beside the label", () => {
    const t = result.tables[0];
    expect(t.nameCell).toBe("D5");
    expect(t.codeCell).toBe("H5");
    expect(t.goalsCell).toBe("D10");
    expect(t.usageCell).toBe("D7");
    expect(t.budget.totalCell).toBe("E6");
    expect(t.budget.components.map((c) => c.cell)).toEqual(["G6", "I6"]);
  });

  it("records the cells of an indicator split over two rows at its first row", () => {
    const first = result.tables[0].indicators[0];
    expect(first.row).toBe(15);
    expect(first.cells).toEqual({ level1: "A15", level2: "B15", level3: "D15", description: "F15", basis: "H15" });
  });
});
