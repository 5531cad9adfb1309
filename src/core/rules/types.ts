/**
 * Types of the validator: rule metadata, findings, fixes and the context a rule checks a table in.
 * Pure data; every front end (CLI `check`, the task pane, the 校验结果 sheet) works on these.
 */
import type { Indicator, TargetTable } from "../model";

export type Severity = "error" | "warning" | "info";
/** A severity as a profile or the user sets it; `off` switches the rule off. */
export type SeveritySetting = Severity | "off";

export type ProfileId = "legacy" | "cpi2021" | "hunan";
export type ProfileChoice = ProfileId | "auto";

export interface RuleMeta {
  id: string;
  defaultSeverity: Severity;
  /** The rule's title, Chinese first (`预算数与资金来源合计不符`). */
  message: string;
  messageEn: string;
  /** One line for docs/rules.md. */
  doc: string;
  /** Whether findings of this rule may carry a mechanical fix. */
  fixable?: boolean;
}

/** A cell on a named sheet, sheet-local address (`E20`). */
export interface CellRef {
  sheet: string;
  cell: string;
}

/**
 * One change a fix makes, as data; nothing in the core applies it to a workbook.
 * - `value`: the cell holds the amount `from` (a number, or text reading as that number); write `to`.
 * - `text`: the cell's text contains `from`; every occurrence becomes `to`.
 * An edit whose precondition no longer holds is skipped, never forced.
 */
export interface FixEdit {
  sheet: string;
  cell: string;
  kind: "value" | "text";
  from: string | number;
  to: string | number;
}

export interface Fix {
  description: string;
  descriptionEn: string;
  edits: FixEdit[];
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** Sheet of `cell`. */
  sheet: string;
  /** Where the mark and the link go; a table-level finding uses the table's first cell. */
  cell: string;
  /** Every cell to mark (includes `cell`). */
  cells: CellRef[];
  /** The table's code, or its name when it has none. */
  table: string;
  /** Index of the table in the list given to `checkTables`. */
  tableIndex: number;
  /** The profile the table was checked by. */
  profile: ProfileId;
  message: string;
  messageEn: string;
  fix: Fix | null;
}

/** The 一级 categories after normalisation (DOMAIN.md §2). */
export type Level1 = "产出" | "效益" | "满意度" | "成本" | "实施效果";

/** An indicator row with its 一级/二级 normalised and classified for the active profile. */
export interface Row {
  indicator: Indicator;
  /** Normalised 一级 (`产出`), or the normalised text when it is not a known category. */
  l1: string;
  /** Normalised 二级 (`数量`, `服务对象满意度`). */
  l2: string;
  output: boolean;
  benefit: boolean;
  cost: boolean;
  quantity: boolean;
  satisfaction: boolean;
}

/** A minimum planned percentage from a month's end on (central special funds: 6→50, 9→75, 12→100). */
export interface PaceThreshold {
  month: number;
  percent: number;
}

export interface Profile {
  id: ProfileId;
  name: string;
  nameEn: string;
  /** Short name for messages (`通用框架`). */
  short: string;
  shortEn: string;
  /** Allowed normalised 二级 names under each normalised 一级. */
  tree: Partial<Record<Level1, string[]>>;
  /** Whether a 成本 row is required (cpi2021). */
  requireCost: boolean;
  /** Whether 指标值确定依据 must be one of the standard kinds (计划标准/行业标准/历史标准/其他). */
  strictBasis: boolean;
  /** Severities this profile changes from the rules' defaults. */
  severities: Partial<Record<string, SeveritySetting>>;
}

/** What a rule reports; the engine adds rule id, severity, table and profile, and resolves cells. */
export interface Report {
  /** Cell address, sheet-local or sheet-qualified; null for the table's first cell. */
  cell: string | null;
  /** Further cells to mark (nulls ignored); `cell` is always marked. */
  cells?: (string | null)[];
  message: string;
  messageEn: string;
  fix?: Fix | null;
}

export interface RuleContext {
  profile: Profile;
  /** The table's year, else the `year` option, else null. */
  year: number | null;
  paceThresholds: PaceThreshold[] | null;
  /** The table's indicators, classified for the profile. */
  rows: Row[];
  /** Builds a finding of the running rule. */
  report(r: Report): Finding;
  /** Builds a fix edit, resolving a sheet-qualified address. */
  edit(cell: string, kind: FixEdit["kind"], from: string | number, to: string | number): FixEdit;
}

export interface Rule {
  meta: RuleMeta;
  check(table: TargetTable, context: RuleContext): Finding[];
}
