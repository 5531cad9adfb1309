/** Reading single cells the way a person reads them: percentages, amounts, text, indicator values. */
import type { Grid } from "../grid";
import type { Diagnostic, PlanCheckpoint } from "../model";
import { cellAddress } from "../address";
import { parseAmount } from "../amount";
import { decimalFromNumber, decimalFromText, shiftDecimal } from "../decimal";
import { cleanText, isBlank, toHalfWidth } from "../text";
import { parseComparator } from "../grammar";

export interface ReadContext {
  diagnostics: Diagnostic[];
}

export function diag(ctx: ReadContext, sheet: string, cell: string, message: string, messageEn?: string): void {
  ctx.diagnostics.push({ sheet, cell, message, ...(messageEn ? { messageEn } : {}) });
}

/** The cleaned text of a cell, or null when blank. */
export function textAt(grid: Grid, row: number, col: number): string | null {
  const t = grid.text(row, col);
  if (isBlank(t)) return null;
  return cleanText(t);
}

const ERROR_TEXT = /^#(REF!|DIV\/0!|N\/A|VALUE!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA)$/;

export function isErrorText(s: string): boolean {
  return ERROR_TEXT.test(s.trim());
}

/** The text of a 指标值 cell; a formula error (`#REF!`) is reported by cell and read as blank. */
export function valueTextAt(grid: Grid, row: number, col: number, ctx: ReadContext): string | null {
  const text = textAt(grid, row, col);
  if (text === null || !isErrorText(text)) return text;
  diag(
    ctx,
    grid.name,
    cellAddress(row, col),
    `指标值是公式错误 ${text}，按空白处理`,
    "Indicator value is a formula error; read as blank",
  );
  return null;
}

/** Reads an amount into the table's unit; reports an unreadable cell and yields null. */
export function amountAt(
  grid: Grid,
  row: number,
  col: number,
  unit: string,
  ctx: ReadContext,
  what: string,
): string | null {
  const text = grid.text(row, col);
  const value = grid.value(row, col);
  if (typeof value === "string" && isErrorText(value)) {
    diag(
      ctx,
      grid.name,
      cellAddress(row, col),
      `${what}是公式错误 ${value.trim()}，按空白处理`,
      `${what} is a formula error`,
    );
    return null;
  }
  const parsed = parseAmount(value, text, unit);
  if (parsed.error) {
    diag(ctx, grid.name, cellAddress(row, col), `${what}无法读作金额：“${text.trim()}”`, `${what} is not an amount`);
    return null;
  }
  return parsed.amount;
}

interface RawPercent {
  percent: string | null;
  /** A bare number with no % anywhere: maybe a fraction (0.24) the reader must scale. */
  bare: boolean;
}

/** Reads one plan cell: 0.24 shown as `24%` is 24; `24%` as text is 24; `24` is 24. */
export function rawPercentAt(grid: Grid, row: number, col: number, ctx: ReadContext): RawPercent {
  const value = grid.value(row, col);
  const text = toHalfWidth(grid.text(row, col)).replace(/\s+/g, "");
  if (text === "" || value === null) return { percent: null, bare: false };
  if (typeof value === "number") {
    const d = decimalFromNumber(value);
    if (d === null) return { percent: null, bare: false };
    if (text.includes("%")) {
      // As a person reads it: 0.245 shown as `25%` is 25.
      const shown = /^(-?\d+(?:\.\d+)?)%$/.exec(text);
      return { percent: shown ? decimalFromText(shown[1]) : shiftDecimal(d, 2), bare: false };
    }
    return { percent: d, bare: true };
  }
  if (isErrorText(text)) {
    diag(ctx, grid.name, cellAddress(row, col), `支出计划是公式错误 ${text}`, "Plan percentage is a formula error");
    return { percent: null, bare: false };
  }
  if (/^[-—–/无]$/.test(text)) return { percent: null, bare: false };
  const m = /^(\d+(?:\.\d+)?)(%|百分比)?$/.exec(text);
  if (!m) {
    diag(
      ctx,
      grid.name,
      cellAddress(row, col),
      `支出计划无法读作百分比：“${grid.text(row, col).trim()}”`,
      "Plan percentage unreadable",
    );
    return { percent: null, bare: false };
  }
  return { percent: decimalFromText(m[1]), bare: !m[2] };
}

/**
 * Turns raw plan cells into percentages. A plan of bare numbers no greater than 1 ending at 1
 * (0.24, 0.5, 1) was typed as fractions without a % format: it is scaled, with a diagnostic.
 */
export function finishPlan(
  raw: { label: string; cell: string; value: RawPercent }[],
  sheet: string,
  ctx: ReadContext,
): PlanCheckpoint[] {
  const filled = raw.filter((r) => r.value.percent !== null);
  const fractions =
    filled.length > 0 &&
    filled.every((r) => r.value.bare && Number(r.value.percent) <= 1) &&
    filled.some((r) => Number(r.value.percent) === 1);
  if (fractions) {
    diag(
      ctx,
      sheet,
      filled[0].cell,
      "支出计划填的是小数（如 0.5），已按百分比读取",
      "Plan typed as fractions; read as percentages",
    );
  }
  return raw.map((r) => ({
    label: r.label,
    percent: r.value.percent === null ? null : Number(fractions ? shiftDecimal(r.value.percent, 2) : r.value.percent),
    cell: r.cell,
  }));
}

export type DirectionInfo = { direction: "positive" | "negative" | null; op: ReturnType<typeof parseComparator> };

/** Reads a 指标方向/指标性质 cell: `正向`/`反向` give a direction, comparator words or symbols an op. */
export function directionOf(text: string | null): DirectionInfo {
  if (text === null) return { direction: null, op: null };
  const t = toHalfWidth(text).replace(/\s+/g, "");
  if (/^正向(指标)?$/.test(t)) return { direction: "positive", op: null };
  if (/^(反向|逆向)(指标)?$/.test(t)) return { direction: "negative", op: null };
  return { direction: null, op: parseComparator(t) };
}

/** Whether `joinValue` appends the unit cell's text to the value (a number not already ending in it). */
function unitJoined(valueText: string, unitText: string | null): boolean {
  const v = valueText.trim();
  const unit = unitText?.trim() ?? "";
  return unit !== "" && !toHalfWidth(v).endsWith(toHalfWidth(unit)) && /\d$/.test(toHalfWidth(v));
}

/**
 * An indicator's `valueParts` (the 指标值 and 计量单位 cells its value was joined from, with their
 * texts) where `joinValue` appends the unit cell's text; an empty object otherwise.
 */
export function valuePartsOf(
  value: { cell: string | null; text: string | null },
  unit: { cell: string | null; text: string | null },
): { valueParts?: { cell: string; text: string }[] } {
  if (value.cell === null || value.text === null || unit.cell === null || !unitJoined(value.text, unit.text)) return {};
  return {
    valueParts: [
      { cell: value.cell, text: value.text },
      { cell: unit.cell, text: unit.text! },
    ],
  };
}

/**
 * Joins split indicator columns as a person writes them: op `≥`, value `95`, unit `%` → `≥95%`.
 * `=` is left out, as tables write it; a unit already in the value text is not repeated.
 */
export function joinValue(opText: string | null, valueText: string, unitText: string | null): string {
  const op = opText === null ? null : parseComparator(opText);
  let v = valueText.trim();
  if (unitJoined(valueText, unitText)) v += unitText!.trim();
  if (op && op.op !== "=" && !/^[≥≤<>=≧≦＞＜＝]/.test(v)) v = op.op + v;
  return v;
}
