/**
 * Shifts the relative references of an A1-style formula as Excel does when the formula is filled or
 * copied `rows` down and `cols` right: `D5` → `D6`, `$D5` → `$D6`, `D$5` → `E$5`, `$D$5` stays.
 * String literals, quoted sheet names and structured references (`表1[列]`) are left alone, as are
 * names and functions (`LOG10(`). A reference pushed off the sheet becomes `#REF!`.
 */
import { columnLetters, columnNumber } from "../core/address";

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

/** A cell (`$A$1`), a column range (`A:$C`) or a row range (`1:$3`), matched at one position. */
const REF =
  /(\$?)([A-Za-z]{1,3})(\$?)(\d+)|(\$?)([A-Za-z]{1,3}):(\$?)([A-Za-z]{1,3})(?![\w(])|(\$?)(\d+):(\$?)(\d+)(?![\w.(])/y;
const IDENT_CHAR = /[\w.\u00c0-\uffff]/;

function shiftRow(abs: string, row: number, by: number): string | null {
  const r = abs ? row : row + by;
  return r < 1 || r > MAX_ROW ? null : `${abs}${r}`;
}

function shiftCol(abs: string, letters: string, by: number): string | null {
  const c = abs ? columnNumber(letters) : columnNumber(letters) + by;
  return c < 1 || c > MAX_COL ? null : `${abs}${abs ? letters.toUpperCase() : columnLetters(c)}`;
}

export function shiftFormula(formula: string, rows: number, cols: number): string {
  if (rows === 0 && cols === 0) return formula;
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name; a doubled quote stays inside.
      let j = i + 1;
      while (j < formula.length) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      let depth = 0;
      let j = i;
      for (; j < formula.length; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    const prev = i > 0 ? formula[i - 1] : "";
    if (!IDENT_CHAR.test(prev) || prev === "") {
      REF.lastIndex = i;
      const m = REF.exec(formula);
      const next = m ? (formula[i + m[0].length] ?? "") : "";
      if (m && !(m[2] !== undefined && /[\w(.]/.test(next))) {
        let shifted: string | null;
        if (m[2] !== undefined) {
          const c = shiftCol(m[1], m[2], cols);
          const r = shiftRow(m[3], Number(m[4]), rows);
          shifted = c && r ? c + r : null;
        } else if (m[6] !== undefined) {
          const a = shiftCol(m[5], m[6], cols);
          const b = shiftCol(m[7], m[8], cols);
          shifted = a && b ? `${a}:${b}` : null;
        } else {
          const a = shiftRow(m[9], Number(m[10]), rows);
          const b = shiftRow(m[11], Number(m[12]), rows);
          shifted = a && b ? `${a}:${b}` : null;
        }
        out += shifted ?? "#REF!";
        i += m[0].length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}
