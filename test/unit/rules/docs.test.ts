/** docs/rules.md is generated from the rules' metadata; this fails when it is out of date. */
import { promises as fs } from "fs";
import * as path from "path";
import { rulesDoc } from "../../../scripts/gen-rules-doc";
import { RULES } from "../../../src/core/rules";

const DOC = path.join(__dirname, "..", "..", "..", "docs", "rules.md");

test("docs/rules.md is up to date (regenerate: npm run build:cli && node out/scripts/gen-rules-doc.js)", async () => {
  const current = await fs.readFile(DOC, "utf8").catch(() => "");
  expect(current).toBe(rulesDoc());
});

test("the document names every rule with its severities per profile", () => {
  const doc = rulesDoc();
  for (const r of RULES) expect(doc).toContain(`| \`${r.meta.id}\` | ${r.meta.defaultSeverity} |`);
  expect(doc).toContain("| `basis` | info | info | warning | info | — |");
  expect(doc).toContain("| `val-fullwidth` | info | info | info | info | 是 yes |");
});
