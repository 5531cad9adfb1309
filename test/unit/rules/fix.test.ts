/** applyFixes: the new values of the cells a set of fixes touches, worked out without a grid. */
import { applyFixes, type Fix } from "../../../src/core/rules";

const fix = (edits: Fix["edits"]): Fix => ({ description: "", descriptionEn: "", edits });

describe("applyFixes", () => {
  const cells: Record<string, string | number | null> = {
    "表1!D4": 800000,
    "表1!D5": "200000",
    "表1!E11": "≥９０百分比",
    "表1!B8": "项目资金100元",
  };
  const lookup = (sheet: string, cell: string) => cells[`${sheet}!${cell}`] ?? null;

  test("value edits apply to numbers and to numbers stored as text", () => {
    const plan = applyFixes(
      [
        fix([
          { sheet: "表1", cell: "D4", kind: "value", from: 800000, to: 80 },
          { sheet: "表1", cell: "D5", kind: "value", from: 200000, to: 20 },
        ]),
      ],
      lookup,
    );
    expect(plan.changes).toEqual([
      { sheet: "表1", cell: "D4", from: 800000, to: 80 },
      { sheet: "表1", cell: "D5", from: "200000", to: 20 },
    ]);
    expect(plan.skipped).toEqual([]);
  });

  test("edits of one cell apply one after another", () => {
    const plan = applyFixes(
      [
        fix([
          { sheet: "表1", cell: "E11", kind: "text", from: "９", to: "9" },
          { sheet: "表1", cell: "E11", kind: "text", from: "０", to: "0" },
        ]),
        fix([{ sheet: "表1", cell: "E11", kind: "text", from: "百分比", to: "%" }]),
      ],
      lookup,
    );
    expect(plan.changes).toEqual([{ sheet: "表1", cell: "E11", from: "≥９０百分比", to: "≥90%" }]);
  });

  test("an edit whose cell has changed since the check is skipped, not forced", () => {
    const plan = applyFixes(
      [
        fix([{ sheet: "表1", cell: "D4", kind: "value", from: 700000, to: 70 }]),
        fix([{ sheet: "表1", cell: "B8", kind: "text", from: "项目资金200元", to: "项目资金200万元" }]),
      ],
      lookup,
    );
    expect(plan.changes).toEqual([]);
    expect(plan.skipped.map((s) => s.reason)).toEqual(["单元格已不是 700000", "单元格中已无“项目资金200元”"]);
  });

  test("findings without a fix are ignored", () => {
    expect(applyFixes([], lookup)).toEqual({ changes: [], skipped: [] });
  });
});
