#!/usr/bin/env node
/**
 * `npm run bench` (issue 14): the trust dashboard.
 *  - 50 school summaries into one dashboard workbook: the whole `trust` command, target under 3 s.
 *  - 20 trackers of 2,000 pupils each, read directly: target under 60 s and 1.5 GB peak memory.
 * Schools are made with `attendance-toolkit sample --pupils N --seed S` and kept in .bench/trust/.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync, mkdirSync } = require("node:fs");
const { join, resolve } = require("node:path");

const root = resolve(__dirname, "..");
const bin = join(root, "bin", "attendance-toolkit.js");
const dir = join(root, ".bench", "trust");
mkdirSync(dir, { recursive: true });
const TRACKERS = Number(process.env.BENCH_TRUST_TRACKERS || 20);
const SUMMARIES = Number(process.env.BENCH_TRUST_SUMMARIES || 50);

function cli(args, opts = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: "utf8", ...opts });
  if (r.status !== 0) throw new Error(`attendance-toolkit ${args.join(" ")} failed: ${r.stderr}`);
  return r;
}

/** Runs the command line in a child that reports its own peak memory (maxRSS) when done. */
function timed(args) {
  const script = `const {run}=require(${JSON.stringify(join(root, "lib/cli/main.js"))});const t=process.hrtime.bigint();run(${JSON.stringify(args)},{stdout(){},stderr(){}}).then((c)=>{const ms=Number(process.hrtime.bigint()-t)/1e6;const u=process.resourceUsage();process.stdout.write(JSON.stringify({code:c,ms,rss:u.maxRSS/1024,cpu:(u.userCPUTime+u.systemCPUTime)/1e6}));});`;
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ...JSON.parse(r.stdout), wall };
}

// 50 summaries: schools of 100 to 1,500 pupils.
const summaries = [];
for (let i = 0; i < SUMMARIES; i++) {
  const file = join(dir, `school-${i + 1}.summary.json`);
  if (!existsSync(file)) {
    const out = join(dir, `school-${i + 1}`);
    cli(["sample", "--pupils", String(100 + ((i * 137) % 1400)), "--seed", String(1000 + i), "--out", out, "--no-long", "--no-xlsx"]);
    cli(["summary", join(out, "sample-marks.csv"), "--school", `School ${i + 1}`, "--phase", i % 3 === 0 ? "primary" : "secondary", "--out", file, "--force"]);
  }
  summaries.push(file);
}
const fifty = timed(["trust", ...summaries, "--out", join(dir, "trust-50.xlsx"), "--force"]);
console.log(`Trust dashboard from ${SUMMARIES} summaries: ${(fifty.wall / 1000).toFixed(2)} s for the whole process (${(fifty.ms / 1000).toFixed(2)} s in the command, ${fifty.cpu.toFixed(2)} s of CPU), peak ${Math.round(fifty.rss)} MB (target under 3 s)`);

// 20 schools of 2,000 pupils, read directly: their MIS exports (CSV), then their tracker workbooks.
const trackers = [];
const exportFiles = [];
for (let i = 0; i < TRACKERS; i++) {
  const out = join(dir, `tracker-${i + 1}`);
  const file = join(out, "sample-tracker.xlsx");
  if (!existsSync(file)) cli(["sample", "--pupils", "2000", "--seed", String(2000 + i), "--out", out, "--no-long"]);
  trackers.push(file);
  exportFiles.push(join(out, "sample-marks.csv"));
}
const csv = timed(["trust", ...exportFiles, "--out", join(dir, "trust-20-csv.xlsx"), "--force"]);
console.log(`Trust dashboard from ${TRACKERS} marks exports (CSV) of 2,000 pupils: ${(csv.wall / 1000).toFixed(1)} s (${csv.cpu.toFixed(1)} s of CPU), peak ${Math.round(csv.rss)} MB (targets under 60 s and 1,536 MB)`);
const twenty = timed(["trust", ...trackers, "--out", join(dir, "trust-20.xlsx"), "--force"]);
console.log(`Trust dashboard from ${TRACKERS} tracker workbooks (.xlsx) of 2,000 pupils: ${(twenty.wall / 1000).toFixed(1)} s (${twenty.cpu.toFixed(1)} s of CPU), peak ${Math.round(twenty.rss)} MB (targets under 60 s and 1,536 MB)`);
