#!/usr/bin/env node
/**
 * Writes the letter templates (assets/letters/*.docx) from src/letters/templates.ts, via the
 * compiled lib/. `npm run letters` after changing the wording; the .docx files are committed, and a
 * test checks they match the wording.
 */
"use strict";
const { mkdirSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { TEMPLATES, letterParts } = require("../lib/letters/templates.js");
const { buildDocx } = require("../lib/letters/ooxml.js");

const out = join(__dirname, "..", "assets", "letters");
mkdirSync(out, { recursive: true });
for (const tpl of TEMPLATES) {
  const parts = letterParts(tpl);
  const bytes = buildDocx({
    title: tpl.title,
    ...parts,
    properties: {
      "AttendanceToolkit.TemplateId": tpl.id,
      "AttendanceToolkit.Title": tpl.title,
      "AttendanceToolkit.Step": String(tpl.step),
      "AttendanceToolkit.AddressedTo": tpl.addressedTo,
      "AttendanceToolkit.Required": tpl.required.join(","),
    },
  });
  writeFileSync(join(out, `${tpl.id}.docx`), bytes);
}
console.log(`${TEMPLATES.length} letter templates written to ${out}`);
