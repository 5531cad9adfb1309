import { cases, plan, table } from "./builders";

describe("plan-order", () => {
  cases("plan-order", [
    { name: "valid: 25 50 85 100", table: table(), expected: [] },
    { name: "valid: blanks are skipped", table: table({ plan: plan([null, 50, null, 100]) }), expected: [] },
    { name: "valid: a flat stretch", table: table({ plan: plan([50, 50, 50, 100]) }), expected: [] },
    {
      name: "invalid: going down",
      table: table({ plan: plan([30, 20, 80, 100]) }),
      expected: [{ cell: "D7", message: "资金支出计划 6月底 20% 低于 3月底 30%，累计进度不应下降" }],
    },
    {
      name: "invalid: going down across a blank",
      table: table({ plan: plan([40, null, 30, 100]) }),
      expected: [{ cell: "E7", message: "资金支出计划 10月底 30% 低于 3月底 40%，累计进度不应下降" }],
    },
    {
      name: "invalid: above 100%",
      table: table({ plan: plan([25, 50, 85, 120]) }),
      expected: [{ cell: "F7", message: "资金支出计划 12月底 120% 超出 0–100%" }],
    },
    {
      name: "invalid: below 0%",
      table: table({ plan: plan([-5, 50, 85, 100]) }),
      expected: [{ cell: "C7", message: "资金支出计划 3月底 -5% 超出 0–100%" }],
    },
  ]);
});
