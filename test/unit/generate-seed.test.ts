/**
 * Issue 5 on the bundled sample: the six tables pasted from Word become six standard sheets that
 * read back as the sources, which then no longer count; generating again reports edits made on a
 * generated sheet and replaces it only with force; sheets the add-in did not make are left alone;
 * the sheets are print-ready, with dropdowns and links.
 */
import { promises as fs } from "fs";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readSheets, readWorkbook } from "../../src/core/reader";
import { tableContent } from "../../src/core/generate/content";
import { readGeneratedRecord } from "../../src/core/generate/record";
import { DROPDOWN_SHEET } from "../../src/core/generate/dropdowns";
import { ownedSheets } from "../../src/core/owned";
import { storeChanges } from "../../src/core/store";
import { generateText, planGenerate, runGenerate } from "../../src/commands/generate";
import { runSummary } from "../../src/commands/summary";
import { addDecimals } from "../../src/core/decimal";
import { budgetSplit } from "../../src/core/budget";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";
import type { ReadResult } from "../../src/core/model";

// Whole workbooks are written and read: slow on a busy machine, never a limit on speed.
jest.setTimeout(180_000);

async function sample(): Promise<ExcelJsWorkbook> {
  const file = await buildSeedSample(fixtureDir("generate-seed"));
  return ExcelJsWorkbook.load(await fs.readFile(file));
}

async function reload(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await wb.toBuffer());
}

function sheetOf(wb: ExcelJsWorkbook, name: string): ExcelJS.Worksheet {
  const ws = wb.workbook.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

describe("generate on the bundled sample", () => {
  let source: ReadResult;
  let wb: ExcelJsWorkbook;

  beforeAll(async () => {
    const port = await sample();
    source = readWorkbook(await port.read());
    await runGenerate(port);
    wb = await reload(port);
  });

  it("makes six sheets that read back as the six source tables; the sources no longer count", async () => {
    const after = readWorkbook(await wb.read());
    expect(source.tables).toHaveLength(6);
    expect(after.tables).toHaveLength(6);
    expect(after.tables.every((t) => t.layout === "generated" && t.sheet !== "绩效目标")).toBe(true);
    after.tables.forEach((t, i) => expect(tableContent(t)).toEqual(tableContent(source.tables[i])));
    expect(after.tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(31);
    // The department-level part is still read from the original sheet, once.
    expect(after.departmentTargets?.items).toHaveLength(8);
    // The source sheet is kept as it was.
    expect(readSheets((await wb.read()).sheets, { keepSources: true }).tables).toHaveLength(12);
  });

  it("records which sheet was made from which table", async () => {
    const record = readGeneratedRecord((await wb.read()).sheets)!;
    expect(record.tables).toHaveLength(6);
    expect(record.tables[0]).toMatchObject({
      sheet: "2022年利息收入",
      source: {
        sheet: "绩效目标",
        range: source.tables[0].range,
        code: "13062522P00459810061C",
        name: "2022年利息收入",
      },
      profile: "legacy",
    });
    expect(record.tables[2].layout.executionCells.map((c) => c.label)).toEqual(["3月底", "6月底", "10月底", "12月底"]);
    const ws = sheetOf(wb, record.tables[2].sheet);
    expect(ws.getCell(`A${record.tables[2].layout.executionRow}`).value).toBe("执行率（%）");
    expect(ws.getCell(record.tables[2].layout.planCells[0].cell).value).toBe(0.24);
    expect(ws.getCell(record.tables[2].layout.executionCells[0].cell).value).toBeNull();
    expect(ownedSheets((await wb.read()).sheets)).toContainEqual({ name: "目录", role: "toc" });
  });

  it("lays the sheet out as the seed prints it, ready to print", () => {
    const ws = sheetOf(wb, "苗圃场人员养老保险和医疗保险项目");
    expect(ws.getCell("A1").value).toBe("苗圃场人员养老保险和医疗保险项目绩效目标表");
    expect(ws.getCell("A2").value).toBe("324001保定市自然资源和规划局徐水区分局本级");
    expect(ws.getCell("F2").value).toBe("单位：万元");
    expect(ws.getCell("A3").value).toBe("项目编码");
    expect(ws.getCell("D3").value).toBe("项目名称");
    expect(ws.getCell("A4").value).toBe("预算规模及资金用途");
    expect([ws.getCell("B4").value, ws.getCell("C4").value, ws.getCell("D4").value, ws.getCell("F4").value]).toEqual([
      "预算数",
      17.47,
      "其中：财政资金",
      "其他资金",
    ]);
    expect(ws.getCell("C4").numFmt).toBe("#,##0.00");
    expect(ws.getCell("A6").value).toBe("资金支出计划（%）");
    expect(ws.getCell("B7").numFmt).toBe("0%");
    const merges = Object.keys((ws as unknown as { _merges: Record<string, unknown> })._merges);
    // 一级 merged downwards over the four 产出 rows.
    expect(merges).toContain("A11");
    expect(ws.getCell("A14").master.address).toBe("A11");
    expect(ws.getCell("A15").value).toBe("效益指标");
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:3",
    });
    expect(ws.pageSetup.printArea?.replace(/\$/g, "")).toBe("A1:G16");
    expect(ws.getCell("C12").font).toMatchObject({ name: "宋体", size: 10 });
    expect(ws.getCell("C12").border?.top?.style).toBe("thin");
    // Wrapped text gets room: the two-line usage row is taller than a one-line row.
    expect(ws.getRow(5).height).toBeGreaterThan(ws.getRow(3).height);
  });

  it("offers dropdowns for 一级, 二级 (following the row's 一级) and 依据", () => {
    const ws = sheetOf(wb, "2022年利息收入");
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations
      .model;
    const at = (cell: string): ExcelJS.DataValidation | undefined =>
      Object.entries(dv).find(([range]) => {
        const [a, b = a] = range.split(":");
        const col = (x: string): string => x.replace(/\d+/, "");
        const row = (x: string): number => Number(x.replace(/\D+/, ""));
        return col(a) === col(cell) && row(a) <= row(cell) && row(cell) <= row(b);
      })?.[1];
    expect(at("A11")?.formulae).toEqual(["PT_legacy_一级"]);
    expect(at("B12")?.formulae).toEqual(['INDIRECT("PT_legacy_"&$A$11)']);
    expect(at("B15")?.formulae).toEqual(['INDIRECT("PT_legacy_"&$A$15)']);
    expect(at("G13")?.formulae).toEqual(['"计划标准,行业标准,历史标准,其他"']);
    expect(at("G13")?.showErrorMessage).toBeFalsy();
    const names = wb.workbook.definedNames.model.map((n) => n.name);
    expect(names).toEqual(
      expect.arrayContaining(["PT_legacy_一级", "PT_legacy_产出指标", "PT_cpi2021_成本指标", "PT_hunan_效益指标"]),
    );
    expect(sheetOf(wb, DROPDOWN_SHEET).state).toBe("veryHidden");
  });

  it("links the 目录 to every table sheet and every sheet back", () => {
    const toc = sheetOf(wb, "目录");
    const link = toc.getCell("C4").value as ExcelJS.CellFormulaValue;
    expect(link.formula).toBe(`HYPERLINK("#'2022年利息收入'!A1","2022年利息收入")`);
    expect(link.result).toBe("2022年利息收入");
    for (let r = 4; r <= 9; r++)
      expect((toc.getCell(`C${r}`).value as ExcelJS.CellFormulaValue).formula).toMatch(/^HYPERLINK/);
    const back = sheetOf(wb, "2022年利息收入").getCell("H1").value as ExcelJS.CellFormulaValue;
    expect(back.formula).toBe(`HYPERLINK("#'目录'!A1","← 返回目录")`);
  });

  it("generating again changes nothing when nothing changed", async () => {
    const plan = planGenerate(await wb.read());
    expect(plan.items.map((i) => i.action)).toEqual(new Array(6).fill("unchanged"));
    expect(plan.changes).toEqual([]);
  });

  it("reports an edit made on a generated sheet, keeps it, and replaces it only with force", async () => {
    const port = await reload(wb);
    await port.apply([{ kind: "setValues", sheet: "2022年利息收入", anchor: "F11", values: [["≥95%"]] }]);
    const edited = await reload(port);

    const plan = await runGenerate(edited);
    const item = plan.items.find((i) => i.sheet === "2022年利息收入")!;
    expect(item.action).toBe("conflict");
    expect(item.editedOnSheet).toBe(true);
    expect(item.sourceChanged).toBe(false);
    expect(item.differences).toEqual([{ field: "指标第 1 行 指标值", from: "≥95%", to: "≥90%" }]);
    expect(plan.items.filter((i) => i.action === "unchanged")).toHaveLength(5);
    expect(generateText(plan)).toContain("指标第 1 行 指标值：≥95% → ≥90%");
    // Not replaced: the generated sheet is the table of record, edit included.
    const kept = readWorkbook(await (await reload(edited)).read());
    expect(kept.tables).toHaveLength(6);
    expect(kept.tables[0].indicators[0].value).toBe("≥95%");

    const forced = await runGenerate(edited, { force: true });
    expect(forced.items.find((i) => i.sheet === "2022年利息收入")!.action).toBe("replace");
    const after = await reload(edited);
    const read = readWorkbook(await after.read());
    expect(read.tables.map((t) => t.sheet)).toEqual(readWorkbook(await wb.read()).tables.map((t) => t.sheet));
    expect(read.tables[0].indicators[0].value).toBe("≥90%");
    const visible = (w: ExcelJsWorkbook): string[] =>
      w.workbook.worksheets.filter((x) => x.state === "visible").map((x) => x.name);
    expect(visible(after)).toEqual(visible(wb));
  });

  it("reports a change of the source, and replaces only the sheets the user confirmed", async () => {
    const port = await reload(wb);
    const t = source.tables[3];
    await port.apply([{ kind: "setValues", sheet: "绩效目标", anchor: t.budget.totalCell!, values: [[72]] }]);
    const plan = planGenerate(await port.read());
    const item = plan.items.find((i) => i.code === t.code)!;
    expect(item).toMatchObject({ action: "conflict", editedOnSheet: false, sourceChanged: true });
    expect(item.differences).toContainEqual({ field: "预算数", from: "70", to: "72" });
    const confirmed = planGenerate(await port.read(), { replace: [item.sheet] });
    expect(confirmed.items.find((i) => i.code === t.code)!.action).toBe("replace");
    await port.apply(confirmed.changes);
    const read = readWorkbook(await (await reload(port)).read());
    expect(read.tables[3].budget.total).toBe("72");
    expect(read.tables).toHaveLength(6);
  });

  it("never touches a sheet it did not make", async () => {
    const file = await buildSeedSample(fixtureDir("generate-foreign"));
    const port = await ExcelJsWorkbook.load(await fs.readFile(file));
    await port.apply([
      { kind: "addSheet", sheet: "目录" },
      { kind: "setValues", sheet: "目录", anchor: "A1", values: [["我的目录，不要动"]] },
      { kind: "addSheet", sheet: "2022年利息收入" },
      { kind: "setValues", sheet: "2022年利息收入", anchor: "B2", values: [["我的笔记"]] },
    ]);
    const plan = await runGenerate(port);
    expect(plan.tocSheet).not.toBe("目录");
    expect(plan.items[0].sheet).toBe("2022年利息收入 (2)");
    const again = await reload(port);
    expect(sheetOf(again, "目录").getCell("A1").value).toBe("我的目录，不要动");
    expect(sheetOf(again, "2022年利息收入").getCell("B2").value).toBe("我的笔记");
    const deleted = plan.changes.filter((c) => c.kind === "deleteSheet").map((c) => c.sheet);
    expect(deleted).toEqual([]);
    // Forcing again deletes and remakes only the add-in's sheets.
    const forced = planGenerate(await again.read(), { force: true });
    expect(forced.changes.filter((c) => c.kind === "deleteSheet").map((c) => c.sheet)).toEqual([]);
  });
});

describe("summary on the generated sample", () => {
  let wb: ExcelJsWorkbook;
  let tables: ReadResult["tables"];

  beforeAll(async () => {
    const port = await sample();
    await runGenerate(port);
    tables = readWorkbook(await port.read()).tables;
    // A check record as the validator leaves it (only what the summary uses).
    await port.apply(
      storeChanges(
        "check",
        {
          findings: [
            { table: "13062522P00459810061C", severity: "error" },
            { table: "13062522P00459810061C", severity: "warning" },
            { table: "13062522P00456610302K", severity: "warning" },
            { table: "13062522P00456610302K", severity: "info" },
          ],
        },
        false,
      ),
    );
    await runSummary(port);
    wb = await reload(port);
  });

  it("lists every table once, with totals as live formulas holding their exact results", () => {
    const ws = sheetOf(wb, "汇总表");
    expect(ws.getCell("A1").value).toBe("2022年度项目支出绩效目标汇总表");
    expect(ws.getCell("A2").value).toBe("324001保定市自然资源和规划局徐水区分局本级");
    expect(ws.getCell("N2").value).toBe("单位：万元");
    const rows = [5, 6, 7, 8, 9, 10];
    expect(rows.map((r) => ws.getCell(`B${r}`).value)).toEqual(tables.map((t) => t.code));
    const total = ws.getCell("D11").value as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe("SUM(D5:D10)");
    expect(total.result).toBe(Number(addDecimals(tables.map((t) => t.budget.total))));
    expect((ws.getCell("E11").value as ExcelJS.CellFormulaValue).result).toBe(
      Number(addDecimals(tables.map((t) => budgetSplit(t.budget).fiscal))),
    );
    expect((ws.getCell("F11").value as ExcelJS.CellFormulaValue).result).toBe(2.72);
    // Plan at each checkpoint, as percentages.
    expect([ws.getCell("G7").value, ws.getCell("J7").value]).toEqual([0.24, 1]);
    expect(ws.getCell("G7").numFmt).toBe("0%");
    // Indicator counts per 一级, and their total.
    expect([ws.getCell("K4").value, ws.getCell("L4").value, ws.getCell("M4").value, ws.getCell("N4").value]).toEqual([
      "产出指标",
      "效益指标",
      "满意度指标",
      "合计",
    ]);
    expect((ws.getCell("N11").value as ExcelJS.CellFormulaValue).result).toBe(31);
    // Errors and warnings of the last check.
    expect([ws.getCell("O5").value, ws.getCell("P5").value]).toEqual([1, 1]);
    expect([ws.getCell("O10").value, ws.getCell("P10").value]).toEqual([0, 1]);
    expect((ws.getCell("P11").value as ExcelJS.CellFormulaValue).result).toBe(2);
    // A link to each table.
    expect((ws.getCell("C5").value as ExcelJS.CellFormulaValue).formula).toBe(
      `HYPERLINK("#'2022年利息收入'!A1","2022年利息收入")`,
    );
  });

  it("is not read as tables, and neither is the 部门整体 sheet", async () => {
    const read = readWorkbook(await wb.read());
    expect(read.tables).toHaveLength(6);
    expect(read.departmentTargets?.sheet).toBe("绩效目标");
  });

  it("presents the department-level targets, structured", () => {
    const ws = sheetOf(wb, "部门整体");
    expect(ws.getCell("A1").value).toBe("2022年度部门整体绩效目标");
    expect(ws.getCell("A3").value).toBe("总体绩效目标");
    expect(String(ws.getCell("C3").value)).toMatch(/^以习近平新时代中国特色社会主义思想为指导/);
    expect([ws.getCell("A4").value, ws.getCell("B4").value, ws.getCell("C4").value, ws.getCell("D4").value]).toEqual([
      "序号",
      "分项绩效目标",
      "绩效目标",
      "绩效指标",
    ]);
    expect(ws.getCell("B5").value).toBe("全民所有自然资源资产所有者职责得以行使");
    expect(ws.getCell("B12").value).toBe("完善林业生态保护体系");
  });

  it("is made anew in place when summarised again", async () => {
    const port = await reload(wb);
    const before = port.workbook.worksheets.map((w) => w.name);
    await runSummary(port);
    expect(port.workbook.worksheets.map((w) => w.name)).toEqual(before);
  });
});
