/**
 * The structured form of a project performance target table (项目支出绩效目标表) and of a
 * department's overall targets, as read from a workbook. Plain data: every front end and every
 * command works on these.
 *
 * Amounts are exact decimal strings in the table's unit (see `./decimal`); they become JSON numbers
 * only when printed.
 */

/** Where a table was recognised from; the README lists these names. */
export type Layout = "pasted" | "lists" | "generated";

export type Comparator = "≥" | ">" | "=" | "≤" | "<";

/** A parsed 指标值: a quantitative `[op][number][unit]` target, or a qualitative text. */
export interface Target {
  op: Comparator | null;
  /** Exact decimal string of the number, or null for qualitative values. */
  number: string | null;
  unit: string | null;
  /** The qualitative wording, when `op` is null. */
  text: string | null;
  /** Wording defects noticed while parsing (full-width symbols, `百分比`…), for the validator. */
  notes: TargetNote[];
}

export type TargetNote = "fullwidth" | "percent-word" | "comparator-word" | "no-comparator";

export interface FundComponent {
  /** The label as stated, whitespace and `其中：` removed (`财政资金`). */
  label: string;
  /** Exact decimal string in the table's unit, or null where blank. */
  amount: string | null;
  /** Label of the line this one is part of (`财政拨款` for `当年财政拨款`), or null. */
  parent: string | null;
  /** Whether this line counts as fiscal (财政资金/财政拨款 and its parts). */
  fiscal: boolean;
  /** Sheet-local address of the amount cell, or null when the table has no such cell. */
  cell: string | null;
}

export interface Budget {
  total: string | null;
  totalCell: string | null;
  /** 全年预算数 / 调整后预算数 where the table states one (the execution-rate denominator). */
  adjusted: string | null;
  adjustedCell: string | null;
  components: FundComponent[];
  /**
   * Decimal places the budget figures are displayed with (`70.00` → 2), where the reader knows the
   * number format; absent, the validator takes the most decimals among the figures themselves.
   */
  precision?: number | null;
}

export interface PlanCheckpoint {
  label: string;
  /** 0–100, as a person reads the cell, or null where blank. */
  percent: number | null;
  cell: string | null;
}

export interface Indicator {
  level1: string;
  level2: string;
  level3: string;
  description: string | null;
  /** The 指标值 as a person reads it; split columns joined (`≥95%`). */
  value: string;
  target: Target;
  basis: string | null;
  direction: "positive" | "negative" | null;
  /** Address of the 指标值 cell, sheet-qualified when not on the table's sheet. */
  cell: string;
  /** Addresses of the row's other cells (sheet-qualified like `cell`), null where the column is absent. */
  cells: {
    level1: string | null;
    level2: string | null;
    level3: string | null;
    description: string | null;
    basis: string | null;
  };
  /**
   * Where the value was joined from the 指标值 cell and a 计量单位 cell (split columns): each part's
   * cell (qualified like `cell`) and text, in order. Absent when the 指标值 cell holds it all.
   */
  valueParts?: { cell: string; text: string }[];
  /** Row number (1-based) on the sheet that holds the indicator. */
  row: number;
}

export interface TargetTable {
  sheet: string;
  range: string;
  layout: Layout;
  code: string | null;
  name: string;
  /** The department line as stated (`324001保定市自然资源和规划局徐水区分局本级`). */
  department: string | null;
  departmentCode: string | null;
  year: number | null;
  unit: string;
  budget: Budget;
  usage: string | null;
  usageCell: string | null;
  plan: PlanCheckpoint[];
  goals: string[];
  goalsCell: string | null;
  /** 中长期目标 / 实施期绩效目标 where the table has one. */
  longTermGoals: string[];
  indicators: Indicator[];
  /** Addresses of the name and code cells. */
  nameCell: string | null;
  codeCell: string | null;
}

export interface DepartmentTargetItem {
  title: string;
  goal: string;
  indicators: string;
}

export interface DepartmentTargets {
  overall: string;
  items: DepartmentTargetItem[];
  sheet: string;
  range: string;
}

export interface Diagnostic {
  sheet: string;
  cell: string;
  message: string;
  messageEn?: string;
}

export interface ReadResult {
  tables: TargetTable[];
  departmentTargets: DepartmentTargets | null;
  diagnostics: Diagnostic[];
}
