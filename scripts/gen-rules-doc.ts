/**
 * Writes docs/rules.md from the rules' metadata and the profiles, so the document never drifts from
 * the code (a unit test fails when it is out of date).
 *
 *   node out/scripts/gen-rules-doc.js [OUT.md] [--check]
 *
 * With `--check` nothing is written; the exit code is 1 when the file differs from what it would be.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { RULES, renderRulesDoc } from "../src/core/rules";

/** docs/rules.md of the repository, from out/scripts where the compiled script runs. */
export const DEFAULT_RULES_DOC = path.join(__dirname, "..", "..", "docs", "rules.md");

export function rulesDoc(): string {
  return renderRulesDoc(RULES);
}

export async function writeRulesDoc(outFile = DEFAULT_RULES_DOC): Promise<string> {
  await fs.mkdir(path.dirname(outFile), { recursive: true });
  await fs.writeFile(outFile, rulesDoc(), "utf8");
  return outFile;
}

async function main(args: string[]): Promise<number> {
  const check = args.includes("--check");
  const file = args.find((a) => !a.startsWith("--")) ?? DEFAULT_RULES_DOC;
  if (check) {
    const current = await fs.readFile(file, "utf8").catch(() => "");
    if (current === rulesDoc()) return 0;
    process.stderr.write(`${path.relative(process.cwd(), file)} is out of date: run npm run docs:rules\n`);
    return 1;
  }
  const out = await writeRulesDoc(file);
  process.stdout.write(`rules document written: ${path.relative(process.cwd(), out)}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`gen-rules-doc: ${(e as Error).message}\n`);
      process.exit(2);
    },
  );
}
