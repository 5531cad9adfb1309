/** Sheet names Excel accepts, made from table names; text measured for row heights; layout helpers. */
import { SheetNamer, sanitizeSheetName } from "../../src/core/generate/sheet-names";
import { wrappedLines, heightForLines } from "../../src/core/generate/metrics";
import { departmentLine, spans } from "../../src/core/generate/table-sheet";

describe("sanitizeSheetName", () => {
  it.each([
    ["2022年利息收入", "2022年利息收入"],
    ["地质灾害防治/应急", "地质灾害防治／应急"],
    ["测绘：数据更新*年度?", "测绘：数据更新＊年度？"],
    ["A:B\\C", "A：B＼C"],
    ["[专项]资金", "【专项】资金"],
    ["'引号开头和结尾'", "引号开头和结尾"],
    ["''", "目标表"],
    ["   ", "目标表"],
    ["第一行\n第二行\t制表", "第一行 第二行 制表"],
    ["History", "目标表"],
    ["_ptsheet_generated", "ptsheet_generated"],
  ])("%j → %j", (input, expected) => {
    expect(sanitizeSheetName(input)).toBe(expected);
  });

  it("cuts to 31 characters without splitting a character or ending with an apostrophe", () => {
    const long = "徐水区国土绿化造林工程建设与后期管护及森林防火综合能力提升建设项目";
    expect(long.length).toBe(33);
    expect(sanitizeSheetName(long)).toBe(long.slice(0, 31));
    expect(sanitizeSheetName(`${"一".repeat(30)}𠀀𠀀`)).toBe("一".repeat(30));
    expect(sanitizeSheetName(`${"a".repeat(30)}'b`)).toBe("a".repeat(30));
  });
});

describe("SheetNamer", () => {
  it("makes names unique regardless of case, within 31 characters", () => {
    const namer = new SheetNamer(["目录", "Sheet1", "项目A"]);
    expect(namer.next("目录")).toBe("目录 (2)");
    expect(namer.next("目录")).toBe("目录 (3)");
    expect(namer.next("sheet1")).toBe("sheet1 (2)");
    expect(namer.next("项目a")).toBe("项目a (2)");
    const long = "一".repeat(31);
    expect(namer.next(long)).toBe(long);
    const second = namer.next(long);
    expect(second).toBe(`${"一".repeat(27)} (2)`);
    expect(second.length).toBe(31);
    expect(namer.next("")).toBe("目标表");
    expect(namer.next("")).toBe("目标表 (2)");
  });
});

describe("text metrics", () => {
  it("counts wrapped lines of Chinese and Latin text", () => {
    // 10 pt: a Chinese character is about 13.3 px.
    expect(wrappedLines("短文本", 10, 100)).toBe(1);
    expect(wrappedLines("一二三四五六七八九十", 10, 100)).toBe(2);
    expect(wrappedLines("一二三\n四五六", 10, 200)).toBe(2);
    expect(wrappedLines("一".repeat(100), 10, 400)).toBeGreaterThanOrEqual(4);
    expect(wrappedLines("13062522P00459810061C", 10, 60)).toBeGreaterThanOrEqual(3);
    expect(heightForLines(2, 10)).toBeGreaterThan(heightForLines(1, 10));
    expect(heightForLines(1000, 10)).toBe(409);
  });
});

describe("layout helpers", () => {
  it("spreads checkpoints over the columns as the seed does", () => {
    expect(spans(4, 2, 6)).toEqual([
      [2, 2],
      [3, 4],
      [5, 5],
      [6, 7],
    ]);
    expect(spans(3, 2, 6)).toEqual([
      [2, 3],
      [4, 5],
      [6, 7],
    ]);
    expect(spans(8, 2, 6)).toHaveLength(8);
  });

  it("writes the department line so the reader recognises it", () => {
    expect(departmentLine("324001保定市自然资源和规划局徐水区分局本级")).toBe(
      "324001保定市自然资源和规划局徐水区分局本级",
    );
    expect(departmentLine("保定市徐水区林业工作站")).toBe("预算单位：保定市徐水区林业工作站");
    expect(departmentLine(null)).toBeNull();
  });
});
