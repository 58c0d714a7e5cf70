#!/usr/bin/env node
/**
 * `npm run bench`: the reference load, a generated school of 2,000 pupils x 390 sessions.
 * Prints reading, engine and whole-process times, peak memory, and the ratio of the whole
 * `analyse --json` process to a bare `node` process that only reads the file and splits it into cells.
 * Targets: engine <= 150 ms (issue 2); ratio <= 2 (issue 12). The ratio is of wall times on a shared
 * machine, so it moves by a tenth or two between runs: read it over several runs.
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
const { readMarksGrid } = lib("engine/grid.js");
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
function timeProcess(args, runs = RUNS) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ["ignore", "ignore", "pipe"] });
    out.push(ms(process.hrtime.bigint() - t));
    if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  }
  return { median: median(out), min: Math.min(...out) };
}

const read = time(() => readMarksGrid(csvBytesToRows(bytes)));
const dataset = read.result;
analyse(dataset); // warm up
const engine = time(() => analyse(dataset), RUNS * 2);
const inProcessRss = process.resourceUsage().maxRSS / 1024;

// The bare baseline: node reading the same file and splitting it into cells, nothing else.
const baselineScript = `const t=require("fs").readFileSync(${JSON.stringify(file)},"utf8").split(/\\r?\\n/).map(l=>l.split(","));if(t.length<2)process.exit(1);`;
const baseline = timeProcess(["-e", baselineScript]);
const bin = join(root, "bin/attendance-toolkit.js");
const whole = timeProcess([bin, "analyse", file, "--json"]);
const rssRun = spawnSync(
  process.execPath,
  ["-e", `process.on("exit",()=>process.stderr.write("RSS "+process.resourceUsage().maxRSS+"\\n"));process.argv=[process.argv[0],"x","analyse",${JSON.stringify(file)},"--json"];require(${JSON.stringify(bin)});`],
  { stdio: ["ignore", "ignore", "pipe"] },
);
const processRss = Number((/RSS (\d+)/.exec(String(rssRun.stderr)) || [])[1] || 0) / 1024;

const ratio = whole.median / baseline.median;
const line = (label, v, target) => console.log(`${label.padEnd(48)}${v}${target ? `   (target ${target})` : ""}`);
console.log(`Reference load: ${dataset.pupils.length} pupils x ${dataset.sessions.length} sessions (${(bytes.length / 1e6).toFixed(1)} MB CSV); medians of ${RUNS} runs`);
console.log(`Node ${process.version}, ${os.cpus()[0].model}, ${os.cpus().length} cores`);
line("read: CSV bytes to dataset (records as they come)", `${read.median.toFixed(1)} ms`);
line("engine: analyse the whole school", `${engine.median.toFixed(1)} ms (min ${engine.min.toFixed(1)})`, "<= 150 ms");
line("whole process: attendance-toolkit analyse --json", `${whole.median.toFixed(0)} ms`);
line("baseline: node reads the file and splits cells", `${baseline.median.toFixed(0)} ms`);
line("ratio whole / baseline", ratio.toFixed(2), "<= 2");
line("peak memory (max RSS), analyse --json process", `${processRss.toFixed(0)} MB`);
line("peak memory (max RSS), this bench process", `${inProcessRss.toFixed(0)} MB`);
const ok = engine.median <= 150 && ratio <= 2;
console.log(ok ? "Targets met." : "TARGETS NOT MET.");
if (process.env.BENCH_STRICT && !ok) process.exit(1);
