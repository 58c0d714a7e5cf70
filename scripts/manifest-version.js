#!/usr/bin/env node
/**
 * `npm run manifest:version -- 1.0.1.0`: raise the manifest's <Version> (admins can only update to a
 * higher version). Refuses a version that is not higher than the current one. Records the version and
 * the manifest's checksum in manifest.version.json: test/manifest-version.test.ts fails when the
 * manifest changes without a new version.
 */
"use strict";
const { readFileSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");

const file = join(__dirname, "..", "manifest.xml");
const { record, RECORD } = require("./manifest-record");
const xml = readFileSync(file, "utf8");
const current = /<Version>([\d.]+)<\/Version>/.exec(xml)[1];
const wanted = process.argv[2];
const parts = (v) => v.split(".").map(Number);
const higher = (a, b) => {
  const x = parts(a);
  const y = parts(b);
  for (let i = 0; i < 4; i++) if ((x[i] || 0) !== (y[i] || 0)) return (x[i] || 0) > (y[i] || 0);
  return false;
};
if (!wanted || !/^\d+\.\d+\.\d+\.\d+$/.test(wanted)) {
  console.error(`Give the new version as four numbers, for example: npm run manifest:version -- 1.0.1.0 (now ${current}).`);
  process.exit(2);
}
if (!higher(wanted, current)) {
  console.error(`${wanted} is not higher than the current version ${current}: Microsoft 365 only updates to a higher version.`);
  process.exit(2);
}
const raised = xml.replace(`<Version>${current}</Version>`, `<Version>${wanted}</Version>`);
writeFileSync(file, raised);
// The record the tests compare the manifest with: this version, and the manifest it was given to.
writeFileSync(RECORD, `${JSON.stringify(record(raised), null, 2)}\n`);
console.log(`manifest.xml version ${current} -> ${wanted}. Build, then upload dist/manifest.xml in the admin centre.`);
