/**
 * The empty-style lookup installed on ExcelJS (src/adapters/exceljs/style-ids.ts) must write exactly
 * what ExcelJS as shipped writes: the same style ids in the sheets and the same styles part.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { fastEmptyStylesInstalled, withPlainStyleIds } from "../../src/adapters/exceljs/style-ids";

/** Cells of every type, styled and not, in an order that gives an empty style more than one id. */
function mixedWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("混合");
  ws.getCell("A1").value = "文本";
  ws.getCell("A2").value = 12.5;
  ws.getCell("A3").value = new Date(Date.UTC(2022, 5, 30));
  ws.getCell("A4").value = { formula: "A2*2", result: 25 };
  ws.getCell("A5").value = true;
  ws.getCell("A6").value = { richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] };
  ws.getCell("A7").value = { text: "链接", hyperlink: "https://example.org" };
  ws.getCell("B1").value = 3;
  ws.getCell("B1").numFmt = "0.00%";
  ws.getCell("B2").value = "粗体";
  ws.getCell("B2").font = { bold: true };
  ws.getCell("B3").value = 7;
  ws.getCell("B3").style = { fill: undefined, font: undefined };
  ws.getCell("B4").value = null;
  ws.getCell("B4").border = { top: { style: "thin" } };
  ws.getRow(9).getCell(3).value = 1;
  ws.getColumn(4).numFmt = "0.0";
  ws.getCell("D2").value = 9;
  ws.getCell("D3").value = "列样式下的文本";
  const other = wb.addWorksheet("第二张");
  for (let r = 1; r <= 50; r++) {
    other.getCell(r, 1).value = r;
    other.getCell(r, 2).value = `行${r}`;
    other.getCell(r, 3).value = new Date(Date.UTC(2022, 0, r));
  }
  return wb;
}

async function parts(bytes: ArrayBuffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => /^xl\/(styles|worksheets\/sheet\d+)\.xml$/.test(n));
  const out: Record<string, string> = {};
  for (const n of names.sort()) out[n] = await zip.file(n)!.async("string");
  return out;
}

describe("empty-style lookup on ExcelJS", () => {
  it("is installed by the adapter, and off while ExcelJS as shipped is asked for", async () => {
    expect(ExcelJsWorkbook).toBeDefined();
    expect(fastEmptyStylesInstalled()).toBe(true);
    await withPlainStyleIds(async () => expect(fastEmptyStylesInstalled()).toBe(false));
    expect(fastEmptyStylesInstalled()).toBe(true);
  });

  it("writes the same style ids and styles part as ExcelJS as shipped", async () => {
    const patched = await parts((await mixedWorkbook().xlsx.writeBuffer()) as ArrayBuffer);
    const plain = await withPlainStyleIds(async () => parts((await mixedWorkbook().xlsx.writeBuffer()) as ArrayBuffer));
    expect(Object.keys(patched)).toEqual(["xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]);
    expect(patched).toEqual(plain);
  });

  it("gives a number and a date without a style of their own different ids, as ExcelJS does", async () => {
    const sheet = (await parts((await mixedWorkbook().xlsx.writeBuffer()) as ArrayBuffer))["xl/worksheets/sheet2.xml"];
    const styleOf = (ref: string): string | undefined => new RegExp(`<c r="${ref}"(?: s="(\\d+)")?`).exec(sheet)?.[1];
    expect(styleOf("A1")).toBe(styleOf("A50"));
    expect(styleOf("C1")).toBe(styleOf("C50"));
    expect(styleOf("C1")).not.toBe(styleOf("A1"));
  });

  it("round-trips a loaded workbook through the adapter to the same parts", async () => {
    const bytes = new Uint8Array((await mixedWorkbook().xlsx.writeBuffer()) as ArrayBuffer);
    const viaAdapter = await parts((await (await ExcelJsWorkbook.load(bytes)).toBuffer()).slice().buffer);
    const viaPlain = await withPlainStyleIds(async () =>
      parts((await (await ExcelJsWorkbook.load(bytes)).toBuffer()).slice().buffer),
    );
    expect(viaAdapter).toEqual(viaPlain);
  });
});
