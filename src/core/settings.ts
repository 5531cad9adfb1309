/**
 * Settings that change what commands produce (indicator framework, budget year, unit), kept in the
 * workbook itself as the `settings` record of `./store` (a very hidden sheet `_ptsheet_settings`),
 * so that everyone who opens the file works by the same rules. Pure: this module validates a stored
 * record and turns settings into the cells and changes that store them; front ends do the I/O.
 *
 * A record written by an older or a newer version still reads: unknown keys are ignored and a value
 * that cannot be used falls back to the default, with a note saying so.
 */
import type { CellValue, SheetData, WorkbookChange } from "../port/workbook";
import { decodeStore, encodeStore, storeChanges, storeSheetName } from "./store";
import type { ProfileChoice } from "./rules/types";

export const SETTINGS_RECORD = "settings";
export const SETTINGS_SHEET = storeSheetName(SETTINGS_RECORD);

/** Indicator framework (DOMAIN.md §2, the rule catalogue's profiles); `auto` decides per table. */
export type Profile = ProfileChoice;
export const PROFILES = ["auto", "legacy", "cpi2021", "hunan"] as const satisfies readonly Profile[];
// Every profile the rules know is offered (a compile error here means PROFILES needs the new one).
const _everyProfile: [Exclude<Profile, (typeof PROFILES)[number]>] extends [never] ? true : never = true;
void _everyProfile;

/** Unit of amounts where a table does not state one; `auto` takes each table's own. */
export const UNITS = ["auto", "万元", "元"] as const;
export type Unit = (typeof UNITS)[number];

export interface Settings {
  profile: Profile;
  /** The budget year the workbook is for, or null to take each table's own. */
  budgetYear: number | null;
  unit: Unit;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({ profile: "auto", budgetYear: null, unit: "auto" });

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

export interface SettingsNote {
  key: keyof Settings;
  message: string;
  messageEn: string;
}

export interface ParsedSettings {
  settings: Settings;
  /** Values that could not be used (the default was taken instead). */
  notes: SettingsNote[];
  /** Whether the workbook holds a settings record at all. */
  stored: boolean;
}

export function isProfile(v: unknown): v is Profile {
  return typeof v === "string" && (PROFILES as readonly string[]).includes(v);
}

export function isUnit(v: unknown): v is Unit {
  return typeof v === "string" && (UNITS as readonly string[]).includes(v);
}

/** A budget year from user input or a record: a whole number in range, or digits; blank is null. */
export function parseYear(v: unknown): number | null | undefined {
  if (v === null || v === undefined || (typeof v === "string" && v.trim() === "")) return null;
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d{4}\s*$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= MIN_YEAR && n <= MAX_YEAR ? n : undefined;
}

function note(key: keyof Settings, value: unknown): SettingsNote {
  const shown = typeof value === "string" ? value : JSON.stringify(value);
  return {
    key,
    message: `工作簿中的设置 ${key} 的值 ${shown} 无法识别，已使用默认值`,
    messageEn: `The workbook's setting ${key} has an unrecognised value ${shown}; the default is used`,
  };
}

/** Validates a decoded record (anything JSON can hold) into settings. */
export function settingsFromRecord(record: unknown): ParsedSettings {
  const settings: Settings = { ...DEFAULT_SETTINGS };
  const notes: SettingsNote[] = [];
  if (record === null || typeof record !== "object" || Array.isArray(record))
    return { settings, notes: record === null ? [] : [note("profile", record)], stored: record !== null };
  const r = record as Record<string, unknown>;
  if ("profile" in r) {
    if (isProfile(r.profile)) settings.profile = r.profile;
    else notes.push(note("profile", r.profile));
  }
  if ("budgetYear" in r) {
    const year = parseYear(r.budgetYear);
    if (year === undefined) notes.push(note("budgetYear", r.budgetYear));
    else settings.budgetYear = year;
  }
  if ("unit" in r) {
    if (isUnit(r.unit)) settings.unit = r.unit;
    else notes.push(note("unit", r.unit));
  }
  return { settings, notes, stored: true };
}

/** Reads the settings from a snapshot (only the settings sheet need be in it). */
export function readSettings(sheets: SheetData[]): ParsedSettings {
  const present = sheets.some((s) => s.name === SETTINGS_SHEET);
  const record = decodeStore<unknown>(SETTINGS_RECORD, sheets);
  if (record === null)
    return {
      settings: { ...DEFAULT_SETTINGS },
      notes: present
        ? [
            {
              key: "profile",
              message: `工作表 ${SETTINGS_SHEET} 不是本助手写的设置，已使用默认设置`,
              messageEn: `Sheet ${SETTINGS_SHEET} does not hold settings written by this add-in; defaults are used`,
            },
          ]
        : [],
      stored: false,
    };
  return settingsFromRecord(record);
}

/** The record as stored: only the known keys, in a fixed order. */
export function settingsRecord(s: Settings): Settings {
  return { profile: s.profile, budgetYear: s.budgetYear, unit: s.unit };
}

/** The cells of the settings sheet (anchored at A1). */
export function settingsCells(s: Settings): CellValue[][] {
  return encodeStore(SETTINGS_RECORD, settingsRecord(s));
}

/** The writes that store `s`: the settings sheet replaced whole and kept very hidden. */
export function settingsChanges(s: Settings, sheetExists: boolean): WorkbookChange[] {
  return storeChanges(SETTINGS_RECORD, settingsRecord(s), sheetExists);
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return a.profile === b.profile && a.budgetYear === b.budgetYear && a.unit === b.unit;
}
