/**
 * The adapter's speed-ups to ExcelJS (merge reading, style ids; row rendering in Node, by the CLI)
 * are installed on ExcelJS's classes. Benchmarks measure ExcelJS as shipped in the same process through this.
 */
import { withPlainMergeParsing } from "./merges";
import { withPlainStyleIds } from "./style-ids";
import { withPlainRowRendering } from "./row-render";

export function withPlainExcelJs<T>(f: () => Promise<T>): Promise<T> {
  return withPlainMergeParsing(() => withPlainStyleIds(() => withPlainRowRendering(f)));
}
