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
