/**
 * The bundled sample is a plain .xlsx that another spreadsheet program reads as we do: LibreOffice
 * shows the same six tables, with the values our reader extracts, as a person sees them.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { buildSample } from "../../scripts/build-sample";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { readWorkbook } from "../../src/core/reader";
import { promises as fs } from "fs";
import { pdfText, pdfToPng, toCsv, toPdf } from "./helpers/libreoffice";

jest.setTimeout(300_000);

describe("bundled sample in LibreOffice", () => {
  let file: string;
  beforeAll(async () => {
    file = await buildSample(undefined, path.join(mkdtempSync(path.join(tmpdir(), "sample-")), "seed-sample.xlsx"));
  });

  it("shows every table's name, code, budget and indicator values as our reader reads them", async () => {
    const csv = [...toCsv(file).values()].join("\n");
    const result = readWorkbook(await (await ExcelJsWorkbook.load(await fs.readFile(file))).read());
    expect(result.tables).toHaveLength(6);
    for (const t of result.tables) {
      expect(csv).toContain(t.name);
      expect(csv).toContain(t.code!);
      for (const i of t.indicators) expect(csv).toContain(i.value);
    }
    // Percentages pasted as numbers display as a person typed them.
    expect(csv).toContain("24%");
    expect(csv).toContain("70.00");
  });

  it("renders to PDF with the Chinese text intact", () => {
    const pdf = toPdf(file);
    const text = pdfText(pdf).replace(/\s+/g, "");
    expect(text).toContain("2022年利息收入");
    expect(text).toContain("徐水区绿化占地土地流转金");
    pdfToPng(pdf, path.join("test-artifacts", "sample", "page"));
  });
});
