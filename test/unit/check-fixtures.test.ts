/**
 * Issue 4, "done when": a workbook with one planted defect per rule is caught rule by rule at the
 * right cell, and every clean layout fixture gives no finding of severity error — all through
 * `planCheck` over the ExcelJS port, as the CLI checks a file.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planCheck, type CheckOutcome } from "../../src/commands/check";
import { RULES } from "../../src/core/rules";
import { buildPlantedDefects, CELLS, PLANTED, rowCell } from "../fixtures/planted-defects";
import { buildPastedSheets } from "../fixtures/pasted-sheets";
import { buildFlatListsByCode, buildFlatListsByName } from "../fixtures/flat-lists";
import { buildNestedFunds } from "../fixtures/nested-funds";
import { buildLongTermGoals } from "../fixtures/long-term-goals";
import { buildValueWithUnit } from "../fixtures/value-with-unit";
import { buildSplitColumns } from "../fixtures/split-columns";
import { buildHunan } from "../fixtures/hunan";
import { buildAmountFormats } from "../fixtures/amount-formats";
import { buildPercentFormats } from "../fixtures/percent-formats";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";

const dir = fixtureDir("check-fixtures");
const NOW = new Date(Date.UTC(2023, 5, 1));

async function check(file: string): Promise<CheckOutcome> {
  return planCheck(await ExcelJsWorkbook.load(await fs.readFile(file)), { now: NOW });
}

type Field = "level1" | "level2" | "level3" | "value" | "basis";
type Hit = { rule: string; severity: string; cell: string };

/** A field of the row the planted table names `level3` (so the row index follows the builder). */
function at(sheet: string, level3: string, field: Field): string {
  const i = PLANTED[sheet].rows.findIndex((r) => r[2] === level3);
  if (i < 0) throw new Error(`${sheet}: no row ${level3}`);
  return rowCell(i, field);
}

/** Table-level findings go to the table's first cell: the top-left of the title the builder merges. */
const FIRST = "A1";
const [PLAN_MAR, , PLAN_SEP, PLAN_DEC] = CELLS.plan;

/**
 * Per planted table: the findings of its own rule, then any incidental finding of another rule,
 * listed explicitly (a defect that cannot be planted without also breaking something else).
 */
const EXPECTED: Record<string, { planted: Hit[]; incidental?: Hit[] }> = {
  "fund-sum": { planted: [{ rule: "fund-sum", severity: "error", cell: CELLS.total }] },
  // 其他资金 −10 keeps the sum right only with 财政资金 130 above the budget: both are fund-range.
  "fund-range": {
    planted: [
      { rule: "fund-range", severity: "error", cell: CELLS.fiscal },
      { rule: "fund-range", severity: "error", cell: CELLS.other },
    ],
  },
  // 其他资金 in 元 (200000 for 20万元) also breaks the sum and the range.
  "fund-unit": {
    planted: [{ rule: "fund-unit", severity: "warning", cell: CELLS.other }],
    incidental: [
      { rule: "fund-sum", severity: "error", cell: CELLS.total },
      { rule: "fund-range", severity: "error", cell: CELLS.other },
    ],
  },
  "text-amount": { planted: [{ rule: "text-amount", severity: "warning", cell: CELLS.goals[0] }] },
  // 9月底 40% after 6月底 50% is also below the 序时进度 of 9月底.
  "plan-order": {
    planted: [{ rule: "plan-order", severity: "error", cell: PLAN_SEP }],
    incidental: [{ rule: "plan-pace", severity: "info", cell: PLAN_SEP }],
  },
  "plan-end": { planted: [{ rule: "plan-end", severity: "warning", cell: PLAN_DEC }] },
  "plan-pace": { planted: [{ rule: "plan-pace", severity: "info", cell: PLAN_MAR }] },
  "ind-blank": { planted: [{ rule: "ind-blank", severity: "error", cell: at("ind-blank", "", "level3") }] },
  "ind-tree": { planted: [{ rule: "ind-tree", severity: "error", cell: at("ind-tree", "农村公路通行率", "level2") }] },
  "ind-required": { planted: [{ rule: "ind-required", severity: "error", cell: FIRST }] },
  "ind-satisfaction": { planted: [{ rule: "ind-satisfaction", severity: "info", cell: FIRST }] },
  // Two indicators (数量 and 效益) leave no 满意度 row either.
  "ind-count": {
    planted: [{ rule: "ind-count", severity: "warning", cell: FIRST }],
    incidental: [{ rule: "ind-satisfaction", severity: "info", cell: FIRST }],
  },
  "val-parse": { planted: [{ rule: "val-parse", severity: "error", cell: at("val-parse", "优良中等路率", "value") }] },
  "val-range": {
    planted: [{ rule: "val-range", severity: "warning", cell: at("val-range", "优良中等路率", "value") }],
  },
  "val-fullwidth": {
    planted: [{ rule: "val-fullwidth", severity: "info", cell: at("val-fullwidth", "优良中等路率", "value") }],
  },
  "val-direction": {
    planted: [{ rule: "val-direction", severity: "warning", cell: at("val-direction", "验收合格率", "value") }],
  },
  "val-satisfaction": {
    planted: [
      { rule: "val-satisfaction", severity: "warning", cell: at("val-satisfaction", "沿线群众满意度", "value") },
    ],
  },
  "val-cost": { planted: [{ rule: "val-cost", severity: "warning", cell: at("val-cost", "养护成本", "value") }] },
  "val-vague": {
    planted: [{ rule: "val-vague", severity: "warning", cell: at("val-vague", "群众出行条件", "value") }],
  },
  "val-qualitative": {
    planted: [{ rule: "val-qualitative", severity: "warning", cell: at("val-qualitative", "养护里程", "value") }],
  },
  "ind-input": {
    planted: [{ rule: "ind-input", severity: "warning", cell: at("ind-input", "养护资金投入", "level3") }],
  },
  "ind-benefit-only-satisfaction": {
    planted: [{ rule: "ind-benefit-only-satisfaction", severity: "warning", cell: FIRST }],
  },
  basis: { planted: [{ rule: "basis", severity: "info", cell: at("basis", "养护里程", "basis") }] },
};

const byPlace = (a: Hit, b: Hit): number =>
  `${a.rule} ${a.cell} ${a.severity}`.localeCompare(`${b.rule} ${b.cell} ${b.severity}`);

describe("check over a workbook with one planted defect per rule", () => {
  let outcome: CheckOutcome;

  beforeAll(async () => {
    outcome = await check(await buildPlantedDefects(path.join(dir, "planted.xlsx")));
  });

  it("plants a defect for every rule of the catalogue, one table a sheet, read as pasted tables", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(RULES.map((r) => r.meta.id).sort());
    expect(Object.keys(PLANTED).sort()).toEqual(["clean", ...Object.keys(EXPECTED)].sort());
    expect(outcome.read.tables.map((t) => [t.sheet, t.layout])).toEqual(Object.keys(PLANTED).map((s) => [s, "pasted"]));
  });

  it("finds nothing in the clean table", () => {
    expect(outcome.findings.filter((f) => f.sheet === "clean")).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))("%s fires at the planted cell, and nothing unlisted", (sheet, e) => {
    const got = outcome.findings
      .filter((f) => f.sheet === sheet)
      .map((f) => ({ rule: f.rule, severity: f.severity, cell: f.cell }))
      .sort(byPlace);
    expect(got).toEqual([...e.planted, ...(e.incidental ?? [])].sort(byPlace));
  });
});

/**
 * Every layout fixture under planCheck: no finding of severity error. Some reader fixtures keep
 * their tables minimal or deliberately unreadable; each such case names the rule it skips and why.
 */
const LAYOUTS: { name: string; build: (file: string) => Promise<string>; skip?: Record<string, string> }[] = [
  { name: "pasted-sheets", build: buildPastedSheets },
  {
    name: "flat-lists by code",
    build: buildFlatListsByCode,
    skip: { "ind-required": "one project has no indicators and the others only the rows the reader test needs" },
  },
  {
    name: "flat-lists by name",
    build: buildFlatListsByName,
    skip: { "ind-required": "a project lists only the rows the reader test needs (no 效益指标)" },
  },
  { name: "nested-funds", build: buildNestedFunds },
  { name: "long-term-goals", build: buildLongTermGoals },
  { name: "value-with-unit", build: buildValueWithUnit },
  { name: "split-columns", build: buildSplitColumns },
  { name: "hunan", build: buildHunan },
  {
    name: "amount-formats",
    build: buildAmountFormats,
    skip: {
      "ind-required": "tables 2 and 3 carry only the indicator rows the amount tests need (no 效益指标)",
      "fund-sum": "table 3 plants unreadable sources (待定, #DIV/0!) on purpose, so they cannot add up to 30",
    },
  },
  {
    name: "percent-formats",
    build: buildPercentFormats,
    skip: { "ind-required": "each sheet carries only the indicator rows the percent tests need (no 效益指标)" },
  },
  { name: "seed-sample", build: (file) => buildSeedSample(path.dirname(file)) },
];

describe("clean layout fixtures give no errors under check", () => {
  it.each(LAYOUTS.map((l) => [l.name, l] as const))("%s", async (name, l) => {
    const outcome = await check(await l.build(path.join(dir, `${name.replace(/\W+/g, "-")}.xlsx`)));
    expect(outcome.read.tables.length).toBeGreaterThan(0);
    const errors = outcome.findings
      .filter((f) => f.severity === "error" && !(l.skip && f.rule in l.skip))
      .map((f) => `${f.sheet}!${f.cell} ${f.rule}: ${f.message}`);
    expect(errors).toEqual([]);
    // A skip must still be needed: it names a rule that fires, never a blanket pass.
    for (const rule of Object.keys(l.skip ?? {})) expect(outcome.findings.map((f) => f.rule)).toContain(rule);
  });
});
