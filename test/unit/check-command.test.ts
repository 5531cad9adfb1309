/**
 * `check` in place: marks on the offending cells, the 校验结果 sheet first, values untouched,
 * checking again replaces the marks, clearing gives every cell its earlier look back exactly.
 */
import { mkdtempSync } from "fs";
import { promises as fs } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { buildSample } from "../../scripts/build-sample";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { planCheck, planClearMarks } from "../../src/commands/check";
import { MARK_FILL, NOTE_HEADER } from "../../src/core/check/marks";
import { main } from "../../src/cli/ptsheet";

let sampleFile: string;
const dir = mkdtempSync(path.join(tmpdir(), "check-"));

beforeAll(async () => {
  sampleFile = await buildSample(undefined, path.join(dir, "sample.xlsx"));
});

async function load(file: string): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await fs.readFile(file));
}

/** Round-trips through bytes, as a saved file would. */
async function reload(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await wb.toBuffer());
}

interface CellState {
  value: string;
  style: string;
  note: string;
}

/** Every cell of every sheet the user made: value, full style and note. */
function cellStates(wb: ExcelJsWorkbook, sheets: string[]): Map<string, CellState> {
  const out = new Map<string, CellState>();
  for (const name of sheets) {
    const ws = wb.workbook.getWorksheet(name)!;
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (cell) => {
        out.set(`${name}!${cell.address}`, {
          value: JSON.stringify(cell.value ?? null),
          style: JSON.stringify(cell.style ?? {}),
          note: JSON.stringify(cell.note ?? null),
        });
      }),
    );
  }
  return out;
}

async function checkAndSave(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  const outcome = await planCheck(wb, { now: new Date(Date.UTC(2022, 5, 1)) });
  await wb.apply(outcome.changes);
  return reload(wb);
}

describe("check in place", () => {
  it("marks the findings' cells without changing a value and puts 校验结果 first", async () => {
    const before = await load(sampleFile);
    const userSheets = before.workbook.worksheets.map((w) => w.name);
    const states = cellStates(before, userSheets);
    const outcome = await planCheck(before, {});
    expect(outcome.verdict).toBe("有警告");
    expect(outcome.findings.some((f) => f.rule === "text-amount")).toBe(true);
    await before.apply(outcome.changes);
    const after = await reload(before);

    expect(after.workbook.worksheets[0].name).toBe("校验结果");
    const ws = after.workbook.getWorksheet("绩效目标")!;
    const textAmount = outcome.findings.find((f) => f.rule === "text-amount")!;
    const cell = ws.getCell(textAmount.cell);
    expect(cell.note).toContain(NOTE_HEADER);
    expect(String(cell.note)).toContain("10428.504909");
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(MARK_FILL.warning);

    const now = cellStates(after, userSheets);
    for (const [k, s] of states) expect([k, now.get(k)?.value]).toEqual([k, s.value]);

    const report = after.workbook.getWorksheet("校验结果")!;
    expect(report.getCell("B2").text).toContain("有警告");
    // One line per finding, each linking to its cell.
    const link = report.getCell("D10").value as ExcelJS.CellFormulaValue;
    expect(link.formula).toMatch(/^HYPERLINK\("#'?绩效目标'?!/);
    expect(report.rowCount).toBe(9 + outcome.findings.length);
  });

  it("checking again replaces the marks and says nothing changed", async () => {
    const once = await checkAndSave(await load(sampleFile));
    const firstStates = cellStates(once, ["绩效目标"]);
    const second = await planCheck(once, {});
    expect(second.changed).toEqual([]);
    await once.apply(second.changes);
    const twice = await reload(once);
    expect(cellStates(twice, ["绩效目标"])).toEqual(firstStates);
    expect(twice.workbook.worksheets.filter((w) => w.name.startsWith("校验结果"))).toHaveLength(1);
  });

  it("clearing the marks gives back every cell's earlier appearance exactly", async () => {
    const original = await load(sampleFile);
    // A cell with a fill and a note of the user's own, which a finding will mark.
    const ws = original.workbook.getWorksheet("绩效目标")!;
    const probe = await planCheck(original, {});
    const target = probe.findings.find((f) => f.rule === "text-amount")!;
    ws.getCell(target.cell).fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF00B050" } };
    ws.getCell(target.cell).note = "用户自己的批注";
    const base = await reload(original);
    const states = cellStates(base, ["绩效目标"]);

    const marked = await checkAndSave(base);
    const markedCell = marked.workbook.getWorksheet("绩效目标")!.getCell(target.cell);
    expect(String(markedCell.note)).toMatch(/^用户自己的批注\n【绩效目标表助手】/);

    const plan = await planClearMarks(marked);
    expect(plan.cleared).toBeGreaterThan(0);
    await marked.apply(plan.changes);
    const cleared = await reload(marked);
    expect(cellStates(cleared, ["绩效目标"])).toEqual(states);
    expect(cleared.workbook.getWorksheet("校验结果")).toBeUndefined();
  });

  it("says which tables changed since the last check", async () => {
    const checked = await checkAndSave(await load(sampleFile));
    const ws = checked.workbook.getWorksheet("绩效目标")!;
    const outcome0 = await planCheck(checked, {});
    const t = outcome0.read.tables[3];
    ws.getCell(t.indicators[0].cell).value = "≥4.8万亩";
    const outcome = await planCheck(checked, {});
    expect(outcome.changed).toEqual([t.code]);
  });
});

describe("ptsheet check", () => {
  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s) }, out, err };
  }

  it("prints the findings as JSON and exits 0 when there are no errors", async () => {
    const c = io();
    const code = await main(["node", "ptsheet", "check", sampleFile, "--json"], c.io);
    expect(code).toBe(0);
    const json = JSON.parse(c.out.join(""));
    expect(json.profile).toBe("auto");
    const f = json.findings.find((x: { rule: string }) => x.rule === "text-amount");
    expect(f).toMatchObject({
      severity: "warning",
      sheet: "绩效目标",
      table: "13062522P00456610302K",
      profile: "legacy",
    });
    expect(f.cells).toContain(f.cell);
    expect(typeof f.messageEn).toBe("string");
  });

  it("exits 1 on errors, writes the marked workbook with -o, never over the input", async () => {
    const wb = await load(sampleFile);
    const ws = wb.workbook.getWorksheet("绩效目标")!;
    const first = (await planCheck(wb, {})).read.tables[0];
    ws.getCell(first.budget.totalCell!).value = 9.99; // 9.99 ≠ 0 + 1.75: fund-sum error
    const bad = path.join(dir, "bad.xlsx");
    await fs.writeFile(bad, await wb.toBuffer());
    const out = path.join(dir, "bad-checked.xlsx");
    const c = io();
    expect(await main(["node", "ptsheet", "check", bad, "-o", out], c.io)).toBe(1);
    const written = await load(out);
    expect(written.workbook.worksheets[0].name).toBe("校验结果");
    expect(await main(["node", "ptsheet", "check", bad, "-o", bad], io().io)).toBe(2);
  });

  it("applies the safe fixes only with --fix, into the -o file", async () => {
    const out = path.join(dir, "fixed.xlsx");
    const c = io();
    await main(["node", "ptsheet", "check", sampleFile, "--fix", "-o", out, "--json"], c.io);
    const json = JSON.parse(c.out.join(""));
    expect(json.findings.filter((f: { rule: string }) => f.rule === "val-fullwidth")).toHaveLength(0);
    const fixed = await load(out);
    const input = await load(sampleFile);
    const fixedTexts = JSON.stringify((await fixed.read({ sheets: ["绩效目标"] })).sheets[0].texts);
    expect(fixedTexts).not.toContain("％");
    expect(JSON.stringify((await input.read({ sheets: ["绩效目标"] })).sheets[0].texts)).toContain("％");
  });
});
