/**
 * A rates report as the pane's 执行率 tab shows it (`./rates-view`). Used in the `commands-more`
 * chunk only: it needs the exact decimals and the date functions.
 */
import type { RatesReport } from "../core/rates/compute";
import type { RejectedRow } from "../core/ledger/read";
import { toNumber } from "../core/decimal";
import { isoOfSerial } from "../core/ledger/values";
import type { RatesView, RejectedView } from "./rates-view";

function rejectedView(r: RejectedRow): RejectedView {
  return { sheet: r.sheet, row: r.row, reason: r.reason, reasonEn: r.reasonEn };
}

export function rejectedViews(rows: RejectedRow[]): RejectedView[] {
  return rows.map(rejectedView);
}

/** A rates report as the pane shows it. */
export function ratesViewOf(report: RatesReport, createdLedger: string | null): RatesView {
  return {
    asOf: isoOfSerial(report.asOf),
    asOfSource: report.asOfSource ?? "default",
    tables: report.tables.map((tr) => ({
      sheet: tr.table.sheet,
      name: tr.table.name,
      code: tr.table.code,
      unit: tr.table.unit,
      budget: toNumber(tr.budget),
      paid: toNumber(tr.paid),
      rate: toNumber(tr.rate),
      pace: toNumber(tr.pace),
      reasonRequired: tr.reasonRequired,
      checkpoints: tr.checkpoints.map((c) => ({
        label: c.label,
        date: c.date,
        plan: c.plan,
        pace: toNumber(c.pace),
        paid: toNumber(c.paid),
        rate: toNumber(c.rate),
        due: c.serial !== null && c.serial <= report.asOf,
        behindPlan: c.behindPlan === true,
        behindPace: c.behindPace === true,
      })),
    })),
    rejected: report.rejected.map(rejectedView),
    ledgers: report.ledgers.map((l) => l.header.sheet),
    createdLedger,
  };
}
