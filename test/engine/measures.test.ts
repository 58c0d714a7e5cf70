import { attendanceBand, attendancePercent, isPersistentAbsence, isSevereAbsence, truncatedPercent } from "../../src/engine/measures";
import { DEFAULT_POLICY } from "../../src/engine/policy";
import { school, run, pupil, weekdays, marksOn, wholeDays } from "./build";

const bands = DEFAULT_POLICY.bands;

describe("attendance % (contract §3: truncated, not rounded, to one decimal place)", () => {
  test.each([
    [110, 120, 91.6],
    [119, 120, 99.1],
    [1079, 1200, 89.9], // 89.916...: rounding would show 90.0 and hide persistent absence
    [2, 3, 66.6],
    [120, 120, 100],
    [0, 10, 0],
  ])("%i of %i sessions is %d%%", (attended, possible, expected) => {
    expect(attendancePercent(attended, possible)).toBe(expected);
  });

  test("null when there are no possible sessions", () => {
    expect(attendancePercent(0, 0)).toBeNull();
    expect(truncatedPercent(5, 0)).toBeNull();
  });
});

describe("persistent and severe absence (rules.md Measures; DfE: 10% or more, 50% or more)", () => {
  test("exactly 10% absence (90.0% attendance) is persistent absence", () => {
    expect(isPersistentAbsence(12, 120)).toBe(true);
    expect(attendanceBand(108, 120, bands)).toBe("persistent");
  });
  test("just under 10% absence is not", () => {
    expect(isPersistentAbsence(11, 120)).toBe(false);
    expect(attendanceBand(109, 120, bands)).toBe("key-converter");
  });
  test("exactly 50% absence is severe absence, and also persistent", () => {
    expect(isSevereAbsence(60, 120)).toBe(true);
    expect(isPersistentAbsence(60, 120)).toBe(true);
    expect(attendanceBand(60, 120, bands)).toBe("severe");
  });
  test("just under 50% absence is not severe", () => {
    expect(isSevereAbsence(59, 120)).toBe(false);
    expect(attendanceBand(61, 120, bands)).toBe("persistent");
  });
  test("both false when nothing is possible", () => {
    expect(isPersistentAbsence(0, 0)).toBe(false);
    expect(isSevereAbsence(0, 0)).toBe(false);
    expect(attendanceBand(0, 0, bands)).toBeNull();
  });
});

describe("bands (contract §3 table, exact attendance)", () => {
  test.each([
    [100, 100, "perfect"],
    [99, 100, "expected"],
    [96, 100, "expected"], // 96% exactly
    [2399, 2500, "below-expected"], // 95.96%
    [95, 100, "below-expected"], // 95% exactly
    [1899, 2000, "key-converter"], // 94.95%
    [901, 1000, "key-converter"], // 90.1%
    [9001, 10000, "key-converter"], // 90.01%: truncates to 90.0 but is above 90
    [90, 100, "persistent"], // 90% exactly
    [51, 100, "persistent"],
    [50, 100, "severe"], // 50% exactly
    [0, 100, "severe"],
  ])("%i of %i is %s", (attended, possible, band) => {
    expect(attendanceBand(attended, possible, bands)).toBe(band);
  });

  test("9001 of 10000 shows 90.0% but is a key converter, not persistent absence", () => {
    expect(attendancePercent(9001, 10000)).toBe(90);
    expect(isPersistentAbsence(999, 10000)).toBe(false);
  });

  test("a trust's own band boundaries (policy) move the edges", () => {
    const own = { ...bands, expectedFrom: 97, belowExpectedFrom: 95.5 };
    expect(attendanceBand(96, 100, own)).toBe("below-expected");
    expect(attendanceBand(955, 1000, own)).toBe("below-expected");
    expect(attendanceBand(954, 1000, own)).toBe("key-converter");
  });
});

describe("counting sessions (contract §2)", () => {
  const days = weekdays("2025-01-06", "2025-01-17"); // two weeks, 20 sessions
  test("L, B, K, P, V, W count as attended; authorised and unauthorised as absence; D X Q Y1-Y7 Z # not possible", () => {
    const codes = ["/", "\\", "L", "B", "K", "P", "V", "W", "C", "C1", "C2", "E", "I", "J1", "M", "R", "S", "T", "G", "N"];
    const notPossible = ["D", "X", "Q", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Y7", "Z", "#", "", "O", "U"];
    const ds = school(days, {
      A: (s) => codes[s.index],
      B: (s) => notPossible[s.index % notPossible.length],
    });
    const a = run(ds);
    const p = pupil(a, "A");
    expect(p.attendedSessions).toBe(8);
    expect(p.authorisedAbsenceSessions).toBe(10);
    expect(p.unauthorisedAbsenceSessions).toBe(2);
    expect(p.possibleSessions).toBe(20);
    const q = pupil(a, "B");
    // O and U are unauthorised absence: the only possible sessions in B's rota.
    expect(q.unauthorisedAbsenceSessions).toBe(q.possibleSessions);
    expect(q.attendedSessions).toBe(0);
    expect(q.possibleSessions).toBe(2);
  });

  test("U (arrived after registers closed) is an unauthorised absence for the whole session; L is present", () => {
    const ds = school(days, { A: marksOn("U", ["2025-01-06 AM"], marksOn("L", ["2025-01-07 AM"])) });
    const p = pupil(run(ds), "A");
    expect(p.unauthorisedAbsenceSessions).toBe(1);
    expect(p.attendedSessions).toBe(19);
  });

  test("legacy codes keep their old meanings before 19 August 2024 (H, F authorised; J attended; Y not possible)", () => {
    const old = weekdays("2024-07-08", "2024-07-12");
    const ds = school(old, { A: (s) => ["H", "F", "J", "Y", "/"][s.day] });
    const p = pupil(run(ds), "A");
    expect(ds.problems).toEqual([]);
    expect(p.authorisedAbsenceSessions).toBe(4);
    expect(p.attendedSessions).toBe(4);
    expect(p.possibleSessions).toBe(8);
  });

  test("marks dated after the as-of date are ignored for every measure (contract §3)", () => {
    const ds = school(days, { A: marksOn("O", wholeDays(["2025-01-16", "2025-01-17"])) });
    const p = pupil(run(ds, { asOf: "2025-01-15" }), "A");
    expect(p.possibleSessions).toBe(16); // 6 to 15 January: 8 days
    expect(p.unauthorisedAbsenceSessions).toBe(0);
  });
});
