/**
 * The pane's 执行率 tab: the view of a rates report, the plan-against-actual chart (rendered with
 * react-dom/server: bars for plan and actual, 序时进度 markers, checkpoints after the as-of date drawn
 * as not yet, readable title and figures), and the tab's actions in browser mode over the ExcelJS
 * port: importing a GBK CSV export, filling with a date set in the pane, creating the ledger,
 * saving the thresholds, and (in Excel) selecting a rejected ledger row.
 */
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { renderToStaticMarkup } from "react-dom/server";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import type { WorkbookPort } from "../../src/port/workbook";
import { planRates } from "../../src/commands/rates";
import { serialOf, serialOfIso } from "../../src/core/ledger/values";
import { decodePaymentBytes, paymentCsvSheet } from "../../src/core/ledger/decode";
import { asOfInput, rowRange, type TableRatesView } from "../../src/taskpane/rates-view";
import { ratesViewOf } from "../../src/taskpane/rates-report";
import { PlanActualChart, scaleTop } from "../../src/taskpane/components/PlanActualChart";
import { ratesFromDraft } from "../../src/taskpane/components/RatesSettingsForm";
import { initI18n, resources } from "../../src/taskpane/i18n";
import { ratesWords } from "../../src/taskpane/rates-i18n";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import {
  createLedgerAction,
  importPaymentsAction,
  ratesAction,
  saveRatesSettingsAction,
  selectLedgerRowAction,
  setRatesAsOf,
} from "../../src/taskpane/actions";
import { listsWithLedger } from "../fixtures/rates-ledger";
import { FakeExcel } from "../fake-excel";
import { OfficeWorkbook } from "../../src/office/excel-workbook";
import { PAYLOAD_LIMIT_BYTES } from "../../src/office/payload";

jest.setTimeout(600_000);

const TODAY = serialOf(2024, 3, 1);

async function load(wb: ExcelJS.Workbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
}

/** The project list of `listsWithLedger` without its ledger. */
function listsOnly(): ExcelJS.Workbook {
  const wb = listsWithLedger();
  wb.removeWorksheet(wb.getWorksheet("支付明细")!.id);
  return wb;
}

beforeAll(() => {
  initI18n("zh");
});

describe("the view of a rates report", () => {
  test("numbers as numbers, checkpoints after the as-of date not due, rejected rows kept", async () => {
    const wb = await load(listsWithLedger());
    const o = planRates((await wb.read()).sheets, { asOf: serialOf(2023, 6, 30), today: TODAY, write: false });
    const v = ratesViewOf(o.report, null);
    expect(v.asOf).toBe("2023-06-30");
    expect(v.asOfSource).toBe("explicit");
    expect(v.ledgers).toEqual(["支付明细"]);
    expect(v.tables[0]).toMatchObject({ name: "甲项目", code: "13010023P001", unit: "万元", budget: 100, paid: 30 });
    expect(v.tables[0].checkpoints).toEqual([
      {
        label: "6月底",
        date: "2023-06-30",
        plan: 50,
        pace: 50,
        paid: 30,
        rate: 30,
        due: true,
        behindPlan: true,
        behindPace: true,
      },
      {
        label: "12月底",
        date: "2023-12-31",
        plan: 100,
        pace: 100,
        paid: null,
        rate: null,
        due: false,
        behindPlan: false,
        behindPace: false,
      },
    ]);
    expect(asOfInput("")).toBeUndefined();
    expect(asOfInput("2023-06-30")).toBe(serialOf(2023, 6, 30));
    expect(asOfInput("2023-02-30")).toBeNull();
    // The same serial as the core's, without its date library.
    for (const iso of ["1900-03-01", "2023-01-01", "2024-02-29", "2099-12-31"])
      expect(asOfInput(iso)).toBe(serialOfIso(iso));
    expect(rowRange(12)).toBe("12:12");
  });
});

describe("the plan-against-actual chart", () => {
  const table: TableRatesView = {
    sheet: "项目清单",
    name: "甲项目",
    code: "13010023P001",
    unit: "万元",
    budget: 100,
    paid: 30,
    rate: 30,
    pace: 50,
    reasonRequired: false,
    checkpoints: [
      {
        label: "3月底",
        date: "2023-03-31",
        plan: null,
        pace: 25,
        paid: 10,
        rate: 10,
        due: true,
        behindPlan: false,
        behindPace: true,
      },
      {
        label: "6月底",
        date: "2023-06-30",
        plan: 50,
        pace: 50,
        paid: 30,
        rate: 30,
        due: true,
        behindPlan: true,
        behindPace: true,
      },
      {
        label: "9月底",
        date: "2023-09-30",
        plan: 75,
        pace: 75,
        paid: null,
        rate: null,
        due: false,
        behindPlan: false,
        behindPace: false,
      },
      {
        label: "12月底",
        date: "2023-12-31",
        plan: 100,
        pace: 100,
        paid: null,
        rate: null,
        due: false,
        behindPlan: false,
        behindPace: false,
      },
    ],
  };

  test("bars for plan and actual, pace markers, not-yet outlines, an accessible title and the figures", () => {
    const html = renderToStaticMarkup(<PlanActualChart table={table} />);
    const svg = /<svg[^>]*data-testid="plan-actual-chart"[^>]*>/.exec(html)?.[0] ?? "";
    expect(svg).toContain('role="img"');
    const labelled = /aria-labelledby="([^"]+)"/.exec(svg)?.[1].split(" ") ?? [];
    expect(labelled).toHaveLength(2);
    for (const id of labelled) expect(html).toContain(`id="${id}"`);
    expect(html).toContain("<title");
    expect(html).toContain("「甲项目」计划与实际累计进度");
    const count = (kind: string): number => html.split(`data-kind="${kind}"`).length - 1;
    // Plan where the table states one (not 3月底); actual only where due; pace at every checkpoint.
    expect(count("plan")).toBe(3);
    expect(count("actual")).toBe(2);
    expect(count("not-due")).toBe(2);
    expect(count("pace")).toBe(4);
    expect(html).toContain("<polyline");
    // Tooltips and the table under it: readable numbers, and 未到 after the as-of date.
    expect(html).toContain("6月底 实际 30% · 落后计划 · 落后序时");
    expect(html).toContain("9月底 未到截止日期");
    expect(html).toMatch(/<td[^>]*>未到<\/td>/);
    expect(html).toMatch(/<td[^>]*>50%<\/td>/);
    // A bar's height is its share of the scale: 30% of 100 over the plot's 120 px is 36.
    const actual = /<rect[^>]*data-kind="actual"[^>]*x="[\d.]+" y="([\d.]+)"[^>]*height="([\d.]+)"/g;
    const bars = [...html.matchAll(actual)].map((m) => Number(m[2]));
    expect(bars).toEqual([12, 36]);
    expect(scaleTop(table)).toBe(100);
    expect(scaleTop({ ...table, checkpoints: [{ ...table.checkpoints[0], rate: 130 }] })).toBe(140);
  });
});

describe("the rates settings form", () => {
  test("a draft gives settings, or says which part is wrong", () => {
    expect(
      ratesFromDraft({
        thresholds: [
          { month: 6, min: "50" },
          { month: 12, min: "100" },
        ],
        tolerance: "1",
        reasonBelow: "90",
      }),
    ).toEqual({
      settings: {
        thresholds: [
          { month: 6, min: 50 },
          { month: 12, min: 100 },
        ],
        tolerance: 1,
        reasonBelow: 90,
      },
      badMins: [false, false],
      order: false,
    });
    expect(ratesFromDraft({ thresholds: [{ month: 6, min: "x" }], tolerance: "0", reasonBelow: "90" })).toMatchObject({
      settings: null,
      badMins: [true],
    });
    expect(
      ratesFromDraft({
        thresholds: [
          { month: 9, min: "75" },
          { month: 6, min: "50" },
        ],
        tolerance: "0",
        reasonBelow: "90",
      }),
    ).toMatchObject({ settings: null, order: true });
    expect(ratesFromDraft({ thresholds: [], tolerance: "200", reasonBelow: "90" }).settings).toBeNull();
  });
});

describe("the 执行率 tab's actions in browser mode", () => {
  const csv = [
    "支付日期,预算项目编码,项目名称,支付金额,资金性质,支付凭证号,用途",
    '2023-04-01 09:30:00,13010023P003,,"15,000.00",一般公共预算,PZ-1,人工',
    "2023/5/6,,甲项目,120000,财政拨款,PZ-2,材料",
    "2023-13-01,13010023P003,,10,财政,PZ-3,坏日期",
  ].join("\r\n");

  function browser(wb: ExcelJsWorkbook): void {
    resetState();
    setState({ detection: { mode: "browser", reason: "absent" }, file: { name: "lists.xlsx", size: 1 } });
    setPort(wb);
  }

  test("a GBK CSV is decoded without iconv (the platform's TextDecoder)", () => {
    const bytes = new Uint8Array(iconv.encode(csv, "gbk"));
    expect(decodePaymentBytes(bytes)).toBe(csv);
    expect(paymentCsvSheet("p.csv", bytes).values[1][2]).toBeNull();
  });

  test("import a CSV, fill with a date set in the pane, the ledger already there", async () => {
    const wb = await load(listsOnly());
    browser(wb);
    const file = new File([new Uint8Array(iconv.encode(csv, "gbk"))], "导出.csv", { type: "text/csv" });
    setRatesAsOf("2023-12-31");
    await importPaymentsAction(file);
    let s = getState();
    expect(s.busy).toBeNull();
    expect(s.message).toMatchObject({ key: "rates.importedNew", params: { count: 2, sheet: "支付明细" } });
    expect(s.message?.more?.[0]).toMatchObject({ key: "rates.importRejected", params: { count: 1 } });
    expect(s.ratesImport).toMatchObject({ file: "导出.csv", imported: 2, ledger: "支付明细", created: true });
    expect(s.ratesImport?.rejected.map((r) => [r.sheet, r.row])).toEqual([["导出.csv", 4]]);
    expect(s.tab).toBe("rates");
    expect(s.unsaved).toBe(true);
    // 丙: 1.5 万元 of 10; 甲: 12 万元 of 100.
    expect(s.rates?.asOf).toBe("2023-12-31");
    expect(s.rates?.tables.map((t) => [t.name, t.paid, t.rate])).toEqual([
      ["甲项目", 12, 12],
      ["乙项目", 0, null],
      ["丙项目", 1.5, 15],
    ]);
    expect((await wb.listSheets()).map((x) => x.name)).toContain("支付明细");

    // 填充执行率 with a date set in the pane: explicit; checkpoints after it not due.
    setRatesAsOf("2023-06-30");
    await ratesAction();
    s = getState();
    expect(s.message).toMatchObject({ key: "more.ratesDone", params: { asOf: "2023-06-30" } });
    expect(s.rates).toMatchObject({ asOf: "2023-06-30", asOfSource: "explicit" });
    expect(s.rates?.tables[0].checkpoints.map((c) => c.due)).toEqual([true, false]);

    // A date the pane cannot use: a warning, nothing run.
    setRatesAsOf("2023-02-30");
    await ratesAction();
    expect(getState().message).toMatchObject({ intent: "warning", key: "rates.asOfInvalid" });

    // The ledger exists: 创建支付明细表 says so and writes nothing.
    setRatesAsOf("");
    const before = (await wb.read()).sheets.length;
    await createLedgerAction();
    expect(getState().message).toMatchObject({ key: "rates.ledgerExists", params: { sheet: "支付明细" } });
    expect((await wb.read()).sheets.length).toBe(before);
  });

  test("create the ledger in one click; save the thresholds; an unreadable file is a message", async () => {
    const wb = await load(listsOnly());
    browser(wb);
    await createLedgerAction();
    let s = getState();
    expect(s.message).toMatchObject({ key: "rates.ledgerCreated", params: { sheet: "支付明细" } });
    expect(s.rates?.tables).toHaveLength(3);
    const ws = wb.workbook.getWorksheet("支付明细")!;
    expect(ws.getCell("A1").value).toBe("支付日期");

    const settings = { thresholds: [{ month: 6, min: 30 }], tolerance: 2, reasonBelow: 85 };
    await saveRatesSettingsAction(settings);
    s = getState();
    expect(s.message).toMatchObject({ key: "rates.settingsSavedBrowser" });
    expect(s.ratesSettings).toEqual(settings);
    expect(s.ratesSettingsStored).toBe(true);
    setRatesAsOf("2023-06-30");
    await ratesAction();
    expect(getState().rates?.tables[0].checkpoints[0].pace).toBe(30);

    await importPaymentsAction(new File([new Uint8Array(0)], "空.csv"));
    expect(getState().message).toMatchObject({ intent: "error", zh: "付款文件为空：空.csv" });
  });

  test("an .xlsx export is read through the ExcelJS chunk", async () => {
    const wb = await load(listsWithLedger());
    browser(wb);
    const exp = new ExcelJS.Workbook();
    const ws = exp.addWorksheet("导出");
    ws.addRow(["支付日期", "项目编码", "支付金额（元）", "凭证号"]);
    ws.addRow([new Date(Date.UTC(2023, 6, 1)), "13010023P003", 5000, "X-1"]);
    ws.addRow(["无日期", "13010023P003", 5000, "X-2"]);
    const bytes = new Uint8Array((await exp.xlsx.writeBuffer()) as ArrayBuffer);
    setRatesAsOf("2023-12-31");
    await importPaymentsAction(new File([bytes], "导出.xlsx"));
    const s = getState();
    expect(s.ratesImport).toMatchObject({ imported: 1, created: false, ledger: "支付明细" });
    expect(s.ratesImport?.rejected.map((r) => [r.sheet, r.row])).toEqual([["导出", 3]]);
    // 丙: 3.5 + 0.5 万元 of 10.
    expect(s.rates?.tables[2]).toMatchObject({ paid: 4, rate: 40 });
  });

  test("in Excel (fake Excel, Office adapter): create the ledger, import a CSV, fill; requests within Excel's limit", async () => {
    const source = await load(listsOnly());
    const fake = FakeExcel.fromSnapshot(await source.read());
    resetState();
    setState({ detection: { mode: "excel", platform: "PC" } });
    // The Office adapter as the pane uses it, seen through a plain port (the undo journal, which
    // wraps OfficeWorkbook ports, is tested on its own).
    const office = new OfficeWorkbook({ run: fake.run, supports: fake.supports });
    const port: WorkbookPort = {
      listSheets: () => office.listSheets(),
      read: (o) => office.read(o),
      apply: (changes) => office.apply(changes),
      readLooks: (cells) => office.readLooks(cells),
    };
    setPort(port);
    await createLedgerAction();
    expect(getState().message).toMatchObject({ key: "rates.ledgerCreated", params: { sheet: "支付明细" } });
    const file = new File([new Uint8Array(iconv.encode(csv, "gbk"))], "导出.csv");
    setRatesAsOf("2023-12-31");
    await importPaymentsAction(file);
    const s = getState();
    expect(s.message).toMatchObject({ key: "rates.imported", params: { count: 2, sheet: "支付明细" } });
    expect(s.unsaved).toBe(false);
    expect(s.rates?.rejected).toEqual([]);
    expect(s.rates?.tables.map((t) => t.paid)).toEqual([12, 0, 1.5]);
    // The rows are in Excel's ledger, under the header, the codes as text without a visible apostrophe.
    const snap = await port.read({ sheets: ["支付明细"] });
    const rows = snap.sheets[0].values;
    expect(rows[1].slice(0, 4)).toEqual([serialOf(2023, 4, 1), "13010023P003", "丙项目", 15000]);
    expect(rows[2].slice(0, 4)).toEqual([serialOf(2023, 5, 6), "13010023P001", "甲项目", 120000]);
    expect(fake.maxRequestBytes).toBeLessThanOrEqual(PAYLOAD_LIMIT_BYTES);
  });

  test("in Excel a rejected ledger row is selected in the sheet", async () => {
    resetState();
    setState({ detection: { mode: "excel", platform: "PC" } });
    const calls: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (range: string) => ({ select: () => calls.push(`select ${range}`) }),
          }),
        },
      },
      sync: async () => undefined,
    };
    const g = globalThis as unknown as { Excel?: unknown };
    g.Excel = { run: (batch: (c: unknown) => Promise<unknown>) => batch(context) };
    try {
      await selectLedgerRowAction("支付明细", 12);
    } finally {
      delete g.Excel;
    }
    expect(calls).toEqual(["activate 支付明细", "select 12:12"]);
  });

  test("every word of the tab is in both languages, the tab's own in its chunk", () => {
    const keys = (o: object): string[] => Object.keys(o).sort();
    expect(keys(resources.en.translation.rates)).toEqual(keys(resources.zh.translation.rates));
    expect(keys(ratesWords.en.rates)).toEqual(keys(ratesWords.zh.rates));
    expect(keys(ratesWords.en.rates.asOfSource)).toEqual(keys(ratesWords.zh.rates.asOfSource));
    expect(resources.en.translation.tabs.rates).toBe("Rates");
    // Once the chunk's module has loaded, its words are in the pane's resources, in both languages.
    const i18n = initI18n("en");
    expect(i18n.t("rates.chartTitle", { name: "A" })).toBe("“A”: planned against actual progress");
    expect(i18n.t("rates.asOfInvalid")).toBe("The as-of date is not valid: pick a date or leave it blank.");
    initI18n("zh");
    expect(i18n.t("rates.asOfSource.workbook")).toBe("（截止日期取自工作簿，用户填写）");
  });
});
