/**
 * Finding a payment ledger (支付明细) on a sheet: a header row naming at least a date, an amount and
 * the project (code or name), with synonyms and columns in any order. The amount's unit comes from
 * the amount header's bracket (`支付金额（元）`) or a unit line above the header (`单位：万元`).
 */
import type { Grid } from "../grid";
import { canonicalMoneyUnit } from "../amount";
import { cellAddress } from "../address";
import * as L from "../labels";
import { bracketNotes, labelKey } from "../text";
import { unitOfLine } from "../reader/header-lines";

export type LedgerField = "date" | "code" | "name" | "amount" | "source" | "voucher" | "memo";

function set(...labels: string[]): ReadonlySet<string> {
  return new Set(labels.map(labelKey));
}

export const LEDGER_LABELS: Record<LedgerField, ReadonlySet<string>> = {
  date: set(
    "支付日期",
    "日期",
    "付款日期",
    "支出日期",
    "拨付日期",
    "交易日期",
    "记账日期",
    "入账日期",
    "凭证日期",
    "业务日期",
    "支付时间",
    "付款时间",
  ),
  code: new Set([...L.CODE, ...set("预算项目编码", "项目编码(代码)")]),
  name: set("项目名称", "项目", "预算项目", "预算项目名称", "项目全称"),
  amount: set(
    "支付金额",
    "金额",
    "付款金额",
    "支出金额",
    "拨付金额",
    "实付金额",
    "实际支付金额",
    "支付额",
    "发生额",
    "发生金额",
    "交易金额",
  ),
  source: set("资金来源", "资金性质", "资金类型", "资金类别", "经费来源", "来源", "资金渠道"),
  voucher: set("凭证号", "凭证编号", "支付凭证号", "凭证字号", "支付令号", "单据号", "流水号", "单号"),
  memo: set("摘要", "备注", "用途", "说明", "支付用途", "款项用途"),
};

const FIELDS = Object.keys(LEDGER_LABELS) as LedgerField[];

export function ledgerFieldOf(text: string): LedgerField | null {
  const key = labelKey(text);
  if (key === "") return null;
  for (const f of FIELDS) if (LEDGER_LABELS[f].has(key)) return f;
  return null;
}

export interface LedgerHeader {
  sheet: string;
  row: number;
  cols: Partial<Record<LedgerField, number>>;
  /** Money unit of the amount column. */
  unit: string;
  /** Whether a header or unit line said so (else 元 is assumed, with a diagnostic). */
  unitStated: boolean;
  /** Leftmost and rightmost ledger columns. */
  left: number;
  right: number;
}

/** Sheet names that say the sheet records payments. */
const PAYMENT_SHEET = /支付|付款|拨付|支出明细|明细|台账|流水|ledger|payment/i;

/** How many rows from a sheet's top a ledger header may stand at. */
const HEADER_SEARCH_ROWS = 30;

/**
 * The ledger header of a sheet, or null when the sheet holds no ledger. Among a workbook's sheets
 * (`inWorkbook`) the sheet must also say it records payments; a file the user imports as payments
 * needs only the columns.
 */
export function findLedgerHeader(grid: Grid, options: { inWorkbook?: boolean } = {}): LedgerHeader | null {
  if (grid.isEmpty) return null;
  for (let r = grid.top; r <= Math.min(grid.bottom, grid.top + HEADER_SEARCH_ROWS); r++) {
    const cols: Partial<Record<LedgerField, number>> = {};
    let amountText = "";
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const text = grid.text(r, c);
      const f = ledgerFieldOf(text);
      if (!f || cols[f] !== undefined) continue;
      cols[f] = c;
      if (f === "amount") amountText = text;
    }
    if (cols.date === undefined || cols.amount === undefined || (cols.code === undefined && cols.name === undefined))
      continue;
    // 日期 / 金额 / 项目 alone head many lists that are not payments (plans, purchases): a ledger
    // also says so by its sheet name, a voucher column, or payment-specific headers.
    const generic = (c: number | undefined): boolean =>
      c !== undefined && /^(日期|金额|项目)$/.test(labelKey(grid.text(r, c)));
    const saysPayments =
      PAYMENT_SHEET.test(grid.name) || cols.voucher !== undefined || !generic(cols.date) || !generic(cols.amount);
    if (options.inWorkbook && !saysPayments) continue;
    let unit: string | null = null;
    for (const note of bracketNotes(amountText)) unit ??= canonicalMoneyUnit(note.replace(/^单位[:：]/, ""));
    // A unit line above the header, or beside it in the header row.
    for (let rr = r; rr >= Math.max(grid.top, r - 3) && !unit; rr--)
      for (let c = grid.left; c <= grid.right && !unit; c++) {
        if (rr === r && Object.values(cols).includes(c)) continue;
        unit = unitOfLine(grid.text(rr, c));
      }
    const used = Object.values(cols);
    return {
      sheet: grid.name,
      row: r,
      cols,
      unit: unit ?? "元",
      unitStated: unit !== null,
      left: Math.min(...used),
      right: Math.max(...used),
    };
  }
  return null;
}

export function headerCell(h: LedgerHeader, f: LedgerField): string | null {
  const c = h.cols[f];
  return c === undefined ? null : cellAddress(h.row, c);
}
