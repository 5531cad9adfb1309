/** The 指标值 grammar (DOMAIN.md §3): comparators, numbers, units, percent words, qualitative values. */
import { formatTarget, parseComparator, parseTarget } from "../../src/core/grammar";
import type { Comparator, TargetNote } from "../../src/core/model";

type Quantitative = [raw: string, op: Comparator, number: string, unit: string | null];

describe("parseTarget: comparators written as symbols", () => {
  const cases: Quantitative[] = [
    ["≥90%", "≥", "90", "%"],
    [">90%", ">", "90", "%"],
    ["=100%", "=", "100", "%"],
    ["≤3‰", "≤", "3", "‰"],
    ["<5天", "<", "5", "天"],
    [">=95%", "≥", "95", "%"],
    ["=>95%", "≥", "95", "%"],
    ["<=5%", "≤", "5", "%"],
    ["=<5%", "≤", "5", "%"],
    ["⩾95%", "≥", "95", "%"],
    ["⩽5%", "≤", "5", "%"],
  ];
  it.each(cases)("%s → %s %s %s", (raw, op, number, unit) => {
    expect(parseTarget(raw)).toMatchObject({ op, number, unit, text: null });
  });
});

describe("parseTarget: full-width and variant symbols are read and noted", () => {
  const cases: Quantitative[] = [
    ["＝100%", "=", "100", "%"],
    ["≧90%", "≥", "90", "%"],
    ["≦5%", "≤", "5", "%"],
    ["＞90%", ">", "90", "%"],
    ["＜5%", "<", "5", "%"],
    ["≥９０％", "≥", "90", "%"],
    ["≥90％", "≥", "90", "%"],
    ["１．７５万元", "=", "1.75", "万元"],
  ];
  it.each(cases)("%s → %s %s %s", (raw, op, number, unit) => {
    const t = parseTarget(raw);
    expect(t).toMatchObject({ op, number, unit, text: null });
    expect(t.notes).toContain<TargetNote>("fullwidth");
  });

  it("does not note plain ASCII values", () => {
    expect(parseTarget("≥90%").notes).not.toContain("fullwidth");
  });
});

describe("parseTarget: comparators written as words", () => {
  const cases: Quantitative[] = [
    ["大于等于95%", "≥", "95", "%"],
    ["大于或等于95%", "≥", "95", "%"],
    ["不低于95%", "≥", "95", "%"],
    ["不少于10个", "≥", "10", "个"],
    ["不小于10个", "≥", "10", "个"],
    ["至少3次", "≥", "3", "次"],
    ["大于90%", ">", "90", "%"],
    ["高于90%", ">", "90", "%"],
    ["超过90%", ">", "90", "%"],
    ["等于100%", "=", "100", "%"],
    ["小于等于5天", "≤", "5", "天"],
    ["小于或等于5天", "≤", "5", "天"],
    ["不高于5%", "≤", "5", "%"],
    ["不超过30天", "≤", "30", "天"],
    ["不大于30天", "≤", "30", "天"],
    ["不多于2次", "≤", "2", "次"],
    ["控制在5%", "≤", "5", "%"],
    ["小于3%", "<", "3", "%"],
    ["低于3%", "<", "3", "%"],
    ["少于3次", "<", "3", "次"],
    ["90%以上", "≥", "90", "%"],
    ["90%及以上", "≥", "90", "%"],
    ["5%以下", "≤", "5", "%"],
    ["5%及以下", "≤", "5", "%"],
    ["30天以内", "≤", "30", "天"],
  ];
  it.each(cases)("%s → %s %s %s", (raw, op, number, unit) => {
    const t = parseTarget(raw);
    expect(t).toMatchObject({ op, number, unit, text: null });
    expect(t.notes).toContain<TargetNote>("comparator-word");
  });
});

describe("parseTarget: no comparator means =", () => {
  const cases: Quantitative[] = [
    ["100%", "=", "100", "%"],
    ["5万元", "=", "5", "万元"],
    ["12", "=", "12", null],
    ["0起", "=", "0", "起"],
    ["12次/年", "=", "12", "次/年"],
    ["100 %", "=", "100", "%"],
  ];
  it.each(cases)("%s → %s %s %s", (raw, op, number, unit) => {
    const t = parseTarget(raw);
    expect(t).toMatchObject({ op, number, unit, text: null });
    expect(t.notes).toContain<TargetNote>("no-comparator");
  });
});

describe("parseTarget: numbers", () => {
  const cases: Quantitative[] = [
    ["≥4.9万亩", "≥", "4.9", "万亩"],
    ["≤0.05万元", "≤", "0.05", "万元"],
    ["≥ 1200 人次", "≥", "1200", "人次"],
    ["≤ 30 天", "≤", "30", "天"],
    ["95.50%", "=", "95.5", "%"],
    [".5", "=", "0.5", null],
    ["≥10万人次", "≥", "10", "万人次"],
  ];
  it.each(cases)("%s → %s %s %s", (raw, op, number, unit) => {
    expect(parseTarget(raw)).toMatchObject({ op, number, unit, text: null });
  });
});

describe("parseTarget: every unit DOMAIN.md lists", () => {
  const units = ["万元", "元", "万亩", "亩", "人", "人次", "户", "个", "次", "辆", "台", "套", "件", "篇", "份"];
  const more = ["天", "月", "年", "米", "公里", "km", "M", "%", "‰"];
  it.each([...units, ...more])("≥12%s", (unit) => {
    expect(parseTarget(`≥12${unit}`)).toMatchObject({ op: "≥", number: "12", unit, text: null });
  });
});

describe("parseTarget: percent written as a word", () => {
  const cases: Quantitative[] = [
    ["90百分比", "=", "90", "%"],
    ["≥95百分比", "≥", "95", "%"],
    ["3千分比", "=", "3", "‰"],
    ["≤3千分之", "≤", "3", "‰"],
  ];
  it.each(cases)("%s → %s %s %s, noted", (raw, op, number, unit) => {
    const t = parseTarget(raw);
    expect(t).toMatchObject({ op, number, unit, text: null });
    expect(t.notes).toContain<TargetNote>("percent-word");
  });
});

describe("parseTarget: qualitative values keep their wording", () => {
  const texts = [
    "优良",
    "效果明显",
    "显著提升",
    "按计划实施",
    "达到预期",
    "在计划时间内完成",
    "2023.07-2024.01",
    "2023年12月31日前",
    "2023-12-31",
    "2023年10月底前",
    "百分之九十",
    "无安全事故",
    "≥90%（含）以上",
  ];
  it.each(texts)("%s", (raw) => {
    expect(parseTarget(raw)).toMatchObject({ op: null, number: null, unit: null, text: raw });
  });

  it("trims the text", () => {
    expect(parseTarget("  达到预期 \n")).toMatchObject({ op: null, text: "达到预期" });
  });

  it("reads a blank value as nothing", () => {
    expect(parseTarget("  ")).toEqual({ op: null, number: null, unit: null, text: null, notes: [] });
  });
});

describe("parseComparator: a split 指标性质/指标方向 cell", () => {
  const cases: [string, Comparator, boolean][] = [
    ["≥", "≥", false],
    [">", ">", false],
    ["=", "=", false],
    ["≤", "≤", false],
    ["<", "<", false],
    ["＝", "=", false],
    ["≧", "≥", false],
    ["≦", "≤", false],
    ["＞", ">", false],
    ["＜", "<", false],
    [">=", "≥", false],
    ["大于等于", "≥", true],
    ["不低于", "≥", true],
    ["不少于", "≥", true],
    ["大于", ">", true],
    ["等于", "=", true],
    ["小于等于", "≤", true],
    ["不高于", "≤", true],
    ["不超过", "≤", true],
    ["小于", "<", true],
    [" 大于 等于 ", "≥", true],
  ];
  it.each(cases)("%s → %s", (raw, op, word) => {
    expect(parseComparator(raw)).toEqual({ op, word });
  });

  it.each(["", "定性", "正向", "反向", "90%"])("%s is no comparator", (raw) => {
    expect(parseComparator(raw)).toBeNull();
  });
});

describe("formatTarget", () => {
  it.each(["≥95%", "100%", "≤3‰", ">90%", "<5天", "5万元", "优良"])("writes %s back as it was read", (raw) => {
    expect(formatTarget(parseTarget(raw))).toBe(raw);
  });

  it("writes word comparators as symbols", () => {
    expect(formatTarget(parseTarget("不低于95%"))).toBe("≥95%");
    expect(formatTarget(parseTarget("等于100%"))).toBe("100%");
  });
});

describe("parseTarget: signed numbers", () => {
  it.each<Quantitative>([
    ["+5%", "=", "5", "%"],
    ["≥+5%", "≥", "5", "%"],
    ["-3%", "=", "-3", "%"],
  ])("%s → %s %s %s", (raw, op, number, unit) => {
    expect(parseTarget(raw)).toMatchObject({ op, number, unit, text: null });
  });
});
