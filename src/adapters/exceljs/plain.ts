/**
 * The adapter's speed-ups to ExcelJS (merge reading, style ids) are installed on ExcelJS's classes
 * when the adapter loads. Benchmarks measure ExcelJS as shipped in the same process through this.
 */
import { withPlainMergeParsing } from "./merges";
import { withPlainStyleIds } from "./style-ids";

export function withPlainExcelJs<T>(f: () => Promise<T>): Promise<T> {
  return withPlainMergeParsing(() => withPlainStyleIds(f));
}
