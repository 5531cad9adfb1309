import { cases, LEGACY_ROWS, table, withRow } from "./builders";

const withValue = (value: string) =>
  table({ rows: withRow(LEGACY_ROWS, "群众满意度", ["满意度指标", "服务对象满意度指标", "群众满意度", value]) });

describe("val-satisfaction", () => {
  cases("val-satisfaction", [
    { name: "valid: ≥90%", table: withValue("≥90%"), expected: [] },
    { name: "valid: ≥80% (seed table 3)", table: withValue("≥80%"), expected: [] },
    {
      name: "valid: a count of surveys under 数量 is not a satisfaction value",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "满意度调查次数", "≥2次"]) }),
      expected: [],
    },
    {
      name: "invalid: below 80%",
      table: withValue("≥75%"),
      expected: [{ cell: "E15", message: "满意度指标“群众满意度”的指标值“≥75%”低于 80%" }],
    },
    {
      name: "invalid: qualitative",
      table: withValue("满意"),
      expected: [{ cell: "E15", message: "满意度指标“群众满意度”的指标值“满意”不是百分比（如 ≥90%）" }],
    },
    {
      name: "invalid: points instead of a percentage",
      table: withValue("≥90分"),
      expected: [{ cell: "E15", message: "满意度指标“群众满意度”的指标值“≥90分”不是百分比（如 ≥90%）" }],
    },
  ]);
});
