/** Exact amounts: decimals from cells and text, units in cells, 元↔万元, and the budget split. */
import {
  absDecimal,
  addDecimals,
  compareDecimal,
  decimalFromNumber,
  decimalFromText,
  decimalPlaces,
  roundDecimal,
  shiftDecimal,
  subDecimal,
  toNumber,
} from "../../src/core/decimal";
import { canonicalMoneyUnit, convertAmount, isMoneyUnit, parseAmount } from "../../src/core/amount";
import { budgetSplit } from "../../src/core/budget";
import type { Budget, FundComponent } from "../../src/core/model";

describe("decimalFromNumber: what a cell's number means, without float noise", () => {
  it.each<[number, string]>([
    [0.1 + 0.2, "0.3"],
    [1.75, "1.75"],
    [0.97, "0.97"],
    [17.47, "17.47"],
    [70, "70"],
    [471.16, "471.16"],
    [10428.504909, "10428.504909"],
    [17.468664, "17.468664"],
    [1.1 * 3, "3.3"],
    [-0.5, "-0.5"],
    [0, "0"],
    [123456789012.34, "123456789012.34"],
  ])("%s → %s", (n, d) => {
    expect(decimalFromNumber(n)).toBe(d);
  });

  it.each([NaN, Infinity, -Infinity])("%s is no amount", (n) => {
    expect(decimalFromNumber(n)).toBeNull();
  });
});

describe("decimalFromText", () => {
  it.each<[string, string | null]>([
    ["1.75", "1.75"],
    ["1,234.50", "1234.5"],
    ["2，500，000", "2500000"],
    [" 70.00 ", "70"],
    [".5", "0.5"],
    ["1.", "1"],
    ["-3", "-3"],
    ["+3", "3"],
    ["abc", null],
    ["1.2.3", null],
    ["", null],
    ["25%", null],
  ])("%j → %s", (s, d) => {
    expect(decimalFromText(s)).toBe(d);
  });
});

describe("decimal arithmetic is exact", () => {
  it("adds", () => {
    expect(addDecimals(["0.1", "0.2"])).toBe("0.3");
    expect(addDecimals(["7.95852", "9.510144"])).toBe("17.468664");
    expect(addDecimals(["1.75", null, "0"])).toBe("1.75");
    expect(addDecimals([])).toBe("0");
  });

  it("subtracts, compares, rounds", () => {
    expect(subDecimal("17.47", "17.468664")).toBe("0.001336");
    expect(compareDecimal("0.97", "0.970")).toBe(0);
    expect(compareDecimal("10", "9.99")).toBe(1);
    expect(compareDecimal("-1", "0")).toBe(-1);
    expect(roundDecimal("17.468664", 2)).toBe("17.47");
    expect(roundDecimal("0.005", 2)).toBe("0.01");
    expect(roundDecimal("0.0049", 2)).toBe("0");
    expect(absDecimal("-2.5")).toBe("2.5");
  });

  it("shifts the decimal point", () => {
    expect(shiftDecimal("174686.64", -4)).toBe("17.468664");
    expect(shiftDecimal("1.75", 4)).toBe("17500");
    expect(shiftDecimal("10428.504909", 4)).toBe("104285049.09");
    expect(shiftDecimal("0.24", 2)).toBe("24");
  });

  it("counts decimal places as written", () => {
    expect(decimalPlaces("0.97")).toBe(2);
    expect(decimalPlaces("70")).toBe(0);
    expect(decimalPlaces("10428.504909")).toBe(6);
  });

  it("becomes a JSON number only at the edge", () => {
    expect(toNumber("1.75")).toBe(1.75);
    expect(toNumber(null)).toBeNull();
  });
});

describe("money units", () => {
  it.each<[string, string, string, string]>([
    ["2500000", "元", "万元", "250"],
    ["174686.64", "元", "万元", "17.468664"],
    ["250", "万元", "元", "2500000"],
    ["250", "万", "万元", "250"],
    ["1", "亿元", "万元", "10000"],
    ["1", "亿", "元", "100000000"],
    ["5", "千元", "万元", "0.5"],
    ["3", "百万元", "万元", "300"],
    ["1.75", "万元", "万元", "1.75"],
  ])("%s %s → %s %s", (amount, from, to, converted) => {
    expect(convertAmount(amount, from, to)).toBe(converted);
  });

  it("names units canonically", () => {
    expect(canonicalMoneyUnit("万")).toBe("万元");
    expect(canonicalMoneyUnit(" 万元 ")).toBe("万元");
    expect(canonicalMoneyUnit("亿")).toBe("亿元");
    expect(canonicalMoneyUnit("元")).toBe("元");
    expect(canonicalMoneyUnit("美元")).toBeNull();
    expect(canonicalMoneyUnit("%")).toBeNull();
    expect(isMoneyUnit("千元")).toBe(true);
    expect(isMoneyUnit("万亩")).toBe(false);
  });
});

describe("parseAmount: cells as people fill them, read into the table's unit", () => {
  it.each<[string, number | string | null, string, string, string | null]>([
    ["a number", 17.47, "17.47", "万元", "17.47"],
    ["a number with float noise", 0.1 + 0.2, "0.3", "万元", "0.3"],
    ["a number in a 元 table", 360000, "360000", "元", "360000"],
    ["text", "1.75", "1.75", "万元", "1.75"],
    ["text with thousands separators", "1,234.5", "1,234.5", "万元", "1234.5"],
    ["`250万` in a 万元 table", "250万", "250万", "万元", "250"],
    ["`250万元` in a 万元 table", "250万元", "250万元", "万元", "250"],
    ["`2,500,000元` in a 万元 table", "2,500,000元", "2,500,000元", "万元", "250"],
    ["`2.5万元` in a 元 table", "2.5万元", "2.5万元", "元", "25000"],
    ["`1.2亿元` in a 万元 table", "1.2亿元", "1.2亿元", "万元", "12000"],
    ["full-width digits", "１．７５", "１．７５", "万元", "1.75"],
    ["full-width with unit", "２５０万", "２５０万", "万元", "250"],
    ["a yuan sign", "¥1,000.5", "¥1,000.5", "元", "1000.5"],
    ["inner spaces", " 17 .47 ", " 17 .47 ", "万元", "17.47"],
  ])("%s", (_what, value, text, unit, amount) => {
    const r = parseAmount(value, text, unit);
    expect(r.error).toBeUndefined();
    expect(r.amount).toBe(amount);
  });

  it("notes the unit written in the cell and text storage", () => {
    expect(parseAmount("250万", "250万", "万元")).toEqual({ amount: "250", statedUnit: "万", asText: true });
    expect(parseAmount(250, "250", "万元")).toEqual({ amount: "250" });
  });

  it.each<[string, number | string | null, string]>([
    ["an empty cell", null, ""],
    ["spaces", "  ", "  "],
    ["a dash", "-", "-"],
    ["an em dash", "—", "—"],
    ["a slash", "/", "/"],
    ["无", "无", "无"],
  ])("reads %s as blank", (_what, value, text) => {
    expect(parseAmount(value, text, "万元")).toEqual({ amount: null });
  });

  it.each<[string, string]>([
    ["待定", "不是金额：待定"],
    ["约50万", "不是金额：约50万"],
    ["50美元", "不是金额：50美元"],
    ["#REF!", "公式错误 #REF!"],
    ["#DIV/0!", "公式错误 #DIV/0!"],
  ])("reports %s", (text, error) => {
    expect(parseAmount(text, text, "万元")).toEqual({ amount: null, error });
  });
});

describe("budgetSplit: the fiscal line and everything else", () => {
  const line = (label: string, amount: string | null, parent: string | null, fiscal: boolean): FundComponent => ({
    label,
    amount,
    parent,
    fiscal,
    cell: null,
  });
  const budget = (...components: FundComponent[]): Budget => ({
    total: null,
    totalCell: null,
    adjusted: null,
    adjustedCell: null,
    components,
  });

  it("counts a blank as 0 (the seed's first table)", () => {
    expect(budgetSplit(budget(line("财政资金", null, null, true), line("其他资金", "1.75", null, false)))).toEqual({
      fiscal: "0",
      other: "1.75",
    });
  });

  it("takes the fiscal line, not its parts again, and sums every other line", () => {
    const b = budget(
      line("财政拨款", "80", null, true),
      line("当年财政拨款", "60", "财政拨款", true),
      line("上年结转", "20", "财政拨款", true),
      line("财政专户管理资金", "15", null, false),
      line("单位资金", "5", null, false),
    );
    expect(budgetSplit(b)).toEqual({ fiscal: "80", other: "20" });
  });

  it("sums the parts where the fiscal line is blank", () => {
    const b = budget(
      line("财政资金", null, null, true),
      line("其他资金", null, null, false),
      line("上级资金", "30", "财政资金", true),
      line("本级资金", "20", "财政资金", true),
    );
    expect(budgetSplit(b)).toEqual({ fiscal: "50", other: "0" });
  });

  it("sums fiscal parts that stand without a fiscal line", () => {
    const b = budget(line("当年财政拨款", "0.1", null, true), line("上年结转", "0.2", null, true));
    expect(budgetSplit(b)).toEqual({ fiscal: "0.3", other: "0" });
  });
});
