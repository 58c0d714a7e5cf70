/** The toolkit's letters: every template fills completely from a pupil's record, one letter per parent, by the contact rules. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import PizZip from "pizzip";
import { readActionLog, validateAction } from "../../src/engine/actions";
import { pupilEvidence } from "../../src/engine/evidence";
import { evidencePackData } from "../../src/letters/evidence-pack";
import { analyse, Analysis } from "../../src/engine/analyse";
import { allowedDeliveries, contactWarnings, deliveryRecordProblems, looksLikeFamilyInbox } from "../../src/engine/contact-rules";
import { schoolYearStartFor } from "../../src/engine/calendar";
import { formatUkLong, parseDate } from "../../src/engine/dates";
import { periodCounts } from "../../src/engine/period";
import { resolvePolicy, settingsToOverrides } from "../../src/engine/policy";
import { buildPupilRecord, PupilRecordV1 } from "../../src/files/pupil-record";
import { readMarksBytes } from "../../src/files/read-file";
import { TrackerData } from "../../src/files/tracker";
import { builtInCatalogue, parseCustomCatalogue, suggestedFirst } from "../../src/letters/catalogue";
import { buildDocx } from "../../src/letters/ooxml";
import { produceLetters } from "../../src/letters/produce";
import { evidenceToAction, evidenceToTsv, LetterBlockedError, readLetterEvidence, renderLetter } from "../../src/letters/render";
import { buildMergeData } from "../../src/letters/merge-data";
import { ACTIONS_SHEET } from "../../src/files/tracker-layout";
import { thresholdWindow } from "../../src/engine/letter-facts";
import { letterParts, TEMPLATES } from "../../src/letters/templates";
import { SAMPLE_FIELDS } from "./fixtures";

const ROOT = join(__dirname, "../..");
const template = (id: string) => readFileSync(join(ROOT, "assets/letters", `${id}.docx`));

/** The document's text: paragraphs joined, so tags split across runs would show. */
function docText(bytes: Uint8Array): string {
  const zip = new PizZip(bytes);
  return ["word/document.xml", "word/header1.xml", "word/footer1.xml"]
    .map((f) => zip.file(f)!.asText())
    .join("\n")
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/\u00a0/g, " ");
}

let tracker: TrackerData;
let analysis: Analysis;
let record: PupilRecordV1;
let extra: Record<string, unknown>;
beforeAll(async () => {
  tracker = await readMarksBytes(readFileSync(join(ROOT, "samples/sample-tracker.xlsx")));
  analysis = analyse(tracker.dataset, { policy: resolvePolicy(settingsToOverrides(tracker.settings).overrides).policy });
  // A pupil who met the threshold, with two parents who both live with them and have addresses.
  const i = analysis.pupils.findIndex((p, k) => {
    const parents = tracker.contacts.filter((c) => c.upn === p.upn);
    return p.nationalThreshold.sessionsInCurrentWindow >= 10 && parents.length === 2 && parents.every((c) => c.livesWithPupil && c.address.length > 0 && c.postcode) && k >= 0;
  });
  expect(i).toBeGreaterThanOrEqual(0);
  record = buildPupilRecord(analysis, i, tracker);
  extra = evidencePackData(analysis, i, pupilEvidence(analysis, i, readActionLog(tracker.actions)));
});

describe("every template (issue 4): fills with the sample data, no tag left, every value present", () => {
  test("the catalogue lists every toolkit document, each with its file", () => {
    const ids = builtInCatalogue().map((e) => e.id);
    expect(ids).toEqual(expect.arrayContaining(["attendance-monitoring", "medical-evidence-request", "leave-authorised", "leave-not-authorised", "failed-to-return-from-leave", "leave-not-authorised-no-application", "initial-attendance-support", "discussion-summary", "no-response-further-absences", "no-response-no-further-absences", "declining-attendance-invitation", "thank-you-summary-of-support", "non-engagement", "where-does-my-child-sit", "learning-hours-lost", "contract-meeting-invitation", "contract-meeting-rearranged", "attendance-contract", "contract-meeting-not-attended", "contract-not-kept", "notice-to-improve", "section-444-checklist"]));
    // The ids the engine's stage ladder and next steps suggest all exist.
    for (const s of analysis.policy.stages) if (s.letter) expect(ids).toContain(s.letter);
    expect(ids).toContain("no-response-further-absences");
  });

  // Templates that assert facts are rendered against pupils for whom each fact holds and fails in facts.test.ts.
  test.each(TEMPLATES.filter((t) => t.facts.length === 0).map((t) => t.id))("%s", (id) => {
    const tpl = TEMPLATES.find((t) => t.id === id)!;
    const { letters, blocked } = produceLetters(record, tpl, template(id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", fields: SAMPLE_FIELDS, policy: analysis.policy, readiness: { steps: [{ step: 8, name: "Attendance contract", required: true, status: "missing", evidence: [], message: "No contract." }], ready: false, missing: ["Attendance contract"] } }, (d) => ({ ...d, ...extra }));
    expect(blocked).toEqual([]);
    expect(letters).toHaveLength(tpl.addressedTo === "internal" ? 1 : 2);
    const text = docText(letters[0].bytes);
    expect(text).not.toMatch(/[{}]/);
    expect(text).not.toMatch(/undefined|null|NaN|\[object/);
    expect(text).toContain(record.pupil.forename!);
    expect(text).toContain("Ashford Vale Academy");
    expect(text).toContain(tpl.addressedTo === "internal" ? "16 March 2026" : `Dear ${record.parents[0].title} ${record.parents[0].surname}`);
    if (tpl.addressedTo !== "internal") {
      // Each letter is addressed to its own parent only.
      expect(docText(letters[1].bytes)).toContain(`Dear ${record.parents[1].title} ${record.parents[1].surname}`);
      expect(docText(letters[1].bytes)).not.toContain(`Dear ${record.parents[0].title} ${record.parents[0].surname}`);
    }
  });

  test("the notice to improve lists each unauthorised session in the window that met the threshold with a UK long date", () => {
    const tpl = TEMPLATES.find((t) => t.id === "notice-to-improve")!;
    const i = analysis.pupils.findIndex((p) => p.upn === "B873412314247");
    const r = buildPupilRecord(analysis, i, tracker);
    const entries = readActionLog(tracker.actions).entries.filter((e) => e.upn === r.pupil.upn);
    const { letters } = produceLetters(r, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", policy: analysis.policy, factSource: { analysis, pupilIndex: i, entries } });
    const text = docText(letters[0].bytes);
    const window = thresholdWindow(analysis, i, analysis.calendar.schoolYearStart, analysis.calendar.asOf, ["G", "O", "U"])!;
    expect(window.sessions.length).toBeGreaterThanOrEqual(10);
    for (const c of window.sessions) {
      const d = new Date(c.session.slice(0, 10) + "T00:00:00Z");
      expect(text).toContain(`${d.getUTCDate()} ${d.toLocaleString("en-GB", { month: "long", timeZone: "UTC" })} ${d.getUTCFullYear()}`);
    }
    expect(text).toMatch(/£160.*£80 if paid within 21 days/s);
  });

  test("the committed .docx templates match the wording in the source (npm run letters rebuilds them)", () => {
    for (const tpl of TEMPLATES) {
      const rebuilt = new PizZip(buildDocx({ title: tpl.title, ...letterParts(tpl), properties: {} })).file("word/document.xml")!.asText();
      expect({ id: tpl.id, same: new PizZip(template(tpl.id)).file("word/document.xml")!.asText() === rebuilt }).toEqual({ id: tpl.id, same: true });
    }
  });
});

test("the evidence pack without the tracker's chronology (a pasted record) is blocked, saying why", () => {
  const tpl = TEMPLATES.find((t) => t.id === "evidence-pack")!;
  const r = produceLetters(record, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "hand", staff: "Ms Patel" });
  expect(r.blocked[0].reason).toMatch(/open the tracker file/);
});

describe("a required field left empty blocks the letter with a clear message", () => {
  test("an invitation without the meeting's date, time and place", () => {
    const tpl = TEMPLATES.find((t) => t.id === "declining-attendance-invitation")!;
    const data = buildMergeData(record, tpl, { parent: 0, date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel" });
    expect(() => renderLetter(template(tpl.id), data, tpl.required)).toThrow(new LetterBlockedError("This letter needs the meeting date, the meeting time, where the meeting is before it can be written.", []));
    const { letters, blocked } = produceLetters(record, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel" });
    expect(letters).toEqual([]);
    expect(blocked).toHaveLength(2);
  });

  test("a tag with no value is never printed: it blocks the letter", () => {
    const tpl = TEMPLATES.find((t) => t.id === "attendance-monitoring")!;
    const data = buildMergeData(record, tpl, { parent: 0, date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel" });
    delete (data.pupil as Record<string, unknown>).forename;
    expect(() => renderLetter(template(tpl.id), data, [])).toThrow(/no value for the pupil's first name/);
  });
});

describe("contact rules for letters (toolkit.md)", () => {
  const parent = { title: "Mrs", forename: "Sarah", surname: "Smith", email: "sarah.smith@example.com", address: ["1 Mill Lane", "Ashford Vale"], postcode: "AV1 2AB", livesWithPupil: true };
  test("a shared family inbox rules out email", () => {
    expect(looksLikeFamilyInbox("thesmithfamily@example.net")).toBe(true);
    expect(looksLikeFamilyInbox("sarah.smith@example.com")).toBe(false);
    expect(["home@example.net", "home.jones@example.net", "parents_khan@example.net", "family.jones@example.net"].filter(looksLikeFamilyInbox)).toHaveLength(4);
    // One person's name that merely starts like "home" or "parent" is not a shared inbox.
    expect(["homer.simpson@example.net", "parentinga@example.net"].filter(looksLikeFamilyInbox)).toEqual([]);
    const w = contactWarnings({ ...parent, email: "thesmithfamily@example.net" }, []);
    expect(w.map((x) => x.kind)).toEqual(["shared-email"]);
    expect(allowedDeliveries(w)).toEqual(["hand", "post"]);
    const other = { ...parent, forename: "John", title: "Mr" };
    expect(contactWarnings(parent, [parent, other]).map((x) => x.kind)).toEqual(["shared-email"]);
  });
  test("no postal address rules out post and hand delivery (a letter handed over is fully addressed)", () => {
    const w = contactWarnings({ ...parent, address: [], postcode: "" }, []);
    expect(allowedDeliveries(w)).toEqual(["email"]);
  });
  test("a parent who does not live with the pupil: a warning, and no leave letters", () => {
    const away = { ...record.parents[1], livesWithPupil: false };
    const r = { ...record, parents: [record.parents[0], away] };
    const leave = TEMPLATES.find((t) => t.id === "leave-not-authorised")!;
    const { letters, blocked } = produceLetters(r, leave, template(leave.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", fields: SAMPLE_FIELDS });
    expect(letters).toHaveLength(1);
    expect(blocked[0].reason).toMatch(/only a parent the pupil normally lives with/);
    const monitoring = TEMPLATES.find((t) => t.id === "attendance-monitoring")!;
    const m = produceLetters(r, monitoring, template(monitoring.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel" });
    expect(m.letters).toHaveLength(2);
    expect(m.letters[1].warnings.map((w) => w.kind)).toContain("not-living-with-pupil");
  });
});

describe("the record of how a letter goes out (toolkit.md: date, time, staff member, the parent it was handed to)", () => {
  const monitoring = () => TEMPLATES.find((t) => t.id === "attendance-monitoring")!;
  test("the rule: staff always; by hand, the date and time handed over", () => {
    expect(deliveryRecordProblems("post", { staff: "Ms Patel" })).toEqual([]);
    expect(deliveryRecordProblems("email", { staff: " " })[0]).toMatch(/member of staff sending the letter/);
    expect(deliveryRecordProblems("hand", { staff: "Ms Patel" })).toEqual(["A letter handed over needs the date and time it was handed over, for the evidence record."]);
    expect(deliveryRecordProblems("hand", { staff: "Ms Patel", handedAt: "16/03/2026 08:40" })).toEqual([]);
  });
  test("a letter without the staff member, or handed over without a time, is held back for every parent", () => {
    const base = { date: parseDate("2026-03-16")!, policy: analysis.policy };
    const noStaff = produceLetters(record, monitoring(), template("attendance-monitoring"), { ...base, delivery: "post", staff: "" });
    expect(noStaff.letters).toEqual([]);
    expect(noStaff.blocked.map((b) => b.reason)).toEqual([expect.stringMatching(/member of staff/), expect.stringMatching(/member of staff/)]);
    const noTime = produceLetters(record, monitoring(), template("attendance-monitoring"), { ...base, delivery: "hand", staff: "Ms Patel" });
    expect(noTime.letters).toEqual([]);
    expect(noTime.blocked[0].reason).toMatch(/date and time it was handed over/);
  });
  test("each parent's letter is handed to that parent: one 'handed to' name is not used for two letters", () => {
    const base = { date: parseDate("2026-03-16")!, policy: analysis.policy, delivery: "hand" as const, staff: "Ms Patel", handedAt: "16/03/2026 08:40" };
    const both = produceLetters(record, monitoring(), template("attendance-monitoring"), { ...base, handedTo: "Mrs Khan" });
    expect(both.letters).toEqual([]);
    expect(both.blocked[0].reason).toMatch(/can only be given when writing to one parent/);
    const each = produceLetters(record, monitoring(), template("attendance-monitoring"), base);
    expect(each.letters.map((l) => l.evidence.handedTo)).toEqual(each.letters.map((l) => l.parentName));
  });
});

describe("the period the figures cover", () => {
  test("by default this school year, from the record's figures for the year", () => {
    const tpl = TEMPLATES.find((t) => t.id === "learning-hours-lost")!;
    const data = buildMergeData(record, tpl, { parent: 0, date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", policy: analysis.policy });
    const att = data.attendance as Record<string, unknown>;
    expect(String(att.period).replace(/\u00a0/g, " ")).toBe(`this school year (up to ${formatUkLong(parseDate(record.asOf!)!)})`);
    const y = record.figures.thisSchoolYear;
    expect(att.sessionsMissed).toBe(y.authorised + y.unauthorised);
    expect(att.percent).toBe(`${y.attendancePercent!.toFixed(1)}%`);
  });
  test("periodCounts over the school year agrees with the analysis; a shorter period has its own figures", () => {
    const i = analysis.pupils.findIndex((p) => p.upn === record.pupil.upn);
    const asOf = parseDate(analysis.asOf!)!;
    const start = schoolYearStartFor(asOf, analysis.policy);
    const y = analysis.pupils[i].thisSchoolYear;
    expect(periodCounts(tracker.dataset, i, start, asOf)).toEqual({ possible: y.possible, attended: y.attended, authorised: y.authorised, unauthorised: y.unauthorised });
    const from = asOf - 27;
    const counts = periodCounts(tracker.dataset, i, from, asOf);
    expect(counts.possible).toBeGreaterThan(0);
    expect(counts.possible).toBeLessThan(y.possible);
    const tpl = TEMPLATES.find((t) => t.id === "attendance-monitoring")!;
    const { letters } = produceLetters(record, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel", policy: analysis.policy, parents: [0], period: { from, to: asOf, counts } });
    const text = docText(letters[0].bytes);
    expect(text).toContain(`Attendance from ${formatUkLong(from)} to ${formatUkLong(asOf)}`);
    expect(text).toContain(`Sessions missed (half days)\n${counts.authorised + counts.unauthorised}\n`);
  });
});

test("a letter without the school's name or signatory is blocked", () => {
  const tpl = TEMPLATES.find((t) => t.id === "attendance-monitoring")!;
  const r = produceLetters({ ...record, school: { ...record.school, name: "" } }, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "post", staff: "Ms Patel" });
  expect(r.letters).toEqual([]);
  expect(r.blocked[0].reason).toMatch(/the school's name/);
});

describe("evidence: every letter carries its record, which the actions log accepts", () => {
  test("document properties → actions entry → a line for the Actions table", () => {
    const tpl = TEMPLATES.find((t) => t.id === "learning-hours-lost")!;
    const handedTo = [record.parents[0].title, record.parents[0].surname].join(" ");
    const { letters } = produceLetters(record, tpl, template(tpl.id), { date: parseDate("2026-03-16")!, delivery: "hand", staff: "Ms Patel", handedTo, handedAt: "16/03/2026 08:40", parents: [0] });
    const e = readLetterEvidence(letters[0].bytes)!;
    expect(e).toMatchObject({ upn: record.pupil.upn, letterId: "learning-hours-lost", letterTitle: "Learning hours lost", date: "2026-03-16", delivery: "hand", staff: "Ms Patel", handedTo: [record.parents[0].title, record.parents[0].forename, record.parents[0].surname].join(" ") });
    const action = evidenceToAction(e);
    expect(validateAction(action)).toEqual([]);
    expect(action.outcome).toBe(`Handed to ${e.handedTo} at 16/03/2026 08:40`);
    expect(evidenceToTsv(e).split("\t")).toHaveLength(ACTIONS_SHEET.columns.length);
  });
});

describe("the catalogue: suggested letters first; a trust's own templates", () => {
  test("letters for the pupil's stage and next step come first", () => {
    const list = suggestedFirst(builtInCatalogue(), ["notice-to-improve", "declining-attendance-invitation"]);
    expect(list.slice(0, 2).map((e) => e.id)).toEqual(["notice-to-improve", "declining-attendance-invitation"]);
  });
  test("catalogue.json entries are checked", () => {
    const r = parseCustomCatalogue(JSON.stringify([{ id: "trust-welcome", title: "Welcome back", file: "welcome.docx", required: ["meeting.date"] }, { id: "Bad Id", title: "x", file: "x.docx" }]));
    expect(r.entries.map((e) => e.id)).toEqual(["trust-welcome"]);
    expect(r.problems[0]).toMatch(/entry 2: "id"/);
  });
});
