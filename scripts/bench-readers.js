#!/usr/bin/env node
/**
 * `npm run bench` (readers, issue 12): whole `analyse` processes on big files, wall time and peak
 * memory (max RSS). Files are generated into .bench/ the first time (the 10,000-pupil tracker takes
 * minutes to write). BENCH_READERS=xlsx10k,long10k,wide255k picks which to run.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, statSync, writeSync } = require("node:fs");
const { join, resolve } = require("node:path");

const root = resolve(__dirname, "..");
const bin = join(root, "bin/attendance-toolkit.js");
const dir = join(root, ".bench");
mkdirSync(dir, { recursive: true });

function sample(pupils, out, extra) {
  const target = join(dir, out);
  if (!existsSync(target)) {
    const r = spawnSync(process.execPath, [bin, "sample", "--pupils", String(pupils), "--out", join(dir, `s${pupils}`), "--force", ...extra], { stdio: "inherit" });
    if (r.status !== 0) throw new Error(`sample ${pupils} failed`);
  }
  return target;
}

function measure(label, file, args, target) {
  const t = process.hrtime.bigint();
  const r = spawnSync(
    process.execPath,
    ["-e", `process.on("exit",()=>process.stderr.write("RSS "+process.resourceUsage().maxRSS+"\\n"));process.argv=[process.argv[0],"x","analyse",${JSON.stringify(file)},...${JSON.stringify(args)}];require(${JSON.stringify(bin)});`],
    { stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 },
  );
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  const rss = Number((/RSS (\d+)/.exec(String(r.stderr)) || [])[1] || 0) / 1024;
  const mb = (statSync(file).size / 1e6).toFixed(0);
  console.log(`${label.padEnd(44)}${r.status === 0 ? `${s.toFixed(1)} s, ${rss.toFixed(0)} MB` : `failed (exit ${r.status})`}   (${mb} MB file; target ${target})`);
}

const want = (process.env.BENCH_READERS || "xlsx10k,long10k,wide255k").split(",");
console.log("Big files, whole analyse process (wall time on this machine, max RSS):");
if (want.includes("xlsx10k")) measure("10,000-pupil tracker .xlsx, analyse", sample(10000, "s10000/sample-tracker.xlsx", ["--no-long"]), [], "<= 6 s, <= 600 MB");
if (want.includes("long10k")) measure("10,000-pupil long CSV, analyse", sample(10000, "s10000/sample-marks-long.csv", ["--no-xlsx"]), [], "<= 4 s, <= 400 MB");

/**
 * A large trust's export (issue 12): the 10,000-pupil school's rows repeated with new UPNs until
 * there are `pupils` rows, about 200 MB for 255,000 pupils. Written a block at a time.
 */
function bigWide(pupils) {
  const target = join(dir, `wide-${pupils}.csv`);
  if (existsSync(target)) return target;
  const source = sample(10000, "s10000/sample-marks.csv", ["--no-xlsx", "--no-long"]);
  const [header, ...rows] = readFileSync(source, "utf8").split(/\r?\n/).filter((l) => l !== "");
  const fd = openSync(`${target}.part`, "w");
  writeSync(fd, `${header}\n`);
  for (let n = 0; n < pupils; ) {
    const block = [];
    for (let i = 0; i < rows.length && n < pupils; i++, n++) block.push(`Z${String(n).padStart(12, "0")}${rows[i].slice(rows[i].indexOf(","))}`);
    writeSync(fd, `${block.join("\n")}\n`);
  }
  closeSync(fd);
  renameSync(`${target}.part`, target);
  return target;
}
if (want.includes("wide255k")) measure("255,000-pupil wide CSV, analyse --json", bigWide(255000), ["--json"], "completes, <= 1.5 GB");
