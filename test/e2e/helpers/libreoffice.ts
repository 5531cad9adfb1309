/**
 * LibreOffice as an independent reader of our .xlsx output: converts to CSV (every sheet) or PDF
 * in a throwaway profile, optionally recalculating every formula on load (OOXMLRecalcMode 0).
 */
import { execFileSync } from "child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";

const RECALC_PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** CSV filter: comma, double quote, UTF-8, from row 1, formatted text, every sheet (-1). */
const CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

function profile(recalc: boolean): { home: string; env: string } {
  const home = mkdtempSync(path.join(tmpdir(), "lo-home-"));
  const user = path.join(home, "profile", "user");
  mkdirSync(user, { recursive: true });
  if (recalc) writeFileSync(path.join(user, "registrymodifications.xcu"), RECALC_PROFILE);
  return { home, env: `-env:UserInstallation=file://${path.join(home, "profile")}` };
}

function run(file: string, target: string, outDir: string, recalc: boolean): void {
  const p = profile(recalc);
  execFileSync("soffice", [p.env, "--headless", "--norestore", "--convert-to", target, "--outdir", outDir, file], {
    env: { ...process.env, HOME: p.home },
    stdio: "pipe",
    timeout: 180_000,
  });
}

/** Every sheet as CSV rows, keyed by sheet name (LibreOffice names the files `base-Sheet.csv`). */
export function toCsv(file: string, options: { recalc?: boolean } = {}): Map<string, string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "lo-csv-"));
  run(file, CSV_FILTER, outDir, options.recalc ?? false);
  const base = path.basename(file, path.extname(file));
  const sheets = new Map<string, string>();
  for (const f of readdirSync(outDir)) {
    if (!f.endsWith(".csv")) continue;
    const name = f === `${base}.csv` ? "" : f.slice(base.length + 1, -4);
    sheets.set(name, readFileSync(path.join(outDir, f), "utf8"));
  }
  return sheets;
}

/** Renders to PDF and returns its path. */
export function toPdf(file: string, options: { recalc?: boolean } = {}): string {
  const outDir = mkdtempSync(path.join(tmpdir(), "lo-pdf-"));
  run(file, "pdf", outDir, options.recalc ?? false);
  return path.join(outDir, `${path.basename(file, path.extname(file))}.pdf`);
}

export function pdfText(pdf: string): string {
  return execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
}

/** First page as PNG (for a person to look at), written under test-artifacts/. */
export function pdfToPng(pdf: string, outBase: string, pages = 1): string[] {
  mkdirSync(path.dirname(outBase), { recursive: true });
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", String(pages), pdf, outBase]);
  return readdirSync(path.dirname(outBase))
    .filter((f) => f.startsWith(path.basename(outBase)) && f.endsWith(".png"))
    .map((f) => path.join(path.dirname(outBase), f));
}

/** Counts the pixels of a page close to an RGB colour (pages rendered as PPM, which is trivial to read). */
export function countColour(pdf: string, page: number, rgb: [number, number, number], tolerance = 6): number {
  const ppm = execFileSync("pdftoppm", ["-r", "40", "-f", String(page), "-l", String(page), pdf], {
    maxBuffer: 1 << 28,
  });
  // Header: P6\n<width> <height>\n<max>\n then RGB bytes.
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(ppm[pos]))) pos++;
    let tok = "";
    while (!/\s/.test(String.fromCharCode(ppm[pos]))) tok += String.fromCharCode(ppm[pos++]);
    fields.push(tok);
  }
  pos++;
  let n = 0;
  for (let i = pos; i + 2 < ppm.length; i += 3) {
    if (
      Math.abs(ppm[i] - rgb[0]) <= tolerance &&
      Math.abs(ppm[i + 1] - rgb[1]) <= tolerance &&
      Math.abs(ppm[i + 2] - rgb[2]) <= tolerance
    )
      n++;
  }
  return n;
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}
