/**
 * What a table says, apart from where it stands: the fields a generated sheet must give back
 * exactly, a digest of them, and the differences between two versions of a table in words.
 */
import Big from "big.js";
import type { TargetTable } from "../model";

export interface TableContent {
  code: string | null;
  name: string;
  department: string | null;
  departmentCode: string | null;
  year: number | null;
  unit: string;
  budget: {
    total: string | null;
    adjusted: string | null;
    components: { label: string; amount: string | null; parent: string | null; fiscal: boolean }[];
  };
  usage: string | null;
  plan: { label: string; percent: number | null }[];
  goals: string[];
  longTermGoals: string[];
  indicators: {
    level1: string;
    level2: string;
    level3: string;
    description: string | null;
    value: string;
    basis: string | null;
    direction: "positive" | "negative" | null;
  }[];
}

function canonical(a: string | null): string | null {
  return a === null ? null : new Big(a).toFixed();
}

export function tableContent(t: TargetTable): TableContent {
  return {
    code: t.code,
    name: t.name,
    department: t.department,
    departmentCode: t.departmentCode,
    year: t.year,
    unit: t.unit,
    budget: {
      total: canonical(t.budget.total),
      adjusted: canonical(t.budget.adjusted),
      components: t.budget.components.map((c) => ({
        label: c.label,
        amount: canonical(c.amount),
        parent: c.parent,
        fiscal: c.fiscal,
      })),
    },
    usage: t.usage,
    plan: t.plan.map((p) => ({ label: p.label, percent: p.percent })),
    goals: [...t.goals],
    longTermGoals: [...t.longTermGoals],
    indicators: t.indicators.map((i) => ({
      level1: i.level1,
      level2: i.level2,
      level3: i.level3,
      description: i.description,
      value: i.value,
      basis: i.basis,
      direction: i.direction,
    })),
  };
}

/** A 64-bit string hash (two 32-bit lanes, cyrb53-style mixing), as 16 hex digits. */
export function hashText(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (n: number): string => (n >>> 0).toString(16).padStart(8, "0");
  return hex(h2) + hex(h1);
}

export function contentDigest(c: TableContent): string {
  return hashText(JSON.stringify(c));
}

export function tableDigest(t: TargetTable): string {
  return contentDigest(tableContent(t));
}

/** One difference: what a field says now and what it would say. */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

function show(v: string | number | null | undefined): string {
  return v === null || v === undefined || v === "" ? "（空）" : String(v);
}

const DIRECTION: Record<string, string> = { positive: "正向", negative: "反向" };

/** The differences between `from` (what is there) and `to` (what would replace it), in words. */
export function diffContent(from: TableContent, to: TableContent): FieldChange[] {
  const out: FieldChange[] = [];
  const cmp = (field: string, a: string | number | null, b: string | number | null): void => {
    if (a !== b) out.push({ field, from: show(a), to: show(b) });
  };
  cmp("项目编码", from.code, to.code);
  cmp("项目名称", from.name, to.name);
  cmp("单位", from.department, to.department);
  cmp("年度", from.year, to.year);
  cmp("金额单位", from.unit, to.unit);
  cmp("预算数", from.budget.total, to.budget.total);
  cmp("全年预算数", from.budget.adjusted, to.budget.adjusted);
  const labels = [...new Set([...from.budget.components, ...to.budget.components].map((c) => c.label))];
  for (const label of labels) {
    const a = from.budget.components.find((c) => c.label === label);
    const b = to.budget.components.find((c) => c.label === label);
    if (!a || !b)
      out.push({ field: label, from: a ? show(a.amount) : "（无此项）", to: b ? show(b.amount) : "（无此项）" });
    else cmp(label, a.amount, b.amount);
  }
  cmp("资金用途", from.usage, to.usage);
  const cps = [...new Set([...from.plan, ...to.plan].map((p) => p.label))];
  for (const label of cps) {
    const a = from.plan.find((p) => p.label === label);
    const b = to.plan.find((p) => p.label === label);
    const pct = (p: { percent: number | null } | undefined): string =>
      p ? (p.percent === null ? "（空）" : `${p.percent}%`) : "（无此项）";
    if (pct(a) !== pct(b)) out.push({ field: `支出计划 ${label}`, from: pct(a), to: pct(b) });
  }
  cmp("中长期目标", from.longTermGoals.join("\n"), to.longTermGoals.join("\n"));
  cmp("绩效目标", from.goals.join("\n"), to.goals.join("\n"));
  const n = Math.max(from.indicators.length, to.indicators.length);
  for (let i = 0; i < n; i++) {
    const a = from.indicators[i];
    const b = to.indicators[i];
    const where = `指标第 ${i + 1} 行`;
    const line = (x: typeof a): string => `${x.level1}/${x.level2}/${x.level3} ${x.value}`;
    if (!a || !b) {
      out.push({ field: where, from: a ? line(a) : "（无）", to: b ? line(b) : "（无）" });
      continue;
    }
    cmp(`${where} 一级指标`, a.level1, b.level1);
    cmp(`${where} 二级指标`, a.level2, b.level2);
    cmp(`${where} 三级指标`, a.level3, b.level3);
    cmp(`${where} 绩效指标描述`, a.description, b.description);
    cmp(`${where} 指标值`, a.value, b.value);
    cmp(`${where} 指标值确定依据`, a.basis, b.basis);
    cmp(`${where} 指标方向`, a.direction && DIRECTION[a.direction], b.direction && DIRECTION[b.direction]);
  }
  return out;
}
