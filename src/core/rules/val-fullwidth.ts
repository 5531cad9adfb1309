/** val-fullwidth: full-width symbols in a target value (`≥90％`), fixed to their half-width twins. */
import type { TargetTable } from "../model";
import { toHalfWidth } from "../text";
import type { Finding, FixEdit, RuleContext, RuleMeta } from "./types";

export const meta: RuleMeta = {
  id: "val-fullwidth",
  defaultSeverity: "info",
  message: "指标值含全角符号",
  messageEn: "Full-width symbols in a target value",
  doc: "指标值中的全角数字和符号（如 ９０％、＞＝、≧）应改为半角，便于系统识别（可修复）。",
  fixable: true,
};

const VARIANTS: Record<string, string> = { "≧": "≥", "≦": "≤", "⩾": "≥", "⩽": "≤" };
const ANY = /[\uff01-\uff5e≧≦⩾⩽]/;

/** The half-width twin of one character, or null when it has none. */
function twin(ch: string): string | null {
  if (ch in VARIANTS) return VARIANTS[ch];
  const half = toHalfWidth(ch);
  return half !== ch && half !== " " ? half : null;
}

export function check(t: TargetTable, ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const i of t.indicators) {
    if (!ANY.test(i.value)) continue;
    const chars = [...new Set([...i.value].filter((ch) => twin(ch) !== null))];
    if (chars.length === 0) continue;
    const fixed = [...i.value].map((ch) => twin(ch) ?? ch).join("");
    // A value joined from a 指标值 and a 计量单位 cell: each symbol is fixed in the cell that holds it.
    const parts = i.valueParts ?? [{ cell: i.cell, text: i.value }];
    const edits: FixEdit[] = parts.flatMap((p) =>
      chars.filter((ch) => p.text.includes(ch)).map((ch) => ctx.edit(p.cell, "text", ch, twin(ch) ?? ch)),
    );
    out.push(
      ctx.report({
        cell: i.cell,
        message: `“${i.level3}”的指标值“${i.value}”含全角符号（${chars.join(" ")}），宜改为“${fixed}”`,
        messageEn: `The value “${i.value}” of “${i.level3}” has full-width symbols (${chars.join(" ")}); write “${fixed}”`,
        fix: {
          description: `将“${i.value}”改为“${fixed}”`,
          descriptionEn: `Change “${i.value}” to “${fixed}”`,
          edits,
        },
      }),
    );
  }
  return out;
}
