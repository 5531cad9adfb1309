/**
 * The pane's state and actions, one store for the page. The ribbon functions (commands.ts) and the
 * React pane run in the same page (shared runtime), so a ribbon click updates what the pane shows.
 */
import { useSyncExternalStore } from "react";
import type { ReadResult } from "../core/model";
import { DEFAULT_SETTINGS, type Settings, type SettingsNote } from "../core/settings";
import type { WorkbookPort } from "../port/workbook";
import type { ApiSupport, Detection } from "../office/host";
import { runAction, type ActionContext, type Outcome, type Progress } from "./runner";
import type { Language } from "./i18n";
import { ALL_SEVERITIES, type CheckView, type SeverityFilter, type SinceLastCheck } from "./check-view";
import { DEFAULT_RATES_SETTINGS, type RatesSettings } from "../core/rates/settings";
import type { ImportView, RatesView } from "./rates-view";
import type { GenerateConflict } from "./more-workflow";

export type ActionKind =
  | "open"
  | "recognize"
  | "saveSettings"
  | "download"
  | "select"
  | "check"
  | "clearMarks"
  | "fix"
  | "generate"
  | "summary"
  | "rates"
  | "createLedger"
  | "importPayments"
  | "saveRatesSettings"
  | "undo";

export type PaneTab = "tables" | "check" | "rates" | "settings";

export interface Message {
  intent: "success" | "error" | "warning" | "info";
  /** An i18n key (with params), or literal text in both languages. */
  key?: string;
  params?: Record<string, string | number>;
  zh?: string;
  en?: string;
  /** Further sentences (i18n keys with params), shown after the first. */
  more?: { key: string; params?: Record<string, string | number> }[];
}

export interface PaneState {
  /** Null while detecting. */
  detection: Detection | null;
  api: ApiSupport | null;
  language: Language;
  /** Browser mode: the file opened from disk. */
  file: { name: string; size: number } | null;
  result: ReadResult | null;
  /** What the workbook adapter could not do in the last read (Excel: merges on old hosts). */
  notices: { message: string; messageEn: string }[];
  resultSource: "pane" | "ribbon" | null;
  /** Index of the selected table in `result.tables`. */
  selected: number | null;
  settings: Settings;
  settingsStored: boolean;
  settingsNotes: SettingsNote[];
  busy: ({ action: ActionKind } & Progress) | null;
  message: Message | null;
  /** Browser mode: the last download offered (object URL and file name). */
  download: { url: string; name: string } | null;
  /** The tab shown; a ribbon button switches to its result. */
  tab: PaneTab;
  /** The last check's findings, as listed in the pane. */
  check: CheckView | null;
  checkSource: "pane" | "ribbon" | null;
  severityFilter: SeverityFilter;
  /** The finding clicked last (its index in `check.findings`). */
  selectedFinding: number | null;
  /** On opening a workbook checked before: when, and which tables changed since. */
  sinceLastCheck: SinceLastCheck | null;
  /** Browser mode: the page's copy was changed (marks, fixes, settings) since it was opened or downloaded. */
  unsaved: boolean;
  /** Excel mode: the pane re-checks tables as they are edited. */
  liveCheck: "off" | "on" | "running";
  /** 生成目标表 left generated sheets that differ from their source: the pane asks whether to replace them. */
  replaceOffer: GenerateConflict[] | null;
  // The 执行率 tab.
  /** The last 填充执行率 (pane or ribbon), as the tab shows it. */
  rates: RatesView | null;
  /** The as-of date set in the tab (`YYYY-MM-DD`); "" for the default rule. */
  ratesAsOf: string;
  /** The last payment import. */
  ratesImport: ImportView | null;
  /** Thresholds and tolerances of the rates, as stored in the workbook (or the defaults). */
  ratesSettings: RatesSettings;
  ratesSettingsStored: boolean;
}

const initial: PaneState = {
  detection: null,
  api: null,
  language: "zh",
  file: null,
  result: null,
  notices: [],
  resultSource: null,
  selected: null,
  settings: { ...DEFAULT_SETTINGS },
  settingsStored: false,
  settingsNotes: [],
  busy: null,
  message: null,
  download: null,
  tab: "tables",
  check: null,
  checkSource: null,
  severityFilter: { ...ALL_SEVERITIES },
  selectedFinding: null,
  sinceLastCheck: null,
  unsaved: false,
  liveCheck: "off",
  replaceOffer: null,
  rates: null,
  ratesAsOf: "",
  ratesImport: null,
  ratesSettings: DEFAULT_RATES_SETTINGS,
  ratesSettingsStored: false,
};

let state: PaneState = initial;
const listeners = new Set<() => void>();

export function getState(): PaneState {
  return state;
}

export function setState(patch: Partial<PaneState> | ((s: PaneState) => Partial<PaneState>)): void {
  const p = typeof patch === "function" ? patch(state) : patch;
  state = { ...state, ...p };
  for (const l of listeners) l();
}

export function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Restores the initial state (tests). */
export function resetState(): void {
  controller = null;
  state = initial;
  for (const l of listeners) l();
}

export function usePane(): PaneState {
  return useSyncExternalStore(subscribe, getState, getState);
}

let controller: AbortController | null = null;

/** Cancels the running action, if it can still be cancelled. */
export function cancelAction(): void {
  if (controller && state.busy?.cancellable) controller.abort();
}

/** An error as a message in both languages (errors of this project carry `messageEn`). */
export function errorMessage(error: unknown): Message {
  const e = error as { message?: string; messageEn?: string };
  const zh = e?.message ?? String(error);
  return { intent: "error", key: "messages.failed", params: { message: zh }, zh, en: e?.messageEn ?? zh };
}

/**
 * Runs one action at a time with progress and cancellation; the outcome's message is shown. Returns
 * the outcome so the caller can use the value.
 */
export async function perform<T>(action: ActionKind, body: (ctx: ActionContext) => Promise<T>): Promise<Outcome<T>> {
  if (state.busy) {
    setState({ message: { intent: "warning", key: "messages.busy" } });
    return { status: "cancelled" };
  }
  controller = new AbortController();
  setState({ busy: { action, step: "reading", fraction: null, cancellable: true }, message: null });
  const outcome = await runAction(controller, (p) => setState({ busy: { action, ...p } }), body);
  controller = null;
  setState({ busy: null });
  if (outcome.status === "cancelled") setState({ message: { intent: "info", key: "messages.cancelled" } });
  if (outcome.status === "failed") setState({ message: errorMessage(outcome.error) });
  return outcome;
}

/** The port commands run against now (Excel's workbook, or the one opened in the page). */
let currentPort: WorkbookPort | null = null;

export function setPort(port: WorkbookPort | null): void {
  currentPort = port;
}

export function getPort(): WorkbookPort | null {
  return currentPort;
}
