/**
 * Issue 23, the Word pane's letters: the letter the facts allow (a held-back Notice to Improve is
 * never the suggestion), this week's letters from the engine, each parent's delivery from their
 * Preferred contact, a parent who cannot receive a delivery known before Write, plain labels for
 * every merge field, each form field once, and every date field a date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { readActionLog } from "../../src/engine/actions";
import { preferredDelivery } from "../../src/engine/contact-rules";
import { weeklyActions } from "../../src/engine/key-groups";
import { lettersDueThisWeek } from "../../src/engine/letters-due";
import { resolvePolicy, settingsToOverrides } from "../../src/engine/policy";

import { readMarksBytes } from "../../src/files/read-file";
import { buildPupilRecord } from "../../src/files/pupil-record";
import { builtInCatalogue, lettersForRecord } from "../../src/letters/catalogue";
import { fieldLabel, FIELD_LABELS, isDateField } from "../../src/letters/fields";
import { buildMergeData } from "../../src/letters/merge-data";
import { cannotReceive, letterTheFactsAllow } from "../../src/letters/produce";
import { TEMPLATES } from "../../src/letters/templates";

async function sample() {
  const tracker = await readMarksBytes(readFileSync(join(__dirname, "../../samples/sample-tracker.xlsx")));
  const settings = settingsToOverrides(tracker.settings);
  const policy = resolvePolicy(settings.overrides).policy;
  const a = analyse(tracker.dataset, { asOf: settings.asOf, policy });
  const log = readActionLog(tracker.actions);
  const open = (upn: string) => {
    const i = a.pupils.findIndex((p) => p.upn === upn);
    return { record: buildPupilRecord(a, i, tracker), factSource: { analysis: a, pupilIndex: i, entries: log.entries.filter((e) => e.upn === upn && e.supersededBy === null) } };
  };
  // Letters dated on the day of the last marks: facts are as at the letter's date (issue 20).
  return { tracker, a, policy, open, date: a.calendar.asOf };
}

let s: Awaited<ReturnType<typeof sample>>;
beforeAll(async () => {
  s = await sample();
}, 60_000);

const catalogue = builtInCatalogue();

test("sample pupil T873412316124 (unresolved N marks): the Notice to Improve is held back, never suggested, and the reason names no setting", () => {
  const { record, factSource } = s.open("T873412316124");
  const wanted = lettersForRecord(record, s.policy);
  expect(wanted).toContain("notice-to-improve");
  const candidates = wanted.map((id) => catalogue.find((e) => e.id === id)!);
  const choice = letterTheFactsAllow(record, candidates, { date: s.date, delivery: "post", staff: "", policy: s.policy, factSource });
  expect(choice.id).not.toBe("notice-to-improve");
  const held = choice.heldBack.find((h) => h.id === "notice-to-improve")!;
  expect(held.reason).toMatch(/N marks/);
  // Plain words: no internal setting name (unresolvedN.holdLegalLetters, trend.changePoints).
  expect(held.reason).not.toMatch(/\b[a-z]+[A-Z]\w*\.[a-z]+[A-Z]?\w*\b/);
});

test("this week's letters are the week's actions that are letters, with the letters the record suggests (one engine list for pane and command line)", () => {
  const due = lettersDueThisWeek(s.a);
  const actions = weeklyActions(s.a).filter((w) => w.letter !== null);
  expect(due.map((d) => d.upn)).toEqual(actions.map((w) => w.upn));
  expect(due.length).toBeGreaterThan(0);
  for (const d of due) {
    const { record } = s.open(d.upn);
    expect(d.letters).toEqual(lettersForRecord(record, s.policy));
    expect(d.letters[0]).toBe(actions.find((w) => w.upn === d.upn)!.letter);
  }
});

test("each parent's delivery comes from the Contacts sheet's Preferred contact", () => {
  expect(preferredDelivery("Email")).toBe("email");
  expect(preferredDelivery(" e-mail ")).toBe("email");
  expect(preferredDelivery("Post")).toBe("post");
  expect(preferredDelivery("By hand")).toBe("hand");
  expect(preferredDelivery("Phone")).toBeNull();
  expect(preferredDelivery("")).toBeNull();
  const withPreference = s.tracker.contacts.filter((c) => c.preferredContact.trim() !== "");
  expect(withPreference.length).toBeGreaterThan(0);
  for (const c of withPreference.slice(0, 50)) expect(preferredDelivery(c.preferredContact)).not.toBeNull();
});

test("a parent with no postal address cannot be sent a letter by post, nor one with no email by email: said before writing", () => {
  const entry = catalogue.find((e) => e.id === "attendance-monitoring")!;
  for (const c of s.tracker.contacts.slice(0, 400)) {
    const { record } = s.open(c.upn);
    const i = record.parents.findIndex((p) => p.surname === c.surname && p.forename === c.forename);
    const p = record.parents[i];
    if (p.address.length === 0 && !p.postcode) expect(cannotReceive(record, entry, i, "post")).toMatch(/postal address/);
    if (!p.email) expect(cannotReceive(record, entry, i, "email")).toMatch(/email/i);
  }
});

test("every merge field the form can show has a plain label (never \"Pupil upn\", \"Penalty first\")", () => {
  const { record } = s.open("T873412316124");
  const data = buildMergeData(record, TEMPLATES[0], { parent: 0, date: s.date, delivery: "post", staff: "Ms Patel" });
  const paths: string[] = [];
  const walk = (v: unknown, prefix: string) => {
    if (Array.isArray(v)) return; // lists (the sessions table) are not form fields
    if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, prefix ? `${prefix}.${k}` : k);
    else paths.push(prefix);
  };
  walk(data, "");
  const shown = paths.filter((p) => ["pupil", "school", "attendance", "threshold", "nti", "penalty"].includes(p.split(".")[0]) && p !== "school.addressLines");
  expect(shown.filter((p) => !FIELD_LABELS[p])).toEqual([]);
  expect(fieldLabel("pupil.upn")).toBe("the pupil's UPN");
  // A trust's own field: its name in words, the group as owner.
  expect(fieldLabel("pupil.homeLanguage")).toBe("the pupil's home language");
  expect(fieldLabel("nti.extraNote")).toBe("the Notice to Improve's extra note");
});

test("no template lists a field twice (the Notice to Improve listed its improvement wording as required and optional)", () => {
  for (const t of TEMPLATES) expect({ id: t.id, both: t.required.filter((f) => t.optional.includes(f)) }).toEqual({ id: t.id, both: [] });
});

test("every date field is a date (the improvement period's start took free text)", () => {
  for (const f of ["nti.periodStart", "nti.periodEnd", "meeting.date", "contract.start", "leave.from", "leave.to", "previousLetterDate", "medical.dueDate"]) expect({ f, date: isDateField(f) }).toEqual({ f, date: true });
  for (const f of ["nti.improvement", "meeting.place", "meeting.time", "referral.officer"]) expect({ f, date: isDateField(f) }).toEqual({ f, date: false });
});
