import { cases, LEGACY_ROWS, table, withRow } from "./builders";

describe("ind-input", () => {
  cases("ind-input", [
    { name: "valid: an output quantity", table: table(), expected: [] },
    {
      name: "valid: funds under 时效 are not a quantity (seed table 1)",
      table: table({ rows: withRow(LEGACY_ROWS, "完成时间", ["产出指标", "时效指标", "资金支付情况", "≥90%"]) }),
      expected: [],
    },
    {
      name: "invalid: a quantity named after funds (seed table 6)",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "实际支付资金情况", "≥90%"]) }),
      expected: [
        {
          cell: "C10",
          message: "数量指标“实际支付资金情况”以“资金”命名，衡量的是资金投入而非产出，应改为实际完成的工作量",
        },
      ],
    },
    {
      name: "invalid: a quantity measured in money",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林规模", "≥100万元"]) }),
      expected: [
        { cell: "C10", message: "数量指标“造林规模”以万元计量，衡量的是资金投入而非产出，应改为实际完成的工作量" },
      ],
    },
  ]);
});
