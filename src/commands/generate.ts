/**
 * `generate`: one standard target sheet per table (see `core/generate/table-sheet`), a 目录 sheet
 * linking them, and the record of what was made from what.
 *
 * A generated sheet is the table of record. Generating again compares the table on each generated
 * sheet with the table it was made from: equal, nothing is done; different (the source changed, or
 * someone edited the generated sheet), the differences are reported and the sheet is replaced only
 * with `force` (the CLI's `--force`) or when the user confirmed that sheet (`replace`). Only sheets
 * the add-in made are ever deleted or replaced.
 *
 * Every front end calls `planGenerate` (snapshot in, plan out) or `runGenerate` (port in, plan out,
 * changes applied in one call).
 */
import type { SheetData, WorkbookChange, WorkbookPort, WorkbookSnapshot } from "../port/workbook";
import type { ReadResult, TargetTable } from "../core/model";
import { readSheets } from "../core/reader";
import { readSettings } from "../core/settings";
import { detectProfile } from "../core/rules/framework";
import type { ProfileChoice, ProfileId } from "../core/rules/types";
import { freeSheetName, ownedSheet } from "../core/owned";
import { contentDigest, diffContent, tableContent, type FieldChange } from "../core/generate/content";
import {
  GENERATED_SHEET,
  emptyRecord,
  pairGenerated,
  readGeneratedRecord,
  recordChanges,
  type GeneratedRecord,
  type GeneratedTableEntry,
} from "../core/generate/record";
import { buildTableSheet } from "../core/generate/table-sheet";
import { buildToc, type TocEntry } from "../core/generate/toc";
import { DROPDOWN_SHEET, dropdownChanges } from "../core/generate/dropdowns";
import { SheetNamer } from "../core/generate/sheet-names";
import { TOC_NAME } from "../core/generate/constants";
import { SheetOrder } from "../core/generate/sheet-order";
import { ownSheetChanges } from "../core/generate/owned";

export interface GenerateOptions {
  /** Replace every generated sheet whose table would change. */
  force?: boolean;
  /** Replace these generated sheets (the ones the user confirmed). */
  replace?: string[];
  /** The indicator framework of the dropdowns; the workbook's setting by default. */
  profile?: ProfileChoice;
}

/**
 * - `create`: a new sheet for a table that has none.
 * - `replace`: the generated sheet is rebuilt from its source (forced or confirmed).
 * - `unchanged`: the generated sheet says what its source says.
 * - `conflict`: they differ; left as it is until forced or confirmed.
 * - `kept`: the source is gone; the generated sheet stays the table of record.
 */
export type GenerateAction = "create" | "replace" | "unchanged" | "conflict" | "kept";

export interface GenerateItem {
  action: GenerateAction;
  /** The generated sheet (to be made, or existing). */
  sheet: string;
  code: string | null;
  name: string;
  /** Where the source table stands, or null when it is gone. */
  source: { sheet: string; range: string } | null;
  /** What replacing would change on the generated sheet: `from` what it says now, `to` the source. */
  differences: FieldChange[];
  /** The generated sheet was edited since it was made. */
  editedOnSheet: boolean;
  /** The source table changed since the sheet was made. */
  sourceChanged: boolean;
}

export interface GeneratePlan {
  items: GenerateItem[];
  /** The 目录 sheet, when there is one after the changes. */
  tocSheet: string | null;
  /** Every write, in order; empty when nothing needs doing. */
  changes: WorkbookChange[];
}

function profileOf(t: TargetTable, choice: ProfileChoice): ProfileId {
  return choice === "auto" ? detectProfile(t) : choice;
}

/** Plans generation over a snapshot of every sheet; nothing is written. */
export function planGenerate(snapshot: WorkbookSnapshot, options: GenerateOptions = {}): GeneratePlan {
  return planGenerateFrom(snapshot.sheets, readSheets(snapshot.sheets, { keepSources: true }), options);
}

/** Plans generation from the sheets and what was read from them (`readSheets` with `keepSources`). */
export function planGenerateFrom(sheets: SheetData[], read: ReadResult, options: GenerateOptions = {}): GeneratePlan {
  const choice: ProfileChoice = options.profile ?? readSettings(sheets).settings.profile;
  const record: GeneratedRecord | null = readGeneratedRecord(sheets);
  const pairs = pairGenerated(read.tables, record);
  const pairBySource = new Map(pairs.filter((p) => p.source).map((p) => [p.source!, p]));
  const pairByGenerated = new Map(pairs.map((p) => [p.generated, p]));
  const namer = new SheetNamer(sheets.map((s) => s.name));
  const order = new SheetOrder(sheets.map((s) => s.name));
  const replaceSet = new Set(options.replace ?? []);

  const tocExisting = ownedSheet(sheets, "toc");
  const tocSheet = tocExisting ?? freeSheetName(sheets, TOC_NAME, "toc");
  namer.reserve(tocSheet);

  interface Planned {
    item: GenerateItem;
    /** The table the sheet will hold (for the 目录). */
    table: TargetTable;
    /** Set for sheets written now. */
    write?: { table: TargetTable; source: TargetTable; replacing: boolean };
    entry?: GeneratedTableEntry;
  }
  const planned: Planned[] = [];
  for (const t of read.tables) {
    const pair = pairBySource.get(t) ?? pairByGenerated.get(t);
    if (pair && pair.generated !== t) {
      // A source with a generated sheet.
      const now = tableContent(pair.generated);
      const src = tableContent(t);
      const differences = diffContent(now, src);
      const confirmed = options.force === true || replaceSet.has(pair.entry.sheet);
      const action: GenerateAction = differences.length === 0 ? "unchanged" : confirmed ? "replace" : "conflict";
      planned.push({
        item: {
          action,
          sheet: pair.entry.sheet,
          code: t.code,
          name: t.name,
          source: { sheet: t.sheet, range: t.range },
          differences,
          editedOnSheet: contentDigest(now) !== pair.entry.digest,
          sourceChanged: contentDigest(src) !== pair.entry.digest,
        },
        table: action === "replace" ? t : pair.generated,
        ...(action === "replace"
          ? { write: { table: t, source: t, replacing: true } }
          : { entry: { ...pair.entry, source: { ...pair.entry.source, sheet: t.sheet, range: t.range } } }),
      });
      continue;
    }
    if (pair) {
      if (pair.source) continue; // listed at its source's place
      planned.push({
        item: {
          action: "kept",
          sheet: pair.entry.sheet,
          code: t.code,
          name: t.name,
          source: null,
          differences: [],
          editedOnSheet: contentDigest(tableContent(t)) !== pair.entry.digest,
          sourceChanged: false,
        },
        table: t,
        entry: pair.entry,
      });
      continue;
    }
    if (t.layout === "generated") continue; // a second table pasted onto a generated sheet
    const sheet = namer.next(t.name || t.code || "目标表");
    planned.push({
      item: {
        action: "create",
        sheet,
        code: t.code,
        name: t.name,
        source: { sheet: t.sheet, range: t.range },
        differences: [],
        editedOnSheet: false,
        sourceChanged: false,
      },
      table: t,
      write: { table: t, source: t, replacing: false },
    });
  }

  const writes = planned.filter((p) => p.write);
  const tocMissing = !sheets.some((s) => s.name === tocSheet);
  const recordSheetExists = sheets.some((s) => s.name === GENERATED_SHEET);
  const changes: WorkbookChange[] = [];
  if (writes.length === 0 && !(tocMissing && planned.length > 0)) {
    return { items: planned.map((p) => p.item), tocSheet: tocMissing ? null : tocSheet, changes };
  }

  // The 目录 first: new, it goes before the new table sheets; existing, it is rebuilt in place.
  const tocEntries: TocEntry[] = planned.map((p) => ({ table: p.table, target: { sheet: p.item.sheet, cell: "A1" } }));
  changes.push(...order.replace(tocSheet, !tocMissing, (position) => buildToc(tocSheet, tocEntries).changes(position)));

  const entries: GeneratedTableEntry[] = [];
  for (const p of planned) {
    if (!p.write) {
      if (p.entry) entries.push(p.entry);
      continue;
    }
    const profile = profileOf(p.write.table, choice);
    const built = buildTableSheet(p.write.table, { sheet: p.item.sheet, profile, tocSheet });
    changes.push(...order.replace(p.item.sheet, p.write.replacing, (position) => built.builder.changes(position)));
    const s = p.write.source;
    entries.push({
      sheet: p.item.sheet,
      source: { sheet: s.sheet, range: s.range, layout: s.layout, code: s.code, name: s.name },
      digest: contentDigest(tableContent(p.write.table)),
      profile,
      layout: built.layout,
    });
  }
  changes.push(...dropdownChanges(sheets.some((s) => s.name === DROPDOWN_SHEET)));
  const next: GeneratedRecord = { ...(record ?? emptyRecord()), tables: entries };
  changes.push(...recordChanges(next, recordSheetExists));
  if (!tocExisting) changes.push(...ownSheetChanges(sheets, [{ name: tocSheet, role: "toc" }]));
  return { items: planned.map((p) => p.item), tocSheet, changes };
}

/** Reads the workbook, plans, and applies the plan in one call. */
export async function runGenerate(port: WorkbookPort, options: GenerateOptions = {}): Promise<GeneratePlan> {
  const plan = planGenerate(await port.read(), options);
  if (plan.changes.length > 0) await port.apply(plan.changes);
  return plan;
}

const ACTION_ZH: Record<GenerateAction, string> = {
  create: "新建",
  replace: "已更新",
  unchanged: "未变",
  conflict: "有差异，未更新",
  kept: "保留（来源已不在）",
};

/** The readable report of a plan. */
export function generateText(plan: GeneratePlan): string {
  const count = (a: GenerateAction): number => plan.items.filter((i) => i.action === a).length;
  const lines = [
    `生成目标表：新建 ${count("create")} 张，更新 ${count("replace")} 张，未变 ${count("unchanged")} 张，` +
      `有差异未更新 ${count("conflict")} 张` +
      ` (created ${count("create")}, replaced ${count("replace")}, unchanged ${count("unchanged")}, conflicts ${count("conflict")})`,
  ];
  if (plan.tocSheet) lines.push(`目录：${plan.tocSheet}`);
  for (const i of plan.items) {
    const from = i.source ? ` ← ${i.source.sheet}!${i.source.range}` : "";
    lines.push(`  [${ACTION_ZH[i.action]}] ${i.sheet}${from}`);
    if (i.action === "conflict" || i.action === "replace") {
      const why = [i.editedOnSheet ? "生成的工作表上有修改" : "", i.sourceChanged ? "来源表有变化" : ""]
        .filter(Boolean)
        .join("，");
      if (why) lines.push(`      ${why}`);
      for (const d of i.differences.slice(0, 20)) lines.push(`      ${d.field}：${d.from} → ${d.to}`);
      if (i.differences.length > 20) lines.push(`      …另有 ${i.differences.length - 20} 处`);
    }
  }
  if (count("conflict") > 0)
    lines.push("有差异的工作表未改动；确认用来源表覆盖请加 --force (use --force to replace them from their sources)");
  return lines.join("\n");
}
