/**
 * Property-based test of the form reader (issue 7): tables laid out at random — offsets, blank
 * spacer rows and a blank spacer column, the indicator block's columns in any order, 一级/二级
 * merged downwards or repeated, labels with inner spaces or line breaks, funds stacked or on one
 * row, one to three tables a sheet over one or two sheets — are built with ExcelJS in memory, loaded
 * through the ExcelJS adapter and read; every generated table comes back field by field, with the
 * address of every 指标值 cell. Runs are bounded (numRuns) so `npm test` stays quick.
 */
import fc from "fast-check";
import Big from "big.js";
import ExcelJS from "exceljs";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { parseTarget } from "../../src/core/grammar";
import { cellAddress } from "../../src/core/address";
import { asJson, type TableJson } from "../fixtures/expected";
import { newWorkbook } from "../fixtures/workbook";

const NUM_RUNS = 40;

// Each run writes and reads a workbook; shrinking a failure takes many more.
jest.setTimeout(600_000);

// ---- content ------------------------------------------------------------------------------------

const FRAMEWORK: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "经济效益指标", "生态效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];

const LEVEL3 = [
  "养护里程",
  "培训人次",
  "系统可用率",
  "完成及时率",
  "群众出行条件",
  "资金使用合规率",
  "群众满意度",
  "设备完好率",
];
/** Descriptions; a `|` marks where a line break may wrap the Chinese text (read without it). */
const DESCRIPTIONS = [
  "完成全年日常|养护任务",
  "组织业务|培训",
  "系统全年正常运行",
  "按时完成各项|工作",
  "改善群众出行条件",
];
const BASES = ["工作计划", "行业标准", "历史标准", "计划标准", null];
const USAGES = ["用于政务信息系统运行维护", "用于农村公路日常养护", "用于业务培训和宣传"];
const GOALS = ["1.完成全年养护任务", "2.优良中等路率达到85%以上", "3.群众满意度不低于90%"];

/** An indicator value as stored: text, or a fraction shown as a percentage. */
type StoredValue = { text: string } | { fraction: number; fmt: string };

const VALUES: StoredValue[] = [
  { text: "≥90%" },
  { text: "100%" },
  { text: "≤3‰" },
  { text: "≥12次" },
  { text: "按计划完成" },
  { text: "2023.01-2023.12" },
  { text: "＞８５％" },
  { fraction: 0.95, fmt: "0%" },
  { fraction: 1, fmt: "0%" },
];

function readValue(v: StoredValue): string {
  return "text" in v ? v.text : `${Math.round(v.fraction * 100)}%`;
}

interface GenIndicator {
  level1: string;
  level2: string;
  level3: string;
  /** With `|` where a wrapping line break goes, when `wrap` is set. */
  description: string | null;
  wrap: boolean;
  value: StoredValue;
  basis: string | null;
}

interface GenTable {
  code: string;
  name: string;
  fiscal: string;
  other: string | null;
  usage: string;
  plan: { label: string; percent: number; asFraction: boolean }[];
  goals: string[];
  indicators: GenIndicator[];
}

const amountArb = fc.integer({ min: 0, max: 1_000_000 }).map((cents) => new Big(cents).div(100).toFixed());

const indicatorArb: fc.Arbitrary<GenIndicator & { order: number }> = fc
  .record({
    l1: fc.nat({ max: FRAMEWORK.length - 1 }),
    l2: fc.nat({ max: 3 }),
    level3: fc.constantFrom(...LEVEL3),
    description: fc.option(fc.constantFrom(...DESCRIPTIONS), { nil: null }),
    wrap: fc.boolean(),
    value: fc.constantFrom(...VALUES),
    basis: fc.constantFrom(...BASES),
  })
  .map((r) => {
    const [level1, level2s] = FRAMEWORK[r.l1];
    const l2 = r.l2 % level2s.length;
    return {
      level1,
      level2: level2s[l2],
      level3: r.level3,
      description: r.description,
      wrap: r.wrap,
      value: r.value,
      basis: r.basis,
      order: r.l1 * 10 + l2,
    };
  });

const CHECKPOINTS = ["3月底", "6月底", "9月底", "12月底"];

const tableArb: fc.Arbitrary<Omit<GenTable, "code" | "name">> = fc.record({
  fiscal: amountArb,
  other: fc.option(amountArb, { nil: null }),
  usage: fc.constantFrom(...USAGES),
  plan: fc
    .tuple(
      fc.subarray(CHECKPOINTS.slice(0, 3)),
      fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
      fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    )
    .map(([labels, ps, fractions]) => {
      const sorted = [...ps].sort((a, b) => a - b);
      return [...labels, "12月底"].map((label, i) => ({
        label,
        percent: label === "12月底" ? 100 : sorted[i],
        asFraction: fractions[i],
      }));
    }),
  goals: fc.subarray(GOALS, { minLength: 1 }),
  indicators: fc
    .array(indicatorArb, { minLength: 1, maxLength: 6 })
    .map((rows) => [...rows].sort((a, b) => a.order - b.order).map(({ order: _order, ...row }) => row)),
});

// ---- layout -------------------------------------------------------------------------------------

/** Label variants: spaces, line breaks and synonyms a reader must take. */
const LABELS = {
  code: ["项目编码", "项目 编码", "项目\n编码", "项目代码"],
  name: ["项目名称", "项目 名称", "项目\n名称", " 项目名称 "],
  total: ["预算数", "预 算 数", "预算数（万元）", "年度资金总额"],
  fiscal: ["其中：财政资金", "财政    资金", "其中：财政\n资金", "财政拨款"],
  other: ["其他资金", "其他\n资金", "其它资金"],
  usage: ["资金用途", "资金\n用途", "主要用途"],
  plan: ["资金支出计划（%）", "资金支出\n计划（%）", "资金支出计划"],
  goals: ["绩效目标", "绩 效 目 标", "绩效\n目标"],
  level1: ["一级指标", "一级\n指标"],
  level2: ["二级指标", "二级\n指标"],
  level3: ["三级指标", "三级\n指标"],
  description: ["绩效指标描述", "指标说明"],
  value: ["指标值", "指标 值"],
  basis: ["指标值确定依据", "指标值确定\n依据", "绩效标准"],
};
type LabelName = keyof typeof LABELS;

type IndicatorColumn = "level3" | "description" | "value" | "basis";

interface TableLayout {
  labels: Record<LabelName, number>;
  /** Funds one per row, or 预算数 | x | 财政 | y | 其他 | z on one row. */
  fundsInline: boolean;
  merge1: boolean;
  merge2: boolean;
  columns: IndicatorColumn[];
  /** A blank row before the indicator header, and between it and the first indicator row. */
  spacerBeforeHeader: boolean;
  spacerAfterHeader: boolean;
  /** Blank rows after the name, after the usage and after the plan. */
  spacerRows: boolean[];
  unitLine: boolean;
  gap: number;
}

interface SheetLayout {
  top: number;
  left: number;
  spacerColumn: boolean;
  tables: TableLayout[];
}

const labelsArb: fc.Arbitrary<Record<LabelName, number>> = fc.record(
  Object.fromEntries(
    (Object.keys(LABELS) as LabelName[]).map((k) => [k, fc.nat({ max: LABELS[k].length - 1 })]),
  ) as Record<LabelName, fc.Arbitrary<number>>,
);

const tableLayoutArb: fc.Arbitrary<TableLayout> = fc.record({
  labels: labelsArb,
  fundsInline: fc.boolean(),
  merge1: fc.boolean(),
  merge2: fc.boolean(),
  columns: fc.shuffledSubarray(["level3", "description", "value", "basis"] as IndicatorColumn[], {
    minLength: 4,
    maxLength: 4,
  }),
  spacerBeforeHeader: fc.boolean(),
  spacerAfterHeader: fc.boolean(),
  spacerRows: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
  unitLine: fc.boolean(),
  gap: fc.integer({ min: 1, max: 3 }),
});

interface SheetSpec {
  layout: SheetLayout;
  tables: GenTable[];
}

const sheetArb: fc.Arbitrary<SheetSpec> = fc
  .record({
    top: fc.integer({ min: 1, max: 4 }),
    left: fc.integer({ min: 1, max: 3 }),
    spacerColumn: fc.boolean(),
    tables: fc.array(fc.tuple(tableLayoutArb, tableArb), { minLength: 1, maxLength: 3 }),
  })
  .map(({ top, left, spacerColumn, tables }) => ({
    layout: { top, left, spacerColumn, tables: tables.map(([l]) => l) },
    // Codes and names are set per workbook, so that they are unique in it.
    tables: tables.map(([, t]) => ({ ...t, code: "", name: "" })),
  }));

/** One or two sheets, every table with a code and a name of its own. */
const workbookArb: fc.Arbitrary<SheetSpec[]> = fc.array(sheetArb, { minLength: 1, maxLength: 2 }).map((sheets) =>
  sheets.map((s, si) => ({
    ...s,
    tables: s.tables.map((t, i) => ({
      ...t,
      code: `3301022${si}P${String(i).padStart(11, "0")}A`,
      name: `项目${"甲乙丙"[i]}${si + 1}`,
    })),
  })),
);

// ---- building -----------------------------------------------------------------------------------

interface Expected {
  sheet: string;
  table: GenTable;
  /** Sheet addresses of the 指标值 cells, in order. */
  valueCells: string[];
}

/** Writes one sheet's tables; returns where each table's value cells went. */
function buildSheet(ws: ExcelJS.Worksheet, spec: SheetSpec, firstOnWorkbook: boolean): Expected[] {
  const { layout } = spec;
  // Logical columns 0..5 of a table; a spacer column sits blank between 0 and 1 throughout.
  const col = (j: number): number => layout.left + j + (layout.spacerColumn && j >= 1 ? 1 : 0);
  const put = (row: number, j: number, value: ExcelJS.CellValue, toJ = j, rows = 1, fmt?: string): void => {
    if (toJ > j || rows > 1) ws.mergeCells(row, col(j), row + rows - 1, col(toJ));
    const cell = ws.getCell(row, col(j));
    cell.value = value;
    if (fmt) cell.numFmt = fmt;
  };
  const out: Expected[] = [];
  let row = layout.top;
  spec.tables.forEach((t, i) => {
    const l = layout.tables[i];
    const label = (k: LabelName): string => LABELS[k][l.labels[k]];
    // The first table of the workbook states its unit; later ones may rely on the one before.
    if (l.unitLine || (i === 0 && firstOnWorkbook)) {
      put(row, 0, "330102杭州市某局本级", 3);
      put(row, 5, "单位：万元");
      row++;
    }
    put(row, 0, label("code"));
    put(row++, 1, t.code, 5);
    put(row, 0, label("name"));
    put(row++, 1, t.name, 5);
    if (l.spacerRows[0]) row++;
    const total = Number(new Big(t.fiscal).plus(t.other ?? 0).toFixed());
    if (l.fundsInline) {
      put(row, 0, label("total"));
      put(row, 1, total);
      put(row, 2, label("fiscal"));
      put(row, 3, Number(t.fiscal));
      put(row, 4, label("other"));
      put(row++, 5, t.other === null ? null : Number(t.other));
    } else {
      put(row, 0, label("total"));
      put(row++, 1, total, 5);
      put(row, 0, label("fiscal"));
      put(row++, 1, Number(t.fiscal), 5);
      put(row, 0, label("other"));
      put(row++, 1, t.other === null ? null : Number(t.other), 5);
    }
    put(row, 0, label("usage"));
    put(row++, 1, t.usage, 5);
    if (l.spacerRows[1]) row++;
    put(row, 0, label("plan"), 0, 2);
    t.plan.forEach((p, k) => {
      const last = k === t.plan.length - 1;
      put(row, 1 + k, p.label, last ? 5 : 1 + k);
      if (p.asFraction) put(row + 1, 1 + k, p.percent / 100, last ? 5 : 1 + k, 1, "0%");
      else put(row + 1, 1 + k, p.percent, last ? 5 : 1 + k);
    });
    row += 2;
    if (l.spacerRows[2]) row++;
    put(row, 0, label("goals"));
    put(row++, 1, t.goals.join("\n"), 5);
    if (l.spacerBeforeHeader) row++;
    const order: (LabelName | IndicatorColumn)[] = ["level1", "level2", ...l.columns];
    order.forEach((k, j) => put(row, j, label(k)));
    row++;
    if (l.spacerAfterHeader) row++;
    const valueCells: string[] = [];
    const first = row;
    t.indicators.forEach((ind, k) => {
      const r = first + k;
      const prev = t.indicators[k - 1];
      const sameL1 = prev !== undefined && prev.level1 === ind.level1;
      const sameL2 = sameL1 && prev.level2 === ind.level2;
      // Merged downwards: written once at the top of the group, merged when the group ends.
      if (!(l.merge1 && sameL1)) put(r, 0, ind.level1);
      if (!(l.merge2 && sameL2)) put(r, 1, ind.level2);
      l.columns.forEach((c, j) => {
        const at = 2 + j;
        if (c === "level3") put(r, at, ind.level3);
        else if (c === "description")
          put(r, at, ind.description === null ? null : ind.description.replace("|", ind.wrap ? "\n" : ""));
        else if (c === "basis") put(r, at, ind.basis);
        else {
          if ("text" in ind.value) put(r, at, ind.value.text);
          else put(r, at, ind.value.fraction, at, 1, ind.value.fmt);
          valueCells.push(cellAddress(r, col(at)));
        }
      });
    });
    const mergeGroups = (j: number, same: (a: GenIndicator, b: GenIndicator) => boolean): void => {
      let start = 0;
      for (let k = 1; k <= t.indicators.length; k++) {
        if (k < t.indicators.length && same(t.indicators[k - 1], t.indicators[k])) continue;
        if (k - 1 > start) ws.mergeCells(first + start, col(j), first + k - 1, col(j));
        start = k;
      }
    };
    if (l.merge1) mergeGroups(0, (a, b) => a.level1 === b.level1);
    if (l.merge2) mergeGroups(1, (a, b) => a.level1 === b.level1 && a.level2 === b.level2);
    row = first + t.indicators.length + l.gap;
    out.push({ sheet: ws.name, table: t, valueCells });
  });
  return out;
}

function expectedJson(e: Expected): Partial<TableJson> {
  const t = e.table;
  const other = t.other === null ? 0 : Number(t.other);
  return {
    sheet: e.sheet,
    layout: "pasted",
    code: t.code,
    name: t.name,
    unit: "万元",
    budget: {
      total: Number(new Big(t.fiscal).plus(t.other ?? 0).toFixed()),
      fiscal: Number(t.fiscal),
      other,
      adjusted: null,
      components: [
        { label: "财政资金", amount: Number(t.fiscal), parent: null },
        { label: "其他资金", amount: t.other === null ? null : Number(t.other), parent: null },
      ],
    },
    usage: t.usage,
    plan: t.plan.map((p) => ({ label: p.label, percent: p.percent })),
    goals: t.goals,
    indicators: t.indicators.map((ind, k) => {
      const value = readValue(ind.value);
      const target = parseTarget(value);
      return {
        level1: ind.level1,
        level2: ind.level2,
        level3: ind.level3,
        description: ind.description === null ? null : ind.description.replace("|", ""),
        value,
        target: {
          op: target.op,
          number: target.number === null ? null : Number(target.number),
          unit: target.unit,
          text: target.text,
        },
        basis: ind.basis,
        direction: null,
        cell: e.valueCells[k],
      };
    }),
  };
}

/** Component labels as the reader states them: the label key of what was written. */
function normaliseComponents(j: TableJson): TableJson {
  const names: Record<string, string> = { 财政拨款: "财政资金", 其它资金: "其他资金" };
  return {
    ...j,
    budget: { ...j.budget, components: j.budget.components.map((c) => ({ ...c, label: names[c.label] ?? c.label })) },
  };
}

describe("the reader over randomly laid-out tables", () => {
  it("gives back every generated table, field by field", async () => {
    await fc.assert(
      fc.asyncProperty(workbookArb, async (sheets) => {
        const wb = newWorkbook();
        const expected = sheets.flatMap((s, i) => buildSheet(wb.addWorksheet(`表${i + 1}`), s, i === 0));
        const port = await ExcelJsWorkbook.load(new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer));
        const read = asJson(readWorkbook(await port.read()));
        expect(read.diagnostics).toEqual([]);
        expect(read.tables).toHaveLength(expected.length);
        read.tables.forEach((t, i) => expect(normaliseComponents(t)).toMatchObject(expectedJson(expected[i])));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
