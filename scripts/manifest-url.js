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

/**
 * The trust's name for <ProviderName> (what Office shows as the add-in's provider): required for a
 * trust's build, so staff see their own trust and not the project's name. Plain text, at most 250
 * characters (the schema's limit), escaped for XML.
 */
function providerName(raw) {
  const value = String(raw || "").replace(/\s+/g, " ").trim();
  if (value === "" || value.length > 250) {
    throw new Error(`ADDIN_PROVIDER_NAME must be the trust's name, 1 to 250 characters, such as "Ashford Vale Academy Trust"${value ? ` (got ${value.length} characters)` : ""}.`);
  }
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/**
 * The manifest for an address: every development URL replaced by it. For a trust's address (not the
 * development one) the provider is the trust, from `provider` (ADDIN_PROVIDER_NAME).
 */
function rewriteManifest(xml, rawBase, provider) {
  const base = normaliseBase(rawBase);
  let out = String(xml).split(DEV_BASE).join(base);
  if (base !== DEV_BASE || provider) out = out.replace(/<ProviderName>[^<]*<\/ProviderName>/, `<ProviderName>${providerName(provider)}</ProviderName>`);
  // AppDomain is an origin, without a path.
  return out.replace(/<AppDomain>https:\/\/localhost:3000<\/AppDomain>/g, `<AppDomain>${new URL(base).origin}</AppDomain>`);
}

module.exports = { DEV_BASE, normaliseBase, rewriteManifest, providerName };
