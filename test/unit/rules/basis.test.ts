import { cases, CPI2021_ROWS, indicators, LEGACY_ROWS, table, withRow } from "./builders";

describe("basis", () => {
  const noColumn = indicators(LEGACY_ROWS.map((r) => [r[0], r[1], r[2], r[3], null])).map((i) => ({
    ...i,
    cells: { ...i.cells, basis: null },
  }));
  cases("basis", [
    {
      name: "valid: legacy accepts any wording (the seed's 工作计划)",
      table: table({ rows: LEGACY_ROWS.map((r) => [r[0], r[1], r[2], r[3], "工作计划"]) }),
      expected: [],
    },
    { name: "valid: cpi2021 standard kinds", table: table({ rows: CPI2021_ROWS }), expected: [] },
    { name: "valid: no basis column", table: table({ indicators: noColumn }), expected: [] },
    {
      name: "invalid: legacy, blank (info)",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", "≥100亩", null]) }),
      expected: [{ cell: "F10", severity: "info", message: "“造林面积”的指标值确定依据为空" }],
    },
    {
      name: "invalid: cpi2021, not a standard kind (warning)",
      table: table({
        rows: withRow(CPI2021_ROWS, "造林成本", ["成本指标", "经济成本指标", "造林成本", "≤100万元", "工作计划"]),
      }),
      expected: [
        {
          cell: "F10",
          severity: "warning",
          message: "“造林成本”的指标值确定依据“工作计划”不是计划标准、行业标准、历史标准、其他之一",
        },
      ],
    },
    {
      name: "invalid: cpi2021, blank (warning)",
      table: table({ rows: withRow(CPI2021_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", "≥100亩", ""]) }),
      expected: [{ cell: "F11", severity: "warning", message: "“造林面积”的指标值确定依据为空" }],
    },
  ]);
});
