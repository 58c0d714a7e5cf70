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
import { present, school, weekdays } from "./build";

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
