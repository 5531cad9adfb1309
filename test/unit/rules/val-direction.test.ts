import { cases, indicators, LEGACY_ROWS, table, withRow, type RowSpec } from "./builders";

const withRowSpec = (row: RowSpec) => table({ rows: withRow(LEGACY_ROWS, "苗木成活率", row) });

describe("val-direction", () => {
  const directed = (direction: "positive" | "negative", value: string) =>
    table({
      indicators: indicators(withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", "病虫害防治效果", value])).map(
        (i) => (i.level3 === "病虫害防治效果" ? { ...i, direction } : i),
      ),
    });
  cases("val-direction", [
    { name: "valid: a good rate with ≥", table: table(), expected: [] },
    {
      name: "valid: a bad rate with ≤ (seed ≤3‰)",
      table: withRowSpec(["产出指标", "质量指标", "有害生物成灾率", "≤3‰"]),
      expected: [],
    },
    {
      name: "valid: 不合格率 with ≤",
      table: withRowSpec(["产出指标", "质量指标", "苗木不合格率", "≤5%"]),
      expected: [],
    },
    { name: "valid: a cost with ≤", table: table(), expected: [] },
    {
      name: "valid: 预算控制数 ≤100% (seed table 3)",
      table: withRowSpec(["产出指标", "成本指标", "预算控制数", "≤100%"]),
      expected: [],
    },
    { name: "valid: the direction column agrees", table: directed("negative", "≤5%"), expected: [] },
    {
      name: "invalid: a good rate with ≤",
      table: withRowSpec(["产出指标", "质量指标", "苗木成活率", "≤90%"]),
      expected: [{ cell: "E11", message: "“苗木成活率”越高越好，指标值“≤90%”却用 ≤，应为 ≥" }],
    },
    {
      name: "invalid: a cost with ≥",
      table: table({ rows: withRow(LEGACY_ROWS, "造林成本", ["产出指标", "成本指标", "造林成本", "≥100万元"]) }),
      expected: [{ cell: "E13", message: "成本“造林成本”的指标值“≥100万元”用 ≥，成本应设上限（≤）" }],
    },
    {
      name: "invalid: the direction column says negative",
      table: directed("negative", "≥5%"),
      expected: [{ cell: "E11", message: "“病虫害防治效果”为反向指标，指标值“≥5%”却用 ≥，应为 ≤" }],
    },
    {
      name: "invalid: the direction column says positive",
      table: directed("positive", "<5%"),
      expected: [{ cell: "E11", message: "“病虫害防治效果”为正向指标，指标值“<5%”却用 <，应为 ≥" }],
    },
  ]);
});
