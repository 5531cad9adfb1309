/**
 * Issue 5, round trip: a lists workbook of 50 projects → generate → read back gives every field of
 * every table (code, name, department, year, unit, budget and its fund lines, usage, plan, goals,
 * long-term goals, indicators with basis and direction); the sources are no longer counted.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { tableContent } from "../../src/core/generate/content";
import { runGenerate } from "../../src/commands/generate";
import { inspectJson } from "../../src/commands/inspect";
import { main } from "../../src/cli/ptsheet";
import { fixtureProjects, listsWorkbook } from "../../scripts/lists-fixture";
import { fixtureDir } from "../fixtures/workbook";
import type { ReadResult } from "../../src/core/model";

// Whole workbooks are written and read: slow on a busy machine, never a limit on speed.
jest.setTimeout(180_000);

async function listsBytes(n: number): Promise<Uint8Array> {
  return new Uint8Array((await listsWorkbook(fixtureProjects(n)).xlsx.writeBuffer()) as ArrayBuffer);
}

/** The JSON of `inspect`, without where things stand. */
function fields(r: ReadResult): unknown[] {
  return inspectJson(r).tables.map((t) => {
    const { sheet: _s, range: _r, layout: _l, ...rest } = t;
    return { ...rest, indicators: rest.indicators.map(({ cell: _c, ...i }) => i) };
  });
}

describe("generate: 50 projects from flat lists", () => {
  let source: ReadResult;
  let generated: ReadResult;
  let sheetNames: string[];

  beforeAll(async () => {
    const bytes = await listsBytes(50);
    const port = await ExcelJsWorkbook.load(bytes);
    source = readWorkbook(await port.read());
    const plan = await runGenerate(port);
    expect(plan.items.map((i) => i.action)).toEqual(new Array(50).fill("create"));
    sheetNames = plan.items.map((i) => i.sheet);
    const back = await ExcelJsWorkbook.load(await port.toBuffer());
    generated = readWorkbook(await back.read());
  });

  it("reads the fixture's variety from the lists", () => {
    const t = source.tables;
    expect(t).toHaveLength(50);
    expect(source.diagnostics).toEqual([]);
    expect(t.some((x) => x.code === null)).toBe(true);
    expect(t.some((x) => x.department === null)).toBe(true);
    expect(t.some((x) => x.department !== null && !/^\d/.test(x.department))).toBe(true);
    expect(t.some((x) => x.budget.adjusted !== null)).toBe(true);
    expect(t.some((x) => x.budget.components.some((c) => c.parent === "财政资金" && c.amount !== null))).toBe(true);
    expect(t.some((x) => x.budget.components.some((c) => c.label === "单位资金" && c.amount !== null))).toBe(true);
    expect(t.some((x) => /\.\d{6}$/.test(x.budget.total ?? ""))).toBe(true);
    expect(t.some((x) => x.plan.some((p) => p.percent === 12.5))).toBe(true);
    expect(t.some((x) => x.plan.every((p) => p.percent === null))).toBe(true);
    expect(t.some((x) => x.longTermGoals.length > 0)).toBe(true);
    expect(t.some((x) => x.goals.length === 1)).toBe(true);
    expect(t.some((x) => x.usage === null)).toBe(true);
    const inds = t.flatMap((x) => x.indicators);
    expect(inds.some((i) => i.direction === "negative")).toBe(true);
    expect(inds.some((i) => i.description === null)).toBe(true);
    expect(inds.some((i) => i.basis === null)).toBe(true);
    expect(inds.some((i) => i.target.op === null)).toBe(true);
    expect(inds.some((i) => i.level1 === "成本指标")).toBe(true);
  });

  it("reads every generated sheet back as the table it was made from, field by field", () => {
    expect(generated.diagnostics).toEqual([]);
    expect(generated.tables).toHaveLength(50);
    expect(generated.tables.every((t) => t.layout === "generated")).toBe(true);
    expect(generated.tables.map((t) => t.sheet)).toEqual(sheetNames);
    generated.tables.forEach((t, i) => expect(tableContent(t)).toEqual(tableContent(source.tables[i])));
    expect(fields(generated)).toEqual(fields(source));
  });

  it("gives every sheet a name Excel accepts, unique", () => {
    for (const name of sheetNames) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
      expect(name).not.toMatch(/^'|'$/);
    }
    expect(new Set(sheetNames.map((n) => n.toLowerCase())).size).toBe(50);
    expect(sheetNames).toContain("高碑店市地质灾害防治／应急【专项】");
    expect(sheetNames.some((n) => n.endsWith(" (2)"))).toBe(true);
    // A name longer than 31 characters is cut.
    const long = source.tables.find((t) => t.name.length > 31)!;
    expect(sheetNames).toContain(long.name.slice(0, 31));
  });

  it("`ptsheet generate` then `ptsheet inspect --json` gives back every field", async () => {
    const dir = fixtureDir("generate-cli");
    const input = path.join(dir, "lists.xlsx");
    const output = path.join(dir, "generated.xlsx");
    await fs.writeFile(input, await listsBytes(50));
    const io = (): {
      out: string[];
      err: string[];
      io: { stdout: (s: string) => void; stderr: (s: string) => void };
    } => {
      const out: string[] = [];
      const err: string[] = [];
      return { out, err, io: { stdout: (s) => out.push(s), stderr: (s) => err.push(s) } };
    };
    const g = io();
    expect(await main(["node", "ptsheet", "generate", input, "-o", output], g.io)).toBe(0);
    expect(g.out.join("")).toContain("新建 50 张");
    const before = io();
    const after = io();
    expect(await main(["node", "ptsheet", "inspect", input, "--json"], before.io)).toBe(0);
    expect(await main(["node", "ptsheet", "inspect", output, "--json"], after.io)).toBe(0);
    type Json = { tables: { layout: string; sheet: string; range: string; indicators: { cell: string }[] }[] };
    const strip = (j: Json): unknown =>
      j.tables.map(({ layout: _l, sheet: _s, range: _r, ...t }) => ({
        ...t,
        indicators: t.indicators.map(({ cell: _c, ...i }) => i),
      }));
    const a = JSON.parse(before.out.join("")) as Json;
    const b = JSON.parse(after.out.join("")) as Json;
    expect(b.tables.every((t) => t.layout === "generated")).toBe(true);
    expect(strip(b)).toEqual(strip(a));
  });
});
