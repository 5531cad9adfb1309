import { applyFixes } from "../../../src/core/rules";
import { cases, LEGACY_ROWS, run, table, withRow } from "./builders";

const withValue = (value: string) =>
  table({ rows: withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", "苗木成活率", value]) });

describe("val-fullwidth", () => {
  cases("val-fullwidth", [
    { name: "valid: half-width", table: withValue("≥90%"), expected: [] },
    { name: "valid: Chinese text is not full-width ASCII", table: withValue("按计划完成"), expected: [] },
    {
      name: "invalid: ％ (seed table 6)",
      table: withValue("≥90％"),
      expected: [{ cell: "E11", message: "“苗木成活率”的指标值“≥90％”含全角符号（％），宜改为“≥90%”" }],
    },
    {
      name: "invalid: full-width digits and a variant comparator",
      table: withValue("≧９５％"),
      expected: [{ cell: "E11", message: "“苗木成活率”的指标值“≧９５％”含全角符号（≧ ９ ５ ％），宜改为“≥95%”" }],
    },
  ]);

  test("a value joined from a 指标值 and a 计量单位 cell: each symbol is fixed in the cell that holds it", () => {
    const t = withValue("≥９５％");
    const i = t.indicators.find((x) => x.level3 === "苗木成活率")!;
    i.valueParts = [
      { cell: "E11", text: "≥９５" },
      { cell: "F11", text: "％" },
    ];
    const [f] = run("val-fullwidth", t);
    expect(f.fix?.edits.map((e) => [e.cell, e.from, e.to])).toEqual([
      ["E11", "９", "9"],
      ["E11", "５", "5"],
      ["F11", "％", "%"],
    ]);
    const texts: Record<string, string> = { E11: "≥９５", F11: "％" };
    const applied = applyFixes([f], (_sheet, cell) => texts[cell]);
    expect(applied.skipped).toEqual([]);
    expect(applied.changes).toEqual([
      { sheet: "表1", cell: "E11", from: "≥９５", to: "≥95" },
      { sheet: "表1", cell: "F11", from: "％", to: "%" },
    ]);
  });

  test("the fix replaces each symbol, and also fixes a split value cell", () => {
    const [f] = run("val-fullwidth", withValue("≧９５％"));
    expect(f.fix?.edits.map((e) => [e.from, e.to])).toEqual([
      ["≧", "≥"],
      ["９", "9"],
      ["５", "5"],
      ["％", "%"],
    ]);
    expect(applyFixes([f], () => "≧９５％").changes).toEqual([
      { sheet: "表1", cell: "E11", from: "≧９５％", to: "≥95%" },
    ]);
    // A value cell that holds only the number: the digits are fixed, the rest is skipped, not forced.
    const split = applyFixes([f], () => "９５");
    expect(split.changes).toEqual([{ sheet: "表1", cell: "E11", from: "９５", to: "95" }]);
    expect(split.skipped.map((s) => s.edit.from)).toEqual(["≧", "％"]);
  });
});
