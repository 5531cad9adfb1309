/** The 目录 sheet: every table with a link to its sheet. */
import type { TargetTable } from "../model";
import { amountCell, amountFormat, amountWidth } from "./format";
import { CENTER, LABEL, NUMBER, SheetBuilder, TEXT, printLayout, withFormat, TITLE, LINE_RIGHT } from "./sheet-builder";
import { commonUnit, inUnit } from "./units";
import { decimalPlaces } from "../decimal";

export interface TocEntry {
  table: TargetTable;
  /** Where the link goes: the generated sheet, or the table's first cell where it was not generated. */
  target: { sheet: string; cell: string };
}

const WIDTHS = [7, 25, 40, 14, 26];

export function buildToc(name: string, entries: TocEntry[]): SheetBuilder {
  const b = new SheetBuilder(name, WIDTHS);
  const unit = commonUnit(entries.map((e) => e.table));
  const totals = entries.map((e) => inUnit(e.table.budget.total, e.table, unit));
  const places = Math.max(2, ...totals.map((a) => (a === null ? 0 : decimalPlaces(a))));
  b.setWidth(4, amountWidth(totals, places, WIDTHS[3], false));
  b.cell(1, 1, "目  录", {
    right: 5,
    style: TITLE,
  });
  b.height(1, 34);
  b.cell(2, 4, `单位：${unit}`, { right: 5, style: LINE_RIGHT });
  const header = ["序号", "项目编码", "项目名称", "预算数", "工作表"];
  header.forEach((h, i) => b.cell(3, i + 1, h, { style: LABEL }));
  entries.forEach((e, i) => {
    const r = 4 + i;
    b.cell(r, 1, i + 1, { style: CENTER });
    b.cell(r, 2, e.table.code, { style: TEXT });
    b.link(r, 3, e.target, e.table.name || e.table.code || "（无名称）", { style: TEXT });
    b.cell(r, 4, amountCell(totals[i]), { style: withFormat(NUMBER, amountFormat(places)) });
    b.cell(r, 5, e.target.sheet, { style: TEXT });
  });
  b.freezePanes(3, 0);
  b.pageSetup(printLayout(3 + entries.length, 5, "1:3"));
  return b;
}
