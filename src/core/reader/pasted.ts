/**
 * Tables laid out as forms: Word tables pasted into Excel (the seed), and the Excel templates of
 * other provinces. Tables are found by their labels (项目名称 / 项目编码) wherever they stand; each
 * field is then looked up by label within the table's rows, so merges, spacer rows and columns, and
 * column order do not matter.
 */
import type { Grid } from "../grid";
import type { FundComponent, Indicator, TargetTable } from "../model";
import { cellAddress, rangeAddress, type RangeRef } from "../address";
import * as L from "../labels";
import { parseTarget } from "../grammar";
import { bracketNotes, cleanText, isBlank, splitItems, toHalfWidth } from "../text";
import { canonicalMoneyUnit } from "../amount";
import {
  amountAt,
  diag,
  directionOf,
  finishPlan,
  joinValue,
  valuePartsOf,
  rawPercentAt,
  textAt,
  valueTextAt,
  type ReadContext,
} from "./cells";
import { yearOf } from "./year";
import { headerLines, type HeaderLines } from "./header-lines";

interface Pos {
  row: number;
  col: number;
}

/** Tracks the cells a table was read from, for its range. */
class Extent {
  top = Infinity;
  left = Infinity;
  bottom = -Infinity;
  right = -Infinity;
  add(grid: Grid, row: number, col: number): void {
    const m = grid.merge(row, col) ?? { top: row, left: col, bottom: row, right: col };
    this.top = Math.min(this.top, m.top);
    this.left = Math.min(this.left, m.left);
    this.bottom = Math.max(this.bottom, m.bottom);
    this.right = Math.max(this.right, m.right);
  }
  get range(): RangeRef {
    return { top: this.top, left: this.left, bottom: this.bottom, right: this.right };
  }
}

export interface PastedReadState {
  /** The unit and department lines last seen, for tables that state none of their own. */
  lastHeader: HeaderLines;
}

/** Rows of a sheet that other readers (lists) have claimed. */
export type RowFilter = (row: number) => boolean;

/** Finds the rows where tables start: a 项目名称 or 项目编码 label with its value beside it. */
function findAnchors(grid: Grid, skip: RowFilter): Pos[] {
  const found: Pos[] = [];
  for (let r = grid.top; r <= grid.bottom; r++) {
    if (skip(r)) continue;
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const k = grid.key(r, c);
      if (!L.NAME.has(k) && !L.CODE.has(k)) continue;
      const c2 = grid.nextCol(r, c);
      // In a list, the label's neighbour is another header; in a form, it is the value.
      if (c2 <= grid.right && L.isFormLabel(grid.key(r, c2))) continue;
      found.push({ row: r, col: c });
    }
  }
  // A table's code and name labels stand in the same or adjacent rows: one anchor per table.
  const anchors: Pos[] = [];
  for (const p of found) {
    const last = anchors[anchors.length - 1];
    if (last && p.row - last.row <= 2) continue;
    anchors.push(p);
  }
  return anchors;
}

/**
 * Columns of rows [top, bottom] where no cell starts: no text of its own and no merge beginning
 * there. Pasted tables sometimes carry such blank spacer columns between a label and its value.
 */
function spacerColumns(grid: Grid, top: number, bottom: number): Set<number> {
  const spacers = new Set<number>();
  for (let c = grid.left; c <= grid.right; c++) {
    let starts = false;
    for (let r = top; r <= bottom && !starts; r++) {
      const m = grid.merge(r, c);
      if (m ? m.left === c && m.top === r : !isBlank(grid.ownText(r, c))) starts = true;
    }
    if (!starts) spacers.add(c);
  }
  return spacers;
}

/**
 * The cell holding a label's value: to its right (past blank spacer columns), or below it when its
 * neighbour is a label too.
 */
function valueCell(grid: Grid, row: number, col: number, spacers: ReadonlySet<number>): Pos | null {
  let c2 = grid.nextCol(row, col);
  const beside = c2;
  while (c2 <= grid.right && spacers.has(c2) && grid.merge(row, c2) === null) c2++;
  // A blank value is followed by the next label: the value is the blank cell beside the label.
  if (c2 !== beside && (c2 > grid.right || L.isFormLabel(grid.key(row, c2)) || grid.isBlank(row, c2))) c2 = beside;
  if (c2 <= grid.right && !L.isFormLabel(grid.key(row, c2))) return { row, col: c2 };
  const r2 = grid.nextRow(row, col);
  if (c2 > grid.right || (r2 <= grid.bottom && !isBlank(grid.text(r2, col)) && !L.isFormLabel(grid.key(r2, col))))
    return r2 <= grid.bottom ? { row: r2, col } : null;
  return { row, col: c2 };
}

/**
 * The text of a label's value, and the cells below it that continue it: Excel splits a Word cell's
 * paragraphs into rows, leaving the label merged down beside them (`绩效目标` over two rows, one
 * goal a row).
 */
function valueText(grid: Grid, label: Pos, value: Pos, extent: Extent | null): string | null {
  const parts: string[] = [];
  const own = textAt(grid, value.row, value.col);
  if (own !== null) parts.push(own);
  const m = grid.merge(label.row, label.col);
  const beside = value.row === label.row;
  if (m && beside) {
    for (let r = grid.nextRow(value.row, value.col); r <= m.bottom; r = grid.nextRow(r, value.col)) {
      if (grid.master(r, value.col).row !== r) continue;
      if (L.isFormLabel(grid.key(r, value.col))) break;
      const t = textAt(grid, r, value.col);
      if (t === null) continue;
      parts.push(t);
      extent?.add(grid, r, value.col);
    }
  }
  return parts.length === 0 ? null : parts.join("\n");
}

interface LabelHit extends Pos {
  key: string;
  raw: string;
}

/** Every label cell in rows [top, bottom], in reading order. */
function labelsIn(grid: Grid, top: number, bottom: number): LabelHit[] {
  const hits: LabelHit[] = [];
  for (let r = top; r <= bottom; r++) {
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const k = grid.key(r, c);
      if (k !== "" && L.isFormLabel(k)) hits.push({ row: r, col: c, key: k, raw: grid.text(r, c) });
    }
  }
  return hits;
}

function first(hits: LabelHit[], set: ReadonlySet<string>): LabelHit | undefined {
  return hits.find((h) => set.has(h.key));
}

interface IndicatorColumns {
  headerRow: number;
  dataStart: number;
  spans: Partial<Record<IndicatorField, { left: number; right: number }>>;
}

type IndicatorField = "level1" | "level2" | "level3" | "description" | "value" | "basis" | "op" | "direction" | "unit";

const INDICATOR_FIELDS: [IndicatorField, ReadonlySet<string>][] = [
  ["level1", L.LEVEL1],
  ["level2", L.LEVEL2],
  ["level3", L.LEVEL3],
  ["description", L.DESCRIPTION],
  ["value", L.VALUE],
  ["basis", L.BASIS],
  ["op", L.OPERATOR],
  ["direction", L.DIRECTION],
  ["unit", L.MEASURE_UNIT],
];

function indicatorFieldOf(key: string): IndicatorField | null {
  for (const [f, s] of INDICATOR_FIELDS) if (s.has(key)) return f;
  return null;
}

/** Finds the indicator header (一级/二级/三级 指标…) in rows [top, bottom], one or two rows deep. */
export function findIndicatorHeader(grid: Grid, top: number, bottom: number): IndicatorColumns | null {
  for (let r = top; r <= bottom; r++) {
    const fields = new Map<IndicatorField, { left: number; right: number }>();
    let headerBottom = r;
    for (let c = grid.left; c <= grid.right; c++) {
      if (grid.isCovered(r, c)) continue;
      const f = indicatorFieldOf(grid.key(r, c));
      if (!f || fields.has(f)) continue;
      const m = grid.merge(r, c);
      fields.set(f, { left: c, right: m ? m.right : c });
      if (m) headerBottom = Math.max(headerBottom, m.bottom);
    }
    const isHeader = fields.has("level3") && (fields.has("level1") || fields.has("level2") || fields.has("value"));
    if (!isHeader) continue;
    // A second header row splits a header merged across columns (指标值 → 指标性质 | 指标值 | 计量单位);
    // the other labels are then merged down through it.
    const sub = r + 1;
    let subFields = 0;
    if (sub <= grid.bottom) {
      const groups = [...fields.values()].filter((s) => s.right > s.left);
      for (let c = grid.left; c <= grid.right; c++) {
        if (grid.isCovered(sub, c)) continue;
        if (!groups.some((g) => g.left <= c && c <= g.right)) continue;
        const f = indicatorFieldOf(grid.key(sub, c));
        if (!f) continue;
        subFields++;
        const m = grid.merge(sub, c);
        const span = { left: c, right: m ? m.right : c };
        // The sub-label takes its columns from whatever header spanned them.
        for (const [g, s] of [...fields]) {
          if (g !== f && s.left <= span.left && s.right >= span.right) {
            if (s.left === span.left && s.right === span.right) fields.delete(g);
            else if (s.left === span.left) fields.set(g, { left: span.right + 1, right: s.right });
            else if (s.right === span.right) fields.set(g, { left: s.left, right: span.left - 1 });
          }
        }
        fields.set(f, span);
      }
    }
    return {
      headerRow: r,
      dataStart: Math.max(headerBottom, subFields > 0 ? sub : r) + 1,
      spans: Object.fromEntries(fields),
    };
  }
  return null;
}

/** The first non-blank cell of a column span in a row (merge-resolved), or the span's first cell. */
function spanCell(grid: Grid, row: number, span: { left: number; right: number } | undefined): Pos | null {
  if (!span) return null;
  for (let c = span.left; c <= span.right; c++) if (!grid.isBlank(row, c)) return { row, col: c };
  return { row, col: span.left };
}

/** How a 一级 indicator reads (`产出指标`, `效益`, `满意度指标`, `实施效果指标`). */
const INDICATOR_LEVEL_RE = /(指标|产出|效益|效果|成本|满意度)$/;

/** Reads the indicator rows under a header until a blank row or another table's label. */
export function readIndicatorRows(
  grid: Grid,
  cols: IndicatorColumns,
  lastRow: number,
  extent: Extent | null,
  qualifier: (addr: string) => string,
  ctx: ReadContext,
): Indicator[] {
  const out: Indicator[] = [];
  const spans = cols.spans;
  const all = Object.values(spans);
  const left = Math.min(...all.map((s) => s.left));
  const right = Math.max(...all.map((s) => s.right));
  let prev1 = "";
  let prev2 = "";
  // A blank spacer row between the header and the first indicator row.
  let start = cols.dataStart;
  const level1At = (r: number): string => {
    const p = spanCell(grid, r, spans.level1 ?? spans.level2);
    return p ? grid.key(p.row, p.col) : "";
  };
  if (start < lastRow && grid.rowBlank(start, left, right) && INDICATOR_LEVEL_RE.test(level1At(start + 1))) start++;
  for (let r = start; r <= lastRow; r++) {
    let own = false;
    let covered = false;
    let stop = false;
    for (let c = left; c <= right; c++) {
      const m = grid.merge(r, c);
      if (m && (m.top !== r || m.left !== c)) {
        if (m.top >= cols.dataStart && m.top < r) covered = true;
        continue;
      }
      if (!isBlank(grid.ownText(r, c))) {
        own = true;
        const k = grid.key(r, c);
        if (L.NAME.has(k) || L.CODE.has(k) || L.OTHER_FORM_LABELS.has(k) || L.PLAN.has(k) || L.LEVEL1.has(k))
          stop = true;
      }
    }
    if (stop || (!own && !covered)) break;
    const at = (f: IndicatorField): Pos | null => spanCell(grid, r, spans[f]);
    // Excel splits a Word cell's paragraphs into rows and merges the row's other cells down over
    // them: a row whose 三级 and 指标值 continue the previous row's merges adds to its text.
    const last = out[out.length - 1];
    const startsAbove = (f: IndicatorField): boolean => {
      const p = at(f);
      return p !== null && grid.master(p.row, p.col).row < r && !grid.isBlank(p.row, p.col);
    };
    if (last && startsAbove("level3") && (spans.value === undefined || startsAbove("value"))) {
      const more = (f: "description" | "basis"): void => {
        const p = at(f);
        if (!p || grid.master(p.row, p.col).row !== r) return;
        const t = textAt(grid, p.row, p.col);
        if (t !== null) last[f] = last[f] === null ? t : cleanText(`${last[f]}\n${t}`);
      };
      more("description");
      more("basis");
      if (extent) for (let c = left; c <= right; c++) if (!grid.isBlank(r, c)) extent.add(grid, r, c);
      continue;
    }
    const read = (f: IndicatorField): string | null => {
      const p = at(f);
      return p ? textAt(grid, p.row, p.col) : null;
    };
    const l1Raw = read("level1");
    const l2Raw = read("level2");
    const level3 = read("level3");
    const description = read("description");
    const valueAt = at("value");
    const valueText = valueAt ? valueTextAt(grid, valueAt.row, valueAt.col, ctx) : null;
    const basis = read("basis");
    const opText = read("op");
    const unitText = read("unit");
    const dirText = read("direction");
    if (level3 === null && valueText === null && description === null && basis === null) {
      // An empty row inside a merged group: a template row left unfilled.
      if (l1Raw !== null) prev1 = l1Raw;
      if (l2Raw !== null) prev2 = l2Raw;
      continue;
    }
    const l1Carried = l1Raw === null && prev1 !== "";
    const level1 = l1Raw ?? prev1;
    const level2 = l2Raw ?? (l1Carried || level1 === prev1 ? prev2 : "");
    prev1 = level1;
    prev2 = level2;
    const dir = directionOf(dirText);
    const opInfo = directionOf(opText);
    const opWord = opText !== null && opInfo.op ? opText : dir.op ? dirText : null;
    const value = valueText === null ? "" : joinValue(opWord, valueText, unitText);
    const valuePos = at("value") ?? at("level3")!;
    const addr = (p: Pos | null): string | null => (p ? qualifier(cellAddress(p.row, p.col)) : null);
    out.push({
      level1,
      level2,
      level3: level3 ?? "",
      description,
      value,
      target: parseTarget(value),
      basis,
      direction: dir.direction ?? opInfo.direction,
      cell: addr(valuePos)!,
      cells: {
        level1: addr(at("level1")),
        level2: addr(at("level2")),
        level3: addr(at("level3")),
        description: addr(at("description")),
        basis: addr(at("basis")),
      },
      ...valuePartsOf({ cell: addr(at("value")), text: valueText }, { cell: addr(at("unit")), text: unitText }),
      row: r,
    });
    if (extent) for (let c = left; c <= right; c++) if (!grid.isBlank(r, c)) extent.add(grid, r, c);
  }
  return out;
}

/** A money unit stated in the brackets of a budget label (`项目资金（万元）`, `预算数（万元）`), or null. */
function bracketUnit(hits: LabelHit[]): string | null {
  for (const h of hits) {
    if (!L.BUDGET_BLOCK.has(h.key) && !L.BUDGET_TOTAL.has(h.key) && !L.isFundLabel(h.key)) continue;
    for (const note of bracketNotes(h.raw)) {
      const unit = canonicalMoneyUnit(note.replace(/^(?:金额)?单位[:：]/, ""));
      if (unit) return unit;
    }
  }
  return null;
}

/**
 * The fund labels that belong to the annual budget. Where a template sets a long-term total
 * (中期资金总额) beside the annual one, each with its own 其中 lines, the lines in the long-term
 * total's columns are left out.
 */
function annualFundHits(grid: Grid, hits: LabelHit[]): LabelHit[] {
  const funds = hits.filter((h) => L.isFundLabel(h.key));
  const total = first(hits, L.BUDGET_TOTAL);
  const longTerm = hits.filter((h) => L.BUDGET_LONG_TERM.has(h.key));
  if (longTerm.length === 0) return funds;
  const columns = (h: LabelHit): { left: number; right: number } => {
    const m = grid.merge(h.row, h.col);
    return m ? { left: m.left, right: m.right } : { left: h.col, right: h.col };
  };
  const overlaps = (a: { left: number; right: number }, b: { left: number; right: number }): boolean =>
    a.left <= b.right && b.left <= a.right;
  const longCols = longTerm.map(columns);
  if (total && longCols.some((c) => overlaps(c, columns(total)))) return funds;
  return funds.filter((h) => !longCols.some((c) => overlaps(c, columns(h))));
}

/** Reads the fund lines of a table: the fiscal line, its parts, and every other component. */
function readFunds(
  grid: Grid,
  hits: LabelHit[],
  unit: string,
  ctx: ReadContext,
  extent: Extent,
  spacers: ReadonlySet<number>,
): FundComponent[] {
  const fundHits = annualFundHits(grid, hits);
  const hasFiscalLine = fundHits.some((h) => L.FISCAL.has(h.key));
  const fiscalLine = fundHits.find((h) => L.FISCAL.has(h.key));
  const seen = new Set<string>();
  const out: FundComponent[] = [];
  for (const h of fundHits) {
    const label = h.key;
    if (seen.has(label)) continue;
    seen.add(label);
    const v = valueCell(grid, h.row, h.col, spacers);
    extent.add(grid, h.row, h.col);
    if (v) extent.add(grid, v.row, v.col);
    const isPart = L.FISCAL_PARTS.has(label);
    out.push({
      label,
      amount: v ? amountAt(grid, v.row, v.col, unit, ctx, label) : null,
      parent: isPart && hasFiscalLine ? fiscalLine!.key : null,
      fiscal: L.FISCAL.has(label) || isPart,
      cell: v ? cellAddress(v.row, v.col) : null,
    });
  }
  return out;
}

/** The usage text: a 资金用途 label's value, or the text row inside the 预算规模及资金用途 block. */
function readUsage(grid: Grid, hits: LabelHit[], before: number, spacers: ReadonlySet<number>): Pos | null {
  const usage = first(hits, L.USAGE);
  if (usage) return valueCell(grid, usage.row, usage.col, spacers);
  const block = first(hits, L.BUDGET_BLOCK);
  if (!block) return null;
  const m = grid.merge(block.row, block.col);
  const bottom = Math.min(m ? m.bottom : block.row + 3, before - 1);
  for (let r = block.row; r <= bottom; r++) {
    // Rows with fund labels hold amounts, not the usage text.
    if (
      hits.some(
        (h) => h.row === r && (L.isFundLabel(h.key) || L.BUDGET_TOTAL.has(h.key) || L.BUDGET_ADJUSTED.has(h.key)),
      )
    )
      continue;
    if (r !== block.row && !m && !isBlank(grid.ownText(r, block.col))) break;
    for (let c = grid.nextCol(block.row, block.col); c <= grid.right; c++) {
      if (grid.isCovered(r, c) && grid.master(r, c).row !== r) continue;
      if (!grid.isBlank(r, c) && !L.isFormLabel(grid.key(r, c))) return grid.master(r, c);
    }
  }
  return null;
}

function readPlan(grid: Grid, hits: LabelHit[], ctx: ReadContext, extent: Extent): TargetTable["plan"] {
  const plan = first(hits, L.PLAN);
  if (!plan) return [];
  extent.add(grid, plan.row, plan.col);
  const raw: Parameters<typeof finishPlan>[0] = [];
  const m = grid.merge(plan.row, plan.col);
  const rows = [plan.row, plan.row + 1, ...(m && m.bottom > plan.row + 1 ? [m.bottom] : [])];
  // Checkpoints across a row, their values below them.
  for (const r of rows) {
    for (let c = grid.nextCol(plan.row, plan.col); c <= grid.right; c = grid.nextCol(r, c)) {
      if (grid.isCovered(r, c) && grid.master(r, c).row !== r) continue;
      const label = L.checkpointLabel(grid.text(r, c));
      if (!label) continue;
      const vr = grid.nextRow(r, c);
      raw.push({ label, cell: cellAddress(vr, c), value: rawPercentAt(grid, vr, c, ctx) });
      extent.add(grid, r, c);
      extent.add(grid, vr, c);
    }
    if (raw.length > 0) break;
  }
  // Or checkpoints down a column, their values to the right.
  if (raw.length === 0) {
    const c = grid.nextCol(plan.row, plan.col);
    const bottom = m ? m.bottom : plan.row + 6;
    for (let r = plan.row; r <= Math.min(bottom, grid.bottom); r++) {
      const label = L.checkpointLabel(grid.text(r, c));
      if (!label) continue;
      const vc = grid.nextCol(r, c);
      raw.push({ label, cell: cellAddress(r, vc), value: rawPercentAt(grid, r, vc, ctx) });
      extent.add(grid, r, vc);
    }
  }
  if (raw.length === 0)
    diag(
      ctx,
      grid.name,
      cellAddress(plan.row, plan.col),
      "资金支出计划没有可识别的时间点（如 3月底）",
      "No plan checkpoints found",
    );
  return finishPlan(raw, grid.name, ctx);
}

function readGoals(
  grid: Grid,
  hits: LabelHit[],
  extent: Extent,
  spacers: ReadonlySet<number>,
): { goals: string[]; long: string[]; cell: string | null } {
  const textOf = (h: LabelHit | undefined): { text: string; cell: string } | null => {
    if (!h) return null;
    const v = valueCell(grid, h.row, h.col, spacers);
    if (!v || L.isFormLabel(grid.key(v.row, v.col))) return null;
    extent.add(grid, h.row, h.col);
    extent.add(grid, v.row, v.col);
    const t = valueText(grid, h, v, extent);
    return { text: t ?? "", cell: cellAddress(v.row, v.col) };
  };
  const annual = textOf(first(hits, L.GOALS_ANNUAL)) ?? textOf(first(hits, L.GOALS_GENERIC));
  const long = textOf(first(hits, L.GOALS_LONG));
  return {
    goals: annual ? splitItems(annual.text) : [],
    long: long ? splitItems(long.text) : [],
    cell: annual?.cell ?? null,
  };
}

/** Reads every form-layout table on a sheet. */
export function readPastedSheet(grid: Grid, ctx: ReadContext, skip: RowFilter, state: PastedReadState): TargetTable[] {
  const anchors = findAnchors(grid, skip);
  const tables: TargetTable[] = [];
  let prevEnd = grid.top - 1;
  for (let i = 0; i < anchors.length; i++) {
    const anchor = anchors[i];
    const regionEnd = i + 1 < anchors.length ? anchors[i + 1].row - 1 : grid.bottom;
    const extent = new Extent();
    const header = headerLines(grid, prevEnd + 1, anchor.row - 1, null);
    for (const p of header.cells) extent.add(grid, p.row, p.col);

    const ind = findIndicatorHeader(grid, anchor.row, regionEnd);
    const fieldsBottom = ind ? ind.headerRow - 1 : regionEnd;
    const hits = labelsIn(grid, anchor.row, fieldsBottom);
    const spacers = spacerColumns(grid, anchor.row, regionEnd);
    // Lines inside the table may state the unit or department too (`金额单位：万元` in the first row).
    const inner = headerLines(grid, anchor.row, fieldsBottom, header);
    // Then a unit in a budget label's brackets (`项目资金（万元）`), then the lines of an earlier table.
    const statedUnit = inner.unit ?? bracketUnit(hits) ?? state.lastHeader.unit;
    const unit = statedUnit ?? "万元";
    if (!statedUnit)
      diag(
        ctx,
        grid.name,
        cellAddress(anchor.row, anchor.col),
        "未找到金额单位（如“单位：万元”），按万元读取",
        "No unit line found; amounts read as 万元",
      );

    const fieldText = (set: ReadonlySet<string>): { text: string | null; cell: string | null } => {
      const h = first(hits, set);
      if (!h) return { text: null, cell: null };
      extent.add(grid, h.row, h.col);
      const v = valueCell(grid, h.row, h.col, spacers);
      if (!v) return { text: null, cell: null };
      extent.add(grid, v.row, v.col);
      return { text: textAt(grid, v.row, v.col), cell: cellAddress(v.row, v.col) };
    };
    const code = fieldText(L.CODE);
    const name = fieldText(L.NAME);
    const deptField = fieldText(L.DEPARTMENT);

    const amountOf = (set: ReadonlySet<string>, what: string): { amount: string | null; cell: string | null } => {
      const h = first(hits, set);
      if (!h) return { amount: null, cell: null };
      extent.add(grid, h.row, h.col);
      const v = valueCell(grid, h.row, h.col, spacers);
      if (!v) return { amount: null, cell: null };
      extent.add(grid, v.row, v.col);
      return { amount: amountAt(grid, v.row, v.col, unit, ctx, what), cell: cellAddress(v.row, v.col) };
    };
    const total = amountOf(L.BUDGET_TOTAL, "预算数");
    const adjusted = amountOf(L.BUDGET_ADJUSTED, "全年预算数");
    const components = readFunds(grid, hits, unit, ctx, extent, spacers);
    const usagePos = readUsage(grid, hits, first(hits, L.PLAN)?.row ?? fieldsBottom + 1, spacers);
    if (usagePos) extent.add(grid, usagePos.row, usagePos.col);
    const usageLabel = first(hits, L.USAGE);
    const usage = usagePos
      ? usageLabel
        ? valueText(grid, usageLabel, usagePos, extent)
        : textAt(grid, usagePos.row, usagePos.col)
      : null;
    const plan = readPlan(grid, hits, ctx, extent);
    const goals = readGoals(grid, hits, extent, spacers);

    const qualifier = (a: string): string => a;
    let indicators: Indicator[] = [];
    if (ind) {
      for (const s of Object.values(ind.spans)) extent.add(grid, ind.headerRow, s.left);
      indicators = readIndicatorRows(grid, ind, regionEnd, extent, qualifier, ctx);
      if (indicators.length === 0)
        diag(
          ctx,
          grid.name,
          cellAddress(ind.headerRow, Math.min(...Object.values(ind.spans).map((s) => s.left))),
          "绩效指标表头下没有读到指标行",
          "No indicator rows under the indicator header",
        );
    } else {
      diag(
        ctx,
        grid.name,
        cellAddress(anchor.row, anchor.col),
        "未找到绩效指标表头（一级指标/二级指标/三级指标…）",
        "No indicator header found",
      );
    }

    const tableName = name.text ?? header.titleName ?? "";
    if (tableName === "")
      diag(ctx, grid.name, name.cell ?? cellAddress(anchor.row, anchor.col), "项目名称为空", "Project name is blank");
    const department = deptField.text ?? inner.department ?? state.lastHeader.department;
    const range = extent.range;
    tables.push({
      sheet: grid.name,
      range: rangeAddress(range),
      layout: "pasted",
      code: code.text === null ? null : toHalfWidth(code.text).replace(/\s+/g, ""),
      name: tableName,
      department,
      departmentCode: department ? (/^(\d{5,})/.exec(department)?.[1] ?? null) : null,
      year: yearOf(code.text, tableName, header.title) ?? header.year ?? inner.year,
      unit,
      budget: {
        total: total.amount,
        totalCell: total.cell,
        adjusted: adjusted.amount,
        adjustedCell: adjusted.cell,
        components,
      },
      usage,
      usageCell: usagePos ? cellAddress(usagePos.row, usagePos.col) : null,
      plan,
      goals: goals.goals,
      goalsCell: goals.cell,
      longTermGoals: goals.long,
      indicators,
      nameCell: name.cell,
      codeCell: code.cell,
    });
    state.lastHeader = {
      ...inner,
      unit: statedUnit,
      department: inner.department ?? state.lastHeader.department,
      cells: [],
      title: null,
      titleName: null,
      year: null,
    };
    prevEnd = Math.max(range.bottom, anchor.row);
  }
  return tables;
}
