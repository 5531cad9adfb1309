/** The 校验结果 sheet: verdict, profile, time, counts, and a line per finding linking to its cell. */
import type { CellValue, WorkbookChange } from "../../port/workbook";
import type { Finding, ProfileId, Severity } from "../rules/types";
import { MARK_FILL, SEVERITY_ZH } from "./marks";

export const REPORT_SHEET = "校验结果";

export type Verdict = "通过" | "有错误" | "有警告";

export function verdictOf(findings: Finding[]): Verdict {
  if (findings.some((f) => f.severity === "error")) return "有错误";
  if (findings.some((f) => f.severity === "warning")) return "有警告";
  return "通过";
}

export const VERDICT_EN: Record<Verdict, string> = { 通过: "passed", 有错误: "errors", 有警告: "warnings" };

export function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

export interface ReportInput {
  sheet: string;
  findings: Finding[];
  tableCount: number;
  /** `auto` or the profile chosen for the workbook. */
  profileChoice: string;
  profileByTable: ProfileId[];
  /** Local time of the check, as shown (`2026-11-27 09:30`). */
  time: string;
  /** Tables changed since the previous check, or null when there was none. */
  changed: string[] | null;
  /** The name of each checked table, by `Finding.tableIndex`. */
  tableNames: string[];
}

const HEADER_ROW = 9;

/** The changes that build the report sheet as the workbook's first sheet. */
export function reportChanges(r: ReportInput): WorkbookChange[] {
  const verdict = verdictOf(r.findings);
  const counts = countBySeverity(r.findings);
  const byProfile = new Map<string, number>();
  for (const p of r.profileByTable) byProfile.set(p, (byProfile.get(p) ?? 0) + 1);
  const profileText =
    (r.profileChoice === "auto" ? "自动识别（auto）：" : `${r.profileChoice}：`) +
    [...byProfile].map(([p, n]) => `${p} ${n} 张`).join("，");
  const rows: CellValue[][] = [
    ["绩效目标表校验结果 (Validation result)"],
    ["结论 Verdict", `${verdict} (${VERDICT_EN[verdict]})`],
    ["指标体系 Profile", profileText || r.profileChoice],
    ["校验时间 Checked at", r.time],
    ["目标表 Tables", r.tableCount],
    ["错误 Errors", counts.error],
    ["警告 Warnings", counts.warning],
    [
      "提示 Info / 变化 Changes",
      `${counts.info} 条提示；` +
        (r.changed === null
          ? "首次校验"
          : r.changed.length === 0
            ? "自上次校验以来无变化"
            : `自上次校验以来变化：${r.changed.join("、")}`),
    ],
    ["序号 No.", "级别 Severity", "项目 Table", "单元格 Cell", "说明 Message", "规则 Rule", "可修复 Fix"],
  ];
  r.findings.forEach((f, i) => {
    const name = r.tableNames[f.tableIndex];
    const table = name && name !== f.table ? `${name}（${f.table}）` : f.table;
    rows.push([
      i + 1,
      SEVERITY_ZH[f.severity],
      table,
      `${f.sheet}!${f.cell}`,
      f.message,
      f.rule,
      f.fix ? f.fix.description : "",
    ]);
  });
  const last = rows.length;
  const changes: WorkbookChange[] = [
    { kind: "addSheet", sheet: r.sheet, position: 0 },
    { kind: "setValues", sheet: r.sheet, anchor: "A1", values: rows },
    { kind: "merge", sheet: r.sheet, range: "A1:G1" },
    { kind: "setStyle", sheet: r.sheet, range: "A1", style: { bold: true, fontSize: 14 } },
    { kind: "setStyle", sheet: r.sheet, range: "A2:A8", style: { bold: true } },
    {
      kind: "setStyle",
      sheet: r.sheet,
      range: "B2",
      style: { bold: true, fill: verdict === "通过" ? "#C6EFCE" : verdict === "有错误" ? "#FFC7CE" : "#FFEB9C" },
    },
    {
      kind: "setStyle",
      sheet: r.sheet,
      range: `A${HEADER_ROW}:G${HEADER_ROW}`,
      style: { bold: true, fill: "#D9E1F2", border: true },
    },
    {
      kind: "setColumnWidths",
      sheet: r.sheet,
      widths: [
        { col: 1, width: 22 },
        { col: 2, width: 14 },
        { col: 3, width: 28 },
        { col: 4, width: 18 },
        { col: 5, width: 70 },
        { col: 6, width: 22 },
        { col: 7, width: 30 },
      ],
    },
    { kind: "freezePanes", sheet: r.sheet, rows: HEADER_ROW, columns: 0 },
    {
      kind: "pageSetup",
      sheet: r.sheet,
      setup: {
        paper: "A4",
        orientation: "landscape",
        fitToWidth: 1,
        fitToHeight: 0,
        printTitleRows: `${HEADER_ROW}:${HEADER_ROW}`,
      },
    },
  ];
  if (last > HEADER_ROW)
    changes.push({
      kind: "setStyle",
      sheet: r.sheet,
      range: `A${HEADER_ROW + 1}:G${last}`,
      style: { wrap: true, vertical: "top", border: true },
    });
  r.findings.forEach((f, i) => {
    const row = HEADER_ROW + 1 + i;
    changes.push({
      kind: "hyperlink",
      sheet: r.sheet,
      cell: `D${row}`,
      target: { sheet: f.sheet, cell: f.cell },
      text: `${f.sheet}!${f.cell}`,
    });
    changes.push({
      kind: "setStyle",
      sheet: r.sheet,
      range: `B${row}`,
      style: { fill: `#${MARK_FILL[f.severity].slice(2)}` },
    });
  });
  return changes;
}
