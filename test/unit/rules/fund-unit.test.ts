import { cases, run, table } from "./builders";

describe("fund-unit", () => {
  cases("fund-unit", [
    { name: "valid: amounts agree", table: table(), expected: [] },
    {
      name: "valid: a mismatch that is no 10⁴ slip is fund-sum's business",
      table: table({
        sources: [
          ["财政资金", "80"],
          ["其他资金", "30"],
        ],
      }),
      expected: [],
    },
    {
      name: "valid: a table in 元 is not checked for 元/万元 slips",
      table: table({
        unit: "元",
        total: "1000000",
        sources: [
          ["财政资金", "800000"],
          ["其他资金", "200000"],
        ],
        goals: [],
      }),
      expected: [],
    },
    {
      name: "invalid: a source typed in 元",
      table: table({
        sources: [
          ["财政资金", "800000"],
          ["其他资金", "20"],
        ],
      }),
      expected: [{ cell: "D4", message: "财政资金 800000万元 疑以元填写：折合 80万元 后与预算数 100万元 相符" }],
    },
    {
      name: "invalid: the total typed in 元",
      table: table({ total: "1000000" }),
      expected: [{ cell: "D3", message: "预算数 1000000万元 疑以元填写：折合 100万元 后与明细合计 100万元 相符" }],
    },
    {
      name: "invalid: the whole budget typed in 元, as the goals show",
      table: table({
        total: "1000000",
        sources: [
          ["财政资金", "800000"],
          ["其他资金", "200000"],
        ],
        rows: [],
        goals: ["1.项目资金100万元"],
      }),
      expected: [{ cell: "D3", message: "预算数 1000000万元 疑以元填写：折合 100万元 后与表中所述金额 100万元 相符" }],
    },
  ]);

  test("offers dividing by 10000 as the fix", () => {
    const [one] = run(
      "fund-unit",
      table({
        sources: [
          ["财政资金", "800000"],
          ["其他资金", "20"],
        ],
      }),
    );
    expect(one.fix).toEqual({
      description: "将财政资金 800000 改为 80（元折合万元）",
      descriptionEn: "Change 财政资金 800000 to 80 (元 to 万元)",
      edits: [{ sheet: "表1", cell: "D4", kind: "value", from: 800000, to: 80 }],
    });
    const [all] = run(
      "fund-unit",
      table({
        total: "1000000",
        sources: [
          ["财政资金", "800000"],
          ["其他资金", "200000"],
        ],
        rows: [],
        goals: ["项目资金100万元"],
      }),
    );
    expect(all.cells.map((c) => c.cell)).toEqual(["D3", "D4", "D5"]);
    expect(all.fix?.edits.map((e) => [e.cell, e.from, e.to])).toEqual([
      ["D3", 1000000, 100],
      ["D4", 800000, 80],
      ["D5", 200000, 20],
    ]);
  });
});
