/** The `-o OUT.xlsx` option of the commands that write a workbook. */
import * as path from "path";
import { UsageError } from "../io";

/** Refuses an output path that is the input (before any work is done). */
export function checkOutput(input: string, output: string): void {
  if (path.resolve(output) === path.resolve(input))
    throw new UsageError("输出文件不能覆盖输入文件 (-o must differ from the input file)");
}
