/**
 * Issue 5, export-lists: every table as a project list and an indicator list, which the lists
 * reader reads back as the same tables; in the same workbook the lists are the add-in's own sheets
 * and do not count twice. And the CLI of generate, summary, export-lists and all.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { tableContent } from "../../src/core/generate/content";
import { exportLists } from "../../src/commands/export-lists";
import { runGenerate } from "../../src/commands/generate";
import { main } from "../../src/cli/ptsheet";
import { fixtureProjects, listsWorkbook } from "../../scripts/lists-fixture";
import { buildSeedSample } from "../fixtures/seed-sample";
import { fixtureDir } from "../fixtures/workbook";

// Whole workbooks are written and read: slow on a busy machine, never a limit on speed.
jest.setTimeout(180_000);

async function load(file: string): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await fs.readFile(file));
}

async function reload(wb: ExcelJsWorkbook): Promise<ExcelJsWorkbook> {
  return ExcelJsWorkbook.load(await wb.toBuffer());
}

describe("export-lists", () => {
  it("exports the seed's six tables to lists that read back as the same tables", async () => {
    const source = await load(await buildSeedSample(fixtureDir("export-seed")));
    const tables = readWorkbook(await source.read()).tables;
    const target = ExcelJsWorkbook.create();
    const plan = await exportLists(source, target);
    expect(plan).toMatchObject({
      projectsSheet: "项目清单",
      indicatorsSheet: "指标清单",
      projects: 6,
      indicators: 31,
      unit: "万元",
    });
    const back = readWorkbook(await (await reload(target)).read());
    expect(back.diagnostics).toEqual([]);
    expect(back.tables.map((t) => t.layout)).toEqual(new Array(6).fill("lists"));
    back.tables.forEach((t, i) => expect(tableContent(t)).toEqual(tableContent(tables[i])));
  });

  it("exports generated tables of 50 projects and reads them back the same", async () => {
    const port = await ExcelJsWorkbook.load(
      new Uint8Array((await listsWorkbook(fixtureProjects(50)).xlsx.writeBuffer()) as ArrayBuffer),
    );
    await runGenerate(port);
    const generated = readWorkbook(await port.read()).tables;
    expect(generated.every((t) => t.layout === "generated")).toBe(true);
    const target = ExcelJsWorkbook.create();
    await exportLists(port, target);
    const back = readWorkbook(await (await reload(target)).read()).tables;
    expect(back).toHaveLength(50);
    back.forEach((t, i) => expect(tableContent(t)).toEqual(tableContent(generated[i])));
  });

  it("exports into the same workbook as the add-in's sheets, which are not read as tables again", async () => {
    const port = await load(await buildSeedSample(fixtureDir("export-inplace")));
    await exportLists(port);
    const again = await reload(port);
    expect(again.workbook.getWorksheet("项目清单")).toBeDefined();
    expect(readWorkbook(await again.read()).tables).toHaveLength(6);
    // Exporting again replaces the add-in's lists in place.
    await exportLists(again);
    expect(again.workbook.worksheets.filter((w) => /清单/.test(w.name)).map((w) => w.name)).toEqual([
      "项目清单",
      "指标清单",
    ]);
  });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ptsheet(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}

describe("ptsheet generate / summary / export-lists / all", () => {
  let dir: string;
  let sample: string;
  beforeAll(async () => {
    dir = fixtureDir("generate-cli");
    sample = await buildSeedSample(dir);
  });

  it("generate writes the sheets and reports; again reports no change; exit code 0", async () => {
    const out = path.join(dir, "generated.xlsx");
    const r = await ptsheet("generate", sample, "-o", out);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toContain("新建 6 张");
    const again = await ptsheet("generate", out, "-o", path.join(dir, "again.xlsx"));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("未变 6 张");
    const tables = readWorkbook(await (await load(out)).read()).tables;
    expect(tables.map((t) => t.layout)).toEqual(new Array(6).fill("generated"));
  });

  it("generate --force replaces sheets that differ", async () => {
    const out = path.join(dir, "generated-edit.xlsx");
    await ptsheet("generate", sample, "-o", out);
    const wb = await load(out);
    await wb.apply([{ kind: "setValues", sheet: "2022年利息收入", anchor: "C4", values: [[2]] }]);
    const edited = path.join(dir, "edited.xlsx");
    await fs.writeFile(edited, await wb.toBuffer());
    const plain = await ptsheet("generate", edited, "-o", path.join(dir, "edited-out.xlsx"));
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("有差异，未更新");
    expect(plain.stdout).toContain("预算数：2 → 1.75");
    expect(plain.stdout).toContain("--force");
    const forced = await ptsheet("generate", edited, "-o", path.join(dir, "forced.xlsx"), "--force");
    expect(forced.stdout).toContain("[已更新] 2022年利息收入");
    const read = readWorkbook(await (await load(path.join(dir, "forced.xlsx"))).read());
    expect(read.tables[0].budget.total).toBe("1.75");
  });

  it("summary, export-lists and all write their output", async () => {
    const s = await ptsheet("summary", sample, "-o", path.join(dir, "summary.xlsx"));
    expect(s.code).toBe(0);
    expect(s.stdout).toContain("汇总表");
    const e = await ptsheet("export-lists", sample, "-o", path.join(dir, "lists.xlsx"));
    expect(e.code).toBe(0);
    const lists = await load(path.join(dir, "lists.xlsx"));
    expect(lists.workbook.worksheets.map((w) => w.name)).toEqual(["项目清单", "指标清单"]);
    const a = await ptsheet("all", sample, "-o", path.join(dir, "all.xlsx"));
    expect(a.code).toBe(0);
    expect(a.stdout).toContain("新建 6 张");
    expect(a.stdout).toContain("汇总表");
    const all = await load(path.join(dir, "all.xlsx"));
    expect(
      all.workbook.worksheets
        .filter((w) => w.state === "visible")
        .map((w) => w.name)
        .slice(0, 4),
    ).toEqual(["校验结果", "绩效目标", "目录", "汇总表"]);
  });

  it.each([
    ["generate", ["-o"]],
    ["summary", []],
    ["export-lists", []],
    ["all", []],
  ])("%s without -o, or with -o equal to the input, is a usage error (exit code 2)", async (cmd, extra) => {
    const missing = await ptsheet(cmd, sample, ...extra);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe("");
    const same = await ptsheet(cmd, sample, "-o", sample);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("-o must differ from the input file");
  });

  it("an unreadable input gives exit code 2 and one message", async () => {
    const bad = path.join(dir, "bad.xlsx");
    await fs.writeFile(bad, "not a workbook");
    const r = await ptsheet("generate", bad, "-o", path.join(dir, "out.xlsx"));
    expect(r.code).toBe(2);
    expect(r.stderr.match(/ptsheet:/g)).toHaveLength(1);
  });
});
