/**
 * The forward look (issue 13, item 8): projections, the day a pupil would become persistently
 * absent at their recent rate, and sessions in a row to get back above 90% or to 96%. Edges from
 * rules.md "Measures": absence of 10% or more is persistent, so exactly 90.0% is persistent.
 */
import { analyse } from "../../src/engine/analyse";
import { parseDate } from "../../src/engine/dates";
import { forwardLook, sessionsToReach } from "../../src/engine/forward-look";
import { keyGroups } from "../../src/engine/key-groups";
import { pupilJson } from "../../src/engine/output";
import { DEFAULT_POLICY } from "../../src/engine/policy";
import { marksOn, present, school, weekdays } from "./build";

const bands = DEFAULT_POLICY.bands;
const asOf = parseDate("2026-03-13")!; // a Friday
const remaining = { term: 20, year: 130, termEnds: "2026-03-31", yearEnds: "2026-07-20", estimated: true, termName: "Spring term", source: "test", leavingDate: null };

describe("sessions in a row to reach a band edge", () => {
  test("exactly 90% is persistent absence: one session in a row takes the pupil above 90%", () => {
    expect(sessionsToReach(90, 100, 90, "above")).toBe(1); // 91/101 = 90.09%
    expect(sessionsToReach(91, 100, 90, "above")).toBe(0);
  });
  test("89 of 100 needs 11 sessions to be above 90% (100/111 = 90.09%), 10 would leave exactly 90%", () => {
    expect(sessionsToReach(89, 100, 90, "above")).toBe(11);
    // 99/110 is exactly 90%: still persistent.
    expect(99 * 10).toBe(110 * 9);
  });
  test("96% is reached, not passed: 24 of 25 is there already; 95 of 100 needs 25 (120/125 = 96%)", () => {
    expect(sessionsToReach(24, 25, 96, "atLeast")).toBe(0);
    expect(sessionsToReach(95, 100, 96, "atLeast")).toBe(25);
    expect(sessionsToReach(95, 100, 96, "atLeast")! - 1).toBe(24); // 119/124 = 95.97%, not yet
  });
  test("no possible sessions yet: already there; 100% after an absence: never", () => {
    expect(sessionsToReach(0, 0, 90, "above")).toBe(0);
    expect(sessionsToReach(9, 10, 100, "atLeast")).toBeNull();
    expect(sessionsToReach(10, 10, 100, "atLeast")).toBe(0);
  });
});

describe("projections and the day of persistent absence", () => {
  test("attending every remaining session, and at the recent rate, truncated like the contract's figure", () => {
    const f = forwardLook({ year: { attended: 180, possible: 200 }, recent: { attended: 30, possible: 40 }, remaining, asOf, bands });
    expect(f.endOfTerm.ifAttendsEverySession).toBe(90.9); // 200/220 = 90.909
    expect(f.endOfYear.ifAttendsEverySession).toBe(93.9); // 310/330 = 93.93
    expect(f.endOfTerm.atRecentRate).toBe(88.6); // (180 + 15)/220 = 88.63
    expect(f.endOfYear.atRecentRate).toBe(84.0); // (180 + 97.5)/330 = 84.09
    expect(f.recentPercent).toBe(75);
  });
  test("already persistently absent (exactly 90%): no date, and not 'heading for' it", () => {
    const f = forwardLook({ year: { attended: 180, possible: 200 }, recent: { attended: 0, possible: 40 }, remaining, asOf, bands });
    expect(f.persistentAbsenceOn).toBeNull();
    expect(f.headingForPersistentAbsence).toBe(false);
    expect(f.sessionsToReach[0]).toEqual({ percent: 90, kind: "above", sessions: 1, withinYear: true });
  });
  test("92% so far at a recent 80%: persistent after 40 more sessions, 20 school days on", () => {
    // (184 + 0.8n) * 10 <= 9 (200 + n) <=> n >= 40; at 39 the pupil is still above 90%.
    const look = (term: number) => forwardLook({ year: { attended: 184, possible: 200 }, recent: { attended: 32, possible: 40 }, remaining: { ...remaining, term }, asOf, bands });
    expect(look(40).persistentAbsenceOn).toBe("2026-04-10"); // 20 weekdays after Fri 13 Mar
    expect(look(40).headingForPersistentAbsence).toBe(true);
    expect(look(39).headingForPersistentAbsence).toBe(false);
    expect((184 + 0.8 * 39) * 10 > 9 * (200 + 39)).toBe(true);
  });
  test("a recent rate of exactly 90% never makes a pupil above 90% persistent; no recent sessions, no rate", () => {
    expect(forwardLook({ year: { attended: 184, possible: 200 }, recent: { attended: 36, possible: 40 }, remaining, asOf, bands }).persistentAbsenceOn).toBeNull();
    const none = forwardLook({ year: { attended: 184, possible: 200 }, recent: { attended: 0, possible: 0 }, remaining, asOf, bands });
    expect(none.endOfYear.atRecentRate).toBeNull();
    expect(none.persistentAbsenceOn).toBeNull();
  });
  test("beyond the end of the year it is not given", () => {
    const f = forwardLook({ year: { attended: 190, possible: 200 }, recent: { attended: 35, possible: 40 }, remaining: { ...remaining, year: 10, term: 10 }, asOf, bands });
    expect(f.persistentAbsenceOn).toBeNull();
    expect(f.sessionsToReach[1].withinYear).toBe(false);
  });
});

test("in the analysis: each pupil's forward look, the new key group and the JSON field", () => {
  // Four school weeks, Mon 23 Feb to Fri 20 Mar 2026. B attends the first three weeks, then 7 of 10
  // sessions: 37 of 40 (92.5%) so far, 70% recently; at that rate persistent after 5 more sessions
  // (n (9000 - 7000) >= 10 (37000 - 36000)), on Wed 25 Mar, before the term ends on 31 Mar.
  const days = weekdays("2026-02-23", "2026-03-20");
  const absent = new Set(["2026-03-16 AM", "2026-03-17 PM", "2026-03-19 AM"]);
  const ds = school(days, { A: present, B: (s) => (absent.has(`${s.date} ${s.pm ? "PM" : "AM"}`) ? "O" : present(s)) });
  const a = analyse(ds, { policy: { ...DEFAULT_POLICY, trend: { ...DEFAULT_POLICY.trend, recentSchoolWeeks: 1 } } });
  const [fa, fb] = a.pupils.map((p) => p.forwardLook);
  expect(fa.persistentAbsenceOn).toBeNull();
  expect(fa.endOfYear.ifAttendsEverySession).toBe(100);
  expect(fb.recentPercent).toBe(70);
  // No calendar in the policy: the usual English pattern, the spring term to the Friday before
  // Good Friday's week (27 March 2026), the year to 21 July, the May Day bank holiday and the
  // half-terms out: 5 days this term, 66 in the summer term.
  expect(fb.remaining).toMatchObject({ term: 10, year: 142, termEnds: "2026-03-27", yearEnds: "2026-07-21", estimated: true });
  expect(fb.persistentAbsenceOn).toBe("2026-03-25");
  expect(keyGroups(a).find((g) => g.id === "heading-for-persistent-absence")!.pupils).toEqual([1]);
  // The end of term the group is judged by, as a date, and said to be estimated without a calendar.
  expect(keyGroups(a).find((g) => g.id === "heading-for-persistent-absence")!.description).toMatch(/before the end of this term \(Friday 27 March 2026, estimated\)$/);
  expect(pupilJson(a.pupils[1]).forwardLook).toBe(fb);
});

test("the Analysis sheet carries the forward look as its last columns, as percentages and a date", () => {
  const { analysisTable, ANALYSIS_HEADER } = jest.requireActual("../../src/adapters/analysis-sheets") as typeof import("../../src/adapters/analysis-sheets");
  const days = weekdays("2026-02-23", "2026-03-20");
  const a = analyse(school(days, { A: present }));
  const t = analysisTable(a);
  const col = ANALYSIS_HEADER.indexOf("End of year % if attends every session");
  expect(col).toBeGreaterThan(0);
  expect(t.rows[0][col]).toBe(1);
  expect(t.percentColumns).toContain(col);
  expect(t.dateColumns).toContain(ANALYSIS_HEADER.indexOf("Persistent absence by (at recent rate)"));
});

describe("the optional sentence for support letters", () => {
  const { forwardLookSentence } = jest.requireActual("../../src/engine/forward-look") as typeof import("../../src/engine/forward-look");
  const uk = (iso: string) => iso.split("-").reverse().join("/");
  test("attending every day to the end of term, and the days in a row out of persistent absence", () => {
    const f = forwardLook({ year: { attended: 180, possible: 200 }, recent: { attended: 30, possible: 40 }, remaining, asOf, bands });
    expect(forwardLookSentence("Amelia", f, uk)).toBe(
      "If Amelia attends every day until the end of this term (about 31/03/2026), Amelia's attendance this school year will be 90.9%. Attending the next school day would take Amelia's attendance above 90%.",
    );
  });
  test("nothing to say when no session is left this term, or no forward look in the record", () => {
    const f = forwardLook({ year: { attended: 190, possible: 200 }, recent: { attended: 40, possible: 40 }, remaining: { ...remaining, term: 0 }, asOf, bands });
    expect(forwardLookSentence("Amelia", f, uk)).toBe("");
    expect(forwardLookSentence("Amelia", undefined, uk)).toBe("");
  });
});

/**
 * Issue 24, item 2: the rest of the year from the school calendar. Kent County Council's published
 * 2025-26 dates (fixtures/kent-2025-26.calendar.json); without a calendar, the estimate.
 */
describe("the forward look on the school calendar (issue 24)", () => {
  const { resolvePolicy } = jest.requireActual("../../src/engine/policy") as typeof import("../../src/engine/policy");
  const { forwardLookSentence } = jest.requireActual("../../src/engine/forward-look") as typeof import("../../src/engine/forward-look");
  const { readMarksGrid } = jest.requireActual("../../src/import/grid") as typeof import("../../src/import/grid");
  const kentPolicy = resolvePolicy({ calendar: jest.requireActual("./fixtures/kent-2025-26.calendar.json") }).policy;
  // Kent's school days, for files exported from it.
  const KENT_HOLIDAYS: Array<[string, string]> = [["2025-10-20", "2025-10-31"], ["2025-12-20", "2026-01-04"], ["2026-02-16", "2026-02-20"], ["2026-04-03", "2026-04-19"]];
  const kentDays = (from: string, to: string) => weekdays(from, to, KENT_HOLIDAYS);
  const seventy = (s: { index: number }) => (s.index % 10 < 3 ? "O" : present(s as never));
  const uk = (iso: string) => {
    const [y, m, d] = iso.split("-").map(Number);
    return `${d} ${["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"][m - 1]} ${y}`;
  };

  test("a file exported from 5 January: the year ends on the calendar's last day, not 380 minus the file's sessions", () => {
    const ds = school(kentDays("2026-01-05", "2026-03-13"), { A: present, B: seventy });
    // With the council's calendar: 16 March to 2 April (14 days), 20 April to 21 July less the May
    // half-term and the bank holiday (61 days). The old code said 290 and 2 October 2026.
    const kent = analyse(ds, { policy: kentPolicy }).pupils[1].forwardLook;
    expect(kent.remaining).toMatchObject({ term: 28, year: 150, termEnds: "2026-04-02", yearEnds: "2026-07-21", estimated: false, termName: "Spring term" });
    // Without one: an estimate, labelled, never past 31 August (242 weekday sessions) nor into a holiday it can infer.
    const est = analyse(ds).pupils[1].forwardLook;
    expect(est.remaining.estimated).toBe(true);
    expect(est.remaining.source).toMatch(/^estimated/);
    expect(est.remaining.year).toBeLessThanOrEqual(242);
    expect(est.remaining).toMatchObject({ year: 152, yearEnds: "2026-07-21", termEnds: "2026-03-27" });
    // The pupil at 70% (63 of 90) cannot get above 90% this year: (63 + 150) / 240 = 88.75%. The old code said 92.8%.
    expect(kent.endOfYear.ifAttendsEverySession).toBe(88.7);
    expect(kent.sessionsToReach[0]).toMatchObject({ percent: 90, withinYear: false });
  });

  test("the command line says where the term dates come from, and when they end", () => {
    const { formatAnalysis } = jest.requireActual("../../src/cli/format") as typeof import("../../src/cli/format");
    const ds = school(kentDays("2026-03-09", "2026-03-13"), { A: present });
    expect(formatAnalysis(analyse(ds), "f.csv").split("\n")[2]).toBe("Term dates: estimated, no school calendar in the policy; this term ends Friday 27 March 2026, the school year Tuesday 21 July 2026");
    expect(formatAnalysis(analyse(ds, { policy: kentPolicy }), "f.csv").split("\n")[2]).toBe("Term dates: the school calendar in the policy; this term ends Thursday 2 April 2026, the school year Tuesday 21 July 2026");
  });

  test("one week in March: the same sessions ahead (the old code said 370 and 27 November)", () => {
    const f = analyse(school(kentDays("2026-03-09", "2026-03-13"), { A: present }), { policy: kentPolicy }).pupils[0].forwardLook;
    expect(f.remaining).toMatchObject({ year: 150, yearEnds: "2026-07-21" });
  });

  test("'end of this term' on Friday 17 October leaves out half-term and Christmas, in the parent letter too", () => {
    const ds = school(kentDays("2025-09-01", "2025-10-17"), { A: marksOn("I", ["2025-10-06 AM", "2025-10-06 PM"]) });
    const f = analyse(ds, { policy: kentPolicy }).pupils[0].forwardLook;
    // 3 November to 19 December: 35 days. The old code counted to 31 December: 106.
    expect(f.remaining).toMatchObject({ term: 70, termEnds: "2025-12-19" });
    expect(forwardLookSentence("Amelia", f, uk)).toBe("If Amelia attends every day until the end of this term (19 December 2025), Amelia's attendance this school year will be 98.5%."); // (68 + 70) / 140
    // The estimate: one week's half-term (27 October), Christmas from 20 December; "about", as it is estimated.
    const e = analyse(ds).pupils[0].forwardLook;
    expect(e.remaining).toMatchObject({ term: 80, termEnds: "2025-12-19", estimated: true });
    expect(forwardLookSentence("Amelia", e, uk)).toMatch(/^If Amelia attends every day until the end of this term \(about 19 December 2025\)/);
  });

  test("in a holiday, 'this term' is the term about to start; in the summer holiday nothing is ahead", () => {
    const ds = school(kentDays("2026-03-02", "2026-04-02"), { A: present });
    expect(analyse(ds, { policy: kentPolicy, asOf: "2026-04-08" }).pupils[0].forwardLook.remaining).toMatchObject({ termName: "Summer term", termEnds: "2026-07-21", term: 122, year: 122 });
    expect(analyse(ds, { policy: kentPolicy, asOf: "2026-08-10" }).pupils[0].forwardLook.remaining).toMatchObject({ term: 0, year: 0 });
  });

  test("a session the file already marks # for everyone after the as-of date is not counted ahead", () => {
    const ds = school(kentDays("2026-03-09", "2026-03-16"), { A: (s) => (s.date === "2026-03-16" ? "#" : present(s)) });
    expect(analyse(ds, { policy: kentPolicy, asOf: "2026-03-13" }).pupils[0].forwardLook.remaining.year).toBe(148);
  });

  test("a pupil who has left has no projection; one leaving later is counted to the leaving date", () => {
    const days = kentDays("2026-01-05", "2026-03-13");
    const sessions = days.flatMap((d) => [`${d} AM`, `${d} PM`]);
    const marks = (leftAfter: string) => sessions.map((s) => (s.slice(0, 10) > leftAfter ? "" : s.endsWith("PM") ? "\\" : "/"));
    const ds = readMarksGrid(
      { header: ["UPN", "Leaving date", ...sessions], rows: [["L1", "13/02/2026", ...marks("2026-02-13")], ["L2", "24/04/2026", ...marks("2026-03-13")], ["S1", "", ...marks("2026-03-13")]] },
      { requireSessions: false },
    );
    const [left, leaving, staying] = analyse(ds, { policy: kentPolicy }).pupils.map((p) => p.forwardLook);
    expect(left).toMatchObject({ left: true, persistentAbsenceOn: null, headingForPersistentAbsence: false, sessionsToReach: [] });
    expect(left.endOfYear).toEqual({ ifAttendsEverySession: null, atRecentRate: null });
    expect(left.remaining).toMatchObject({ term: 0, year: 0, leavingDate: "2026-02-13" });
    expect(forwardLookSentence("Amelia", left, uk)).toBe("");
    // Leaving on 24 April: 14 days of the spring term and 20 to 24 April.
    expect(leaving).toMatchObject({ left: false });
    expect(leaving.remaining).toMatchObject({ term: 28, year: 38, leavingDate: "2026-04-24" });
    expect(staying.remaining).toMatchObject({ year: 150, leavingDate: null });
  });

  test("the day persistent absence would start is a school day on the calendar, after the holiday", () => {
    // 45 of 48 so far (2 March to Thursday 2 April, the last day of Kent's spring term), 5 of 8 in the
    // last week: persistent after 7 more sessions at that rate (ceil(8 (45000 - 43200) / 2200)), the
    // 7th school session ahead is the morning of Thursday 23 April. Counting weekdays gave 8 April, in the holiday.
    const days = kentDays("2026-03-02", "2026-04-02");
    const ds = school(days, { B: marksOn("O", ["2026-03-30 AM", "2026-03-31 PM", "2026-04-01 AM"]) });
    const policy = { ...kentPolicy, trend: { ...kentPolicy.trend, recentSchoolWeeks: 1 } };
    const f = analyse(ds, { policy }).pupils[0].forwardLook;
    expect(f.recentPercent).toBe(62.5);
    expect(f.persistentAbsenceOn).toBe("2026-04-23");
    // Not "before the end of this term": the spring term ends today.
    expect(f.headingForPersistentAbsence).toBe(false);
  });
});
