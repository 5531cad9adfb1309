import { cases, CPI2021_ROWS, LEGACY_ROWS, table, withRow, type RowSpec } from "./builders";

const HUNAN_ROWS = withRow(LEGACY_ROWS, "群众满意度", [
  "效益指标",
  "社会公众或服务对象满意度指标",
  "群众满意度",
  "≥90%",
]);
const CENTRAL_ROWS: RowSpec[] = [
  ["实施效果指标", "产出指标", "新建道路", "≥5公里"],
  ["实施效果指标", "产出指标", "工程验收合格率", "100%"],
  ["实施效果指标", "效益指标", "受益人口", "≥2000人"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
];
const SYNONYM_ROWS: RowSpec[] = [
  ["产出", "数量", "造林面积", "≥100亩"],
  ["产出指标", "进度指标", "完成时间", "2022年12月底前"],
  ["效果指标", "环境效益指标", "森林覆盖率提高", "≥0.5%"],
  ["效益指标", "可持续影响指标", "管护机制", "长效运行"],
  ["满意度指标", "满意度指标", "群众满意度", "≥90%"],
];

describe("ind-tree", () => {
  cases("ind-tree", [
    { name: "valid: legacy tree", table: table(), expected: [] },
    { name: "valid: cpi2021 tree (detected)", table: table({ rows: CPI2021_ROWS }), expected: [] },
    { name: "valid: hunan satisfaction under 效益 (detected)", table: table({ rows: HUNAN_ROWS }), expected: [] },
    {
      name: "valid: hunan, 满意度指标 as a second level under 效益 (detected)",
      table: table({ rows: withRow(LEGACY_ROWS, "群众满意度", ["效益指标", "满意度指标", "群众满意度", "≥90%"]) }),
      expected: [],
    },
    { name: "valid: central investment 实施效果指标", table: table({ rows: CENTRAL_ROWS }), expected: [] },
    { name: "valid: synonyms and a missing 指标", table: table({ rows: SYNONYM_ROWS }), expected: [] },
    {
      name: "invalid: 数量 under 效益",
      table: table({
        rows: withRow(LEGACY_ROWS, "森林覆盖率提高", ["效益指标", "数量指标", "森林覆盖率提高", "≥0.5%"]),
      }),
      expected: [
        {
          cell: "B14",
          message:
            "二级指标“数量指标”不应在一级指标“效益指标”下（应为 经济效益指标、社会效益指标、生态效益指标、可持续影响指标）",
        },
      ],
    },
    {
      name: "invalid: 成本 under 产出 in cpi2021",
      table: table({ rows: withRow(CPI2021_ROWS, "苗木成活率", ["产出指标", "成本指标", "苗木成活率", "≥90%"]) }),
      expected: [
        {
          cell: "B12",
          message:
            "二级指标“成本指标”不应在一级指标“产出指标”下（应为 数量指标、质量指标、时效指标）；2021 框架中成本指标为一级指标",
        },
      ],
    },
    {
      name: "invalid: 成本 as a first level when legacy is chosen",
      table: table({ rows: CPI2021_ROWS }),
      options: { profile: "legacy" },
      expected: [
        { cell: "A10", message: "一级指标“成本指标”不属于通用框架；通用框架中成本指标是产出指标下的二级指标" },
      ],
    },
    {
      name: "invalid: an unknown first level",
      table: table({ rows: withRow(LEGACY_ROWS, "完成时间", ["管理指标", "时效指标", "完成时间", "2022年12月底前"]) }),
      expected: [{ cell: "A12", message: "一级指标“管理指标”不属于通用框架；应为 产出指标、效益指标、满意度指标" }],
    },
    {
      name: "invalid: satisfaction under 效益 when legacy is chosen",
      table: table({ rows: HUNAN_ROWS }),
      options: { profile: "legacy" },
      expected: [
        {
          cell: "B15",
          message:
            "二级指标“社会公众或服务对象满意度指标”不应在一级指标“效益指标”下（应为 经济效益指标、社会效益指标、生态效益指标、可持续影响指标）",
        },
      ],
    },
  ]);
});
