/**
 * Issue 20: true as at the letter's date, for the parent it is addressed to. Each case the issue saw
 * on the bundled sample (and copies of it with rows added to Actions and Contacts), end to end
 * through the command line; each failed on the code before it.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { readMarksBytes } from "../../src/files/read-file";
import { ActionRow, Contact, TrackerData } from "../../src/files/tracker";
import { actionsFromGrid } from "../../src/files/tracker";
import { ACTIONS_SHEET } from "../../src/files/tracker-layout";
import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";

const SAMPLE = join(__dirname, "../../samples/sample-tracker.xlsx");
const OLLIE = "P873412315370"; // parents: 1 Ms Zara O'Brien, 2 Mr Reuben O'Brien
let dir: string;
let sample: TrackerData;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "case-record-"));
  sample = await readMarksBytes({ bytes: readFileSync(SAMPLE) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

const bodyText = (file: string) => new PizZip(readFileSync(file)).file("word/document.xml")!.asText().replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&apos;/g, "'").replace(/\u00a0/g, " ");

let n = 0;
/** A copy of the sample with rows added to Actions and Contacts. */
async function copy(more: { actions?: Array<Partial<ActionRow>>; contacts?: Array<Partial<Contact>> }): Promise<string> {
  const base = sample.actions.length + 1;
  const actions = [
    ...sample.actions,
    ...(more.actions ?? []).map((a, i) => ({ id: `X${base + i}`, date: "", upn: OLLIE, action: "", detail: "", parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "", row: 0, ...a }) as ActionRow),
  ];
  const contacts = [...sample.contacts, ...(more.contacts ?? []).map((c) => ({ upn: OLLIE, title: "", forename: "", surname: "", relationship: "", parentalResponsibility: "Y", livesWithPupil: true, address: ["1 High Street", "Ashford"], postcode: "AV1 1AA", email: "", phone: "", preferredContact: "", row: 0, ...c }) as Contact)];
  const file = join(dir, `copy-${++n}.xlsx`);
  writeFileSync(file, await trackerToBuffer(buildTracker({ dataset: sample.dataset, contacts, actions, settings: sample.settings })));
  return file;
}

const letter = (tracker: string, id: string, ...more: string[]) => {
  const out = join(dir, `out-${++n}`);
  return cli("letter", id, "--tracker", tracker, "--staff", "Ms Patel", "--out", out, ...more).then((r) => ({ ...r, out, files: existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".docx")) : [] }));
};

test("a back-dated Notice to Improve is true as at its date: the threshold met on 6 February is not stated on 12 January (exit 2)", async () => {
  const r = await letter(SAMPLE, "notice-to-improve", "--upn", OLLIE, "--parent", "1", "--date", "2026-01-12");
  expect(r.files).toEqual([]);
  expect(r.code).toBe(2);
  expect(r.err).toMatch(/was not met this school year \(up to 12 January 2026\)/);
  // Dated after it was met, the same letter is written, and lists no support given after its date.
  const ok = await letter(SAMPLE, "notice-to-improve", "--upn", OLLIE, "--parent", "1", "--date", "2026-02-09");
  expect(ok.code).toBe(0);
  expect(bodyText(join(ok.out, ok.files[0]))).toMatch(/2 February 2026: Meeting/);
});

test("a discussion summary dated before the meeting does not thank the parent for it", async () => {
  const r = await letter(SAMPLE, "discussion-summary", "--upn", OLLIE, "--parent", "1", "--date", "2026-01-12", "--field", "meeting.date=2026-02-02");
  expect(r.files).toEqual([]);
  expect(r.err).toMatch(/records no meeting Ms Zara O'Brien attended on that date/);
});

test("no third penalty notice is threatened: two in 3 years to Ms Zara O'Brien and the Notice to Improve is held back; evidence agrees", async () => {
  const t = await copy({ actions: [
    { date: "2024-05-10", action: "Penalty notice", detail: "Issued", parent: "Ms Zara O'Brien" },
    { date: "2025-06-10", action: "Penalty notice", detail: "Issued", parent: "Ms Zara O'Brien" },
  ] });
  const r = await letter(t, "notice-to-improve", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16");
  expect(r.files).toEqual([]);
  expect(r.err).toMatch(/may ask for a penalty notice, but Ms Zara O'Brien has had 2 penalty notices .* no further notice may be issued/);
  // The other parent has had none: the Notice to him stands.
  expect((await letter(t, "notice-to-improve", "--upn", OLLIE, "--parent", "2", "--date", "2026-03-16")).files).toHaveLength(1);
});

test("meetings are matched by parent: the father is not thanked for the mother's meeting, nor told he missed one he was not invited to", async () => {
  const t = await copy({ actions: [{ date: "2026-03-02", action: "Meeting", detail: "Contract meeting", parent: "Ms Zara O'Brien", outcome: "Did not attend" }] });
  const thanks = await letter(t, "thank-you-summary-of-support", "--upn", OLLIE, "--parent", "2", "--date", "2026-03-16", "--field", "meeting.date=2026-02-02", "--field", "meeting.agreed=Mentoring");
  expect(thanks.files).toEqual([]);
  expect(thanks.err).toMatch(/thanks Mr Reuben O'Brien for a meeting on 2 February 2026, but the actions log records no meeting Mr Reuben O'Brien attended/);
  const missed = await letter(t, "contract-meeting-not-attended", "--upn", OLLIE, "--parent", "2", "--date", "2026-03-16", "--field", "meeting.date=2026-03-02");
  expect(missed.files).toEqual([]);
  expect(missed.err).toMatch(/Mr Reuben O'Brien did not attend the meeting on 2 March 2026, but the actions log has no meeting on that date that Mr Reuben O'Brien was invited to/);
  // The mother, who was invited and did not come, is written to.
  expect((await letter(t, "contract-meeting-not-attended", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16", "--field", "meeting.date=2026-03-02")).files).toHaveLength(1);
});

test("the log and the letter agree: not 'we did not hear from you' after her call; not 'non-engagement' to a parent who attended, or one never contacted", async () => {
  const t = await copy({ actions: [
    { date: "2026-03-02", action: "Meeting", detail: "Contract meeting", parent: "Ms Zara O'Brien", outcome: "Did not attend" },
    { date: "2026-03-02", action: "Call", parent: "Ms Zara O'Brien", outcome: "Could not attend, asked to rearrange", direction: "Incoming" },
  ] });
  const r = await letter(t, "contract-meeting-not-attended", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16", "--field", "meeting.date=2026-03-02");
  expect(r.files).toEqual([]);
  expect(r.err).toMatch(/says we did not hear from Ms Zara O'Brien, but the actions log records a call with them on 2 March 2026 \("Could not attend, asked to rearrange"\)/);
  const attended = await letter(SAMPLE, "non-engagement", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16");
  expect(attended.err).toMatch(/records Ms Zara O'Brien at the meeting on 2 February 2026 \("Parent attended; targets agreed"\)/);
  const never = await letter(SAMPLE, "non-engagement", "--upn", OLLIE, "--parent", "2", "--date", "2026-03-16");
  expect(never.files).toEqual([]);
  expect(never.err).toMatch(/no letter, call or meeting invitation to Mr Reuben O'Brien/);
});

test("the Notice to Improve's period is checked: end before start, 12 school weeks, a start before the letter's date", async () => {
  const base = ["--upn", OLLIE, "--parent", "1", "--date", "2026-03-16"];
  const backwards = await letter(SAMPLE, "notice-to-improve", ...base, "--field", "nti.periodStart=2026-03-17", "--field", "nti.periodEnd=2026-03-10");
  expect(backwards.err).toMatch(/ends \(10 March 2026\) on or before it starts \(17 March 2026\)/);
  const long = await letter(SAMPLE, "notice-to-improve", ...base, "--field", "nti.periodStart=2026-03-17", "--field", "nti.periodEnd=2026-06-12");
  expect(long.err).toMatch(/is \d+ school weeks; it must be 3 to 6 school weeks/);
  const early = await letter(SAMPLE, "notice-to-improve", ...base, "--field", "nti.periodStart=2026-03-02", "--field", "nti.periodEnd=2026-04-24");
  expect(early.err).toMatch(/cannot start \(2 March 2026\) before the Notice to Improve's date \(16 March 2026\)/);
  for (const r of [backwards, long, early]) expect([r.code, r.files.length]).toEqual([2, 0]);
});

test("hand-over times: not before the letter's date, not in the future", async () => {
  const base = ["--upn", OLLIE, "--parent", "1", "--date", "2026-03-16", "--delivery", "hand"];
  const before = await letter(SAMPLE, "attendance-monitoring", ...base, "--handed-at", "10/03/2026 08:40");
  expect(before.err).toMatch(/before the letter's date/);
  const ahead = await letter(SAMPLE, "attendance-monitoring", ...base, "--handed-at", "16/03/2099 08:40");
  expect(ahead.err).toMatch(/is in the future/);
  expect([before.code, ahead.code]).toEqual([2, 2]);
});

test("parental responsibility: a step-father without it who lives elsewhere gets no Notice to Improve, and evidence proposes no penalty notice for him", async () => {
  const t = await copy({ contacts: [{ title: "Mr", forename: "Dan", surname: "Step", relationship: "Step-father", parentalResponsibility: "N", livesWithPupil: false }] });
  const r = await letter(t, "notice-to-improve", "--upn", OLLIE, "--parent", "3", "--date", "2026-03-16");
  expect(r.files).toEqual([]);
  expect(r.err).toMatch(/Mr Dan Step does not have parental responsibility and does not live with the pupil/);
  const e = await cli("evidence", "--tracker", t, "--upn", OLLIE, "--json");
  const next = JSON.parse(e.out).nextPenaltyNotice as Array<{ parent: string; allowed: boolean; amount: number | null }>;
  expect(next.find((x) => x.parent === "Mr Dan Step")).toMatchObject({ allowed: false, amount: null });
  expect(next.find((x) => x.parent === "Ms Zara O'Brien")).toMatchObject({ allowed: true, amount: 160 });
});

test("every letter kept: two parents of one name, and names in other scripts, get a letter each, each logged once; a refused letter exits 2", async () => {
  const t = await copy({ contacts: [
    { title: "Mr", forename: "John", surname: "Lewis" },
    { title: "Mr", forename: "John", surname: "Lewis", address: ["2 Low Road", "Ashford"] },
    { forename: "سارة", surname: "خان" },
    { forename: "Ελένη", surname: "Παππά" },
  ] });
  const r = await letter(t, "attendance-monitoring", "--upn", OLLIE, "--all-parents", "--date", "2026-03-16");
  expect(r.code).toBe(0);
  expect(r.files).toHaveLength(6);
  expect(new Set(r.files).size).toBe(6);
  expect(r.files.some((f) => f.includes("سارة خان")) && r.files.some((f) => f.includes("Ελένη Παππά"))).toBe(true);
  expect(readFileSync(join(r.out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(6);
  // Again into the same folder without --force: nothing replaced, nothing logged twice, exit 2.
  const again = await cli("letter", "attendance-monitoring", "--tracker", t, "--staff", "Ms Patel", "--out", r.out, "--upn", OLLIE, "--parent", "3", "--date", "2026-03-16");
  expect(again.code).toBe(2);
  expect(again.err).toMatch(/already exists/);
  expect(readFileSync(join(r.out, "evidence.tsv"), "utf8").trim().split("\n")).toHaveLength(6);
});

test("round trip: the sample's letters written, their evidence.tsv pasted into the Actions table, then evidence and the follow-up letter read them as the right kinds", async () => {
  const nti = await letter(SAMPLE, "notice-to-improve", "--upn", OLLIE, "--parent", "1", "--date", "2026-02-09");
  const mon = await letter(SAMPLE, "attendance-monitoring", "--upn", OLLIE, "--parent", "2", "--date", "2026-02-09");
  expect([nti.files.length, mon.files.length]).toEqual([1, 1]);
  const header = ACTIONS_SHEET.columns.map((c) => c.header);
  const lines = [nti, mon].map((r) => readFileSync(join(r.out, "evidence.tsv"), "utf8").replace(/\n$/, "").split("\t"));
  // Pasted under the table: the reader gives each row as the tracker would.
  const pasted = actionsFromGrid({ header, rows: lines }).map((a, i) => ({ ...a, id: `P${i + 1}` }));
  const t = await copy({ actions: pasted });
  const e = await cli("evidence", "--tracker", t, "--upn", OLLIE, "--json", "--as-of", "2026-03-13");
  const ev = JSON.parse(e.out);
  expect(ev.noticesToImprove).toHaveLength(1);
  expect(ev.noticesToImprove[0]).toMatchObject({ parent: "Ms Zara O'Brien", issuedOn: "2026-02-09", periodStart: "2026-02-10" });
  expect(ev.readiness.steps.find((s: { step: number }) => s.step === 9).status).toBe("evidenced");
  expect(JSON.stringify(ev.chronology)).toMatch(/Attendance monitoring letter/);
  // The follow-up letter finds the Notice and its period, as the Notice stated it.
  const follow = await letter(t, "improvement-not-being-met", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-13");
  expect(follow.err).not.toMatch(/No Notice to Improve/);
  if (follow.files.length) expect(bodyText(join(follow.out, follow.files[0]))).toMatch(/On 9 February 2026 we gave you a Notice to Improve.*runs to/s);
  else expect(follow.err).toMatch(/since the Notice to Improve of 9 February 2026/);
  // The father was sent no Notice: the follow-up is refused for him.
  expect((await letter(t, "improvement-not-being-met", "--upn", OLLIE, "--parent", "2", "--date", "2026-03-13")).err).toMatch(/No Notice to Improve to Mr Reuben O'Brien/);
});

describe("the referral pack to what local authorities ask for, and the Notice's words", () => {
  test("a threshold resting on unresolved N marks is flagged, not called met, in the pack and in readiness", async () => {
    const file = join(dir, "pack-n.docx");
    const r = await cli("evidence", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--out", file);
    expect(r.code).toBe(0);
    const text = bodyText(file);
    expect(text).toMatch(/National threshold: Not met: reached only by counting 6 sessions still marked N/);
    expect(text).toMatch(/Unresolved N marks: 6 sessions are still marked N/);
    expect(text).not.toMatch(/National threshold met/);
    expect(text).not.toMatch(/a penalty notice must be considered/);
    expect(text).toMatch(/reached only by counting unresolved N marks: not met until their reasons are recorded/);
  });

  test("the pack holds, per parent, the certificate for the offence period with the signatory, the letters as exhibits, a witness statement draft, social care status and the pupil's address; trust stages are not meetings", async () => {
    const file = join(dir, "pack-ollie.docx");
    expect((await cli("evidence", "--tracker", SAMPLE, "--upn", OLLIE, "--staff", "Ms Patel", "--out", file)).code).toBe(0);
    const text = bodyText(file);
    expect(text).toMatch(/Address: .*AV\d/);
    expect(text).toMatch(/child in need \(CIN\): (Yes|No); child protection plan \(CP\): (Yes|No); looked after \(CLA\): (Yes|No)/);
    expect(text).toMatch(/No N marks remain/);
    expect(text).toMatch(/2\. Each parent: in law, support offered, notices/);
    expect(text).toMatch(/Mr Reuben O'Brien\nYes\nNone recorded for this parent/);
    expect(text).toMatch(/EX1\n05\/12\/2025\nInitial attendance support/);
    expect(text).toMatch(/Certificate of attendance for the offence period \(section 566, Education Act 1996\)/);
    expect(text).toMatch(/I, Ms J\. Okafor, .*the head teacher of Ashford Vale Academy or a person authorised by the head teacher/);
    expect(text).toMatch(/Witness statement \(draft/);
    expect(text).toMatch(/Criminal Justice Act 1967, section 9/);
    expect(text).toMatch(/Trust ladder: reached Stage 3: year leader meeting/);
    expect(text).not.toMatch(/\nReached Stage/);
  });

  test("the Notice to Improve states the parent's duty under section 7 and names the member of staff to contact; no '1 sessions'", async () => {
    const r = await letter(SAMPLE, "notice-to-improve", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16");
    const text = bodyText(join(r.out, r.files[0]));
    expect(text).toMatch(/legal duty under section 7 of the Education Act 1996/);
    expect(text).toMatch(/Your contact at school for this notice is Ms Patel/);
    expect(text).not.toMatch(/\b1 sessions\b/);
    // evidence.tsv: the Notice is logged as a Notice to Improve with the period it states.
    const line = readFileSync(join(r.out, "evidence.tsv"), "utf8").split("\t");
    expect(line.slice(3, 5)).toEqual(["Notice to Improve", "Issued"]);
    const start = ACTIONS_SHEET.columns.findIndex((c) => c.header === "Period start");
    expect(line.slice(start, start + 2)).toEqual(["2026-03-17", text.includes("27 April 2026") ? "2026-04-27" : "2026-05-11"]);
    expect(text).toMatch(/starts on Tuesday 17 March 2026 and ends on Monday (27 April|11 May) 2026/);
  });

  test("the attendance contract's sign-off is kept with its last paragraph, before the signature boxes", async () => {
    const r = await letter(SAMPLE, "attendance-contract", "--upn", OLLIE, "--parent", "1", "--date", "2026-03-16", "--field", "contract.start=2026-03-20", "--field", "contract.review=2026-05-11");
    const xml = new PizZip(readFileSync(join(r.out, r.files[0]))).file("word/document.xml")!.asText();
    expect(xml.indexOf("Yours sincerely")).toBeLessThan(xml.indexOf("Signed (parent)"));
    expect(xml.slice(0, xml.indexOf("Yours sincerely")).lastIndexOf("<w:keepNext/>")).toBeGreaterThan(xml.slice(0, xml.indexOf("Yours sincerely")).lastIndexOf("<w:p>") - 1);
  });
});
