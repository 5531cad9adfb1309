/**
 * Workbooks for the benchmarks: N target tables in the pasted layout of the seed (a title, the
 * department and unit line, the budget block, the plan, goals and an indicator block with merged
 * first levels), one after another on sheets of up to `perSheet` tables, with a few planted
 * defects; and a payment ledger over them.
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
      ws = wb.addWorksheet(`绩效目标${t / perSheet + 1}`);
      ws.columns = [14, 14, 18, 16, 22, 12, 16].map((width) => ({ width }));
      r = 0;
    }
    const s = ws!;
    const code = benchCode(t);
    const budget = (t % 97) * 3 + 10 + (t % 7) / 4;
    const fiscal = Math.round(budget * 60) / 100;
    // Planted defects, so check has findings to mark and clear has marks to clear: every 7th table's
    // funds do not add up, every 11th has a blank 指标值, every 13th plans 90% by 12月底.
    const other = Math.round((budget - fiscal) * 100) / 100 + (t % 7 === 3 ? 1 : 0);
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
    [0.25, 0.5, 0.84, t % 13 === 6 ? 0.9 : 1].forEach((p, i) => put(r, 2 + i, p, "0%"));
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
      if (!(t % 11 === 5 && i === 1)) put(r, 6, v);
      put(r, 7, "计划标准");
    }
    if (r > groupStart) s.mergeCells(groupStart, 1, r, 1);
    r += 2;
  }
  return wb;
}

/** The project code of table `t` (0-based) of a bench workbook; its year digits say 2022. */
export function benchCode(t: number): string {
  return `130625${22}P${String(100000000 + t).slice(1)}${"ABCDEFGHJK"[t % 10]}`;
}

/** The budget year the bench tables' codes state. */
export const BENCH_YEAR = 2022;

/** A deterministic generator (xorshift). */
export function rng(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x1_0000_0000;
  };
}

export interface LedgerOptions {
  /** Tables of the workbook the payments are for (codes `benchCode(0..tables-1)`). */
  tables: number;
  /** Payment rows in all, over the two ledger sheets (four fifths in 元, one fifth in 万元). */
  rows: number;
}

/**
 * Adds a payment ledger as finance staff keep one: a 支付明细 sheet in 元 (a title line, then the
 * header) and a 支付明细（万元） sheet in 万元 under a 单位 line; dates as Excel dates, `2022-03-15`,
 * `2022/3/15`, `2022年3月15日` and `20220315`; amounts as numbers and as text with thousands
 * separators; refunds (negative); and a few bad rows: an impossible date, a date outside the budget
 * year, a code matching no table, a blank amount. Codes match the tables; some rows give only the
 * project name.
 */
export function addBenchLedger(wb: ExcelJS.Workbook, o: LedgerOptions): { rows: number; bad: number } {
  const r = rng(20220601);
  const wanYuan = Math.floor(o.rows / 5);
  const sheets: { name: string; rows: number; unit: "元" | "万元" }[] = [
    { name: "支付明细", rows: o.rows - wanYuan, unit: "元" },
    { name: "支付明细（万元）", rows: wanYuan, unit: "万元" },
  ];
  let bad = 0;
  let n = 0;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = [12, 24, 16, 16, 12, 12, 16].map((width) => ({ width }));
    let headerRow: number;
    if (s.unit === "元") {
      ws.getCell(1, 1).value = `${BENCH_YEAR}年度项目支出支付明细`;
      ws.getRow(2).values = ["支付日期", "项目编码", "项目名称", "支付金额（元）", "资金来源", "凭证号", "摘要"];
      headerRow = 2;
    } else {
      ws.getCell(1, 1).value = "单位：万元";
      ws.getRow(2).values = ["支付日期", "项目编码", "项目名称", "支付金额", "资金来源", "凭证号", "摘要"];
      headerRow = 2;
    }
    for (let i = 0; i < s.rows; i++, n++) {
      const t = n % o.tables;
      const month = 1 + Math.floor(r() * 12);
      const day = 1 + Math.floor(r() * 28);
      const form = n % 5;
      const y = BENCH_YEAR;
      let date: ExcelJS.CellValue =
        form === 0
          ? new Date(Date.UTC(y, month - 1, day))
          : form === 1
            ? `${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`
            : form === 2
              ? `${y}/${month}/${day}`
              : form === 3
                ? `${y}年${month}月${day}日`
                : y * 10000 + month * 100 + day;
      // Cents as an integer, so every amount is exact.
      const cents = 100 + Math.floor(r() * (s.unit === "元" ? 2_000_000 : 2_000));
      let amount: ExcelJS.CellValue =
        s.unit === "元"
          ? n % 31 === 3
            ? (cents / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })
            : cents / 100
          : Number((cents / 10000).toFixed(4));
      if (n % 50 === 7) amount = typeof amount === "number" ? -amount : `-${amount}`;
      let code: string | null = benchCode(t);
      let name: string | null = n % 17 === 4 ? `项目${t + 1}` : null;
      if (name) code = null;
      // A few bad rows, each reported by its row.
      if (n % 2003 === 11) date = `${y}-02-30`;
      else if (n % 2003 === 12) date = new Date(Date.UTC(y - 1, 11, 20));
      else if (n % 2003 === 13) {
        code = "99999999P99999999999Z";
        name = null;
      } else if (n % 2003 === 14) amount = null;
      if (n % 2003 >= 11 && n % 2003 <= 14) bad++;
      const row = ws.getRow(headerRow + 1 + i);
      row.values = [
        date,
        code,
        name,
        amount,
        n % 3 === 0 ? "其他资金" : "财政拨款",
        `PZ${String(n).padStart(6, "0")}`,
        n % 50 === 7 ? "退款" : "支付",
      ];
      if (date instanceof Date) row.getCell(1).numFmt = "yyyy-mm-dd";
      if (typeof amount === "number") row.getCell(4).numFmt = "#,##0.00";
    }
  }
  return { rows: n, bad };
}
