import { cases, LEGACY_ROWS, table, withRow } from "./builders";

const withValue = (value: string) =>
  table({ rows: withRow(LEGACY_ROWS, "森林覆盖率提高", ["效益指标", "生态效益指标", "生态环境", value]) });

describe("val-vague", () => {
  cases("val-vague", [
    { name: "valid: a number", table: withValue("≥0.5%"), expected: [] },
    { name: "valid: a plain qualitative value (效果明显)", table: withValue("效果明显"), expected: [] },
    { name: "valid: 达到预期", table: withValue("达到预期"), expected: [] },
    {
      name: "invalid: 进一步提高",
      table: withValue("进一步提高"),
      expected: [
        { cell: "E14", message: "“生态环境”的指标值“进一步提高”表述模糊（“进一步提高”），应给出可衡量的目标值" },
      ],
    },
    {
      name: "invalid: 明显改善",
      table: withValue("生态环境明显改善"),
      expected: [
        { cell: "E14", message: "“生态环境”的指标值“生态环境明显改善”表述模糊（“明显改善”），应给出可衡量的目标值" },
      ],
    },
    {
      name: "invalid: 有效促进",
      table: withValue("有效促进林业发展"),
      expected: [
        { cell: "E14", message: "“生态环境”的指标值“有效促进林业发展”表述模糊（“有效促进”），应给出可衡量的目标值" },
      ],
    },
  ]);
});
