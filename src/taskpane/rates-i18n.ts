/**
 * The words of the 执行率 tab, its chart and the rates settings form, in their own chunk
 * (`rates-pane`) with the components that use them: added to the pane's resources when the chunk
 * loads (`ensureRatesWords`, called at the top of each of those modules). The tab's name and the
 * messages its actions leave are in `./i18n` (shown before the chunk loads).
 */
import { addWords } from "./i18n";

const zh = {
  rates: {
    intro:
      "按支付明细计算各表截至某日的累计执行率，与资金支出计划和序时进度比较；结果以公式写入工作簿，同事补录支付后自动更新。",
    fill: "填充执行率",
    asOf: "截止日期",
    asOfHint: "留空：用工作簿「截止日期」单元格中填写的日期，否则用今天（晚于预算年度则用年末）。",
    asOfShown: "执行率截至 {{date}}",
    asOfSource: {
      explicit: "（按此处设定的日期）",
      workbook: "（截止日期取自工作簿，用户填写）",
      default: "（默认：今天，或预算年度年末）",
    },
    notYet: "尚未计算。点「填充执行率」计算并写入工作簿。",
    ledgerTitle: "支付明细",
    createLedger: "创建支付明细表",
    importPayments: "导入支付数据",
    importHint: "国库支付系统导出的 .csv（GBK 或 UTF-8）或 .xlsx 文件",
    importResult: "「{{file}}」：导入 {{imported}} 笔，未导入 {{rejected}} 行",
    importRejectedTitle: "未导入的行（{{count}}）",
    rejectedTitle: "未计入的支付记录（{{count}}）",
    rejectedIntro: "这些行的日期、金额或项目无法识别，未计入执行率。",
    rowRef: "{{sheet}} 第 {{row}} 行",
    selectRow: "在工作表中选中 {{sheet}} 第 {{row}} 行",
    tablesTitle: "各表执行率（{{count}}）",
    tableSummary: "预算 {{budget}} {{unit}} · 累计支出 {{paid}} · 执行率 {{rate}} · 序时进度 {{pace}}",
    noBudget: "没有预算数，无法计算执行率",
    reasonRequired: "年末执行率偏低，需填写偏差原因",
    chartTitle: "「{{name}}」计划与实际累计进度",
    chartDesc: "各节点的计划进度、实际执行率（柱）和序时进度（折线），单位 %。",
    plan: "计划",
    actual: "实际",
    pace: "序时进度",
    checkpoint: "节点",
    paid: "累计支出",
    notDue: "未到",
    behindPlan: "落后计划",
    behindPace: "落后序时",
    barPlan: "{{label}} 计划 {{value}}",
    barActual: "{{label}} 实际 {{value}}",
    barNotDue: "{{label}} 未到截止日期",
    settingsTitle: "执行率",
    settingsIntro: "序时进度要求、容差和偏差原因的下限，保存在工作簿中；下次「填充执行率」按新设置标记。",
    thresholds: "序时进度要求",
    thresholdsHint: "在这些节点，序时进度按此处的百分比；其余日期按全年已过的比例。",
    month: "月份",
    monthEnd: "{{month}}月底",
    min: "不低于（%）",
    addThreshold: "添加节点",
    removeThreshold: "删除 {{month}}月底",
    tolerance: "容差（百分点）",
    toleranceHint: "执行率落后计划或序时进度超过此值才标记。",
    reasonBelow: "年末执行率低于（%）须填偏差原因",
    percentInvalid: "请输入 0 到 100 之间的数（最多两位小数）",
    thresholdsInvalid: "节点须按月份先后排列、不重复，百分比不能随月份变小。",
    save: "保存执行率设置",
    stored: "当前执行率设置来自工作簿。",
    defaults: "工作簿中还没有执行率设置，使用默认值（6月底 50%、9月底 75%、12月底 100%）。",
  },
} as const;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zh> = {
  rates: {
    intro:
      "Cumulative execution rates of every table from the payment ledger, compared with the spending plan and the elapsed share of the year; written as formulas, so they update when payments are added.",
    fill: "Fill execution rates",
    asOf: "As-of date",
    asOfHint:
      "Blank: the date typed into the workbook's 截止日期 cell, else today (or the budget year's end if that is earlier).",
    asOfShown: "Rates as of {{date}}",
    asOfSource: {
      explicit: "(the date set here)",
      workbook: "(the date typed into the workbook)",
      default: "(default: today, or the budget year's end)",
    },
    notYet: "Not computed yet. Fill execution rates to compute them and write them into the workbook.",
    ledgerTitle: "Payment ledger",
    createLedger: "Create payment ledger",
    importPayments: "Import payments",
    importHint: "A treasury payment export: .csv (GBK or UTF-8) or .xlsx",
    importResult: "“{{file}}”: {{imported}} imported, {{rejected}} rows not imported",
    importRejectedTitle: "Rows not imported ({{count}})",
    rejectedTitle: "Payment rows not counted ({{count}})",
    rejectedIntro: "Their date, amount or project could not be read, so they are not in the rates.",
    rowRef: "{{sheet}} row {{row}}",
    selectRow: "Select {{sheet}} row {{row}} in the sheet",
    tablesTitle: "Rates per table ({{count}})",
    tableSummary: "Budget {{budget}} {{unit}} · paid {{paid}} · rate {{rate}} · pace {{pace}}",
    noBudget: "No budget, so no rate",
    reasonRequired: "Year-end rate is low: a reason is required",
    chartTitle: "“{{name}}”: planned against actual progress",
    chartDesc:
      "At each checkpoint: the plan and the actual rate (bars) and the elapsed share of the year (line), in %.",
    plan: "Plan",
    actual: "Actual",
    pace: "Pace",
    checkpoint: "Checkpoint",
    paid: "Paid",
    notDue: "Not yet",
    behindPlan: "behind plan",
    behindPace: "behind pace",
    barPlan: "{{label}} plan {{value}}",
    barActual: "{{label}} actual {{value}}",
    barNotDue: "{{label}} is after the as-of date",
    settingsTitle: "Execution rates",
    settingsIntro:
      "Pace thresholds, tolerance and the rate below which a reason is needed, kept in the workbook; the next fill marks by them.",
    thresholds: "Pace thresholds",
    thresholdsHint: "At these checkpoints the pace is the percentage given; elsewhere the share of the year elapsed.",
    month: "Month",
    monthEnd: "End of month {{month}}",
    min: "At least (%)",
    addThreshold: "Add checkpoint",
    removeThreshold: "Remove end of month {{month}}",
    tolerance: "Tolerance (percentage points)",
    toleranceHint: "A rate is marked only when it trails the plan or the pace by more than this.",
    reasonBelow: "Year-end rate below (%) needs a reason",
    percentInvalid: "Enter a number from 0 to 100 (at most 2 decimals)",
    thresholdsInvalid: "Checkpoints must be in month order without repeats, and percentages cannot decrease.",
    save: "Save rate settings",
    stored: "These rate settings come from the workbook.",
    defaults: "The workbook has no rate settings yet; the defaults are used (June 50%, September 75%, December 100%).",
  },
};

export const ratesWords = { zh, en } as const;

let added = false;

/** Adds the words once (idempotent). */
export function ensureRatesWords(): void {
  if (added) return;
  added = true;
  addWords(zh, en);
}
