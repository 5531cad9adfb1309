/**
 * The user's edits in the open workbook, as a plain callback for the task pane (which re-checks a
 * table edited while the pane is open). Office's worksheet `onChanged` events are registered here
 * and nowhere else:
 *
 * - ExcelApi 1.9+: one handler on the worksheet collection (sheets added later included);
 * - ExcelApi 1.7–1.8: one handler per worksheet, and one for sheets added later.
 *
 * An event names its sheet by id; ids are mapped to names once at registration (and kept up to date
 * where the host reports renames, ExcelApi 1.17); an unknown id is looked up once. Where the host says
 * who made a change (ExcelApi 1.14 `triggerSource`), changes made by this add-in are flagged, so the
 * pane can ignore its own writes (it also ignores edits while it writes).
 */
import { excelRun, officeSupports, type ExcelRunner, type HostSupports } from "./excel-workbook";
import { toWorkbookError } from "./errors";

/** A change in the workbook: the sheet's name and the changed range (`B7`, `A3:G3`, `5:5`). */
export interface CellEdit {
  sheet: string;
  address: string;
  /** True when Excel says this add-in made the change (ExcelApi 1.14); false when it says not or cannot say. */
  byThisAddin: boolean;
}

export interface EditWatch {
  /** Removes every handler; no callback comes after it resolves. */
  stop(): Promise<void>;
}

export interface WatchOptions {
  run?: ExcelRunner;
  supports?: HostSupports;
}

/** The API sets the watcher uses. */
export const EDIT_EVENTS_API = {
  /** `Worksheet.onChanged`, `WorksheetCollection.onAdded`. */
  worksheet: "1.7",
  /** `WorksheetCollection.onChanged`. */
  collection: "1.9",
  /** `WorksheetChangedEventArgs.triggerSource`. */
  triggerSource: "1.14",
  /** `WorksheetCollection.onNameChanged`. */
  rename: "1.17",
} as const;

type Handler = OfficeExtension.EventHandlerResult<unknown>;

/** `Sheet1!A1:B2` or `'My sheet'!A1` → `A1:B2` (event addresses are sheet-local on most hosts). */
export function localAddress(address: string): string {
  const i = address.lastIndexOf("!");
  return (i >= 0 ? address.slice(i + 1) : address).replace(/\$/g, "");
}

/**
 * Calls `onEdit` for every change to a worksheet's cells until `stop()`; null when the host lacks
 * worksheet events (ExcelApi 1.7), where the pane simply does not re-check on edits.
 */
export async function watchEdits(
  onEdit: (edit: CellEdit) => void,
  options: WatchOptions = {},
): Promise<EditWatch | null> {
  const run = options.run ?? excelRun;
  const supports = options.supports ?? officeSupports;
  if (!supports("ExcelApi", EDIT_EVENTS_API.worksheet)) return null;
  const names = new Map<string, string>();
  const handlers: Handler[] = [];
  let stopped = false;

  const nameOf = async (id: string): Promise<string | null> => {
    const known = names.get(id);
    if (known !== undefined) return known;
    await run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(id);
      ws.load("name");
      await ctx.sync();
      if (!ws.isNullObject) names.set(id, ws.name);
    });
    return names.get(id) ?? null;
  };

  const changed = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
    if (stopped) return;
    let sheet: string | null;
    try {
      sheet = await nameOf(args.worksheetId);
    } catch {
      // A sheet deleted meanwhile, or Excel busy: this edit is not for the pane.
      return;
    }
    if (!sheet || stopped) return;
    onEdit({ sheet, address: localAddress(args.address), byThisAddin: args.triggerSource === "ThisLocalAddin" });
  };

  try {
    await run(async (ctx) => {
      const worksheets = ctx.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await ctx.sync();
      for (const ws of worksheets.items) names.set(ws.id, ws.name);
      if (supports("ExcelApi", EDIT_EVENTS_API.collection)) {
        handlers.push(worksheets.onChanged.add(changed));
      } else {
        for (const ws of worksheets.items) handlers.push(ws.onChanged.add(changed));
        handlers.push(
          worksheets.onAdded.add(async (added) => {
            if (stopped) return;
            await run(async (c) => {
              const ws = c.workbook.worksheets.getItem(added.worksheetId);
              ws.load("name");
              handlers.push(ws.onChanged.add(changed));
              await c.sync();
              names.set(added.worksheetId, ws.name);
            });
          }),
        );
      }
      if (supports("ExcelApi", EDIT_EVENTS_API.rename))
        handlers.push(
          worksheets.onNameChanged.add(async (renamed) => {
            names.set(renamed.worksheetId, renamed.nameAfter);
          }),
        );
      await ctx.sync();
    });
  } catch (e) {
    throw toWorkbookError(e);
  }

  return {
    async stop() {
      stopped = true;
      for (const h of handlers.splice(0)) {
        try {
          h.remove();
          await h.context.sync();
        } catch {
          // The workbook is closing or the handler is gone already.
        }
      }
    },
  };
}
