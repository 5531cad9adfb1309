/** Tables that cannot be fully read still yield the rest, with a diagnostic naming each cell. */
import * as path from "path";
import { buildPartialTables } from "../fixtures/partial-tables";
import { fixtureDir, readFixture } from "../fixtures/workbook";
import {
  asJson,
  components,
  indicator,
  plan,
  qualitative,
  type InspectJson,
  type TableJson,
} from "../fixtures/expected";

const FIRST: TableJson = {
  sheet: "残缺",
  range: "A1:D7",
  layout: "pasted",
  code: null,
  name: "档案数字化",
  department: null,
  departmentCode: null,
  year: null,
  unit: "万元",
  budget: { total: null, fiscal: 20, other: 0, adjusted: null, components: components(["财政资金", 20, null]) },
  usage: null,
  plan: plan(["6月底", "12月底"], [null, 100]),
  goals: [],
  longTermGoals: [],
  indicators: [
    indicator(
      "产出指标",
      "数量指标",
      "数字化档案卷数",
      null,
      "",
      { op: null, number: null, unit: null, text: null },
      null,
      "D6",
    ),
    indicator("效益指标", "社会效益指标", "档案利用效率", null, "明显提升", qualitative("明显提升"), null, "D7"),
  ],
};

const SECOND: TableJson = {
  sheet: "残缺",
  range: "A10:D12",
  layout: "pasted",
  code: "43010223P000121200012",
  name: "",
  department: null,
  departmentCode: null,
  year: 2023,
  unit: "万元",
  budget: { total: 5, fiscal: 0, other: 0, adjusted: null, components: [] },
  usage: null,
  plan: [],
  goals: ["完成档案整理"],
  longTermGoals: [],
  indicators: [],
};

describe("tables that cannot be fully read", () => {
  let json: InspectJson;
  beforeAll(async () => {
    json = asJson(await readFixture(await buildPartialTables(path.join(fixtureDir("partial"), "partial.xlsx"))));
  });

  it("still yields both tables with everything readable, field by field", () => {
    expect(json.tables).toEqual([FIRST, SECOND]);
  });

  it("names the cell of every problem", () => {
    expect(json.diagnostics).toEqual([
      { sheet: "残缺", cell: "A1", message: "未找到金额单位（如“单位：万元”），按万元读取" },
      { sheet: "残缺", cell: "B2", message: "预算数无法读作金额：“约20万”" },
      { sheet: "残缺", cell: "B4", message: "支出计划无法读作百分比：“过半”" },
      { sheet: "残缺", cell: "D6", message: "指标值是公式错误 #REF!，按空白处理" },
      { sheet: "残缺", cell: "A10", message: "未找到金额单位（如“单位：万元”），按万元读取" },
      { sheet: "残缺", cell: "A10", message: "未找到绩效指标表头（一级指标/二级指标/三级指标…）" },
      { sheet: "残缺", cell: "D10", message: "项目名称为空" },
    ]);
  });
});
