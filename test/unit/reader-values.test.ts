/** (f) 指标值及单位 in one cell; (g) split 指标性质/指标方向 + 指标值 + 单位 columns; (h) Hunan's 满意度 under 效益. */
import * as path from "path";
import { buildValueWithUnit } from "../fixtures/value-with-unit";
import { buildSplitColumns } from "../fixtures/split-columns";
import { buildHunan } from "../fixtures/hunan";
import { fixtureDir, readFixture } from "../fixtures/workbook";
import {
  asJson,
  components,
  indicator,
  qualitative,
  target,
  type InspectJson,
  type TableJson,
} from "../fixtures/expected";
import type { ReadResult } from "../../src/core/model";

const VALUE_WITH_UNIT: TableJson = {
  sheet: "Sheet1",
  range: "A1:F16",
  layout: "pasted",
  code: "43010223P000444400041",
  name: "基层医疗卫生服务",
  department: "430102004长沙市芙蓉区卫生健康局",
  departmentCode: "430102004",
  year: 2023,
  unit: "万元",
  budget: {
    total: 88.8,
    fiscal: 88.8,
    other: 0,
    adjusted: null,
    components: components(["财政资金", 88.8, null], ["其他资金", null, null]),
  },
  usage: null,
  plan: [],
  goals: ["提升基层医疗卫生服务能力"],
  longTermGoals: [],
  indicators: [
    indicator(
      "产出指标",
      "数量指标",
      "家庭医生签约人数",
      "签约服务的居民人数",
      "≥1200人次",
      target("≥", 1200, "人次"),
      "年度计划",
      "E7",
    ),
    indicator("产出指标", "数量指标", "健康讲座次数", null, "12次/年", target("=", 12, "次/年"), "年度计划", "E8"),
    indicator("产出指标", "数量指标", "服务周期", null, "12个月", target("=", 12, "个月"), "年度计划", "E9"),
    indicator("产出指标", "质量指标", "慢病规范管理率", null, "95%以上", target("≥", 95, "%"), "行业标准", "E10"),
    indicator("产出指标", "质量指标", "医疗差错发生率", null, "≤3‰", target("≤", 3, "‰"), "行业标准", "E11"),
    indicator(
      "产出指标",
      "时效指标",
      "培训完成时间",
      null,
      "2023年12月底前完成",
      qualitative("2023年12月底前完成"),
      "年度计划",
      "E12",
    ),
    indicator("产出指标", "成本指标", "人均服务成本", null, "≤ 30 元", target("≤", 30, "元"), "历史标准", "E13"),
    indicator(
      "效益指标",
      "社会效益指标",
      "居民健康素养水平",
      null,
      "不低于25%",
      target("≥", 25, "%"),
      "行业标准",
      "E14",
    ),
    indicator("效益指标", "可持续影响指标", "服务覆盖率", null, "90百分比", target("=", 90, "%"), "行业标准", "E15"),
    indicator(
      "满意度指标",
      "服务对象满意度指标",
      "签约居民满意度",
      null,
      "100 %",
      target("=", 100, "%"),
      "历史标准",
      "E16",
    ),
  ],
};

const SPLIT_OPERATOR: TableJson = {
  sheet: "指标性质",
  range: "A1:H15",
  layout: "pasted",
  code: "43010223P000777700066",
  name: "职业技能培训",
  department: "430102006长沙市芙蓉区人力资源和社会保障局",
  departmentCode: "430102006",
  year: 2023,
  unit: "万元",
  budget: {
    total: 45,
    fiscal: 45,
    other: 0,
    adjusted: null,
    components: components(["财政资金", 45, null], ["其他资金", null, null]),
  },
  usage: null,
  plan: [],
  goals: ["完成职业技能培训500人次，持证上岗率100%"],
  longTermGoals: [],
  indicators: [
    indicator(
      "产出指标",
      "数量指标",
      "培训人次",
      null,
      "≥500人次",
      target("≥", 500, "人次"),
      "计划标准",
      "E8",
      "positive",
    ),
    indicator("产出指标", "质量指标", "培训合格率", null, "≥95%", target("≥", 95, "%"), "行业标准", "E9", "positive"),
    indicator("产出指标", "时效指标", "培训周期", null, "≤30天", target("≤", 30, "天"), "计划标准", "E10", "negative"),
    indicator(
      "产出指标",
      "成本指标",
      "人均培训成本",
      null,
      "≤0.09万元",
      target("≤", 0.09, "万元"),
      "历史标准",
      "E11",
      "negative",
    ),
    indicator(
      "效益指标",
      "社会效益指标",
      "持证上岗率",
      null,
      "100％",
      target("=", 100, "%"),
      "计划标准",
      "E12",
      "positive",
    ),
    indicator(
      "效益指标",
      "可持续影响指标",
      "就业技能",
      null,
      "明显提升",
      qualitative("明显提升"),
      "其他",
      "E13",
      "positive",
    ),
    indicator(
      "满意度指标",
      "服务对象满意度指标",
      "学员满意度",
      null,
      ">90%",
      target(">", 90, "%"),
      "历史标准",
      "E14",
      "positive",
    ),
    indicator(
      "满意度指标",
      "服务对象满意度指标",
      "用人单位满意度",
      null,
      "≥85%",
      target("≥", 85, "%"),
      "历史标准",
      "E15",
      "positive",
    ),
  ],
};

const SPLIT_DIRECTION: TableJson = {
  sheet: "指标方向",
  range: "A1:G9",
  layout: "pasted",
  code: "43010223P000888800074",
  name: "城市绿化养护",
  department: "430102007长沙市芙蓉区城市管理局",
  departmentCode: "430102007",
  year: 2023,
  unit: "万元",
  budget: {
    total: 150,
    fiscal: 150,
    other: 0,
    adjusted: null,
    components: components(["财政资金", 150, null], ["其他资金", null, null]),
  },
  usage: null,
  plan: [],
  goals: ["养护城市绿地120万平方米"],
  longTermGoals: [],
  indicators: [
    indicator(
      "产出指标",
      "数量指标",
      "养护绿地面积",
      null,
      "≥120万平方米",
      target("≥", 120, "万平方米"),
      "年度计划",
      "E7",
    ),
    indicator("产出指标", "质量指标", "苗木死亡率", null, "≤2%", target("≤", 2, "%"), "行业标准", "E8"),
    indicator("效益指标", "生态效益指标", "绿化覆盖率", null, "41.5%", target("=", 41.5, "%"), "行业标准", "E9"),
  ],
};

const HUNAN: TableJson = {
  sheet: "湖南",
  range: "A1:F12",
  layout: "pasted",
  code: "43000023P000999900011",
  name: "湘江流域生态保护",
  department: "湖南省某某厅",
  departmentCode: null,
  year: 2023,
  unit: "万元",
  budget: {
    total: 600,
    fiscal: 550,
    other: 50,
    adjusted: null,
    components: components(["财政拨款", 550, null], ["其他资金", 50, null]),
  },
  usage: null,
  plan: [],
  goals: ["1.完成湘江干流生态修复", "2.断面水质达标率保持100%"],
  longTermGoals: [],
  indicators: [
    indicator("产出指标", "数量指标", "修复岸线长度", null, "≥20公里", target("≥", 20, "公里"), "年度计划", "D8"),
    indicator("产出指标", "质量指标", "断面水质达标率", null, "100%", target("=", 100, "%"), "行业标准", "D9"),
    indicator("效益指标", "生态效益指标", "流域生态环境", null, "持续改善", qualitative("持续改善"), "其他", "D10"),
    indicator("效益指标", "可持续影响指标", "长效保护机制", null, "建立", qualitative("建立"), "其他", "D11"),
    indicator(
      "效益指标",
      "社会公众或服务对象满意度指标",
      "沿岸群众满意度",
      null,
      "≥85%",
      target("≥", 85, "%"),
      "历史标准",
      "D12",
    ),
  ],
};

describe("指标值及单位 in one cell", () => {
  let json: InspectJson;
  beforeAll(async () => {
    json = asJson(await readFixture(await buildValueWithUnit(path.join(fixtureDir("values"), "value-unit.xlsx"))));
  });

  it("keeps each value's wording and parses it, field by field", () => {
    expect(json.tables).toEqual([VALUE_WITH_UNIT]);
    expect(json.diagnostics).toEqual([]);
  });
});

describe("split 指标性质 / 指标方向, 指标值 and 单位 columns", () => {
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    result = await readFixture(await buildSplitColumns(path.join(fixtureDir("values"), "split.xlsx")));
    json = asJson(result);
  });

  it("joins symbols and words under a two-row header, with 正向/反向 as direction", () => {
    expect(json.tables[0]).toEqual(SPLIT_OPERATOR);
  });

  it("joins comparator words from a 指标方向 column", () => {
    expect(json.tables[1]).toEqual(SPLIT_DIRECTION);
    expect(json.diagnostics).toEqual([]);
  });

  it("notes the row written with full-width ＝ and ％", () => {
    expect(result.tables[0].indicators.map((i) => i.target.notes.includes("fullwidth"))).toEqual([
      false,
      false,
      false,
      false,
      true,
      false,
      false,
      false,
    ]);
  });

  it("keeps the cells a value was joined from, so a fix edits the cell that holds the symbol", () => {
    const joined = result.tables[0].indicators.filter((i) => i.valueParts);
    expect(joined.length).toBeGreaterThan(0);
    for (const i of joined) {
      expect(i.valueParts![0].cell).toBe(i.cell);
      expect(i.value.endsWith(i.valueParts![1].text.trim())).toBe(true);
    }
    expect(result.tables[0].indicators[4].valueParts?.[1]).toEqual({ cell: "F12", text: "％" });
  });
});

describe("Hunan: 社会公众或服务对象满意度指标 under 效益指标", () => {
  let json: InspectJson;
  beforeAll(async () => {
    json = asJson(await readFixture(await buildHunan(path.join(fixtureDir("hunan"), "hunan.xlsx"))));
  });

  it("reads the table field by field, the 满意度 row kept as a 二级 of 效益", () => {
    expect(json.tables).toEqual([HUNAN]);
    expect(json.diagnostics).toEqual([]);
  });
});
