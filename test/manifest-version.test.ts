/**
 * Issue 22 (deployment): a changed manifest must carry a higher <Version>, or Microsoft 365 will not
 * deliver it (admins can only update to a higher version). manifest.version.json records the version
 * and the checksum of the manifest it was given to; `npm run manifest:version -- 1.0.1.0` raises the
 * version and writes the record. This test fails when manifest.xml changed since without that.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { record, checksum } = require("../scripts/manifest-record");

const ROOT = join(__dirname, "..");
const manifest = readFileSync(join(ROOT, "manifest.xml"), "utf8");
const recorded: { version: string; sha256: string } = JSON.parse(readFileSync(join(ROOT, "manifest.version.json"), "utf8"));

test("manifest.xml is the manifest its version was recorded for (changed it? run: npm run manifest:version -- a higher version)", () => {
  const now = record(manifest);
  const changedWithoutNewVersion = now.sha256 !== recorded.sha256;
  expect({ changedWithoutNewVersion, version: now.version }).toEqual({ changedWithoutNewVersion: false, version: recorded.version });
});

test("the check can fail: a changed button label under the same version is caught; the version alone does not count", () => {
  const changed = manifest.replace(/(<bt:String id="[^"]+" DefaultValue=")([^"]+)"/, '$1$2 (new)"');
  expect(changed).not.toBe(manifest);
  expect(checksum(changed)).not.toBe(recorded.sha256);
  expect(checksum(manifest.replace(/<Version>[\d.]+<\/Version>/, "<Version>9.9.9.9</Version>"))).toBe(checksum(manifest));
  expect(checksum(manifest.replace(/\n/g, "\r\n"))).toBe(checksum(manifest));
});
