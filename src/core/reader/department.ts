/**
 * The department-level part of a document (部门整体绩效目标): 总体绩效目标 and the 分项绩效目标, each
 * with its 绩效目标 and 绩效指标 text. Read from the paragraphs pasted into a sheet, one paragraph a
 * row (or several in one cell), outside any project table.
 */
import type { Grid } from "../grid";
import type { DepartmentTargetItem, DepartmentTargets } from "../model";
import { rangeAddress } from "../address";
import { cleanText, isBlank, LIST_MARKER, toHalfWidth } from "../text";
import type { RowFilter } from "./pasted";

const HEADING = /^(?:[一二三四五六七八九十]+\s*[、.．]|第[一二三四五六七八九十]+部分)\s*/;
const OVERALL = /^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?(?:部门)?(?:整体|总体)绩效目标\s*[:：]?\s*(.*)$/;
const ITEMS = /^(?:[一二三四五六七八九十]+\s*[、.．]\s*)?分项(?:绩效)?目标\s*[:：]?\s*$/;
const GOAL = /^绩效目标\s*[:：]\s*(.*)$/;
const INDICATORS = /^绩效指标\s*[:：]\s*(.*)$/;

interface Line {
  text: string;
  row: number;
}

function linesOf(grid: Grid, skip: RowFilter): Line[] {
  const lines: Line[] = [];
  for (let r = grid.top; r <= grid.bottom; r++) {
    if (skip(r)) continue;
    const cells: string[] = [];
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const t = grid.text(r, c);
      if (!isBlank(t)) cells.push(cleanText(t));
    }
    if (cells.length === 0) continue;
    // `绩效目标` | text in two cells reads as one line.
    if (cells.length === 2 && /^绩效(目标|指标)[:：]?$/.test(cells[0])) {
      lines.push({ text: `${cells[0].replace(/[:：]$/, "")}：${cells[1]}`, row: r });
      continue;
    }
    for (const cell of cells) for (const l of cell.split("\n")) if (!isBlank(l)) lines.push({ text: l.trim(), row: r });
  }
  return lines;
}

export function readDepartmentTargets(grid: Grid, skip: RowFilter): DepartmentTargets | null {
  const lines = linesOf(grid, skip);
  let mode: "none" | "overall" | "items" = "none";
  const overall: string[] = [];
  const items: DepartmentTargetItem[] = [];
  let field: "title" | "goal" | "indicators" = "title";
  let top = Infinity;
  let bottom = -Infinity;
  const use = (l: Line): void => {
    top = Math.min(top, l.row);
    bottom = Math.max(bottom, l.row);
  };
  for (const line of lines) {
    const t = toHalfWidth(line.text).replace(/\s+/g, "") === "" ? "" : line.text;
    const folded = t.replace(/[\s\u3000]+/g, "");
    const o = OVERALL.exec(folded);
    if (o && mode !== "items") {
      mode = "overall";
      use(line);
      if (o[1]) overall.push(t.replace(/^[^:：]*[:：]\s*/, ""));
      continue;
    }
    if (ITEMS.test(folded)) {
      mode = "items";
      use(line);
      continue;
    }
    if (mode === "none") continue;
    if (HEADING.test(folded)) break;
    if (mode === "overall") {
      overall.push(t);
      use(line);
      continue;
    }
    const g = GOAL.exec(t);
    const ind = INDICATORS.exec(t);
    const last = items[items.length - 1];
    if (g && last) {
      last.goal = g[1].trim();
      field = "goal";
    } else if (ind && last) {
      last.indicators = ind[1].trim();
      field = "indicators";
    } else if (LIST_MARKER.test(t)) {
      items.push({ title: t.replace(LIST_MARKER, "").trim(), goal: "", indicators: "" });
      field = "title";
    } else if (last) {
      last[field] += t;
    } else continue;
    use(line);
  }
  if (overall.length === 0 && items.length === 0) return null;
  return {
    overall: overall.join("\n"),
    items,
    sheet: grid.name,
    range: rangeAddress({ top, bottom, left: grid.left, right: grid.right }),
  };
}
