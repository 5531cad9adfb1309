/** Text normalisation: label keys, full-width folding, wrapped lines, goal items. */
import { bracketNotes, cleanText, hasFullWidth, isBlank, labelKey, splitItems, toHalfWidth } from "../../src/core/text";
import { checkpointLabel, isFormLabel } from "../../src/core/labels";

describe("labelKey: whitespace, 其中, colons and bracketed notes do not matter", () => {
  const cases: [string, string][] = [
    ["财政    资金", "财政资金"],
    ["其中：财政    资金", "财政资金"],
    ["其中:财政拨款", "财政拨款"],
    ["其中财政拨款", "财政拨款"],
    ["项目\n名称", "项目名称"],
    ["项目\r\n名称", "项目名称"],
    ["绩 效 目 标", "绩效目标"],
    ["\u3000项目名称\u3000", "项目名称"],
    ["项目名称：", "项目名称"],
    ["项目名称:", "项目名称"],
    ["资金支出计划（%）", "资金支出计划"],
    ["资金支出计划(%)", "资金支出计划"],
    ["预算数（万元）", "预算数"],
    ["部门（单位）名称", "部门名称"],
    ["中期目标（2023年-2025年）", "中期目标"],
    ["项目资金\n（万元）", "项目资金"],
    ["ＡＢＣ", "ABC"],
    ["指标值确定\n依据", "指标值确定依据"],
  ];
  it.each(cases)("%j → %s", (raw, key) => {
    expect(labelKey(raw)).toBe(key);
  });
});

describe("bracketNotes", () => {
  it.each<[string, string[]]>([
    ["预算数（万元）", ["万元"]],
    ["资金支出计划(%)", ["%"]],
    ["项目资金【单位：元】", ["单位:元"]],
    ["项目名称", []],
  ])("%s → %j", (raw, notes) => {
    expect(bracketNotes(raw)).toEqual(notes);
  });
});

describe("toHalfWidth / hasFullWidth", () => {
  it.each<[string, string]>([
    ["１．７５", "1.75"],
    ["≥９０％", "≥90%"],
    ["＝１００", "=100"],
    ["ＡＢＣ　ｘ", "ABC x"],
    ["≥90%", "≥90%"],
    ["中文，不变。", "中文,不变。"],
  ])("%s → %s", (raw, half) => {
    expect(toHalfWidth(raw)).toBe(half);
  });

  it("tells full-width forms apart", () => {
    expect(hasFullWidth("≥９０％")).toBe(true);
    expect(hasFullWidth("≥90%")).toBe(false);
    expect(hasFullWidth("实际完成率")).toBe(false);
  });
});

describe("cleanText", () => {
  const cases: [string, string, string][] = [
    [
      "drops a break that only wraps Chinese text",
      "实际完成工作的价值与实际\n成本的比值",
      "实际完成工作的价值与实际成本的比值",
    ],
    [
      "drops a wrap after a comma",
      "完成农村公路日常养护里程，\n含县道、乡道和村道",
      "完成农村公路日常养护里程，含县道、乡道和村道",
    ],
    ["drops a wrap after 、", "用于日常养护、\n小修保养", "用于日常养护、小修保养"],
    ["drops a wrap before an opening bracket", "医疗保险\n（大病保险）", "医疗保险（大病保险）"],
    ["keeps a break after a sentence", "改善矿山环境。\n减少财产损失", "改善矿山环境。\n减少财产损失"],
    ["keeps a break after a colon", "绩效目标：\n完成工作", "绩效目标：\n完成工作"],
    ["keeps a break before a list item", "1.规范资金管理\n2.预计使用利息收入", "1.规范资金管理\n2.预计使用利息收入"],
    ["keeps a break before （2）", "（1）完成培训\n（2）完成考核", "（1）完成培训\n（2）完成考核"],
    ["keeps a break before 二、", "一、总体目标\n二、分项目标", "一、总体目标\n二、分项目标"],
    ["keeps a break before ②", "①完成培训\n②完成考核", "①完成培训\n②完成考核"],
    ["keeps a break before a number", "共计\n174686.64元", "共计\n174686.64元"],
    ["keeps breaks between Latin text", "line one\nline two", "line one\nline two"],
    ["unifies CRLF and CR", "a\r\nb\rc", "a\nb\nc"],
    ["collapses blank lines", "第一段。\n\n\n第二段", "第一段。\n第二段"],
    ["trims every line and the whole", "  用于办公经费 \u3000\n", "用于办公经费"],
    ["trims around a wrap", "实际完成 \n  成本", "实际完成成本"],
  ];
  it.each(cases)("%s", (_what, raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
  });
});

describe("splitItems", () => {
  it("splits numbered goals", () => {
    expect(
      splitItems(
        "1.规范资金管理，合法合规使用资金\n2.预计使用利息收入1.75万元，主要用于办公经费，预计2022年12月底支付完毕",
      ),
    ).toEqual([
      "1.规范资金管理，合法合规使用资金",
      "2.预计使用利息收入1.75万元，主要用于办公经费，预计2022年12月底支付完毕",
    ]);
  });

  it("joins a numbered item's wrapped and continued lines", () => {
    expect(splitItems("1.完成全区农村公路日常养护\n里程1200公里\n2.优良中等路率达到85%以上")).toEqual([
      "1.完成全区农村公路日常养护里程1200公里",
      "2.优良中等路率达到85%以上",
    ]);
    expect(splitItems("1.完成培训。\nA类人员优先\n2.完成考核")).toEqual(["1.完成培训。A类人员优先", "2.完成考核"]);
  });

  it.each<[string, string[]]>([
    ["1、完成培训\n2、完成考核", ["1、完成培训", "2、完成考核"]],
    ["(1)完成培训\n(2)完成考核", ["(1)完成培训", "(2)完成考核"]],
    ["一、完成培训\n二、完成考核", ["一、完成培训", "二、完成考核"]],
    ["①完成培训\n②完成考核", ["①完成培训", "②完成考核"]],
  ])("knows the marker of %j", (raw, items) => {
    expect(splitItems(raw)).toEqual(items);
  });

  it("keeps unnumbered text one item a paragraph", () => {
    expect(splitItems("保障系统全年稳定运行")).toEqual(["保障系统全年稳定运行"]);
    expect(splitItems("目标1：完成生态修复面积3万亩。\n目标2：治理水土流失面积2万亩。")).toEqual([
      "目标1：完成生态修复面积3万亩。",
      "目标2：治理水土流失面积2万亩。",
    ]);
  });

  it("gives nothing for blank text", () => {
    expect(splitItems("")).toEqual([]);
    expect(splitItems(" \n ")).toEqual([]);
  });
});

describe("isBlank", () => {
  it.each(["", " ", "\n", "\u00a0", "\u3000", null, undefined])("%j is blank", (s) => {
    expect(isBlank(s)).toBe(true);
  });
  it.each(["0", "-", "a", " 无 "])("%j is not blank", (s) => {
    expect(isBlank(s)).toBe(false);
  });
});

describe("checkpointLabel", () => {
  it.each<[string, string]>([
    ["3月底", "3月底"],
    ["6月末", "6月末"],
    ["10月底", "10月底"],
    ["12 月底", "12月底"],
    ["3月底支出进度（%）", "3月底"],
    ["截至6月底累计支出进度", "6月底"],
    ["9月份", "9月份"],
    ["1-7月", "1-7月"],
    ["三季度末", "三季度末"],
    ["第三季度", "第三季度"],
    ["上半年", "上半年"],
    ["全年", "全年"],
    ["11月30日", "11月30日"],
    ["十月底", "十月底"],
  ])("%s → %s", (raw, label) => {
    expect(checkpointLabel(raw)).toBe(label);
  });

  it.each(["13月底", "项目名称", "资金支出计划", "2022年", ""])("%j is no checkpoint", (raw) => {
    expect(checkpointLabel(raw)).toBeNull();
  });
});

describe("isFormLabel", () => {
  it.each(["项目名称", "项目代码", "年度资金总额", "中期资金总额", "财政拨款", "上年结转", "指标值及单位", "3月底"])(
    "%s is a label",
    (raw) => {
      expect(isFormLabel(labelKey(raw))).toBe(true);
    },
  );
  it.each(["", "2022年利息收入", "用于办公经费", "≥90%"])("%j is not a label", (raw) => {
    expect(isFormLabel(labelKey(raw))).toBe(false);
  });
});
