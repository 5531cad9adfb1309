import { cases, table } from "./builders";

describe("fund-range", () => {
  cases("fund-range", [
    { name: "valid: sources within the total", table: table(), expected: [] },
    {
      name: "valid: a source equal to the total",
      table: table({
        sources: [
          ["财政资金", "100"],
          ["其他资金", "0"],
        ],
      }),
      expected: [],
    },
    {
      name: "invalid: a negative source",
      table: table({
        sources: [
          ["财政资金", "105"],
          ["其他资金", "-5"],
        ],
      }),
      expected: [
        { cell: "D4", message: "财政资金 105万元 超过预算数 100万元" },
        { cell: "D5", message: "其他资金 -5万元 为负数" },
      ],
    },
    {
      name: "invalid: a source above the total",
      table: table({
        sources: [
          ["财政资金", "120"],
          ["其他资金", null],
        ],
      }),
      expected: [{ cell: "D4", message: "财政资金 120万元 超过预算数 100万元" }],
    },
    {
      name: "invalid: a part above its line",
      table: table({
        sources: [
          ["财政拨款", "50"],
          ["当年财政拨款", "60", "财政拨款"],
          ["其他资金", "50"],
        ],
      }),
      expected: [{ cell: "D5", message: "当年财政拨款 60万元 超过其所属的财政拨款 50万元" }],
    },
  ]);
});
