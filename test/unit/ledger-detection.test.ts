/** Which sheets of a workbook are payment ledgers: the columns, and the sheet saying it records payments. */
import { Grid } from "../../src/core/grid";
import { csvSheet } from "../../src/core/ledger/csv";
import { findLedgerHeader } from "../../src/core/ledger/headers";

const generic = [["日期", "项目", "金额"]];

describe("ledger detection in a workbook", () => {
  it.each([
    ["采购计划", generic, false],
    ["支付明细", generic, true],
    ["Sheet1", [["支付日期", "项目编码", "支付金额"]], true],
    ["Sheet1", [["日期", "项目名称", "金额", "凭证号"]], true],
  ])("sheet %s with headers %j is a ledger: %s", (name, rows, expected) => {
    expect(findLedgerHeader(new Grid(csvSheet(name, rows)), { inWorkbook: true }) !== null).toBe(expected);
  });

  it("a file imported as payments needs only the columns", () => {
    expect(findLedgerHeader(new Grid(csvSheet("采购计划", generic)))).not.toBeNull();
  });
});
