/**
 * The pane's long actions: progress, and cancellation that never leaves a half-written workbook
 * (a cancel before `apply` writes nothing; once writing has begun the cancel is refused).
 */
import type { WorkbookChange, WorkbookPort } from "../../src/port/workbook";
import { ExcelJsWorkbook } from "../../src/adapters/exceljs/workbook";
import { runAction, type Progress } from "../../src/taskpane/runner";
import { loadSettings, recognize, resultFileName, saveSettings } from "../../src/taskpane/workflow";
import { SETTINGS_SHEET, type Settings } from "../../src/core/settings";
import { pickLanguage, resources } from "../../src/taskpane/i18n";
import { hostHints, luminance, selectRange } from "../../src/office/host";
import { WorkbookError } from "../../src/adapters/exceljs/errors";
import { pageScripts } from "../../scripts/bench-bundle";

const SETTINGS: Settings = { profile: "legacy", budgetYear: 2022, unit: "万元" };

/** A port over ExcelJS that records writes and can pause inside a call. */
function spyPort(inner: WorkbookPort, hooks: { beforeList?: () => void | Promise<void> } = {}) {
  const applied: WorkbookChange[][] = [];
  const port: WorkbookPort = {
    listSheets: async () => {
      await hooks.beforeList?.();
      return inner.listSheets();
    },
    read: (o) => inner.read(o),
    apply: async (changes) => {
      applied.push(changes);
      await inner.apply(changes);
    },
    readLooks: (cells) => inner.readLooks(cells),
  };
  return { port, applied };
}

async function sampleWorkbook(): Promise<ExcelJsWorkbook> {
  const wb = ExcelJsWorkbook.create();
  await wb.apply([{ kind: "addSheet", sheet: "Sheet1" }]);
  return wb;
}

describe("runAction", () => {
  test("reports each step and returns the value", async () => {
    const steps: Progress[] = [];
    const outcome = await runAction(
      new AbortController(),
      (p) => steps.push(p),
      async (ctx) => {
        await ctx.step("reading");
        await ctx.step("recognising", 0.5);
        return 42;
      },
    );
    expect(outcome).toEqual({ status: "done", value: 42 });
    expect(steps.map((s) => [s.step, s.fraction, s.cancellable])).toEqual([
      ["reading", null, true],
      ["recognising", 0.5, true],
    ]);
  });

  test("a cancel before the write: nothing is written", async () => {
    const wb = await sampleWorkbook();
    const controller = new AbortController();
    const { port, applied } = spyPort(wb, { beforeList: () => controller.abort() });
    const outcome = await runAction(
      controller,
      () => undefined,
      (ctx) => saveSettings(port, SETTINGS, ctx),
    );
    expect(outcome.status).toBe("cancelled");
    expect(applied).toEqual([]);
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(["Sheet1"]);
  });

  test("a cancel once writing has begun is refused: everything is written", async () => {
    const wb = await sampleWorkbook();
    const controller = new AbortController();
    const { port, applied } = spyPort(wb);
    const seen: Progress[] = [];
    const outcome = await runAction(
      controller,
      (p) => {
        seen.push(p);
        if (!p.cancellable) controller.abort();
      },
      (ctx) => saveSettings(port, SETTINGS, ctx),
    );
    expect(outcome.status).toBe("done");
    expect(applied).toHaveLength(1);
    expect(seen[seen.length - 1]).toEqual({ step: "writing", fraction: null, cancellable: false });
    expect((await wb.listSheets()).map((s) => s.name)).toEqual(["Sheet1", SETTINGS_SHEET]);
  });

  test("a cancel during a read drops the result (reads are harmless)", async () => {
    const wb = await sampleWorkbook();
    const controller = new AbortController();
    const { port } = spyPort(wb, { beforeList: () => controller.abort() });
    const outcome = await runAction(
      controller,
      () => undefined,
      async (ctx) => {
        const settings = await loadSettings(port, ctx);
        const result = await recognize(port, ctx);
        return { settings, result };
      },
    );
    expect(outcome.status).toBe("cancelled");
  });

  test("an error is reported as failed, with its message", async () => {
    const outcome = await runAction(
      new AbortController(),
      () => undefined,
      async () => {
        throw new Error("boom");
      },
    );
    expect(outcome.status).toBe("failed");
    expect(outcome.status === "failed" && (outcome.error as Error).message).toBe("boom");
  });

  test("settings saved through the workflow are read back by loadSettings", async () => {
    const wb = await sampleWorkbook();
    const ctl = () => new AbortController();
    await runAction(
      ctl(),
      () => undefined,
      (ctx) => saveSettings(wb, SETTINGS, ctx),
    );
    await runAction(
      ctl(),
      () => undefined,
      (ctx) => saveSettings(wb, { ...SETTINGS, unit: "元" }, ctx),
    );
    const loaded = await runAction(
      ctl(),
      () => undefined,
      (ctx) => loadSettings(wb, ctx),
    );
    expect(loaded).toEqual({
      status: "done",
      value: { settings: { ...SETTINGS, unit: "元" }, notes: [], stored: true },
    });
  });
});

describe("pane helpers", () => {
  test.each([
    ["报表.xlsx", "报表-已处理.xlsx"],
    ["2022 绩效目标.XLSX", "2022 绩效目标-已处理.xlsx"],
    ["noext", "noext-已处理.xlsx"],
    [".xlsx", "工作簿-已处理.xlsx"],
  ])("download name of %s is %s", (input, expected) => {
    expect(resultFileName(input)).toBe(expected);
  });

  test.each([
    ["en-US", "zh-CN", "en"],
    ["zh-CN", "en-US", "zh"],
    [null, "en-GB", "en"],
    [null, "en", "en"],
    [null, "zh-TW", "zh"],
    [null, "fr-FR", "zh"],
    [null, null, "zh"],
    ["", "english", "zh"],
  ])("language for Office %p, browser %p is %p", (office, browser, expected) => {
    expect(pickLanguage(office, browser)).toBe(expected);
  });

  test("Chinese and English have the same keys", () => {
    const keys = (o: object, prefix = ""): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
      );
    expect(keys(resources.en.translation).sort()).toEqual(keys(resources.zh.translation).sort());
    expect(resources.zh.translation.mode.browser).toBe("浏览器模式（不需要 Excel）");
    expect(resources.zh.translation.mode.excel).toBe("Excel 加载项模式");
  });

  test("theme colours: luminance", () => {
    expect(luminance("#ffffff")).toBeCloseTo(1);
    expect(luminance("#000000")).toBeCloseTo(0);
    expect(luminance("262626")!).toBeLessThan(0.4);
    expect(luminance("not a colour")).toBeNull();
  });

  test("host hints: a plain top-level page is not in Office; _host_Info or a frame is", () => {
    const fake = (search: string, framed = false) => {
      const w = {
        location: { search },
        name: "",
        sessionStorage: { getItem: () => null },
        external: {},
      } as unknown as {
        top: unknown;
        self: unknown;
      };
      w.self = w;
      w.top = framed ? {} : w;
      return w as unknown as Window;
    };
    expect(hostHints(fake(""))).toBe(false);
    expect(hostHints(fake("?_host_Info=Excel$Win32$16.01$zh-CN$$$$0"))).toBe(true);
    expect(hostHints(fake("", true))).toBe(true);
  });

  test("bench: the page's own scripts, not the CDN's", () => {
    const html =
      '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>' +
      "<script>document.write('<script id=\"office-js\" src=\"' + src + '\"><\\/script>');</script>" +
      '<script defer src=runtime.1.js></script><script defer src="taskpane.2.js"></script><script>inline()</script>';
    expect(pageScripts(html)).toEqual(["runtime.1.js", "taskpane.2.js"]);
  });

  test("selectRange: activates the sheet and selects the range in one run and one sync", async () => {
    const calls: string[] = [];
    const context = {
      workbook: {
        worksheets: {
          getItem: (name: string) => ({
            activate: () => calls.push(`activate ${name}`),
            getRange: (range: string) => ({ select: () => calls.push(`select ${range}`) }),
          }),
        },
      },
      sync: async () => {
        calls.push("sync");
      },
    } as unknown as Excel.RequestContext;
    let runs = 0;
    const run = <T>(batch: (ctx: Excel.RequestContext) => Promise<T>) => {
      runs++;
      return batch(context);
    };
    await selectRange("绩效目标", "A44:G59", run);
    expect(runs).toBe(1);
    expect(calls).toEqual(["activate 绩效目标", "select A44:G59", "sync"]);
  });

  test("selectRange: an Office error becomes a message in both languages", async () => {
    const run = async () => {
      throw Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });
    };
    const error = await selectRange("改名了", "A1:B2", run).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookError);
    expect((error as WorkbookError).message).toMatch(/[\u4e00-\u9fff]/);
    expect((error as WorkbookError).messageEn).toBeTruthy();
  });
});
