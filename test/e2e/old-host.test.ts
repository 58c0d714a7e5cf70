/**
 * Issue 22: where the pane cannot work, it says so in a plain sentence instead of "Loading..." for ever.
 * - An old host (Internet Explorer 11, EdgeHTML, an old Safari): the ES5 start-up script finds a
 *   built-in missing (forced here by removing one before the page loads) and shows "needs a newer
 *   Office" with what to do; the bundles draw nothing over it.
 * - office.js loaded but Office never answers (an address it needs blocked by a CSP or a filter,
 *   office-js #1005): after 30 seconds the pane says what may be wrong.
 * - office.js itself blocked inside Office: the pane says so rather than posing as the browser preview.
 */
import { join } from "node:path";
import { browserAvailable, OFFICE_JS, openPage, servedPanes, SHOTS } from "./browser";

const run = browserAvailable() ? describe : describe.skip;

run("the pane where it cannot work", () => {
  const panes = servedPanes();

  test.each(["excel.html", "word.html"])("%s: with a built-in missing, the start-up check shows the 'needs a newer Office' sentence and what to do, and the pane draws nothing else", async (file) => {
    const { context, page, recorded } = await openPage(panes.browser);
    try {
      await page.setViewportSize({ width: 350, height: 700 });
      // An old browser: Promise.allSettled missing (Safari before 13, EdgeHTML, IE 11).
      await page.addInitScript(() => {
        delete (Promise as { allSettled?: unknown }).allSettled;
      });
      await page.goto(`${panes.url}/${file}`);
      const alert = page.getByRole("alert");
      await alert.getByText("The Attendance Toolkit needs a newer Office.").waitFor({ timeout: 15_000 });
      await expect(alert.textContent()).resolves.toMatch(/Update Office to Microsoft 365/);
      await expect(alert.textContent()).resolves.toMatch(/Excel or Word on the web/);
      // The bundles ran (this browser parses them) and stayed out of the way: give them time to draw.
      await page.waitForLoadState("load");
      await page.waitForTimeout(1500);
      expect(await page.getByRole("heading").count()).toBe(0);
      expect(await page.getByRole("button").count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.getAttribute("data-unsupported"))).toBe("Promise.allSettled");
      // Readable at the task pane's default width: nothing wider than the pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(350);
      await page.screenshot({ path: join(SHOTS, `old-host-${file.replace(".html", "")}-350.png`), fullPage: true });
      expect(recorded.errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  test("with every built-in present, the start-up check stays silent and the pane opens", async () => {
    const { context, page } = await openPage(panes.browser);
    try {
      await page.goto(`${panes.url}/excel.html`);
      await page.getByRole("heading", { name: "Attendance (browser preview)" }).waitFor({ timeout: 30_000 });
      expect(await page.evaluate(() => document.documentElement.getAttribute("data-unsupported"))).toBeNull();
      expect(await page.getByText("needs a newer Office").count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  test.each(["excel.html", "word.html"])("%s: office.js loads but Office never answers: after 30 seconds a plain sentence says what may be wrong (never 'waiting' for ever)", async (file) => {
    const { context, page } = await openPage(panes.browser);
    try {
      // office.js present, but its onReady never calls back (as when an address it needs is blocked).
      await context.route(OFFICE_JS, (route) =>
        route.fulfill({ status: 200, contentType: "text/javascript", body: "window.Office = { HostType: { Excel: 'Excel', Word: 'Word' }, onReady: function () { return new Promise(function () {}); } };" }),
      );
      await page.clock.install();
      await page.goto(`${panes.url}/${file}`);
      await page.clock.fastForward(4000);
      await page.getByText("Waiting for Office to finish starting").waitFor({ timeout: 15_000 });
      await page.clock.fastForward(30_000);
      await page.getByRole("alert").getByText(/Office has not answered for 30 seconds/).waitFor({ timeout: 15_000 });
      await expect(page.getByRole("alert").textContent()).resolves.toMatch(/tell your IT team/);
    } finally {
      await context.close();
    }
  }, 60_000);

  test.each(["excel.html", "word.html"])("%s: in Office with office.js blocked, the pane says office.js could not be loaded (not the browser preview)", async (file) => {
    const { context, page } = await openPage(panes.browser);
    try {
      await context.route(OFFICE_JS, (route) => route.abort("blockedbyclient"));
      // Office opens the pane with its host information in the address.
      await page.goto(`${panes.url}/${file}?_host_Info=Excel$Win32$16.01$en-GB$$$$0`);
      await page.getByRole("alert").getByText(/office\.js, from appsforoffice\.microsoft\.com\) could not be loaded/).waitFor({ timeout: 15_000 });
      expect(await page.getByText(/browser preview|Running outside Office/).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 60_000);
});
