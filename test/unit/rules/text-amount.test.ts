import { applyFixes } from "../../../src/core/rules";
import { cases, run, table } from "./builders";

/** The seed's third table: 17.47万元, stated in 元 in its usage with a breakdown, and in 万元 in its goals. */
const seedThird = table({
  total: "17.47",
  sources: [
    ["财政资金", "17.47"],
    ["其他资金", null],
  ],
  usage:
    "按照医保局和社保局出具的缴费通知单逐月缴纳，共计174686.64元，其中医疗保险79585.2元（大病保险1380元、生育保险4887.84元、医疗保险73317.36元）和养老保险95101.44元。",
  goals: [
    "1.保障人员医疗、养老保险等方面的经费支出",
    "2.苗圃场人员医疗、养老补助17.468664万元，预计2022年1-12月份资金支付完毕",
  ],
});

/** The seed's last table: 10428.504909万元 stated against a budget of 471.16. */
const seedLast = table({
  total: "471.16",
  sources: [
    ["财政资金", "471.16"],
    ["其他资金", null],
  ],
  usage: "用于支付农垦公司、大午公司、中润绿谷公司绿化占地土地流转金",
  goals: [
    "1.减少地下水开采，改善两侧生态环境",
    "2.完成植树造林绿化占地流转金补助支付工作",
    "3.该项目绿化占地流转金10428.504909万元，预计当年1-12月份支付10428.504909万元",
  ],
});

describe("text-amount", () => {
  cases("text-amount", [
    { name: "valid: the total and a source with 其中", table: table(), expected: [] },
    {
      name: "valid: 元 rounded to the table's precision, with its breakdown (seed table 3)",
      table: seedThird,
      expected: [],
    },
    {
      name: "valid: the seed's first table (1.75万元)",
      table: table({
        total: "1.75",
        sources: [
          ["财政资金", null],
          ["其他资金", "1.75"],
        ],
        goals: [
          "1.规范资金管理，合法合规使用资金",
          "2.预计使用利息收入1.75万元，主要用于办公经费，预计2022年12月底支付完毕",
        ],
      }),
      expected: [],
    },
    {
      name: "valid: an integer budget compares at 0 decimals (70万元)",
      table: table({
        total: "70",
        sources: [
          ["财政资金", "70"],
          ["其他资金", null],
        ],
        goals: ["3.购买药品、飞防费等费用70万元"],
      }),
      expected: [],
    },
    {
      name: "valid: per-unit prices, investments and benefits are not the project's money",
      table: table({
        goals: ["1.补助标准500元/人，每人每月300元", "2.带动社会投资500万元，为群众增收30万元"],
        usage: "按每亩1200元发放",
      }),
      expected: [],
    },
    {
      name: "valid: an estimate compares at its own precision",
      table: table({ total: "100.3", sources: [["财政资金", "100.3"]], goals: ["项目资金约100万元"] }),
      expected: [],
    },
    {
      name: "valid: the fiscal part of a nested split",
      table: table({
        sources: [
          ["财政拨款", "80"],
          ["当年财政拨款", "60", "财政拨款"],
          ["上年结转", "20", "财政拨款"],
          ["其他资金", "20"],
        ],
        goals: ["上年结转资金20万元，当年财政拨款60万元"],
      }),
      expected: [],
    },
    {
      name: "invalid: the seed's last table (10428.504909万元 for 471.16), reported once",
      table: seedLast,
      expected: [
        { cell: "B8", message: "绩效目标所述金额 10428.504909万元 与预算数及各资金来源均不符（预算数 471.16万元）" },
      ],
    },
    {
      name: "invalid: an amount in the usage text",
      table: table({ usage: "购置设备共计120万元" }),
      expected: [
        {
          cell: "B6",
          message:
            "资金用途所述金额 120万元 与预算数及各资金来源均不符（预算数 100万元，财政资金 80万元，其他资金 20万元）",
        },
      ],
    },
    {
      name: "invalid: an amount in 元 that rounds to something else",
      table: table({ total: "17.47", sources: [["财政资金", "17.47"]], goals: ["补助17469元"] }),
      expected: [
        {
          cell: "B8",
          message: "绩效目标所述金额 17469元（折合 1.7469万元）与预算数及各资金来源均不符（预算数 17.47万元）",
        },
      ],
    },
    {
      name: "invalid: 万元 written where 元 is meant",
      table: table({ goals: ["1.完成造林100亩", "2.项目资金1000000万元"] }),
      expected: [
        {
          cell: "B8",
          message:
            "绩效目标所述金额 1000000万元 与预算数及各资金来源均不符（预算数 100万元，财政资金 80万元，其他资金 20万元）；疑为单位写错，应为 1000000元",
        },
      ],
    },
    {
      name: "invalid: breakdown amounts are skipped, but not amounts in a new sentence",
      table: table({ goals: ["项目资金100万元，其中设备费30万元。另需运维费15万元。"] }),
      expected: [
        {
          cell: "B8",
          message:
            "绩效目标所述金额 15万元 与预算数及各资金来源均不符（预算数 100万元，财政资金 80万元，其他资金 20万元）",
        },
      ],
    },
  ]);

  test("the unit-slip fix edits the clause, and applies without a grid", () => {
    const t = table({ goals: ["1.完成造林100亩", "2.项目资金100元，另有2100元"] });
    const [f] = run("text-amount", t);
    expect(f.fix?.edits).toEqual([
      { sheet: "表1", cell: "B8", kind: "text", from: "2.项目资金100元", to: "2.项目资金100万元" },
    ]);
    const cell = "1.完成造林100亩\n2.项目资金100元，另有2100元";
    const plan = applyFixes([f], () => cell);
    expect(plan.changes).toEqual([
      { sheet: "表1", cell: "B8", from: cell, to: "1.完成造林100亩\n2.项目资金100万元，另有2100元" },
    ]);
  });

  test("English message", () => {
    const [f] = run("text-amount", seedLast);
    expect(f.messageEn).toBe(
      "The amount 10428.504909万元 stated in the goals matches neither the budget nor any of its sources (预算数 471.16万元)",
    );
  });
});
