/** One money unit for sheets that list many tables: theirs when they agree, else 万元. */
import { convertAmount } from "../amount";
import type { TargetTable } from "../model";

export function commonUnit(tables: TargetTable[]): string {
  const units = new Set(tables.map((t) => t.unit));
  return units.size === 1 ? [...units][0] : "万元";
}

/** An amount of `t` in `unit`, exactly. */
export function inUnit(amount: string | null, t: TargetTable, unit: string): string | null {
  return amount === null ? null : convertAmount(amount, t.unit, unit);
}
