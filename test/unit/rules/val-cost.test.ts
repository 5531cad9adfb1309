import { cases, LEGACY_ROWS, table, withRow } from "./builders";

const withCost = (value: string) =>
  table({ rows: withRow(LEGACY_ROWS, "造林成本", ["产出指标", "成本指标", "造林成本", value]) });

describe("val-cost", () => {
  cases("val-cost", [
    { name: "valid: equal to the budget", table: withCost("≤100万元"), expected: [] },
    { name: "valid: in 元, equal after conversion", table: withCost("≤1000000元"), expected: [] },
    { name: "valid: a cost rate is not money", table: withCost("≤100%"), expected: [] },
    {
      name: "invalid: above the budget",
      table: withCost("≤120万元"),
      expected: [{ cell: "E13", message: "成本指标“造林成本”的指标值“≤120万元”高于预算数 100万元" }],
    },
    {
      name: "invalid: above the budget after conversion",
      table: withCost("≤1500000元"),
      expected: [{ cell: "E13", message: "成本指标“造林成本”的指标值“≤1500000元”（折合 150万元）高于预算数 100万元" }],
    },
  ]);
});
