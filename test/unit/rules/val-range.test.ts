import { cases, LEGACY_ROWS, run, table, withRow } from "./builders";

const withValue = (value: string, level3 = "苗木成活率") =>
  table({ rows: withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", level3, value]) });

describe("val-range", () => {
  cases("val-range", [
    { name: "valid: ≥90%", table: withValue("≥90%"), expected: [] },
    { name: "valid: =100%", table: withValue("100%"), expected: [] },
    { name: "valid: ≤3‰ (seed table 4)", table: withValue("≤3‰", "有害生物成灾率"), expected: [] },
    {
      name: "invalid: above 100%",
      table: withValue("≥120%"),
      expected: [{ cell: "E11", message: "“苗木成活率”的指标值“≥120%”超出 0–100%" }],
    },
    {
      name: "invalid: above 1000‰",
      table: withValue("≤1200‰", "有害生物成灾率"),
      expected: [{ cell: "E11", message: "“有害生物成灾率”的指标值“≤1200‰”超出 0–1000‰" }],
    },
    {
      name: "invalid: 百分比 as a word",
      table: withValue("≥90百分比"),
      expected: [{ cell: "E11", message: "“苗木成活率”的指标值“≥90百分比”以文字写百分比，应为“≥90%”" }],
    },
    {
      name: "invalid: a percentage in words",
      table: withValue("百分之九十"),
      expected: [{ cell: "E11", message: "“苗木成活率”的指标值“百分之九十”以文字写百分比，应改用数字和 % 或 ‰" }],
    },
  ]);

  test("the 百分比 fix replaces the word in the value cell", () => {
    const [f] = run("val-range", withValue("≥90百分比"));
    expect(f.fix?.edits).toEqual([{ sheet: "表1", cell: "E11", kind: "text", from: "百分比", to: "%" }]);
    const [words] = run("val-range", withValue("百分之九十"));
    expect(words.fix).toBeNull();
  });
});
