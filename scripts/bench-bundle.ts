/**
 * Bundle sizes of the production build in dist/ (run `npm run build` first; `npm run bench` does):
 * the initial JavaScript of the task pane (every script taskpane.html loads, gzipped) against its
 * 250 KB budget, and the ExcelJS chunk loaded only in browser mode. Exit code 1 over budget.
 *
 *   node out/scripts/bench-bundle.js [DIST]
 */
import { promises as fs } from "fs";
import * as path from "path";
import { gzipSync } from "zlib";

export const INITIAL_BUDGET_GZIP = 250 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface BundleReport {
  page: string;
  initial: FileSize[];
  initialGzip: number;
  exceljs: FileSize | null;
}

/** Same-origin scripts a page loads, in order (office.js from the CDN is not ours). */
export function pageScripts(html: string): string[] {
  const out: string[] = [];
  // Inline scripts first: their code may hold script-tag strings (taskpane.html's office.js loader).
  const tags = html.replace(/<script\b(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/gi, "");
  for (const m of tags.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|'([^']+)'|([^\s>]+))[^>]*>/gi)) {
    const src = m[1] ?? m[2] ?? m[3];
    if (!/^[a-z]+:\/\//i.test(src) && !src.startsWith("//")) out.push(src);
  }
  return out;
}

async function size(dist: string, file: string): Promise<FileSize> {
  const bytes = await fs.readFile(path.join(dist, file));
  return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

export async function measure(dist: string, page = "taskpane.html"): Promise<BundleReport> {
  const html = await fs.readFile(path.join(dist, page), "utf8");
  const initial = await Promise.all(pageScripts(html).map((f) => size(dist, f)));
  const chunk = (await fs.readdir(dist)).find((f) => /^exceljs(\.[0-9a-f]+)?\.js$/.test(f));
  return {
    page,
    initial,
    initialGzip: initial.reduce((n, f) => n + f.gzip, 0),
    exceljs: chunk ? await size(dist, chunk) : null,
  };
}

function kb(n: number): string {
  return `${(n / 1024).toFixed(1)} KB`;
}

async function main(dist: string): Promise<number> {
  const r = await measure(dist);
  const lines = [`initial JavaScript of ${r.page} (loaded before the pane shows):`];
  for (const f of r.initial)
    lines.push(`  ${f.file.padEnd(28)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
  const ok = r.initialGzip <= INITIAL_BUDGET_GZIP;
  lines.push(
    `initial JS gzipped: ${kb(r.initialGzip)} (budget ${kb(INITIAL_BUDGET_GZIP)}) ${ok ? "OK" : "OVER BUDGET"}`,
  );
  if (r.exceljs)
    lines.push(
      `ExcelJS chunk (browser mode only): ${r.exceljs.file} ${kb(r.exceljs.bytes)}, gzip ${kb(r.exceljs.gzip)}`,
    );
  else lines.push("ExcelJS chunk: not found (expected dist/exceljs.*.js)");
  process.stdout.write(lines.join("\n") + "\n");
  return ok && r.exceljs ? 0 : 1;
}

if (require.main === module) {
  main(process.argv[2] ?? path.join(__dirname, "..", "..", "dist")).then(
    (code) => process.exit(code),
    (e: Error) => {
      process.stderr.write(`bench-bundle: ${e.message}\n`);
      process.exit(2);
    },
  );
}
