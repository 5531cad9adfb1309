import { cases, run, table } from "./builders";

describe("fund-sum", () => {
  cases("fund-sum", [
    { name: "valid: 100 = 80 + 20", table: table(), expected: [] },
    {
      name: "valid: a blank source counts as 0",
      table: table({
        sources: [
          ["财政资金", null],
          ["其他资金", "100"],
        ],
      }),
      expected: [],
    },
    {
      name: "valid: within 0.01 万元",
      table: table({
        sources: [
          ["财政资金", "80.005"],
          ["其他资金", "20"],
        ],
      }),
      expected: [],
    },
    {
      name: "valid: nested parts add up",
      table: table({
        sources: [
          ["财政拨款", "80"],
          ["当年财政拨款", "60", "财政拨款"],
          ["上年结转", "20", "财政拨款"],
          ["其他资金", "20"],
        ],
      }),
      expected: [],
    },
    {
      name: "valid: a blank line counts as the sum of its parts",
      table: table({
        sources: [
          ["财政拨款", null],
          ["当年财政拨款", "60", "财政拨款"],
          ["上年结转", "20", "财政拨款"],
          ["其他资金", "20"],
        ],
      }),
      expected: [],
    },
    {
      name: "valid: a table in 元 has a tolerance of 100 元",
      table: table({
        unit: "元",
        total: "1000000",
        sources: [
          ["财政资金", "999950"],
          ["其他资金", null],
        ],
      }),
      expected: [],
    },
    { name: "valid: everything blank", table: table({ total: null, sources: [["财政资金", null]] }), expected: [] },
    {
      name: "invalid: sources add up to more",
      table: table({
        sources: [
          ["财政资金", "80"],
          ["其他资金", "30"],
        ],
      }),
      expected: [
        { cell: "D3", message: "预算数 100万元 不等于资金来源合计 110万元（财政资金 80万元 + 其他资金 30万元）" },
      ],
    },
    {
      name: "invalid: a blank source leaves a gap",
      table: table({
        sources: [
          ["财政资金", "80"],
          ["其他资金", null],
        ],
      }),
      expected: [{ cell: "D3", message: "预算数 100万元 不等于资金来源合计 80万元（财政资金 80万元 + 其他资金 空）" }],
    },
    {
      name: "invalid: off by 0.02 万元",
      table: table({
        sources: [
          ["财政资金", "80.02"],
          ["其他资金", "20"],
        ],
      }),
      expected: [
        { cell: "D3", message: "预算数 100万元 不等于资金来源合计 100.02万元（财政资金 80.02万元 + 其他资金 20万元）" },
      ],
    },
    {
      name: "invalid: nested parts do not add up",
      table: table({
        sources: [
          ["财政拨款", "80"],
          ["当年财政拨款", "60", "财政拨款"],
          ["上年结转", "30", "财政拨款"],
          ["其他资金", "20"],
        ],
      }),
      expected: [
        { cell: "D4", message: "财政拨款 80万元 不等于其明细之和 90万元（当年财政拨款 60万元 + 上年结转 30万元）" },
      ],
    },
    {
      name: "invalid: blank total with stated sources",
      table: table({ total: null }),
      expected: [{ cell: "D3", message: "预算数为空，但资金来源合计 100万元（财政资金 80万元 + 其他资金 20万元）" }],
    },
  ]);

  test("marks the total and every source", () => {
    const [f] = run(
      "fund-sum",
      table({
        sources: [
          ["财政资金", "80"],
          ["其他资金", "30"],
        ],
      }),
    );
    expect(f.cells.map((c) => c.cell)).toEqual(["D3", "D4", "D5"]);
    expect(f.fix).toBeNull();
    expect(f.messageEn).toBe(
      "The budget total 100万元 is not the sum of its sources, 110万元 (财政资金 80万元 + 其他资金 30万元)",
    );
  });
});
