/**
 * Nothing lost (issue 7): every `ptsheet` command that writes a workbook is run on one that has
 * values, formulas, merges, number formats, fonts, fills and borders, hidden rows and columns, a
 * hidden sheet, defined names (one scoped to a sheet, one hidden), data validation, conditional
 * formatting, notes (one on an empty cell), a link and frozen panes on sheets no command touches.
 * Those sheets come back with all of it, compared both as ExcelJS reads them and in the package's
 * XML; on the sheets commands do touch, every value a user entered is still there. The write
 * commands are found from `ptsheet --help`, so a command added later without a case here fails.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/ptsheet";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { fixtureDir, newWorkbook, putAll } from "../fixtures/workbook";
import { putTable } from "../bad-inputs/corpus";
import { Package } from "../bad-inputs/packages";
import { decodeXml } from "../../src/adapters/exceljs/opc";

jest.setTimeout(600_000);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ptsheet(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

const UNTOUCHED = ["数据", "隐藏"];
const TABLES = "项目表";
const LEDGER = "支付明细";

async function buildWorkbook(): Promise<Uint8Array> {
  const wb = newWorkbook();
  const tables = wb.addWorksheet(TABLES);
  const next = putTable(tables, 1, {
    code: "33010223P00000000001A",
    name: "政务信息系统运维",
    fiscal: 30,
    other: 6,
    june: 40,
    december: 90,
  });
  putTable(tables, next + 2, {
    code: "33010223P00000000002A",
    name: "业务培训",
    total: 10,
    fiscal: 10,
    indicators: [
      ["产出指标", "数量指标", "培训人次", "全年培训人次", "≥２００人次", "工作计划"],
      ["效益指标", "社会效益指标", "业务能力", "业务能力提升", null, "历史标准"],
    ],
  });

  const data = wb.addWorksheet("数据", { views: [{ state: "frozen", xSplit: 1, ySplit: 1, topLeftCell: "B2" }] });
  putAll(data, {
    // Headers that do not make the sheet look like a payment ledger (日期 + 金额 would).
    A1: "类别",
    B1: "数值",
    C1: "比例",
    D1: "时点",
    A2: "甲",
    B2: { v: 1234.5, fmt: "#,##0.00" },
    C2: { v: 0.125, fmt: "0.00%" },
    D2: { v: new Date(Date.UTC(2023, 2, 31)), fmt: "yyyy-mm-dd" },
    A3: "乙\n（第二行）",
    B3: -3,
    C3: { v: 1e-7, fmt: "0.00E+00" },
    D3: true,
    A4: "  前后有空格  ",
    B4: 123456789.123,
    C4: { v: { error: "#N/A" }, fmt: "General" },
    D4: { v: "00123", fmt: "@" },
    A5: "合计",
    B5: { formula: "SUM(B2:B4)", result: 123458020.623 } as ExcelJS.CellFormulaValue,
    C5: { formula: "B5*2", result: 246916041.246 } as ExcelJS.CellFormulaValue,
    "F2:G3": "合并说明",
    A7: {
      richText: [
        { text: "富", font: { bold: true } },
        { text: "文本", font: { italic: true, color: { argb: "FFFF0000" } } },
      ],
    },
    A8: { text: "财政部网站", hyperlink: "https://www.mof.gov.cn/" },
    A9: "=不是公式",
  });
  data.fillFormula("E2:E4", "B2*2", [2469, -6, 246913578.246]);
  data.getCell("A1").font = { bold: true, size: 14, name: "宋体", color: { argb: "FF1F4E79" } };
  data.getCell("B1").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
  data.getCell("C1").border = {
    top: { style: "thin" },
    bottom: { style: "double", color: { argb: "FFFF0000" } },
    left: { style: "medium" },
    right: { style: "dashed" },
  };
  data.getCell("A3").alignment = { wrapText: true, vertical: "top" };
  data.getRow(6).hidden = true;
  data.getCell("A6").value = "隐藏行的内容";
  data.getColumn(8).hidden = true;
  data.getCell("H1").value = "隐藏列的内容";
  data.getColumn(1).width = 24;
  data.getRow(3).height = 36;
  data.getCell("B2").note = "金额来自 2023 年预算";
  data.getCell("J10").note = "空单元格上的批注";
  (data as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    "D2:D4",
    {
      type: "list",
      allowBlank: true,
      formulae: ['"是,否"'],
    },
  );
  data.addConditionalFormatting({
    ref: "B2:B4",
    rules: [
      {
        type: "cellIs",
        operator: "lessThan",
        formulae: ["0"],
        priority: 1,
        style: { font: { color: { argb: "FFFF0000" } } },
      },
    ],
  });
  data.pageSetup.printArea = "A1:G9";

  const hidden = wb.addWorksheet("隐藏", { state: "hidden" });
  hidden.addRows([
    ["参数", "值"],
    ["税率", 0.06],
  ]);
  hidden.getCell("C2").value = { formula: "B2*100", result: 6 } as ExcelJS.CellFormulaValue;

  const ledger = wb.addWorksheet(LEDGER);
  ledger.addRows([
    ["支付日期", "项目编码", "支付金额（元）", "资金性质"],
    [new Date(Date.UTC(2023, 3, 10)), "33010223P00000000001A", 50000, "财政"],
    [new Date(Date.UTC(2023, 4, 12)), "33010223P00000000002A", 20000, "财政"],
  ]);
  ledger.getColumn(1).numFmt = "yyyy-mm-dd";

  wb.definedNames.add("数据!$B$2", "单价");
  wb.definedNames.add("数据!$A$2:$A$4", "项目清单");
  const p = await Package.open(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
  // Names ExcelJS gets wrong: two of one name scoped to different sheets, a hidden one, a
  // constant and a formula.
  await p.editPart("xl/workbook.xml", (x) =>
    x.replace(
      "</definedNames>",
      '<definedName name="合计" localSheetId="1">数据!$B$5</definedName><definedName name="合计" localSheetId="2">隐藏!$C$2</definedName>' +
        '<definedName name="内部参数" hidden="1">隐藏!$B$2</definedName><definedName name="增值税率">0.06</definedName>' +
        '<definedName name="金额合计">SUM(数据!$B$2:$B$4)</definedName></definedNames>',
    ),
  );
  return p.bytes();
}

// ---- what is compared ---------------------------------------------------------------------------

/** Everything ExcelJS models of a sheet, cell by cell over a generous box. */
function sheetModel(ws: ExcelJS.Worksheet): unknown {
  const cells: Record<string, unknown> = {};
  for (let r = 1; r <= 12; r++)
    for (let c = 1; c <= 12; c++) {
      const cell = ws.getCell(r, c);
      const entry = {
        value: cell.value,
        formula: cell.formula,
        result: cell.type === ExcelJS.ValueType.Formula ? cell.result : undefined,
        style: cell.style,
        note: cell.note,
        hyperlink: cell.hyperlink,
      };
      if (JSON.stringify(entry) !== JSON.stringify({ style: {} })) cells[cell.address] = entry;
    }
  const rows: unknown[] = [];
  const cols: unknown[] = [];
  for (let i = 1; i <= 12; i++) {
    const row = ws.getRow(i);
    rows.push([row.hidden, row.height, row.outlineLevel]);
    const col = ws.getColumn(i);
    cols.push([col.hidden, col.width, col.outlineLevel]);
  }
  const internals = ws as unknown as {
    dataValidations: { model: unknown };
    conditionalFormattings: unknown;
    _merges: Record<string, unknown>;
  };
  return {
    state: ws.state,
    views: ws.views,
    merges: Object.keys(internals._merges).sort(),
    cells,
    rows,
    cols,
    validations: internals.dataValidations.model,
    conditional: internals.conditionalFormattings,
    printArea: (ws.pageSetup.printArea ?? "").replace(/\$/g, ""),
    protection: (ws as unknown as { sheetProtection?: unknown }).sheetProtection ?? null,
  };
}

/** The facts of a sheet's XML that must survive: merges, hidden rows and columns, panes, formulas. */
function sheetXmlFacts(xml: string): unknown {
  const merges = [...xml.matchAll(/<mergeCell ref="([^"]+)"/g)].map((m) => m[1]).sort();
  const hiddenRows = [...xml.matchAll(/<row r="(\d+)"[^>]*hidden="1"/g)].map((m) => m[1]);
  const hiddenCols = [...xml.matchAll(/<col [^>]*hidden="1"[^>]*>/g)].map((m) =>
    /min="(\d+)"[^>]*max="(\d+)"/.exec(m[0])?.slice(1).join("-"),
  );
  const pane = /<pane [^>]*>/.exec(xml)?.[0] ?? null;
  const formulas = [...xml.matchAll(/<c r="([A-Z]+\d+)"[^>]*>(?:(?!<\/c>)[\s\S])*?<f([^>]*)>([^<]*)<\/f>/g)].map(
    (m) => [m[1], m[3]],
  );
  const validations = [...xml.matchAll(/<dataValidation [^>]*sqref="([^"]+)"/g)].map((m) => m[1]);
  const conditional = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)"/g)].map((m) => m[1]);
  return { merges, hiddenRows, hiddenCols, pane, formulas, validations, conditional };
}

/** The defined names as written, attributes sorted, `$` signs aside (ExcelJS may add them). */
function definedNames(workbookXml: string, sheetNames: string[]): string[] {
  return [...workbookXml.matchAll(/<definedName ([^>]*)>([^<]*)<\/definedName>/g)]
    .map((m) => {
      const attrs = [...m[1].matchAll(/(\w+)="([^"]*)"/g)]
        .map(([, k, v]) => (k === "localSheetId" ? `sheet=${sheetNames[Number(v)]}` : `${k}=${v}`))
        .sort()
        .join(" ");
      return `${attrs} ${decodeXml(m[2]).replace(/[$']/g, "")}`;
    })
    .sort();
}

async function snapshot(bytes: Uint8Array) {
  const port = await ExcelJsWorkbook.load(bytes);
  const p = await Package.open(bytes);
  const workbookXml = await p.text("xl/workbook.xml");
  const sheetNames = [...workbookXml.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]);
  const models: Record<string, unknown> = {};
  const xml: Record<string, unknown> = {};
  for (const name of UNTOUCHED) {
    models[name] = sheetModel(port.workbook.getWorksheet(name)!);
    xml[name] = sheetXmlFacts(await p.text(await p.sheetPart(name)));
  }
  const read = await port.read({ formulas: true, numberFormats: true });
  return {
    models,
    xml,
    names: definedNames(workbookXml, sheetNames),
    states: Object.fromEntries(
      [...workbookXml.matchAll(/<sheet [^>]*>/g)].map((m) => [
        /name="([^"]+)"/.exec(m[0])![1],
        /state="(\w+)"/.exec(m[0])?.[1] ?? "visible",
      ]),
    ),
    read,
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** Every non-blank value of a sheet before, by address, with what is there after. */
function userValues(before: Snapshot, after: Snapshot, sheet: string): { before: unknown[]; after: unknown[] } {
  const b = before.read.sheets.find((s) => s.name === sheet)!;
  const a = after.read.sheets.find((s) => s.name === sheet)!;
  const at = (s: typeof a, r: number, c: number) => ({
    value: s.values[r - s.top]?.[c - s.left] ?? null,
    formula: s.formulas?.[r - s.top]?.[c - s.left] ?? null,
  });
  const was: unknown[] = [];
  const is: unknown[] = [];
  b.values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      const r = b.top + i;
      const c = b.left + j;
      was.push([r, c, at(b, r, c)]);
      is.push([r, c, at(a, r, c)]);
    }),
  );
  return { before: was, after: is };
}

// ---- the commands -------------------------------------------------------------------------------

let dir: string;
let input: string;
let payments: string;
let before: Snapshot;

beforeAll(async () => {
  dir = fixtureDir("no-loss");
  const bytes = await buildWorkbook();
  input = path.join(dir, "input.xlsx");
  await fs.writeFile(input, bytes);
  payments = path.join(dir, "payments.csv");
  await fs.writeFile(
    payments,
    "支付日期,预算项目编码,项目名称,支付金额,资金性质,支付凭证号\n2023-06-01,33010223P00000000001A,,30000,财政拨款,PZ-9\n",
  );
  before = await snapshot(bytes);
});

/** Each write command, with the arguments it needs, and whether it may change user values by design. */
const WRITES: { command: string; args: (out: string) => string[]; changesValues?: boolean }[] = [
  { command: "check", args: (out) => ["check", input, "-o", out] },
  { command: "check --fix", args: (out) => ["check", input, "--fix", "-o", out], changesValues: true },
  { command: "clear", args: (out) => ["clear", input, "-o", out] },
  { command: "rates", args: (out) => ["rates", input, "--as-of", "2023-06-30", "-o", out] },
  { command: "ledger-import", args: (out) => ["ledger-import", input, payments, "--as-of", "2023-06-30", "-o", out] },
  { command: "generate", args: (out) => ["generate", input, "-o", out] },
  { command: "summary", args: (out) => ["summary", input, "-o", out] },
  { command: "all", args: (out) => ["all", input, "-o", out] },
];

/** Commands that write a new workbook from the input rather than the input changed: nothing to keep. */
const NEW_WORKBOOK = ["export-lists"];

describe("every write command keeps what it does not touch", () => {
  it("covers every command that writes a workbook (-o)", async () => {
    const help = (await ptsheet("--help")).stdout;
    const commands = [...help.matchAll(/^\s{2}([a-z][\w-]*)\b/gm)].map((m) => m[1]).filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThan(2);
    const writers: string[] = [];
    for (const c of commands) if ((await ptsheet(c, "--help")).stdout.includes("--output")) writers.push(c);
    const covered = new Set([...WRITES.map((w) => w.command.split(" ")[0]), ...NEW_WORKBOOK]);
    expect(writers.filter((w) => !covered.has(w))).toEqual([]);
  });

  for (const w of WRITES) {
    it(`ptsheet ${w.command}`, async () => {
      const out = path.join(dir, `${w.command.replace(/\W+/g, "-")}.xlsx`);
      const r = await ptsheet(...w.args(out));
      expect(r.stderr).not.toMatch(/^\s+at /m);
      expect([0, 1]).toContain(r.code);
      const after = await snapshot(new Uint8Array(await fs.readFile(out)));
      // The sheets no command touches: as ExcelJS models them, and in the XML.
      for (const name of UNTOUCHED) {
        expect(after.models[name]).toEqual(before.models[name]);
        expect(after.xml[name]).toEqual(before.xml[name]);
      }
      expect(after.names).toEqual(expect.arrayContaining(before.names));
      for (const [sheet, state] of Object.entries(before.states)) expect(after.states[sheet]).toBe(state);
      // The sheets commands touch: every value a user entered is still there.
      for (const sheet of [TABLES, LEDGER]) {
        const v = userValues(before, after, sheet);
        if (w.changesValues) expect(v.after.length).toBe(v.before.length);
        else expect(v.after).toEqual(v.before);
      }
      // The input is as it was.
      expect(await snapshot(new Uint8Array(await fs.readFile(input)))).toEqual(before);
    });
  }
});

describe("the fixture has what the tests claim", () => {
  it("hidden rows and columns, a hidden sheet, scoped and hidden names, panes, a note on an empty cell", () => {
    const xml = before.xml["数据"] as {
      hiddenRows: string[];
      hiddenCols: string[];
      pane: string;
      merges: string[];
      formulas: string[][];
    };
    expect(xml.hiddenRows).toEqual(["6"]);
    expect(xml.hiddenCols).toEqual(["8-8"]);
    expect(xml.pane).toContain('state="frozen"');
    expect(xml.merges).toEqual(["F2:G3"]);
    expect(xml.formulas.map((f) => f[0])).toEqual(expect.arrayContaining(["B5", "C5", "E2"]));
    expect(before.states["隐藏"]).toBe("hidden");
    expect(before.names).toEqual(
      expect.arrayContaining([
        "name=合计 sheet=数据 数据!B5",
        "name=合计 sheet=隐藏 隐藏!C2",
        "hidden=1 name=内部参数 隐藏!B2",
        "name=增值税率 0.06",
        "name=金额合计 SUM(数据!B2:B4)",
      ]),
    );
    const model = before.models["数据"] as { cells: Record<string, { note?: unknown }> };
    expect(model.cells.J10.note).toBeDefined();
  });
});
