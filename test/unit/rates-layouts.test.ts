/**
 * Where the rates go in other layouts: columns beside a project list (one row per project), the
 * reserved 执行率（%） row of a generated-style form, a workbook without a ledger (one is created),
 * a table without a budget (rate null and a diagnostic); and the ledger import.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planRates, ratesJson, runRates, LEDGER_SHEET } from "../../src/commands/rates";
import { planCreateLedger, planImport, paymentCsvSheet, runImport } from "../../src/commands/ledger";
import { readWorkbook } from "../../src/core/reader";
import { serialOf } from "../../src/core/ledger/values";
import { newWorkbook, pct, putAll } from "../fixtures/workbook";
import { listsWithLedger as listsWorkbook } from "../fixtures/rates-ledger";

// Workbooks are written and read here: no wall-clock limit on a busy machine.
jest.setTimeout(600_000);

const AS_OF = serialOf(2023, 12, 31);
const TODAY = serialOf(2024, 3, 1);

async function port(wb: ExcelJS.Workbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

describe("a project list", () => {
  it("gets paid and rate columns beside it, a row per project, and a diagnostic for no budget", async () => {
    const wb = await port(listsWorkbook());
    const before = readWorkbook(await wb.read());
    const o = await runRates(wb, { asOf: AS_OF, today: TODAY });
    const j = ratesJson(o.report);
    // 甲: 30 万元 by 6月底 (30% < plan 50%), 50 万元 of 100 at the year's end; 财政 30 of 80, 其他 20 of 20.
    expect(j.tables[0]).toMatchObject({ budget: 100, paid: 50, rate: 50, reasonRequired: true });
    expect(j.tables[0].checkpoints.map((c) => [c.label, c.paid, c.rate, c.behindPlan])).toEqual([
      ["6月底", 30, 30, true],
      ["12月底", 50, 50, true],
    ]);
    expect(j.tables[0].fiscal).toMatchObject({ budget: 80, paid: 30, rate: 37.5 });
    expect(j.tables[0].other).toMatchObject({ budget: 20, paid: 20, rate: 100 });
    // 乙 has no budget: paid is known, the rate is not.
    expect(j.tables[1]).toMatchObject({ budget: null, paid: 5, rate: null });
    expect(j.diagnostics.some((d) => /乙项目.*没有预算数/.test(d.message))).toBe(true);
    // 丙: 3.5 of 10 on 2023-06-30 (plan 40%).
    expect(j.tables[2].checkpoints[0]).toMatchObject({ paid: 3.5, rate: 35, plan: 40, behindPlan: true });

    const ws = wb.workbook.getWorksheet("项目清单")!;
    // Columns start after one spare column (J): 累计支出·6月底止, 执行率·6月底止, …
    expect(ws.getCell("J1").value).toBe("累计支出·6月底止（万元）");
    expect(ws.getCell("K1").value).toBe("执行率·6月底止（%）");
    const rate = ws.getCell("K2");
    expect((rate.value as ExcelJS.CellFormulaValue).formula).toBe(
      'IF($J$2="","",IFERROR(ROUND($J$2/($D$2)*100,2),""))',
    );
    expect(rate.result).toBe(30);
    expect(ws.getCell("K3").result).toBe("");
    // The list reads the same afterwards (a list row's range spans the sheet's used columns).
    const after = readWorkbook(await wb.read());
    const noRange = (ts: typeof before.tables) => ts.map(({ range: _range, ...t }) => t);
    expect(noRange(after.tables)).toEqual(noRange(before.tables));
  });
});

describe("a generated-style form with a reserved 执行率（%） row", () => {
  it("fills the reserved row under the plan values with the rates as percentages", async () => {
    const wb = newWorkbook();
    const ws = wb.addWorksheet("表1");
    putAll(ws, {
      A1: "2023年示例项目绩效目标表",
      A2: "100001某局",
      G2: "单位：万元",
      A3: "项目编码",
      "B3:C3": "13010023P009",
      D3: "项目名称",
      "E3:G3": "示例项目",
      "A4:A5": "预算规模及资金用途",
      B4: "预算数",
      C4: { v: 40, fmt: "0.00" },
      D4: "其中：财政资金",
      E4: { v: 40, fmt: "0.00" },
      "B5:G5": "用于示例",
      "A6:A7": "资金支出计划（%）",
      B6: "3月底",
      C6: "6月底",
      D6: "9月底",
      E6: "12月底",
      B7: pct(0.25),
      C7: pct(0.5),
      D7: pct(0.75),
      E7: pct(1),
      A8: "执行率（%）",
      A9: "绩效目标",
      "B9:G9": "1.完成示例",
      A10: "一级指标",
      B10: "二级指标",
      C10: "三级指标",
      D10: "绩效指标描述",
      F10: "指标值",
      G10: "指标值确定依据",
      A11: "产出指标",
      B11: "数量指标",
      C11: "完成数量",
      F11: "≥10个",
      G11: "计划标准",
    });
    const l = wb.addWorksheet("支付明细");
    l.addRow(["支付日期", "项目名称", "支付金额（万元）"]);
    l.addRow([new Date(Date.UTC(2023, 1, 10)), "示例项目", 12]);
    const p = await port(wb);
    await runRates(p, { asOf: serialOf(2023, 7, 15), today: TODAY });
    const sheet = p.workbook.getWorksheet("表1")!;
    // 12 of 40 = 30% by 3月底 and 6月底; 9月底 and 12月底 are after the as-of date: empty.
    expect(sheet.getCell("B8").result).toBe(0.3);
    expect(sheet.getCell("C8").result).toBe(0.3);
    expect(sheet.getCell("D8").result).toBe("");
    expect(sheet.getCell("B8").numFmt).toBe("0.00%");
    expect((sheet.getCell("B8").value as ExcelJS.CellFormulaValue).formula).toMatch(
      /^IF\(\$J\$\d+="","",\$J\$\d+\/100\)$/,
    );
  });
});

describe("a workbook without a ledger", () => {
  it("gets a 支付明细 sheet in one click: headers, formats, dropdowns, helper columns, as-of date", async () => {
    const p = await port(listsWorkbook());
    p.workbook.removeWorksheet(p.workbook.getWorksheet("支付明细")!.id);
    const again = await ExcelJsWorkbook.load(await p.toBuffer());
    const plan = planCreateLedger((await again.read()).sheets, { asOf: AS_OF, today: TODAY });
    expect(plan.existing).toBeNull();
    expect(plan.createdLedger).toBe(LEDGER_SHEET);
    await again.apply(plan.changes);
    const ws = again.workbook.getWorksheet(LEDGER_SHEET)!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "支付日期",
      "项目编码",
      "项目名称",
      "支付金额（元）",
      "资金来源",
      "凭证号",
      "摘要",
      undefined,
      "日期文本（自动）",
      "换算日期（自动）",
      "匹配项目（自动）",
      "换算金额（自动）",
      "换算来源（自动）",
      undefined,
      "截止日期",
      AS_OF,
      undefined,
      "可选项目编码",
      "可选项目名称",
    ]);
    expect(ws.getCell("A2").numFmt).toBe("yyyy-mm-dd");
    const validations = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    expect(validations["B2:B5001"]).toMatchObject({ type: "list", formulae: ["$R$2:$R$4"] });
    expect(validations["E2:E5001"]).toMatchObject({ type: "list", formulae: ['"财政,其他"'] });
    expect(ws.getCell("R3").value).toBe("13010023P002");
    // Every table's rate is 0 with an empty ledger; the ledger is not read as a table.
    expect(ratesJson(plan.report).tables.map((t) => t.paid)).toEqual([0, 0, 0]);
    expect(readWorkbook(await again.read()).tables).toHaveLength(3);
    // A second click finds the ledger and changes nothing.
    expect(planCreateLedger((await again.read()).sheets, { asOf: AS_OF, today: TODAY }).changes).toEqual([]);
  });
});

describe("importing a treasury payment export", () => {
  const csv = [
    "支付日期,预算项目编码,项目名称,支付金额,资金性质,支付凭证号,用途",
    '2023-04-01 09:30:00,13010023P003,,"15,000.00",一般公共预算,PZ-1,人工',
    "2023/5/6,,甲项目,120000,财政拨款,PZ-2,材料",
    "2023-13-01,13010023P003,,10,财政,PZ-3,坏日期",
    "2023-05-07,13010023P404,,10,财政,PZ-4,无此项目",
    "2022-12-31,13010023P003,,10,财政,PZ-5,上年",
    "2023-05-08,13010023P003,,12元,财政,PZ-6,坏金额",
  ].join("\r\n");

  it("appends the rows it can count (GBK or UTF-8), reports the rest, and never imports twice", async () => {
    for (const bytes of [new Uint8Array(iconv.encode(csv, "gbk")), new Uint8Array(Buffer.from(csv, "utf8"))]) {
      const p = await port(listsWorkbook());
      const source = [paymentCsvSheet("export.csv", bytes)];
      const r = await runImport(p, source, { asOf: AS_OF, today: TODAY });
      expect(r.import.imported).toBe(2);
      expect(r.import.rejected.map((x) => [x.row, x.reason])).toEqual([
        [4, "日期无法识别：“2023-13-01”"],
        [5, "项目编码“13010023P404”不在任何目标表中"],
        [6, "日期 2022-12-31 不在预算年度 2023 内"],
        [7, "金额无法识别：“12元”（只能填数字，如 1234.56）"],
      ]);
      const ws = p.workbook.getWorksheet("支付明细")!;
      // Appended under the last row, in the ledger's columns and unit (元), the time of day dropped.
      const typed = (r: number): ExcelJS.CellValue[] => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1, 5);
      expect(typed(6)).toEqual([serialOf(2023, 4, 1), "13010023P003", 15000, "一般公共预算"]);
      expect(typed(7)).toEqual([serialOf(2023, 5, 6), "13010023P001", 120000, "财政拨款"]);
      // The helper columns reach the new rows.
      expect(ws.getCell("G7").result).toBe(serialOf(2023, 5, 6));
      // 丙: 3.5 + 1.5 万元 of 10.
      expect(ratesJson(r.rates.report).tables[2]).toMatchObject({ paid: 5, rate: 50 });
    }
    // With a voucher column in the ledger, a second import adds nothing.
    const p = await port(listsWorkbook());
    p.workbook.removeWorksheet(p.workbook.getWorksheet("支付明细")!.id);
    const fresh = await ExcelJsWorkbook.load(await p.toBuffer());
    const source = [paymentCsvSheet("export.csv", new Uint8Array(Buffer.from(csv, "utf8")))];
    const first = await runImport(fresh, source, { asOf: AS_OF, today: TODAY });
    expect(first.import).toMatchObject({ created: true, imported: 2, ledger: LEDGER_SHEET });
    const second = planImport((await fresh.read()).sheets, source);
    expect(second.imported).toBe(0);
    expect(second.rejected.filter((x) => /重复/.test(x.reason)).map((x) => x.row)).toEqual([2, 3]);
  });

  it("reads an .xlsx export too", async () => {
    const src = newWorkbook();
    const ws = src.addWorksheet("导出");
    ws.addRow(["单位：万元"]);
    ws.addRow(["日期", "项目名称", "金额"]);
    ws.addRow([new Date(Date.UTC(2023, 6, 1)), "丙项目", 1.5]);
    const exported = await port(src);
    const p = await port(listsWorkbook());
    const r = planImport((await p.read()).sheets, (await exported.read()).sheets);
    expect(r).toMatchObject({ imported: 1, rejected: [], source: "导出" });
    await p.apply(r.changes);
    expect(p.workbook.getWorksheet("支付明细")!.getCell("C6").value).toBe(15000);
    const o = planRates((await p.read()).sheets, { asOf: AS_OF, today: TODAY, write: false });
    expect(ratesJson(o.report).tables[2]).toMatchObject({ paid: 5, rate: 50 });
  });
});
