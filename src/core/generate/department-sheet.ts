/** The 部门整体 sheet: the department-level targets (总体绩效目标 and the 分项绩效目标), structured. */
import type { DepartmentTargets } from "../model";
import { CENTER, LABEL, SheetBuilder, TEXT, printLayout, TITLE, LINE_LEFT, PLAIN } from "./sheet-builder";
import { BACK_TO_TOC } from "./constants";

const WIDTHS = [7, 22, 38, 38];

export function buildDepartmentSheet(
  name: string,
  d: DepartmentTargets,
  o: { department: string | null; year: number | null; tocSheet: string | null },
): SheetBuilder {
  const b = new SheetBuilder(name, WIDTHS);
  b.cell(1, 1, `${o.year ? `${o.year}年度` : ""}部门整体绩效目标`, {
    right: 4,
    style: TITLE,
  });
  b.height(1, 34);
  b.cell(2, 1, o.department, { right: 4, style: LINE_LEFT });
  if (o.tocSheet) {
    b.setWidth(5, 12);
    b.link(1, 5, { sheet: o.tocSheet, cell: "A1" }, BACK_TO_TOC, { style: PLAIN });
  }
  b.cell(3, 1, "总体绩效目标", { right: 2, style: LABEL });
  b.cell(3, 3, d.overall === "" ? null : d.overall, { right: 4, style: TEXT });
  b.height(3, 30);
  ["序号", "分项绩效目标", "绩效目标", "绩效指标"].forEach((h, i) => b.cell(4, i + 1, h, { style: LABEL }));
  d.items.forEach((item, i) => {
    const r = 5 + i;
    b.cell(r, 1, i + 1, { style: CENTER });
    b.cell(r, 2, item.title, { style: TEXT });
    b.cell(r, 3, item.goal === "" ? null : item.goal, { style: TEXT });
    b.cell(r, 4, item.indicators === "" ? null : item.indicators, { style: TEXT });
  });
  if (d.items.length === 0) for (let c = 1; c <= 4; c++) b.cell(5, c, null, { style: TEXT });
  b.pageSetup(printLayout(4 + Math.max(d.items.length, 1), 4, "1:4"));
  return b;
}
