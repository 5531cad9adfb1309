/**
 * Execution rates (预算执行率) of target tables from their payments, exactly: cumulative paid at
 * each plan checkpoint and at the as-of date, in the table's unit, and rates in percent rounded to 2
 * decimals (half up) against the table's 全年预算数 / 调整后预算数, else its 预算数. Checkpoints after
 * the as-of date have no figures (null, not 0). Each checkpoint is compared with the plan and with
 * 序时进度, separately.
 */
import Big from "big.js";
import type { Diagnostic, TargetTable } from "../model";
import { convertAmount } from "../amount";
import { budgetSplit } from "../budget";
import type { LedgerRead, LedgerSheet, Payment, RejectedRow } from "../ledger/read";
import { matchRows } from "../ledger/read";
import { isoOfSerial, serialOf, ymdOfSerial } from "../ledger/values";
import { checkpointSerial, DEFAULT_CHECKPOINTS } from "./checkpoints";
import { paceAt, type RatesSettings } from "./settings";
import { divRound, fromScaled, placesOf, toScaled } from "./fixed";

export interface SourceCheckpoint {
  label: string;
  paid: string | null;
  rate: string | null;
}

export interface CheckpointRates {
  label: string;
  serial: number | null;
  date: string | null;
  /** The plan's cumulative percentage, or null where blank. */
  plan: number | null;
  /** The plan cell, where the table has one. */
  planCell: string | null;
  paid: string | null;
  rate: string | null;
  pace: string | null;
  behindPlan: boolean | null;
  behindPace: boolean | null;
}

export interface SourceRates {
  budget: string;
  paid: string | null;
  rate: string | null;
  checkpoints: SourceCheckpoint[];
}

export interface TableRates {
  table: TargetTable;
  year: number | null;
  /** The rate's denominator and where it comes from. */
  budget: string | null;
  budgetCell: string | null;
  paid: string | null;
  rate: string | null;
  /** 序时进度 at the as-of date. */
  pace: string | null;
  checkpoints: CheckpointRates[];
  /** Whether the checkpoints are the quarter ends because the table has no plan. */
  defaultCheckpoints: boolean;
  fiscal: SourceRates | null;
  other: SourceRates | null;
  /** The whole year's rate, once the as-of date has reached the year's end. */
  yearEndRate: string | null;
  reasonRequired: boolean;
  payments: Payment[];
}

export interface RatesReport {
  asOf: number;
  tables: TableRates[];
  rejected: RejectedRow[];
  diagnostics: Diagnostic[];
  ledgers: LedgerSheet[];
  /** Whether any ledger records fund sources (then fiscal/other figures are given). */
  hasSources: boolean;
  /** Where the as-of date came from (set by `planRates`): given, typed in the workbook, or the default. */
  asOfSource?: "explicit" | "workbook" | "default";
}

export interface RatesInput {
  tables: TargetTable[];
  ledger: LedgerRead;
  /** Serial of the as-of date. */
  asOf: number;
  settings: RatesSettings;
  /** Budget year for tables that state none (settings or the workbook's). */
  defaultYear: number | null;
}

/** Percent of `paid` in `budget`, 2 decimals half up; null without a positive budget. */
export function ratePercent(paid: string, budget: string | null): string | null {
  if (budget === null) return null;
  const scale = Math.max(placesOf(paid), placesOf(budget));
  // Plain integers while exact (both scaled values below 10^12): the common case.
  const ps = Math.round(Number(paid) * 10 ** scale);
  const bs = Math.round(Number(budget) * 10 ** scale);
  if (scale <= 8 && Math.abs(ps) < 4e11 && bs > 0 && bs < 1e12) {
    // round(ps·100 / bs, 2 decimals) half away from zero = ⌊(2|ps|·10^4 + bs) / 2bs⌋ with the sign;
    // every intermediate stays below 2^53, so the arithmetic is exact.
    const a = 2 * Math.abs(ps) * 10_000 + bs;
    const d = 2 * bs;
    let q = Math.floor(a / d);
    if (q * d > a) q--;
    else if ((q + 1) * d <= a) q++;
    return fromScaled(BigInt(ps < 0 ? -q : q), 2);
  }
  const b = toScaled(budget, scale);
  if (b <= 0n) return null;
  return divRound(toScaled(paid, scale) * 100n, b, 2);
}

const SHIFTS = new Map<string, number>();

/** Powers of ten between two money units (元 → 万元: −4), as `convertAmount` knows them. */
function unitShift(from: string, to: string): number {
  const key = `${from}\u0000${to}`;
  let sh = SHIFTS.get(key);
  if (sh === undefined) {
    const probe = convertAmount("1", from, to);
    sh = placesOf(probe) > 0 ? -placesOf(probe) : probe.length - 1;
    SHIFTS.set(key, sh);
  }
  return sh;
}

/** Cumulative paid at each serial: in all, from fiscal funds, from other funds. */
interface PaidAt {
  all: string[];
  fiscal: string[];
  other: string[];
}

/**
 * Cumulative paid at each serial, converted into `unit`, exactly, in one pass over the payments (in
 * any order): each payment goes into the bucket of the first serial on or after its date, and
 * the buckets are added up. Amounts are scaled integers: plain numbers while the sums stay below
 * 2^53 (exact), BigInt beyond.
 */
function paidAt(payments: Payment[], serials: number[], unit: string): PaidAt {
  let scale = 0;
  let lastUnit = "";
  let lastShift = 0;
  const shifts = new Array<number>(payments.length);
  for (let k = 0; k < payments.length; k++) {
    const p = payments[k];
    if (p.unit !== lastUnit) {
      lastUnit = p.unit;
      lastShift = unitShift(p.unit, unit);
    }
    shifts[k] = lastShift;
    scale = Math.max(scale, placesOf(p.value) - lastShift);
  }
  const cuts = [...new Set(serials)].sort((a, b) => a - b);
  const n = cuts.length;
  const bucketOf = (serial: number): number => {
    let b = 0;
    while (b < n && cuts[b] < serial) b++;
    return b;
  };
  // Safe for plain numbers: every scaled amount below 2^53 / (payments + 1).
  const limit = Number.MAX_SAFE_INTEGER / (payments.length + 1);
  const small =
    scale <= 15 &&
    payments.every((p, k) => {
      const digits = p.value.replace(/[-.]/g, "").length;
      return (
        digits + (scale - placesOf(p.value) + shifts[k]) <= 15 &&
        Math.abs(Number(p.value)) * 10 ** (scale + shifts[k]) < limit
      );
    });
  const out: PaidAt = {
    all: new Array<string>(serials.length),
    fiscal: new Array<string>(serials.length),
    other: new Array<string>(serials.length),
  };
  const at = (sums: (number | bigint)[], i: number): string => {
    const v = sums[i];
    return fromScaled(typeof v === "bigint" ? v : BigInt(v), scale);
  };
  const zero = small ? 0 : 0n;
  const all: (number | bigint)[] = new Array(n + 1).fill(zero);
  const fiscal: (number | bigint)[] = new Array(n + 1).fill(zero);
  const other: (number | bigint)[] = new Array(n + 1).fill(zero);
  for (let k = 0; k < payments.length; k++) {
    const p = payments[k];
    const b = bucketOf(p.serial);
    if (b === n) continue;
    if (small) {
      const v = Math.round(Number(p.value) * 10 ** (scale + shifts[k]));
      all[b] = (all[b] as number) + v;
      if (p.source === "fiscal") fiscal[b] = (fiscal[b] as number) + v;
      else if (p.source === "other") other[b] = (other[b] as number) + v;
    } else {
      const v = toScaled(p.value, scale, shifts[k]);
      all[b] = (all[b] as bigint) + v;
      if (p.source === "fiscal") fiscal[b] = (fiscal[b] as bigint) + v;
      else if (p.source === "other") other[b] = (other[b] as bigint) + v;
    }
  }
  for (let b = 1; b < n; b++) {
    if (small) {
      all[b] = (all[b] as number) + (all[b - 1] as number);
      fiscal[b] = (fiscal[b] as number) + (fiscal[b - 1] as number);
      other[b] = (other[b] as number) + (other[b - 1] as number);
    } else {
      all[b] = (all[b] as bigint) + (all[b - 1] as bigint);
      fiscal[b] = (fiscal[b] as bigint) + (fiscal[b - 1] as bigint);
      other[b] = (other[b] as bigint) + (other[b - 1] as bigint);
    }
  }
  serials.forEach((s, i) => {
    const b = cuts.indexOf(s);
    out.all[i] = at(all, b);
    out.fiscal[i] = at(fiscal, b);
    out.other[i] = at(other, b);
  });
  return out;
}

/** Whether percentage `a` (plus the tolerance) is below `b`; percentages of 2 decimals compare exactly as numbers. */
function lt(a: string | null, b: string | number | null, tolerance: number): boolean | null {
  if (a === null || b === null) return null;
  return Number(a) + tolerance < Number(b) - 1e-9;
}

export function computeRates(input: RatesInput): RatesReport {
  const { tables, ledger, asOf, settings } = input;
  const diagnostics: Diagnostic[] = [...ledger.diagnostics];
  const years = tables.map((t) => t.year ?? input.defaultYear);
  const matched = matchRows(
    ledger.rows,
    tables.map((t, i) => ({ code: t.code, name: t.name || null, year: years[i] })),
  );
  diagnostics.push(...matched.diagnostics);
  const hasSources = ledger.sheets.some((s) => s.header.cols.source !== undefined);
  // 序时进度 by budget year and date: the same few dates recur in every table.
  const paces = new Map<number, string>();
  const paceOf = (year: number, serial: number): string => {
    const key = year * 10_000_000 + serial;
    let p = paces.get(key);
    if (p === undefined) {
      const d = ymdOfSerial(serial);
      p = paceAt(settings, year, d.year, d.month, d.day);
      paces.set(key, p);
    }
    return p;
  };
  const out: TableRates[] = tables.map((table, i) => {
    const year = years[i];
    const payments = matched.payments[i];
    const budget = table.budget.adjusted ?? table.budget.total;
    const budgetCell = table.budget.adjusted !== null ? table.budget.adjustedCell : table.budget.totalCell;
    const where = table.codeCell ?? table.nameCell ?? table.range.split(":")[0];
    if (budget === null || !/[1-9]/.test(budget) || budget.startsWith("-"))
      diagnostics.push({
        sheet: table.sheet,
        cell: budgetCell ?? where,
        message: `“${table.name}”没有预算数，无法计算执行率`,
        messageEn: "The table states no budget; no execution rate",
      });
    if (year === null)
      diagnostics.push({
        sheet: table.sheet,
        cell: where,
        message: `“${table.name}”无法确定预算年度（可在设置中指定），无法计算执行率`,
        messageEn: "The table's budget year is unknown (set it in the settings); no execution rate",
      });
    const defaultCheckpoints = table.plan.length === 0;
    const plan = defaultCheckpoints
      ? DEFAULT_CHECKPOINTS.map((label) => ({ label, percent: null, cell: null }))
      : table.plan;
    const serials = plan.map((p) => (year === null ? null : checkpointSerial(p.label, year)));
    // Paid at every due checkpoint and at the as-of date (last), per fund source too.
    const at = [...serials.map((s) => (s !== null && s <= asOf ? s : asOf)), asOf];
    const sums = paidAt(payments, at, table.unit);
    const all = sums.all;
    const checkpoints: CheckpointRates[] = plan.map((p, j) => {
      const serial = serials[j];
      if (year !== null && serial === null)
        diagnostics.push({
          sheet: table.sheet,
          cell: p.cell ?? where,
          message: `支出计划时间点“${p.label}”无法换算为日期`,
          messageEn: `Plan checkpoint "${p.label}" names no date`,
        });
      const due = serial !== null && serial <= asOf;
      const paid = due ? all[j] : null;
      const rate = paid === null ? null : ratePercent(paid, budget);
      const pace = serial === null || year === null ? null : paceOf(year, serial);
      return {
        label: p.label,
        serial,
        date: serial === null ? null : isoOfSerial(serial),
        plan: p.percent,
        planCell: p.cell,
        paid,
        rate,
        pace,
        behindPlan: lt(rate, p.percent, settings.tolerance),
        behindPace: lt(rate, pace, settings.tolerance),
      };
    });
    const paid = year === null ? null : all[all.length - 1];
    const rate = paid === null ? null : ratePercent(paid, budget);
    const pace = year === null ? null : paceOf(year, asOf);
    const split = budgetSplit(table.budget);
    const source = (which: "fiscal" | "other", sourceBudget: string): SourceRates | null => {
      if (!hasSources || year === null) return null;
      const figures = sums[which];
      const sp = figures[figures.length - 1];
      return {
        budget: sourceBudget,
        paid: sp,
        rate: ratePercent(sp, sourceBudget),
        checkpoints: checkpoints.map((c, j) => {
          const cp = c.paid === null ? null : figures[j];
          return { label: c.label, paid: cp, rate: cp === null ? null : ratePercent(cp, sourceBudget) };
        }),
      };
    };
    const yearEnd = year === null ? null : serialOf(year, 12, 31);
    const yearEndRate = yearEnd !== null && asOf >= yearEnd ? rate : null;
    return {
      table,
      year,
      budget,
      budgetCell,
      paid,
      rate,
      pace,
      checkpoints,
      defaultCheckpoints,
      fiscal: source("fiscal", split.fiscal),
      other: source("other", split.other),
      yearEndRate,
      reasonRequired: yearEndRate !== null && new Big(yearEndRate).lt(settings.reasonBelow),
      payments,
    };
  });
  return { asOf, tables: out, rejected: matched.rejected, diagnostics, ledgers: ledger.sheets, hasSources };
}

/** The default as-of date: today, or the budget year's last day when that is earlier. */
export function defaultAsOf(today: number, budgetYear: number | null): number {
  if (budgetYear === null) return today;
  return Math.min(today, serialOf(budgetYear, 12, 31));
}

/** The workbook's budget year: the settings', else the latest year a table states. */
export function workbookYear(tables: TargetTable[], settingsYear: number | null): number | null {
  if (settingsYear !== null) return settingsYear;
  const years = tables.map((t) => t.year).filter((y): y is number => y !== null);
  return years.length ? Math.max(...years) : null;
}
