/** A1-style addresses. Rows and columns are 1-based throughout the core. */

export function columnLetters(col: number): string {
  let s = "";
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export interface CellRef {
  row: number;
  col: number;
}

export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;

export function parseCell(a1: string): CellRef {
  const m = CELL_RE.exec(a1.trim());
  if (!m) throw new Error(`Not a cell address: ${a1}`);
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Parses `A1:B2` or `A1` (a sheet prefix `Sheet!` is ignored). */
export function parseRange(a1: string): RangeRef {
  const bare = a1.includes("!") ? a1.slice(a1.lastIndexOf("!") + 1) : a1;
  const [a, b] = bare.split(":");
  const p = parseCell(a);
  const q = b ? parseCell(b) : p;
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeAddress(r: RangeRef): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** Quotes a sheet name for a formula or a qualified address when it needs it. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export function qualify(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}
