/** Where sheets go: the workbook's sheet order simulated while changes are planned. */
import type { WorkbookChange } from "../../port/workbook";

export class SheetOrder {
  private readonly names: string[];

  constructor(names: string[]) {
    this.names = [...names];
  }

  indexOf(name: string): number {
    return this.names.indexOf(name);
  }

  /**
   * The changes that make `name`: an existing sheet is deleted and made again at its place;
   * a new one goes right after `after` when that sheet exists, else at the end.
   */
  replace(
    name: string,
    exists: boolean,
    make: (position?: number) => WorkbookChange[],
    after?: string | null,
  ): WorkbookChange[] {
    const at = this.names.indexOf(name);
    if (exists && at >= 0) return [{ kind: "deleteSheet", sheet: name }, ...make(at)];
    const anchor = after ? this.names.indexOf(after) : -1;
    if (anchor >= 0) {
      this.names.splice(anchor + 1, 0, name);
      return make(anchor + 1);
    }
    this.names.push(name);
    return make();
  }
}
