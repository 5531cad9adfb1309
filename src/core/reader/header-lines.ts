/** The lines above a table: its title, the department line and the unit line (`单位：万元`). */
import type { Grid } from "../grid";
import { canonicalMoneyUnit } from "../amount";
import { cleanText, isBlank, toHalfWidth } from "../text";

export interface HeaderLines {
  unit: string | null;
  department: string | null;
  title: string | null;
  /** The project name a title states (`1.2022年利息收入绩效目标表` → `2022年利息收入`). */
  titleName: string | null;
  /** A year line's year (`（2023年度）` under a central template's title). */
  year: number | null;
  cells: { row: number; col: number }[];
}

const UNIT_RE = /[(（]?(?:金额)?单位[:：]\s*(万元|千元|百万元|亿元|元|万|亿)[)）]?\s*$/;
const DEPT_CODE_RE = /^(\d{5,})(?!\d|年)\s*([\u4e00-\u9fff].*)$/;
/** Labels a department line may start with (`部门（单位）名称：…`). */
const DEPT_LABEL =
  "(?:预算单位|预算部门|单位名称|部门名称|部门[(（]单位[)）]名称|单位[(（]部门[)）]名称|主管部门|填报单位|申报单位|部门|单位)";
const DEPT_LABEL_RE = new RegExp(`^${DEPT_LABEL}[:：]\\s*(.+)$`);
const YEAR_LINE_RE = /^[(（]?\s*(20\d{2})\s*年度?\s*[)）]?$/;
const TITLE_RE = /^(?:[\d一二三四五六七八九十]+[.．、]\s*)?(.*?)(?:项目)?(?:支出)?绩效目标(?:申报|自评)?表$/;

/** How many non-blank rows above a table may belong to its header. */
const MAX_HEADER_ROWS = 5;

/** Reads the unit line on its own, anywhere in a text. */
export function unitOfLine(text: string): string | null {
  const m = UNIT_RE.exec(toHalfWidth(text).trim());
  return m ? canonicalMoneyUnit(m[1]) : null;
}

/**
 * Scans rows [top, bottom] upwards from the table for its header lines; what is not found comes
 * from `fallback` (the lines that stood above an earlier table of the same document).
 */
export function headerLines(grid: Grid, top: number, bottom: number, fallback: HeaderLines | null): HeaderLines {
  const out: HeaderLines = { unit: null, department: null, title: null, titleName: null, year: null, cells: [] };
  let rows = 0;
  for (let r = bottom; r >= top && rows < MAX_HEADER_ROWS; r--) {
    let any = false;
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const raw = grid.text(r, c);
      if (isBlank(raw)) continue;
      any = true;
      const text = cleanText(raw);
      const flat = text.replace(/\n/g, " ");
      const unit = unitOfLine(flat);
      let rest = flat;
      if (unit) {
        if (!out.unit) out.unit = unit;
        out.cells.push({ row: r, col: c });
        rest = flat.replace(UNIT_RE, "").trim();
        if (rest === "") continue;
      }
      const dept = DEPT_CODE_RE.exec(rest) ?? DEPT_LABEL_RE.exec(rest);
      if (dept && !out.department && rest.length <= 80) {
        out.department = rest.replace(new RegExp(`^${DEPT_LABEL}[:：]\\s*`), "").replace(/\s+/g, "");
        out.cells.push({ row: r, col: c });
        continue;
      }
      const yearLine = YEAR_LINE_RE.exec(toHalfWidth(rest).trim());
      if (yearLine) {
        out.year ??= Number(yearLine[1]);
        out.cells.push({ row: r, col: c });
        continue;
      }
      const title = TITLE_RE.exec(rest.replace(/\s+/g, ""));
      if (title && !out.title) {
        out.title = rest;
        out.titleName = title[1] === "" ? null : title[1];
        out.cells.push({ row: r, col: c });
      }
    }
    if (any) rows++;
  }
  if (fallback) {
    out.unit ??= fallback.unit;
    out.department ??= fallback.department;
    out.year ??= fallback.year;
  }
  return out;
}
