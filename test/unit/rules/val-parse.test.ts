import { cases, LEGACY_ROWS, table, withRow } from "./builders";

const withValue = (value: string) =>
  table({ rows: withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", "苗木成活率", value]) });

describe("val-parse", () => {
  cases("val-parse", [
    { name: "valid: ≥90%", table: withValue("≥90%"), expected: [] },
    { name: "valid: comparator words (大于等于90%)", table: withValue("大于等于90%"), expected: [] },
    { name: "valid: 90%以上", table: withValue("90%以上"), expected: [] },
    { name: "valid: qualitative (优良)", table: withValue("优良"), expected: [] },
    { name: "valid: a period (2023.07-2024.01)", table: withValue("2023.07-2024.01"), expected: [] },
    { name: "valid: a date (2022年12月底前)", table: withValue("2022年12月底前"), expected: [] },
    { name: "valid: months (1-12月)", table: withValue("1-12月"), expected: [] },
    { name: "valid: 百分之九十 is val-range's business", table: withValue("百分之九十"), expected: [] },
    {
      name: "invalid: a redundant suffix (≥90%以上)",
      table: withValue("≥90%以上"),
      expected: [
        { cell: "E11", message: "“苗木成活率”的指标值“≥90%以上”看似定量，但不是“比较符+数值+单位”的写法（如 ≥95%）" },
      ],
    },
    {
      name: "invalid: words after the percentage (100%完成)",
      table: withValue("100%完成"),
      expected: [
        { cell: "E11", message: "“苗木成活率”的指标值“100%完成”看似定量，但不是“比较符+数值+单位”的写法（如 ≥95%）" },
      ],
    },
    {
      name: "invalid: a comparator without a number (≥九成)",
      table: withValue("≥九成"),
      expected: [
        { cell: "E11", message: "“苗木成活率”的指标值“≥九成”看似定量，但不是“比较符+数值+单位”的写法（如 ≥95%）" },
      ],
    },
  ]);
});
