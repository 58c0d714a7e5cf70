/**
 * Issue 9: every letter declares the facts it asserts, and the engine checks each against the
 * register and the actions log for that pupil, period and parent. Each fact is tested with dates,
 * holding and failing, naming its rule (rules.md, toolkit.md); every template that declares facts is
 * rendered against a pupil for whom they hold (written) and one for whom one fails (held back, with
 * the sentence).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import PizZip from "pizzip";
import { ActionInput, readActionLog } from "../../src/engine/actions";
import { analyse, Analysis } from "../../src/engine/analyse";
import { parseDate } from "../../src/engine/dates";
import { readMarksGrid } from "../../src/import/grid";
import { checkLetterFacts, FactSource, LETTER_FACTS, LetterFactId } from "../../src/engine/letter-facts";
import { resolvePolicy } from "../../src/engine/policy";
import { buildPupilRecord } from "../../src/files/pupil-record";
import { Contact } from "../../src/files/tracker";
import { parseCustomCatalogue } from "../../src/letters/catalogue";
import { produceLetters } from "../../src/letters/produce";
import { TEMPLATES } from "../../src/letters/templates";
import { weekdays } from "../engine/build";

const ROOT = join(__dirname, "../..");
const template = (id: string) => readFileSync(join(ROOT, "assets/letters", `${id}.docx`));
const d = (s: string) => parseDate(s)!;
const docText = (bytes: Uint8Array) =>
  new PizZip(bytes).file("word/document.xml")!.asText().replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "").replace(/&amp;/g, "&").replace(/&apos;/g, "'").replace(/\u00a0/g, " ");

// Autumn 2025 to 13 March 2026, with the half-terms and Christmas holiday out.
const DAYS = weekdays("2025-09-01", "2026-03-13", [
  ["2025-10-27", "2025-10-31"],
  ["2025-12-22", "2026-01-02"],
  ["2026-02-16", "2026-02-20"],
]);
const range = (from: string, to: string) => DAYS.filter((x) => x >= from && x <= to);

/** Marks by date: each pupil's whole days with a code, present otherwise. */
const PUPILS: Record<string, { forename: string; days: Array<[string[], string]>; half?: Array<[string, string]> }> = {
  // Ill in September; 20 sessions of O from 2 to 13 March (the threshold met, attendance falling, not back after "leave").
  P1: { forename: "Amir", days: [[range("2025-09-15", "2025-09-23"), "I"], [range("2026-03-02", "2026-03-13"), "O"]] },
  // One day's illness in September, otherwise present.
  P2: { forename: "Bea", days: [[["2025-09-08"], "I"]] },
  // Term-time holiday only: 20 sessions of G.
  P3: { forename: "Cal", days: [[range("2026-02-23", "2026-03-06"), "G"]] },
  // 6 sessions of O and 6 of N in March: the threshold is met only by counting N.
  P4: { forename: "Dee", days: [[range("2026-03-02", "2026-03-04"), "O"], [range("2026-03-09", "2026-03-11"), "N"]] },
};

function dataset() {
  const sessions = DAYS.flatMap((x) => [`${x} AM`, `${x} PM`]);
  const rows = Object.entries(PUPILS).map(([upn, p]) => {
    const byDay = new Map<string, string>();
    for (const [days, code] of p.days) for (const x of days) byDay.set(x, code);
    return [upn, p.forename, "Able", ...sessions.map((s) => byDay.get(s.slice(0, 10)) ?? (s.endsWith("PM") ? "\\" : "/"))];
  });
  return readMarksGrid({ header: ["UPN", "Forename", "Surname", ...sessions], rows });
}

let seq = 0;
const act = (upn: string, date: string, action: string, detail = "", more: Partial<ActionInput> = {}): ActionInput => ({
  id: `A${String(++seq).padStart(4, "0")}`,
  date,
  upn,
  action,
  detail,
  parent: "",
  staff: "Ms Patel",
  outcome: "",
  notes: "",
  supersedes: "",
  ...more,
});

const ACTIONS: ActionInput[] = [
  act("P1", "2025-10-06", "Support offered", "Mentoring"),
  act("P1", "2026-02-02", "Attendance contract", "Agreed"),
  act("P1", "2026-02-09", "Meeting", "Review", { outcome: "Attended", agreed: "A morning check-in with Mr Hughes" }),
  act("P1", "2026-02-23", "Meeting", "Contract review", { outcome: "Did not attend" }),
  act("P1", "2026-02-24", "Letter", "No response, and further absences"),
  // Written without the title on the Contacts sheet: the same parent (issue 9, item 6).
  act("P1", "2026-03-03", "Notice to Improve", "Issued", { parent: "Ann Able" }),
  act("P2", "2026-01-05", "Letter", "Attendance monitoring letter"),
  act("P4", "2026-01-05", "Support offered", "Early help"),
  // Issue 20: contacted, and not heard from (the call was not answered).
  act("P4", "2026-01-12", "Call", "", { outcome: "No answer" }),
];

const contact = (upn: string, title: string, forename: string, row: number): Contact => ({
  upn,
  title,
  forename,
  surname: "Able",
  relationship: "Mother",
  parentalResponsibility: "Yes",
  livesWithPupil: true,
  address: ["1 High Street", "Ashford Vale"],
  postcode: "AV1 1AA",
  email: "",
  phone: "",
  preferredContact: "",
  row,
});
const CONTACTS = Object.keys(PUPILS).map((upn, i) => contact(upn, "Mrs", "Ann", i + 2));

let analysis: Analysis;
const log = () => readActionLog(ACTIONS.map((a, i) => ({ ...a, row: i + 2 })));
beforeAll(() => {
  analysis = analyse(dataset(), { asOf: "2026-03-13", policy: resolvePolicy({ school: { name: "Ashford Vale Academy", signatoryName: "Ms J. Okafor" } }).policy });
});
const source = (upn: string, a: Analysis = analysis): FactSource => {
  const i = a.pupils.findIndex((p) => p.upn === upn);
  return { analysis: a, pupilIndex: i, entries: log().entries.filter((e) => e.upn === upn && e.supersededBy === null) };
};
const check = (upn: string, fact: LetterFactId, fields: Record<string, string> = {}, more: { letterDate?: string; parent?: string; a?: Analysis } = {}) => {
  const r = checkLetterFacts(source(upn, more.a), [fact], { letterDate: d(more.letterDate ?? "2026-03-16"), fields, parent: more.parent ?? "Mrs Ann Able" });
  return { holds: r.results[0].holds, sentence: r.results[0].sentence, data: r.data };
};

describe("each fact, holding and failing, with dates", () => {
  test("threshold-met (rules.md: 10 sessions of unauthorised absence within 10 school weeks): quotes the window that met it, at least 10 sessions", () => {
    const met = check("P1", "threshold-met");
    expect(met.holds).toBe(true);
    const w = met.data.thresholdMet as { count: number; windowStart: string; windowEnd: string; sessions: unknown[] };
    // Anchored on the week of the last counted session (9-13 March); 10 school weeks back, half-term not counted.
    // 9 Mar, 2 Mar, 23 Feb, (half-term), 9 Feb, 2 Feb, 26 Jan, 19 Jan, 12 Jan, 5 Jan, (Christmas), 15 Dec.
    expect(w).toMatchObject({ count: 20, windowStart: "Monday 15 December 2025", windowEnd: "Friday 13 March 2026" });
    expect(w.sessions).toHaveLength(20);
    const never = check("P2", "threshold-met");
    expect(never.holds).toBe(false);
    expect(never.sentence).toMatch(/national threshold \(10 sessions of unauthorised absence within 10 school weeks\) was not met this school year \(up to 13 March 2026\): the most in any 10 school weeks was 0 sessions/);
  });

  test("threshold-met for a period: a window that ended before the letter's period is not quoted", () => {
    const r = checkLetterFacts(source("P1"), ["threshold-met"], { letterDate: d("2026-03-16"), from: d("2026-01-05"), to: d("2026-02-27") });
    expect(r.results[0].holds).toBe(false);
    expect(r.failures[0]).toMatch(/was not met from 5 January 2026 to 27 February 2026/);
  });

  test("unresolved N marks (issue 9, item 2): the threshold met only by counting N holds a legal letter back, unless the policy says otherwise", () => {
    const held = check("P4", "threshold-met");
    expect(held.holds).toBe(false);
    expect(held.sentence).toMatch(/^Unresolved N marks: .* only by counting 6 sessions still marked N \(reason not yet provided: Monday 9 March 2026 morning/);
    const counting = analyse(dataset(), { asOf: "2026-03-13", policy: resolvePolicy({ unresolvedN: { holdLegalLetters: false } }).policy });
    const r = check("P4", "threshold-met", {}, { a: counting });
    expect(r.holds).toBe(true);
    expect((r.data.thresholdMet as { count: number }).count).toBe(12);
  });

  test("not-holiday-only (rules.md: a Notice to Improve is not used for term-time holiday), judged from the sessions that met the threshold", () => {
    expect(check("P1", "not-holiday-only").holds).toBe(true);
    const g = check("P3", "not-holiday-only");
    expect(g.holds).toBe(false);
    expect(g.sentence).toMatch(/Every session that met the threshold \(8 December 2025 to 6 March 2026\) is term-time holiday \(G\)/);
  });

  test("no-further-absence-since / further-absence-since: counted from the earlier letter (the log's, or previousLetterDate)", () => {
    expect(check("P2", "no-further-absence-since")).toMatchObject({ holds: true, data: { previousLetterDate: "Monday 5 January 2026" } });
    const p1 = check("P1", "no-further-absence-since");
    expect(p1.holds).toBe(false);
    expect(p1.sentence).toMatch(/no further absences since 24 February 2026 .* but the register shows 20 sessions of absence since then \(20 unauthorised\)/);
    expect(check("P1", "further-absence-since").holds).toBe(true);
    expect(check("P2", "further-absence-since").sentence).toMatch(/further absences since 5 January 2026 .* but the register shows none/);
    // A date given in the form wins over the log.
    expect(check("P1", "no-further-absence-since", { previousLetterDate: "2026-03-13" }).sentence).toMatch(/There are no marks after 13 March 2026 yet/);
    expect(check("P4", "further-absence-since").sentence).toMatch(/No earlier letter is recorded/);
  });

  test("no-reply-since: no call, meeting or home visit logged since the earlier letter", () => {
    expect(check("P1", "no-reply-since").holds).toBe(true);
    const replied = check("P1", "no-reply-since", { previousLetterDate: "2026-02-01" });
    expect(replied.holds).toBe(false);
    expect(replied.sentence).toMatch(/records attendance contract on 2 February 2026, meeting on 9 February 2026 since the letter of 1 February 2026/);
  });

  test("absence-mostly-illness: at least half of the sessions missed are illness (I)", () => {
    expect(check("P2", "absence-mostly-illness")).toMatchObject({ holds: true, data: { illness: { sessions: 2, missed: 2 } } });
    expect(check("P1", "absence-mostly-illness").sentence).toMatch(/only 14 of the 34 sessions missed are recorded as illness/);
  });

  test("attendance-falling (policy trend: last 4 school weeks against the period, by 2 points)", () => {
    expect(check("P1", "attendance-falling").holds).toBe(true);
    expect(check("P2", "attendance-falling").sentence).toMatch(/has continued to fall, but over the last 4 school weeks it is 100% against 99.\d% this school year/);
  });

  test("support-offered: from the actions log, before the letter's date", () => {
    expect(check("P1", "support-offered").holds).toBe(true);
    expect(check("P1", "support-offered", {}, { letterDate: "2025-10-01" }).sentence).toMatch(/records no support offered.* for Amir before 1 October 2025/);
    expect(check("P2", "support-offered").holds).toBe(false);
  });

  test("contract-agreed and not-improved-since-contract", () => {
    expect(check("P1", "contract-agreed", { "contract.start": "2026-02-02" }).holds).toBe(true);
    expect(check("P1", "contract-agreed", { "contract.start": "2026-01-05" }).sentence).toMatch(/before the contract was recorded as agreed \(2 February 2026\)/);
    expect(check("P2", "contract-agreed").sentence).toMatch(/records no attendance contract agreed/);
    expect(check("P1", "not-improved-since-contract", { "contract.start": "2026-02-02" })).toMatchObject({ holds: true, data: { sinceContract: { unauthorised: 20 } } });
    expect(check("P1", "not-improved-since-contract", { "contract.start": "2026-02-02" }, { a: analyse(dataset(), { asOf: "2026-02-27", policy: analysis.policy }) }).sentence).toMatch(/since 2 February 2026 it is 100% with no unauthorised absence/);
  });

  test("leave-recorded-unauthorised: the register shows every session of those dates as unauthorised", () => {
    expect(check("P1", "leave-recorded-unauthorised", { "leave.from": "2026-03-02", "leave.to": "2026-03-06" }).holds).toBe(true);
    const wrong = check("P2", "leave-recorded-unauthorised", { "leave.from": "2025-09-08", "leave.to": "2025-09-09" });
    expect(wrong.holds).toBe(false);
    expect(wrong.sentence).toMatch(/the register shows Monday 8 September 2025 morning as I \(illness.*Tuesday 9 September 2025 morning as \/ \(present/);
    expect(check("P1", "leave-recorded-unauthorised", { "leave.from": "2026-03-23", "leave.to": "2026-03-27" }).sentence).toMatch(/no marks from 23 March 2026 to 27 March 2026 yet/);
  });

  test("not-returned-after-leave", () => {
    expect(check("P1", "not-returned-after-leave", { "leave.to": "2026-03-06" }).holds).toBe(true);
    expect(check("P2", "not-returned-after-leave", { "leave.to": "2026-03-06" }).sentence).toMatch(/present for 10 sessions since then/);
  });

  test("meeting-held and meeting-not-attended: from the actions log on meeting.date", () => {
    expect(check("P1", "meeting-held", { "meeting.date": "2026-02-09" }).holds).toBe(true);
    expect(check("P1", "meeting-held", { "meeting.date": "2026-02-23" }).holds).toBe(false);
    expect(check("P1", "meeting-not-attended", { "meeting.date": "2026-02-23" }).holds).toBe(true);
    expect(check("P1", "meeting-not-attended", { "meeting.date": "2026-02-09" }).sentence).toMatch(/records that they attended/);
  });

  test("notice-to-improve-in-progress and improvement-not-being-met: this parent's notice, matched by their Contacts entry", () => {
    // Logged as "Ann Able", addressed to "Mrs Ann Able": one parent.
    expect(check("P1", "notice-to-improve-in-progress").holds).toBe(true);
    const r = check("P1", "improvement-not-being-met");
    expect(r.holds).toBe(true);
    expect(r.data.ntiIssued).toMatchObject({ date: "3 March 2026", count: 16, allowed: 0 });
    expect(check("P1", "notice-to-improve-in-progress", {}, { parent: "Mr Ben Able" }).sentence).toMatch(/No Notice to Improve to Mr Ben Able is recorded/);
    expect(check("P1", "improvement-not-being-met", {}, { letterDate: "2026-06-01" }).sentence).toMatch(/has ended its improvement period/);
  });

  test("a fact the toolkit does not know cannot be checked, so the letter is held back; a trust's catalogue naming one is refused", () => {
    const r = checkLetterFacts(source("P1"), ["pupil-is-happy"], { letterDate: d("2026-03-16") });
    expect(r.failures[0]).toMatch(/declares the fact "pupil-is-happy", which the toolkit does not know/);
    const c = parseCustomCatalogue(JSON.stringify([{ id: "x", title: "X", file: "x.docx", facts: ["pupil-is-happy"] }, { id: "y", title: "Y", file: "y.docx", facts: ["threshold-met"] }, { id: "notice-to-improve", title: "Our NTI", file: "nti.docx" }]));
    expect(c.problems[0]).toMatch(/"facts" names "pupil-is-happy", which the toolkit cannot check/);
    expect(c.entries.map((e) => [e.id, e.facts])).toEqual([["y", ["threshold-met"]], ["notice-to-improve", ["parent-in-law", "threshold-met", "not-holiday-only", "penalty-notice-possible", "improvement-period"]]]);
  });

  test("every fact is described for docs/letters.md", () => {
    for (const tpl of TEMPLATES) for (const f of tpl.facts) expect(LETTER_FACTS[f]).toBeTruthy();
  });
});

/** For each template that declares facts: a pupil and fields for which they hold, and for which one fails. */
const CASES: Record<string, { holds: [string, Record<string, string>]; fails: [string, Record<string, string>, RegExp]; says?: RegExp }> = {
  "medical-evidence-request": { holds: ["P2", { "medical.dueDate": "2026-03-27" }], fails: ["P1", { "medical.dueDate": "2026-03-27" }, /recorded as illness/], says: /2 sessions .*2 of them recorded as illness/ },
  "failed-to-return-from-leave": { holds: ["P1", { "leave.to": "2026-03-06" }], fails: ["P2", { "leave.to": "2026-03-06" }, /present for 10 sessions/] },
  "leave-not-authorised-no-application": { holds: ["P1", { "leave.from": "2026-03-02", "leave.to": "2026-03-06" }], fails: ["P2", { "leave.from": "2025-09-08", "leave.to": "2025-09-12" }, /recorded as unauthorised, but the register shows/] },
  "discussion-summary": { holds: ["P1", { "meeting.date": "2026-02-09" }], fails: ["P2", { "meeting.date": "2026-02-09" }, /records no meeting/], says: /What we agreed: A morning check-in with Mr Hughes/ },
  "no-response-further-absences": { holds: ["P1", {}], fails: ["P2", {}, /shows none since then/], says: /We wrote to you on Tuesday 24 February 2026/ },
  "no-response-no-further-absences": { holds: ["P2", {}], fails: ["P1", {}, /20 sessions of absence since then/], says: /We wrote to you on Monday 5 January 2026/ },
  "declining-attendance-invitation": { holds: ["P1", { "meeting.date": "2026-03-20", "meeting.time": "9am", "meeting.place": "the office" }], fails: ["P2", { "meeting.date": "2026-03-20", "meeting.time": "9am", "meeting.place": "the office" }, /has continued to fall, but/] },
  "thank-you-summary-of-support": { holds: ["P1", { "meeting.date": "2026-02-09" }], fails: ["P1", { "meeting.date": "2026-02-23" }, /records that Mrs Ann Able did not attend it/] },
  "non-engagement": { holds: ["P4", {}], fails: ["P1", {}, /records Mrs Ann Able at the meeting on 9 February 2026/] },
  "contract-meeting-invitation": { holds: ["P1", { "meeting.date": "2026-03-20", "meeting.time": "9am", "meeting.place": "the office" }], fails: ["P2", { "meeting.date": "2026-03-20", "meeting.time": "9am", "meeting.place": "the office" }, /records no support offered/] },
  "contract-meeting-not-attended": { holds: ["P1", { "meeting.date": "2026-02-23" }], fails: ["P1", { "meeting.date": "2026-02-09" }, /records that they attended/] },
  "contract-not-kept": { holds: ["P1", { "contract.start": "2026-02-02" }], fails: ["P2", { "contract.start": "2026-02-02" }, /no attendance contract agreed/] },
  "notice-to-improve": { holds: ["P1", {}], fails: ["P3", {}, /term-time holiday \(G\)/], says: /In the 10 school weeks from .* to Friday 13 March 2026, Amir had 20 sessions of unauthorised absence/ },
  "improvement-not-being-met": { holds: ["P1", {}], fails: ["P4", {}, /No Notice to Improve to Mrs Ann Able/], says: /On 3 March 2026 we gave you a Notice to Improve.*has had 16 sessions of unauthorised absence; the notice allowed none/s },
};

describe("every template that declares facts is written when they hold and held back, with the sentence, when one fails", () => {
  test("every such template has a case", () => {
    expect(Object.keys(CASES).sort()).toEqual(TEMPLATES.filter((t) => t.facts.length > 0).map((t) => t.id).sort());
  });
  const write = (id: string, upn: string, fields: Record<string, string>) => {
    const tpl = TEMPLATES.find((t) => t.id === id)!;
    const i = analysis.pupils.findIndex((p) => p.upn === upn);
    const record = buildPupilRecord(analysis, i, { contacts: CONTACTS, actions: ACTIONS.map((a, n) => ({ ...a, row: n + 2 })) });
    return produceLetters(record, tpl, template(id), { date: d("2026-03-16"), delivery: "post", staff: "Ms Patel", fields, policy: analysis.policy, factSource: source(upn) });
  };
  test.each(Object.keys(CASES))("%s", (id) => {
    const c = CASES[id];
    const ok = write(id, ...c.holds);
    expect(ok.blocked).toEqual([]);
    expect(ok.letters).toHaveLength(1);
    const text = docText(ok.letters[0].bytes);
    expect(text).not.toMatch(/[{}]|undefined|null|NaN/);
    if (c.says) expect(text).toMatch(c.says);
    const held = write(id, c.fails[0], c.fails[1]);
    expect(held.letters).toEqual([]);
    expect(held.blocked[0].reason).toMatch(c.fails[2]);
  });

  test("a pasted record (no register) cannot have its facts checked: held back, saying to open the tracker", () => {
    const i = analysis.pupils.findIndex((p) => p.upn === "P1");
    const record = buildPupilRecord(analysis, i, { contacts: CONTACTS, actions: [] });
    const r = produceLetters(record, TEMPLATES.find((t) => t.id === "notice-to-improve")!, template("notice-to-improve"), { date: d("2026-03-16"), delivery: "post", staff: "Ms Patel", policy: analysis.policy });
    expect(r.letters).toEqual([]);
    expect(r.blocked[0].reason).toMatch(/checked against the register .* open the tracker file/);
  });

  test("the Notice to Improve: improvement period in school weeks from the calendar, provisional beyond the marks and said so; full penalty consequences", () => {
    const r = write("notice-to-improve", "P1", {});
    const text = docText(r.letters[0].bytes);
    // Letter of Monday 16 March 2026, beyond the marks (13 March): 6 school weeks on, the two weeks of
    // the Easter holiday (estimated: no calendar in this policy) not counted, so provisional.
    expect(text).toMatch(/starts on Tuesday 17 March 2026 and ends on Monday 11 May 2026: 6 school weeks, not counting school holidays\. The end date is provisional: the school holidays after 13 March 2026 are estimated/);
    expect(text).toMatch(/What sufficient improvement means: no further unauthorised absence/);
    expect(text).toMatch(/first penalty notice is £160, reduced to £80 if paid within 21 days; it must be paid within 28 days/);
    expect(text).toMatch(/second penalty notice to the same parent for the same child within 3 years is £160, with no reduction/);
    expect(text).toMatch(/no third penalty notice within 3 years: the local authority then considers other action, which can include prosecution under section 444/);
    // A period starting before the February half-term: the half-term week is not counted, and nothing is provisional.
    const period = check("P1", "improvement-period", {}, { letterDate: "2026-01-12" });
    expect(period.data.nti).toMatchObject({ periodStart: "Tuesday 13 January 2026", periodEnd: "Monday 2 March 2026", periodWeeks: 6, provisional: false });
    // Issue 20: a Notice dated 12 January is true as at 12 January: the threshold was met only in March, so it is not written.
    const early = produceLetters(
      buildPupilRecord(analysis, 0, { contacts: CONTACTS, actions: [] }),
      TEMPLATES.find((t) => t.id === "notice-to-improve")!,
      template("notice-to-improve"),
      { date: d("2026-01-12"), delivery: "post", staff: "Ms Patel", policy: analysis.policy, factSource: source("P1"), period: { from: d("2025-09-01"), to: d("2026-03-13"), counts: { possible: 1, attended: 1, authorised: 0, unauthorised: 0 } } },
    );
    expect(early.letters).toEqual([]);
    expect(early.blocked[0].reason).toMatch(/national threshold .* was not met from 1 September 2025 to 12 January 2026/);
  });
});
