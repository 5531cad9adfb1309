import { cases, LEGACY_ROWS, run, table, type RowSpec } from "./builders";

const OUTPUT = LEGACY_ROWS.slice(0, 4);

describe("ind-benefit-only-satisfaction", () => {
  cases("ind-benefit-only-satisfaction", [
    { name: "valid: a real benefit", table: table(), expected: [] },
    {
      name: "valid: hunan, a benefit besides satisfaction",
      table: table({
        rows: [
          ...OUTPUT,
          ["效益指标", "社会效益指标", "受益农户", "≥100户"],
          ["效益指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"],
        ],
      }),
      expected: [],
    },
    {
      name: "invalid: hunan, satisfaction is the only benefit",
      table: table({ rows: [...OUTPUT, ["效益指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"]] }),
      expected: [{ cell: "A1", message: "效益指标（“群众满意度”）均为满意度，应设反映实际效益的指标" }],
    },
    {
      name: "invalid: legacy, the only 社会效益 is a satisfaction rate",
      table: table({
        rows: [
          ...OUTPUT,
          ["效益指标", "社会效益指标", "群众满意率", "≥90%"],
          ["满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
        ] as RowSpec[],
      }),
      expected: [{ cell: "A1", message: "效益指标（“群众满意率”）均为满意度，应设反映实际效益的指标" }],
    },
  ]);

  test("marks the benefit rows", () => {
    const [f] = run(
      "ind-benefit-only-satisfaction",
      table({ rows: [...OUTPUT, ["效益指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"]] }),
    );
    expect(f.cells.map((c) => c.cell)).toEqual(["A1", "C14"]);
  });
});
