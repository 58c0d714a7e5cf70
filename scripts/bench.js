#!/usr/bin/env node
/**
 * `npm run bench`: the reference load, a generated school of 2,000 pupils x 390 sessions.
 * Prints reading, engine and whole-process times, peak memory, and the ratio of the whole
 * `analyse --json` process to a bare `node` process that only reads the file and splits it into cells.
 * Targets: engine <= 150 ms (issue 2); ratio <= 2 (issue 12).
 *
 * The ratio is of wall times on a shared machine. There, runs are slowed in bursts (seen here: the
 * baseline at 185 ms or at 260-280 ms, at random, and ours likewise), which hit either process, so
 * the two are run in turn and the target is judged on the lower quartile of each (a process's own
 * cost, with the bursts left out); the ratio of the medians is printed beside it.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { mkdirSync, readFileSync, writeFileSync, existsSync } = require("node:fs");
const { join, resolve } = require("node:path");
const os = require("node:os");

const root = resolve(__dirname, "..");
const lib = (p) => require(join(root, "lib", p));
const { generateSchool, datasetToWideCsv } = lib("sample/generate.js");
const { csvBytesToRows } = lib("files/csv.js");
const { readMarksGrid } = lib("import/grid.js");
const { analyse } = lib("engine/analyse.js");

const PUPILS = Number(process.env.BENCH_PUPILS || 2000);
const RUNS = Number(process.env.BENCH_RUNS || 7);
const dir = join(root, ".bench");
mkdirSync(dir, { recursive: true });
const file = join(dir, `school-${PUPILS}.csv`);
if (!existsSync(file)) writeFileSync(file, datasetToWideCsv(generateSchool({ pupils: PUPILS, seed: 2025 }).dataset));
const bytes = readFileSync(file);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (ns) => Number(ns) / 1e6;
function time(fn, runs = RUNS) {
  const out = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    result = fn();
    out.push(ms(process.hrtime.bigint() - t));
  }
  return { median: median(out), min: Math.min(...out), result };
}
function timeProcesses(argLists, runs) {
  const out = argLists.map(() => []);
  for (let i = 0; i < runs; i++) {
    argLists.forEach((args, j) => {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
      out[j].push(ms(process.hrtime.bigint() - t));
      if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
    });
  }
  return out.map((xs) => ({ median: median(xs), min: Math.min(...xs), lowerQuartile: [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 4)] }));
}

const read = time(() => readMarksGrid(csvBytesToRows(bytes)));
const dataset = read.result;
analyse(dataset); // warm up
const engine = time(() => analyse(dataset), RUNS * 2);
const inProcessRss = process.resourceUsage().maxRSS / 1024;

// The bare baseline: node reading the same file and splitting it into cells, nothing else.
const baselineScript = `const t=require("fs").readFileSync(${JSON.stringify(file)},"utf8").split(/\\r?\\n/).map(l=>l.split(","));if(t.length<2)process.exit(1);`;
const bin = join(root, "bin/attendance-toolkit.js");
// Run in turn, one baseline then one whole process, so a change in the machine's load falls on both.
const PROCESS_RUNS = Number(process.env.BENCH_PROCESS_RUNS || 15);
const [baseline, whole] = timeProcesses([["-e", baselineScript], [bin, "analyse", file, "--json"]], PROCESS_RUNS);
const rssRun = spawnSync(
  process.execPath,
  ["-e", `process.on("exit",()=>process.stderr.write("RSS "+process.resourceUsage().maxRSS+"\\n"));process.argv=[process.argv[0],"x","analyse",${JSON.stringify(file)},"--json"];require(${JSON.stringify(bin)});`],
  { stdio: ["ignore", "ignore", "pipe"] },
);
const processRss = Number((/RSS (\d+)/.exec(String(rssRun.stderr)) || [])[1] || 0) / 1024;

const ratio = whole.lowerQuartile / baseline.lowerQuartile;
const ratioOfMedians = whole.median / baseline.median;
const line = (label, v, target) => console.log(`${label.padEnd(52)}${v}${target ? `   (target ${target})` : ""}`);
console.log(`Reference load: ${dataset.pupils.length} pupils x ${dataset.sessions.length} sessions (${(bytes.length / 1e6).toFixed(1)} MB CSV); medians of ${RUNS} runs in process, ${PROCESS_RUNS} of each process`);
console.log(`Node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores`);
line("read: CSV bytes to dataset (records as they come)", `${read.median.toFixed(1)} ms`);
line("engine: analyse the whole school", `${engine.median.toFixed(1)} ms (min ${engine.min.toFixed(1)})`, "<= 150 ms");
const spread = (t) => `${t.lowerQuartile.toFixed(0)} ms lower quartile, ${t.median.toFixed(0)} median, ${t.min.toFixed(0)} min`;
line("whole process: attendance-toolkit analyse --json", spread(whole));
line("baseline: node reads the file and splits cells", spread(baseline));
line("ratio whole / baseline (lower quartiles)", ratio.toFixed(2), "<= 2");
line("ratio whole / baseline (medians)", ratioOfMedians.toFixed(2));
line("peak memory (max RSS), analyse --json process", `${processRss.toFixed(0)} MB`);
line("peak memory (max RSS), this bench process", `${inProcessRss.toFixed(0)} MB`);
const ok = engine.median <= 150 && ratio <= 2;
console.log(ok ? "Targets met." : "TARGETS NOT MET.");
if (process.env.BENCH_STRICT && !ok) process.exit(1);
