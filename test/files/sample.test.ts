/** The synthetic school: fixed seed, the 2025-26 calendar, a realistic mix. */
import { analyse } from "../../src/engine/analyse";
import { REGISTER_CODES } from "../../src/engine/codes";
import { formatIso } from "../../src/engine/dates";
import { generateSchool, makeUpn, schoolDays } from "../../src/sample/generate";

describe("sample school", () => {
  test("the same seed gives the same school; another seed another", () => {
    const a = generateSchool({ pupils: 40, seed: 9 });
    const b = generateSchool({ pupils: 40, seed: 9 });
    const c = generateSchool({ pupils: 40, seed: 10 });
    expect(b.dataset.marks).toEqual(a.dataset.marks);
    expect(b.contacts).toEqual(a.contacts);
    expect(c.dataset.marks).not.toEqual(a.dataset.marks);
  });

  test("2025-26: 195 days (390 sessions), INSET days # for everyone, no sessions in half-terms", () => {
    const days = schoolDays().map(formatIso);
    expect(days).toHaveLength(195);
    expect(days).not.toContain("2025-10-29");
    expect(days).not.toContain("2026-02-17");
    expect(days).not.toContain("2026-05-04");
    const s = generateSchool({ pupils: 10, seed: 1 });
    const inset = s.dataset.sessions.findIndex((x) => x.label === "2025-09-01 AM");
    expect(s.dataset.marks.every((m) => REGISTER_CODES[m[inset]].code === "#")).toBe(true);
  });

  test("a realistic mix on 600 pupils", () => {
    const s = generateSchool({ pupils: 600, seed: 2025 });
    const a = analyse(s.dataset);
    expect(a.summary.attendancePercent).toBeGreaterThan(90);
    expect(a.summary.attendancePercent).toBeLessThan(95);
    expect(a.summary.persistentAbsenceRate).toBeGreaterThan(12);
    expect(a.summary.persistentAbsenceRate).toBeLessThan(28);
    expect(a.summary.severeAbsenceRate).toBeGreaterThan(0.5);
    expect(a.summary.severeAbsenceRate).toBeLessThan(6);
    expect(a.summary.nationalThresholdMetCount).toBeGreaterThan(0);
    const codes = new Set(s.dataset.marks.flatMap((m) => Array.from(m, (c) => REGISTER_CODES[c].code)));
    for (const c of ["U", "L", "G", "N", "I", "M", "D", "Z", "Y4", "V"]) expect(codes).toContain(c);
    expect(s.contacts.some((c) => /^the[a-z]+family@/.test(c.email))).toBe(true);
    expect(s.contacts.some((c) => c.livesWithPupil === false)).toBe(true);
  });

  test("UPNs are 13 characters, unique, with the right check letter", () => {
    const s = generateSchool({ pupils: 2000, seed: 4 });
    const upns = s.dataset.pupils.map((p) => p.upn);
    expect(new Set(upns).size).toBe(2000);
    for (const u of upns) {
      expect(u).toMatch(/^[A-Z]\d{12}$/);
      let sum = 0;
      for (let i = 1; i < 13; i++) sum += Number(u[i]) * (i + 1);
      expect(u[0]).toBe("ABCDEFGHJKLMNPQRTUVWXYZ"[sum % 23]);
    }
    expect(makeUpn(873, 4123, 18, 1)).toBe("J873412318001");
  });
});
