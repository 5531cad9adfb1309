/**
 * The validator's core: the rule catalogue of DOMAIN.md §4 (one module a rule, ESLint-style),
 * the profiles, and `checkTables`. Pure TypeScript: no I/O, no workbook; the marking of cells, the
 * 校验结果 sheet and the CLI `check` command are built on this API.
 */
import type { TargetTable } from "../model";
import { runRules, type CheckOptions, type CheckResult } from "./engine";
import type { Rule } from "./types";
import * as fundSum from "./fund-sum";
import * as fundRange from "./fund-range";
import * as fundUnit from "./fund-unit";
import * as textAmount from "./text-amount";
import * as planOrder from "./plan-order";
import * as planEnd from "./plan-end";
import * as planPace from "./plan-pace";
import * as indBlank from "./ind-blank";
import * as indTree from "./ind-tree";
import * as indRequired from "./ind-required";
import * as indSatisfaction from "./ind-satisfaction";
import * as indCount from "./ind-count";
import * as valParse from "./val-parse";
import * as valRange from "./val-range";
import * as valFullwidth from "./val-fullwidth";
import * as valDirection from "./val-direction";
import * as valSatisfaction from "./val-satisfaction";
import * as valCost from "./val-cost";
import * as valVague from "./val-vague";
import * as valQualitative from "./val-qualitative";
import * as indInput from "./ind-input";
import * as indBenefitOnlySatisfaction from "./ind-benefit-only-satisfaction";
import * as basis from "./basis";

/** The catalogue, in the order of DOMAIN.md §4 (findings of one cell are listed in this order). */
export const RULES: Rule[] = [
  fundSum,
  fundRange,
  fundUnit,
  textAmount,
  planOrder,
  planEnd,
  planPace,
  indBlank,
  indTree,
  indRequired,
  indSatisfaction,
  indCount,
  valParse,
  valRange,
  valFullwidth,
  valDirection,
  valSatisfaction,
  valCost,
  valVague,
  valQualitative,
  indInput,
  indBenefitOnlySatisfaction,
  basis,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

/** Checks every table by the catalogue; the profile is detected per table unless one is given. */
export function checkTables(tables: TargetTable[], options: CheckOptions = {}): CheckResult {
  return runRules(tables, RULES, options);
}

export { checkTable, runRules, severityOf, profileFor } from "./engine";
export type { CheckOptions, CheckResult } from "./engine";
export { PROFILES, PROFILE_IDS, detectProfile, normaliseLevel, classify } from "./framework";
export { applyFixes, applyEdit } from "./fix";
export type { CellLookup, CellChange, FixPlan, SkippedEdit } from "./fix";
export { cellsA1, splitAddress, tableFirstCell, tableLabel } from "./cells";
export { renderRulesDoc } from "./doc";
export type * from "./types";
