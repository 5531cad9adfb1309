/**
 * The bad-input corpus (issue 7) through `ptsheet` in-process: for every file, `inspect` and `check`
 * answer with one clear message and exit code 2 when the file cannot be read, or read what can be
 * read (exit 0, or 1 for `check` with errors) with diagnostics naming the cells; never a crash, never
 * a stack trace. Limits: a sheet over 1,000,000 rows or 20,000,000 cells is refused; a sheet of
 * exactly 1,000,000 rows is processed.
 */
import { promises as fs } from "fs";
import * as path from "path";
import JSZip from "jszip";
import { main } from "../../src/cli/ptsheet";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { fixtureDir } from "../fixtures/workbook";
import {
  compoundFile,
  CSV_TEXT,
  DEFAULT_INDICATORS,
  gbkCsv,
  INJECTIONS,
  manyRows,
  megaString,
  noise,
  oneTable,
  putTable,
  statedExtent,
  workbookWith,
  zeroSheets,
} from "../bad-inputs/corpus";
import { Package } from "../bad-inputs/packages";
import { decodeXml } from "../../src/adapters/exceljs/opc";

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

function noStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/^\s+at /m);
  expect(r.stderr).not.toMatch(/\b(Type|Range|Reference|Syntax)?Error:/);
}

/** Exit code 2, nothing on stdout, and one message on stderr containing `phrase`. */
function refused(r: Run, phrase: string): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(phrase);
  expect(r.stderr.match(/ptsheet:/g)).toHaveLength(1);
  noStackTrace(r);
}

interface Diagnostic {
  sheet: string;
  cell: string;
  message: string;
}

interface Inspected {
  tables: {
    sheet: string;
    code: string | null;
    name: string;
    usage: string | null;
    goals: string[];
    budget: {
      total: number | null;
      fiscal: number;
      other: number;
      components: { label: string; amount: number | null }[];
    };
    plan: { label: string; percent: number | null }[];
    indicators: {
      level3: string;
      description: string | null;
      value: string;
      basis: string | null;
      cell: string;
      target: { op: string | null; number: number | null; unit: string | null };
    }[];
  }[];
  diagnostics: Diagnostic[];
}

/** `inspect --json` and `check --json` on the file: both read it, exit 0 (check: 0 or 1). */
async function readable(
  file: string,
  options: { check?: boolean } = {},
): Promise<{ inspected: Inspected; check: Run }> {
  const r = await ptsheet("inspect", file, "--json");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const inspected = JSON.parse(r.stdout) as Inspected;
  if (options.check === false) return { inspected, check: r };
  const check = await ptsheet("check", file, "--json");
  noStackTrace(check);
  expect([0, 1]).toContain(check.code);
  JSON.parse(check.stdout);
  return { inspected, check };
}

// Some inputs are big on purpose (a million rows, megabyte strings): no test is cut short by time.
jest.setTimeout(600_000);

let dir: string;
beforeAll(() => {
  dir = fixtureDir("bad-inputs");
});

async function write(name: string, bytes: Uint8Array | string): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

describe("files that are not readable workbooks: exit 2 with one clear message", () => {
  const cases: [string, string, () => Promise<Uint8Array | string> | Uint8Array | string, string][] = [
    ["not a zip", "random.xlsx", () => noise(4096), "不是 .xlsx 工作簿（文件格式无法识别）"],
    [
      "a truncated zip",
      "truncated.xlsx",
      async () => {
        const whole = await oneTable();
        return whole.subarray(0, Math.floor(whole.length * 0.6));
      },
      "文件已损坏",
    ],
    [
      "an encrypted workbook (CFB with EncryptionInfo)",
      "secret.xlsx",
      () => compoundFile(["EncryptionInfo", "EncryptedPackage"]),
      "工作簿已加密",
    ],
    ["an .xls renamed .xlsx", "old.xlsx", () => compoundFile(["Workbook", "SummaryInformation"]), "旧版 .xls"],
    ["a UTF-8 .csv renamed .xlsx", "list.xlsx", () => CSV_TEXT, "文本文件（如 CSV）"],
    ["a GBK .csv renamed .xlsx", "list-gbk.xlsx", () => gbkCsv(), "文本文件（如 CSV）"],
    ["a workbook that lists no sheets", "no-sheets.xlsx", zeroSheets, "工作簿中没有任何工作表"],
    [
      "a Word document renamed .xlsx",
      "report.xlsx",
      () => officePackage("wordprocessingml.document.main+xml", "word/document.xml"),
      "这是 Word 文档（.docx）",
    ],
    [
      "an .xlsb renamed .xlsx",
      "binary.xlsx",
      () => officePackage("ms-excel.sheet.binary.macroEnabled.main", "xl/workbook.bin"),
      "这是 .xlsb 二进制工作簿",
    ],
  ];
  for (const [what, name, build, phrase] of cases) {
    it(what, async () => {
      const file = await write(name, await build());
      refused(await ptsheet("inspect", file, "--json"), phrase);
      refused(await ptsheet("check", file), phrase);
      refused(await ptsheet("check", file, "-o", path.join(dir, `out-${name}`)), phrase);
      await expect(fs.stat(path.join(dir, `out-${name}`))).rejects.toThrow();
    });
  }
});

describe("size limits: refused past them, processed below", () => {
  it("a sheet of 1,048,576 rows (Excel's maximum) is refused before ExcelJS loads it", async () => {
    const file = await write("million.xlsx", await manyRows(1_048_576));
    const r = await ptsheet("inspect", file);
    refused(r, "工作表“项目表”有 1,048,576 行");
    expect(r.stderr).toContain("超过本工具的处理上限（每张工作表不超过 1,000,000 行、20,000,000 个单元格）");
    refused(await ptsheet("check", file, "--json"), "超过本工具的处理上限");
  });

  it("a sheet whose used range spans exactly 1,000,000 rows is processed", async () => {
    const file = await write("at-limit.xlsx", await statedExtent("A1:C1000000", "C1000000"));
    const r = await ptsheet("inspect", file, "--json");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ tables: [], diagnostics: [] });
  });

  it("a sheet too wide (20,000,001 cells) is refused", async () => {
    const file = await write("wide.xlsx", await statedExtent("A1:T1000001", "T1000001"));
    refused(await ptsheet("inspect", file), "超过本工具的处理上限");
  });

  it("a stale <dimension> that claims a million rows does not refuse a small sheet", async () => {
    const file = await write("stale.xlsx", await statedExtent("A1:C1048576", "C5"));
    await readable(file);
  });

  it("cells past the limit with no <dimension> are counted while reading and refused", async () => {
    const file = await write("undeclared.xlsx", await statedExtent(null, "A1000001"));
    refused(await ptsheet("inspect", file), "工作表“项目表”有 1,000,001 行");
  });

  it("a <dimension> that understates the sheet is caught while reading", async () => {
    const file = await write("understated.xlsx", await statedExtent("A1:A1", "B1000001"));
    refused(await ptsheet("check", file), "超过本工具的处理上限");
  });
});

describe("awkward content: read with diagnostics naming the cells", () => {
  it("formula errors (#REF!, #DIV/0!, #N/A) where numbers belong", async () => {
    const file = await write(
      "formula-errors.xlsx",
      await oneTable({
        total: { v: { error: "#REF!" }, fmt: "General" },
        fiscal: { v: { formula: "1/0", result: { error: "#DIV/0!" } }, fmt: "General" },
        june: { v: { formula: "NA()", result: { error: "#N/A" } }, fmt: "General" },
        indicators: [
          [
            "产出指标",
            "数量指标",
            "系统运维次数",
            "全年运维次数",
            { v: { error: "#N/A" }, fmt: "General" },
            "工作计划",
          ],
          ...DEFAULT_INDICATORS.slice(1),
        ],
      }),
    );
    const { inspected, check } = await readable(file);
    const t = inspected.tables[0];
    expect(t.budget.total).toBeNull();
    expect(t.budget.components.find((c) => c.label === "财政资金")?.amount).toBeNull();
    expect(t.plan[0]).toEqual({ label: "6月底", percent: null });
    expect(t.indicators[0].value).toBe("");
    expect(inspected.diagnostics).toEqual(
      expect.arrayContaining([
        { sheet: "项目表", cell: "B4", message: "预算数是公式错误 #REF!，按空白处理" },
        { sheet: "项目表", cell: "B5", message: "财政资金是公式错误 #DIV/0!，按空白处理" },
        { sheet: "项目表", cell: "B9", message: "支出计划是公式错误 #N/A" },
        { sheet: "项目表", cell: "E12", message: "指标值是公式错误 #N/A，按空白处理" },
      ]),
    );
    // The blank value is an error finding at the cell.
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: "ind-blank", cell: "E12" })]),
    );
  });

  it("text where numbers belong", async () => {
    const file = await write(
      "text-numbers.xlsx",
      await oneTable({ total: "待定", fiscal: "三十六", june: "过半", december: "全部" }),
    );
    const { inspected } = await readable(file);
    expect(inspected.tables[0].budget.total).toBeNull();
    expect(inspected.diagnostics).toEqual(
      expect.arrayContaining([
        { sheet: "项目表", cell: "B4", message: "预算数无法读作金额：“待定”" },
        { sheet: "项目表", cell: "B5", message: "财政资金无法读作金额：“三十六”" },
        { sheet: "项目表", cell: "B9", message: "支出计划无法读作百分比：“过半”" },
        { sheet: "项目表", cell: "C9", message: "支出计划无法读作百分比：“全部”" },
      ]),
    );
  });

  it("numbers with units and full-width digits", async () => {
    const file = await write(
      "units-fullwidth.xlsx",
      await oneTable({
        total: "１２０．５万元",
        fiscal: "1,005,000元",
        other: "２０万",
        june: "５０％",
        december: "100%",
        indicators: [
          ["产出指标", "数量指标", "系统运维次数", "全年运维次数", "≥１２次", "工作计划"],
          ["产出指标", "质量指标", "系统可用率", "系统全年可用率", "≧９９．５％", "行业标准"],
          ...DEFAULT_INDICATORS.slice(2),
        ],
      }),
    );
    const { inspected } = await readable(file);
    const t = inspected.tables[0];
    expect(t.budget).toMatchObject({ total: 120.5, fiscal: 100.5, other: 20 });
    expect(t.plan).toEqual([
      { label: "6月底", percent: 50 },
      { label: "12月底", percent: 100 },
    ]);
    expect(t.indicators[0].target).toEqual({ op: "≥", number: 12, unit: "次", text: null });
    expect(t.indicators[1].target).toEqual({ op: "≥", number: 99.5, unit: "%", text: null });
    expect(inspected.diagnostics).toEqual([]);
  });

  it("1 MB strings are read whole and written back whole", async () => {
    const usage = megaString("项目资金");
    const description = megaString("指标说明");
    const file = await write(
      "mega-strings.xlsx",
      await workbookWith((wb) => {
        putTable(wb.addWorksheet("项目表"), 1, {
          usage,
          indicators: [
            ["产出指标", "数量指标", "系统运维次数", description, "≥12次", "工作计划"],
            ...DEFAULT_INDICATORS.slice(1),
          ],
        });
        wb.addWorksheet("附件").getCell("A1").value = megaString("附件说明");
      }),
    );
    // `check` runs below with -o; reading twice more would only take time.
    const { inspected } = await readable(file, { check: false });
    const t = inspected.tables[0];
    // Text is cleaned as everywhere (a line break that only wraps Chinese text goes): compare that way.
    expect(t.usage!.replace(/\n/g, "")).toBe(usage.replace(/\n/g, ""));
    expect(t.indicators[0].description!.replace(/\n/g, "")).toBe(description.replace(/\n/g, ""));
    expect(inspected.diagnostics).toEqual([]);

    const out = path.join(dir, "mega-strings-checked.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    noStackTrace(r);
    expect(r.stderr).toBe("");
    const back = await ExcelJsWorkbook.load(await fs.readFile(out));
    const snap = await back.read({ sheets: ["项目表", "附件"] });
    const cell = (sheet: string, row: number, col: number) => {
      const s = snap.sheets.find((x) => x.name === sheet)!;
      return s.values[row - s.top][col - s.left];
    };
    expect(cell("项目表", 7, 2)).toBe(usage);
    expect(cell("项目表", 12, 4)).toBe(description);
    expect(cell("附件", 1, 1)).toBe(megaString("附件说明"));
  });

  it("merged ranges that overlap tables, and merged ranges that overlap each other", async () => {
    const bytes = await workbookWith((wb) => {
      const ws = wb.addWorksheet("项目表");
      const next = putTable(ws, 1, { name: "项目甲", code: "33010223P00000000001A" });
      putTable(ws, next + 2, { name: "项目乙", code: "33010223P00000000002A" });
      // A note block merged over the end of the first table and the start of the second.
      ws.mergeCells(`H10:I${next + 8}`);
      ws.getCell("H10").value = "备注：两张表共用的说明";
    });
    const p = await Package.open(bytes);
    // Two areas that overlap each other (Excel calls the file damaged and drops one when repairing).
    await p.editPart(await p.sheetPart("项目表"), (x) =>
      x.replace(
        /<mergeCells count="(\d+)">/,
        (_m, n: string) => `<mergeCells count="${Number(n) + 2}"><mergeCell ref="K2:L4"/><mergeCell ref="L3:M5"/>`,
      ),
    );
    const file = await write("overlapping-merges.xlsx", await p.bytes());
    const { inspected } = await readable(file);
    expect(inspected.tables.map((t) => t.name)).toEqual(["项目甲", "项目乙"]);
    for (const t of inspected.tables) {
      expect(t.budget.total).toBe(36);
      expect(t.indicators).toHaveLength(4);
    }
    expect(inspected.diagnostics).toContainEqual({
      sheet: "项目表",
      cell: "L3",
      message: "合并区域 L3:M5 与 K2:L4 重叠（文件有误），已按 Excel 修复文件的方式忽略 L3:M5",
    });
  });

  it("two tables with the same code", async () => {
    const file = await write(
      "same-code.xlsx",
      await workbookWith((wb) => {
        const ws = wb.addWorksheet("项目表");
        const next = putTable(ws, 1, { name: "项目甲" });
        putTable(ws, next + 2, { name: "项目乙" });
      }),
    );
    const { inspected } = await readable(file);
    expect(inspected.tables.map((t) => [t.name, t.code])).toEqual([
      ["项目甲", "33010223P00000000001A"],
      ["项目乙", "33010223P00000000001A"],
    ]);
    expect(inspected.diagnostics).toEqual([
      { sheet: "项目表", cell: "B19", message: "项目编码 33010223P00000000001A 与 项目表!B2 的表（项目甲）重复" },
    ]);
  });

  it("formula-injection text in names and descriptions stays text, read and written", async () => {
    const file = await write(
      "injection.xlsx",
      await oneTable({
        name: INJECTIONS.name,
        goals: INJECTIONS.goals,
        indicators: [
          ["产出指标", "数量指标", INJECTIONS.level3, INJECTIONS.description, "≥12次", INJECTIONS.basis],
          ...DEFAULT_INDICATORS.slice(1),
        ],
      }),
    );
    const { inspected } = await readable(file);
    const t = inspected.tables[0];
    expect(t.name).toBe(INJECTIONS.name);
    expect(t.goals).toEqual([INJECTIONS.goals]);
    expect(t.indicators[0]).toMatchObject({
      level3: INJECTIONS.level3,
      description: INJECTIONS.description,
      basis: INJECTIONS.basis,
    });

    const out = path.join(dir, "injection-checked.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    noStackTrace(r);
    const zip = await JSZip.loadAsync(await fs.readFile(out));
    const shared = await zip.file("xl/sharedStrings.xml")!.async("string");
    const formulas: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))) {
      const xml = await zip.file(name)!.async("string");
      formulas.push(...[...xml.matchAll(/<f[^>]*>([^<]*)<\/f>/g)].map((m) => m[1]));
      if (name !== "xl/worksheets/sheet1.xml") continue;
      // The table's cells hold the text as strings: shared (t="s") or inline, never a formula.
      for (const ref of ["B3", "B10", "C12", "D12", "F12"]) {
        const c = new RegExp(`<c r="${ref}"[^>]*>([\\s\\S]*?)</c>`).exec(xml);
        expect(c).not.toBeNull();
        expect(c![0]).toMatch(/ t="(s|inlineStr)"/);
        expect(c![1]).not.toContain("<f");
      }
    }
    const strings = [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => decodeXml(m[1]));
    for (const text of Object.values(INJECTIONS)) {
      expect(strings).toContain(text);
      // No formula is the injected text itself (the report may quote it inside a string literal).
      for (const f of formulas) expect(decodeXml(f)).not.toBe(text.replace(/^[=+@]/, ""));
    }
  });

  it("the ExcelJS adapter writes text that looks like a formula as text, unless asked for formulas", async () => {
    const wb = ExcelJsWorkbook.create();
    const texts = [...Object.values(INJECTIONS), "-12", "@"];
    await wb.apply([
      { kind: "addSheet", sheet: "S" },
      { kind: "setValues", sheet: "S", anchor: "A1", values: [texts] },
      { kind: "setValues", sheet: "S", anchor: "A2", values: [["=1+1"]], formulas: true },
    ]);
    const zip = await JSZip.loadAsync(await wb.toBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const row1 = /<row r="1"[^>]*>([\s\S]*?)<\/row>/.exec(xml)![1];
    const cells = row1.match(/<c [^>]*>[\s\S]*?<\/c>/g)!;
    expect(cells).toHaveLength(texts.length);
    for (const c of cells) {
      expect(c).toMatch(/ t="(s|inlineStr)"/);
      expect(c).not.toContain("<f");
    }
    expect(/<row r="2"[^>]*>([\s\S]*?)<\/row>/.exec(xml)![1]).toContain("<f>1+1</f>");
    const back = await (await ExcelJsWorkbook.load(await wb.toBuffer())).read();
    expect(back.sheets[0].values[0]).toEqual(texts);
  });

  it("protected sheets are read and checked; protection is kept on saving", async () => {
    const bytes = await workbookWith((wb) => {
      const ws = wb.addWorksheet("项目表");
      putTable(ws, 1);
      void ws.protect("秘密", { selectLockedCells: true, formatCells: false });
    });
    const file = await write("protected.xlsx", await lockStructure(bytes));
    const { inspected } = await readable(file);
    expect(inspected.tables).toHaveLength(1);
    const out = path.join(dir, "protected-checked.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    noStackTrace(r);
    expect([0, 1]).toContain(r.code);
    const before = (await protectionOf(await fs.readFile(file))).sheet;
    const after = await protectionOf(await fs.readFile(out));
    expect(before).toMatch(/<sheetProtection [^>]*hashValue="[^"]+"/);
    expect(after.sheet).toBe(before);
    expect(after.workbook).toContain('lockStructure="1"');
  });
});

/** An Office package whose main part has the given content type (`application/vnd.…`). */
async function officePackage(type: string, main: string): Promise<Uint8Array> {
  const zip = new JSZip();
  const full = type.startsWith("ms-")
    ? `application/vnd.${type}`
    : `application/vnd.openxmlformats-officedocument.${type}`;
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/${main}" ContentType="${full}"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
  );
  zip.file(main, "<document/>");
  return zip.generateAsync({ type: "uint8array" });
}

/** The protected workbook, its structure locked too (ExcelJS cannot write that; jszip adds it). */
async function lockStructure(bytes: Uint8Array): Promise<Uint8Array> {
  const p = await Package.open(bytes);
  await p.editPart("xl/workbook.xml", (x) => x.replace(/<sheets>/, '<workbookProtection lockStructure="1"/><sheets>'));
  return p.bytes();
}

async function protectionOf(bytes: Uint8Array): Promise<{ sheet: string; workbook: string }> {
  const p = await Package.open(bytes);
  const sheet = /<sheetProtection [^>]*\/>/.exec(await p.text(await p.sheetPart("项目表")))?.[0] ?? "";
  const workbook = /<workbookProtection [^>]*\/>/.exec(await p.text("xl/workbook.xml"))?.[0] ?? "";
  return { sheet, workbook };
}
