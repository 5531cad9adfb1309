/**
 * A flat-lists workbook of many projects, deterministic, for the generate tests and benchmark: a
 * 项目清单 sheet (a row per project) and a 指标清单 sheet (a row per indicator) with the variety real
 * lists have — long and awkward names (characters Excel forbids in sheet names, more than 31
 * characters, duplicates), departments with and without a code, nested and extra fund lines, exact
 * amounts with many decimals, blank and fractional plan percentages, numbered and plain goals,
 * long-term goals, qualitative and quantitative values, blank descriptions and bases, 正向/反向.
 */
import ExcelJS from "exceljs";

export interface FixtureIndicator {
  level1: string;
  level2: string;
  level3: string;
  description: string | null;
  value: string;
  basis: string | null;
  direction: "正向" | "反向" | null;
}

export interface FixtureProject {
  code: string | null;
  name: string;
  department: string | null;
  year: number;
  total: string;
  adjusted: string | null;
  fiscal: string | null;
  carryOver: string | null;
  other: string | null;
  unitFunds: string | null;
  usage: string | null;
  /** Percent at 3月底, 6月底, 10月底, 12月底, or null. */
  plan: (number | null)[];
  longGoals: string | null;
  goals: string | null;
  indicators: FixtureIndicator[];
}

export const CHECKPOINTS = ["3月底", "6月底", "10月底", "12月底"];

/** A tiny deterministic generator (xorshift). */
function rng(seed: number): () => number {
  let x = seed || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return ((x >>> 0) % 1_000_000) / 1_000_000;
  };
}

const PLACES = ["徐水区", "莲池区", "竞秀区", "满城区", "清苑区", "定兴县", "高碑店市", "涿州市"];
const WORKS = [
  "林业有害生物防治经费",
  "不动产登记中心投保职业责任险项目",
  "矿山环境治理工作经费",
  "国土空间规划编制",
  "自然资源调查监测",
  "耕地保护补偿资金",
  "地质灾害防治/应急[专项]",
  "测绘地理信息服务：数据更新*年度?",
  "苗圃场人员养老保险和医疗保险项目",
  "国土绿化造林工程建设与后期管护及森林防火综合能力提升建设项目",
];
const DEPARTMENTS = [
  "324001保定市自然资源和规划局徐水区分局本级",
  "324002保定市自然资源和规划局徐水区分局不动产登记中心",
  "保定市徐水区林业工作站",
  null,
];

const CPI_TREE: [string, string[]][] = [
  ["成本指标", ["经济成本指标", "社会成本指标"]],
  ["产出指标", ["数量指标", "质量指标", "时效指标"]],
  ["效益指标", ["经济效益指标", "社会效益指标", "生态效益指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const LEGACY_TREE: [string, string[]][] = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["社会效益指标", "生态效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];
const LEVEL3 = [
  ["林业有害生物防治面积", "≥4.9万亩", "完成计划防治面积"],
  ["有害生物成灾率", "≤3‰", "发生成灾面积占林地面积的比率"],
  ["资金拨付及时性", "100%", null],
  ["成本绩效指数", "≤100%", "实际完成工作的价值与实际成本的比值"],
  ["受益人次", "≥1200人次", "全年服务群众人次"],
  ["完成时间", "2023.07-2024.01", "项目实施期间"],
  ["工作质量", "按计划完成", "各项工作按计划完成，达到预期效果"],
  ["社会影响力", "显著提升", null],
  ["服务对象满意度", "≥90%", "受益群众满意度调查结果"],
  ["培训人数", "=300人", "参加培训人员数量"],
  ["设备数量", "12台", null],
  ["预算执行率", "100%", "按照支出进度要求和预算构成执行"],
] as const;
const BASES = ["计划标准", "行业标准", "历史标准", "其他", "工作要求", null];

function amount(r: () => number, max: number, places: number): string {
  const n = Math.floor(r() * max * 10 ** places);
  const s = String(n).padStart(places + 1, "0");
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, "") || "0";
}

function add(a: string, b: string): string {
  // Exact decimal addition on strings (fixture only; the code under test uses big.js).
  const [ai, af = ""] = a.split(".");
  const [bi, bf = ""] = b.split(".");
  const places = Math.max(af.length, bf.length);
  const x = BigInt(ai + af.padEnd(places, "0")) + BigInt(bi + bf.padEnd(places, "0"));
  const s = x.toString().padStart(places + 1, "0");
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`.replace(/\.?0+$/, "");
}

export function fixtureProjects(n: number, seed = 20230101): FixtureProject[] {
  const r = rng(seed);
  const out: FixtureProject[] = [];
  for (let i = 0; i < n; i++) {
    const place = PLACES[i % PLACES.length];
    const work = WORKS[i % WORKS.length];
    // Every twelfth project repeats an earlier name (a different code), so sheet names collide.
    const name = i % 12 === 11 ? out[i - 5].name : `${place}${work}`;
    const places = [2, 2, 4, 6, 0][i % 5];
    const fiscal = amount(r, 500, places);
    const carryOver = i % 4 === 0 ? amount(r, 20, 2) : null;
    const other = i % 3 === 0 ? amount(r, 50, 2) : null;
    const unitFunds = i % 7 === 0 ? "0.5" : null;
    const total = [fiscal, other, unitFunds].reduce<string>((s, a) => (a === null ? s : add(s, a)), "0");
    const tree = i % 6 === 5 ? CPI_TREE : LEGACY_TREE;
    const count = 3 + Math.floor(r() * 10);
    const indicators: FixtureIndicator[] = [];
    for (let k = 0; k < count; k++) {
      const [l1, l2s] = tree[Math.min(tree.length - 1, Math.floor((k * tree.length) / count))];
      const l2 = l2s[Math.floor(r() * l2s.length)];
      const [level3, value, description] = LEVEL3[(i + k * 5) % LEVEL3.length];
      indicators.push({
        level1: l1,
        level2: l2,
        level3: k % 11 === 10 ? `${level3}（含${place}各乡镇、街道办事处及林场、苗圃等全部实施单位）` : level3,
        description,
        value,
        basis: BASES[(i + k) % BASES.length],
        direction: i % 8 === 3 ? (value.startsWith("≤") ? "反向" : "正向") : null,
      });
    }
    const planKind = i % 5;
    const plan: (number | null)[] =
      planKind === 0
        ? [null, null, null, 100]
        : planKind === 1
          ? [24, 50, 74, 100]
          : planKind === 2
            ? [12.5, 33.3, 77, 100]
            : planKind === 3
              ? [null, null, null, null]
              : [0, 45, 80, 95];
    out.push({
      code: i % 13 === 12 ? null : `13062523P${String(4598100 + i * 37).padStart(9, "0")}${"ABCDEFGHJK"[i % 10]}`,
      name,
      department: DEPARTMENTS[i % DEPARTMENTS.length],
      year: 2023,
      total,
      adjusted: i % 2 === 0 ? add(total, "1.25") : null,
      fiscal,
      carryOver,
      other,
      unitFunds,
      usage:
        i % 9 === 4
          ? null
          : i % 3 === 0
            ? `按照医保局和社保局出具的缴费通知单逐月缴纳，共计${amount(r, 200000, 2)}元，其中医疗保险${amount(r, 90000, 1)}元（大病保险1380元、生育保险4887.84元、医疗保险73317.36元）和养老保险95101.44元。`
            : `用于${work}相关支出`,
      plan,
      longGoals: i % 4 === 1 ? `1.到2025年，${place}${work}全面完成\n2.建立长效管护机制` : null,
      goals:
        i % 6 === 2
          ? `保障${work}顺利实施`
          : `1.预防和减少林业有害生物对森林资源的损失，保护森林资源；坚持预防和除治并重，有效遏制林业有害生物灾害的发生，巩固绿化成果。\n2.完成${place}2023年${work}\n3.购买药品、飞防费等费用${total}万元，预计2023年3-12月份资金支付完毕`,
      indicators,
    });
  }
  return out;
}

/** Writes the projects as a lists workbook (amounts in 万元, plan as percentages). */
export function listsWorkbook(projects: FixtureProject[]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2023, 0, 1));
  const p = wb.addWorksheet("项目清单");
  const header = [
    "项目编码",
    "项目名称",
    "单位名称",
    "年度",
    "预算数（万元）",
    "全年预算数（万元）",
    "财政资金",
    "上年结转",
    "其他资金",
    "单位资金",
    "资金用途",
    ...CHECKPOINTS.map((c) => `${c}支出进度（%）`),
    "中长期目标",
    "绩效目标",
  ];
  p.addRow(header);
  const num = (a: string | null): number | null => (a === null ? null : Number(a));
  projects.forEach((x, i) => {
    const row = p.getRow(i + 2);
    row.values = [
      x.code,
      x.name,
      x.department,
      x.year,
      num(x.total),
      num(x.adjusted),
      num(x.fiscal),
      num(x.carryOver),
      num(x.other),
      num(x.unitFunds),
      x.usage,
      ...x.plan.map((v) => (v === null ? null : Number((v / 100).toPrecision(12)))),
      x.longGoals,
      x.goals,
    ];
    for (let c = 12; c <= 15; c++) row.getCell(c).numFmt = "0.0%";
  });
  const ind = wb.addWorksheet("指标清单");
  ind.addRow([
    "项目编码",
    "项目名称",
    "一级指标",
    "二级指标",
    "三级指标",
    "绩效指标描述",
    "指标值",
    "指标值确定依据",
    "指标方向",
  ]);
  // Rows of projects without a code first: a blank code under a filled one repeats it.
  const ordered = [...projects.filter((x) => x.code === null), ...projects.filter((x) => x.code !== null)];
  for (const x of ordered)
    for (const i of x.indicators)
      ind.addRow([x.code, x.name, i.level1, i.level2, i.level3, i.description, i.value, i.basis, i.direction]);
  return wb;
}
