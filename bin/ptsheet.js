#!/usr/bin/env node
"use strict";
// Thin launcher: the CLI is compiled to out/ by `npm run build:cli` (run by `npm ci` through `prepare`).
const path = require("path");
const fs = require("fs");
const entry = path.join(__dirname, "..", "out", "src", "cli", "ptsheet.js");
if (!fs.existsSync(entry)) {
  process.stderr.write("ptsheet 尚未编译 (not built): run `npm run build:cli` first.\n");
  process.exit(2);
}
require(entry)
  .main(process.argv)
  .then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`ptsheet: ${err && err.message ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
