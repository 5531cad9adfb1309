/** (c) Flat lists: a project sheet and an indicator sheet, header synonyms, shuffled columns. */
import * as path from "path";
import { buildFlatListsByCode, buildFlatListsByName } from "../fixtures/flat-lists";
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

const DEPARTMENT = "长沙市芙蓉区文化旅游体育局";
const CHECKPOINTS = ["3月底", "6月底", "9月底", "12月底"];

const BY_CODE: TableJson[] = [
  {
    sheet: "项目清单",
    range: "A5:L5",
    layout: "lists",
    code: "43010223P000111100017",
    name: "全民健身赛事活动",
    department: DEPARTMENT,
    departmentCode: null,
    year: 2023,
    unit: "万元",
    budget: {
      total: 85,
      fiscal: 80,
      other: 5,
      adjusted: null,
      components: components(["财政拨款", 80, null], ["其他资金", 5, null]),
    },
    usage: "用于赛事组织、场地租赁",
    plan: plan(CHECKPOINTS, [10, 40, 70, 100]),
    goals: ["1.举办全民健身赛事20场次", "2.参与群众5000人次以上"],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "赛事场次",
        "全年举办全民健身赛事场次",
        "≥20场次",
        target("≥", 20, "场次"),
        "计划标准",
        "指标清单!E2",
      ),
      indicator(
        "产出指标",
        "数量指标",
        "参与群众人次",
        "参与赛事活动的群众人次",
        "≥5000人次",
        target("≥", 5000, "人次"),
        "计划标准",
        "指标清单!E3",
      ),
      indicator(
        "产出指标",
        "质量指标",
        "赛事安全事故",
        "赛事期间发生的安全事故数",
        "0起",
        target("=", 0, "起"),
        "行业标准",
        "指标清单!E4",
      ),
      indicator(
        "效益指标",
        "社会效益指标",
        "群众健身意识",
        null,
        "显著提升",
        qualitative("显著提升"),
        "其他",
        "指标清单!E5",
      ),
      indicator(
        "满意度指标",
        "服务对象满意度指标",
        "参赛群众满意度",
        "问卷调查满意度",
        "≥90%",
        target("≥", 90, "%"),
        "历史标准",
        "指标清单!E6",
      ),
    ],
  },
  {
    sheet: "项目清单",
    range: "A6:L6",
    layout: "lists",
    code: "43010223P000222200025",
    name: "公共图书馆免费开放",
    department: DEPARTMENT,
    departmentCode: null,
    year: 2023,
    unit: "万元",
    budget: {
      total: 40.5,
      fiscal: 40.5,
      other: 0,
      adjusted: null,
      components: components(["财政拨款", 40.5, null], ["其他资金", null, null]),
    },
    usage: "用于图书馆免费开放运行",
    plan: plan(CHECKPOINTS, [null, 50, 75, 100]),
    goals: ["保障图书馆全年免费开放"],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "时效指标",
        "开放天数",
        "全年免费开放天数",
        "≥300天",
        target("≥", 300, "天"),
        "行业标准",
        "指标清单!E7",
      ),
      indicator(
        "产出指标",
        "数量指标",
        "借阅人次",
        null,
        "≥10万人次",
        target("≥", 10, "万人次"),
        "历史标准",
        "指标清单!E8",
      ),
      indicator(
        "满意度指标",
        "服务对象满意度指标",
        "读者满意度",
        "读者问卷调查",
        "95%",
        target("=", 95, "%"),
        null,
        "指标清单!E9",
      ),
    ],
  },
  {
    sheet: "项目清单",
    range: "A7:L7",
    layout: "lists",
    code: "43010223P000333300033",
    name: "文物保护修缮",
    department: DEPARTMENT,
    departmentCode: null,
    year: 2023,
    unit: "万元",
    budget: {
      total: 200,
      fiscal: 150,
      other: 50,
      adjusted: null,
      components: components(["财政拨款", 150, null], ["其他资金", 50, null]),
    },
    usage: "用于文物本体修缮",
    plan: plan(CHECKPOINTS, [0, 30, 60, 100]),
    goals: ["完成3处文物保护单位修缮"],
    longTermGoals: [],
    indicators: [],
  },
];

const BY_NAME: TableJson[] = [
  {
    sheet: "项目",
    range: "A2:L2",
    layout: "lists",
    code: null,
    name: "老旧小区改造",
    department: "长沙市芙蓉区住房和城乡建设局",
    departmentCode: null,
    year: null,
    unit: "万元",
    budget: {
      total: 300,
      fiscal: 300,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 300, null], ["其他资金", null, null]),
    },
    usage: null,
    plan: plan(["3月底", "6月底", "10月底", "12月底"], [20, 50, 80, 100]),
    goals: ["1.完成老旧小区改造12个", "2.惠及居民3000户"],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "改造小区数量",
        "完成改造的老旧小区个数",
        "≥12个",
        target("≥", 12, "个"),
        "年度计划",
        "指标!G2",
      ),
      indicator(
        "产出指标",
        "成本指标",
        "户均改造成本",
        null,
        "≤0.1万元",
        target("≤", 0.1, "万元"),
        "历史标准",
        "指标!G3",
      ),
      indicator("效益指标", "社会效益指标", "居住环境", null, "明显改善", qualitative("明显改善"), null, "指标!G4"),
      indicator(
        "满意度指标",
        "服务对象满意度指标",
        "居民满意度",
        null,
        "≥90%",
        target("≥", 90, "%"),
        "历史标准",
        "指标!G5",
      ),
    ],
  },
  {
    sheet: "项目",
    range: "A3:L3",
    layout: "lists",
    code: "43010223P000555500058",
    name: "社区养老服务",
    department: "长沙市芙蓉区民政局",
    departmentCode: null,
    year: 2023,
    unit: "元",
    budget: {
      total: 500000,
      fiscal: 450000,
      other: 50000,
      adjusted: null,
      components: components(["财政资金", 450000, null], ["其他资金", 50000, null]),
    },
    usage: null,
    plan: plan(["3月底", "6月底", "10月底", "12月底"], [30, 60, 90, 100]),
    goals: ["为社区老人提供助餐、助浴服务"],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "服务老人人次",
        null,
        "≥2000人次",
        target("≥", 2000, "人次"),
        "年度计划",
        "指标!G6",
      ),
    ],
  },
];

describe("flat lists keyed by project code", () => {
  let result: ReadResult;
  let json: InspectJson;
  beforeAll(async () => {
    result = await readFixture(await buildFlatListsByCode(path.join(fixtureDir("lists"), "by-code.xlsx")));
    json = asJson(result);
  });

  it("yields one table per project row, in list order", () => {
    expect(json.tables.map((t) => t.name)).toEqual(["全民健身赛事活动", "公共图书馆免费开放", "文物保护修缮"]);
  });

  it.each(BY_CODE.map((t) => [t.name, t] as const))("%s: every field", (name, expected) => {
    expect(json.tables.find((t) => t.name === name)).toEqual(expected);
  });

  it("names the cell of a project without indicators and of indicators without a project", () => {
    expect(json.diagnostics).toEqual([
      { sheet: "项目清单", cell: "A7", message: "项目“文物保护修缮”在指标清单中没有指标" },
      { sheet: "指标清单", cell: "A10", message: "指标清单中的项目“43010223P000999900091”不在项目清单中" },
    ]);
  });

  it("qualifies every indicator cell with the indicator sheet", () => {
    const cells = result.tables[0].indicators[1].cells;
    expect(cells).toEqual({
      level1: "指标清单!C3",
      level2: "指标清单!D3",
      level3: "指标清单!B3",
      description: "指标清单!F3",
      basis: "指标清单!G3",
    });
  });

  it("points budget and plan cells at the project row", () => {
    const t = result.tables[0];
    expect(t.budget.totalCell).toBe("C5");
    expect(t.budget.components.map((c) => c.cell)).toEqual(["D5", "E5"]);
    expect(t.plan.map((p) => p.cell)).toEqual(["G5", "H5", "I5", "J5"]);
    expect([t.codeCell, t.nameCell, t.goalsCell, t.usageCell]).toEqual(["F5", "B5", "K5", "L5"]);
  });
});

describe("flat lists keyed by project name", () => {
  let json: InspectJson;
  beforeAll(async () => {
    json = asJson(await readFixture(await buildFlatListsByName(path.join(fixtureDir("lists"), "by-name.xlsx"))));
  });

  it("reads each project field by field, in its row's 金额单位, joining 指标方向 words, 指标值 and 计量单位", () => {
    expect(json.tables).toEqual(BY_NAME);
  });

  it("notes that the plan was typed as fractions", () => {
    expect(json.diagnostics).toEqual([
      { sheet: "项目", cell: "G2", message: "支出计划填的是小数（如 0.5），已按百分比读取" },
    ]);
  });
});
