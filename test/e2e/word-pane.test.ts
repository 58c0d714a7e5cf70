/**
 * The Word pane in headless Chromium (browser preview): open the tracker, find a pupil, the
 * suggested letter first, one letter per parent, a required field blocking, and the letters
 * downloaded with their evidence; no request leaves the add-in's origin.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { readLetterEvidence } from "../../src/letters/render";
import { browserAvailable, openPage, OFFICE_JS, servedPanes, SHOTS } from "./browser";

const run = browserAvailable() ? describe : describe.skip;

run("Word pane in a browser (preview)", () => {
  const panes = servedPanes();

  test("tracker → pupil → suggested letter → one letter per parent, downloaded with evidence", async () => {
    const { context, page, recorded } = await openPage(panes.browser, { clipboard: true });
    const started = Date.now();
    await page.goto(`${panes.url}/word.html`);
    await page.getByRole("heading", { name: "Letters" }).waitFor();
    // eslint-disable-next-line no-console
    console.log(`Word pane first render: ${Date.now() - started} ms`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    const search = page.getByRole("textbox", { name: "Search by name or UPN" });
    await search.waitFor({ timeout: 20_000 });
    await search.fill("T873412317206");
    await page.getByRole("list", { name: "Matching pupils" }).getByRole("button").first().click();
    await page.getByText(/Suggested next step/).waitFor();
    // The pupil met the threshold (by unauthorised absence, no unresolved N marks): the Notice to Improve is suggested and chosen.
    await expect(page.getByRole("combobox", { name: "Letter" }).textContent()).resolves.toMatch(/Notice to Improve/);
    await page.getByRole("textbox", { name: "Your name" }).fill("Ms Patel");
    // One parent has no postal address: post is refused for them, with the reason shown.
    await expect(page.getByText(/postal address .* is missing/).count()).resolves.toBeGreaterThan(0);
    // Each parent's delivery is theirs (from the Preferred contact): Mrs Davies, who has no address, by email too.
    await page.getByRole("radiogroup", { name: /Mrs Freya Davies/ }).getByRole("radio", { name: "Email" }).check();
    // The preview goes through the same facts and data as Write: the Notice's improvement period in school weeks.
    await page.getByRole("button", { name: "Preview the letter" }).click();
    const preview = page.getByRole("region", { name: "Preview of the letter" });
    await preview.waitFor({ timeout: 20_000 });
    await expect(preview.textContent()).resolves.toMatch(/The improvement period starts on .* and ends on .*school weeks/);
    const writeButton = page.getByRole("button", { name: /^Write \d letters?$/ });
    await writeButton.waitFor();
    await page.screenshot({ path: join(SHOTS, "word-pane.png"), fullPage: true });
    const downloads: Array<{ name: string; bytes: Buffer }> = [];
    page.on("download", async (d) => {
      const path = await d.path();
      downloads.push({ name: d.suggestedFilename(), bytes: readFileSync(path!) });
    });
    await writeButton.click();
    await page.getByRole("region", { name: "Letters written" }).waitFor({ timeout: 20_000 });
    await page.waitForTimeout(500);
    expect(downloads.length).toBeGreaterThan(0);
    for (const d of downloads) {
      expect(d.name).toMatch(/notice-to-improve T873412317206 .*\.docx$/);
      expect(readLetterEvidence(new Uint8Array(d.bytes))).toMatchObject({ upn: "T873412317206", letterId: "notice-to-improve", delivery: "email", staff: "Ms Patel" });
    }
    await page.getByRole("button", { name: "Copy for the Actions sheet" }).click();
    const tsv = await page.evaluate(() => navigator.clipboard.readText());
    expect(tsv.trim().split("\n")).toHaveLength(downloads.length);
    // The typed log (src/letters/evidence.ts): a Notice to Improve is logged as one, not as a plain Letter.
    expect(tsv.split("\t")[3]).toBe("Notice to Improve");

    const origins = new Set(recorded.requests.map((u) => new URL(u).origin));
    origins.delete(new URL(panes.url).origin);
    origins.delete(new URL(OFFICE_JS).origin);
    expect([...origins]).toEqual([]);
    expect(recorded.errors).toEqual([]);
    // No pupil data in console output: no UPN (a letter and 12 digits, or the sample's P-numbers) and no name.
    expect(recorded.console.filter((line) => /[A-Z]\d{12}|Hussain|Khan|Davies/.test(line))).toEqual([]);
    await context.close();
  }, 90_000);

  test("the tracker is read in a Web Worker, with progress, and Cancel stops it", async () => {
    const { context, page } = await openPage(panes.browser);
    const workers: string[] = [];
    page.on("worker", (w) => workers.push(w.url()));
    await page.goto(`${panes.url}/word.html`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    await page.getByRole("textbox", { name: "Search by name or UPN" }).waitFor({ timeout: 20_000 });
    expect(workers.some((u) => /attendance-toolkit-reader\.[0-9a-f]+\.js$/.test(u))).toBe(true);
    // Cancel while reading: the worker's script is held back for 3 s, so the reading is surely under way when Cancel is pressed.
    await page.route(/attendance-toolkit-reader\.[0-9a-f]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 3_000));
      await route.continue().catch(() => undefined);
    });
    await page.reload();
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    await page.getByRole("progressbar").waitFor();
    await page.getByRole("button", { name: "Cancel opening the file" }).click();
    await page.getByRole("button", { name: "Cancel opening the file" }).waitFor({ state: "detached" });
    await page.waitForTimeout(4_000);
    // Stopped: no pupils offered, no error, and the pane is usable again.
    await expect(page.getByRole("textbox", { name: "Search by name or UPN" }).count()).resolves.toBe(0);
    await expect(page.getByRole("alert").count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: "Open the bundled sample" }).isEnabled()).resolves.toBe(true);
    await context.close();
  }, 60_000);

  test("the preview of a letter whose facts fail shows the sentence that holds it back", async () => {
    const { context, page } = await openPage(panes.browser);
    await page.goto(`${panes.url}/word.html`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    const search = page.getByRole("textbox", { name: "Search by name or UPN" });
    await search.waitFor({ timeout: 20_000 });
    // This pupil meets the threshold only by counting unresolved N marks: the Notice is held back.
    await search.fill("T873412316124");
    await page.getByRole("list", { name: "Matching pupils" }).getByRole("button").first().click();
    await page.getByText(/Suggested next step/).waitFor();
    await page.getByRole("combobox", { name: "Letter" }).click();
    await page.getByRole("option", { name: "Notice to Improve (national threshold met)" }).click();
    await page.getByRole("textbox", { name: "Your name" }).fill("Ms Patel");
    await page.getByRole("button", { name: "Preview the letter" }).click();
    const preview = page.getByRole("region", { name: "Preview of the letter" });
    await preview.waitFor({ timeout: 20_000 });
    await expect(preview.textContent()).resolves.toMatch(/Unresolved N marks/);
    await context.close();
  }, 60_000);

  test("a required field left empty blocks the letter", async () => {
    const { context, page } = await openPage(panes.browser);
    await page.goto(`${panes.url}/word.html`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    const search = page.getByRole("textbox", { name: "Search by name or UPN" });
    await search.waitFor({ timeout: 20_000 });
    await search.fill("T873412317206");
    await page.getByRole("list", { name: "Matching pupils" }).getByRole("button").first().click();
    await page.getByRole("combobox", { name: "Letter" }).click();
    await page.getByRole("option", { name: "Invitation to a meeting: attendance declining despite support" }).click();
    await page.getByText(/fill in the meeting date, the meeting time, where the meeting is/i).waitFor();
    await expect(page.getByRole("button", { name: /^Write \d+ letters?$/ }).isDisabled()).resolves.toBe(true);
    await context.close();
  }, 60_000);
});
