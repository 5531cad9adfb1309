/**
 * The pane's words, Chinese and English. Chinese is the default; English is taken when Office's
 * display language (or, in a browser, the browser's language) is English.
 */
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";

export type Language = "zh" | "en";

/** English for `en`, `en-US`, `en-GB`…; Chinese for everything else. Office's language wins. */
export function pickLanguage(officeLanguage: string | null | undefined, browserLanguage?: string | null): Language {
  const lang = officeLanguage || browserLanguage || "";
  return /^en(\b|[-_])/i.test(lang) ? "en" : "zh";
}

const zh = {
  app: { title: "绩效目标表助手", subtitle: "识别、校验和填写项目支出绩效目标表" },
  mode: {
    detecting: "正在检测运行环境…",
    excel: "Excel 加载项模式",
    excelDetail: "正在处理 Excel 中打开的工作簿。",
    browser: "浏览器模式（不需要 Excel）",
    browserDetail: "工作簿只在本页面内处理，不会上传到任何地方；处理结果以下载方式保存。",
    reason: {
      absent: "",
      failed: "未能加载 Office 脚本（office.js），可能是离线或网络受限。",
      "no-host": "",
      "other-host": "当前 Office 应用不是 Excel。",
      timeout: "等待 Office 超时。",
    },
    tooOld: "此版本的 Excel 不支持本加载项（需要 ExcelApi {{version}}）。请升级 Excel，或改用浏览器模式的网页版。",
  },
  tabs: { tables: "目标表", settings: "设置", label: "助手页面" },
  actions: {
    open: "打开工作簿",
    openHint: "选择 .xlsx 文件（WPS 或旧版 Excel 请先另存为 .xlsx）",
    recognize: "识别目标表",
    cancel: "取消",
    download: "下载处理结果",
    downloadAgain: "再次下载 {{name}}",
    select: "选中",
    selectLabel: "在工作表中选中「{{name}}」",
    details: "详情",
    hideDetails: "收起",
  },
  steps: {
    loadingEngine: "正在加载表格组件…",
    opening: "正在打开工作簿…",
    reading: "正在读取工作簿…",
    recognising: "正在识别目标表…",
    settings: "正在读取设置…",
    writing: "正在写入工作簿…",
    packing: "正在生成文件…",
    cannotCancel: "正在写入，无法取消",
  },
  progress: { label: "进度" },
  result: {
    count: "识别到 {{count}} 张绩效目标表",
    none: "没有识别到绩效目标表。请确认工作簿中有「项目名称」「预算数」「一级指标」等栏目。",
    fromRibbon: "已通过功能区「识别目标表」完成识别。",
    file: "当前文件：{{name}}",
    department: "部门整体绩效目标：分项目标 {{count}} 项",
    listLabel: "识别到的绩效目标表",
  },
  table: {
    noName: "（无名称）",
    code: "项目编码",
    noCode: "无编码",
    budget: "预算数",
    fiscal: "财政资金",
    other: "其他资金",
    indicators: "指标 {{count}} 项",
    location: "位置",
    layout: "版式",
    year: "年度",
    department: "部门",
    unit: "单位",
    goals: "绩效目标",
    indicatorList: "绩效指标",
    layouts: { pasted: "粘贴的表格", lists: "清单", generated: "生成的目标表" },
  },
  diagnostics: { title: "提示（{{count}}）" },
  settings: {
    intro: "这些设置保存在工作簿的隐藏工作表中，同事打开同一文件时使用相同的设置。",
    profile: "指标体系",
    profiles: {
      auto: "自动判断",
      legacy: "财预〔2015〕88号（产出、效益、满意度）",
      cpi2021: "财预〔2021〕101号（含成本指标）",
      hunan: "湖南（效益下含满意度）",
    },
    budgetYear: "预算年度",
    budgetYearHint: "留空则使用各表自己的年度",
    budgetYearInvalid: "请输入 {{min}} 到 {{max}} 之间的年份，或留空",
    unit: "金额单位",
    units: { auto: "按各表标注", 万元: "万元", 元: "元" },
    save: "保存到工作簿",
    saved: "设置已保存到工作簿。",
    savedBrowser: "设置已写入工作簿副本；下载处理结果即可带走。",
    stored: "当前设置来自工作簿。",
    defaults: "工作簿中还没有保存设置，使用默认值。",
    needWorkbook: "请先打开工作簿。",
  },
  messages: {
    cancelled: "已取消，工作簿没有改动。",
    failed: "操作失败：{{message}}",
    downloaded: "已生成 {{name}}。",
    busy: "请等当前操作完成或取消后再试。",
    selectFailed: "无法选中：{{message}}",
  },
} as const;

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const en: Shape<typeof zh> = {
  app: { title: "Performance Target Sheet Assistant", subtitle: "Recognise, check and fill project target tables" },
  mode: {
    detecting: "Detecting the environment…",
    excel: "Excel add-in mode",
    excelDetail: "Working on the workbook open in Excel.",
    browser: "Browser mode (no Excel needed)",
    browserDetail: "The workbook is processed in this page only and never uploaded; results are saved as a download.",
    reason: {
      absent: "",
      failed: "The Office script (office.js) could not be loaded; offline or a restricted network?",
      "no-host": "",
      "other-host": "This Office application is not Excel.",
      timeout: "Office did not answer in time.",
    },
    tooOld:
      "This version of Excel is too old for the add-in (ExcelApi {{version}} needed). Update Excel or use the web page in browser mode.",
  },
  tabs: { tables: "Tables", settings: "Settings", label: "Assistant pages" },
  actions: {
    open: "Open workbook",
    openHint: "Choose an .xlsx file (save WPS or old Excel files as .xlsx first)",
    recognize: "Recognise tables",
    cancel: "Cancel",
    download: "Download result",
    downloadAgain: "Download {{name}} again",
    select: "Select",
    selectLabel: "Select “{{name}}” in the sheet",
    details: "Details",
    hideDetails: "Hide",
  },
  steps: {
    loadingEngine: "Loading the spreadsheet engine…",
    opening: "Opening the workbook…",
    reading: "Reading the workbook…",
    recognising: "Recognising target tables…",
    settings: "Reading settings…",
    writing: "Writing to the workbook…",
    packing: "Building the file…",
    cannotCancel: "Writing; cannot cancel now",
  },
  progress: { label: "Progress" },
  result: {
    count: "{{count}} target tables found",
    none: "No target tables found. Check that the workbook has columns such as 项目名称, 预算数 and 一级指标.",
    fromRibbon: "Recognised from the ribbon button “Recognise Tables”.",
    file: "File: {{name}}",
    department: "Department targets: {{count}} items",
    listLabel: "Recognised target tables",
  },
  table: {
    noName: "(no name)",
    code: "Project code",
    noCode: "no code",
    budget: "Budget",
    fiscal: "Fiscal",
    other: "Other",
    indicators: "{{count}} indicators",
    location: "Location",
    layout: "Layout",
    year: "Year",
    department: "Department",
    unit: "Unit",
    goals: "Goals",
    indicatorList: "Indicators",
    layouts: { pasted: "pasted table", lists: "lists", generated: "generated sheet" },
  },
  diagnostics: { title: "Notes ({{count}})" },
  settings: {
    intro: "Settings are stored in a hidden sheet of the workbook, so colleagues who open the file get the same.",
    profile: "Indicator framework",
    profiles: {
      auto: "Decide per table",
      legacy: "Cai Yu [2015] No. 88 (output, outcome, satisfaction)",
      cpi2021: "Cai Yu [2021] No. 101 (with cost indicators)",
      hunan: "Hunan (satisfaction under outcome)",
    },
    budgetYear: "Budget year",
    budgetYearHint: "Leave blank to use each table's own year",
    budgetYearInvalid: "Enter a year from {{min}} to {{max}}, or leave blank",
    unit: "Amount unit",
    units: { auto: "As each table states", 万元: "10k yuan (万元)", 元: "yuan (元)" },
    save: "Save to workbook",
    saved: "Settings saved to the workbook.",
    savedBrowser: "Settings written to the workbook copy; download the result to keep them.",
    stored: "These settings come from the workbook.",
    defaults: "The workbook has no saved settings yet; defaults are used.",
    needWorkbook: "Open a workbook first.",
  },
  messages: {
    cancelled: "Cancelled; the workbook was not changed.",
    failed: "Failed: {{message}}",
    downloaded: "{{name}} is ready.",
    busy: "Wait for the current action to finish, or cancel it.",
    selectFailed: "Cannot select: {{message}}",
  },
};

export const resources = { zh: { translation: zh }, en: { translation: en } } as const;

let instance: i18n | null = null;

/** Initialises i18next once (synchronously: resources are bundled) and returns it. */
export function initI18n(language: Language): i18n {
  if (instance) {
    if (instance.language !== language) void instance.changeLanguage(language);
    return instance;
  }
  instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: "zh",
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
