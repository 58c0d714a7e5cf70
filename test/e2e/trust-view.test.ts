/**
 * Issue 14, in headless Chromium on the built panes: the Excel pane's Trust view saves the school's
 * summary (figures only, checked when read back) and puts summary files side by side; the Summary
 * view shows the national figure with its year. axe-core finds nothing serious on the Trust view.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PizZip from "pizzip";
import { readSchoolSummary } from "../../src/engine/school-summary";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { browserAvailable, OFFICE_JS, openPage, openView, servedPanes } from "./browser";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const run = browserAvailable() ? describe : describe.skip;

run("Excel pane: Trust view", () => {
  const panes = servedPanes();

  test("save the summary, open two schools' summaries, see them side by side; national figure in the Summary view", async () => {
    const { context, page, recorded } = await openPage(panes.browser, { clipboard: true });
    await page.goto(`${panes.url}/excel.html`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 20_000 });
    // Issue 24: the national figure says what period it covers, beside the school's own period.
    const nationalLine = (await page.getByText(/^National attendance \d+\.\d%/).textContent()) ?? "";
    expect(nationalLine).toMatch(/the 2024\/25 school year \(DfE, Pupil attendance in schools, 2025 week 29: an estimate from daily register data\)/);
    expect(nationalLine).toMatch(/This school's figures cover \d+ \w+ 2025 to 13 March 2026; the national figure covers the whole 2024\/25 school year\./);
    expect(nationalLine).not.toMatch(/not verified/i);

    await openView(page, "Trust");
    await page.getByRole("textbox", { name: "School name" }).fill("Ashford Vale Academy");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Save summary for the trust" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^Ashford-Vale-Academy-\d{4}-\d{2}-\d{2}\.summary\.json$/);
    const saved = readFileSync((await download.path())!, "utf8");
    const summary = readSchoolSummary(saved);
    expect(summary.school.name).toBe("Ashford Vale Academy");
    expect(saved).not.toMatch(/"upn"|"surname"|"dob"/i);

    const dir = mkdtempSync(join(tmpdir(), "trust-view-"));
    const mine = join(dir, "ashford.summary.json");
    writeFileSync(mine, saved);
    const other = join(dir, "other.summary.json");
    // Brook Primary's figures stop two weeks earlier: shown, flagged, not ranked (issue 24).
    writeFileSync(other, JSON.stringify(summariseTracker(generateSchool({ pupils: 90, seed: 4, until: "2026-02-27" }), { name: "Brook Primary", phase: "primary" }).summary));
    const broken = join(dir, "broken.summary.json");
    writeFileSync(broken, "{ not json");
    await page.getByLabel("Choose school summary files").setInputFiles([mine, other, broken]);
    const list = page.getByRole("list", { name: "Schools side by side" });
    await list.waitFor();
    await expect(list.getByRole("listitem").count()).resolves.toBe(3); // two schools, the trust
    const text = (await list.textContent()) ?? "";
    expect(text).toMatch(/1\. Ashford Vale Academy[\s\S]*Brook Primary[\s\S]*Trust/);
    expect(text).toContain("Not ranked: figures to 27 February 2026, not to 13 March 2026.");
    expect(text).not.toMatch(/2\. Brook Primary/);
    // Every figure has its unit: no bare "-2.1" beside a percentage.
    expect(text).toMatch(/percentage points? (above|below) the 96% target|on the 96% target/);
    expect(text).not.toMatch(/\d%-\d/);
    // Readable at 320 px: nothing wider than the pane.
    await page.setViewportSize({ width: 320, height: 900 });
    const overflow = await list.evaluate((el) => [...el.querySelectorAll("*")].filter((n) => n.getBoundingClientRect().right > 320.5).length);
    expect(overflow).toBe(0);
    await page.screenshot({ path: "test-output/trust-view-320.png", fullPage: true });
    await page.setViewportSize({ width: 350, height: 900 });
    await page.screenshot({ path: "test-output/trust-view-350.png", fullPage: true });
    await expect(page.getByRole("alert").textContent()).resolves.toContain("broken.summary.json is not a school summary: it is not JSON.");

    await page.evaluate(AXE);
    await page.waitForTimeout(400);
    const result = (await page.evaluate(() => (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run({ exclude: [["[data-tabster-dummy]"]] }, { resultTypes: ["violations"] }))) as {
      violations: Array<{ id: string; impact: string | null }>;
    };
    expect(result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
    expect(recorded.requests.filter((u) => !u.startsWith(panes.url) && u !== OFFICE_JS && !u.startsWith("blob:") && !u.startsWith("data:"))).toEqual([]);
    await context.close();
  }, 120_000);

  test("Word pane: the report for governors from a summary, written (downloaded in the preview) with its two charts", async () => {
    const { context, page } = await openPage(panes.browser);
    await page.goto(`${panes.url}/word.html`);
    const dir = mkdtempSync(join(tmpdir(), "trust-report-"));
    const now = join(dir, "oak.summary.json");
    writeFileSync(now, JSON.stringify(summariseTracker(generateSchool({ pupils: 120, seed: 12 }), { name: "Oak Lane Academy", phase: "primary" }).summary));
    await page.getByLabel("Open the school's summary").setInputFiles(now);
    await page.getByText(/^Oak Lane Academy, figures to /).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Make the governors' report" }).click()]);
    const zip = new PizZip(readFileSync((await download.path())!));
    const xml = zip.file("word/document.xml")!.asText();
    expect(xml).toContain("Oak Lane Academy");
    expect(xml).toContain("the trust&apos;s minimum of 96%");
    for (const m of ["word/media/trust-chart1.png", "word/media/trust-chart2.png"]) expect(Array.from(zip.file(m)!.asUint8Array().slice(0, 4))).toEqual([137, 80, 78, 71]);
    await expect(page.getByRole("status").last().textContent()).resolves.toMatch(/attendance report for Oak Lane Academy/);
    await context.close();
  }, 120_000);
});
