#!/usr/bin/env node
"use strict";
// The command line runs the compiled TypeScript in lib/ (built by `npm install` through `prepare`).
const command = process.argv[2];
const isAnalyse = command === "analyse" || command === "analyze";
let cli;
try {
  // analyse, before the rest is loaded: V8 tuned for a short run (lib/cli/runtime-tuning.js says
  // why; a big input gets V8's own settings back). Other commands keep V8's own settings.
  if (isAnalyse) require("../lib/cli/runtime-tuning.js").tuneForShortRun();
  cli = require("../lib/cli/main.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND" && /lib[\\/]cli[\\/]/.test(String(e.message))) {
    process.stderr.write("attendance-toolkit: not built yet. Run `npm install` (or `npm run build:cli`) in the project folder first.\n");
    process.exit(2);
  }
  throw e;
}
cli.run(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  if (!isAnalyse) return;
  // analyse only reads files and writes to stdout and stderr. Once neither holds anything unwritten,
  // end now: otherwise Node waits for the optimising compiler's queued work before exiting, which on
  // a 2-core machine was up to a tenth of the run. Other commands write files and end as usual.
  // After the ticks already queued: a failed write reports its error on one of them.
  setImmediate(() => {
    if (!cli.outputPending()) process.exit(code);
  });
});
