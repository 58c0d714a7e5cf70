import { marksOn, present, pupil, run, school, weekdays } from "./build";

describe("school sessions and the as-of date (contract §3)", () => {
  const days = weekdays("2025-01-06", "2025-01-24");

  test("the as-of date defaults to the latest session date in the file", () => {
    expect(run(school(days, { A: present })).asOf).toBe("2025-01-24");
  });

  test("a session where every pupil has # or no mark is not a school session", () => {
    const ds = school(days, {
      A: (s) => (s.date === "2025-01-20" ? "#" : present(s)),
      B: (s) => (s.date === "2025-01-20" ? "" : present(s)),
    });
    const a = run(ds);
    expect(a.calendar.isSchoolSession[20]).toBe(0);
    expect(a.calendar.isSchoolSession[21]).toBe(0);
    expect(a.calendar.isSchoolSession[22]).toBe(1);
  });

  test("one pupil's mark makes a school session for the whole school", () => {
    const ds = school(weekdays("2025-01-06", "2025-01-10"), { A: (s) => (s.day === 0 ? "/" : ""), B: () => "" });
    const a = run(ds);
    expect(a.calendar.isSchoolSession[0]).toBe(1);
    expect(a.calendar.weekMondays).toHaveLength(1);
  });

  test("not-possible codes other than # (e.g. Y4, site closed) still make a school session", () => {
    const ds = school(weekdays("2025-01-06", "2025-01-10"), { A: () => "Y4" });
    expect(run(ds).calendar.weekMondays).toHaveLength(1);
  });

  test("a week with only # marks is not a school week", () => {
    const ds = school(weekdays("2025-01-06", "2025-01-17"), { A: (s) => (s.day >= 5 ? "#" : present(s)) });
    expect(run(ds).calendar.weekMondays).toHaveLength(1);
  });

  test("an as-of date before any session gives nothing possible, and an as-of date that is not a date is refused", () => {
    const ds = school(days, { A: present });
    expect(pupil(run(ds, { asOf: "2024-12-31" }), "A").possibleSessions).toBe(0);
    expect(() => run(ds, { asOf: "2024-02-30" })).toThrow(/YYYY-MM-DD/);
  });

  test("no sessions at all: pupils with nothing possible and no as-of date", () => {
    const ds = school([], { A: present });
    const a = run(ds);
    expect(a.asOf).toBeNull();
    expect(pupil(a, "A")).toMatchObject({ possibleSessions: 0, attendancePercent: null, band: null, persistentAbsence: false });
    expect(pupil(a, "A").nationalThreshold).toMatchObject({ sessionsInCurrentWindow: 0, currentWindowStart: null, met: false, firstMetOn: null });
  });

  test("the term of the as-of date follows the policy's term starts (autumn from 1 September by default)", () => {
    expect(run(school(weekdays("2025-09-01", "2025-09-05"), { A: present })).calendar.termName).toBe("Autumn term");
    expect(run(school(weekdays("2026-01-05", "2026-01-09"), { A: present })).calendar.termName).toBe("Spring term");
    expect(run(school(weekdays("2026-06-01", "2026-06-05"), { A: present })).calendar.termName).toBe("Summer term");
  });

  test("marks after the as-of date do not make later school weeks", () => {
    const a = run(school(days, { A: marksOn("O", []) }), { asOf: "2025-01-10" });
    expect(a.calendar.weekMondays).toHaveLength(1);
  });
});

/**
 * The school calendar as data (issue 24, item 1): Kent County Council's published 2025-26 term dates
 * (test/engine/fixtures/kent-2025-26.calendar.json, with its source), against the estimate used when
 * a policy has no calendar.
 */
describe("the school calendar from the policy (Kent County Council, 2025-26)", () => {
  /* eslint-disable @typescript-eslint/no-var-requires */
  const { resolvePolicy } = require("../../src/engine/policy") as typeof import("../../src/engine/policy");
  const { buildCalendar, schoolWeeksBetween, schoolSessionsBetween, termAt, yearDates } = require("../../src/engine/calendar") as typeof import("../../src/engine/calendar");
  const { parseDate } = require("../../src/engine/dates") as typeof import("../../src/engine/dates");
  const { improvementPeriodEnd } = require("../../src/engine/notice-to-improve") as typeof import("../../src/engine/notice-to-improve");
  const kent = require("./fixtures/kent-2025-26.calendar.json");
  const d = (s: string) => parseDate(s)!;
  const withKent = resolvePolicy({ calendar: kent });
  const noCalendar = resolvePolicy({});
  const autumn = school(weekdays("2025-09-01", "2025-10-08"), { A: present });
  const cal = (policy = withKent.policy) => buildCalendar(autumn, d("2025-10-08"), policy);

  test("the council's calendar is a valid policy setting, and its year is 190 days", () => {
    expect(withKent.problems).toEqual([]);
    const y = yearDates(d("2026-01-05"), withKent.policy);
    expect(y.estimated).toBe(false);
    expect(y.source).toMatch(/Kent County Council/);
    // Kent: 35 + 35 + 30 + 29 + 24 + 37 days in its six terms.
    const empty = buildCalendar(school([], {}), d("2025-08-31"), withKent.policy);
    expect(schoolSessionsBetween(empty, d("2025-09-01"), d("2026-08-31"))).toBe(380);
  });

  test("policy.example.json reads with no problems and carries the same Kent calendar", () => {
    const { policyFromJson } = require("../../src/engine/policy") as typeof import("../../src/engine/policy");
    const example = policyFromJson(require("fs").readFileSync(require("path").join(__dirname, "../../policy.example.json"), "utf8"));
    expect(example.problems).toEqual([]);
    expect(example.policy.calendar!.terms).toEqual(withKent.policy.calendar!.terms);
    expect(example.policy.calendar!.closures).toEqual(withKent.policy.calendar!.closures);
  });

  test("a calendar that does not hold together is refused with the field and why", () => {
    const bad = resolvePolicy({ calendar: { terms: [{ starts: "2025-09-01", ends: "2025-12-19", halfTerms: [{ starts: "2025-12-22", ends: "2025-12-31" }] }] } });
    expect(bad.problems[0].field).toBe("calendar.terms[0].halfTerms[0]");
    expect(bad.problems[0].message).toMatch(/inside its term/);
    expect(bad.policy.calendar).toBeNull();
    const order = resolvePolicy({ calendar: { terms: [{ starts: "2026-01-05", ends: "2026-04-02" }, { starts: "2025-09-01", ends: "2025-12-19" }] } });
    expect(order.problems[0].message).toMatch(/date order/);
    expect(resolvePolicy({ calendar: { terms: [{ starts: "2026-01-05", ends: "2026-04-02" }], closures: [{ date: "2026-02-30" }] } }).problems[0].field).toBe("calendar.closures[0].date");
  });

  test("the old MM-DD term starts are named as no longer setting the term dates", () => {
    const r = resolvePolicy({ terms: [{ name: "Autumn", starts: "09-01" }, { name: "Spring", starts: "01-04" }, { name: "Summer", starts: "04-20" }] });
    expect(r.problems.map((p) => p.field)).toEqual(["terms[1].starts", "terms[2].starts"]);
    expect(r.problems[0].message).toMatch(/no longer sets the term dates.*calendar/);
  });

  test("a school's own calendar where it differs from the trust's, by the school's name", () => {
    const own = { ...kent, terms: kent.terms.map((t: { starts: string }, i: number) => (i === 0 ? { ...t, starts: "2025-09-03" } : t)) };
    const p = resolvePolicy({ calendar: kent, schoolCalendars: { "Ashford Vale Academy": own }, school: { name: "Ashford Vale Academy" } }).policy;
    const other = resolvePolicy({ calendar: kent, schoolCalendars: { "Ashford Vale Academy": own }, school: { name: "Brook Primary" } }).policy;
    expect(yearDates(d("2025-10-01"), p).terms[0].starts).toBe(d("2025-09-03"));
    expect(yearDates(d("2025-10-01"), other).terms[0].starts).toBe(d("2025-09-01"));
  });

  test("schoolWeeksBetween: a Notice to Improve's period across Kent's two-week October half-term", () => {
    // Notice on Wednesday 8 October 2025: the period runs from Thursday 9 October. Weeks of 13 October,
    // 3, 10 and 17 November are school weeks; 20 and 27 October are the half-term.
    expect(schoolWeeksBetween(cal(), d("2025-10-09"), d("2025-11-19"))).toBe(4);
    // The estimate knows one week's half-term (the week of the last Monday in October).
    expect(schoolWeeksBetween(cal(noCalendar.policy), d("2025-10-09"), d("2025-11-19"))).toBe(5);
    // A period that starts on a Monday counts that week; an end before the start is no weeks.
    expect(schoolWeeksBetween(cal(), d("2025-11-03"), d("2025-11-09"))).toBe(1);
    expect(schoolWeeksBetween(cal(), d("2025-11-09"), d("2025-11-03"))).toBe(0);
    // Up to the as-of date the marks decide: a week of `#` (closed) in the file is not a school week.
    const closed = school(weekdays("2025-09-01", "2025-10-08"), { A: (s) => (s.date >= "2025-09-15" && s.date <= "2025-09-19" ? "#" : present(s)) });
    expect(schoolWeeksBetween(buildCalendar(closed, d("2025-10-08"), withKent.policy), d("2025-09-09"), d("2025-09-30"))).toBe(2);
  });

  test("the Notice to Improve's 6 school weeks end after the half-term, not through it", () => {
    // Old code: every week after the last marks was a school week, so Wednesday 19 November.
    expect(improvementPeriodEnd(d("2025-10-08"), cal(), 6)).toEqual({ end: d("2025-12-03"), provisional: false });
    const estimated = improvementPeriodEnd(d("2025-10-08"), cal(noCalendar.policy), 6);
    expect(estimated).toEqual({ end: d("2025-11-26"), provisional: true });
  });

  test("stages use the term the date is in: a holiday belongs to the term before it", () => {
    for (const policy of [withKent.policy, noCalendar.policy]) {
      expect(termAt(d("2025-12-31"), policy).name).toBe("Autumn term");
      expect(termAt(d("2026-01-04"), policy).name).toBe("Autumn term");
      expect(termAt(d("2026-01-05"), policy).name).toBe("Spring term");
      // An as-of date in the Easter holiday is still the spring term (the old 1 April start made it summer).
      expect(termAt(d("2026-04-08"), policy).name).toBe("Spring term");
    }
    expect(termAt(d("2026-04-14"), withKent.policy).name).toBe("Spring term"); // Kent returns on 20 April
    expect(termAt(d("2026-04-20"), withKent.policy).name).toBe("Summer term");
  });
});
