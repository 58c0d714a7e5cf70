/**
 * The synthetic school (README "Command line": `sample`; src/sample/generate.ts): a fixed seed gives
 * the same school, the 2025-26 calendar, and a realistic mix that the engine analyses as a real
 * school's figures would look.
 */
import { analyse } from "../../src/engine/analyse";
import { REGISTER_CODES } from "../../src/engine/codes";
import { formatIso, mondayOf, parseDate, weekday } from "../../src/engine/dates";
import { datasetToLongCsv, datasetToWideCsv, generateSchool, makeUpn, schoolDays } from "../../src/sample/generate";

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";
/** The DfE check letter: digits 2-13 times weights 2..13, summed, mod 23, into CHECK_LETTERS. */
function checkLetter(upn: string): string {
  let sum = 0;
  for (let i = 1; i < 13; i++) sum += Number(upn[i]) * (i + 1);
  return CHECK_LETTERS[sum % 23];
}

const INSET = ["2025-09-01", "2025-09-02", "2026-01-05", "2026-06-01", "2026-07-20"];
const HALF_TERMS_AND_HOLIDAYS: Array<[string, string]> = [
  ["2025-10-27", "2025-10-31"], // autumn half-term
  ["2025-12-20", "2026-01-04"], // Christmas
  ["2026-02-16", "2026-02-20"], // spring half-term
  ["2026-03-28", "2026-04-12"], // Easter
  ["2026-05-04", "2026-05-04"], // May bank holiday
  ["2026-05-25", "2026-05-29"], // summer half-term
];

describe("a fixed seed (README: a fixed seed gives the same school every time)", () => {
  test("README: the same seed gives an identical school and identical CSVs", () => {
    const a = generateSchool({ pupils: 60, seed: 9 });
    const b = generateSchool({ pupils: 60, seed: 9 });
    expect(b).toEqual(a);
    expect(datasetToWideCsv(b.dataset)).toBe(datasetToWideCsv(a.dataset));
    expect(datasetToLongCsv(b.dataset)).toBe(datasetToLongCsv(a.dataset));
  });

  test("README: a different seed gives a different school", () => {
    const a = generateSchool({ pupils: 60, seed: 9 });
    const c = generateSchool({ pupils: 60, seed: 10 });
    expect(c.dataset.marks).not.toEqual(a.dataset.marks);
    expect(c.dataset.pupils.map((p) => p.details.surname)).not.toEqual(a.dataset.pupils.map((p) => p.details.surname));
    expect(c.contacts.map((x) => x.email)).not.toEqual(a.contacts.map((x) => x.email));
    expect(datasetToWideCsv(c.dataset)).not.toBe(datasetToWideCsv(a.dataset));
    // The session columns are the calendar's, whatever the seed.
    expect(c.dataset.sessions).toEqual(a.dataset.sessions);
  });
});

describe("the 2025-26 calendar (README: 195 days, 390 sessions, INSET days as #, a snow day as Y4)", () => {
  const school = generateSchool({ pupils: 40, seed: 11 });
  const ds = school.dataset;
  const code = (p: number, s: number) => REGISTER_CODES[ds.marks[p][s]].code;

  test("README: schoolDays() has 195 weekdays, none in a half-term or holiday; the school has 390 sessions, AM then PM", () => {
    const days = schoolDays().map(formatIso);
    expect(days).toHaveLength(195);
    expect(new Set(days).size).toBe(195);
    expect(days[0]).toBe("2025-09-01");
    expect(days[days.length - 1]).toBe("2026-07-20");
    for (const d of days) expect(weekday(parseDate(d)!)).toBeLessThan(5);
    for (const [from, to] of HALF_TERMS_AND_HOLIDAYS) expect(days.filter((d) => d >= from && d <= to)).toEqual([]);
    expect(ds.sessions).toHaveLength(390);
    expect(ds.sessions.map((s) => s.label)).toEqual(days.flatMap((d) => [`${d} AM`, `${d} PM`]));
  });

  test("README: schoolDays(until) stops at the day given (autumn term: 75 days)", () => {
    expect(schoolDays(parseDate("2025-12-19")!)).toHaveLength(75);
    expect(generateSchool({ pupils: 3, seed: 1, until: "2025-12-19" }).dataset.sessions).toHaveLength(150);
  });

  test("README: the INSET days are # for every pupil, and # is on no other day", () => {
    const allHash = ds.sessions.map((_, s) => ds.marks.every((_m, p) => code(p, s) === "#")).flatMap((all, s) => (all ? [ds.sessions[s].label] : []));
    expect(allHash).toEqual(INSET.flatMap((d) => [`${d} AM`, `${d} PM`]));
    const anyHash = ds.sessions.filter((_, s) => ds.marks.some((_m, p) => code(p, s) === "#")).map((s) => formatIso(s.day));
    expect(new Set(anyHash)).toEqual(new Set(INSET));
  });

  test("README: the snow day (2026-01-13) is Y4 for everyone", () => {
    const s = ds.sessions.findIndex((x) => x.label === "2026-01-13 AM");
    expect(ds.marks.map((_, p) => [code(p, s), code(p, s + 1)])).toEqual(ds.marks.map(() => ["Y4", "Y4"]));
  });

  test("contract §3: the school weeks are the weeks with a school day other than INSET (a week of only INSET is none)", () => {
    const a = analyse(ds);
    const expected = [...new Set(schoolDays().filter((d) => !INSET.includes(formatIso(d))).map(mondayOf))];
    expect(a.calendar.weekMondays.map(formatIso)).toEqual(expected.map(formatIso));
    expect(a.calendar.weekMondays.map(formatIso)).not.toContain("2026-07-20");
    expect(a.calendar.weekMondays).toHaveLength(39); // 15 autumn + 11 spring + 13 summer
  });
});

describe("a realistic mix on 600 pupils (README: sample)", () => {
  const school = generateSchool({ pupils: 600, seed: 2025 });
  const a = analyse(school.dataset);
  const share = (n: number) => n / a.pupils.length;

  test("README: school attendance between 90% and 95%", () => {
    expect(a.pupils).toHaveLength(600);
    expect(a.summary.attendancePercent).toBeGreaterThan(90);
    expect(a.summary.attendancePercent).toBeLessThan(95);
  });

  test("README: persistent absence for 12% to 28% of pupils, severe for 0.5% to 6%", () => {
    const pa = share(a.pupils.filter((p) => p.persistentAbsence).length);
    const sa = share(a.pupils.filter((p) => p.severeAbsence).length);
    expect(pa).toBeGreaterThanOrEqual(0.12);
    expect(pa).toBeLessThanOrEqual(0.28);
    expect(sa).toBeGreaterThanOrEqual(0.005);
    expect(sa).toBeLessThanOrEqual(0.06);
    expect(a.summary.persistentAbsenceCount).toBe(a.pupils.filter((p) => p.persistentAbsence).length);
  });

  test("README: at least one pupil meets the national threshold", () => {
    const met = a.pupils.filter((p) => p.nationalThreshold.met);
    expect(met.length).toBeGreaterThanOrEqual(1);
    expect(a.summary.nationalThresholdMetCount).toBe(met.length);
  });

  test("README: lates before (L) and after (U) registers close, term-time holidays (G), unresolved N, dual registration, a joiner", () => {
    const counts = new Map<string, number>();
    for (const m of school.dataset.marks) for (const id of m) counts.set(REGISTER_CODES[id].code, (counts.get(REGISTER_CODES[id].code) ?? 0) + 1);
    for (const c of ["U", "L", "G", "N", "I", "M", "D", "Z", "V", "Y4"]) expect(counts.get(c) ?? 0).toBeGreaterThan(0);
    expect(counts.get("")).toBeUndefined(); // every pupil has a mark for every session
  });

  test("README: some shared family inboxes (the...family@) and some parents who do not live with the pupil", () => {
    const family = school.contacts.filter((c) => /^the[a-z]+family@/.test(c.email));
    expect(family.length).toBeGreaterThan(0);
    const byEmail = new Map<string, number>();
    for (const c of family) byEmail.set(c.email, (byEmail.get(c.email) ?? 0) + 1);
    expect([...byEmail.values()].some((n) => n >= 2)).toBe(true);
    const apart = school.contacts.filter((c) => c.livesWithPupil === false);
    expect(apart.length).toBeGreaterThan(0);
    expect(apart.length).toBeLessThan(school.contacts.length / 4);
    expect(school.contacts.every((c) => school.dataset.pupils.some((p) => p.upn === c.upn))).toBe(true);
  });

  test("UPN format: 13 characters, unique, with the DfE check letter", () => {
    const upns = school.dataset.pupils.map((p) => p.upn);
    expect(new Set(upns).size).toBe(600);
    for (const u of upns) {
      expect(u).toMatch(/^[A-Z]\d{12}$/);
      expect(u[0]).toBe(checkLetter(u));
    }
  });
});

describe("UPNs in a large school", () => {
  test("UPN format: unique with the right check letter for 5,000 pupils", () => {
    const upns = generateSchool({ pupils: 5000, seed: 4, until: "2025-09-03" }).dataset.pupils.map((p) => p.upn);
    expect(new Set(upns).size).toBe(5000);
    for (const u of upns) {
      expect(u).toHaveLength(13);
      expect(u[0]).toBe(checkLetter(u));
    }
  });

  test("UPN format: makeUpn gives the check letter worked by hand", () => {
    // 873412318001: 8x2 + 7x3 + 3x4 + 4x5 + 1x6 + 2x7 + 3x8 + 1x9 + 8x10 + 0x11 + 0x12 + 1x13 = 215; 215 mod 23 = 8: J
    expect(makeUpn(873, 4123, 18, 1)).toBe("J873412318001");
    // 000000000000: sum 0: A
    expect(makeUpn(0, 0, 0, 0)).toBe("A000000000000");
  });
});
