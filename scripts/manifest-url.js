/**
 * The production manifest: every development URL (https://localhost:3000/) replaced by the trust's
 * address. Used by webpack.config.js and tested in test/manifest.test.ts.
 */
"use strict";

const DEV_BASE = "https://localhost:3000/";

/** The base address with exactly one trailing slash; only https:// addresses are allowed. */
function normaliseBase(raw) {
  const value = String(raw || DEV_BASE).trim();
  if (!/^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/[^\s"'<>]*)?$/.test(value)) {
    throw new Error(`ADDIN_BASE_URL must be an https:// address, such as https://apps.trust.example/attendance/ (got "${value}").`);
  }
  return value.replace(/\/+$/, "") + "/";
}

function rewriteManifest(xml, rawBase) {
  const base = normaliseBase(rawBase);
  const out = String(xml).split(DEV_BASE).join(base);
  // AppDomain is an origin, without a path.
  return out.replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${new URL(base).origin}</AppDomain>`);
}

module.exports = { DEV_BASE, normaliseBase, rewriteManifest };
