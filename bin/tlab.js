#!/usr/bin/env node
// The `tlab` command: a shim that runs the compiled CLI.
"use strict";
const path = require("node:path");
const fs = require("node:fs");
const cli = path.join(__dirname, "..", "dist", "cli", "tlab.js");
if (!fs.existsSync(cli)) {
  console.error("tlab: the package is not built yet; run `npm run build` in " + path.dirname(__dirname));
  process.exit(1);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => { if (code >= 0) process.exitCode = code; },
  (e) => { console.error(e instanceof Error ? e.stack || e.message : e); process.exitCode = 1; },
);
