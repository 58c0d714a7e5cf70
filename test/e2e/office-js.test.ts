/**
 * Issue 11 item 8: the panes load Microsoft's real office.js (from the `@microsoft/office-js` npm
 * package, answering the CDN's address in this test only; production loads the CDN) under the
 * pages' production Content-Security-Policy, outside Office: no CSP violation, no error, and the
 * browser preview still works (office.js answers "no host").
 */
import { browserAvailable, openPage, OFFICE_JS, servedPanes, TELEMETRY_ORIGIN } from "./browser";

const run = browserAvailable() ? describe : describe.skip;

run("real office.js under the production CSP", () => {
  const panes = servedPanes();

  test.each([
    ["excel.html", "Attendance (browser preview)"],
    ["word.html", "Letters"],
  ])("%s: office.js loads, answers no host, the preview works, and nothing breaks the CSP", async (file, heading) => {
    const { context, page, recorded } = await openPage(panes.browser, { realOffice: true });
    try {
      await page.goto(`${panes.url}/${file}`);
      await page.getByRole("heading", { name: heading }).waitFor({ timeout: 30_000 });
      // The real library, not a stub: its internal namespace is there, and onReady has answered.
      expect(await page.evaluate(() => typeof (window as any).OSF)).toBe("object");
      expect(await page.evaluate(async () => (await (window as any).Office.onReady()).host)).toBeNull();
      if (file === "excel.html") {
        await page.getByRole("button", { name: "Open the bundled sample" }).click();
        await page.getByRole("button", { name: "Analyse" }).click();
        await page.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 30_000 });
      } else await page.getByText(/Running outside Office/).waitFor();
      // office.js opens its telemetry frame on a 3-second timer: let it, so a CSP that refused it would show here.
      await page.waitForTimeout(4000);
      expect(recorded.csp).toEqual([]);
      expect(recorded.console.filter((l) => /Content Security Policy|Refused to/i.test(l))).toEqual([]);
      expect(recorded.errors).toEqual([]);
      const origins = new Set(recorded.requests.map((u) => new URL(u).origin));
      origins.delete(new URL(panes.url).origin);
      origins.delete(new URL(OFFICE_JS).origin);
      // office.js's own telemetry frame (answered locally in this test): the only other address the CSP allows.
      origins.delete(TELEMETRY_ORIGIN);
      expect([...origins]).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
