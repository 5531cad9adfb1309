/** The budget split every command agrees on: fiscal line (its parts included) and everything else. */
import type { Budget } from "./model";
import { addDecimals } from "./decimal";

export interface BudgetSplit {
  fiscal: string;
  other: string;
}

/**
 * `fiscal` is the fiscal line (财政资金 / 财政拨款), or the sum of its parts where the line itself is
 * blank; a table with parts but no fiscal line has them as top-level fiscal lines. `other` is the sum
 * of every other top-level component. Blanks count as 0.
 */
export function budgetSplit(b: Budget): BudgetSplit {
  const lines = b.components.filter((c) => c.fiscal && c.parent === null);
  const parts = b.components.filter((c) => c.fiscal && c.parent !== null);
  const fiscal = lines.some((c) => c.amount !== null)
    ? addDecimals(lines.map((c) => c.amount))
    : addDecimals(parts.map((c) => c.amount));
  const other = addDecimals(b.components.filter((c) => !c.fiscal && c.parent === null).map((c) => c.amount));
  return { fiscal, other };
}
