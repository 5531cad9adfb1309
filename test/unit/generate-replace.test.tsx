/**
 * Confirm-and-replace of generated sheets that differ from their source: `planGenerate` with the
 * sheets the user confirmed replaces those and no other; in the pane, 生成目标表 offers the differing
 * sheets with what would change (the dialog's entries rendered with react-dom/server, differences
 * capped), 保留 leaves every value as it was, 替换 rebuilds the ticked sheet from its source.
 */
import { mkdtempSync, promises as fs } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { renderToStaticMarkup } from "react-dom/server";
import { buildSample } from "../../scripts/build-sample";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import type { CellValue } from "../../src/port/workbook";
import { planGenerate, runGenerate } from "../../src/commands/generate";
import { readWorkbook } from "../../src/core/reader";
import type { TargetTable } from "../../src/core/model";
import { getState, resetState, setPort, setState } from "../../src/taskpane/state";
import { generateAction, keepGeneratedAction, replaceGeneratedAction } from "../../src/taskpane/actions";
import { initI18n } from "../../src/taskpane/i18n";
import { ConflictEntry, MAX_CHANGES_LISTED } from "../../src/taskpane/components/ReplaceDialog";
import type { GenerateConflict } from "../../src/taskpane/more-workflow";

jest.setTimeout(600_000);

let bytes: Uint8Array;

beforeAll(async () => {
  initI18n("zh");
  const dir = mkdtempSync(path.join(tmpdir(), "gen-replace-"));
  bytes = await fs.readFile(await buildSample(undefined, path.join(dir, "sample.xlsx")));
});

async function reload(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await wb.toBuffer());
}

/** The values of a sheet as read. */
async function valuesOf(wb: ExcelJsWorkbook, sheet: string): Promise<CellValue[][]> {
  return (await wb.read({ sheets: [sheet] })).sheets[0].values;
}

/**
 * After generating: the budget of source table 3 raised to 72 (the source changed), and the budget on
 * table 1's generated sheet typed over (edited on the sheet).
 */
async function twoConflicts(wb: ExcelJsWorkbook): Promise<{ sourceChanged: TargetTable; edited: TargetTable }> {
  const before = readWorkbook(await wb.read());
  const edited = before.tables[1];
  expect(edited.layout).toBe("generated");
  await wb.apply([{ kind: "setValues", sheet: edited.sheet, anchor: edited.budget.totalCell!, values: [[99]] }]);
  const original = readWorkbook(await (await ExcelJsWorkbook.load(bytes)).read()).tables[3];
  await wb.apply([{ kind: "setValues", sheet: original.sheet, anchor: original.budget.totalCell!, values: [[72]] }]);
  return { sourceChanged: before.tables[3], edited };
}

describe("planGenerate with confirmed sheets", () => {
  it("replaces the confirmed sheet only; the other differing sheet stays a conflict, untouched", async () => {
    const wb = await ExcelJsWorkbook.load(bytes);
    await runGenerate(wb);
    const { sourceChanged, edited } = await twoConflicts(wb);
    const plan = planGenerate(await wb.read());
    const conflicts = plan.items.filter((i) => i.action === "conflict");
    expect(conflicts.map((i) => i.sheet).sort()).toEqual([sourceChanged.sheet, edited.sheet].sort());
    expect(plan.changes).toEqual([]);

    const confirmed = planGenerate(await wb.read(), { replace: [sourceChanged.sheet] });
    expect(confirmed.items.find((i) => i.sheet === sourceChanged.sheet)?.action).toBe("replace");
    expect(confirmed.items.find((i) => i.sheet === edited.sheet)?.action).toBe("conflict");
    const touched = new Set(confirmed.changes.filter((c) => "sheet" in c).map((c) => (c as { sheet: string }).sheet));
    expect(touched.has(sourceChanged.sheet)).toBe(true);
    expect(touched.has(edited.sheet)).toBe(false);
    await wb.apply(confirmed.changes);
    const after = readWorkbook(await (await reload(wb)).read());
    expect(after.tables.find((t) => t.sheet === sourceChanged.sheet)?.budget.total).toBe("72");
    expect(after.tables.find((t) => t.sheet === edited.sheet)?.budget.total).toBe("99");
  });
});

describe("the pane's confirm-and-replace", () => {
  it("lists each differing sheet with its changes; 保留 keeps the values, 替换 rebuilds the ticked sheet", async () => {
    resetState();
    setState({ detection: { mode: "browser", reason: "absent" }, file: { name: "sample.xlsx", size: bytes.length } });
    const wb = await ExcelJsWorkbook.load(bytes);
    setPort(wb);
    await generateAction("pane");
    expect(getState().replaceOffer).toBeNull();
    const { sourceChanged, edited } = await twoConflicts(wb);

    await generateAction("pane");
    let s = getState();
    expect(s.message).toMatchObject({ intent: "warning", key: "more.generated" });
    expect(s.message?.more?.map((m) => m.key)).toEqual(["more.conflicts", "replace.ask"]);
    const offer = s.replaceOffer!;
    expect(offer.map((c) => c.sheet).sort()).toEqual([sourceChanged.sheet, edited.sheet].sort());
    const changed = offer.find((c) => c.sheet === sourceChanged.sheet)!;
    expect(changed).toMatchObject({ sourceChanged: true, editedOnSheet: false });
    expect(changed.differences).toContainEqual({ field: "预算数", from: "70", to: "72" });
    const byHand = offer.find((c) => c.sheet === edited.sheet)!;
    expect(byHand).toMatchObject({ sourceChanged: false, editedOnSheet: true });
    expect(byHand.differences.some((d) => d.from === "99")).toBe(true);

    // The dialog's entry: the sheet, why, each change (field, on the sheet now, in the source).
    const html = renderToStaticMarkup(<ConflictEntry conflict={changed} checked onChange={() => undefined} />);
    expect(html).toContain(`替换「${changed.sheet}」`);
    expect(html).toContain("来源表有变化");
    expect(html).toMatch(/预算数<\/td><td[^>]*>70<\/td><td[^>]*>72</);

    // 保留: nothing is written.
    const keptValues = await valuesOf(wb, edited.sheet);
    const sourceValues = await valuesOf(wb, sourceChanged.sheet);
    keepGeneratedAction();
    s = getState();
    expect(s.replaceOffer).toBeNull();
    expect(s.message).toMatchObject({ intent: "info", key: "replace.kept", params: { count: 2 } });
    expect(await valuesOf(wb, edited.sheet)).toEqual(keptValues);
    expect(await valuesOf(wb, sourceChanged.sheet)).toEqual(sourceValues);

    // 替换 with one sheet ticked: that one is rebuilt from its source, the other keeps its edit.
    await generateAction("pane");
    expect(getState().replaceOffer).toHaveLength(2);
    await replaceGeneratedAction([sourceChanged.sheet]);
    s = getState();
    expect(s.replaceOffer).toBeNull();
    expect(s.message).toMatchObject({ key: "more.generated", params: { replaced: 1 } });
    expect(s.message?.more?.map((m) => m.key)).toEqual(["more.conflicts"]);
    const tables = readWorkbook(await (await reload(wb)).read()).tables;
    expect(tables.find((t) => t.sheet === sourceChanged.sheet)?.budget.total).toBe("72");
    expect(tables.find((t) => t.sheet === edited.sheet)?.budget.total).toBe("99");
    expect(await valuesOf(wb, edited.sheet)).toEqual(keptValues);
  });

  it("caps the differences listed per sheet and counts the rest", () => {
    const conflict: GenerateConflict = {
      sheet: "表",
      code: "C1",
      name: "名称",
      source: "绩效目标!A1:H40",
      editedOnSheet: true,
      sourceChanged: true,
      differences: Array.from({ length: MAX_CHANGES_LISTED + 4 }, (_, i) => ({
        field: `字段${i}`,
        from: `旧${i}`,
        to: `新${i}`,
      })),
    };
    const html = renderToStaticMarkup(<ConflictEntry conflict={conflict} checked={false} onChange={() => undefined} />);
    expect(html).toContain(`字段${MAX_CHANGES_LISTED - 1}`);
    expect(html).not.toContain(`字段${MAX_CHANGES_LISTED}<`);
    expect(html).toContain("…另有 4 处差异");
    expect(html).toContain("工作表上有修改，来源表有变化");
    expect(html).toContain("来源：绩效目标!A1:H40");
  });
});
