/** Settings kept in the workbook: validation, and a round trip through a real .xlsx (ExcelJS). */
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import {
  DEFAULT_SETTINGS,
  SETTINGS_SHEET,
  parseYear,
  readSettings,
  sameSettings,
  settingsChanges,
  settingsFromRecord,
  type Settings,
} from "../../src/core/settings";

describe("settings records", () => {
  test("a full record reads back as stored", () => {
    const r = settingsFromRecord({ profile: "cpi2021", budgetYear: 2024, unit: "万元" });
    expect(r).toEqual({ settings: { profile: "cpi2021", budgetYear: 2024, unit: "万元" }, notes: [], stored: true });
  });

  test("unknown keys are ignored; bad values fall back to the default with a note", () => {
    const r = settingsFromRecord({ profile: "zhejiang", budgetYear: "明年", unit: "千元", future: true });
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.notes.map((n) => n.key)).toEqual(["profile", "budgetYear", "unit"]);
    expect(r.notes[0].message).toContain("zhejiang");
    expect(r.notes[0].messageEn).toContain("default");
  });

  test("missing keys take the defaults without notes", () => {
    expect(settingsFromRecord({ profile: "hunan" })).toEqual({
      settings: { ...DEFAULT_SETTINGS, profile: "hunan" },
      notes: [],
      stored: true,
    });
  });

  test("no record: defaults, not stored", () => {
    expect(readSettings([])).toEqual({ settings: DEFAULT_SETTINGS, notes: [], stored: false });
  });

  test("a sheet of that name that is not a record: defaults, with a note", () => {
    const r = readSettings([
      {
        name: SETTINGS_SHEET,
        visibility: "visible",
        top: 1,
        left: 1,
        values: [["hello"]],
        texts: [["hello"]],
        merges: [],
      },
    ]);
    expect(r.settings).toEqual(DEFAULT_SETTINGS);
    expect(r.stored).toBe(false);
    expect(r.notes).toHaveLength(1);
  });

  test.each([
    [2022, 2022],
    ["2023", 2023],
    [" 2024 ", 2024],
    ["", null],
    [null, null],
    [1999, undefined],
    [2101, undefined],
    [2022.5, undefined],
    ["22", undefined],
    ["二〇二二", undefined],
  ])("parseYear(%p) = %p", (input, expected) => {
    expect(parseYear(input)).toBe(expected);
  });
});

describe("settings in a workbook", () => {
  async function workbookWithTable(): Promise<ExcelJsWorkbook> {
    const wb = ExcelJsWorkbook.create();
    await wb.apply([
      { kind: "addSheet", sheet: "Sheet1" },
      { kind: "setValues", sheet: "Sheet1", anchor: "A1", values: [["项目名称", "测试项目"]] },
    ]);
    return wb;
  }

  async function reopen(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
    return ExcelJsWorkbook.load(await wb.toBuffer());
  }

  test("stored in a very hidden sheet, read back after saving and reopening, ignored by the reader", async () => {
    const wb = await workbookWithTable();
    const s: Settings = { profile: "legacy", budgetYear: 2022, unit: "万元" };
    await wb.apply(settingsChanges(s, false));
    const again = await reopen(wb);
    const sheets = await again.listSheets();
    expect(sheets.find((x) => x.name === SETTINGS_SHEET)?.visibility).toBe("veryHidden");
    expect(sheets.find((x) => x.name === "Sheet1")?.visibility).toBe("visible");
    const snapshot = await again.read({ sheets: [SETTINGS_SHEET] });
    const read = readSettings(snapshot.sheets);
    expect(read.stored).toBe(true);
    expect(sameSettings(read.settings, s)).toBe(true);
    const all = readWorkbook(await again.read());
    expect(all.tables.every((t) => t.sheet !== SETTINGS_SHEET)).toBe(true);
  });

  test("saving again replaces the record (the very hidden sheet is unhidden before it is deleted)", async () => {
    const wb = await workbookWithTable();
    await wb.apply(settingsChanges({ profile: "legacy", budgetYear: 2022, unit: "万元" }, false));
    const changes = settingsChanges({ profile: "cpi2021", budgetYear: null, unit: "auto" }, true);
    const del = changes.findIndex((c) => c.kind === "deleteSheet");
    const unhide = changes.findIndex((c) => c.kind === "setSheetVisibility" && c.visibility !== "veryHidden");
    expect(unhide).toBeGreaterThanOrEqual(0);
    expect(unhide).toBeLessThan(del);
    await wb.apply(changes);
    const again = await reopen(wb);
    const read = readSettings((await again.read({ sheets: [SETTINGS_SHEET] })).sheets);
    expect(read.settings).toEqual({ profile: "cpi2021", budgetYear: null, unit: "auto" });
    expect((await again.listSheets()).filter((x) => x.name === SETTINGS_SHEET)).toHaveLength(1);
  });
});
