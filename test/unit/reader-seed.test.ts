/**
 * (a) The bundled sample built from the seed document: six tables, every field as the seed states
 * it (31 indicator rows), and the department-level part as `departmentTargets`, not as a table.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildSeedSample, SEED_TEXT } from "../fixtures/seed-sample";
import { fixtureDir, readFixture } from "../fixtures/workbook";
import {
  asJson,
  components,
  indicator,
  plan,
  QUARTER_ENDS,
  target,
  type InspectJson,
  type TableJson,
} from "../fixtures/expected";
import type { ReadResult } from "../../src/core/model";
import { displayText } from "../../src/adapters/exceljs/format";

const SHEET = "绩效目标";
const DEPARTMENT = "324001保定市自然资源和规划局徐水区分局本级";

/** The fields every table of the seed shares. */
function seedTable(
  t: Omit<TableJson, "sheet" | "layout" | "department" | "departmentCode" | "year" | "unit">,
): TableJson {
  return {
    sheet: SHEET,
    layout: "pasted",
    department: DEPARTMENT,
    departmentCode: "324001",
    year: 2022,
    unit: "万元",
    ...t,
  } as TableJson;
}

const ge90 = target("≥", 90, "%");
const ge95 = target("≥", 95, "%");
const eq100 = target("=", 100, "%");

const EXPECTED: TableJson[] = [
  seedTable({
    range: "A44:G59",
    code: "13062522P00459810061C",
    name: "2022年利息收入",
    budget: {
      total: 1.75,
      fiscal: 0,
      other: 1.75,
      adjusted: null,
      components: components(["财政资金", null, null], ["其他资金", 1.75, null]),
    },
    usage: "用于办公经费",
    plan: plan(QUARTER_ENDS, [null, null, null, 100]),
    goals: [
      "1.规范资金管理，合法合规使用资金",
      "2.预计使用利息收入1.75万元，主要用于办公经费，预计2022年12月底支付完毕",
    ],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "完成工作比率",
        "实际完成工作数量占计划工作数量的比率",
        "≥90%",
        ge90,
        "工作要求",
        "F55",
      ),
      indicator("产出指标", "质量指标", "完成工作情况", "完成工作合格率", "100%", eq100, "工作要求", "F56"),
      indicator("产出指标", "时效指标", "资金支付情况", "按照合同约定资金支付情况", "≥90%", ge90, "工作要求", "F57"),
      indicator(
        "产出指标",
        "成本指标",
        "预算执行率",
        "按照支出进度要求和预算构成执行",
        "100%",
        eq100,
        "工作要求",
        "F58",
      ),
      indicator(
        "效益指标",
        "社会效益指标",
        "社会影响力",
        "有利于提高工作效率，保障相关工作顺利开展",
        "≥90%",
        ge90,
        "工作要求",
        "F59",
      ),
    ],
  }),
  seedTable({
    range: "A63:G78",
    code: "13062522P004598100620",
    name: "矿山环境治理工作经费",
    budget: {
      total: 0.97,
      fiscal: 0,
      other: 0.97,
      adjusted: null,
      components: components(["财政资金", null, null], ["其他资金", 0.97, null]),
    },
    usage: "用于矿山治理费用",
    plan: plan(QUARTER_ENDS, [null, null, null, null]),
    goals: ["1.改善矿山环境，保护生态环境", "2.完成矿山地质环境治理宣传等工作，减少财产损失"],
    longTermGoals: [],
    indicators: [
      indicator("产出指标", "数量指标", "实际完成率", "实际完成工作情况", "≥90%", ge90, "工作计划", "F74"),
      indicator(
        "产出指标",
        "质量指标",
        "实际达标率",
        "项目完成的达标数与实际完成数的比率，反映项目质的量目标实现程度",
        "≥90%",
        ge90,
        "工作计划",
        "F75",
      ),
      indicator(
        "产出指标",
        "时效指标",
        "是否按时完成",
        "实际完成时间与计划完成时间的比率",
        "≥90%",
        ge90,
        "工作计划",
        "F76",
      ),
      indicator("产出指标", "成本指标", "预算执行率", "项目预算执行情况", "100%", eq100, "工作计划", "F77"),
      indicator(
        "效益指标",
        "社会效益指标",
        "是否保证治理工作顺利完成",
        "保障治理工作顺利进行",
        "100%",
        eq100,
        "工作计划",
        "F78",
      ),
    ],
  }),
  seedTable({
    range: "A82:G98",
    code: "13062522P00994E10187W",
    name: "苗圃场人员养老保险和医疗保险项目",
    budget: {
      total: 17.47,
      fiscal: 17.47,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 17.47, null], ["其他资金", null, null]),
    },
    usage:
      "按照医保局和社保局出具的缴费通知单逐月缴纳，共计174686.64元，其中医疗保险79585.2元（大病保险1380元、生育保险4887.84元、医疗保险73317.36元）和养老保险95101.44元。",
    plan: plan(QUARTER_ENDS, [24, 50, 74, 100]),
    goals: [
      "1.保障人员医疗、养老保险等方面的经费支出",
      "2.苗圃场人员医疗、养老补助17.468664万元，预计2022年1-12月份资金支付完毕",
    ],
    longTermGoals: [],
    indicators: [
      indicator("产出指标", "数量指标", "实发人数比率", "实缴人数占应缴人数比率", "100%", eq100, "工作计划", "F93"),
      indicator("产出指标", "质量指标", "考核完成率", "考核工作完成占计划完成数", "≥95%", ge95, "工作计划", "F94"),
      indicator(
        "产出指标",
        "时效指标",
        "支付及时率",
        "按时缴纳人员养老医疗保险及时率",
        "≥95%",
        ge95,
        "工作计划",
        "F95",
      ),
      indicator(
        "产出指标",
        "成本指标",
        "预算控制数",
        "不超年初预算数",
        "≤100%",
        target("≤", 100, "%"),
        "工作计划",
        "F96",
      ),
      indicator(
        "效益指标",
        "社会效益指标",
        "保证工作正常进行",
        "能够保障人员日常工作效率",
        "≥95%",
        ge95,
        "工作计划",
        "F97",
      ),
      indicator(
        "满意度指标",
        "服务对象满意度指标",
        "苗圃产在职人员满意度",
        "苗圃产在职人员满意度",
        "≥80%",
        target("≥", 80, "%"),
        "工作计划",
        "F98",
      ),
    ],
  }),
  seedTable({
    range: "A102:G117",
    code: "13062522P00456710487K",
    name: "徐水区2022年度林业有害生物防治经费",
    budget: {
      total: 70,
      fiscal: 70,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 70, null], ["其他资金", null, null]),
    },
    usage: "用于够买生物农药、胶带、飞防费、雇佣人员防治工作及其他等费用",
    plan: plan(QUARTER_ENDS, [null, null, 77, 100]),
    goals: [
      "1.预防和减少林业有害生物对森林资源的损失，保护森林资源;坚持预防和除治并重，有效遏制林业有害生物灾害的发生，巩固绿化成果。",
      "2.完成我区2022年林业有害生物防治工作",
      "3.购买药品、飞防费等费用70万元，预计2022年3-12月份资金支付完毕",
    ],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "林业有害生物防治面积",
        "预防发生有害生物灾害区域预计5万亩",
        "≥4.9万亩",
        target("≥", 4.9, "万亩"),
        "工作方案",
        "F113",
      ),
      indicator(
        "产出指标",
        "质量指标",
        "有害生物成灾率",
        "实际有害生物灾害面积占项目区域面积的比率",
        "≤3‰",
        target("≤", 3, "‰"),
        "工作方案",
        "F114",
      ),
      indicator(
        "产出指标",
        "时效指标",
        "资金拨付及时性",
        "按照工作安排和合同约定资金拨付时限",
        "100%",
        eq100,
        "工作方案和合同",
        "F115",
      ),
      indicator(
        "产出指标",
        "成本指标",
        "成本绩效指数",
        "实际完成工作的价值与实际成本的比值",
        "100%",
        eq100,
        "工作方案",
        "F116",
      ),
      indicator(
        "效益指标",
        "社会效益指标",
        "树木保存率",
        "树木因林业有害生物致死率控制在10%以下",
        "≥90%",
        ge90,
        "工作方案",
        "F117",
      ),
    ],
  }),
  seedTable({
    range: "A121:G136",
    code: "13062522P004567100058",
    name: "徐水区不动产登记中心投保职业责任险项目",
    budget: {
      total: 5,
      fiscal: 5,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 5, null], ["其他资金", null, null]),
    },
    usage: "投保职业责任险",
    plan: plan(QUARTER_ENDS, [null, null, null, null]),
    goals: [
      "1.建立不动产登记风险管理制度，建立登记保险制度，做好风险控制工作",
      "2.完善我区不动产登记登记保险制度，有效化和分担登记风险",
      "3.购买职业责任险费用5万元，预计2022年5月份支付完毕",
    ],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "化解登记风险率",
        "实际化解风险次数占应化解风险次数的比率",
        "≥90%",
        ge90,
        "工作计划",
        "F132",
      ),
      indicator(
        "产出指标",
        "质量指标",
        "工作正常运转率",
        "实际工作正常运转天数占应运转天数的比率",
        "≥90%",
        ge90,
        "工作计划",
        "F133",
      ),
      indicator("产出指标", "时效指标", "及时支付资金情况", "按照工作安排资金支付时限", "≥90%", ge90, "保险单", "F134"),
      indicator(
        "产出指标",
        "成本指标",
        "预算控制数",
        "项目支出金额不高于预算金额",
        "5万元",
        target("=", 5, "万元"),
        "工作计划",
        "F135",
      ),
      indicator(
        "效益指标",
        "社会效益指标",
        "保障不动产登记工作顺利进行",
        "保障不动产登记工作顺利进行",
        "100%",
        eq100,
        "根据工作安排",
        "F136",
      ),
    ],
  }),
  seedTable({
    range: "A140:G155",
    code: "13062522P00456610302K",
    name: "徐水区绿化占地土地流转金",
    budget: {
      total: 471.16,
      fiscal: 471.16,
      other: 0,
      adjusted: null,
      components: components(["财政资金", 471.16, null], ["其他资金", null, null]),
    },
    usage: "用于支付农垦公司、大午公司、中润绿谷公司绿化占地土地流转金",
    plan: plan(QUARTER_ENDS, [null, null, null, 100]),
    goals: [
      "1.减少地下水开采，改善两侧生态环境",
      "2.完成植树造林绿化占地流转金补助支付工作",
      "3.该项目绿化占地流转金10428.504909万元，预计当年1-12月份支付10428.504909万元",
    ],
    longTermGoals: [],
    indicators: [
      indicator(
        "产出指标",
        "数量指标",
        "实际支付资金情况",
        "实际支付流转金金额占计划支付流转金金额的比率",
        "≥90％",
        ge90,
        "工作计划和合同",
        "F151",
      ),
      indicator("产出指标", "质量指标", "拨付工作考核情况", "工作考核是否合格", "≥90％", ge90, "工作计划", "F152"),
      indicator(
        "产出指标",
        "时效指标",
        "及时支付资金率",
        "按照工作计划及时拨付资金",
        "≥90％",
        ge90,
        "工作计划和合同",
        "F153",
      ),
      indicator("产出指标", "成本指标", "预算执行率", "不超项目本年度资金预算", "100%", eq100, "工作计划", "F154"),
      indicator(
        "效益指标",
        "社会效益指标",
        "保证造林绿化工作进行",
        "能够保障造林绿化工作顺利开展",
        "100%",
        eq100,
        "工作计划",
        "F155",
      ),
    ],
  }),
];

/** The seed's department-level items, straight from the seed text (`绩效目标：…`, `绩效指标：…`). */
async function seedDepartmentItems(): Promise<{ title: string; goal: string; indicators: string }[]> {
  const lines = (await fs.readFile(SEED_TEXT, "utf8"))
    .replace(/\[bookmark: [^\]]*\]/g, "")
    .split(/\r?\n/)
    .map((l) => l.trim());
  const from = lines.indexOf("二、分项绩效目标");
  const to = lines.indexOf("三、工作保障措施");
  const items: { title: string; goal: string; indicators: string }[] = [];
  for (const line of lines.slice(from + 1, to)) {
    if (line.startsWith("绩效目标：")) items[items.length - 1].goal = line.slice(5);
    else if (line.startsWith("绩效指标：")) items[items.length - 1].indicators = line.slice(5);
    else if (line !== "") items.push({ title: line.replace(/^\d[.．]/, ""), goal: "", indicators: "" });
  }
  return items;
}

describe("the seed sample", () => {
  let file: string;
  let result: ReadResult;
  let json: InspectJson;

  beforeAll(async () => {
    file = await buildSeedSample(fixtureDir("seed"));
    result = await readFixture(file);
    json = asJson(result);
  });

  it("yields six tables with 31 indicator rows and no diagnostics", () => {
    expect(json.tables).toHaveLength(6);
    expect(json.tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(31);
    expect(json.diagnostics).toEqual([]);
  });

  it.each(EXPECTED.map((t, i) => [i + 1, t.name, t] as const))("table %i (%s): every field", (n, _name, expected) => {
    expect(json.tables[n - 1]).toEqual(expected);
  });

  it("prints the first table in exactly the --json shape of issue 2", () => {
    const t = json.tables[0];
    expect(Object.keys(json)).toEqual(["tables", "departmentTargets", "diagnostics"]);
    for (const key of [
      "sheet",
      "range",
      "layout",
      "code",
      "name",
      "department",
      "year",
      "unit",
      "budget",
      "usage",
      "plan",
      "goals",
      "indicators",
    ])
      expect(t).toHaveProperty(key);
    expect(t.budget).toMatchObject({
      total: 1.75,
      fiscal: 0,
      other: 1.75,
      components: [
        { label: "财政资金", amount: null, parent: null },
        { label: "其他资金", amount: 1.75, parent: null },
      ],
    });
    expect(Object.keys(t.indicators[0])).toEqual([
      "level1",
      "level2",
      "level3",
      "description",
      "value",
      "target",
      "basis",
      "direction",
      "cell",
    ]);
    expect(Object.keys(t.indicators[0].target)).toEqual(["op", "number", "unit", "text"]);
    expect(Object.keys(json.departmentTargets!)).toEqual(["overall", "items"]);
  });

  it("keeps amounts exact and in the table's unit in the model", () => {
    const budgets = result.tables.map((t) => [t.budget.total, ...t.budget.components.map((c) => c.amount)]);
    expect(budgets).toEqual([
      ["1.75", null, "1.75"],
      ["0.97", null, "0.97"],
      ["17.47", "17.47", null],
      ["70", "70", null],
      ["5", "5", null],
      ["471.16", "471.16", null],
    ]);
    expect(result.tables[0].budget.totalCell).toBe("C47");
  });

  it("reads 0.24 formatted as a percentage as 24", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const stored = wb.getWorksheet(SHEET)!.getCell("B88");
    expect([stored.value, stored.numFmt]).toEqual([0.24, "0%"]);
    const t = result.tables[2];
    expect(t.plan.map((p) => [p.label, p.percent, p.cell])).toEqual([
      ["3月底", 24, "B88"],
      ["6月底", 50, "C88"],
      ["10月底", 74, "E88"],
      ["12月底", 100, "F88"],
    ]);
  });

  it("keeps a full-width `≥90％` as written, with the unit `%`", () => {
    const i = result.tables[5].indicators[0];
    expect(i.value).toBe("≥90％");
    expect(i.target).toMatchObject({ op: "≥", number: "90", unit: "%", text: null });
    expect(i.target.notes).toContain("fullwidth");
  });

  it("drops the line break that only wraps table 4's description", () => {
    expect(result.tables[3].indicators[3].description).toBe("实际完成工作的价值与实际成本的比值");
  });

  it("points every indicator's cell at the cell that shows its value", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet(SHEET)!;
    for (const t of result.tables)
      for (const i of t.indicators) {
        const cell = ws.getCell(i.cell);
        expect(displayText(cell.value as number | string, cell.numFmt, false)).toBe(i.value);
        expect(ws.getCell(i.cells.level3!).value).toBe(i.level3);
      }
  });

  it("reads the department-level part as departmentTargets with its eight items, not as a table", async () => {
    const dept = json.departmentTargets!;
    expect(dept.overall).toMatch(/^以习近平新时代中国特色社会主义思想为指导，/);
    expect(dept.overall).toMatch(/示范建设高标准经济林和花卉示范基地，助推生态脱贫。$/);
    expect(dept.overall).not.toContain("\n");
    expect(dept.items.map((i) => i.title)).toEqual([
      "全民所有自然资源资产所有者职责得以行使",
      "国土空间用途管制职责得到履行",
      "国土空间生态保护修复职责进一步落实",
      "矿产资源勘查保护及地灾防治管理科学有效",
      "测绘地理信息服务能力进一步提高",
      "自然资源和规划管理水平整体提升",
      "大规模推进国土绿化",
      "完善林业生态保护体系",
    ]);
    expect(dept.items).toEqual(await seedDepartmentItems());
    expect(result.departmentTargets).toMatchObject({ sheet: SHEET });
    for (const t of json.tables) expect(t.name).not.toMatch(/绩效目标$/);
  });

  it("takes the overall target's text from the seed unchanged", async () => {
    const seed = await fs.readFile(SEED_TEXT, "utf8");
    const lines = seed.split(/\r?\n/);
    const overall = lines[lines.findIndex((l) => l.endsWith("一、总体绩效目标")) + 1];
    expect(json.departmentTargets!.overall).toBe(overall.trim());
  });

  it("writes the sample where it was asked to", () => {
    expect(path.basename(file)).toBe("seed-sample.xlsx");
  });
});
