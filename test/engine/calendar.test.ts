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
