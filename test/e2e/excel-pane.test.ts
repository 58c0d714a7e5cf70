/**
 * End to end, in headless Chromium on the built panes (dist/, made by `npm run build` before the
 * tests): the Excel pane's browser preview on the bundled sample. Analyse, open a key group, select
 * a pupil, copy for Word; and nothing leaves the page's own origin.
 */
import { join } from "node:path";
import { decodeRecord } from "../../src/files/pupil-record";
import { browserAvailable, DIST, launch, openPage, OFFICE_JS, servedPanes, SHOTS } from "./browser";
import { serveDir } from "./serve";

const run = browserAvailable() ? describe : describe.skip;

run("Excel pane in a browser (preview on the bundled sample)", () => {
  const panes = servedPanes();

  // No duration is asserted here (a loaded CI machine decides nothing): timings are in npm run bench.
  test("renders; analyse; key group; select a pupil; copy for Word; no third-party requests", async () => {
    const { context, page, recorded } = await openPage(panes.browser, { clipboard: true });
    await page.goto(`${panes.url}/excel.html`);
    await page.getByRole("heading", { name: "Attendance (browser preview)" }).waitFor();
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    await page.getByRole("button", { name: "Analyse" }).waitFor();

    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 20_000 });
    await expect(page.getByRole("group", { name: /^Attendance: / }).textContent()).resolves.toMatch(/\d+\.\d%/);
    await page.screenshot({ path: join(SHOTS, "excel-pane-summary.png") });

    await page.getByRole("tab", { name: "Key groups" }).click();
    const table = page.getByRole("table", { name: "National threshold met" });
    await table.waitFor();
    // Filter by another group (free school meals): the list narrows to those pupils.
    const countText = async () => Number(/^(\d+) pupils?/.exec((await page.getByText(/^\d+ pupils?$/).textContent()) ?? "")?.[1]);
    const all = await countText();
    await page.getByRole("combobox", { name: "Other group" }).click();
    await page.getByRole("option", { name: "FSM", exact: true }).click();
    await page.getByRole("combobox", { name: "FSM", exact: true }).click();
    await page.getByRole("option", { name: /^Yes \(\d+\)$/ }).click();
    const fsm = await countText();
    expect(fsm).toBeLessThan(all);
    await page.getByRole("combobox", { name: "Other group" }).click();
    await page.getByRole("option", { name: "Any", exact: true }).click();
    expect(await countText()).toBe(all);
    const firstPupil = table.getByRole("row").nth(1);
    const label = await firstPupil.getAttribute("aria-label");
    expect(label).toMatch(/attendance \d+\.\d%/);
    await firstPupil.focus();
    await page.keyboard.press("Enter");
    const card = page.getByRole("region", { name: /^Pupil: / });
    await card.waitFor();
    await expect(card.getByRole("heading", { name: "National threshold" }).count()).resolves.toBe(1);
    await page.screenshot({ path: join(SHOTS, "excel-pane-pupil.png"), fullPage: true });

    await card.getByRole("button", { name: "Copy for Word" }).click();
    await page.getByText(/^Copied\./).waitFor();
    const pasted = await page.evaluate(() => navigator.clipboard.readText());
    const record = decodeRecord(pasted);
    expect(record.ok).toBe(true);
    if (record.ok) expect(record.record.figures.nationalThreshold.met).toBe(true);

    const origins = new Set(recorded.requests.map((u) => new URL(u).origin));
    origins.delete(new URL(panes.url).origin);
    origins.delete(new URL(OFFICE_JS).origin);
    expect([...origins]).toEqual([]);
    expect(recorded.errors).toEqual([]);
    // No pupil data in console output: no UPN (a letter and 12 digits, or the sample's P-numbers) and no name.
    expect(recorded.console.filter((line) => /[A-Z]\d{12}|Hussain|Khan/.test(line))).toEqual([]);
    await context.close();
  }, 60_000);
});

run("a trust's policy.json served beside the panes", () => {
  test("an invalid value is shown with the field and the reason, and the defaults are used", async () => {
    const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "dist-policy-"));
    cpSync(DIST, dir, { recursive: true });
    writeFileSync(join(dir, "policy.json"), JSON.stringify({ hoursPerSession: 9, nationalThreshold: { countedCodes: ["G", "O", "U"] } }));
    const server = await serveDir(dir);
    const browser = await launch();
    try {
      const { page } = await openPage(browser);
      await page.goto(`${server.url}/excel.html`);
      await page.getByText(/policy\.json has problems.*hoursPerSession is 9; it must be a number from 0\.5 to 6/).waitFor({ timeout: 10_000 });
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
