/**
 * When it writes, ExcelJS gives each cell a style id by rendering the cell's style object to XML and
 * looking the XML up, unless it has seen that very object before. Every cell without a style of its
 * own (most of a payment ledger) has its own empty object, so a 50,000-row ledger renders hundreds of
 * thousands of identical empty styles. This replaces that one step, for every ExcelJS style
 * collection, by a lookup of the empty style per cell type; any other style goes ExcelJS's own way.
 * The ids, and so the file written, are the same.
 */
import ExcelJS from "exceljs";
import { patchMethod, withOriginal, type MethodPatch } from "./method-patch";

interface StylesInternals {
  addStyleModel(model: Partial<ExcelJS.Style> | null | undefined, cellType?: number): number;
}

interface XlsxPrepare {
  prepareModel(model: unknown, options: object): void;
}

/** Empty style ids already given, by style collection and cell type. */
const emptyIds = new WeakMap<StylesInternals, Map<number, number>>();

function isEmptyStyle(model: object): boolean {
  for (const k in model) if ((model as Record<string, unknown>)[k] !== undefined) return false;
  return true;
}

let installed: MethodPatch | null = null;

/** ExcelJS's style collection class, found through a workbook model prepared for writing. */
function stylesPrototype(): StylesInternals | null {
  const probe = new ExcelJS.Workbook();
  probe.addWorksheet("x");
  const xlsx = probe.xlsx as unknown as Partial<XlsxPrepare>;
  if (typeof xlsx.prepareModel !== "function") return null;
  const model = probe.model as unknown as { styles?: StylesInternals };
  xlsx.prepareModel(model, {});
  const proto = model.styles ? (Object.getPrototypeOf(model.styles) as StylesInternals) : null;
  return proto && typeof proto.addStyleModel === "function" ? proto : null;
}

/** Installs the empty-style lookup on ExcelJS's style collection class (once; idempotent). */
export function installFastEmptyStyles(): void {
  if (installed) return;
  const proto = stylesPrototype();
  if (!proto) return;
  installed = patchMethod(
    proto,
    "addStyleModel",
    (original) =>
      function (this: StylesInternals, model: Partial<ExcelJS.Style> | null | undefined, cellType?: number) {
        if (!model || !isEmptyStyle(model)) return original.call(this, model, cellType);
        let ids = emptyIds.get(this);
        if (!ids) emptyIds.set(this, (ids = new Map()));
        // ExcelJS's id for an empty style depends on the cell type only (a number gets 'General').
        const type = cellType ?? -1;
        let id = ids.get(type);
        if (id === undefined) ids.set(type, (id = original.call(this, model, cellType)));
        return id;
      },
  );
}

/** Whether the lookup is in place (it is not when this ExcelJS has no such step). */
export function fastEmptyStylesInstalled(): boolean {
  return installed?.active === true;
}

/** Puts ExcelJS's own step back while `f` runs (benchmarks measure plain ExcelJS in one process). */
export function withPlainStyleIds<T>(f: () => Promise<T>): Promise<T> {
  return withOriginal(installed, f);
}
