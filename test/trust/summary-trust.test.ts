/**
 * Issue 14: the school summary (aggregates only, small counts suppressed as the DfE does, a
 * versioned format checked when read) and the trust dashboard (each school's figures equal its own
 * analysis; trust-wide rates from sessions, never an average of percentages).
 */
import { cellsToHide, Count, findPupilField, readSchoolSummary, SchoolSummaryFile, SummaryFormatError } from "../../src/engine/school-summary";
import { buildTrustDashboard } from "../../src/engine/trust";
import { readNationalFigures } from "../../src/engine/national";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const NATIONAL = readNationalFigures(readFileSync(resolve(__dirname, "../../assets/national/national-figures.json"), "utf8"));

function school(pupils: number, seed: number, name = `School ${seed}`, until?: string) {
  const s = generateSchool({ pupils, seed, until });
  const { analysis, summary } = summariseTracker(s, { name, phase: "secondary", createdAt: new Date("2026-03-16T09:00:00Z") });
  return { sample: s, analysis, summary };
}

/** Every count-like leaf of a summary: numbers that are counts of pupils. */
function pupilCounts(doc: SchoolSummaryFile): Array<[string, Count]> {
  const out: Array<[string, Count]> = [];
  const figs = (f: SchoolSummaryFile["figures"], at: string) => {
    out.push([`${at}.pupils`, f.pupils], [`${at}.pa`, f.persistentAbsence], [`${at}.sa`, f.severeAbsence], [`${at}.met`, f.thresholdMet]);
    for (const [k, v] of Object.entries(f.bands)) out.push([`${at}.bands.${k}`, v]);
    for (const [k, v] of Object.entries(f.stages)) out.push([`${at}.stages.${k}`, v]);
  };
  figs(doc.figures, "school");
  for (const g of doc.groups) for (const v of g.values) figs(v, `${g.column}=${v.value}`);
  for (const [k, v] of Object.entries(doc.keyGroups)) out.push([`keyGroups.${k}`, v]);
  for (const [k, v] of Object.entries(doc.actions)) out.push([`actions.${k}`, v]);
  return out;
}

describe("school summary: no pupil data (issue 14, done when)", () => {
  test.each([[150, 2025], [40, 7]])("a %i-pupil school (seed %i): no UPN, name, address, date of birth, email or phone anywhere in the file", (n, seed) => {
    const { sample, summary } = school(n, seed);
    const text = JSON.stringify(summary);
    const secrets = new Set<string>();
    for (const p of sample.dataset.pupils) {
      secrets.add(p.upn);
      for (const k of ["surname", "forename", "dob"] as const) if (p.details[k]) secrets.add(p.details[k]!);
    }
    for (const c of sample.contacts) {
      for (const v of [c.forename, c.surname, c.postcode, c.email, c.phone, ...c.address]) if (v && v.length > 3) secrets.add(v);
    }
    expect(secrets.size).toBeGreaterThan(n);
    const found = [...secrets].filter((s) => text.includes(JSON.stringify(s).slice(1, -1)) && !/^\d+$/.test(s));
    expect(found).toEqual([]);
    expect(findPupilField(summary)).toBeNull();
    // No list of pupils of any kind: nothing in the file has as many entries as the school has pupils.
    expect(text).not.toMatch(/"upn"|"surname"|"forename"|"dob"|"address"/i);
  });
});

describe("school summary: small counts suppressed the DfE way (rule and source in SUPPRESSION)", () => {
  test("cellsToHide: 1 and 2 hidden; a single hidden cell takes the next smallest with it; 0 and 3+ shown", () => {
    expect(cellsToHide([10, 0, 5, 7])).toEqual([false, false, false, false]);
    expect(cellsToHide([10, 2, 5, 7])).toEqual([false, true, true, false]);
    expect(cellsToHide([10, 1, 2, 7])).toEqual([false, true, true, false]);
    expect(cellsToHide([3, 0, 0])).toEqual([false, false, false]);
  });

  test.each([[12, 3], [40, 11], [150, 2025]])("a %i-pupil school (seed %i): no count of 1 or 2 anywhere; each breakdown has no lone c; the file reads back", (n, seed) => {
    const { summary, analysis } = school(n, seed);
    const counts = pupilCounts(summary);
    expect(counts.filter(([, v]) => v === 1 || v === 2)).toEqual([]);
    // Small schools really have small groups: suppression is exercised, not vacuous.
    if (n <= 40) expect(counts.some(([, v]) => v === "c")).toBe(true);
    const lone = (r: Record<string, Count>) => Object.values(r).filter((v) => v === "c").length === 1;
    expect(lone(summary.figures.bands) || lone(summary.figures.stages)).toBe(false);
    for (const g of summary.groups) {
      expect(g.values.filter((v) => v.pupils === "c").length).not.toBe(1);
      // A hidden group hides its sessions too: a group of 1 or 2 pupils' sessions are their attendance.
      for (const v of g.values) if (v.pupils === "c") expect(v.sessions).toBe("c");
    }
    // The underlying analysis did have groups of 1 or 2 in the small schools.
    if (n <= 40) expect(analysis.groups.some((g) => g.values.some((v) => v.pupils > 0 && v.pupils < 3))).toBe(true);
    expect(readSchoolSummary(JSON.stringify(summary))).toEqual(summary);
  });

  test.each([[12, 3], [25, 4], [40, 11], [40, 7], [90, 5], [150, 2025]])("a %i-pupil school (seed %i): a hidden figure cannot be worked out from the figures that count the same pupils", (n, seed) => {
    const { summary } = school(n, seed);
    const sets = [summary.figures, ...summary.groups.flatMap((g) => g.values)].filter((f) => f.pupils !== "c");
    for (const f of sets) {
      // The severe band and SA are the same pupils.
      expect(f.bands.severe).toBe(f.severeAbsence);
      // PA = persistent + severe bands: never exactly one of the two shown beside PA.
      const shown = [f.bands.persistent, f.bands.severe].filter((v) => v !== "c").length;
      expect(shown === 1 && f.persistentAbsence !== "c").toBe(false);
      if (shown === 2 && f.persistentAbsence !== "c") expect(f.persistentAbsence).toBe((f.bands.persistent as number) + (f.bands.severe as number));
      // No lone c among the bands.
      expect(Object.values(f.bands).filter((v) => v === "c").length).not.toBe(1);
    }
    expect(summary.keyGroups["key-converters"]).toBe(summary.figures.bands["key-converter"]);
    expect(summary.keyGroups["severe"]).toBe(summary.figures.severeAbsence);
    for (const g of summary.groups) {
      for (const field of ["persistentAbsence", "severeAbsence", "thresholdMet"] as const) {
        // A lone c across the values is safe only where the school's own figure is c too (the
        // whole system of equations is checked in suppression.test.ts).
        const hidden = g.values.filter((v) => v[field] === "c").length;
        expect({ column: g.column, field, leak: hidden === 1 && summary.figures[field] !== "c" }).toEqual({ column: g.column, field, leak: false });
      }
    }
  });

  test("a group of 2 pupils is hidden with its sessions, and its complement too (secondary suppression)", () => {
    const { summary } = school(30, 5);
    const cla = summary.groups.find((g) => g.column === "cla");
    if (cla) {
      const hidden = cla.values.filter((v) => v.pupils === "c");
      expect(hidden.length === 0 || hidden.length >= 2).toBe(true);
    }
  });
});

describe("school summary: a versioned format, checked when read", () => {
  const { summary } = school(60, 9);
  const text = JSON.stringify(summary);
  test("not JSON, another format, another version: named plainly", () => {
    expect(() => readSchoolSummary("{", "x.json")).toThrow("x.json is not a school summary: it is not JSON.");
    expect(() => readSchoolSummary("{}", "x.json")).toThrow(/x.json is not a school summary/);
    expect(() => readSchoolSummary(JSON.stringify({ ...summary, version: 2 }), "x.json")).toThrow(/version 2 summary; this toolkit reads version 1/);
  });
  test("a count of 2 (not suppressed) is refused", () => {
    const bad = JSON.parse(text);
    bad.figures.severeAbsence = 2;
    expect(() => readSchoolSummary(JSON.stringify(bad), "s.json")).toThrow(/figures: severeAbsence is 2: counts of 1 or 2 must be shown as "c"/);
  });
  test("pupil data (a UPN, a surname field) is refused", () => {
    const bad = JSON.parse(text);
    bad.groups[0].values[0].value = "A123456789012";
    expect(() => readSchoolSummary(JSON.stringify(bad))).toThrow(SummaryFormatError);
    const bad2 = JSON.parse(text);
    bad2.school.surname = "Smith";
    expect(() => readSchoolSummary(JSON.stringify(bad2))).toThrow(/"surname" field, which is pupil data/);
  });
  test("sessions that do not add up are refused", () => {
    const bad = JSON.parse(text);
    bad.figures.sessions.attended += 1;
    expect(() => readSchoolSummary(JSON.stringify(bad))).toThrow(/do not add up/);
  });
});

describe("trust dashboard: figures equal each school's own analysis; trust rates from sessions", () => {
  const schools = [school(40, 1, "Small Primary"), school(150, 2025, "Ashford Vale Academy"), school(600, 42, "Large Secondary"), school(150, 77, "Other Academy")];
  const dash = buildTrustDashboard(schools.map((s) => s.summary), NATIONAL);

  test("each school's attendance %, pupils, sessions, PA and SA counts and threshold-met equal analyse()", () => {
    for (const s of schools) {
      const row = dash.schools.find((r) => r.name === s.summary.school.name)!;
      const a = s.analysis.summary;
      expect(row.attendancePercent).toBe(a.attendancePercent);
      expect(row.figures.pupils).toBe(a.pupils);
      expect(row.sessions.possible).toBe(a.possibleSessions);
      expect(row.sessions.attended).toBe(a.attendedSessions);
      // A count of 1 or 2 is always c; a larger one is its own value, or c where hiding it keeps
      // another c from being worked out (complementary suppression, issue 24).
      const shown = (n: number) => (n === 1 || n === 2 ? ["c"] : [n, "c"]);
      expect(shown(a.persistentAbsenceCount)).toContain(row.figures.persistentAbsence);
      expect(shown(a.severeAbsenceCount)).toContain(row.figures.severeAbsence);
      expect(shown(a.nationalThresholdMetCount)).toContain(row.figures.thresholdMet);
      if (typeof row.figures.persistentAbsencePercent === "number") expect(row.figures.persistentAbsencePercent).toBe(a.persistentAbsenceRate);
      for (const b of Object.keys(a.bands) as Array<keyof typeof a.bands>) {
        const v = row.figures.bands[b];
        if (v !== "c") expect(v).toBe(a.bands[b]);
      }
      // Weekly: the same weeks and figures as the school's own analysis.
      expect(row.weekly.map((w) => w.attendancePercent)).toEqual(s.analysis.weekly.map((w) => w.attendancePercent));
    }
  });

  test("trust-wide attendance = all attended sessions / all possible sessions, not the mean of school percentages", () => {
    let att = 0;
    let pos = 0;
    for (const s of schools) for (const p of s.analysis.pupils) {
      att += p.attendedSessions;
      pos += p.possibleSessions;
    }
    expect(dash.trust.sessions).toMatchObject({ attended: att, possible: pos });
    expect(dash.trust.attendancePercent).toBe(Math.floor((att * 1000) / pos) / 10);
    expect(dash.trust.pupils).toBe(40 + 150 + 600 + 150);
  });

  test("a small school does not weigh as much as a large one (hand-made: 10 pupils at 50%, 1,000 at 100%)", () => {
    const mk = (name: string, pupils: number, attended: number, possible: number): SchoolSummaryFile => {
      const base = JSON.parse(JSON.stringify(schools[0].summary)) as SchoolSummaryFile;
      base.school = { name, urn: "", phase: "primary" };
      base.figures.pupils = pupils;
      base.figures.sessions = { possible, attended, authorised: possible - attended, unauthorised: 0 };
      base.groups = [];
      return base;
    };
    const d = buildTrustDashboard([mk("Tiny", 10, 1900, 3800), mk("Huge", 1000, 380000, 380000)], null);
    // The average of 50% and 100% would be 75%; from sessions it is 381,900 / 383,800.
    expect(dash).toBeDefined();
    expect(d.trust.attendancePercent).toBe(99.5);
    expect(d.schools.map((s) => [s.name, s.rank])).toEqual([["Huge", 1], ["Tiny", 2]]);
  });

  test("ranking by exact attendance; change since the last summary of the same school", () => {
    const earlier = school(150, 2025, "Ashford Vale Academy", "2026-02-13").summary;
    const d = buildTrustDashboard([earlier, ...schools.map((s) => s.summary)], NATIONAL);
    const row = d.schools.find((r) => r.name === "Ashford Vale Academy")!;
    expect(row.previous?.asOf).toBe(earlier.asOf);
    expect(row.change).toBe(Math.round((row.attendancePercent! - row.previous!.attendancePercent!) * 10) / 10);
    expect(d.schools).toHaveLength(4);
    const pcts = d.schools.map((s) => s.attendancePercent!);
    expect([...pcts].sort((a, b) => b - a)).toEqual(pcts);
  });

  test("groups summed from sessions across schools; national figure for the phase with its year and publication", () => {
    const fsmYes = dash.groups.find((g) => g.column === "fsm" && g.value === "Yes");
    if (fsmYes) {
      let att = 0;
      let pos = 0;
      for (const s of schools) for (const p of s.analysis.pupils) if (/^(y|yes|true|1)$/i.test((p.details.fsm ?? "").trim())) {
        att += p.attendedSessions;
        pos += p.possibleSessions;
      }
      if (fsmYes.hiddenInSchools === 0) expect(fsmYes.sessions).toMatchObject({ attended: att, possible: pos });
    }
    expect(dash.schools[0].national).toMatchObject({ phase: "secondary", year: "2023/24", publication: "Pupil absence in schools in England" });
  });
});
