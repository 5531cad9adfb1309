import { cases, plan, run, table } from "./builders";

describe("plan-end", () => {
  cases("plan-end", [
    { name: "valid: ends at 100%", table: table(), expected: [] },
    {
      name: "valid: only 12月底 100% (seed table 1)",
      table: table({ plan: plan([null, null, null, 100]) }),
      expected: [],
    },
    { name: "valid: done by 10月底", table: table({ plan: plan([null, 50, 100, null]) }), expected: [] },
    { name: "valid: a table without a plan row", table: table({ plan: [] }), expected: [] },
    {
      name: "invalid: the whole plan blank (seed tables 2 and 5)",
      table: table({ plan: plan([null, null, null, null]) }),
      expected: [{ cell: "F7", message: "资金支出计划（3月底、6月底、10月底、12月底）全部空白，未编制支出计划" }],
    },
    {
      name: "invalid: ends below 100%",
      table: table({ plan: plan([25, 50, 85, 95]) }),
      expected: [{ cell: "F7", message: "资金支出计划最后为 12月底 95%，年底应累计支出 100%" }],
    },
    {
      name: "invalid: stops before the year end below 100%",
      table: table({ plan: plan([25, 50, 80, null]) }),
      expected: [{ cell: "F7", message: "资金支出计划最后为 10月底 80%，年底应累计支出 100%" }],
    },
  ]);

  test("a blank plan marks the whole row", () => {
    const [f] = run("plan-end", table({ plan: plan([null, null, null, null]) }));
    expect(f.cells.map((c) => c.cell)).toEqual(["F7", "C7", "D7", "E7"]);
  });
});
