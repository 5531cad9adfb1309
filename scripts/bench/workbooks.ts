/**
 * Workbooks for the benchmarks: N target tables in the pasted layout of the seed (a title, the
 * department and unit line, the budget block, the plan, goals and an indicator block with merged
 * first levels), one after another on sheets of up to `perSheet` tables.
 */
import ExcelJS from "exceljs";

const LEVELS: [string, string, string, string][] = [
  ["产出指标", "数量指标", "完成工作量", "≥95%"],
  ["产出指标", "数量指标", "覆盖户数", "≥1200户"],
  ["产出指标", "质量指标", "验收合格率", "100%"],
  ["产出指标", "质量指标", "资料完整率", "≥98%"],
  ["产出指标", "时效指标", "按时完成率", "≥95%"],
  ["产出指标", "成本指标", "预算控制数", "≤100%"],
  ["效益指标", "社会效益指标", "服务水平提升", "效果明显"],
  ["效益指标", "生态效益指标", "植被恢复率", "≥90%"],
  ["效益指标", "可持续影响指标", "长效机制建立", "建立"],
  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"],
];

export interface BenchWorkbookOptions {
  tables: number;
  indicators?: number;
  perSheet?: number;
}

/** Rows one table takes, spacer included. */
export const ROWS_PER_TABLE = 10 + LEVELS.length + 2;

export function buildBenchWorkbook(o: BenchWorkbookOptions): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const perSheet = o.perSheet ?? 200;
  const indicators = o.indicators ?? LEVELS.length;
  let ws: ExcelJS.Worksheet | null = null;
  let r = 0;
  for (let t = 0; t < o.tables; t++) {
    if (t % perSheet === 0) {
      ws = wb.addWorksheet(`项目${t / perSheet + 1}`);
      ws.columns = [14, 14, 18, 16, 22, 12, 16].map((width) => ({ width }));
      r = 0;
    }
    const s = ws!;
    const code = `130625${22}P${String(100000000 + t).slice(1)}${"ABCDEFGHJK"[t % 10]}`;
    const budget = (t % 97) * 3 + 10 + (t % 7) / 4;
    const fiscal = Math.round(budget * 60) / 100;
    const other = Math.round((budget - fiscal) * 100) / 100;
    const put = (row: number, col: number, v: ExcelJS.CellValue, fmt?: string): void => {
      const c = s.getCell(row, col);
      c.value = v;
      if (fmt) c.numFmt = fmt;
    };
    put(++r, 1, `${t + 1}.项目${t + 1}绩效目标表`);
    put(++r, 1, "324001某市自然资源和规划局某区分局本级");
    s.mergeCells(r, 1, r, 5);
    put(r, 6, "单位：万元");
    s.mergeCells(r, 6, r, 7);
    put(++r, 1, "项目编码");
    put(r, 2, code);
    s.mergeCells(r, 2, r, 3);
    put(r, 4, "项目名称");
    put(r, 5, `项目${t + 1}`);
    s.mergeCells(r, 5, r, 7);
    put(++r, 1, "预算规模及资金用途");
    s.mergeCells(r, 1, r + 1, 1);
    put(r, 2, "预算数");
    put(r, 3, budget, "0.00");
    put(r, 4, "其中：财政资金");
    put(r, 5, fiscal, "0.00");
    put(r, 6, "其他资金");
    put(r, 7, other, "0.00");
    put(++r, 2, `用于项目${t + 1}的实施，共计${budget}万元`);
    s.mergeCells(r, 2, r, 7);
    put(++r, 1, "资金支出计划（%）");
    s.mergeCells(r, 1, r + 1, 1);
    ["3月底", "6月底", "10月底", "12月底"].forEach((l, i) => put(r, 2 + i, l));
    r++;
    [0.25, 0.5, 0.84, 1].forEach((p, i) => put(r, 2 + i, p, "0%"));
    put(++r, 1, "绩效目标");
    put(r, 2, `1.完成项目${t + 1}年度任务\n2.预计使用资金${budget}万元，年底前支付完毕`);
    s.mergeCells(r, 2, r, 7);
    put(++r, 1, "一级指标");
    ["二级指标", "三级指标", "绩效指标描述", "", "指标值", "指标值确定依据"].forEach((l, i) => l && put(r, 2 + i, l));
    s.mergeCells(r, 4, r, 5);
    let groupStart = r + 1;
    for (let i = 0; i < indicators; i++) {
      const [l1, l2, l3, v] = LEVELS[i % LEVELS.length];
      r++;
      const prev = i > 0 ? LEVELS[(i - 1) % LEVELS.length][0] : null;
      if (l1 !== prev) {
        if (i > 0 && r - 1 > groupStart) s.mergeCells(groupStart, 1, r - 1, 1);
        groupStart = r;
        put(r, 1, l1);
      }
      put(r, 2, l2);
      put(r, 3, l3);
      put(r, 4, `${l3}的说明`);
      s.mergeCells(r, 4, r, 5);
      put(r, 6, v);
      put(r, 7, "计划标准");
    }
    if (r > groupStart) s.mergeCells(groupStart, 1, r, 1);
    r += 2;
  }
  return wb;
}
