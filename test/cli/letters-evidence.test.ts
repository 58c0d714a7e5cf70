/** The letter, letters and evidence commands, end to end on the bundled sample tracker. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { buildDocx } from "../../src/letters/ooxml";
import { readLetterEvidence } from "../../src/letters/render";
import { ACTIONS_SHEET } from "../../src/files/tracker-layout";

/** The text of a letter's body, paragraphs on their own lines. */
const bodyText = (file: string) =>
  new PizZip(readFileSync(file)).file("word/document.xml")!.asText().replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/\u00a0/g, " ");

const SAMPLE = join(__dirname, "../../samples/sample-tracker.xlsx");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "letters-cli-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

test("letter --list prints the catalogue", async () => {
  const r = await cli("letter", "--list");
  expect(r.code).toBe(0);
  expect(r.out.split("\n").filter(Boolean).length).toBeGreaterThanOrEqual(22);
  expect(r.out).toMatch(/notice-to-improve\s+step 9/);
});

test("letter writes one .docx per parent, with an evidence line each; a parent without an address is reported, not written (exit 2: a letter asked for was not written)", async () => {
  const out = join(dir, "one");
  const r = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412317206", "--all-parents", "--staff", "Ms Patel", "--date", "2026-03-16", "--out", out);
  expect(r.code).toBe(2);
  expect(r.out).toMatch(/^1 letter written/);
  expect(r.err).toMatch(/Not written: T873412317206: Mrs Freya Davies: The postal address/);
  const files = readdirSync(out).filter((f) => f.endsWith(".docx"));
  expect(files).toEqual(["2026-03-16 notice-to-improve T873412317206 parent 2 Mx Ethan Davies.docx"]);
  expect(readLetterEvidence(readFileSync(join(out, files[0])))).toMatchObject({ upn: "T873412317206", parent: "Mx Ethan Davies", delivery: "post" });
  expect(readFileSync(join(out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(1);
});

test("a required field: --field fills it; without it the letter is not written", async () => {
  const out = join(dir, "invite");
  const missing = await cli("letter", "attendance-contract", "--tracker", SAMPLE, "--upn", "T873412316124", "--delivery", "email", "--staff", "Ms Patel", "--out", out);
  expect(missing.err).toMatch(/needs the date the contract starts, the contract review date/);
  const ok = await cli("letter", "attendance-contract", "--tracker", SAMPLE, "--upn", "T873412316124", "--delivery", "email", "--staff", "Ms Patel", "--field", "contract.start=2026-03-20", "--field", "contract.review=2026-05-11", "--out", out);
  expect(ok.out).toMatch(/^1 letter written/);
  const doc = new PizZip(readFileSync(join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!))).file("word/document.xml")!.asText();
  expect(doc.replace(/\u00a0/g, " ")).toContain("Friday 20 March 2026");
});

describe("issue 9: letters that are always true, on the bundled sample", () => {
  test("letters notice-to-improve --group threshold-met: every letter quotes a window of at least 10 sessions; one line per pupil held back, saying why", async () => {
    const out = join(dir, "nti-group");
    const r = await cli("letters", "notice-to-improve", "--tracker", SAMPLE, "--group", "threshold-met", "--staff", "Ms Patel", "--date", "2026-03-16", "--out", out);
    expect(r.code).toBe(0);
    const files = readdirSync(out).filter((f) => f.endsWith(".docx"));
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = bodyText(join(out, f));
      const quoted = /In the 10 school weeks from (\w+ \d+ \w+ \d{4}) to (\w+ \d+ \w+ \d{4}), \w+ had (\d+) sessions of unauthorised absence/.exec(text);
      expect({ f, quoted: quoted !== null }).toEqual({ f, quoted: true });
      expect(Number(quoted![3])).toBeGreaterThanOrEqual(10);
      // Every quoted session is listed, none of them an unresolved N.
      const rows = text.match(/\n(morning|afternoon)\n([A-Z])\n/g) ?? [];
      expect(rows).toHaveLength(Number(quoted![3]));
      expect(rows.some((x) => /\nN\n/.test(x))).toBe(false);
      expect(text).toMatch(/starts on \w+ \d+ \w+ \d{4} and ends on \w+ \d+ \w+ \d{4}: 6 school weeks/);
      expect(text).toMatch(/no third penalty notice within 3 years.*section 444/s);
    }
    const lines = r.err.split("\n").filter((l) => l.startsWith("Not written:"));
    const upns = lines.map((l) => l.split(" ")[2].replace(/:$/, ""));
    expect(new Set(upns).size).toBe(upns.length); // one line per pupil
    expect(lines.join("\n")).toMatch(/Unresolved N marks/);
    expect(lines.join("\n")).toMatch(/term-time holiday \(G\)/);
  });

  test("--parent must be a parent number: abc and 0 are refused with a sentence (exit 2)", async () => {
    for (const bad of ["abc", "0", "1.5", "two"]) {
      const r = await cli("letter", "attendance-monitoring", "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", bad, "--staff", "Ms Patel", "--out", join(dir, "bad-parent"));
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/is not a parent number: give 1 for the first parent/);
    }
    expect(existsSync(join(dir, "bad-parent"))).toBe(false);
  });

  test("a letter is handed only to the parent it is addressed to, at a real date and time", async () => {
    const base = ["letter", "attendance-monitoring", "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", "2", "--delivery", "hand", "--staff", "Ms Patel", "--date", "2026-03-16"];
    const other = await cli(...base, "--handed-at", "16/03/2026 08:40", "--handed-to", "Mrs Jessica Hussain", "--out", join(dir, "hand-other"));
    expect(other.err).toMatch(/addressed to Mr Tyler Hussain, so it is handed to Mr Tyler Hussain, not to Mrs Jessica Hussain/);
    expect(readdirSync(join(dir, "hand-other")).filter((f) => f.endsWith(".docx"))).toEqual([]);
    const same = await cli(...base, "--handed-at", "16/03/2026 08:40", "--handed-to", "tyler hussain", "--out", join(dir, "hand-same"));
    expect(same.out).toMatch(/^1 letter written/);
    const notATime = await cli(...base, "--handed-at", "at the school gate", "--out", join(dir, "hand-bad"));
    expect(notATime.code).toBe(2);
    expect(notATime.err).toMatch(/"at the school gate" is not a date and time/);
    expect((await cli(...base, "--handed-at", "31/02/2026 08:40", "--out", join(dir, "hand-bad"))).code).toBe(2);
  });
});

test("letters for a key group, with a summary of what was written and what was not", async () => {
  const out = join(dir, "group");
  const r = await cli("letters", "attendance-monitoring", "--tracker", SAMPLE, "--group", "key-converters", "--year", "7", "--staff", "Ms Patel", "--out", out);
  expect(r.code).toBe(0);
  const written = Number(/^(\d+) letters? written/.exec(r.out)![1]);
  expect(written).toBeGreaterThan(0);
  expect(readdirSync(out).filter((f) => f.endsWith(".docx"))).toHaveLength(written);
  expect(readFileSync(join(out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(written);
  const nobody = await cli("letters", "attendance-monitoring", "--tracker", SAMPLE, "--group", "nobody", "--staff", "Ms Patel", "--out", out);
  expect(nobody.code).toBe(2);
  expect(nobody.err).toMatch(/"nobody" is not a key group/);
  // Group names as the issue writes them.
  const alias = await cli("letters", "attendance-monitoring", "--tracker", SAMPLE, "--group", "key-converter", "--year", "7", "--staff", "Ms Patel", "--out", join(dir, "alias"));
  expect(alias.out).toMatch(new RegExp(`^${written} letters? written`));
});

describe("the evidence record: who sent it, and for a letter handed over, when and to whom", () => {
  // Parent 2 (Mr Tyler Hussain) has a postal address; parent 1 has none.
  const base = ["letter", "attendance-monitoring", "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", "2"];
  test("without --staff, or by hand without --handed-at, nothing is written (exit 2, in words)", async () => {
    const out = join(dir, "record");
    const noStaff = await cli(...base, "--out", out);
    expect(noStaff.code).toBe(2);
    expect(noStaff.err).toMatch(/member of staff sending the letter.*--staff NAME/);
    const noTime = await cli(...base, "--delivery", "hand", "--staff", "Ms Patel", "--out", out);
    expect(noTime.code).toBe(2);
    expect(noTime.err).toMatch(/date and time it was handed over.*--handed-at/);
    const twoParents = await cli(...base, "--all-parents", "--delivery", "hand", "--staff", "Ms Patel", "--handed-at", "16/03/2026 08:40", "--handed-to", "Mr Tyler Hussain", "--out", out);
    expect(twoParents.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
  test("by hand: the Actions line says who it was handed to and when", async () => {
    const out = join(dir, "hand");
    const r = await cli(...base, "--delivery", "hand", "--staff", "Ms Patel", "--handed-at", "16/03/2026 08:40", "--date", "2026-03-16", "--out", out);
    expect(r.code).toBe(0);
    const line = readFileSync(join(out, "evidence.tsv"), "utf8").replace(/\n$/, "").split("\t");
    expect(line).toHaveLength(ACTIONS_SHEET.columns.length);
    expect(line[0]).toBe("");
    expect(line.slice(1, 8)).toEqual(["2026-03-16", "T873412316124", "Letter", "Attendance monitoring letter", "Mr Tyler Hussain", "Ms Patel", "Handed to Mr Tyler Hussain at 16/03/2026 08:40"]);
  });
});

test("--from and --to: the figures and the wording cover that period", async () => {
  const out = join(dir, "period");
  const year = await cli("letter", "learning-hours-lost", "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", "2", "--staff", "Ms Patel", "--out", join(out, "year"));
  const part = await cli("letter", "learning-hours-lost", "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", "2", "--staff", "Ms Patel", "--from", "2026-01-05", "--to", "2026-02-13", "--out", join(out, "part"));
  expect([year.code, part.code]).toEqual([0, 0]);
  const text = (d: string) => bodyText(join(out, d, readdirSync(join(out, d)).find((f) => f.endsWith(".docx"))!));
  expect(text("year")).toMatch(/Attendance this school year \(up to \d+ \w+ \d{4}\)/);
  expect(text("part")).toContain("Here is what");
  expect(text("part")).toContain("Attendance from 5 January 2026 to 13 February 2026");
  const missed = (t: string) => Number(/Sessions missed \(half days\)\n(\d+)\n/.exec(t)![1]);
  expect(missed(text("part"))).toBeLessThan(missed(text("year")));
  expect((await cli("letter", "learning-hours-lost", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--from", "2026-02-13", "--to", "2026-01-05", "--out", out)).code).toBe(2);
  expect((await cli("letter", "learning-hours-lost", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--to", "2026-01-05", "--out", out)).code).toBe(2);
});

describe("a trust's own templates: --templates DIR with a catalogue.json", () => {
  let tdir: string;
  beforeAll(() => {
    tdir = join(dir, "trust-templates");
    mkdirSync(tdir);
    // The toolkit's monitoring letter with the trust's own wording, as if edited in Word.
    const zip = new PizZip(readFileSync(join(__dirname, "../../assets/letters/attendance-monitoring.docx")));
    const xml = zip.file("word/document.xml")!.asText();
    expect(xml).toContain("We keep a close eye");
    zip.file("word/document.xml", xml.replace("We keep a close eye", "Across the Vale Trust we keep a close eye"));
    writeFileSync(join(tdir, "our-monitoring.docx"), zip.generate({ type: "uint8array" }));
    // A new letter of the trust's own.
    writeFileSync(join(tdir, "welcome.docx"), buildDocx({ title: "Welcome back", header: [], footer: [], properties: {}, body: [{ p: "{parent.salutation}" }, { p: "Welcome back, {pupil.forename}. We will meet on {meeting.date}." }, { p: "{school.signatoryName}" }] }));
    writeFileSync(join(tdir, "broken.docx"), buildDocx({ title: "Broken", header: [], footer: [], properties: {}, body: [{ p: "Hello {pupil.forename" }] }));
    writeFileSync(
      join(tdir, "catalogue.json"),
      JSON.stringify([
        { id: "attendance-monitoring", title: "Attendance monitoring letter", file: "our-monitoring.docx", step: 3 },
        { id: "trust-welcome-back", title: "Welcome back after absence", file: "welcome.docx", step: 5, required: ["meeting.date"] },
        { id: "trust-broken", title: "Broken", file: "broken.docx", step: 5 },
      ]),
    );
  });
  const letter = (id: string, ...more: string[]) => cli("letter", id, "--templates", tdir, "--tracker", SAMPLE, "--upn", "T873412316124", "--parent", "2", "--staff", "Ms Patel", ...more);

  test("--list shows the trust's letters with the toolkit's", async () => {
    const r = await cli("letter", "--list", "--templates", tdir);
    expect(r.out).toMatch(/trust-welcome-back\s+step 5\s+each-parent\s+Welcome back after absence \(needs meeting\.date\)/);
    expect(r.out).toMatch(/notice-to-improve/);
  });
  test("an entry with a toolkit id replaces that letter; a new id adds one, with its required fields", async () => {
    const out = join(dir, "trust-out");
    expect((await letter("attendance-monitoring", "--out", out)).code).toBe(0);
    expect(bodyText(join(out, readdirSync(out).find((f) => f.includes("attendance-monitoring"))!))).toContain("Across the Vale Trust we keep a close eye");
    const missing = await letter("trust-welcome-back", "--out", out);
    expect(missing.err).toMatch(/needs the meeting date/);
    const ok = await letter("trust-welcome-back", "--field", "meeting.date=2026-03-20", "--out", out);
    expect(ok.out).toMatch(/^1 letter written/);
    const text = bodyText(join(out, readdirSync(out).find((f) => f.includes("trust-welcome-back"))!));
    expect(text).toMatch(/\nDear Mr Hussain\nWelcome back, \w+\. We will meet on Friday 20 March 2026\.\n/);
    expect(readLetterEvidence(readFileSync(join(out, readdirSync(out).find((f) => f.includes("trust-welcome-back"))!)))).toMatchObject({ letterId: "trust-welcome-back", letterTitle: "Welcome back after absence" });
  });
  test("a template broken in editing is reported in words (exit 2), not as a crash", async () => {
    const r = await letter("trust-broken", "--out", join(dir, "broken-out"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/The template for "trust-broken" \(broken\.docx\) cannot be used: The tag beginning with "\{pupil\.forename" is unclosed/);
    expect(r.out).toBe("");
  });
});

test("evidence: readiness, chronology and the evidence pack", async () => {
  const r = await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Readiness for a referral: missing: Attendance contract\n[\s\S]*9. Notice to Improve: The national threshold is reached only by counting unresolved N marks/);
  expect(r.out).toMatch(/Chronology:\n\s+2025-\d\d-\d\d {2}First absence this school year/);
  const pack = join(dir, "pack.docx");
  const p = await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165", "--out", pack, "--staff", "Ms Patel");
  expect(p.code).toBe(0);
  expect(existsSync(pack)).toBe(true);
  const xml = new PizZip(readFileSync(pack)).file("word/document.xml")!.asText();
  expect(xml).toContain("Section 444 checklist");
  expect(xml).toContain("First absence this school year");
  expect(xml).toContain("Attendance register extract");
  // What a section 444 referral asks for (issue 9, item 7).
  const text = xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/\u00a0/g, " ");
  expect(text).toMatch(/Date of birth: \d+ \w+ \d{4}\. Address: [^\n]+\. Special educational needs: /);
  expect(text).toMatch(/Period covered: 1 September 2025 to 13 March 2026/);
  expect(text).toMatch(/Parents and carers\n[\s\S]*Parental respons\u00adibility[\s\S]*Lives with pupil/);
  expect(text).toContain("Miss Amelia Hughes");
  expect(text).toMatch(/Contact with each parent/);
  expect(text).toMatch(/Letters sent \(exhibits\), and how and when each was delivered/);
  expect(text).toMatch(/Key to every code in this extract:\n[\s\S]*\nN\nReason for absence not yet established\nunauthorised absence\n/);
  expect(text).toMatch(/I certify that this is a true extract of the attendance register[\s\S]*Signed\n\nName\nMs J\. Okafor\nPosition\n[^\n]*\nDate\n/);
  expect((await cli("evidence", "--tracker", SAMPLE, "--upn", "NOPE")).code).toBe(2);
});
