/**
 * The Monday review a newcomer can finish (issue 23), in headless Chromium on the built Excel pane's
 * browser preview: two Mondays in a row on a tracker made here (week 1 allocated and saved, the
 * tracker downloaded; a letter and a meeting logged; week 2 opened), and the key group list as it
 * was after opening a pupil and pressing Back.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import type { ActionRow } from "../../src/files/tracker";
import { readTrackerBytes } from "../../src/files/xlsx";
import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";
import { twoMondays } from "../helpers/two-mondays";
import { browserAvailable, openPage, servedPanes, SHOTS } from "./browser";

const run = browserAvailable() ? describe : describe.skip;

const ds = twoMondays();
const STAFF = "Ms Patel, Mr Jones";
const action = (id: string, date: string, upn: string, kind: string, row: number): ActionRow => ({ id, date, upn, action: kind, detail: "", parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "", row });

async function openTracker(page: Page, url: string, file: string): Promise<void> {
  await page.goto(`${url}/excel.html`);
  await page.getByRole("heading", { name: "Attendance (browser preview)" }).waitFor();
  await page.getByLabel("Open a tracker or marks file").setInputFiles(file);
  const analyse = page.getByRole("button", { name: "Analyse" });
  await analyse.waitFor({ timeout: 20_000 });
  await analyse.click();
  await page.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 20_000 });
  await page.getByRole("tab", { name: "This week" }).click();
  await page.getByRole("heading", { name: /^Weekly review: week of / }).waitFor();
}

const item = (page: Page, upn: string) => page.getByRole("list", { name: "This week" }).getByRole("listitem").filter({ has: page.getByRole("button", { name: upn, exact: true }) });

run("the weekly review in the Excel pane (browser preview)", () => {
  const panes = servedPanes();

  test("two Mondays: allocations survive a pupil and Back; week 2 says what was done (by which entry), carried and why, new, calls first", async () => {
    const dir = mkdtempSync(join(tmpdir(), "weekly-review-"));
    const week1File = join(dir, "week1.xlsx");
    writeFileSync(week1File, await trackerToBuffer(buildTracker({ dataset: ds, settings: { asOf: "2026-03-02", Staff: STAFF } })));
    const { context, page, recorded } = await openPage(panes.browser);
    await openTracker(page, panes.url, week1File);
    // "This week" is a tab of its own, in the same place whatever the width, never under "More".
    // Each tab's own words (Fluent keeps a hidden bold copy beside them) and where it sits.
    const tabs = async () =>
      page.getByRole("tab").evaluateAll((els) => els.map((e) => `${(e.querySelector(".fui-Tab__content:not(.fui-Tab__content--reserved-space)") ?? e).textContent}`));
    const before = await tabs();
    expect(before.slice(0, 2)).toEqual(["Summary", "This week"]);
    await page.setViewportSize({ width: 320, height: 900 });
    expect(await tabs()).toEqual(before);
    await expect(page.getByRole("tab", { name: "This week" }).isVisible()).resolves.toBe(true);

    // Week 1: the first-day call first, then the two meetings.
    const list = page.getByRole("list", { name: "This week" });
    await expect(list.getByRole("button").filter({ hasText: /^[A-E]$/ }).allTextContents()).resolves.toEqual(["B", "C", "D"]);
    // Allocate C and D together to Mr Jones, then B on its own to Ms Patel.
    await item(page, "C").getByRole("checkbox").check();
    await item(page, "D").getByRole("checkbox").check();
    await page.getByRole("combobox", { name: "Allocate the 2 selected actions to" }).click();
    await page.getByRole("option", { name: "Mr Jones" }).click();
    await page.getByRole("group", { name: "Allocate the selected actions" }).getByRole("button", { name: "Allocate", exact: true }).click();
    await item(page, "B").getByRole("combobox").click();
    await page.getByRole("option", { name: "Ms Patel" }).click();
    const allocations = async () => Promise.all(["B", "C", "D"].map(async (u) => (await item(page, u).getByRole("combobox").textContent())?.trim()));
    await expect(allocations()).resolves.toEqual(["Ms Patel", "Mr Jones", "Mr Jones"]);
    // Open a pupil and come back; change view; press Analyse: nothing typed is lost.
    await item(page, "C").getByRole("button", { name: "C", exact: true }).click();
    await page.getByRole("region", { name: /^Pupil: / }).waitFor();
    await page.getByRole("button", { name: /^← Back to this week/ }).click();
    await expect(allocations()).resolves.toEqual(["Ms Patel", "Mr Jones", "Mr Jones"]);
    await page.getByRole("tab", { name: "Key groups" }).click();
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByRole("tab", { name: "This week" }).click();
    await page.getByRole("heading", { name: /^Weekly review: week of / }).waitFor();
    await expect(allocations()).resolves.toEqual(["Ms Patel", "Mr Jones", "Mr Jones"]);
    // "My actions": Mr Jones's two.
    await page.getByRole("combobox", { name: "Whose actions" }).click();
    await page.getByRole("option", { name: "Mr Jones" }).click();
    await expect(list.getByRole("button").filter({ hasText: /^[A-E]$/ }).allTextContents()).resolves.toEqual(["C", "D"]);
    for (const width of [320, 350]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(SHOTS, `excel-pane-this-week-week1-${width}.png`), fullPage: true });
    }
    await page.getByRole("button", { name: "Save this week's review" }).click();
    await page.getByText(/^Saved to the Weekly review sheet: /).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download tracker" }).click();
    const saved = readFileSync(await (await download).path());
    await context.close();

    // During the week: a letter to C's family (not the meeting), a meeting with D's. Then Monday 9 March.
    const data = await readTrackerBytes(new Uint8Array(saved));
    expect(data.reviews!.filter((r) => r.week === "2026-03-02").map((r) => [r.upn, r.allocatedTo])).toEqual([["B", "Ms Patel"], ["C", "Mr Jones"], ["D", "Mr Jones"]]);
    const week2File = join(dir, "week2.xlsx");
    writeFileSync(
      week2File,
      await trackerToBuffer(buildTracker({ ...data, settings: { ...data.settings, asOf: "2026-03-09" }, actions: [action("A0001", "2026-03-03", "C", "Letter", 2), action("A0002", "2026-03-04", "D", "Meeting", 3)] })),
    );
    const second = await openPage(panes.browser);
    const p2 = second.page;
    await openTracker(p2, panes.url, week2File);
    // Today's first-day call first, as new; C's meeting carried (a letter is not a meeting), with who has it.
    const list2 = p2.getByRole("list", { name: "This week" });
    await expect(list2.getByRole("button").filter({ hasText: /^[A-E]$/ }).allTextContents()).resolves.toEqual(["E", "C", "B"]);
    await expect(item(p2, "E").textContent()).resolves.toMatch(/New.*Call/);
    const c = item(p2, "C");
    await expect(c.textContent()).resolves.toMatch(/Carried.*Meeting.*Carried: no meeting logged for the pupil since Mon 2 Mar 2026|Carried.*Meeting.*Carried: no meeting logged for the pupil since 02\/03\/2026/);
    await expect(c.getByRole("combobox").textContent()).resolves.toBe("Mr Jones");
    // Last week's list: D done by entry A0002; B's call no longer needed, with why.
    await p2.getByText(/^Last week: 1 done, 1 no longer needed, 0 dropped, 1 carried/).click();
    const lastWeek = p2.getByRole("region", { name: "Last week's actions" });
    await expect(lastWeek.getAttribute("tabindex")).resolves.toBe("0");
    const text = (await lastWeek.textContent()) ?? "";
    expect(text).toContain("Done: D, Meet the pupil (and parent), offer support and set targets (Mr Jones). Done: Meeting on 04/03/2026 by Ms Patel (entry A0002).");
    expect(text).toContain("No longer needed: B, Phone home today to check on the pupil and prevent another day's absence (Ms Patel). The pupil has attended since it was listed (present on 09/03/2026).");
    for (const width of [320, 350]) {
      await p2.setViewportSize({ width, height: 900 });
      await p2.screenshot({ path: join(SHOTS, `excel-pane-this-week-week2-${width}.png`), fullPage: true });
    }
    // Dropped by hand, with the reason, which is required.
    await item(p2, "C").getByRole("button", { name: "Close or drop" }).click();
    await item(p2, "C").getByRole("button", { name: "Drop", exact: true }).click();
    await item(p2, "C").getByText(/^Say why the action is dropped/).waitFor();
    await item(p2, "C").getByRole("textbox", { name: "Why" }).fill("Family moved abroad; off roll next week");
    await item(p2, "C").getByRole("button", { name: "Drop", exact: true }).click();
    await expect(item(p2, "C").count()).resolves.toBe(0);
    await expect(p2.getByRole("region", { name: "Last week's actions" }).textContent()).resolves.toMatch(/Dropped: C, .*Dropped by hand on \d\d\/\d\d\/\d{4}: Family moved abroad/);
    expect(recorded.errors).toEqual([]);
    expect(second.recorded.errors).toEqual([]);
    await second.context.close();
  }, 120_000);

  test("Back from a pupil restores the key group, the filters and the sort", async () => {
    const { context, page } = await openPage(panes.browser);
    await page.goto(`${panes.url}/excel.html`);
    await page.getByRole("button", { name: "Open the bundled sample" }).click();
    await page.getByRole("button", { name: "Analyse" }).waitFor({ timeout: 20_000 });
    await page.getByRole("button", { name: "Analyse" }).click();
    await page.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 20_000 });
    await page.getByRole("tab", { name: "Key groups" }).click();
    await page.getByRole("combobox", { name: "Key group" }).click();
    await page.getByRole("option", { name: /^Persistent absence/ }).click();
    await page.getByRole("combobox", { name: "Year" }).click();
    const yearOption = page.getByRole("option").nth(1);
    const year = ((await yearOption.textContent()) ?? "").trim();
    await yearOption.click();
    const table = page.getByRole("table", { name: "Persistent absence" });
    await table.getByRole("columnheader", { name: "Pupil" }).click();
    await table.getByRole("columnheader", { name: "Pupil" }).click();
    const state = async () => ({
      group: (await page.getByRole("combobox", { name: "Key group" }).textContent())?.trim(),
      year: (await page.getByRole("combobox", { name: "Year" }).textContent())?.trim(),
      sort: await table.getByRole("columnheader", { name: "Pupil" }).getAttribute("aria-sort"),
      rows: await table.getByRole("row").count(),
      first: await table.getByRole("row").nth(1).getAttribute("aria-label"),
    });
    const was = await state();
    expect(was).toMatchObject({ group: expect.stringMatching(/^Persistent absence/), year, sort: "descending" });
    await table.getByRole("row").nth(2).click();
    await page.getByRole("region", { name: /^Pupil: / }).waitFor();
    await page.getByRole("button", { name: /^← Back to key groups/ }).click();
    await table.waitFor();
    expect(await state()).toEqual(was);
    await context.close();
  }, 90_000);
});
