import { cases, LEGACY_ROWS, table, withRow } from "./builders";

describe("ind-satisfaction", () => {
  cases("ind-satisfaction", [
    { name: "valid: a 满意度 row", table: table(), expected: [] },
    {
      name: "valid: hunan satisfaction under 效益",
      table: table({
        rows: withRow(LEGACY_ROWS, "群众满意度", ["效益指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"]),
      }),
      expected: [],
    },
    { name: "valid: no indicators at all is ind-required's business", table: table({ rows: [] }), expected: [] },
    {
      name: "invalid: a count of satisfaction surveys is not a satisfaction indicator",
      table: table({
        rows: withRow(LEGACY_ROWS, "群众满意度", ["产出指标", "数量指标", "满意度调查次数", "≥2次"]),
      }),
      expected: [
        {
          cell: "A1",
          severity: "info",
          message: "“造林绿化项目”未设置满意度指标；有服务对象的项目应设服务对象满意度指标",
        },
      ],
    },
    {
      name: "invalid: no satisfaction row (seed tables 1, 2, 4, 5, 6): a note in legacy",
      table: table({ rows: withRow(LEGACY_ROWS, "群众满意度", null) }),
      expected: [
        {
          cell: "A1",
          severity: "info",
          message: "“造林绿化项目”未设置满意度指标；有服务对象的项目应设服务对象满意度指标",
        },
      ],
    },
  ]);
});
