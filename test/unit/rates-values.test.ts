/** Ledger dates and amounts as the reader (and the helper formulas) take them. */
import { parseLedgerAmount, parseLedgerDate, isoOfSerial } from "../../src/core/ledger/values";
import { fundSourceOf } from "../../src/core/ledger/read";
import { findLedgerHeader } from "../../src/core/ledger/headers";
import { Grid } from "../../src/core/grid";
import { csvSheet, parseCsv } from "../../src/core/ledger/csv";
import { decodePaymentText } from "../../src/commands/ledger";
import iconv from "iconv-lite";
import Big from "big.js";
import { decimalFromNumber } from "../../src/core/decimal";

// Workbooks are written and read here: no wall-clock limit on a busy machine.
jest.setTimeout(600_000);

const date = (v: string | number | null): string | null => {
  const d = parseLedgerDate(v, v === null ? "" : String(v));
  return d.ok ? isoOfSerial(d.value) : null;
};

describe("ledger dates", () => {
  it.each([
    [44635, "2022-03-15"],
    [44635.75, "2022-03-15"],
    ["2022-03-15", "2022-03-15"],
    ["2022/3/15", "2022-03-15"],
    ["2022.3.5", "2022-03-05"],
    ["2022年3月15日", "2022-03-15"],
    ["2022年3月15", "2022-03-15"],
    [" 2022 - 03 - 15 ", "2022-03-15"],
    ["20220315", "2022-03-15"],
    [20220315, "2022-03-15"],
  ])("%p → %s", (v, iso) => expect(date(v)).toBe(iso));

  it.each([
    ["2022-02-30"],
    ["20221301"],
    ["2022-3"],
    ["3/15/2022"],
    ["2022-03-15 10:00"],
    ["昨天"],
    [""],
    [null],
    [0],
    [3e6],
  ])("refuses %p", (v) => {
    const d = parseLedgerDate(v, v === null ? "" : String(v));
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.reason).toMatch(/日期/);
  });
});

describe("ledger amounts", () => {
  it("takes numbers and plain decimal text, refunds negative, nothing else", () => {
    const ok = (v: string | number): string | null => {
      const a = parseLedgerAmount(v, String(v));
      return a.ok ? a.value : null;
    };
    expect(ok(200000)).toBe("200000");
    expect(ok(-11000)).toBe("-11000");
    expect(ok("100,000.00")).toBe("100000");
    expect(ok("１２")).toBeNull();
    expect(ok("-1 234.5")).toBe("-1234.5");
    expect(ok("12元")).toBeNull();
    expect(ok("1e3")).toBeNull();
    expect(ok(".5")).toBeNull();
    expect(ok("5.")).toBeNull();
    expect(ok("--5")).toBeNull();
    expect(parseLedgerAmount(null, "").ok).toBe(false);
  });

  it("classifies fund sources", () => {
    expect(fundSourceOf("财政")).toBe("fiscal");
    expect(fundSourceOf("一般公共预算")).toBe("fiscal");
    expect(fundSourceOf("上级补助")).toBe("fiscal");
    expect(fundSourceOf("财政专户管理资金")).toBe("other");
    expect(fundSourceOf("非财政拨款")).toBe("other");
    expect(fundSourceOf("自有资金")).toBe("other");
    expect(fundSourceOf("  ")).toBeNull();
  });
});

describe("ledger headers and exports", () => {
  it("finds a ledger by header synonyms in any order, with the unit from the header or a unit line", () => {
    const rows = [["单位：万元"], ["摘要", "发生额", "预算项目编码", "付款日期", "资金性质"]];
    const g = new Grid(csvSheet("x", rows));
    const h = findLedgerHeader(g)!;
    expect(h.row).toBe(2);
    expect(h.cols).toEqual({ memo: 1, amount: 2, code: 3, date: 4, source: 5 });
    expect(h.unit).toBe("万元");
    const h2 = findLedgerHeader(new Grid(csvSheet("y", [["日期", "项目名称", "金额（元）"]])))!;
    expect(h2.unit).toBe("元");
    expect(h2.unitStated).toBe(true);
    expect(findLedgerHeader(new Grid(csvSheet("z", [["项目名称", "预算数"]])))).toBeNull();
  });

  it("splits CSV with quotes and line breaks, in UTF-8 or GBK", () => {
    const text = '日期,项目名称,金额\r\n2022-01-01,"甲, ""乙""",1\n2022-01-02,"多\n行",2\n';
    expect(parseCsv(text)).toEqual([
      ["日期", "项目名称", "金额"],
      ["2022-01-01", '甲, "乙"', "1"],
      ["2022-01-02", "多\n行", "2"],
    ]);
    expect(parseCsv("a\tb\n1\t2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    const gbk = new Uint8Array(iconv.encode(text, "gbk"));
    expect(decodePaymentText(gbk)).toBe(text);
    expect(decodePaymentText(new Uint8Array(Buffer.from("\uFEFF" + text, "utf8")))).toBe(text);
  });
});

describe("amounts from numbers", () => {
  it("take the fast path for whole amounts and cents with the general path's result", () => {
    const ref = (n: number): string => new Big(Number(n.toPrecision(15))).toFixed();
    let x = 12345;
    for (let i = 0; i < 20000; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const cents = (x % 20000001) - 10000000;
      for (const n of [cents / 100, cents, cents / 10, -0.05, 0.1 + 0.2, 1e-7, 123456789.123, -0])
        expect(decimalFromNumber(n)).toBe(ref(n));
    }
  });
});
