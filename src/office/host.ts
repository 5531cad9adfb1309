/**
 * The Office host, apart from the workbook port: whether the page runs inside Excel, which APIs the
 * host supports, its display language and theme, ribbon function registration, showing the pane
 * and selecting a range. Every use of the `Office` and `Excel` globals outside the workbook adapter
 * is here, each guarded, so the same page runs in a plain browser where office.js is absent or
 * failed to load.
 *
 * taskpane.html loads office.js itself (see the inline script there) and records the script's fate
 * in `window.__ptsheetOffice`; `detectOffice` turns that and `Office.onReady` into a mode, never
 * waiting longer than a timeout, because `Office.onReady` never settles when office.js or one of
 * its own files cannot be fetched.
 */

import { EXCEL_API, excelRun, type ExcelRunner } from "./excel-workbook";
import { toWorkbookError } from "./errors";

/** What the inline script in taskpane.html records about office.js. */
export interface OfficeScriptState {
  /** `absent`: this page does not load office.js (the plain web page). */
  state: "loading" | "loaded" | "failed" | "absent";
  /** Whether the page looked like it runs inside an Office host when it started. */
  inHost: boolean;
}

declare global {
  interface Window {
    __ptsheetOffice?: OfficeScriptState;
  }
}

export type BrowserReason = "absent" | "failed" | "no-host" | "other-host" | "timeout";

export type Detection =
  | { mode: "excel"; platform: string | null }
  /** Outside Excel; `reason` says why (office.js absent or failed, no host, another host, timed out). */
  | { mode: "browser"; reason: BrowserReason };

/**
 * The ExcelApi requirement set the manifest declares: the highest the Office adapter needs without
 * a fallback (`EXCEL_API` in ./excel-workbook); anything newer is checked with `supports`.
 */
export const MIN_EXCEL_API = "1.7";

/** How long to wait for Office before showing the browser mode. */
export const DETECT_TIMEOUT_MS = { inHost: 20_000, outside: 4_000 } as const;

function officeGlobal(): typeof Office | undefined {
  return typeof Office === "undefined" ? undefined : Office;
}

/**
 * Whether the page looks like it runs in an Office host, by the signs office.js itself reads
 * (`_host_Info` in the query, `window.name` or session storage, the desktop bridges) or a frame.
 */
export function hostHints(win: Window = window): boolean {
  try {
    const w = win as Window & { agaveHost?: unknown; chrome?: { webview?: unknown } };
    if (/[?&]_host_Info=/i.test(w.location.search)) return true;
    if (w.top !== w.self) return true;
    if (typeof w.agaveHost !== "undefined" || w.chrome?.webview) return true;
    const ext = (w as unknown as { external?: Record<string, unknown> }).external;
    if (ext && "GetHostInfo" in ext) return true;
    if (/hostInfo/.test(w.name || "")) return true;
    return w.sessionStorage?.getItem("hostInfoValue") != null;
  } catch {
    return true;
  }
}

/** Resolves once the office.js script has loaded (true) or failed or is absent (false). */
function officeScript(): Promise<boolean> {
  if (officeGlobal()) return Promise.resolve(true);
  const status = window.__ptsheetOffice;
  if (!status || status.state === "absent" || status.state === "failed") return Promise.resolve(false);
  const script = document.getElementById("office-js");
  if (!script) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = () => resolve(officeGlobal() !== undefined);
    script.addEventListener("load", done, { once: true });
    script.addEventListener("error", () => resolve(false), { once: true });
    // The events may have fired before this module ran.
    if (window.__ptsheetOffice?.state === "loaded") done();
    if (window.__ptsheetOffice?.state === "failed") resolve(false);
  });
}

let ready: Promise<Detection> | null = null;

/** Office.onReady's verdict, without a timeout (it may never settle). Memoised: one page, one host. */
export function officeReady(): Promise<Detection> {
  ready ??= (async (): Promise<Detection> => {
    const status = window.__ptsheetOffice?.state;
    if (!(await officeScript()))
      return { mode: "browser", reason: status === "absent" || !status ? "absent" : "failed" };
    const office = officeGlobal()!;
    const info = await office.onReady();
    if (!info.host) return { mode: "browser", reason: "no-host" };
    if (info.host !== office.HostType.Excel) return { mode: "browser", reason: "other-host" };
    return { mode: "excel", platform: info.platform ? String(info.platform) : null };
  })().catch((): Detection => ({ mode: "browser", reason: "failed" }));
  return ready;
}

/** The mode to show now: Office's verdict, or browser mode when it does not come within the timeout. */
export function detectOffice(timeoutMs?: number): Promise<Detection> {
  const wait =
    timeoutMs ?? (window.__ptsheetOffice?.inHost || hostHints() ? DETECT_TIMEOUT_MS.inHost : DETECT_TIMEOUT_MS.outside);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<Detection>((resolve) => {
    timer = setTimeout(() => resolve({ mode: "browser", reason: "timeout" }), wait);
  });
  return Promise.race([officeReady(), timeout]).finally(() => clearTimeout(timer));
}

/** Whether the host supports a requirement set (false outside Office or when unsure). */
export function supports(set: string, version: string): boolean {
  try {
    return officeGlobal()?.context?.requirements?.isSetSupported(set, version) === true;
  } catch {
    return false;
  }
}

/** What the host supports, for the pane to say so; the adapter checks the same sets itself. */
export interface ApiSupport {
  /** The manifest's minimum; false means this Excel is too old (the pane says so, and offers the web page). */
  minimum: boolean;
  /** ExcelApi 1.8 events off during bulk writes (fallback: left on). */
  enableEvents: boolean;
  /** ExcelApi 1.9 screen updating suspended during bulk writes (fallback: none needed). */
  suspendScreenUpdating: boolean;
  /** ExcelApi 1.13 merged areas (fallback: the adapter reads without merges and says so). */
  mergedAreas: boolean;
  /** SharedRuntime 1.1 `Office.addin.showAsTaskpane` (fallback: the user opens the pane). */
  sharedRuntime: boolean;
}

export function apiSupport(): ApiSupport {
  return {
    minimum: supports("ExcelApi", MIN_EXCEL_API),
    enableEvents: supports("ExcelApi", EXCEL_API.events),
    suspendScreenUpdating: supports("ExcelApi", EXCEL_API.screenUpdating),
    mergedAreas: supports("ExcelApi", EXCEL_API.mergedAreas),
    sharedRuntime: supports("SharedRuntime", "1.1"),
  };
}

/** Office's display language (`zh-CN`, `en-US`), or null outside Office. */
export function officeDisplayLanguage(): string | null {
  try {
    return officeGlobal()?.context?.displayLanguage || null;
  } catch {
    return null;
  }
}

/** Relative luminance of `#RRGGBB` (0 black … 1 white), or null when not such a colour. */
export function luminance(color: string): number | null {
  const m = /^#?([0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  const n = parseInt(m[1], 16);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}

/** Whether Office shows a dark theme; null outside Office or where the host does not say. */
export function officeThemeIsDark(): boolean | null {
  try {
    const theme = officeGlobal()?.context?.officeTheme;
    if (!theme) return null;
    if (typeof theme.isDarkTheme === "boolean") return theme.isDarkTheme;
    const l = luminance(theme.bodyBackgroundColor ?? "");
    return l === null ? null : l < 0.4;
  } catch {
    return null;
  }
}

/** The event a ribbon function gets; `completed` must be called exactly once. */
export interface CommandEvent {
  completed(): void;
}

/**
 * Registers a ribbon (ExecuteFunction) function under the manifest's FunctionName once office.js is
 * there; does nothing outside Office. Returns whether it registered.
 */
export async function associateAction(
  name: string,
  fn: (event: CommandEvent) => void | Promise<void>,
): Promise<boolean> {
  const detection = await officeReady();
  const office = officeGlobal();
  if (detection.mode !== "excel" || !office?.actions?.associate) return false;
  office.actions.associate(name, (event: CommandEvent) => {
    void fn(event);
  });
  return true;
}

/** Shows the task pane from a ribbon function (SharedRuntime 1.1); false where unsupported. */
export async function showTaskpane(): Promise<boolean> {
  const office = officeGlobal();
  if (!office?.addin?.showAsTaskpane || !supports("SharedRuntime", "1.1")) return false;
  try {
    await office.addin.showAsTaskpane();
    return true;
  } catch {
    return false;
  }
}

/** Activates `sheet` and selects `range` there (one `Excel.run`, one sync); Office errors become clear messages. */
export async function selectRange(sheet: string, range: string, run: ExcelRunner = excelRun): Promise<void> {
  try {
    await run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(range).select();
      await context.sync();
    });
  } catch (e) {
    throw toWorkbookError(e);
  }
}

/**
 * Calls `listener` when the task pane is shown or hidden (SharedRuntime 1.1: the page keeps running
 * with the pane closed). Returns a function that removes the listener, or null where unsupported.
 */
export async function onPaneVisibility(listener: (visible: boolean) => void): Promise<(() => Promise<void>) | null> {
  const office = officeGlobal();
  if (!office?.addin?.onVisibilityModeChanged || !supports("SharedRuntime", "1.1")) return null;
  try {
    return await office.addin.onVisibilityModeChanged((m) => listener(String(m.visibilityMode) !== "Hidden"));
  } catch {
    return null;
  }
}
