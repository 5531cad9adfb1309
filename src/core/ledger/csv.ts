/**
 * Payment exports as text (CSV from a treasury payment system): split into rows and cells (quotes,
 * doubled quotes, line breaks inside quotes; comma, tab or semicolon separated), then presented as a
 * sheet snapshot so the ledger reader takes them like any sheet.
 */
import type { CellValue, SheetData } from "../../port/workbook";

/** The separator of the first non-blank line: the most frequent of `,` `\t` `;` outside quotes. */
function separatorOf(text: string): string {
  const line = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  let best = ",";
  let bestCount = -1;
  for (const sep of [",", "\t", ";"]) {
    let count = 0;
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === sep && !quoted) count++;
    }
    if (count > bestCount) {
      best = sep;
      bestCount = count;
    }
  }
  return best;
}

export function parseCsv(text: string): string[][] {
  const t = text.replace(/^\uFEFF/, "");
  const sep = separatorOf(t);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (quoted) {
      if (ch === '"') {
        if (t[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
      continue;
    }
    if (ch === '"' && cell === "") quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && t[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** CSV rows as a sheet snapshot: every cell text (blank cells null), row 1 the first line. */
export function csvSheet(name: string, rows: string[][]): SheetData {
  const width = Math.max(1, ...rows.map((r) => r.length));
  const values: CellValue[][] = rows.map((r) => {
    const out = new Array<CellValue>(width).fill(null);
    r.forEach((c, j) => (out[j] = c.trim() === "" ? null : c));
    return out;
  });
  const texts = rows.map((r) => {
    const out = new Array<string>(width).fill("");
    r.forEach((c, j) => (out[j] = c));
    return out;
  });
  return { name, visibility: "visible", top: 1, left: 1, values, texts, merges: [] };
}
