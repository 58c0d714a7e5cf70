/**
 * The record of the manifest's last version (manifest.version.json): the version and a checksum of
 * the manifest with its <Version> left out. A manifest that differs from the record without a higher
 * version is a change Microsoft 365 would not deliver (admins can only update to a higher version).
 */
"use strict";
const { createHash } = require("node:crypto");
const { join } = require("node:path");

const RECORD = join(__dirname, "..", "manifest.version.json");

function versionOf(xml) {
  const m = /<Version>([\d.]+)<\/Version>/.exec(xml);
  if (!m) throw new Error("manifest.xml has no <Version>.");
  return m[1];
}

/** Line endings and the version do not count; everything else does. */
function checksum(xml) {
  const body = String(xml).replace(/\r\n/g, "\n").replace(/<Version>[\d.]+<\/Version>/, "<Version/>");
  return createHash("sha256").update(body).digest("hex");
}

function record(xml) {
  return { version: versionOf(xml), sha256: checksum(xml) };
}

module.exports = { RECORD, record, versionOf, checksum };
