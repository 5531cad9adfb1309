/**
 * The pane's actions: each runs through `perform` (progress, cancel, one at a time) and puts its
 * outcome into the state. Used by the React components and by the ribbon functions.
 */
import type { Settings } from "../core/settings";
import { apiSupport, officeDisplayLanguage, selectRange, type Detection } from "../office/host";
import { loadSettings, recognize, resultFileName, saveSettings } from "./workflow";
import { adapterNotices, openBrowserWorkbook, officePort, type BrowserWorkbook } from "./backend";
import { errorMessage, getPort, getState, perform, setPort, setState, subscribe } from "./state";
import { initI18n, pickLanguage } from "./i18n";

let browserWorkbook: BrowserWorkbook | null = null;

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
    return;
  }
  if (previous) return;
  setState({ detection });
}

/** Reads the settings and recognises the tables of the current workbook. */
export async function recognizeAction(source: "pane" | "ribbon"): Promise<void> {
  const port = getPort();
  if (!port) {
    setState({ message: { intent: "warning", key: "settings.needWorkbook" } });
    return;
  }
  const outcome = await perform("recognize", async (ctx) => {
    const settings = await loadSettings(port, ctx);
    const result = await recognize(port, ctx);
    return { settings, result };
  });
  if (outcome.status !== "done") return;
  const { settings, result } = outcome.value;
  setState({
    result,
    notices: adapterNotices(port),
    resultSource: source,
    selected: null,
    settings: settings.settings,
    settingsStored: settings.stored,
    settingsNotes: settings.notes,
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
    const result = await recognize(wb.port, ctx);
    return { wb, settings, result };
  });
  if (outcome.status !== "done") return;
  const { wb, settings, result } = outcome.value;
  browserWorkbook = wb;
  setPort(wb.port);
  revokeDownload();
  setState({
    file: { name: file.name, size: file.size },
    result,
    notices: adapterNotices(wb.port),
    resultSource: "pane",
    selected: null,
    settings: settings.settings,
    settingsStored: settings.stored,
    settingsNotes: settings.notes,
    download: null,
  });
}

/** Stores the settings in the workbook (Excel's, or the page's copy). */
export async function saveSettingsAction(settings: Settings): Promise<void> {
  const port = getPort();
  if (!port) {
    setState({ message: { intent: "warning", key: "settings.needWorkbook" } });
    return;
  }
  const outcome = await perform("saveSettings", (ctx) => saveSettings(port, settings, ctx));
  if (outcome.status !== "done") return;
  const browser = getState().detection?.mode === "browser";
  setState({
    settings,
    settingsStored: true,
    settingsNotes: [],
    message: { intent: "success", key: browser ? "settings.savedBrowser" : "settings.saved" },
  });
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
  setState({ download: { url, name }, message: { intent: "success", key: "messages.downloaded", params: { name } } });
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
  try {
    await selectRange(table.sheet, table.range);
  } catch (e) {
    const m = errorMessage(e);
    setState({ message: { ...m, key: "messages.selectFailed" } });
  }
}
