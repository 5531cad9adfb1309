/** The engine around the rules: profiles, detection, severities, cells, ordering, the clean tables. */
import {
  checkTables,
  classify,
  detectProfile,
  normaliseLevel,
  PROFILES,
  RULES,
  splitAddress,
  cellsA1,
} from "../../../src/core/rules";
import { CPI2021_ROWS, indicators, LEGACY_ROWS, table, withRow } from "./builders";

describe("normalisation of 一级/二级 names", () => {
  test.each([
    ["产出指标", "产出"],
    ["产出", "产出"],
    ["一、产出指标", "产出"],
    ["效果指标", "效益"],
    ["环境效益指标", "生态效益"],
    ["生态环境效益", "生态效益"],
    ["进度指标", "时效"],
    ["时效性指标", "时效"],
    ["社会公众或服务对象满意度指标", "服务对象满意度"],
    ["服务对象满意度指标", "服务对象满意度"],
    ["满意度指标", "满意度"],
    ["实施效果指标", "实施效果"],
    ["生态环境成本指标", "生态环境成本"],
    ["社会 效益 指标", "社会效益"],
    ["可持续影响指标", "可持续影响"],
  ])("%s → %s", (name, key) => {
    expect(normaliseLevel(name)).toBe(key);
  });

  test("classification of rows", () => {
    const [cost, quantity] = indicators(CPI2021_ROWS).map(classify);
    expect(cost).toMatchObject({ l1: "成本", l2: "经济成本", cost: true, output: false });
    expect(quantity).toMatchObject({ l1: "产出", l2: "数量", output: true, quantity: true });
  });
});

describe("profiles", () => {
  test("detection: 成本 first level → cpi2021; satisfaction under 效益 → hunan; else legacy", () => {
    expect(detectProfile(table())).toBe("legacy");
    expect(detectProfile(table({ rows: CPI2021_ROWS }))).toBe("cpi2021");
    expect(
      detectProfile(
        table({
          rows: withRow(LEGACY_ROWS, "群众满意度", ["效益指标", "社会公众或服务对象满意度指标", "群众满意度", "≥90%"]),
        }),
      ),
    ).toBe("hunan");
  });

  test("profileByTable follows the tables; a chosen profile overrides detection", () => {
    const tables = [table(), table({ rows: CPI2021_ROWS })];
    expect(checkTables(tables).profileByTable).toEqual(["legacy", "cpi2021"]);
    expect(checkTables(tables, { profile: "hunan" }).profileByTable).toEqual(["hunan", "hunan"]);
  });

  test("a profile changes severities: basis is info in legacy, warning in cpi2021", () => {
    const legacy = table({
      rows: withRow(LEGACY_ROWS, "造林面积", ["产出指标", "数量指标", "造林面积", "≥100亩", null]),
    });
    expect(checkTables([legacy]).findings.map((f) => [f.rule, f.severity, f.profile])).toEqual([
      ["basis", "info", "legacy"],
    ]);
    expect(checkTables([legacy], { profile: "cpi2021" }).findings.find((f) => f.rule === "basis")?.severity).toBe(
      "warning",
    );
    expect(PROFILES.cpi2021.severities.basis).toBe("warning");
  });

  test("user settings change a severity or switch a rule off", () => {
    const t = table({ rows: withRow(LEGACY_ROWS, "群众满意度", null) });
    // Legacy makes a missing 满意度 row a note; the rule's default (cpi2021) is a warning.
    expect(checkTables([t]).findings.map((f) => [f.rule, f.severity])).toEqual([["ind-satisfaction", "info"]]);
    expect(checkTables([t], { profile: "cpi2021" }).findings.find((f) => f.rule === "ind-satisfaction")?.severity).toBe(
      "warning",
    );
    expect(checkTables([t], { severities: { "ind-satisfaction": "error" } }).findings[0].severity).toBe("error");
    expect(checkTables([t], { severities: { "ind-satisfaction": "off" } }).findings).toEqual([]);
  });
});

describe("the clean tables", () => {
  test("the builder's legacy table passes every rule", () => {
    expect(checkTables([table()]).findings).toEqual([]);
  });
  test("the builder's cpi2021 table passes every rule", () => {
    expect(checkTables([table({ rows: CPI2021_ROWS })]).findings).toEqual([]);
  });
});

describe("findings", () => {
  test("carry the table, the profile and the table index; table-level ones sit on the first cell", () => {
    const t = table({ code: null, range: "B5:G40", rows: LEGACY_ROWS.slice(0, 1) });
    const { findings } = checkTables([table(), t]);
    const f = findings.find((x) => x.rule === "ind-count");
    expect(f).toMatchObject({ table: "造林绿化项目", tableIndex: 1, profile: "legacy", sheet: "表1", cell: "B5" });
    expect(f?.cells).toEqual([{ sheet: "表1", cell: "B5" }]);
  });

  test("are ordered by cell within a table, then by the catalogue", () => {
    const t = table({
      total: "100",
      sources: [
        ["财政资金", "80"],
        ["其他资金", "30"],
      ],
      rows: withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", "苗木成活率", "≤120％"]),
    });
    expect(checkTables([t]).findings.map((f) => [f.cell, f.rule])).toEqual([
      ["D3", "fund-sum"],
      ["E11", "val-range"],
      ["E11", "val-fullwidth"],
      ["E11", "val-direction"],
    ]);
  });

  test("sheet-qualified indicator cells of a list layout become {sheet, cell} pairs", () => {
    const rows = withRow(LEGACY_ROWS, "苗木成活率", ["产出指标", "质量指标", "苗木成活率", "≤90%"]);
    const t = table({ layout: "lists", indicators: indicators(rows, { sheet: "'指标 清单'", firstRow: 5 }) });
    const [f] = checkTables([t]).findings;
    expect(f).toMatchObject({ rule: "val-direction", sheet: "指标 清单", cell: "E6" });
    expect(cellsA1("表1", f.cells)).toEqual(["'指标 清单'!E6"]);
  });

  test("splitAddress", () => {
    expect(splitAddress("E20", "表1")).toEqual({ sheet: "表1", cell: "E20" });
    expect(splitAddress("指标清单!$F$5", "表1")).toEqual({ sheet: "指标清单", cell: "F5" });
    expect(splitAddress("'It''s'!F5", "表1")).toEqual({ sheet: "It's", cell: "F5" });
  });

  test("every rule has complete metadata and a unique id", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.message).toMatch(/[\u4e00-\u9fff]/);
      expect(r.meta.messageEn).toMatch(/^[A-Z]/);
      expect(r.meta.doc).not.toContain("\n");
      expect(["error", "warning", "info"]).toContain(r.meta.defaultSeverity);
    }
  });
});
