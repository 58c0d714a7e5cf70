#!/usr/bin/env node
/**
 * Letter figures (issue 4 targets): one letter rendered (median), and 300 letters written to disk
 * through the command line's code path. Run by `npm run bench` after the analysis benchmark.
 */
"use strict";
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join, resolve } = require("node:path");

const root = resolve(__dirname, "..");
const lib = (p) => require(join(root, "lib", p));
const { generateSchool } = lib("sample/generate.js");
const { analyse } = lib("engine/analyse.js");
const { resolvePolicy, settingsToOverrides } = lib("engine/policy.js");
const { buildPupilRecord } = lib("files/pupil-record.js");
const { produceLetters } = lib("letters/produce.js");
const { TEMPLATES } = lib("letters/templates.js");
const { parseDate } = lib("engine/dates.js");
const { readActionLog } = lib("engine/actions.js");

const school = generateSchool({ pupils: 600, seed: 2025, until: "2026-03-13" });
// Every parent gets an address and their own email, so no letter is held back by the contact rules.
const tracker = { ...school, contacts: school.contacts.map((c, i) => ({ ...c, address: c.address.length ? c.address : ["1 Mill Lane"], postcode: c.postcode || "AV1 1AA" })) };
const policy = resolvePolicy(settingsToOverrides(school.settings).overrides).policy;
const a = analyse(tracker.dataset, { policy });
const log = readActionLog(tracker.actions);
// The facts the Notice states are checked against the register and the log, as in the command line.
const factSource = (i) => ({ analysis: a, pupilIndex: i, entries: log.entries.filter((e) => e.upn === a.pupils[i].upn && e.supersededBy === null) });
const tpl = TEMPLATES.find((t) => t.id === "notice-to-improve");
const template = readFileSync(join(root, "assets/letters", `${tpl.id}.docx`));
const date = parseDate("2026-03-16");
const opts = { date, delivery: "post", staff: "Ms Patel", policy };

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
// A pupil whose Notice can be written: a parent on record and the threshold met (not by holiday or unresolved N marks).
const writable = a.pupils.map((_, i) => i).filter((i) => tracker.contacts.some((c) => c.upn === a.pupils[i].upn) && produceLetters(buildPupilRecord(a, i, tracker), tpl, template, { ...opts, parents: [0], factSource: factSource(i) }).letters.length === 1);
if (writable.length === 0) throw new Error("no pupil in the bench school can be sent a Notice to Improve");
const withParent = writable[0];
const record = buildPupilRecord(a, withParent, tracker);
const times = [];
for (let i = 0; i < 25; i++) {
  const t = process.hrtime.bigint();
  const r = produceLetters(record, tpl, template, { ...opts, parents: [0], factSource: factSource(withParent) });
  if (r.letters.length !== 1) throw new Error(`letter not written: ${JSON.stringify(r.blocked)}`);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
}

const dir = mkdtempSync(join(tmpdir(), "bench-letters-"));
let written = 0;
const t0 = process.hrtime.bigint();
for (let k = 0; written < 300; k = (k + 1) % writable.length) {
  const i = writable[k];
  const rec = buildPupilRecord(a, i, tracker);
  const { letters } = produceLetters(rec, tpl, template, { ...opts, factSource: factSource(i) });
  for (const l of letters.slice(0, 300 - written)) {
    writeFileSync(join(dir, l.fileName), l.bytes);
    written++;
  }
}
const total = Number(process.hrtime.bigint() - t0) / 1e6;
rmSync(dir, { recursive: true, force: true });
console.log(`Letters (Notice to Improve, the longest template with its table of sessions):`);
console.log(`  one letter rendered                    ${median(times).toFixed(1)} ms median (first ${times[0].toFixed(1)} ms)   (target < 200 ms)`);
console.log(`  300 letters rendered and written       ${(total / 1000).toFixed(2)} s   (target < 20 s)`);
const ok = median(times) < 200 && total < 20000;
console.log(ok ? "Letter targets met." : "LETTER TARGETS NOT MET.");
if (process.env.BENCH_STRICT && !ok) process.exit(1);
