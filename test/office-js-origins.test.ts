/**
 * Issue 22 (CSP in a host): if office.js, or an address it needs, is blocked by the pages'
 * Content-Security-Policy, Office.onReady never answers. office-js #1005 lists the addresses found
 * by hand: appsforoffice.microsoft.com, ajax.aspnetcdn.com (MicrosoftAjax) and
 * browser.pipe.aria.microsoft.com (telemetry). This test reads Microsoft's office.js and the Excel and
 * Word host files it loads on Windows, Mac and the web (the `@microsoft/office-js` package, the same
 * files the CDN serves) and checks every address they name against the pages' CSP: allowed there, or
 * reviewed below with the reason it is not needed. A new office.js that names a new address fails here.
 * This found that the older Windows host files (16.00) load MicrosoftAjax.js from ajax.aspnetcdn.com,
 * which the CSP blocked: that one file is now allowed.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "node_modules/@microsoft/office-js/dist");
const page = readFileSync(join(ROOT, "src/taskpane/page.html"), "utf8");
const csp = new Map(
  page
    .match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)![1]
    .split(";")
    .map((d) => d.trim().split(/\s+/))
    .map(([name, ...values]) => [name, values] as [string, string[]]),
);

/** Addresses office.js names that the pages do not allow, each with why it is not needed. */
const REVIEWED: Record<string, string> = {
  "alcdn.msauth.net": "MSAL, for Microsoft's own single sign-on (OfficeFirstPartyAuth): this add-in does not use sign-on",
  "document.localhost": "a placeholder address used to parse relative URLs, never requested",
  "support.microsoft.com": "a help link in an error message, never requested",
  "go.microsoft.com": "a help link in an error message, never requested",
  "raw.githubusercontent.com": "a link in a comment, never requested",
};

const files = ["office.js", ...readdirSync(DIST).filter((f) => /^(excel|word)-(win32|mac|web)-16\.\d\d(-core)?\.js$/.test(f))];

function origins(text: string): Set<string> {
  return new Set([...text.matchAll(/["'(](?:https?:)?\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)+)/gi)].map((m) => m[1].toLowerCase()));
}

/** Allowed for the directive: the whole origin, or (`path`) one file by its full address. */
const allowed = (host: string, directive: string, path?: string) =>
  (csp.get(directive) ?? csp.get("default-src") ?? []).some((v) => v === `https://${host}` || (path !== undefined && v === `https://${host}${path}`) || (path === undefined && v.startsWith(`https://${host}/`)));

test("the office.js files for Excel and Word on Windows, Mac and the web are here to read", () => {
  expect(files).toEqual(expect.arrayContaining(["office.js", "excel-win32-16.01.js", "excel-mac-16.00.js", "excel-web-16.00.js", "word-win32-16.01.js", "word-mac-16.00.js", "word-web-16.00.js"]));
});

test.each(files)("%s: every address it names is allowed by the pages' CSP or reviewed as not needed", (file) => {
  const hosts = [...origins(readFileSync(join(DIST, file), "utf8"))];
  const unexplained = hosts.filter((h) => !allowed(h, "script-src") && !allowed(h, "frame-src") && !allowed(h, "connect-src") && !(h in REVIEWED));
  expect(unexplained).toEqual([]);
});

test("office-js #1005's addresses: office.js and its host files come from an allowed origin, its telemetry frame is allowed, the Aria address is not used", () => {
  expect(allowed("appsforoffice.microsoft.com", "script-src")).toBe(true);
  expect(allowed("telemetryservice.firstpartyapps.oaspapps.com", "frame-src")).toBe(true);
  for (const f of files) expect({ f, aria: readFileSync(join(DIST, f), "utf8").includes("pipe.aria.microsoft.com") }).toEqual({ f, aria: false });
});

test("MicrosoftAjax: the exact file Office's older Windows host files load from ajax.aspnetcdn.com (and without which onReady never answers) is allowed by its full address, not the whole CDN", () => {
  const loaded = new Set<string>();
  for (const f of files) for (const m of readFileSync(join(DIST, f), "utf8").matchAll(/\/\/ajax\.aspnetcdn\.com(\/[^"']+\.js)/g)) loaded.add(m[1]);
  expect([...loaded]).toEqual(["/ajax/3.5/MicrosoftAjax.js"]);
  // Called, not only defined, in the 16.00 Windows host files: the pane needs it there.
  expect(readFileSync(join(DIST, "excel-win32-16.00.js"), "utf8")).toMatch(/OsfMsAjaxFactory\.loadMsAjaxFull\(function/);
  for (const path of loaded) expect(allowed("ajax.aspnetcdn.com", "script-src", path)).toBe(true);
  expect(csp.get("script-src")).not.toContain("https://ajax.aspnetcdn.com");
});

test("the check can fail: an address that is neither allowed nor reviewed is reported", () => {
  const hosts = [...origins('x.src="https://cdn.example.net/lib.js"')];
  expect(hosts.filter((h) => !allowed(h, "script-src") && !(h in REVIEWED))).toEqual(["cdn.example.net"]);
});
