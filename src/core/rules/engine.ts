/**
 * Runs the rule catalogue over tables: picks each table's profile, the effective severity of every
 * rule, builds the rule context and orders the findings.
 */
import type { TargetTable } from "../model";
import { parseCell } from "../address";
import { splitAddress, tableFirstCell, tableLabel } from "./cells";
import { PROFILES, classify, detectProfile } from "./framework";
import type {
  CellRef,
  Finding,
  PaceThreshold,
  Profile,
  ProfileChoice,
  ProfileId,
  Rule,
  RuleContext,
  RuleMeta,
  SeveritySetting,
} from "./types";

export interface CheckOptions {
  /** The profile to check by; `auto` (the default) detects it per table. */
  profile?: ProfileChoice;
  /** The budget year for tables that state none (dates in plan labels). */
  year?: number;
  /** Minimum planned percentages from a month on, instead of the share of the year elapsed. */
  paceThresholds?: PaceThreshold[];
  /** Severities set by the user, over the profile's (`{"plan-pace": "off"}`). */
  severities?: Partial<Record<string, SeveritySetting>>;
  /** Run only these rules. */
  only?: string[];
}

export interface CheckResult {
  findings: Finding[];
  /** The profile each table was checked by, in the order of the tables given. */
  profileByTable: ProfileId[];
}

/** The severity of a rule under a profile and the user's settings. */
export function severityOf(
  meta: RuleMeta,
  profile: Profile,
  overrides?: Partial<Record<string, SeveritySetting>>,
): SeveritySetting {
  return overrides?.[meta.id] ?? profile.severities[meta.id] ?? meta.defaultSeverity;
}

/** The profile a table is checked by. */
export function profileFor(t: TargetTable, choice: ProfileChoice = "auto"): ProfileId {
  return choice === "auto" ? detectProfile(t) : choice;
}

function sortKey(f: Finding, t: TargetTable): [number, number, number] {
  const { row, col } = parseCell(f.cell);
  return [f.sheet === t.sheet ? 0 : 1, row, col];
}

/** Checks one table with the given rules. */
export function checkTable(
  t: TargetTable,
  rules: Rule[],
  options: CheckOptions = {},
  tableIndex = 0,
): { findings: Finding[]; profile: ProfileId } {
  const profileId = profileFor(t, options.profile);
  const profile = PROFILES[profileId];
  const first: CellRef = { sheet: t.sheet, cell: tableFirstCell(t) };
  const rows = t.indicators.map(classify);
  const findings: Finding[] = [];
  rules.forEach((rule) => {
    if (options.only && !options.only.includes(rule.meta.id)) return;
    const severity = severityOf(rule.meta, profile, options.severities);
    if (severity === "off") return;
    const context: RuleContext = {
      profile,
      year: t.year ?? options.year ?? null,
      paceThresholds: options.paceThresholds ?? null,
      rows,
      report(r) {
        const main = r.cell === null ? first : splitAddress(r.cell, t.sheet);
        const cells: CellRef[] = [main];
        for (const c of r.cells ?? []) {
          if (c === null) continue;
          const ref = splitAddress(c, t.sheet);
          if (!cells.some((x) => x.sheet === ref.sheet && x.cell === ref.cell)) cells.push(ref);
        }
        return {
          rule: rule.meta.id,
          severity,
          sheet: main.sheet,
          cell: main.cell,
          cells,
          table: tableLabel(t),
          tableIndex,
          profile: profileId,
          message: r.message,
          messageEn: r.messageEn,
          fix: r.fix ?? null,
        };
      },
      edit(cell, kind, from, to) {
        return { ...splitAddress(cell, t.sheet), kind, from, to };
      },
    };
    findings.push(...rule.check(t, context));
  });
  const order = new Map(rules.map((r, i) => [r.meta.id, i]));
  const keyed = findings.map((f, i) => ({ f, i, k: sortKey(f, t) }));
  keyed.sort(
    (a, b) =>
      a.k[0] - b.k[0] ||
      a.k[1] - b.k[1] ||
      a.k[2] - b.k[2] ||
      (order.get(a.f.rule) ?? 0) - (order.get(b.f.rule) ?? 0) ||
      a.i - b.i,
  );
  return { findings: keyed.map((x) => x.f), profile: profileId };
}

/** Checks every table; findings come table by table, each table's in reading order. */
export function runRules(tables: TargetTable[], rules: Rule[], options: CheckOptions = {}): CheckResult {
  const findings: Finding[] = [];
  const profileByTable: ProfileId[] = [];
  tables.forEach((t, i) => {
    const r = checkTable(t, rules, options, i);
    findings.push(...r.findings);
    profileByTable.push(r.profile);
  });
  return { findings, profileByTable };
}
