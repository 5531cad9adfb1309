/**
 * The row renderer the CLI installs on ExcelJS (src/adapters/exceljs/row-render.ts) must write
 * exactly what ExcelJS as shipped writes, for every kind of cell and row it takes on, and hand every
 * other row back to ExcelJS.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import {
  fastRowRenderingInstalled,
  installFastRowRendering,
  rowXml,
  withPlainRowRendering,
} from "../../src/adapters/exceljs/row-render";

installFastRowRendering();

/** Every kind of cell and row ExcelJS writes, common and rare. */
function everyKind(date1904 = false): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet("种类");
  const values: ExcelJS.CellValue[] = [
    null,
    0,
    -12.5,
    1e-7,
    123456789012345,
    "文本 <tag> & \"quotes\" 'apos'",
    "控制\u0001字符\u007f",
    true,
    false,
    new Date(Date.UTC(2022, 5, 30, 12, 0, 0)),
    { richText: [{ text: "富" }, { text: "文本", font: { bold: true } }] },
    { text: "链接", hyperlink: "https://example.org/?a=1&b=2" },
    { error: "#N/A" } as ExcelJS.CellErrorValue,
    { formula: "1+1", result: 2 },
    { formula: 'A1&"<>"', result: "x<>" },
    { formula: "TRUE()", result: true },
    { formula: "1/0", result: { error: "#DIV/0!" } } as unknown as ExcelJS.CellValue,
    { formula: "TODAY()", result: new Date(Date.UTC(2022, 0, 1)) },
    { formula: "NOW()" },
    { formula: 'IF(A1>0,"是","否")', result: "" },
  ];
  values.forEach((v, i) => {
    ws.getCell(1 + i, 1).value = v;
    ws.getCell(1 + i, 2).value = v;
    ws.getCell(1 + i, 2).font = { bold: true };
  });
  // Rows of one kind each, so most rows take the fast way and some do not.
  values.forEach((v, i) => (ws.getCell(40 + i, 3).value = v));
  ws.getRow(3).height = 30;
  ws.getRow(4).hidden = true;
  ws.getRow(5).outlineLevel = 1;
  ws.getRow(6).font = { italic: true };
  ws.getRow(7).getCell(9).border = { top: { style: "thin" } };
  ws.mergeCells("D2:F4");
  ws.getCell("D2").value = "合并";
  ws.getCell("D2").fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFFF00" } };
  // Shared formulas (one master, filled down), with and without results, and an array formula.
  ws.fillFormula("H1:H30", "G1*2", (row) => (row % 3 === 0 ? undefined : row * 2) as number);
  ws.fillFormula("J1:J10", 'IF(G1="","",G1)', () => "");
  ws.getCell("K1").value = { formula: "SUM(G1:G3*2)", shareType: "array", ref: "K1", result: 6 } as ExcelJS.CellValue;
  for (let r = 1; r <= 30; r++) ws.getCell(r, 7).value = r;
  const other = wb.addWorksheet("空");
  other.getRow(2).height = 12;
  return wb;
}

async function sheetParts(bytes: ArrayBuffer | Uint8Array): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out: Record<string, string> = {};
  for (const n of Object.keys(zip.files).sort())
    if (/^xl\/(worksheets\/sheet\d+|styles|sharedStrings)\.xml$/.test(n)) out[n] = await zip.file(n)!.async("string");
  return out;
}

describe("fast row rendering on ExcelJS", () => {
  it("is installed, and off while ExcelJS as shipped is asked for", async () => {
    expect(fastRowRenderingInstalled()).toBe(true);
    await withPlainRowRendering(async () => expect(fastRowRenderingInstalled()).toBe(false));
    expect(fastRowRenderingInstalled()).toBe(true);
  });

  it.each([false, true])(
    "writes what ExcelJS as shipped writes, for every kind of cell (date1904 %s)",
    async (d1904) => {
      const fast = await sheetParts((await everyKind(d1904).xlsx.writeBuffer()) as ArrayBuffer);
      const plain = await withPlainRowRendering(async () =>
        sheetParts((await everyKind(d1904).xlsx.writeBuffer()) as ArrayBuffer),
      );
      expect(Object.keys(fast)).toContain("xl/worksheets/sheet1.xml");
      expect(fast).toEqual(plain);
    },
  );

  it("writes the same after a workbook is loaded (shared formulas read back) and saved by the adapter", async () => {
    const bytes = new Uint8Array((await everyKind().xlsx.writeBuffer()) as ArrayBuffer);
    const save = async (): Promise<Record<string, string>> => {
      const wb = await ExcelJsWorkbook.load(bytes);
      wb.zipCodec = { deflateRaw: (d) => d, crc32: () => 0 };
      return sheetParts(await wb.toBuffer());
    };
    const fast = await save();
    expect(fast).toEqual(await withPlainRowRendering(save));
  });

  it("takes the common rows itself and hands the others back", () => {
    const common = rowXml({
      number: 3,
      min: 1,
      max: 3,
      height: 20,
      cells: [
        { type: 0, address: "A3", styleId: 2 },
        { type: 2, address: "B3", value: 1.5 },
        { type: 3, address: "C3", ssId: 7 },
        { type: 6, address: "D3", formula: 'B3&"<"', result: "1.5<" },
        { type: 6, address: "E3", si: 0, result: 3 },
      ],
    });
    expect(common).toBe(
      '<row r="3" ht="20" customHeight="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A3" s="2"/><c r="B3"><v>1.5</v></c>' +
        '<c r="C3" t="s"><v>7</v></c><c r="D3" t="str"><f>B3&amp;&quot;&lt;&quot;</f><v>1.5&lt;</v></c>' +
        '<c r="E3"><f t="shared" si="0"/><v>3</v></c></row>',
    );
    expect(rowXml({ number: 1, cells: [{ type: 10, address: "A1", value: { error: "#N/A" } }] })).toBeNull();
    expect(
      rowXml({ number: 1, cells: [{ type: 6, address: "A1", formula: "X", shareType: "array", ref: "A1" }] }),
    ).toBeNull();
    expect(rowXml({ number: 2, cells: [{ type: 0, address: "A2" }] })).toBe('<row r="2" x14ac:dyDescent="0.25"/>');
  });
});
