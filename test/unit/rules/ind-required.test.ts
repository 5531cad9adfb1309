import { cases, CPI2021_ROWS, LEGACY_ROWS, table, withRow, type RowSpec } from "./builders";

describe("ind-required", () => {
  const noBenefit = withRow(LEGACY_ROWS, "森林覆盖率提高", null);
  const onlySatisfaction: RowSpec[] = [["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]];
  cases("ind-required", [
    { name: "valid: 产出 and 效益", table: table(), expected: [] },
    { name: "valid: cpi2021 with 成本", table: table({ rows: CPI2021_ROWS }), expected: [] },
    {
      name: "valid: central investment 产出/效益 under 实施效果",
      table: table({
        rows: [
          ["实施效果指标", "产出指标", "新建道路", "≥5公里"],
          ["实施效果指标", "效益指标", "受益人口", "≥2000人"],
        ],
      }),
      expected: [],
    },
    {
      name: "invalid: no 效益",
      table: table({ rows: noBenefit }),
      expected: [{ cell: "A1", message: "未设置效益指标" }],
    },
    {
      name: "invalid: neither 产出 nor 效益",
      table: table({ rows: onlySatisfaction }),
      expected: [
        { cell: "A1", message: "未设置产出指标" },
        { cell: "A1", message: "未设置效益指标" },
      ],
    },
    {
      name: "invalid: no 成本 in cpi2021",
      table: table({ rows: LEGACY_ROWS }),
      options: { profile: "cpi2021" },
      expected: [{ cell: "A1", message: "未设置成本指标（2021 框架要求成本指标为一级指标）" }],
    },
  ]);
});
