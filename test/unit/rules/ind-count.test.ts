import { cases, LEGACY_ROWS, run, table } from "./builders";

describe("ind-count", () => {
  cases("ind-count", [
    { name: "valid: six distinct indicators", table: table(), expected: [] },
    { name: "valid: exactly three", table: table({ rows: LEGACY_ROWS.slice(3) }), expected: [] },
    {
      name: "invalid: two indicators",
      table: table({ rows: LEGACY_ROWS.slice(0, 2) }),
      expected: [{ cell: "A1", message: "只有 2 个三级指标，少于 3 个" }],
    },
    {
      name: "invalid: a repeated name",
      table: table({ rows: [...LEGACY_ROWS, ["产出指标", "数量指标", "造林面积", "≥50亩"]] }),
      expected: [{ cell: "C16", message: "三级指标“造林面积”重复（第 10 行已有）" }],
    },
  ]);

  test("a repeated name marks both rows", () => {
    const [f] = run("ind-count", table({ rows: [...LEGACY_ROWS, ["产出指标", "数量指标", "造林 面积", "≥50亩"]] }));
    expect(f.cells.map((c) => c.cell)).toEqual(["C16", "C10"]);
  });
});
