/**
 * Every template, rendered to PDF by LibreOffice and read back with pdftotext: the letters open in a
 * word processor and say what they should (one letter per template, converted in one soffice run).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { readActionLog } from "../../src/engine/actions";
import { pupilEvidence } from "../../src/engine/evidence";
import { evidencePackData } from "../../src/letters/evidence-pack";
import { parseDate } from "../../src/engine/dates";
import { resolvePolicy, settingsToOverrides } from "../../src/engine/policy";
import { buildPupilRecord } from "../../src/files/pupil-record";
import { readMarksBytes } from "../../src/files/read-file";
import { produceLetters } from "../../src/letters/produce";
import { TEMPLATES } from "../../src/letters/templates";
import { SAMPLE_FIELDS } from "./fixtures";

const ROOT = join(__dirname, "../..");
const have = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const ready = have("soffice") && have("pdftotext");
if (!ready && process.env.CI) throw new Error("LibreOffice (soffice) and pdftotext are needed: .ci/run installs libreoffice-writer-nogui and poppler-utils.");
if (!ready) console.warn("Skipping the PDF test: soffice or pdftotext is not installed.");

(ready ? describe : describe.skip)("letters rendered by LibreOffice", () => {
  let dir: string;
  afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

  test("one letter per template converts to PDF, and its text has the pupil, the parent and the letter's substance", async () => {
    dir = mkdtempSync(join(tmpdir(), "letters-pdf-"));
    const tracker = await readMarksBytes(readFileSync(join(ROOT, "samples/sample-tracker.xlsx")));
    const a = analyse(tracker.dataset, { policy: resolvePolicy(settingsToOverrides(tracker.settings).overrides).policy });
    const i = a.pupils.findIndex((p) => p.nationalThreshold.sessionsInCurrentWindow >= 10 && tracker.contacts.some((c) => c.upn === p.upn && c.livesWithPupil && c.postcode));
    const record = buildPupilRecord(a, i, tracker);
    const extra = evidencePackData(a, i, pupilEvidence(a, i, readActionLog(tracker.actions)));
    const parent = record.parents.findIndex((p) => p.livesWithPupil && p.postcode);
    const files: Array<{ id: string; docx: string; forename: string; dear: string }> = [];
    // Templates that assert facts are written for a pupil for whom they hold (facts.test.ts covers each); here the Notice to Improve, for a pupil who met the threshold.
    const nti = a.pupils.findIndex((p) => p.upn === "B873412314247");
    const ntiRecord = buildPupilRecord(a, nti, tracker);
    const factSource = { analysis: a, pupilIndex: nti, entries: readActionLog(tracker.actions).entries.filter((e) => e.upn === "B873412314247" && e.supersededBy === null) };
    for (const tpl of TEMPLATES.filter((t) => t.facts.length === 0 || t.id === "notice-to-improve")) {
      const own = tpl.id === "notice-to-improve";
      const { letters, blocked } = produceLetters(own ? ntiRecord : record, tpl, readFileSync(join(ROOT, "assets/letters", `${tpl.id}.docx`)), { parents: [own ? 0 : parent], date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", fields: SAMPLE_FIELDS, policy: a.policy, factSource: own ? factSource : undefined }, (d) => ({ ...d, ...extra }));
      expect(blocked).toEqual([]);
      const docx = join(dir, `${tpl.id}.docx`);
      writeFileSync(docx, letters[0].bytes);
      const r = own ? ntiRecord : record;
      const p = r.parents[own ? 0 : parent];
      files.push({ id: tpl.id, docx, forename: r.pupil.forename!, dear: `Dear ${p.title} ${p.surname}` });
    }
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, ...files.map((f) => f.docx)], { encoding: "utf8", timeout: 180_000 });
    expect(r.status).toBe(0);
    const phrases: Record<string, RegExp> = {
      "notice-to-improve": /Notice to Improve[\s\S]*national threshold/,
      "attendance-contract": /Attendance contract for/,
      "where-does-my-child-sit": /Persistent absence/,
      "section-444-checklist": /section 444/i,
      "leave-authorised": /authorised/,
      "evidence-pack": /Chronology[\s\S]*Attendance register extract/,
    };
    for (const f of files) {
      const text = spawnSync("pdftotext", ["-layout", f.docx.replace(/\.docx$/, ".pdf"), "-"], { encoding: "utf8" }).stdout;
      expect({ id: f.id, pupil: text.includes(f.forename) }).toEqual({ id: f.id, pupil: true });
      expect({ id: f.id, school: text.includes("Ashford Vale Academy") }).toEqual({ id: f.id, school: true });
      const tpl = TEMPLATES.find((t) => t.id === f.id)!;
      if (tpl.addressedTo !== "internal") expect({ id: f.id, to: text.includes(f.dear) }).toEqual({ id: f.id, to: true });
      // Layout (issue 9, item 8): a date never breaks across lines; the sign-off is never alone on a page.
      const MONTH = "(January|February|March|April|May|June|July|August|September|October|November|December)";
      expect({ id: f.id, splitYear: new RegExp(`${MONTH} \\d{1,3}[ ]*\\n`).test(text) }).toEqual({ id: f.id, splitYear: false });
      expect({ id: f.id, broken: new RegExp(`(\\b\\d{1,2}|${MONTH}|day)[ ]*\\n[ ]*(${MONTH}|\\d{4}\\b)`).test(text.replace(/\f/g, "\n")) }).toEqual({ id: f.id, broken: false });
      if (tpl.addressedTo !== "internal") {
        const page = text.split("\f").find((pg) => pg.includes("Yours sincerely"))!;
        const before = page.slice(0, page.indexOf("Yours sincerely")).split("\n").filter((l) => l.trim() && !/Ashford Vale|attendance@|01632/.test(l));
        expect({ id: f.id, signOffAlone: before.length === 0 }).toEqual({ id: f.id, signOffAlone: false });
      }
      if (phrases[f.id]) expect(text).toMatch(phrases[f.id]);
      expect(text).not.toMatch(/\{|undefined/);
    }
  }, 240_000);
});
