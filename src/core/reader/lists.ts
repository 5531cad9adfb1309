/**
 * Flat lists: a project sheet (a row per project) and an indicator sheet (a row per indicator, keyed
 * by project code or name), with header synonyms and columns in any order.
 */
import type { Grid } from "../grid";
import type { FundComponent, Indicator, PlanCheckpoint, TargetTable } from "../model";
import { cellAddress, qualify, rangeAddress } from "../address";
import * as L from "../labels";
import { canonicalMoneyUnit } from "../amount";
import { parseTarget } from "../grammar";
import { bracketNotes, isBlank, labelKey, splitItems, toHalfWidth } from "../text";
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
import { headerLines, unitOfLine } from "./header-lines";
import { yearOf } from "./year";

type ProjectField =
  "code" | "name" | "department" | "year" | "total" | "adjusted" | "usage" | "goals" | "longGoals" | "unit";

type IndicatorField =
  "code" | "name" | "level1" | "level2" | "level3" | "description" | "value" | "basis" | "op" | "direction" | "unit";

const PROJECT_FIELDS: [ProjectField, ReadonlySet<string>][] = [
  ["code", L.CODE],
  ["name", L.NAME],
  ["department", L.DEPARTMENT],
  ["year", L.YEAR],
  ["total", L.BUDGET_TOTAL],
  ["adjusted", L.BUDGET_ADJUSTED],
  ["usage", L.USAGE],
  ["goals", L.GOALS_ANNUAL],
  ["goals", L.GOALS_GENERIC],
  ["longGoals", L.GOALS_LONG],
  ["unit", L.UNIT_HEADER],
];

const INDICATOR_FIELDS: [IndicatorField, ReadonlySet<string>][] = [
  ["code", L.CODE],
  ["name", L.NAME],
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

interface Header<F extends string> {
  row: number;
  /** Last header row (a second row may split a merged header). */
  bottom: number;
  cols: Map<F, number>;
  /** Fund components by column: the label key. */
  funds: Map<number, string>;
  /** Plan checkpoints by column. */
  checkpoints: Map<number, string>;
  /** Unit stated in the amount headers (`预算数（万元）`). */
  unit: string | null;
}

/**
 * The header cells of a list, one per column. A header may take two rows: a group label merged
 * across columns (`资金支出计划（%）`, `其中`) over its sub-labels (`3月底`, `财政拨款`), with every other
 * label merged down through both rows. Such a column's label is the lower row's text. A row counts
 * as the top of a two-row header only when every label outside a group is merged down or stands
 * over a blank cell, so a form's rows (a label beside its value) never pair up this way.
 */
function headerTexts(grid: Grid, row: number): { col: number; text: string; bottom: number }[] {
  const sub = row + 1;
  const isSubLabel = (c: number): boolean => {
    const t = grid.ownText(sub, c);
    return !isBlank(t) && (L.isFormLabel(labelKey(t)) || L.checkpointLabel(t) !== null);
  };
  let twoRows = false;
  if (sub <= grid.bottom) {
    let consistent = true;
    for (let c = grid.left; c <= grid.right && consistent; c++) {
      if (grid.isCovered(row, c) && grid.master(row, c).row !== row) {
        consistent = false;
        break;
      }
      const m = grid.merge(row, c);
      if (m !== null && m.right > m.left) {
        if (isSubLabel(c)) twoRows = true;
        continue;
      }
      if (m !== null && m.bottom >= sub) continue;
      if (!isBlank(grid.ownText(sub, c)) && !isBlank(grid.text(row, c))) consistent = false;
    }
    twoRows &&= consistent;
  }
  const out: { col: number; text: string; bottom: number }[] = [];
  for (let c = grid.left; c <= grid.right; c++) {
    const m = grid.merge(row, c);
    const spansCols = m !== null && m.right > m.left;
    if (twoRows && spansCols && isSubLabel(c)) out.push({ col: c, text: grid.ownText(sub, c), bottom: sub });
    else if (!grid.isCovered(row, c)) out.push({ col: c, text: grid.text(row, c), bottom: m ? m.bottom : row });
  }
  return out;
}

/** Whether the cell under a list's key header (its first data row) holds a value, not another label. */
function firstDataIsValue(grid: Grid, bottom: number, col: number | undefined): boolean {
  if (col === undefined || bottom + 1 > grid.bottom) return col !== undefined;
  return !L.isFormLabel(grid.key(bottom + 1, col));
}

function projectHeader(grid: Grid, row: number): Header<ProjectField> | null {
  const cols = new Map<ProjectField, number>();
  const funds = new Map<number, string>();
  const checkpoints = new Map<number, string>();
  let unit: string | null = null;
  let bottom = row;
  for (const h of headerTexts(grid, row)) {
    const key = labelKey(h.text);
    if (key === "") continue;
    const field = PROJECT_FIELDS.find(([, s]) => s.has(key))?.[0];
    const cp = L.checkpointLabel(h.text);
    if (field && !cols.has(field)) cols.set(field, h.col);
    else if (L.isFundLabel(key)) funds.set(h.col, key);
    else if (cp) checkpoints.set(h.col, cp);
    else continue;
    bottom = Math.max(bottom, h.bottom);
    for (const note of bracketNotes(h.text)) unit ??= canonicalMoneyUnit(note.replace(/^单位[:：]/, ""));
  }
  const hasKey = cols.has("code") || cols.has("name");
  const isProjects =
    hasKey &&
    (cols.has("total") || funds.size > 0 || checkpoints.size > 0 || cols.has("goals")) &&
    firstDataIsValue(grid, bottom, cols.get("code") ?? cols.get("name"));
  return isProjects ? { row, bottom, cols, funds, checkpoints, unit } : null;
}

function indicatorHeader(grid: Grid, row: number): Header<IndicatorField> | null {
  const cols = new Map<IndicatorField, number>();
  let bottom = row;
  for (const h of headerTexts(grid, row)) {
    const key = labelKey(h.text);
    const field = INDICATOR_FIELDS.find(([, s]) => s.has(key))?.[0];
    if (field && !cols.has(field)) {
      cols.set(field, h.col);
      bottom = Math.max(bottom, h.bottom);
    }
  }
  const ok =
    (cols.has("code") || cols.has("name")) &&
    cols.has("level3") &&
    cols.has("value") &&
    firstDataIsValue(grid, bottom, cols.get("code") ?? cols.get("name"));
  return ok ? { row, bottom, cols, funds: new Map(), checkpoints: new Map(), unit: null } : null;
}

/** Data rows under a header: until two blank rows in a row or the sheet's end. */
function dataRows(grid: Grid, header: { bottom: number }): number[] {
  const rows: number[] = [];
  let blanks = 0;
  for (let r = header.bottom + 1; r <= grid.bottom; r++) {
    if (grid.rowBlank(r)) {
      if (++blanks >= 2) break;
      continue;
    }
    blanks = 0;
    rows.push(r);
  }
  return rows;
}

export interface ListSheets {
  projects: { grid: Grid; header: Header<ProjectField>; rows: number[] }[];
  indicators: { grid: Grid; header: Header<IndicatorField>; rows: number[] }[];
}

/** How many rows from a sheet's top a list header may stand at. */
const HEADER_SEARCH_ROWS = 30;

/**
 * Whether a list header may start at `row`: every list header has a 项目编码 or 项目名称 label, in the
 * row or (under a group label) in the row below it. A cheap test that spares building the header of
 * every top row of every sheet.
 */
function mayStartListHeader(grid: Grid, row: number): boolean {
  for (let r = row; r <= Math.min(row + 1, grid.bottom); r++)
    for (let c = grid.left; c <= grid.right; c++) {
      const k = grid.key(r, c);
      if (k !== "" && (L.CODE.has(k) || L.NAME.has(k))) return true;
    }
  return false;
}

/** Finds the list sheets of a workbook and the rows they take. */
export function findLists(grids: Grid[]): ListSheets {
  const out: ListSheets = { projects: [], indicators: [] };
  for (const grid of grids) {
    for (let r = grid.top; r <= Math.min(grid.bottom, grid.top + HEADER_SEARCH_ROWS); r++) {
      if (!mayStartListHeader(grid, r)) continue;
      const ih = indicatorHeader(grid, r);
      if (ih) {
        out.indicators.push({ grid, header: ih, rows: dataRows(grid, ih) });
        break;
      }
      const ph = projectHeader(grid, r);
      if (ph) {
        out.projects.push({ grid, header: ph, rows: dataRows(grid, ph) });
        break;
      }
    }
  }
  return out;
}

/** Rows a list takes on its sheet (header included), so form readers leave them alone. */
export function listRows(lists: ListSheets, sheet: string): Set<number> {
  const rows = new Set<number>();
  for (const l of [...lists.projects, ...lists.indicators]) {
    if (l.grid.name !== sheet) continue;
    for (let r = l.header.row; r <= l.header.bottom; r++) rows.add(r);
    for (const r of l.rows) rows.add(r);
  }
  return rows;
}

function keyOf(code: string | null, name: string | null): string {
  return code ? `code:${toHalfWidth(code).replace(/\s+/g, "")}` : `name:${name ?? ""}`;
}

/** Reads the tables the lists describe. */
export function readLists(lists: ListSheets, ctx: ReadContext): TargetTable[] {
  // Indicators grouped by project code, or name where the sheet has no code column.
  const byProject = new Map<string, Indicator[]>();
  const nameOnly = new Map<string, Indicator[]>();
  const indicatorProjects: { key: string; code: string | null; name: string | null; sheet: string; row: number }[] = [];
  for (const { grid, header, rows } of lists.indicators) {
    const col = (f: IndicatorField): number | undefined => header.cols.get(f);
    const read = (r: number, f: IndicatorField): string | null => {
      const c = col(f);
      return c === undefined ? null : textAt(grid, r, c);
    };
    let prev = { code: null as string | null, name: null as string | null, l1: "", l2: "" };
    for (const r of rows) {
      // Key and level cells left blank under a filled one repeat it (a list grouped by hand).
      const code = read(r, "code") ?? (header.cols.has("code") ? prev.code : null);
      const name = read(r, "name") ?? (header.cols.has("name") ? prev.name : null);
      const l1Raw = read(r, "level1");
      const level1 = l1Raw ?? (code === prev.code && name === prev.name ? prev.l1 : "");
      const level2 = read(r, "level2") ?? (l1Raw === null && level1 === prev.l1 ? prev.l2 : "");
      prev = { code, name, l1: level1, l2: level2 };
      const level3 = read(r, "level3");
      const valueCol = col("value");
      const valueText = valueCol === undefined ? null : valueTextAt(grid, r, valueCol, ctx);
      const description = read(r, "description");
      if (level3 === null && valueText === null && description === null) continue;
      const dir = directionOf(read(r, "direction"));
      const opText = read(r, "op");
      const opInfo = directionOf(opText);
      const opWord = opText !== null && opInfo.op ? opText : dir.op ? read(r, "direction") : null;
      const unitText = read(r, "unit");
      const value = valueText === null ? "" : joinValue(opWord, valueText, unitText);
      const q = (f: IndicatorField): string | null => {
        const c = col(f);
        return c === undefined ? null : qualify(grid.name, cellAddress(r, c));
      };
      const ind: Indicator = {
        level1,
        level2,
        level3: level3 ?? "",
        description,
        value,
        target: parseTarget(value),
        basis: read(r, "basis"),
        direction: dir.direction ?? opInfo.direction,
        cell: q("value")!,
        cells: {
          level1: q("level1"),
          level2: q("level2"),
          level3: q("level3"),
          description: q("description"),
          basis: q("basis"),
        },
        ...valuePartsOf({ cell: q("value"), text: valueText }, { cell: q("unit"), text: unitText }),
        row: r,
      };
      const key = keyOf(code, name);
      if (!byProject.has(key)) {
        byProject.set(key, []);
        indicatorProjects.push({ key, code, name, sheet: grid.name, row: r });
      }
      byProject.get(key)!.push(ind);
      if (name) {
        if (!nameOnly.has(name)) nameOnly.set(name, []);
        nameOnly.get(name)!.push(ind);
      }
    }
  }

  const tables: TargetTable[] = [];
  const used = new Set<string>();
  for (const { grid, header, rows } of lists.projects) {
    const lines = headerLines(grid, grid.top, header.row - 1, null);
    let sheetUnit = header.unit ?? lines.unit;
    const unitCol = header.cols.get("unit");
    if (!sheetUnit && unitCol === undefined) {
      sheetUnit = "万元";
      diag(
        ctx,
        grid.name,
        cellAddress(header.row, grid.left),
        "项目清单未注明金额单位，按万元读取",
        "Project list states no unit; read as 万元",
      );
    }
    for (const r of rows) {
      const read = (f: ProjectField): string | null => {
        const c = header.cols.get(f);
        return c === undefined ? null : textAt(grid, r, c);
      };
      const cellOf = (f: ProjectField): string | null => {
        const c = header.cols.get(f);
        return c === undefined ? null : cellAddress(r, c);
      };
      const code = read("code");
      const name = read("name");
      if (code === null && name === null) continue;
      const unitText = read("unit");
      const unit =
        (unitText ? (canonicalMoneyUnit(unitText) ?? unitOfLine(`单位：${unitText}`)) : null) ?? sheetUnit ?? "万元";
      const amount = (f: ProjectField, what: string): string | null => {
        const c = header.cols.get(f);
        return c === undefined ? null : amountAt(grid, r, c, unit, ctx, what);
      };
      const hasFiscalLine = [...header.funds.values()].some((k) => L.FISCAL.has(k));
      const fiscalLine = [...header.funds.values()].find((k) => L.FISCAL.has(k)) ?? null;
      const components: FundComponent[] = [...header.funds].map(([c, label]) => ({
        label,
        amount: amountAt(grid, r, c, unit, ctx, label),
        parent: L.FISCAL_PARTS.has(label) && hasFiscalLine ? fiscalLine : null,
        fiscal: L.FISCAL.has(label) || L.FISCAL_PARTS.has(label),
        cell: cellAddress(r, c),
      }));
      const plan: PlanCheckpoint[] = finishPlan(
        [...header.checkpoints].map(([c, label]) => ({
          label,
          cell: cellAddress(r, c),
          value: rawPercentAt(grid, r, c, ctx),
        })),
        grid.name,
        ctx,
      );
      const key = keyOf(code, name);
      let indicators = byProject.get(key);
      if (indicators) used.add(key);
      else if (name && nameOnly.has(name)) {
        indicators = nameOnly.get(name);
        for (const p of indicatorProjects) if (p.name === name) used.add(p.key);
      }
      if (!indicators)
        diag(
          ctx,
          grid.name,
          cellAddress(r, grid.left),
          `项目“${name ?? code}”在指标清单中没有指标`,
          "Project has no indicators in the indicator list",
        );
      const yearText = read("year");
      const department = read("department") ?? lines.department;
      tables.push({
        sheet: grid.name,
        range: rangeAddress({ top: r, bottom: r, left: grid.left, right: grid.right }),
        layout: "lists",
        code: code === null ? null : toHalfWidth(code).replace(/\s+/g, ""),
        name: name ?? "",
        department,
        departmentCode: department ? (/^(\d{5,})/.exec(department)?.[1] ?? null) : null,
        year:
          yearText && /^\d{4}/.test(toHalfWidth(yearText))
            ? Number(toHalfWidth(yearText).slice(0, 4))
            : yearOf(code, name),
        unit,
        budget: {
          total: amount("total", "预算数"),
          totalCell: cellOf("total"),
          adjusted: amount("adjusted", "全年预算数"),
          adjustedCell: cellOf("adjusted"),
          components,
        },
        usage: read("usage"),
        usageCell: cellOf("usage"),
        plan,
        goals: splitItems(read("goals") ?? ""),
        goalsCell: cellOf("goals"),
        longTermGoals: splitItems(read("longGoals") ?? ""),
        indicators: indicators ?? [],
        nameCell: cellOf("name"),
        codeCell: cellOf("code"),
      });
    }
  }
  // Indicators of no listed project: reported by row, never dropped silently.
  for (const p of indicatorProjects) {
    if (used.has(p.key)) continue;
    if (lists.projects.length === 0) continue;
    diag(
      ctx,
      p.sheet,
      `A${p.row}`,
      `指标清单中的项目“${p.code ?? p.name}”不在项目清单中`,
      "Indicator rows for a project not in the project list",
    );
  }
  // An indicator list alone still yields its projects, with what the indicator rows say.
  if (lists.projects.length === 0) {
    for (const p of indicatorProjects) {
      const inds = byProject.get(p.key)!;
      tables.push({
        sheet: p.sheet,
        range: rangeAddress({ top: inds[0].row, bottom: inds[inds.length - 1].row, left: 1, right: 1 }),
        layout: "lists",
        code: p.code,
        name: p.name ?? "",
        department: null,
        departmentCode: null,
        year: yearOf(p.code, p.name),
        unit: "万元",
        budget: { total: null, totalCell: null, adjusted: null, adjustedCell: null, components: [] },
        usage: null,
        usageCell: null,
        plan: [],
        goals: [],
        goalsCell: null,
        longTermGoals: [],
        indicators: inds.map((i) => ({
          ...i,
          cell: unqualify(i.cell, p.sheet),
          cells: unqualifyAll(i.cells, p.sheet),
        })),
        nameCell: null,
        codeCell: null,
      });
    }
  }
  return tables.map((t) => ({
    ...t,
    indicators: t.indicators.map((i) => ({
      ...i,
      cell: unqualify(i.cell, t.sheet),
      cells: unqualifyAll(i.cells, t.sheet),
    })),
  }));
}

/** Drops the sheet prefix of an address on the table's own sheet. */
function unqualify(addr: string, sheet: string): string {
  const prefix = qualify(sheet, "");
  return addr.startsWith(prefix) ? addr.slice(prefix.length) : addr;
}

function unqualifyAll(cells: Indicator["cells"], sheet: string): Indicator["cells"] {
  const u = (a: string | null): string | null => (a === null ? null : unqualify(a, sheet));
  return {
    level1: u(cells.level1),
    level2: u(cells.level2),
    level3: u(cells.level3),
    description: u(cells.description),
    basis: u(cells.basis),
  };
}
