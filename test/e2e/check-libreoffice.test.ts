/**
 * The checked workbook speaks for itself in another program: LibreOffice shows the 校验结果 sheet
 * and the marks' fills (rendered to PDF and PNG), and a cleared workbook shows no mark.
 */
import { mkdtempSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { buildSample } from "../../scripts/build-sample";
import { main } from "../../src/cli/ptsheet";
import { countColour, pdfPageCount, pdfText, pdfToPng, toPdf } from "./helpers/libreoffice";

jest.setTimeout(300_000);

const quiet = { stdout: () => undefined, stderr: () => undefined };
const WARNING_FILL: [number, number, number] = [0xff, 0xeb, 0x9c];

function fillPixels(pdf: string): number {
  let n = 0;
  for (let p = 1; p <= pdfPageCount(pdf); p++) n += countColour(pdf, p, WARNING_FILL);
  return n;
}

describe("checked workbook in LibreOffice", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "check-lo-"));
  let sample: string;
  let checked: string;
  beforeAll(async () => {
    sample = await buildSample(undefined, path.join(dir, "sample.xlsx"));
    checked = path.join(dir, "checked.xlsx");
    expect(await main(["node", "ptsheet", "check", sample, "-o", checked], quiet)).toBe(0);
  });

  it("shows 校验结果 with the verdict and every finding, and the marks' fills", () => {
    const pdf = toPdf(checked);
    const text = pdfText(pdf).replace(/\s+/g, "");
    expect(text).toContain("绩效目标表校验结果");
    expect(text).toContain("有警告");
    expect(text).toContain("10428.504909万元");
    pdfToPng(pdf, path.join("test-artifacts", "check", "checked"), 2);
    expect(fillPixels(pdf)).toBeGreaterThan(50);
    expect(fillPixels(toPdf(sample))).toBe(0);
  });

  it("after 清除标记 no mark and no report remains", async () => {
    const cleared = path.join(dir, "cleared.xlsx");
    expect(await main(["node", "ptsheet", "clear", checked, "-o", cleared], quiet)).toBe(0);
    const pdf = toPdf(cleared);
    expect(pdfText(pdf)).not.toContain("校验结果");
    expect(fillPixels(pdf)).toBe(0);
  });
});
