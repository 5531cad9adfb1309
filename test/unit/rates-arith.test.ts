/** Exact arithmetic of the rates: fast paths agree with big.js, large sums stay exact. */
import Big from "big.js";
import ExcelJS from "exceljs";
import { ratePercent } from "../../src/core/rates/compute";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planRates, ratesJson } from "../../src/commands/rates";
import { serialOf } from "../../src/core/ledger/values";

jest.setTimeout(600_000);

describe("ratePercent", () => {
  it("rounds the exact quotient half away from zero, like big.js", () => {
    const ref = (p: string, b: string): string => new Big(p).times(100).div(b).round(2, Big.roundHalfUp).toFixed();
    let x = 987654321;
    const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
    const cases: [string, string][] = [
      ["1", "800"],
      ["-1", "800"],
      ["53.9", "70"],
      ["0.000001", "3"],
      ["123456789012.345678", "7"],
      ["1", "0.000003"],
    ];
    for (let i = 0; i < 5000; i++)
      cases.push([
        new Big(next()).div(10 ** (next() % 7)).toFixed(),
        new Big(next() + 1).div(10 ** (next() % 7)).toFixed(),
      ]);
    for (const [p, b] of cases) expect([p, b, ratePercent(p, b)]).toEqual([p, b, ref(p, b)]);
    expect(ratePercent("5", "0")).toBeNull();
    expect(ratePercent("5", null)).toBeNull();
  });
});

describe("sums", () => {
  it("stay exact for amounts too large or too precise for plain numbers", async () => {
    const wb = new ExcelJS.Workbook();
    const p = wb.addWorksheet("项目清单");
    p.addRow(["项目编码", "项目名称", "年度", "预算数（元）", "12月底"]);
    p.addRow(["13010023P001", "大项目", 2023, 9e15, 1]);
    const l = wb.addWorksheet("支付明细");
    l.addRow(["日期", "项目编码", "金额（元）"]);
    l.addRow(["2023-01-01", "13010023P001", "1234567890123456.78"]);
    l.addRow(["2023-02-01", "13010023P001", "0.000001"]);
    l.addRow(["2023-03-01", "13010023P001", "1234567890123456.78"]);
    const port = await ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
    const o = planRates((await port.read()).sheets, {
      asOf: serialOf(2023, 12, 31),
      today: serialOf(2024, 1, 1),
      write: false,
    });
    expect(o.report.tables[0].paid).toBe("2469135780246913.560001");
    expect(o.report.tables[0].rate).toBe("27.43");
    expect(ratesJson(o.report).tables[0].checkpoints[0].label).toBe("12月底");
  });
});
