/**
 * The task pane as a plain web page, in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): served from dist/ (`npm run build`; `npm run test:e2e` builds first) by a
 * localhost server, every other request blocked, so office.js cannot be fetched. The page must say
 * it is in browser mode, open the bundled sample, list its six tables, store settings in the copy
 * and offer the result as a valid .xlsx download; 校验 the sample (verdict, findings by table,
 * severity filters, a fix previewed and applied) and download the marked workbook. Screenshots go to
 * test-artifacts/.
 */
import { existsSync, mkdtempSync, promises as fs } from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import { tmpdir } from "os";
import * as path from "path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { buildSample } from "../../scripts/build-sample";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { inspectWorkbook } from "../../src/commands/inspect";
import { readSettings, SETTINGS_SHEET } from "../../src/core/settings";
import iconv from "iconv-lite";

jest.setTimeout(180_000);

const ROOT = path.join(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const ARTIFACTS = path.join(ROOT, "test-artifacts");

const SIX_TABLES = [
  "2022年利息收入",
  "矿山环境治理工作经费",
  "苗圃场人员养老保险和医疗保险项目",
  "徐水区2022年度林业有害生物防治经费",
  "徐水区不动产登记中心投保职业责任险项目",
  "徐水区绿化占地土地流转金",
];

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** A static file server for dist/ on 127.0.0.1 (port 0: any free port). */
function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const rel = path.normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, "");
    const file = path.join(dir, rel || "index.html");
    if (!file.startsWith(dir + path.sep) || req.method !== "GET") {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file).then(
      (body) => {
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

function chromiumPath(): string {
  const found = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"].find((p) => existsSync(p));
  if (!found) throw new Error("Debian chromium not found (apt-get install chromium)");
  return found;
}

describe("the task pane as a web page (browser mode)", () => {
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  let sample: string;
  let work: string;
  /** Requests that tried to leave localhost (all blocked), by page URL. */
  const outside: string[] = [];

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, "taskpane.html")))
      throw new Error("dist/taskpane.html is missing: run `npm run build` (npm run test:e2e does)");
    await fs.mkdir(ARTIFACTS, { recursive: true });
    work = mkdtempSync(path.join(tmpdir(), "webpage-"));
    sample = await buildSample(undefined, path.join(work, "seed-sample.xlsx"));
    ({ server, origin } = await serve(DIST));
    context = await chromium.launchPersistentContext(path.join(work, "profile"), {
      executablePath: chromiumPath(),
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      locale: "zh-CN",
      viewport: { width: 420, height: 1000 },
      acceptDownloads: true,
    });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.protocol === "blob:" || url.protocol === "data:" || url.hostname === "127.0.0.1") return route.continue();
      outside.push(url.href);
      return route.abort("internetdisconnected");
    });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  });

  async function open(pagePath: string): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (e) => {
      throw e;
    });
    await page.goto(`${origin}/${pagePath}`);
    return page;
  }

  it("taskpane.html: office.js blocked, says browser mode, opens the sample, lists six tables, downloads a valid .xlsx", async () => {
    const started = Date.now();
    const page = await open("taskpane.html");
    const mode = page.getByTestId("mode");
    await mode.waitFor({ timeout: 15_000 });
    await expect(mode.innerText()).resolves.toContain("浏览器模式（不需要 Excel）");
    expect(Date.now() - started).toBeLessThan(15_000);
    // The only request that tried to leave the machine is office.js itself (blocked here).
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.every((u) => u.startsWith("https://appsforoffice.microsoft.com/"))).toBe(true);
    const before = outside.length;

    await page.getByTestId("file-input").setInputFiles(sample);
    await page.getByRole("heading", { name: "识别到 6 张绩效目标表" }).waitFor({ timeout: 60_000 });
    const names = await page.getByTestId("table-name").allInnerTexts();
    expect(names).toEqual(SIX_TABLES);
    await expect(page.getByText("当前文件：seed-sample.xlsx").count()).resolves.toBe(1);

    // A click shows the table's details (in Excel it would select its range).
    await page.getByTestId("table-card").first().click();
    const details = page.getByTestId("table-details");
    await details.waitFor();
    await expect(details.innerText()).resolves.toContain("绩效目标!A44:G59");
    // By keyboard: the list's buttons are one arrow-key group; Enter opens the focused table.
    await page.getByRole("list", { name: "识别到的绩效目标表" }).getByRole("button").first().focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByText("绩效目标!A63:G78").waitFor();
    await page.keyboard.press("Enter");
    await expect(page.getByText("绩效目标!A63:G78").count()).resolves.toBe(0);

    // Settings are written into the workbook copy.
    await page.getByRole("tab", { name: "设置" }).click();
    await page.getByLabel("指标体系").selectOption("legacy");
    await page.getByLabel("预算年度").fill("2022");
    await page.getByRole("button", { name: "保存到工作簿" }).click();
    await page.getByText("设置已写入工作簿副本").waitFor();
    await page.getByRole("tab", { name: "目标表" }).click();
    await page.getByTestId("table-card").first().waitFor();

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载处理结果" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("seed-sample-已处理.xlsx");
    const saved = path.join(work, download.suggestedFilename());
    await download.saveAs(saved);
    await page.getByTestId("download-link").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "webpage.png"), fullPage: true });

    const bytes = await fs.readFile(saved);
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const wb = await ExcelJsWorkbook.load(bytes);
    const result = await inspectWorkbook(wb);
    expect(result.tables.map((t) => t.name)).toEqual(SIX_TABLES);
    const sheets = await wb.listSheets();
    expect(sheets.find((s) => s.name === SETTINGS_SHEET)?.visibility).toBe("veryHidden");
    const settings = readSettings((await wb.read({ sheets: [SETTINGS_SHEET] })).sheets);
    expect(settings.settings).toEqual({ profile: "legacy", budgetYear: 2022, unit: "auto" });

    // Nothing went out while the workbook was opened, processed and downloaded.
    expect(outside.length).toBe(before);
    await page.close();
  });

  it("校验 in the page: verdict 有警告, the text-amount warning, severity filters, a fix, the marked workbook", async () => {
    const before = outside.length;
    const page = await open("index.html");
    await page.getByTestId("mode").waitFor({ timeout: 5_000 });
    await page.getByTestId("file-input").setInputFiles(sample);
    await page.getByRole("heading", { name: "识别到 6 张绩效目标表" }).waitFor({ timeout: 60_000 });

    await page.getByRole("tab", { name: "校验" }).click();
    await page.getByRole("button", { name: "校验", exact: true }).click();
    const verdict = page.getByTestId("verdict");
    await verdict.waitFor({ timeout: 60_000 });
    await expect(verdict.innerText()).resolves.toBe("有警告");
    await page.getByText("6 张表 · 错误 0 · 警告 4 · 提示 11").waitFor();
    await page.getByText(/校验完成：错误 0，警告 4，提示 11。标记和「校验结果」表已写入工作簿副本/).waitFor();

    // Findings by table; the last table's text-amount warning names the amount it could not match.
    const groups = await page.getByTestId("finding-group-name").allInnerTexts();
    expect(groups).toEqual(SIX_TABLES);
    const lastTable = page.getByTestId("finding-group").filter({ hasText: "徐水区绿化占地土地流转金" });
    const amount = lastTable.locator('[data-testid="finding"][data-rule="text-amount"]');
    await expect(amount.getAttribute("data-severity")).resolves.toBe("warning");
    await expect(amount.innerText()).resolves.toContain("10428.504909万元");
    await expect(amount.innerText()).resolves.toContain("绩效目标!B147");

    // Severity filters: 提示 off hides the 11 info findings, on shows them again.
    const findings = page.getByTestId("finding");
    await expect(findings.count()).resolves.toBe(15);
    const info = page.getByTestId("filter-info");
    await expect(info.isChecked()).resolves.toBe(true);
    await info.click();
    await expect(info.isChecked()).resolves.toBe(false);
    await expect(findings.count()).resolves.toBe(4);
    await expect(page.locator('[data-testid="finding"][data-severity="info"]').count()).resolves.toBe(0);
    await info.click();
    await expect(findings.count()).resolves.toBe(15);

    // A click shows where the finding is (in Excel it selects the cell).
    await amount.getByTestId("finding-cell").click();
    await expect(amount.getByTestId("finding-details").innerText()).resolves.toContain("位置：绩效目标!B147");
    await page.screenshot({ path: path.join(ARTIFACTS, "webpage-check.png"), fullPage: true });

    // A fix is previewed first; 取消 changes nothing, 应用修复 changes that cell only.
    const fullWidth = lastTable.locator('[data-testid="finding"][data-rule="val-fullwidth"]');
    await expect(fullWidth.count()).resolves.toBe(3);
    await fullWidth
      .first()
      .getByRole("button", { name: /预览并修复/ })
      .click();
    const preview = page.getByTestId("fix-preview");
    await preview.waitFor();
    await expect(preview.innerText()).resolves.toMatch(/绩效目标!F151\s+将“≥90％”改为“≥90%”\s+「％」\s+「%」/);
    await page.waitForTimeout(500); // the dialog's fade-in
    await page.screenshot({ path: path.join(ARTIFACTS, "webpage-fix-preview.png") });
    await page.getByRole("button", { name: "取消" }).click();
    await preview.waitFor({ state: "detached" });
    await expect(fullWidth.count()).resolves.toBe(3);
    await fullWidth
      .first()
      .getByRole("button", { name: /预览并修复/ })
      .click();
    await page.getByRole("button", { name: "应用修复" }).click();
    await page.getByText(/已修复 1 处/).waitFor();
    await expect(fullWidth.count()).resolves.toBe(2);
    await page.getByTestId("rechecked").waitFor();

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-marked").click()]);
    expect(download.suggestedFilename()).toBe("seed-sample-已处理.xlsx");
    const saved = path.join(work, "marked.xlsx");
    await download.saveAs(saved);
    const wb = await ExcelJsWorkbook.load(await fs.readFile(saved));
    const sheets = await wb.listSheets();
    expect(sheets[0].name).toBe("校验结果");
    expect(sheets.filter((s) => s.visibility === "visible").map((s) => s.name)).toEqual(["校验结果", "绩效目标"]);
    const marked = await wb.read({ sheets: ["绩效目标"] });
    const at = (cell: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
      const s0 = marked.sheets[0];
      return s0.values[Number(m[2]) - s0.top][m[1].charCodeAt(0) - 64 - s0.left];
    };
    expect(at("F151")).toBe("≥90%");
    expect(at("F152")).toBe("≥90％");
    const [look] = await wb.readLooks([{ sheet: "绩效目标", cell: "B147" }]);
    expect(look.fill).not.toBeNull();
    expect(look.note).toContain("10428.504909万元");
    // Opened again in the page: it says when it was checked and that the fixed table changed since.
    await page.getByRole("tab", { name: "目标表" }).click();
    await page.getByTestId("file-input").setInputFiles(saved);
    await page.getByTestId("since-last-check").waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("since-last-check").innerText()).resolves.toContain(
      "此后有变化的表：徐水区绿化占地土地流转金",
    );
    expect(outside.length).toBe(before);
    await page.close();
  });

  it("执行率 in the page: a GBK CSV imported through the file input, rates filled as of a date, a chart per table", async () => {
    const before = outside.length;
    const page = await open("index.html");
    await page.getByTestId("mode").waitFor({ timeout: 5_000 });
    await page.getByTestId("file-input").setInputFiles(sample);
    await page.getByRole("heading", { name: "识别到 6 张绩效目标表" }).waitFor({ timeout: 60_000 });
    await page.getByRole("tab", { name: "执行率" }).click();
    // 林业有害生物防治经费 (预算 70 万元): 20 + 15 万元 by 6月底; one row with an impossible date.
    const csv = [
      "支付日期,项目编码,支付金额（元）,凭证号,摘要",
      "2022-03-15,13062522P00456710487K,200000,PZ-1,药品",
      "2022/5/20,13062522P00456710487K,150000,PZ-2,飞防费",
      "2022-02-30,13062522P00456710487K,1000,PZ-3,坏日期",
    ].join("\r\n");
    await page.getByTestId("payments-input").setInputFiles({
      name: "国库支付.csv",
      mimeType: "text/csv",
      buffer: iconv.encode(csv, "gbk"),
    });
    await page.getByTestId("rates-import-result").waitFor({ timeout: 60_000 });
    await expect(page.getByTestId("rates-import-result").innerText()).resolves.toBe(
      "「国库支付.csv」：导入 2 笔，未导入 1 行",
    );
    await expect(page.getByTestId("rates-rejected").first().innerText()).resolves.toContain("国库支付.csv 第 4 行");
    await page.getByTestId("plan-actual-chart").first().waitFor();

    await page.getByTestId("rates-as-of").fill("2022-06-30");
    await page.getByRole("button", { name: "填充执行率", exact: true }).click();
    await page.getByText("执行率截至 2022-06-30 （按此处设定的日期）").waitFor({ timeout: 60_000 });
    const charts = page.getByTestId("plan-actual-chart");
    await expect(charts.count()).resolves.toBe(6);
    const forest = page.getByTestId("rates-table").filter({ hasText: "林业有害生物防治经费" });
    await expect(forest.innerText()).resolves.toContain("执行率 50%");
    // Bars: the plan's and the actual ones up to 6月底; after it, outlines marked 未到.
    const chart = forest.getByTestId("plan-actual-chart");
    await expect(chart.locator('rect[data-kind="actual"]').count()).resolves.toBe(2);
    await expect(chart.locator('[data-kind="not-due"]').count()).resolves.toBe(2);
    await expect(chart.locator('rect[data-kind="plan"]').count()).resolves.toBeGreaterThan(0);
    const box = await chart.boundingBox();
    expect(box && box.width > 100 && box.height > 40).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, "webpage-rates.png"), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载处理结果" }).click(),
    ]);
    const saved = path.join(work, "rates-" + download.suggestedFilename());
    await download.saveAs(saved);
    const wb = await ExcelJsWorkbook.load(await fs.readFile(saved));
    const ledger = wb.workbook.getWorksheet("支付明细")!;
    expect(ledger.getCell("B2").value).toBe("13062522P00456710487K");
    expect(ledger.getCell("D3").value).toBe(150000);
    expect(outside.length).toBe(before);
    await page.close();
  });

  it("index.html: the plain web page loads no office.js and is in browser mode at once", async () => {
    const before = outside.length;
    const page = await open("index.html");
    const mode = page.getByTestId("mode");
    await mode.waitFor({ timeout: 5_000 });
    await expect(mode.innerText()).resolves.toContain("浏览器模式（不需要 Excel）");
    expect(outside.length).toBe(before);
    await page.close();
  });

  it("with a stand-in Office host: Excel mode, Office's language and theme, the ribbon function registered", async () => {
    // Not Excel: a minimal stand-in for the globals office.js provides, enough to check the pane's
    // wiring (detection, language, theme, Office.actions.associate). Its Excel.run always fails, so
    // the pane must also show that failure as a message rather than break.
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      const associated: Record<string, (event: { completed(): void }) => void> = {};
      w.__associated = associated;
      w.Office = {
        HostType: { Excel: "Excel" },
        onReady: async () => ({ host: "Excel", platform: "PC" }),
        context: {
          displayLanguage: "en-US",
          officeTheme: { bodyBackgroundColor: "#262626", isDarkTheme: true },
          requirements: { isSetSupported: () => true },
        },
        actions: { associate: (name: string, fn: (event: { completed(): void }) => void) => (associated[name] = fn) },
        addin: { showAsTaskpane: async () => undefined },
      };
      w.Excel = {
        run: async () => {
          throw Object.assign(new Error("stand-in host"), { code: "GeneralException" });
        },
      };
    });
    await page.goto(`${origin}/taskpane.html`);
    const mode = page.getByTestId("mode");
    await mode.waitFor({ timeout: 10_000 });
    await expect(mode.innerText()).resolves.toContain("Excel add-in mode");
    await page.getByRole("button", { name: "Recognise tables" }).waitFor();
    await page
      .getByText(/Failed:|Excel/)
      .first()
      .waitFor();
    const registered = await page.evaluate(() =>
      Object.keys((window as unknown as { __associated: Record<string, unknown> }).__associated),
    );
    // Every ribbon button's function (manifest.xml ExecuteFunction) is registered, and nothing else.
    const manifest = await fs.readFile(path.join(__dirname, "..", "..", "manifest.xml"), "utf8");
    const buttons = [...new Set([...manifest.matchAll(/<FunctionName>([^<]+)<\/FunctionName>/g)].map((m) => m[1]))];
    expect(buttons).toContain("undoLastCommand");
    expect([...registered].sort()).toEqual(buttons.sort());
    const completed = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const fns = (window as unknown as { __associated: Record<string, (e: { completed(): void }) => void> })
            .__associated;
          fns.recognizeTables({ completed: () => resolve(true) });
        }),
    );
    expect(completed).toBe(true);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor,
    );
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    await page.screenshot({ path: path.join(ARTIFACTS, "taskpane-standin-excel.png"), fullPage: true });
    await page.close();
  });

  it("follows an English browser and a dark colour scheme", async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      Object.defineProperty(navigator, "language", { get: () => "en-US" });
    });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${origin}/index.html`);
    const mode = page.getByTestId("mode");
    await mode.waitFor({ timeout: 5_000 });
    await expect(mode.innerText()).resolves.toContain("Browser mode (no Excel needed)");
    await expect(page.getByRole("button", { name: "Open workbook" }).count()).resolves.toBe(1);
    const background = await page.evaluate(
      () => getComputedStyle(document.querySelector(".fui-FluentProvider")!).backgroundColor,
    );
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect(r + g + b).toBeLessThan(3 * 80);
    await page.screenshot({ path: path.join(ARTIFACTS, "webpage-en-dark.png"), fullPage: true });
    await page.close();
  });
});
