/** Debian's Chromium driven by playwright-core, with office.js routed to a local stub (no network). */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, normalize } from "node:path";
import { serveDir } from "./serve";
import type { Browser, BrowserContext, Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

/** True when the browser is here; in CI its absence is a failure, elsewhere the test is skipped with a note. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`Chromium is not installed at ${CHROMIUM}: .ci/run installs it with apt-get.`);
  // eslint-disable-next-line no-console
  console.warn(`Skipping browser tests: no Chromium at ${CHROMIUM} (apt-get install chromium).`);
  return false;
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
}

/** The office.js stub: no Office host, as in a plain browser tab. */
const OFFICE_STUB = "window.Office = { HostType: { Excel: 'Excel', Word: 'Word' }, onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); } };";

export interface Recorded {
  requests: string[];
  console: string[];
  errors: string[];
}

/** Microsoft's office.js and the files it loads, from the `@microsoft/office-js` package (tests only; production loads the CDN). */
export const OFFICE_JS_DIST = join(__dirname, "../../node_modules/@microsoft/office-js/dist");
const OFFICE_HOSTED = "https://appsforoffice.microsoft.com/lib/1/hosted/";
/** office.js's telemetry frame: answered with an empty page in tests (no network). */
export const TELEMETRY_ORIGIN = "https://telemetryservice.firstpartyapps.oaspapps.com";

/**
 * A page that records every request, console line, page error and Content-Security-Policy violation,
 * with office.js served locally: a stub with no host, or (`realOffice`) Microsoft's own office.js
 * from the npm package, answering the CDN's addresses.
 */
export async function openPage(browser: Browser, options: { clipboard?: boolean; realOffice?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; recorded: Recorded & { csp: string[] } }> {
  const context = await browser.newContext({ viewport: { width: 420, height: 900 }, locale: "en-GB", timezoneId: "Europe/London" });
  if (options.clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const recorded: Recorded & { csp: string[] } = { requests: [], console: [], errors: [], csp: [] };
  if (options.realOffice) {
    await context.route(`${OFFICE_HOSTED}**`, (route) => {
      const path = normalize(new URL(route.request().url()).pathname.slice("/lib/1/hosted/".length));
      const file = join(OFFICE_JS_DIST, path);
      if (!file.startsWith(OFFICE_JS_DIST) || !existsSync(file)) return route.fulfill({ status: 404, body: "not found" });
      return route.fulfill({ status: 200, contentType: "text/javascript", body: readFileSync(file) });
    });
    await context.route(`${TELEMETRY_ORIGIN}/**`, (route) => route.fulfill({ status: 200, contentType: "text/html", body: "<!doctype html><title>telemetry</title>" }));
  } else await context.route(OFFICE_JS, (route) => route.fulfill({ status: 200, contentType: "text/javascript", body: OFFICE_STUB }));
  await context.exposeBinding("__cspViolation", (_source, text: string) => void recorded.csp.push(text));
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as any).__cspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  page.on("request", (r) => recorded.requests.push(r.url()));
  page.on("console", (m) => recorded.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => recorded.errors.push(String(e)));
  return { context, page, recorded };
}

export const DIST = join(__dirname, "../../dist");
export const SHOTS = join(__dirname, "../../test-output");

/**
 * The built panes (dist/, from `npm run build`) served on localhost with a browser, for the tests of
 * one describe block: set up before them, closed after.
 */
export function servedPanes(): { url: string; browser: Browser } {
  const panes = {} as { url: string; browser: Browser };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (!existsSync(join(DIST, "excel.html")) || !existsSync(join(DIST, "word.html"))) throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
    mkdirSync(SHOTS, { recursive: true });
    const server = await serveDir(DIST);
    panes.url = server.url;
    close = server.close;
    panes.browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await panes.browser?.close();
    await close?.();
  });
  return panes;
}

/** A view by its tab, or from the "More" menu where the tab did not fit. */
export async function openView(page: Page, name: string): Promise<void> {
  const tab = page.getByRole("tab", { name });
  if (await tab.isVisible()) return tab.click();
  await page.getByRole("tab", { name: /more views$/ }).click();
  await page.getByRole("menuitem", { name }).click();
}
