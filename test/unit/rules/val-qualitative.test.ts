import { cases, CPI2021_ROWS, LEGACY_ROWS, table, withRow } from "./builders";

describe("val-qualitative", () => {
  cases("val-qualitative", [
    { name: "valid: numbers under 数量 and 成本", table: table(), expected: [] },
    {
      name: "valid: qualitative under 时效",
      table: table({ rows: withRow(LEGACY_ROWS, "完成时间", ["产出指标", "时效指标", "完成时间", "按计划完成"]) }),
      expected: [],
    },
    {
      name: "valid: a malformed number is val-parse's business",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", "≥100亩以上"]) }),
      expected: [],
    },
    {
      name: "invalid: qualitative under 数量",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", "按计划完成"]) }),
      expected: [{ cell: "E10", message: "数量指标“造林面积”的指标值“按计划完成”为定性表述，应为定量值" }],
    },
    {
      name: "invalid: qualitative under legacy 成本",
      table: table({ rows: withRow(LEGACY_ROWS, "造林成本", ["产出指标", "成本指标", "造林成本", "不超预算"]) }),
      expected: [{ cell: "E13", message: "成本指标“造林成本”的指标值“不超预算”为定性表述，应为定量值" }],
    },
    {
      name: "invalid: qualitative under cpi2021 成本",
      table: table({
        rows: withRow(CPI2021_ROWS, "造林成本", ["成本指标", "经济成本指标", "造林成本", "控制在预算内", "计划标准"]),
      }),
      expected: [{ cell: "E10", message: "成本指标“造林成本”的指标值“控制在预算内”为定性表述，应为定量值" }],
    },
  ]);
});
