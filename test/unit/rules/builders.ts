/**
 * Builds TargetTable objects for the rule tests. The default table is clean under every rule in
 * the legacy profile; tests change one thing and look for the one finding it causes.
 *
 * Layout of the built table on sheet `表1` (A1:F30): name B2; 预算数 D3, components D4, D5…;
 * 用途 B6; plan C7:F7 (3月底, 6月底, 10月底, 12月底); 绩效目标 B8; indicators from row 10 in
 * columns A (一级), B (二级), C (三级), D (描述), E (指标值), F (依据).
 */
import type { FundComponent, Indicator, PlanCheckpoint, TargetTable } from "../../../src/core/model";
import { parseTarget } from "../../../src/core/grammar";
import { checkTable, RULES, type CheckOptions, type Finding, type Rule } from "../../../src/core/rules";

export const SHEET = "表1";
export const FIRST_ROW = 10;

export type RowSpec = [level1: string, level2: string, level3: string, value: string, basis?: string | null];

export const LEGACY_ROWS: RowSpec[] = [
  ["产出指标", "数量指标", "造林面积", "≥100亩"],
  ["产出指标", "质量指标", "苗木成活率", "≥90%"],
  ["产出指标", "时效指标", "完成时间", "2022年12月底前"],
  ["产出指标", "成本指标", "造林成本", "≤100万元"],
  ["效益指标", "生态效益指标", "森林覆盖率提高", "≥0.5%"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
];

export const CPI2021_ROWS: RowSpec[] = [
  ["成本指标", "经济成本指标", "造林成本", "≤100万元", "计划标准"],
  ["产出指标", "数量指标", "造林面积", "≥100亩", "计划标准"],
  ["产出指标", "质量指标", "苗木成活率", "≥90%", "行业标准"],
  ["产出指标", "时效指标", "完成时间", "2022年12月底前", "计划标准"],
  ["效益指标", "生态效益指标", "森林覆盖率提高", "≥0.5%", "历史标准"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "其他"],
];

export function indicators(rows: RowSpec[], options: { sheet?: string; firstRow?: number } = {}): Indicator[] {
  const first = options.firstRow ?? FIRST_ROW;
  const q = (a: string): string => (options.sheet ? `${options.sheet}!${a}` : a);
  return rows.map(([level1, level2, level3, value, basis], n) => {
    const row = first + n;
    return {
      level1,
      level2,
      level3,
      description: null,
      value,
      target: parseTarget(value),
      basis: basis === undefined ? "计划标准" : basis,
      direction: null,
      cell: q(`E${row}`),
      cells: {
        level1: q(`A${row}`),
        level2: q(`B${row}`),
        level3: q(`C${row}`),
        description: q(`D${row}`),
        basis: q(`F${row}`),
      },
      row,
    };
  });
}

export function components(list: [label: string, amount: string | null, parent?: string][]): FundComponent[] {
  return list.map(([label, amount, parent], n) => ({
    label,
    amount,
    parent: parent ?? null,
    fiscal: /财政/.test(label) || (parent !== undefined && /财政/.test(parent)),
    cell: `D${4 + n}`,
  }));
}

export function plan(percents: (number | null)[], labels = ["3月底", "6月底", "10月底", "12月底"]): PlanCheckpoint[] {
  const cols = ["C", "D", "E", "F", "G", "H"];
  return percents.map((percent, n) => ({ label: labels[n], percent, cell: `${cols[n]}7` }));
}

export interface TableSpec extends Partial<Omit<TargetTable, "budget" | "indicators">> {
  total?: string | null;
  sources?: [label: string, amount: string | null, parent?: string][];
  rows?: RowSpec[];
  indicators?: Indicator[];
}

/** A clean legacy table (100万元 = 财政 80 + 其他 20), changed by `spec`. */
export function table(spec: TableSpec = {}): TargetTable {
  const { total, sources, rows, indicators: given, ...rest } = spec;
  return {
    sheet: SHEET,
    range: "A1:F30",
    layout: "pasted",
    code: "13062522P00000000001A",
    name: "造林绿化项目",
    department: null,
    departmentCode: null,
    year: 2022,
    unit: "万元",
    budget: {
      total: total === undefined ? "100" : total,
      totalCell: "D3",
      adjusted: null,
      adjustedCell: null,
      components: components(
        sources ?? [
          ["财政资金", "80"],
          ["其他资金", "20"],
        ],
      ),
    },
    usage: "用于造林苗木、栽植和管护",
    usageCell: "B6",
    plan: plan([25, 50, 85, 100]),
    goals: ["1.完成造林100亩，苗木成活率90%以上", "2.项目资金100万元，其中财政资金80万元，年底前支付完毕"],
    goalsCell: "B8",
    longTermGoals: [],
    indicators: given ?? indicators(rows ?? LEGACY_ROWS),
    nameCell: "B2",
    codeCell: "E2",
    ...rest,
  };
}

/** Replaces one spec row (by 三级 name) in a row list. */
export function withRow(rows: RowSpec[], level3: string, row: RowSpec | null): RowSpec[] {
  const out = rows.flatMap((r) => (r[2] === level3 ? (row ? [row] : []) : [r]));
  if (row && !rows.some((r) => r[2] === level3)) out.push(row);
  return out;
}

/** Runs one rule on a table (severity as the profile sets it). */
export function run(rule: Rule | string, t: TargetTable, options: CheckOptions = {}): Finding[] {
  const r = typeof rule === "string" ? RULES.find((x) => x.meta.id === rule) : rule;
  if (!r) throw new Error(`no rule ${String(rule)}`);
  return checkTable(t, [r], options).findings;
}

/** The parts of a finding a table-driven test compares. */
export function brief(f: Finding): { rule: string; severity: string; cell: string; message: string } {
  return {
    rule: f.rule,
    severity: f.severity,
    cell: f.sheet === SHEET ? f.cell : `${f.sheet}!${f.cell}`,
    message: f.message,
  };
}

export interface Case {
  name: string;
  table: TargetTable;
  options?: CheckOptions;
  /** Expected findings as `brief` gives them (rule and severity filled in by `cases`). */
  expected: { cell: string; message: string; severity?: string }[];
}

/** Runs a table-driven test of one rule: every case's findings, in order, rule id and severity included. */
export function cases(ruleId: string, list: Case[]): void {
  const rule = RULES.find((r) => r.meta.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  test.each(list.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const got = run(rule, c.table, c.options).map(brief);
    expect(got).toEqual(
      c.expected.map((e) => ({
        rule: ruleId,
        severity: e.severity ?? rule.meta.defaultSeverity,
        cell: e.cell,
        message: e.message,
      })),
    );
  });
}
