/**
 * The pane's actions: each runs through `perform` (progress, cancel, one at a time) and puts its
 * outcome into the state. Used by the React components and by the ribbon functions.
 */
import type { Settings } from "../core/settings";
import type { Finding, Severity } from "../core/rules/types";
import type { WorkbookChange, WorkbookPort } from "../port/workbook";
import { apiSupport, officeDisplayLanguage, onPaneVisibility, selectRange, type Detection } from "../office/host";
import { watchEdits, type CellEdit, type EditWatch } from "../office/edits";
import {
  loadCheck,
  loadMore,
  loadSettings,
  recognize,
  resultFileName,
  saveSettings,
  type MoreModule,
} from "./workflow";
import type { RatesRun } from "./more-workflow";
import type { ActionContext } from "./runner";
import { adapterNotices, openBrowserWorkbook, officePort, type BrowserWorkbook } from "./backend";
import { errorMessage, getPort, getState, perform, setPort, setState, subscribe, type Message } from "./state";
import { initI18n, pickLanguage, resources } from "./i18n";
import { countsOf, toggleSeverity, touchedTables, verdictOf, type EditRef } from "./check-view";
import { EditBatcher } from "./live-check";
import { asOfInput, loadRatesSettings, rowRange } from "./rates-view";
import type { RatesSettings } from "../core/rates/settings";
import type { PaneTab } from "./state";
import { OfficeWorkbook } from "../office/excel-workbook";
import { reportProblems } from "../office/journal";
import { journaled } from "./undo";

let browserWorkbook: BrowserWorkbook | null = null;
/**
 * Bumped by every action that changes what the pane shows of the workbook, so a live re-check that
 * was running meanwhile drops its (older) result.
 */
let generation = 0;
let batcher: EditBatcher | null = null;
let watch: EditWatch | null = null;
let liveRunning = false;

/** Writes through the port as the add-in's own: the live re-check does not take them for edits. */
function ownWrite(port: WorkbookPort): (changes: WorkbookChange[]) => Promise<void> {
  return (changes) => (batcher ? batcher.ownWrite(() => port.apply(changes)) : port.apply(changes));
}

function inBrowser(): boolean {
  return getState().detection?.mode !== "excel";
}

/** Resolves when no action is running. */
export function whenIdle(): Promise<void> {
  if (!getState().busy) return Promise.resolve();
  return new Promise((resolve) => {
    const off = subscribe(() => {
      if (!getState().busy) {
        off();
        resolve();
      }
    });
  });
}

/** Sets the mode once detection has decided; in Excel, reads the open workbook at once. */
export async function enterMode(detection: Detection): Promise<void> {
  const previous = getState().detection;
  if (previous?.mode === "excel") return;
  if (detection.mode === "excel") {
    const language = pickLanguage(officeDisplayLanguage(), navigator.language);
    initI18n(language);
    setPort(officePort());
    browserWorkbook = null;
    setState({ detection, api: apiSupport(), language, file: null, result: null, selected: null, download: null });
    if (getState().api?.minimum === false) return;
    if (!getState().result && !getState().busy) await recognizeAction("pane");
    await startLiveCheck();
    return;
  }
  if (previous) return;
  setState({ detection });
}

/** The open workbook's port, or null after telling the user to open a workbook first. */
function portOrWarn(): WorkbookPort | null {
  const port = getPort();
  if (!port) setState({ message: { intent: "warning", key: "settings.needWorkbook" } });
  return port;
}

/** Reads the settings and recognises the tables of the current workbook. */
export async function recognizeAction(source: "pane" | "ribbon"): Promise<void> {
  const port = portOrWarn();
  if (!port) return;
  const outcome = await perform("recognize", async (ctx) => {
    const settings = await loadSettings(port, ctx);
    const rates = await loadRatesSettings(port, ctx);
    const { result, since } = await recognize(port, ctx);
    return { settings, rates, result, since };
  });
  if (outcome.status !== "done") return;
  const { settings, rates, result, since } = outcome.value;
  setState({
    ratesSettings: rates.settings,
    ratesSettingsStored: rates.stored,
    result,
    notices: adapterNotices(port),
    resultSource: source,
    selected: null,
    settings: settings.settings,
    settingsStored: settings.stored,
    settingsNotes: settings.notes,
    sinceLastCheck: since,
    ...(source === "ribbon" ? { tab: "tables" as const } : {}),
  });
}

/** Browser mode: opens an .xlsx from disk in the page and recognises its tables. */
export async function openFileAction(file: File): Promise<void> {
  const outcome = await perform("open", async (ctx) => {
    await ctx.step("opening");
    const bytes = new Uint8Array(await file.arrayBuffer());
    await ctx.step("loadingEngine");
    const wb = await openBrowserWorkbook(bytes, () => ctx.step("opening"));
    ctx.checkpoint();
    const settings = await loadSettings(wb.port, ctx);
    const rates = await loadRatesSettings(wb.port, ctx);
    const { result, since } = await recognize(wb.port, ctx);
    return { wb, settings, rates, result, since };
  });
  if (outcome.status !== "done") return;
  const { wb, settings, rates, result, since } = outcome.value;
  browserWorkbook = wb;
  generation++;
  setPort(wb.port);
  revokeDownload();
  setState({
    sinceLastCheck: since,
    check: null,
    checkSource: null,
    selectedFinding: null,
    unsaved: false,
    file: { name: file.name, size: file.size },
    result,
    notices: adapterNotices(wb.port),
    resultSource: "pane",
    selected: null,
    settings: settings.settings,
    settingsStored: settings.stored,
    settingsNotes: settings.notes,
    download: null,
    rates: null,
    ratesImport: null,
    ratesSettings: rates.settings,
    ratesSettingsStored: rates.stored,
  });
}

/** Stores the settings in the workbook (Excel's, or the page's copy). */
export async function saveSettingsAction(settings: Settings): Promise<void> {
  const port = portOrWarn();
  if (!port) return;
  const outcome = await perform("saveSettings", (outer) =>
    journaled(port, outer, "saveSettings", (ctx) => saveSettings(port, settings, ctx)),
  );
  if (outcome.status !== "done") return;
  const browser = getState().detection?.mode === "browser";
  setState((s) => ({
    settings,
    settingsStored: true,
    settingsNotes: [],
    unsaved: browser || s.unsaved,
    message: { intent: "success", key: browser ? "settings.savedBrowser" : "settings.saved" },
  }));
}

function revokeDownload(): void {
  const d = getState().download;
  if (d) URL.revokeObjectURL(d.url);
}

/** Browser mode: the workbook as it is now, offered as `原名-已处理.xlsx`. */
export async function downloadAction(): Promise<void> {
  const wb = browserWorkbook;
  const file = getState().file;
  if (!wb || !file) return;
  const outcome = await perform("download", async (ctx) => {
    await ctx.step("packing");
    const bytes = await wb.toBuffer();
    ctx.checkpoint();
    return bytes;
  });
  if (outcome.status !== "done") return;
  revokeDownload();
  const name = resultFileName(file.name);
  const blob = new Blob([outcome.value as Uint8Array<ArrayBuffer>], {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
  const url = URL.createObjectURL(blob);
  setState({
    download: { url, name },
    unsaved: false,
    message: { intent: "success", key: "messages.downloaded", params: { name } },
  });
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** Shows a table's details; in Excel also selects its range in the sheet. */
export async function selectTableAction(index: number): Promise<void> {
  const s = getState();
  const table = s.result?.tables[index];
  if (!table) return;
  if (s.detection?.mode !== "excel") {
    // In the browser there is no sheet to select: the click opens (or closes) the details.
    setState({ selected: s.selected === index ? null : index });
    return;
  }
  setState({ selected: index });
  await selectInSheet(table.sheet, table.range);
}

/** Selects a range in Excel; a failure (sheet renamed, cell being edited) becomes a message. */
async function selectInSheet(sheet: string, address: string): Promise<void> {
  try {
    await selectRange(sheet, address);
  } catch (e) {
    const m = errorMessage(e);
    setState({ message: { ...m, key: "messages.selectFailed" } });
  }
}

/** The message after a check: the verdict, the counts, and (in the page) that the copy is marked. */
function checkMessage(findings: Finding[], tables: number, browser: boolean): Message {
  const verdict = verdictOf(findings);
  const c = countsOf(findings);
  return {
    intent: verdict === "有错误" ? "error" : verdict === "有警告" ? "warning" : "success",
    key: browser ? "check.doneBrowser" : "check.done",
    params: { tables, errors: c.error, warnings: c.warning, infos: c.info },
  };
}

/**
 * 校验: checks every table and writes marks, the 校验结果 sheet and the record into the workbook
 * (Excel's, or the page's copy, then offered as a download). Cancellable until the writing starts.
 */
export async function checkAction(source: "pane" | "ribbon" = "pane"): Promise<void> {
  const port = portOrWarn();
  if (!port) return;
  generation++;
  batcher?.cancel();
  const outcome = await perform("check", (outer) =>
    journaled(port, outer, "check", async (ctx) => {
      const check = await loadCheck();
      ctx.checkpoint();
      return check.runCheck(port, ctx, ownWrite(port));
    }),
  );
  if (outcome.status !== "done") return;
  const { view, read } = outcome.value;
  const browser = inBrowser();
  setState((s) => ({
    check: view,
    checkSource: source,
    result: read,
    notices: adapterNotices(port),
    selected: null,
    selectedFinding: null,
    sinceLastCheck: null,
    tab: "check",
    unsaved: browser || s.unsaved,
    message: checkMessage(view.findings, view.tables.length, browser),
  }));
}

/** 清除标记: restores every marked cell's earlier look and removes 校验结果. */
export async function clearMarksAction(source: "pane" | "ribbon" = "pane"): Promise<void> {
  const port = portOrWarn();
  if (!port) return;
  generation++;
  batcher?.cancel();
  const outcome = await perform("clearMarks", (outer) =>
    journaled(port, outer, "clearMarks", async (ctx) => {
      const check = await loadCheck();
      ctx.checkpoint();
      return check.runClearMarks(port, ctx, ownWrite(port));
    }),
  );
  if (outcome.status !== "done") return;
  const cleared = outcome.value;
  const browser = inBrowser();
  setState((s) => ({
    check: s.check ? { ...s.check, marked: false, rechecked: [] } : null,
    checkSource: source,
    ...(source === "ribbon" ? { tab: "check" as const } : {}),
    unsaved: (browser && cleared > 0) || s.unsaved,
    message:
      cleared > 0
        ? { intent: "success", key: browser ? "check.clearedBrowser" : "check.cleared", params: { count: cleared } }
        : { intent: "info", key: "check.nothingToClear" },
  }));
}

/** Applies the fixes of the given findings after the user confirmed their preview. */
export async function applyFixesAction(confirmed: Finding[]): Promise<void> {
  const port = getPort();
  const view = getState().check;
  if (!port || !view) return;
  const findings = confirmed.filter((f) => f.fix && f.fix.edits.length > 0);
  if (findings.length === 0) return;
  generation++;
  batcher?.cancel();
  const outcome = await perform("fix", (outer) =>
    journaled(port, outer, "fix", async (ctx) => {
      const check = await loadCheck();
      ctx.checkpoint();
      return check.runFixes(port, ctx, ownWrite(port), view, findings);
    }),
  );
  if (outcome.status !== "done") return;
  const r = outcome.value;
  const browser = inBrowser();
  const message: Message =
    r.applied > 0
      ? {
          intent: "success",
          key: r.skipped > 0 ? "fix.appliedSkipped" : "fix.applied",
          params: { count: r.applied, skipped: r.skipped },
        }
      : { intent: "warning", key: "fix.nothingApplied", params: { skipped: r.skipped } };
  setState((s) => ({
    check: r.view,
    ...(r.read ? { result: r.read, selected: null } : {}),
    selectedFinding: null,
    unsaved: (browser && r.applied > 0) || s.unsaved,
    message,
  }));
}

/** A click on a finding: in Excel selects its cell; in the page shows where it is. */
export async function selectFindingAction(id: number): Promise<void> {
  const s = getState();
  const finding = s.check?.findings[id];
  if (!finding) return;
  if (s.detection?.mode !== "excel") {
    setState({ selectedFinding: s.selectedFinding === id ? null : id });
    return;
  }
  setState({ selectedFinding: id });
  await selectInSheet(finding.sheet, finding.cell);
}

export function toggleSeverityFilter(severity: Severity): void {
  setState((s) => ({ severityFilter: toggleSeverity(s.severityFilter, severity) }));
}

export function setTab(tab: PaneTab): void {
  setState({ tab });
}

/** An edit Excel reported: taken for a re-check only when it falls in a checked table. */
function onEdit(edit: CellEdit): void {
  const view = getState().check;
  if (!batcher || !view || touchedTables(view.tables, [edit]).length === 0) return;
  batcher.push(edit);
}

/** Re-checks the tables the edits touched (no marks written: 校验 writes them). */
async function liveRecheck(edits: EditRef[]): Promise<void> {
  const s = getState();
  const port = getPort();
  if (!s.check || !port || s.detection?.mode !== "excel") return;
  if (s.busy || liveRunning) {
    // Try again once the running action or re-check is over (a 校验 meanwhile drops them).
    for (const e of edits) batcher?.push(e);
    return;
  }
  const started = generation;
  const view = s.check;
  liveRunning = true;
  setState({ liveCheck: "running" });
  try {
    const check = await loadCheck();
    const r = await check.runRecheck(port, view, edits);
    if (started !== generation || getState().check !== view) return;
    setState((cur) => ({
      check: r.view,
      result: r.read,
      selected: cur.selected !== null && cur.selected < r.read.tables.length ? cur.selected : null,
      selectedFinding: null,
    }));
  } catch (e) {
    const m = errorMessage(e);
    setState({ message: { ...m, intent: "warning", key: "check.liveFailed" } });
  } finally {
    liveRunning = false;
    setState({ liveCheck: batcher ? "on" : "off" });
  }
}

/** Excel mode: watches the user's edits while the pane is shown, to re-check the tables edited. */
async function startLiveCheck(): Promise<void> {
  if (watch || batcher) return;
  batcher = new EditBatcher((edits) => void liveRecheck(edits));
  try {
    watch = await watchEdits(onEdit);
  } catch {
    watch = null;
  }
  if (!watch) {
    batcher = null;
    return;
  }
  setState({ liveCheck: "on" });
  await onPaneVisibility((visible) => batcher?.setPaused(!visible));
}

/** Runs one of 生成目标表 / 生成汇总表 / 填充执行率 on the current workbook. */
async function moreAction<T>(
  kind: "generate" | "summary" | "rates" | "createLedger" | "importPayments",
  run: (more: MoreModule, port: WorkbookPort, ctx: ActionContext) => Promise<T>,
): Promise<{ value: T; port: WorkbookPort } | null> {
  const port = portOrWarn();
  if (!port) return null;
  generation++;
  batcher?.cancel();
  const outcome = await perform(kind, (outer) =>
    journaled(port, outer, kind, async (ctx) => {
      const more = await loadMore();
      ctx.checkpoint();
      return run(more, port, ctx);
    }),
  );
  if (outcome.status !== "done") return null;
  if (inBrowser()) setState({ unsaved: true });
  return { value: outcome.value, port };
}

/**
 * 生成目标表: a standard sheet per table and a 目录. Generated sheets that differ from their source are
 * left alone and offered for replacement (`replaceOffer`: the pane's dialog lists what would change;
 * from the ribbon the pane is shown, so the user confirms there). `replace` rebuilds the sheets the
 * user confirmed; after such a run nothing is offered again.
 */
export async function generateAction(source: "pane" | "ribbon" = "pane", replace: string[] = []): Promise<void> {
  const done = await moreAction("generate", (m, port, ctx) =>
    m.runGenerateTables(port, ctx, ownWrite(port), { replace }),
  );
  if (!done) return;
  const r = done.value;
  const more: Message["more"] = [];
  const offer = replace.length === 0 && r.conflicts.length > 0;
  if (r.conflicts.length > 0)
    more.push({
      key: "more.conflicts",
      params: { count: r.conflicts.length, names: r.conflicts.map((c) => c.sheet).join("、") },
    });
  if (offer) more.push({ key: "replace.ask" });
  setState({
    result: r.read,
    notices: adapterNotices(done.port),
    resultSource: source,
    selected: null,
    tab: "tables",
    replaceOffer: offer ? r.conflicts : null,
    message: {
      intent: r.conflicts.length > 0 ? "warning" : "success",
      key: "more.generated",
      params: { created: r.created, replaced: r.replaced, unchanged: r.unchanged },
      more,
    },
  });
}

/** 替换 in the dialog: rebuilds the confirmed sheets from their sources; the others stay as they are. */
export async function replaceGeneratedAction(sheets: string[]): Promise<void> {
  if (sheets.length === 0) {
    keepGeneratedAction();
    return;
  }
  setState({ replaceOffer: null });
  await generateAction(getState().resultSource === "ribbon" ? "ribbon" : "pane", sheets);
}

/** 保留 in the dialog: every differing sheet stays as it is. */
export function keepGeneratedAction(): void {
  const count = getState().replaceOffer?.length ?? 0;
  setState({ replaceOffer: null, message: { intent: "info", key: "replace.kept", params: { count } } });
}

/** 生成汇总表: the 汇总表 (and 部门整体 where the workbook has it). */
export async function summaryAction(): Promise<void> {
  const done = await moreAction("summary", (m, port, ctx) => m.runSummarySheet(port, ctx, ownWrite(port)));
  if (!done) return;
  const r = done.value;
  const more: NonNullable<Message["more"]> = r.checked ? [] : [{ key: "more.summaryUnchecked" }];
  // The page writes through ExcelJS, which cannot make charts: the data block is there, the chart not.
  if (r.chart) more.push({ key: inBrowser() ? "chart.browser" : "chart.excel" });
  setState({
    message: {
      intent: "success",
      key: "more.summaryDone",
      params: { sheet: r.sheet, tables: r.tables },
      more,
    },
  });
}

// ---------------------------------------------------------------------------------------------
// The 执行率 tab (and the ribbon's 填充执行率).

/** The as-of date set in the tab, as a serial; undefined for the default; null (after a warning) when invalid. */
function paneAsOf(): number | undefined | null {
  const v = asOfInput(getState().ratesAsOf);
  if (v === null) setState({ message: { intent: "warning", key: "rates.asOfInvalid" } });
  return v;
}

/** The sentences after a rates run: a new ledger, rows not counted, tables without a budget. */
function ratesMore(r: RatesRun): NonNullable<Message["more"]> {
  const more: NonNullable<Message["more"]> = [];
  if (r.asOfSource === "workbook") more.push({ key: "rates.asOfFromWorkbook" });
  if (r.createdLedger) more.push({ key: "more.ratesLedger", params: { sheet: r.createdLedger } });
  if (r.rejected.length > 0)
    more.push({
      key: "more.ratesRejected",
      params: {
        count: r.rejected.length,
        rows: r.rejected.slice(0, 10).join("、") + (r.rejected.length > 10 ? "…" : ""),
      },
    });
  if (r.noBudget > 0) more.push({ key: "more.ratesNoBudget", params: { count: r.noBudget } });
  return more;
}

/**
 * 填充执行率: execution rates from the payments entered, as live formulas. The pane's as-of date
 * wins when set (the ribbon uses it too); the tab then shows the chart per table.
 */
export async function ratesAction(): Promise<void> {
  const asOf = paneAsOf();
  if (asOf === null) return;
  const done = await moreAction("rates", (m, port, ctx) => m.runFillRates(port, ctx, ownWrite(port), new Date(), asOf));
  if (!done) return;
  const r = done.value;
  setState({
    rates: r.view,
    tab: "rates",
    message: {
      intent: r.rejected.length > 0 || r.noBudget > 0 ? "warning" : "success",
      key: "more.ratesDone",
      params: { tables: r.tables, asOf: r.asOf },
      more: ratesMore(r),
    },
  });
}

/** The as-of date typed in the tab (`YYYY-MM-DD`, or "" for the default rule). */
export function setRatesAsOf(text: string): void {
  setState({ ratesAsOf: text });
}

/** 创建支付明细表: a ledger sheet with headers, formats and the project dropdown, then the rates. */
export async function createLedgerAction(): Promise<void> {
  const asOf = paneAsOf();
  if (asOf === null) return;
  const done = await moreAction("createLedger", (m, port, ctx) =>
    m.runCreateLedger(port, ctx, ownWrite(port), new Date(), asOf),
  );
  if (!done) return;
  const r = done.value;
  if (r.existing || !r.rates) {
    setState({ message: { intent: "info", key: "rates.ledgerExists", params: { sheet: r.existing ?? "" } } });
    return;
  }
  setState({
    rates: r.rates.view,
    tab: "rates",
    message: {
      intent: "success",
      key: "rates.ledgerCreated",
      params: { sheet: r.rates.createdLedger ?? "" },
    },
  });
}

/** 导入支付数据: a treasury export (.csv in GBK or UTF-8, or .xlsx) appended to the ledger, then the rates. */
export async function importPaymentsAction(file: File): Promise<void> {
  const asOf = paneAsOf();
  if (asOf === null) return;
  const done = await moreAction("importPayments", async (m, port, ctx) => {
    await ctx.step("opening");
    const bytes = new Uint8Array(await file.arrayBuffer());
    return m.runImportPayments(port, ctx, ownWrite(port), { name: file.name, bytes }, new Date(), asOf);
  });
  if (!done) return;
  const { import: imp, rates } = done.value;
  const more = ratesMore(rates).filter((x) => x.key !== "more.ratesLedger");
  if (imp.rejected.length > 0) more.unshift({ key: "rates.importRejected", params: { count: imp.rejected.length } });
  setState({
    rates: rates.view,
    ratesImport: imp,
    tab: "rates",
    message: {
      intent: imp.rejected.length > 0 || imp.imported === 0 ? "warning" : "success",
      key: imp.created ? "rates.importedNew" : "rates.imported",
      params: { count: imp.imported, sheet: imp.ledger, asOf: rates.asOf },
      more,
    },
  });
}

/** A click on a ledger row not counted: in Excel selects the row (the page has no sheet to show). */
export async function selectLedgerRowAction(sheet: string, row: number): Promise<void> {
  if (getState().detection?.mode !== "excel") return;
  await selectInSheet(sheet, rowRange(row));
}

/** Stores the rates thresholds and tolerances in the workbook (the rates record). */
export async function saveRatesSettingsAction(settings: RatesSettings): Promise<void> {
  const port = portOrWarn();
  if (!port) return;
  const outcome = await perform("saveRatesSettings", (outer) =>
    journaled(port, outer, "saveRatesSettings", async (ctx) => {
      const more = await loadMore();
      ctx.checkpoint();
      return more.saveRatesSettings(port, settings, ctx, ownWrite(port));
    }),
  );
  if (outcome.status !== "done") return;
  const browser = inBrowser();
  setState((s) => ({
    ratesSettings: outcome.value,
    ratesSettingsStored: true,
    unsaved: browser || s.unsaved,
    message: { intent: "success", key: browser ? "rates.settingsSavedBrowser" : "rates.settingsSaved" },
  }));
}

// ---------------------------------------------------------------------------------------------
// 撤销上次操作 (Excel only): the journal's record of the last command that wrote (see undo.ts).

/**
 * 撤销上次操作: puts back what the last command changed. Cells the user changed since are left as the
 * user made them and listed in the message (so are sheets the command added that the user edited);
 * then the workbook is read again, as the pane's view of it is from before.
 */
export async function undoAction(): Promise<void> {
  const port = getPort();
  if (!(port instanceof OfficeWorkbook) || !port.history.last) {
    setState({ message: { intent: "info", key: "undo.nothing" } });
    return;
  }
  generation++;
  batcher?.cancel();
  const outcome = await perform("undo", async (ctx) => {
    await ctx.commit("writing");
    return batcher ? batcher.ownWrite(() => port.undoLast()) : port.undoLast();
  });
  if (outcome.status !== "done" || !outcome.value) return;
  const { label, report } = outcome.value;
  const more: NonNullable<Message["more"]> = [];
  if (report.keptCells.length > 0)
    more.push({
      key: "undo.keptCells",
      params: {
        count: report.keptCells.length,
        cells: report.keptCells.slice(0, 20).join("、") + (report.keptCells.length > 20 ? "…" : ""),
      },
    });
  if (report.keptSheets.length > 0)
    more.push({
      key: "undo.keptSheets",
      params: { count: report.keptSheets.length, names: report.keptSheets.join("、") },
    });
  if (report.renamed.length > 0)
    more.push({ key: "undo.renamed", params: { names: report.renamed.map((r) => `${r.sheet} → ${r.as}`).join("、") } });
  const problems = reportProblems(report);
  if (problems) more.push({ key: "undo.problems", params: { zh: problems.zh, en: problems.en } });
  setState({ check: null, checkSource: null, selectedFinding: null, sinceLastCheck: null, rates: null });
  await recognizeAction("pane");
  const edited = report.keptCells.length > 0 || report.keptSheets.length > 0;
  setState({
    message: {
      intent: report.failed.length > 0 ? "error" : edited || problems ? "warning" : "success",
      key: "undo.done",
      ...undoLabel(label),
      more,
    },
  });
}

/** A command's name in both languages (`generate` → 生成目标表 / Generate target sheets). */
export function undoLabel(label: string): { zh: string; en: string } {
  const zh = resources.zh.translation.undo.labels as Record<string, string>;
  const en = resources.en.translation.undo.labels as Record<string, string>;
  return { zh: zh[label] ?? label, en: en[label] ?? label };
}
