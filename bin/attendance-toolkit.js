#!/usr/bin/env node
"use strict";
// The command line runs the compiled TypeScript in lib/ (built by `npm install` through `prepare`).
let cli;
try {
  // Before the rest is loaded: V8 tuned for a short run (lib/cli/runtime-tuning.js says why).
  require("../lib/cli/runtime-tuning.js").tuneForShortRun();
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]/.test(String(e.message))) {
    process.stderr.write("attendance-toolkit: not built yet. Run `npm install` (or `npm run build:cli`) in the project folder first.\n");
    process.exit(2);
  }
  throw e;
}
const command = process.argv[2];
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // analyse only reads files and writes to stdout and stderr. Once neither holds anything unwritten,
  // end now: otherwise Node waits for the optimising compiler's queued work before exiting, which on
  // a 2-core machine was up to a tenth of the run. Other commands write files and end as usual.
  if ((command === "analyse" || command === "analyze") && !cli.outputPending()) {
    process.exit(code);
  }
});
