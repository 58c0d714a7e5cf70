/** The letter, letters and evidence commands, end to end on the bundled sample tracker. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { readLetterEvidence } from "../../src/letters/render";

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

test("letter writes one .docx per parent, with an evidence line each; a parent without an address is reported, not written", async () => {
  const out = join(dir, "one");
  const r = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412316124", "--all-parents", "--staff", "Ms Patel", "--date", "2026-03-16", "--out", out);
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^1 letter written/);
  expect(r.err).toMatch(/Not written: T873412316124 \(Mrs Jessica Hussain\): The postal address/);
  const files = readdirSync(out).filter((f) => f.endsWith(".docx"));
  expect(files).toEqual(["2026-03-16 notice-to-improve T873412316124 Mr Tyler Hussain.docx"]);
  expect(readLetterEvidence(readFileSync(join(out, files[0])))).toMatchObject({ upn: "T873412316124", parent: "Mr Tyler Hussain", delivery: "post" });
  expect(readFileSync(join(out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(1);
});

test("a required field: --field fills it; without it the letter is not written", async () => {
  const out = join(dir, "invite");
  const missing = await cli("letter", "declining-attendance-invitation", "--tracker", SAMPLE, "--upn", "T873412316124", "--delivery", "email", "--staff", "Ms Patel", "--out", out);
  expect(missing.err).toMatch(/needs the meeting date, the meeting time, where the meeting is/);
  const ok = await cli("letter", "declining-attendance-invitation", "--tracker", SAMPLE, "--upn", "T873412316124", "--delivery", "email", "--staff", "Ms Patel", "--field", "meeting.date=2026-03-20", "--field", "meeting.time=9.30am", "--field", "meeting.place=the library", "--out", out);
  expect(ok.out).toMatch(/^1 letter written/);
  const doc = new PizZip(readFileSync(join(out, readdirSync(out).find((f) => f.endsWith(".docx"))!))).file("word/document.xml")!.asText();
  expect(doc).toContain("Friday 20 March 2026");
});

test("letters for a key group, with a summary of what was written and what was not", async () => {
  const out = join(dir, "group");
  const r = await cli("letters", "attendance-monitoring", "--tracker", SAMPLE, "--group", "key-converters", "--year", "7", "--staff", "Ms Patel", "--out", out);
  expect(r.code).toBe(0);
  const written = Number(/^(\d+) letters? written/.exec(r.out)![1]);
  expect(written).toBeGreaterThan(0);
  expect(readdirSync(out).filter((f) => f.endsWith(".docx"))).toHaveLength(written);
  expect(readFileSync(join(out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(written);
  expect((await cli("letters", "attendance-monitoring", "--tracker", SAMPLE, "--group", "nobody", "--out", out)).code).toBe(2);
});

test("evidence: readiness, chronology and the evidence pack", async () => {
  const r = await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/Readiness for a referral: missing: Attendance contract, Notice to Improve/);
  expect(r.out).toMatch(/Chronology:\n\s+2025-\d\d-\d\d {2}First absence this school year/);
  const pack = join(dir, "pack.docx");
  const p = await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165", "--out", pack, "--staff", "Ms Patel");
  expect(p.code).toBe(0);
  expect(existsSync(pack)).toBe(true);
  const xml = new PizZip(readFileSync(pack)).file("word/document.xml")!.asText();
  expect(xml).toContain("Section 444 checklist");
  expect(xml).toContain("First absence this school year");
  expect(xml).toContain("Attendance extract");
  expect((await cli("evidence", "--tracker", SAMPLE, "--upn", "NOPE")).code).toBe(2);
});
