import { cases, indicators, LEGACY_ROWS, table, withRow } from "./builders";

describe("ind-blank", () => {
  const noL1Column = indicators(LEGACY_ROWS).map((i, n) =>
    n === 0 ? { ...i, level1: "", cells: { ...i.cells, level1: null } } : i,
  );
  cases("ind-blank", [
    { name: "valid: every field filled", table: table(), expected: [] },
    {
      name: "invalid: blank 二级",
      table: table({ rows: withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "", "苗木成活率", "≥90%"]) }),
      expected: [{ cell: "B11", message: "第 11 行“苗木成活率”的二级指标为空" }],
    },
    {
      name: "invalid: blank 指标值",
      table: table({ rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", ""]) }),
      expected: [{ cell: "E10", message: "第 10 行“造林面积”的指标值为空" }],
    },
    {
      name: "invalid: blank 三级",
      table: table({ rows: withRow(LEGACY_ROWS, "完成时间", ["产出指标", "时效指标", "", "2022年12月底前"]) }),
      expected: [{ cell: "C12", message: "第 12 行的三级指标为空" }],
    },
    {
      name: "invalid: blank 一级 without its own column marks the value cell",
      table: table({ indicators: noL1Column }),
      expected: [{ cell: "E10", message: "第 10 行“造林面积”的一级指标为空" }],
    },
  ]);
});
