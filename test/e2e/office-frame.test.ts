/**
 * Issue 11 item 5: the Excel pane inside a cross-origin frame without clipboard permission, as Office
 * on the web shows it. Copy for Word cannot use the clipboard there: the record is shown to copy by
 * hand and saved as a file, and the Word pane opens that file.
 */
import { readFileSync } from "node:fs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeRecord } from "../../src/files/pupil-record";
import { browserAvailable, openPage, servedPanes } from "./browser";
import { serveDir } from "./serve";

const run = browserAvailable() ? describe : describe.skip;

run("Excel pane in a cross-origin frame, no clipboard permission", () => {
  const panes = servedPanes();

  test("Copy for Word offers the record to select and a record file; the Word pane opens the file", async () => {
    // The host page on another origin (localhost, the panes on 127.0.0.1), with no `allow` on the frame.
    const hostDir = mkdtempSync(join(tmpdir(), "office-host-"));
    writeFileSync(join(hostDir, "excel.html"), `<!doctype html><title>Office</title><iframe id="pane" title="Attendance pane" src="${panes.url}/excel.html" style="width:420px;height:1400px;border:0"></iframe>`);
    const host = await serveDir(hostDir);
    const { context, page, recorded } = await openPage(panes.browser);
    try {
      await page.goto(host.url.replace("127.0.0.1", "localhost") + "/excel.html");
      const frame = page.frameLocator("#pane");
      await frame.getByRole("button", { name: "Open the bundled sample" }).click();
      await frame.getByRole("button", { name: "Analyse" }).click();
      await frame.getByRole("heading", { name: /^As at / }).waitFor({ timeout: 30_000 });
      await frame.getByRole("tab", { name: "Key groups" }).click();
      const row = frame.getByRole("table", { name: "National threshold met" }).getByRole("row").nth(1);
      await row.focus();
      await page.keyboard.press("Enter");
      const card = frame.getByRole("region", { name: /^Pupil: / });
      await card.getByRole("button", { name: "Copy for Word" }).click();
      await frame.getByText(/clipboard is blocked here/).waitFor();
      const box = frame.getByRole("textbox", { name: "The pupil's record, to copy into the Word pane" });
      const shown = decodeRecord(await box.inputValue());
      expect(shown.ok).toBe(true);
      const [download] = await Promise.all([page.waitForEvent("download"), frame.getByRole("button", { name: "Save record file" }).click()]);
      const saved = join(hostDir, download.suggestedFilename());
      await download.saveAs(saved);
      expect(download.suggestedFilename()).toMatch(/^pupil-record-.+\.txt$/);
      const fromFile = decodeRecord(readFileSync(saved, "utf8"));
      expect(fromFile.ok && shown.ok && fromFile.record.pupil.upn === shown.record.pupil.upn).toBe(true);

      // The Word pane opens the saved record with its file button.
      const word = await context.newPage();
      await word.goto(`${panes.url}/word.html`);
      await word.getByLabel("Open the tracker workbook, or a record file saved in Excel").setInputFiles(saved);
      await word.getByText(/Suggested next step/).waitFor({ timeout: 20_000 });
      expect(recorded.errors).toEqual([]);
    } finally {
      await context.close();
      await host.close();
    }
  }, 90_000);
});
