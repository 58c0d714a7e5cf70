#!/usr/bin/env node
/**
 * Writes the governors' report template (assets/trust/governors-report.docx) from
 * src/trust/report.ts, via the compiled lib/. A trust may edit the .docx in Word: the {tags} stay.
 */
"use strict";
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { buildReportTemplate } = require("../lib/trust/report.js");

const out = join(__dirname, "..", "assets", "trust");
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "governors-report.docx"), buildReportTemplate());
console.log(`Governors' report template written to ${out}`);
