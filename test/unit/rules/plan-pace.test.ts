import { cases, plan, table } from "./builders";

const CENTRAL = [
  { month: 6, percent: 50 },
  { month: 9, percent: 75 },
  { month: 12, percent: 100 },
];

describe("plan-pace", () => {
  cases("plan-pace", [
    { name: "valid: at or ahead of 序时进度", table: table(), expected: [] },
    {
      name: "valid: blank checkpoints are skipped",
      table: table({ plan: plan([null, null, null, 100]) }),
      expected: [],
    },
    {
      name: "valid: the year-end checkpoint is plan-end's business",
      table: table({ plan: plan([25, 50, 85, 90]) }),
      expected: [],
    },
    {
      name: "valid: configured thresholds (6月底 50%, 9月底 75%)",
      table: table({ plan: plan([10, 50, 80, 100]) }),
      options: { paceThresholds: CENTRAL },
      expected: [],
    },
    {
      name: "invalid: behind at 3月底",
      table: table({ plan: plan([20, 50, 85, 100]) }),
      expected: [{ cell: "C7", message: "3月底计划支出 20%，低于序时进度 25%" }],
    },
    {
      name: "invalid: behind at 6月底 and 10月底 (83.3%)",
      table: table({ plan: plan([25, 40, 70, 100]) }),
      expected: [
        { cell: "D7", message: "6月底计划支出 40%，低于序时进度 50%" },
        { cell: "E7", message: "10月底计划支出 70%，低于序时进度 83.3%" },
      ],
    },
    {
      name: "invalid: behind configured thresholds",
      table: table({ plan: plan([10, 45, 70, 100]) }),
      options: { paceThresholds: CENTRAL },
      expected: [
        { cell: "D7", message: "6月底计划支出 45%，低于进度要求 50%" },
        { cell: "E7", message: "10月底计划支出 70%，低于进度要求 75%" },
      ],
    },
    {
      name: "invalid: a dated checkpoint counts the days",
      table: table({ plan: plan([40, 100], ["2022年6月15日", "2022年12月31日"]) }),
      expected: [{ cell: "C7", message: "2022年6月15日计划支出 40%，低于序时进度 45.8%" }],
    },
  ]);
});
