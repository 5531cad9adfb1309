/** val-range: percentages within 0–100, per-mille within 0–1000, and `%` rather than `百分比`. */
import type { TargetTable } from "../model";
import { compareDecimal } from "../decimal";
import { toHalfWidth } from "../text";
import { isPercentInWords } from "./values";
import type { Finding, FixEdit, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-range",
  defaultSeverity: "warning",
  message: "百分比超出范围或以文字书写",
  messageEn: "Percentage out of range or written as a word",
  doc: "百分比应在 0–100%、千分比在 0–1000‰ 之间；“百分比”“千分比”等文字应改为 % 或 ‰（可修复）。",
  fixable: true,
};

const LIMITS: Record<string, string> = { "%": "100", "‰": "1000" };
const WORDS: [string, string][] = [
  ["百分比", "%"],
  ["千分比", "‰"],
];

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const i of t.indicators) {
    const { number, unit, notes } = i.target;
    if (number !== null && unit !== null && unit in LIMITS) {
      const max = LIMITS[unit];
      if (compareDecimal(number, "0") < 0 || compareDecimal(number, max) > 0)
        out.push(
          ctx.report({
            cell: i.cell,
            message: `“${i.level3}”的指标值“${i.value}”超出 0–${max}${unit}`,
            messageEn: `The value “${i.value}” of “${i.level3}” is outside 0–${max}${unit}`,
          }),
        );
    }
    if (!notes.includes("percent-word") && !isPercentInWords(i.value)) continue;
    const half = toHalfWidth(i.value);
    const edits: FixEdit[] = WORDS.filter(([w]) => new RegExp(`\\d\\s*${w}`).test(half)).map(([w, sym]) =>
      ctx.edit(i.cell, "text", w, sym),
    );
    const fixed = edits.reduce((v, e) => v.split(String(e.from)).join(String(e.to)), i.value);
    out.push(
      ctx.report({
        cell: i.cell,
        message:
          edits.length > 0
            ? `“${i.level3}”的指标值“${i.value}”以文字写百分比，应为“${fixed}”`
            : `“${i.level3}”的指标值“${i.value}”以文字写百分比，应改用数字和 % 或 ‰`,
        messageEn:
          edits.length > 0
            ? `The value “${i.value}” of “${i.level3}” spells the percent sign out; write “${fixed}”`
            : `The value “${i.value}” of “${i.level3}” spells the percentage out; use digits and % or ‰`,
        fix:
          edits.length > 0
            ? {
                description: `将“${i.value}”改为“${fixed}”`,
                descriptionEn: `Change “${i.value}” to “${fixed}”`,
                edits,
              }
            : null,
      }),
    );
  }
  return out;
}
