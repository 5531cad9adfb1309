/** Recording the sheets the add-in makes in the `owned` record (see `../owned`). */
import type { SheetData, WorkbookChange } from "../../port/workbook";
import { OWNED_RECORD, ownChanges, type OwnedRole, type OwnedSheet } from "../owned";
import { storeSheetName } from "../store";

/**
 * `ownChanges`, the record sheet made merely hidden first: Excel refuses to delete a very hidden
 * sheet, and the record is rewritten by deleting and adding its sheet.
 */
export function ownSheetChanges(sheets: SheetData[], entries: OwnedSheet[], drop: OwnedRole[] = []): WorkbookChange[] {
  const sheet = storeSheetName(OWNED_RECORD);
  const unhide: WorkbookChange[] = sheets.some((s) => s.name === sheet)
    ? [{ kind: "setSheetVisibility", sheet, visibility: "hidden" }]
    : [];
  return [...unhide, ...ownChanges(sheets, entries, drop)];
}
