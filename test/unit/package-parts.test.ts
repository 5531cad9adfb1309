/**
 * What ExcelJS cannot carry (issue 7): the package inventory finds charts, pivot tables, pictures,
 * shapes, threaded comments, macros, slicers, external links and form controls, naming their sheets;
 * read-only commands still work; saving carries drawings of sheets still there over unchanged and
 * refuses everything else with a message naming what and where, leaving no output and no temporary
 * file behind.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { main } from "../../src/cli/ptsheet";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { inspectPackage, PartsLossError } from "../../src/adapters/exceljs/package-parts";
import { fixtureDir, newWorkbook } from "../fixtures/workbook";
import { putTable } from "../bad-inputs/corpus";
import {
  addDrawing,
  addExternalLink,
  addFormControl,
  addMacros,
  addPivotTable,
  addSlicer,
  addThreadedComment,
  bytesOf,
  makeTemplate,
  Package,
  PNG,
} from "../bad-inputs/packages";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function ptsheet(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const code = await main(["node", "ptsheet", ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
}

/** A table sheet, a data sheet and a chart sheet, as a workbook a finance office keeps. */
async function base(): Promise<Package> {
  const wb = newWorkbook();
  putTable(wb.addWorksheet("项目表"), 1);
  const data = wb.addWorksheet("数据");
  data.addRows([
    ["项目", "金额"],
    ["甲", 1],
    ["乙", 2],
  ]);
  wb.addWorksheet("图表").getCell("A1").value = "预算执行情况";
  return Package.open(await bytesOf(wb));
}

// Every case writes and reads whole workbooks; none is cut short by time.
jest.setTimeout(600_000);

let dir: string;
beforeAll(() => {
  dir = fixtureDir("package-parts");
});

async function write(name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

async function leftovers(): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => n.endsWith(".tmp"));
}

describe("the inventory", () => {
  it("names every kind ExcelJS drops, and the sheet it is on", async () => {
    const p = await base();
    await addDrawing(p, "图表", { chart: true, shape: true, picture: true });
    await addPivotTable(p, "数据", "数据");
    await addThreadedComment(p, "项目表");
    await addSlicer(p, "数据");
    await addExternalLink(p);
    await addFormControl(p, "项目表");
    await addMacros(p);
    const inv = await inspectPackage(await p.bytes());
    expect(inv.format).toBe("xlsm");
    const found = inv.parts.map((x) => [x.kind, x.sheet]);
    expect(found).toEqual(
      expect.arrayContaining([
        ["threadedComment", "项目表"],
        ["formControl", "项目表"],
        ["pivotTable", "数据"],
        ["slicer", "数据"],
        ["image", "图表"],
        ["shape", "图表"],
        ["chart", "图表"],
        ["pivotTable", null],
        ["slicer", null],
        ["externalLink", null],
        ["macro", null],
      ]),
    );
    expect(inv.drawings).toEqual([{ sheet: "图表", path: "xl/drawings/drawing1.xml", copyable: true }]);
    // Small sheets are measured once loaded, not here (see the limits in bad-inputs.test.ts).
    expect(inv.sheets.map((s) => [s.name, s.measured])).toEqual([
      ["项目表", false],
      ["数据", false],
      ["图表", false],
    ]);
  });

  it("tells a template (.xltx) and a plain workbook", async () => {
    const p = await base();
    await makeTemplate(p);
    expect((await inspectPackage(await p.bytes())).format).toBe("xltx");
    expect((await inspectPackage(await (await base()).bytes())).format).toBe("xlsx");
  });

  it("finds nothing to lose in a workbook ExcelJS wrote", async () => {
    const inv = await inspectPackage(await (await base()).bytes());
    expect(inv.parts).toEqual([]);
    expect(inv.drawings).toEqual([]);
  });
});

describe("saving refuses what it would lose; reading still works", () => {
  const cases: [string, (p: Package) => Promise<unknown>, string, string][] = [
    ["a pivot table", (p) => addPivotTable(p, "数据", "数据"), "数据透视表（数据）", "pivot tables (数据)"],
    [
      "a threaded comment",
      (p) => addThreadedComment(p, "项目表"),
      "会话式批注（项目表）",
      "threaded comments (项目表)",
    ],
    ["macros (.xlsm)", (p) => addMacros(p), "宏（VBA）", "macros (VBA)"],
    ["a slicer", (p) => addSlicer(p, "数据"), "切片器（数据）", "slicers (数据)"],
    ["a link to another workbook", (p) => addExternalLink(p), "指向其他工作簿的外部链接", "links to other workbooks"],
    ["a form control", (p) => addFormControl(p, "项目表"), "表单控件（项目表）", "form controls (项目表)"],
  ];
  for (const [what, add, zh, en] of cases) {
    it(what, async () => {
      const p = await base();
      await add(p);
      const file = await write(`${what}.xlsx`, await p.bytes());
      const inspected = await ptsheet("inspect", file, "--json");
      expect(inspected.code).toBe(0);
      expect(JSON.parse(inspected.stdout).tables).toHaveLength(1);
      const checked = await ptsheet("check", file, "--json");
      expect([0, 1]).toContain(checked.code);
      expect(checked.stderr).toBe("");

      const out = path.join(dir, `${what}-out.xlsx`);
      const saved = await ptsheet("check", file, "-o", out);
      expect(saved.code).toBe(2);
      expect(saved.stdout).toBe("");
      expect(saved.stderr).toContain(`工作簿含${zh}，本工具保存时会丢失这些内容，已拒绝保存`);
      expect(saved.stderr).toContain("请在 Excel 中使用加载项，或先另存一份去掉这些内容的副本");
      expect(saved.stderr).toContain(`The workbook contains ${en}`);
      expect(saved.stderr).not.toMatch(/^\s+at /m);
      await expect(fs.stat(out)).rejects.toThrow();
      expect(await leftovers()).toEqual([]);
    });
  }

  it("names every kind at once", async () => {
    const p = await base();
    await addPivotTable(p, "数据", "数据");
    await addThreadedComment(p, "项目表");
    await addMacros(p);
    const wb = await ExcelJsWorkbook.load(await p.bytes());
    const e = await wb.toBuffer().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PartsLossError);
    expect((e as PartsLossError).message).toBe(
      "工作簿含数据透视表（数据）、会话式批注（项目表）、宏（VBA），本工具保存时会丢失这些内容，已拒绝保存；请在 Excel 中使用加载项，或先另存一份去掉这些内容的副本",
    );
  });
});

/** The sheet parts of a package by sheet name, and what each relates to. */
async function sheetRels(bytes: Uint8Array, sheet: string): Promise<{ xml: string; rels: string }> {
  const p = await Package.open(bytes);
  const part = await p.sheetPart(sheet);
  const relsPart = part.replace(/([^/]+)$/, "_rels/$1.rels");
  return { xml: await p.text(part), rels: p.has(relsPart) ? await p.text(relsPart) : "" };
}

describe("drawings travel with their sheet", () => {
  it("a chart, a text box and a picture on a sheet no command touches come back unchanged", async () => {
    const p = await base();
    await addDrawing(p, "图表", { chart: true, shape: true, picture: true });
    const original = await p.bytes();
    const file = await write("drawing.xlsx", original);
    const out = path.join(dir, "drawing-out.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.code);

    const written = new Uint8Array(await fs.readFile(out));
    const inv = await inspectPackage(written);
    expect(inv.parts.map((x) => [x.kind, x.sheet]).sort()).toEqual([
      ["chart", "图表"],
      ["image", "图表"],
      ["shape", "图表"],
    ]);
    const drawing = inv.drawings[0].path;
    const { xml, rels } = await sheetRels(written, "图表");
    expect(xml).toMatch(/<drawing r:id="[^"]+"\/>/);
    expect(rels).toContain(`Target="../drawings/${drawing.split("/").pop()}"`);
    // Byte for byte: the drawing, the chart and the picture.
    const src = await JSZip.loadAsync(original);
    const dst = await JSZip.loadAsync(written);
    expect(await dst.file(drawing)!.async("string")).toBe(await src.file("xl/drawings/drawing1.xml")!.async("string"));
    const chart = inv.parts.find((x) => x.kind === "chart")!.path;
    expect(await dst.file(chart)!.async("string")).toBe(await src.file("xl/charts/chart1.xml")!.async("string"));
    const media = Object.keys(dst.files).filter((n) => n.startsWith("xl/media/") && !dst.files[n].dir);
    expect(media).toHaveLength(1);
    expect(Buffer.from(await dst.file(media[0])!.async("uint8array"))).toEqual(PNG);
    const types = await dst.file("[Content_Types].xml")!.async("string");
    expect(types).toContain(
      `<Override PartName="/${drawing}" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`,
    );
    expect(types).toContain(
      `<Override PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`,
    );
    // And the copy reads back like the original, and saves again.
    const again = await ExcelJsWorkbook.load(written);
    expect(await inspectPackage(await again.toBuffer())).toMatchObject({
      drawings: [{ sheet: "图表", copyable: true }],
    });
  });

  it("a drawing whose pictures ExcelJS renders too is not doubled", async () => {
    const wb = newWorkbook();
    putTable(wb.addWorksheet("项目表"), 1);
    const ws = wb.addWorksheet("图表");
    ws.getCell("A1").value = "印章";
    ws.addImage(wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: "png" }), "B2:C4");
    const p = await Package.open(await bytesOf(wb));
    // A text box beside the picture, in the same drawing part.
    await p.editPart("xl/drawings/drawing1.xml", (x) =>
      x.replace(
        "</xdr:wsDr>",
        '<xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>3</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="9" name="文本框 8"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr/><xdr:txBody><a:bodyPr/><a:p><a:r><a:t>已盖章</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor></xdr:wsDr>',
      ),
    );
    const original = await p.bytes();
    const loaded = await ExcelJsWorkbook.load(original);
    expect(loaded.packageInventory!.parts.map((x) => x.kind).sort()).toEqual(["image", "shape"]);
    await loaded.apply([{ kind: "setValues", sheet: "项目表", anchor: "H1", values: [["已核对"]] }]);
    const written = await loaded.toBuffer();
    const dst = await JSZip.loadAsync(written);
    const drawings = Object.keys(dst.files).filter((n) => /^xl\/drawings\/[^/]+\.xml$/.test(n));
    const media = Object.keys(dst.files).filter((n) => n.startsWith("xl/media/") && !dst.files[n].dir);
    expect(drawings).toHaveLength(1);
    expect(media).toHaveLength(1);
    expect(await dst.file(drawings[0])!.async("string")).toContain("已盖章");
    const { rels } = await sheetRels(written, "图表");
    expect(rels.match(/relationships\/drawing"/g)).toHaveLength(1);
  });

  it("a chart on the sheet a command marks stays, beside the notes the marks add", async () => {
    const p = await base();
    await addDrawing(p, "项目表", { chart: true, shape: true });
    const file = await write("marked-drawing.xlsx", await p.bytes());
    // A blank 指标值 is an error: check marks its cell with a fill and a note.
    const wb = await ExcelJsWorkbook.load(await p.bytes());
    await wb.apply([{ kind: "setValues", sheet: "项目表", anchor: "E12", values: [[null]] }]);
    await fs.writeFile(file, await wb.toBuffer());
    const out = path.join(dir, "marked-drawing-out.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const written = new Uint8Array(await fs.readFile(out));
    const { xml, rels } = await sheetRels(written, "项目表");
    // Schema order: the drawing, then the notes' legacy drawing.
    expect(xml).toMatch(/<drawing r:id="[^"]+"\/><legacyDrawing r:id="[^"]+"\/>/);
    expect(rels).toContain("relationships/comments");
    const inv = await inspectPackage(written);
    expect(inv.parts.map((x) => [x.kind, x.sheet]).sort()).toEqual([
      ["chart", "项目表"],
      ["shape", "项目表"],
    ]);
    const back = await ExcelJsWorkbook.load(written);
    expect(back.workbook.getWorksheet("项目表")!.getCell("E12").note).toBeDefined();
  });

  it("a sheet a command deletes loses its drawing only by refusing", async () => {
    const p = await base();
    await addDrawing(p, "图表", { chart: true });
    const wb = await ExcelJsWorkbook.load(await p.bytes());
    await wb.apply([{ kind: "deleteSheet", sheet: "图表" }]);
    await expect(wb.toBuffer()).rejects.toThrow("工作簿含图表（图表），本工具保存时会丢失这些内容");
  });
});

describe("formats and files", () => {
  it("a template (.xltx) is read and saved as a workbook, but not under a template's name", async () => {
    const p = await base();
    await makeTemplate(p);
    const file = await write("template.xltx", await p.bytes());
    expect((await ptsheet("inspect", file)).code).toBe(0);
    const out = path.join(dir, "from-template.xlsx");
    const r = await ptsheet("check", file, "-o", out);
    expect(r.stderr).toBe("");
    const types = await (await JSZip.loadAsync(await fs.readFile(out))).file("[Content_Types].xml")!.async("string");
    expect(types).toContain("spreadsheetml.sheet.main+xml");
    const bad = await ptsheet("check", file, "-o", path.join(dir, "again.xltx"));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("输出文件须为 .xlsx");
  });

  it("a save that fails leaves neither the output nor a temporary file", async () => {
    const file = await write("plain.xlsx", await (await base()).bytes());
    // A directory where the output should go: the rename over it fails after the write.
    const blocked = path.join(dir, "blocked.xlsx");
    await fs.mkdir(path.join(blocked, "inside"), { recursive: true });
    const r = await ptsheet("check", file, "-o", blocked);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("无法写入输出文件");
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect((await fs.stat(blocked)).isDirectory()).toBe(true);
    expect(await leftovers()).toEqual([]);
    const missing = await ptsheet("check", file, "-o", path.join(dir, "no", "such", "dir", "out.xlsx"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("无法写入输出文件");
  });

  it("never writes over the input, also through a link", async () => {
    const file = await write("input.xlsx", await (await base()).bytes());
    const link = path.join(dir, "link.xlsx");
    await fs.symlink(file, link);
    const before = await fs.readFile(file);
    const r = await ptsheet("check", file, "-o", link);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("输出文件不能覆盖输入文件");
    expect(await fs.readFile(file)).toEqual(before);
  });
});
