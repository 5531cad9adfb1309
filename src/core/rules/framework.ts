/**
 * Indicator frameworks (DOMAIN.md §2): name normalisation, the three profiles, per-table detection
 * and the classification of rows the rules share.
 */
import type { Indicator, TargetTable } from "../model";
import { labelKey } from "../text";
import type { Level1, Profile, ProfileId, Row } from "./types";

/** Leading numbering such as `一、`, `1.`, `（一）`. */
const NUMBERING = /^([（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|\d{1,2}[、.])/;

/**
 * The key 一级/二级 names are compared by: full-width folded, spaces, brackets and numbering
 * removed, a trailing 指标 dropped, and the synonyms of DOMAIN.md §2 unified (效果 = 效益,
 * 进度 = 时效, 环境效益 = 生态效益, 社会公众或服务对象满意度 = 服务对象满意度).
 */
export function normaliseLevel(s: string): string {
  let k = normalised.get(s);
  if (k === undefined) {
    if (normalised.size > 10_000) normalised.clear();
    k = normaliseUncached(s);
    normalised.set(s, k);
  }
  return k;
}

/** Names repeat on every row of every table: normalise each once. */
const normalised = new Map<string, string>();

function normaliseUncached(s: string): string {
  let k = labelKey(s).replace(NUMBERING, "");
  k = k.replace(/指标$/, "");
  if (k === "实施效果") return k;
  k = k
    .replace(/效果/g, "效益")
    .replace(/进度/g, "时效")
    .replace(/时效性$/, "时效");
  k = k.replace(/^(生态环境|环境|生态)效益$/, "生态效益");
  k = k.replace(/^(生态环境|环境|生态)成本$/, "生态环境成本");
  k = k.replace(/^可持续(发展)?(影响)?$/, "可持续影响");
  if (/满意度?$/.test(k) || /满意率$/.test(k)) {
    // 社会公众或服务对象满意度, 社会公众满意度, 服务对象满意度, 受益群众满意度, 满意度.
    return k === "满意度" || k === "满意" ? "满意度" : "服务对象满意度";
  }
  return k;
}

/** The 一级 category of a normalised 一级 name, or null when it is not one. */
export function level1Of(key: string): Level1 | null {
  switch (key) {
    case "产出":
      return "产出";
    case "效益":
      return "效益";
    case "满意度":
    case "服务对象满意度":
      return "满意度";
    case "成本":
      return "成本";
    case "实施效果":
      return "实施效果";
    default:
      return null;
  }
}

const LEGACY_TREE: Profile["tree"] = {
  产出: ["数量", "质量", "时效", "成本"],
  效益: ["经济效益", "社会效益", "生态效益", "可持续影响"],
  满意度: ["服务对象满意度", "满意度"],
  实施效果: ["产出", "效益"],
};

export const PROFILES: Record<ProfileId, Profile> = {
  legacy: {
    id: "legacy",
    name: "通用框架（财预〔2015〕88号式，成本指标在产出指标下）",
    nameEn: "Legacy framework (财预〔2015〕88号 style; 成本 under 产出)",
    short: "通用框架",
    shortEn: "legacy framework",
    tree: LEGACY_TREE,
    requireCost: false,
    strictBasis: false,
    // Local templates of this style make 满意度 optional: the seed, an approved document, has it in
    // one table of six, so its absence is worth a note, not a warning.
    severities: { "ind-satisfaction": "info" },
  },
  cpi2021: {
    id: "cpi2021",
    name: "2021 框架（财预〔2021〕101号，成本指标为一级指标）",
    nameEn: "2021 framework (财预〔2021〕101号; 成本 a first level)",
    short: "2021 框架",
    shortEn: "2021 framework",
    tree: {
      成本: ["经济成本", "社会成本", "生态环境成本"],
      产出: ["数量", "质量", "时效"],
      效益: ["经济效益", "社会效益", "生态效益"],
      满意度: ["服务对象满意度", "满意度"],
      实施效果: ["产出", "效益"],
    },
    requireCost: true,
    strictBasis: true,
    severities: { basis: "warning" },
  },
  hunan: {
    id: "hunan",
    name: "湖南式（通用框架，效益指标下可设社会公众或服务对象满意度指标）",
    nameEn: "Hunan style (legacy plus 社会公众或服务对象满意度 under 效益)",
    short: "湖南式框架",
    shortEn: "Hunan framework",
    tree: { ...LEGACY_TREE, 效益: [...(LEGACY_TREE.效益 ?? []), "服务对象满意度", "满意度"] },
    requireCost: false,
    strictBasis: false,
    severities: {},
  },
};

export const PROFILE_IDS: ProfileId[] = ["legacy", "cpi2021", "hunan"];

/**
 * The profile a table is written in: a 成本 一级 makes it cpi2021; a satisfaction 二级 under 效益
 * makes it hunan; anything else is legacy.
 */
export function detectProfile(t: TargetTable): ProfileId {
  const pairs = t.indicators.map((i) => [level1Of(normaliseLevel(i.level1)), normaliseLevel(i.level2)] as const);
  if (pairs.some(([l1]) => l1 === "成本")) return "cpi2021";
  if (pairs.some(([l1, l2]) => l1 === "效益" && (l2 === "服务对象满意度" || l2 === "满意度"))) return "hunan";
  return "legacy";
}

/** Whether a 三级 name measures satisfaction (`群众满意度`, `满意率`; not `满意度调查次数`). */
export function isSatisfactionName(s: string): boolean {
  return /满意(度|率)?(指标)?$/.test(labelKey(s));
}

export function classify(i: Indicator): Row {
  const l1key = normaliseLevel(i.level1);
  const l1 = level1Of(l1key) ?? l1key;
  const l2 = normaliseLevel(i.level2);
  const output = l1 === "产出" || (l1 === "实施效果" && l2 === "产出");
  const benefit = l1 === "效益" || (l1 === "实施效果" && l2 === "效益");
  const satisfaction = l1 === "满意度" || l2 === "服务对象满意度" || l2 === "满意度" || isSatisfactionName(i.level3);
  return {
    indicator: i,
    l1,
    l2,
    output,
    benefit,
    cost: l1 === "成本" || (l1 === "产出" && l2 === "成本"),
    quantity: (l1 === "产出" || l1 === "实施效果") && l2 === "数量",
    satisfaction,
  };
}
