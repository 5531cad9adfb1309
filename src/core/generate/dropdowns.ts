/**
 * Dropdown lists of the generated sheets: 一级 and the 二级 allowed under it in each indicator
 * framework (DOMAIN.md §2), and the kinds of 指标值确定依据. The lists live in a very hidden sheet
 * under workbook names (`PT_legacy_一级`, `PT_legacy_产出指标`…); a 二级 cell's list is
 * `INDIRECT("PT_legacy_"&<its row's 一级 cell>)`, so it follows whatever 一级 the user picks.
 */
import type { DataValidation, WorkbookChange } from "../../port/workbook";
import { columnLetters } from "../address";
import type { ProfileId } from "../rules/types";
import { INTERNAL_PREFIX } from "./constants";

export const DROPDOWN_SHEET = `${INTERNAL_PREFIX}_dropdowns`;

type Tree = [string, string[]][];

const LEGACY: Tree = [
  ["产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]],
  ["效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]],
  ["满意度指标", ["服务对象满意度指标"]],
];

/** 一级 → 二级 as the dropdowns offer them, per framework. */
export const DROPDOWN_TREES: Record<ProfileId, Tree> = {
  legacy: LEGACY,
  cpi2021: [
    ["成本指标", ["经济成本指标", "社会成本指标", "生态环境成本指标"]],
    ["产出指标", ["数量指标", "质量指标", "时效指标"]],
    ["效益指标", ["经济效益指标", "社会效益指标", "生态效益指标"]],
    ["满意度指标", ["服务对象满意度指标"]],
  ],
  hunan: LEGACY.map(([l1, l2]): [string, string[]] =>
    l1 === "效益指标" ? [l1, [...l2, "社会公众或服务对象满意度指标"]] : [l1, l2],
  ),
};

/** The kinds of 指标值确定依据; the dropdown suggests them and accepts anything else too. */
export const BASIS_CHOICES = ["计划标准", "行业标准", "历史标准", "其他"];

const PROFILE_ORDER: ProfileId[] = ["legacy", "cpi2021", "hunan"];

function namePrefix(profile: ProfileId): string {
  return `PT_${profile}_`;
}

export function level1Name(profile: ProfileId): string {
  return `${namePrefix(profile)}一级`;
}

/** The 一级 dropdown of a framework. */
export function level1Validation(profile: ProfileId): DataValidation {
  return {
    type: "list",
    source: { formula: `=${level1Name(profile)}` },
    allowBlank: true,
    strict: false,
    prompt: { title: "一级指标", message: "请从列表中选择一级指标" },
  };
}

/** The 二级 dropdown of rows whose 一级 stands in `level1Cell` (an absolute address: `$A$12`). */
export function level2Validation(profile: ProfileId, level1Cell: string): DataValidation {
  return {
    type: "list",
    source: { formula: `=INDIRECT("${namePrefix(profile)}"&${level1Cell})` },
    allowBlank: true,
    strict: false,
    prompt: { title: "二级指标", message: "可选的二级指标随一级指标而定" },
  };
}

export function basisValidation(): DataValidation {
  return {
    type: "list",
    source: BASIS_CHOICES,
    allowBlank: true,
    strict: false,
    prompt: { title: "指标值确定依据", message: "计划标准、行业标准、历史标准或其他；也可直接填写" },
  };
}

/**
 * The changes that write the lists sheet and its names. The sheet is written in place when it
 * exists (its names stay valid), added very hidden otherwise. Every framework's lists are written,
 * so any table can use any of them.
 */
export function dropdownChanges(exists: boolean): WorkbookChange[] {
  const columns: { name: string; values: string[]; aliases: string[] }[] = [];
  for (const p of PROFILE_ORDER) {
    const tree = DROPDOWN_TREES[p];
    columns.push({ name: level1Name(p), values: tree.map(([l1]) => l1), aliases: [] });
    for (const [l1, l2] of tree) {
      const bare = l1.replace(/指标$/, "");
      columns.push({
        name: `${namePrefix(p)}${l1}`,
        values: l2,
        aliases: bare !== l1 ? [`${namePrefix(p)}${bare}`] : [],
      });
    }
  }
  const height = Math.max(...columns.map((c) => c.values.length));
  const values = Array.from({ length: height }, (_, r) => columns.map((c) => c.values[r] ?? null));
  const changes: WorkbookChange[] = exists ? [] : [{ kind: "addSheet", sheet: DROPDOWN_SHEET }];
  changes.push({ kind: "setValues", sheet: DROPDOWN_SHEET, anchor: "A1", values });
  if (!exists) changes.push({ kind: "setSheetVisibility", sheet: DROPDOWN_SHEET, visibility: "veryHidden" });
  columns.forEach((c, i) => {
    const col = columnLetters(i + 1);
    const refersTo = `'${DROPDOWN_SHEET}'!$${col}$1:$${col}$${c.values.length}`;
    for (const name of [c.name, ...c.aliases]) changes.push({ kind: "defineName", name, refersTo });
  });
  return changes;
}

/** An absolute reference to a cell (`$A$12`). */
export function absolute(row: number, col: number): string {
  return `$${columnLetters(col)}$${row}`;
}
