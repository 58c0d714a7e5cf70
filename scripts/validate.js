#!/usr/bin/env node
/**
 * `npm run validate`: the manifest against Microsoft's schemas offline (xmllint, always), the built
 * dist/manifest.xml too if there is one, then Microsoft's online validator (office-addin-manifest)
 * when the network allows. Exit status 1 only when the offline check fails.
 */
"use strict";
const { spawnSync } = require("node:child_process");
const { existsSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
// The schemas travel with the project (schemas/office-manifest-xsd, copied from ../shared), so a
// lone clone validates; test/schemas.test.ts keeps the copy the same as ../shared where it is there.
const xsd = join(root, "schemas", "office-manifest-xsd", "OfficeAppManifestV1_1.xsd");
const manifests = [join(root, "manifest.xml"), join(root, "dist", "manifest.xml")].filter(existsSync);
let failed = false;
if (!existsSync(xsd)) {
  console.error(`The manifest schemas are not at ${xsd}: they are part of the project (schemas/office-manifest-xsd).`);
  process.exit(1);
}
for (const m of manifests) {
  const r = spawnSync("xmllint", ["--noout", "--schema", xsd, m], { encoding: "utf8" });
  if (r.error) {
    console.error("xmllint is not installed (apt-get install libxml2-utils).");
    process.exit(1);
  }
  console.log(r.status === 0 ? `Valid against the schema: ${m}` : `NOT VALID: ${m}\n${r.stderr}`);
  if (r.status !== 0) failed = true;
}
const online = spawnSync(process.execPath, [require.resolve("office-addin-manifest/cli.js"), "validate", manifests[manifests.length - 1]], { encoding: "utf8", timeout: 60_000 });
const text = `${online.stdout || ""}${online.stderr || ""}`.trim();
if (online.status === 0) console.log(`Microsoft's online validator:\n${text}`);
else if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|network|fetch failed|getaddrinfo/i.test(text) || online.error) console.log("Microsoft's online validator could not be reached (no network): the offline schema check above stands.");
else console.log(`Microsoft's online validator reported:\n${text}`);
process.exit(failed ? 1 : 0);
