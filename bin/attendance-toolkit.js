#!/usr/bin/env node
"use strict";
// The command line runs the compiled TypeScript in lib/ (built by `npm install` through `prepare`).
let cli;
try {
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]main/.test(String(e.message))) {
    process.stderr.write("attendance-toolkit: not built yet. Run `npm install` (or `npm run build:cli`) in the project folder first.\n");
    process.exit(2);
  }
  throw e;
}
// `attendance-toolkit analyse big.csv | head` closes the pipe early: that is not an error.
process.stdout.on("error", (e) => {
  if (e && e.code === "EPIPE") process.exit(0);
  throw e;
});
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
