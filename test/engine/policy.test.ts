import { DEFAULT_POLICY, policyFromJson, resolvePolicy, settingsToOverrides } from "../../src/engine/policy";

describe("policy: defaults, and validation that names the field, the value and what is allowed", () => {
  test("the defaults are the national and toolkit values", () => {
    expect(DEFAULT_POLICY.nationalThreshold).toMatchObject({ sessions: 10, schoolWeeks: 10, countedCodes: ["G", "N", "O", "U"], effectiveFrom: "2024-08-19" });
    expect(DEFAULT_POLICY.hoursPerSession).toBe(3.25);
    expect(DEFAULT_POLICY.noticeToImprove.improvementPeriodSchoolWeeks).toBe(6);
    expect(DEFAULT_POLICY.unresolvedN.afterSchoolDays).toBe(5);
    expect(DEFAULT_POLICY.stages.map((s) => s.daysAbsent)).toEqual([[0.5, 0.5, 0.5], [3, 5, 7], [6, 8, 10], [9, 11, 13]]);
    expect(DEFAULT_POLICY.targets).toEqual({ goalPercent: 100, minimumPercent: 96 });
  });

  test("valid values are taken, nested objects merged", () => {
    const r = resolvePolicy({ hoursPerSession: 2.5, nationalThreshold: { countedCodes: ["g", "o", "u"] } });
    expect(r.problems).toEqual([]);
    expect(r.policy.hoursPerSession).toBe(2.5);
    expect(r.policy.nationalThreshold.countedCodes).toEqual(["G", "O", "U"]);
    expect(r.policy.nationalThreshold.sessions).toBe(10);
  });

  test("an invalid number is reported with field, value and range, and the default kept", () => {
    const r = resolvePolicy({ hoursPerSession: -1 });
    expect(r.policy.hoursPerSession).toBe(3.25);
    expect(r.problems).toEqual([{ field: "hoursPerSession", value: -1, message: "hoursPerSession is -1; it must be a number from 0.5 to 6." }]);
  });

  test("a counted code that is not unauthorised absence is refused", () => {
    const r = resolvePolicy({ nationalThreshold: { countedCodes: ["G", "I"] } });
    expect(r.problems[0].field).toBe("nationalThreshold.countedCodes");
    expect(r.problems[0].message).toMatch(/"I", which is not an unauthorised absence code; allowed: G, N, O, U/);
    expect(r.policy.nationalThreshold.countedCodes).toEqual(["G", "N", "O", "U"]);
  });

  test("an unknown setting is named (a typo does not pass silently)", () => {
    const r = resolvePolicy({ hoursPerSesion: 3 });
    expect(r.problems[0]).toMatchObject({ field: "hoursPerSesion" });
    expect(r.problems[0].message).toMatch(/not a setting/);
  });

  test("bands out of order fall back to the default bands", () => {
    const r = resolvePolicy({ bands: { keyConverterAbove: 97 } });
    expect(r.problems.map((p) => p.field)).toEqual(["bands"]);
    expect(r.policy.bands).toEqual(DEFAULT_POLICY.bands);
  });

  test("a stage ladder must not fall from one stage to the next", () => {
    const r = resolvePolicy({ stages: [
      { stage: 1, name: "a", owner: "b", action: "c", daysAbsent: [3, 3, 3], letter: null },
      { stage: 2, name: "a", owner: "b", action: "c", daysAbsent: [2, 5, 5], letter: null },
    ] });
    expect(r.problems[0].field).toBe("stages[1].daysAbsent");
    expect(r.policy.stages).toEqual(DEFAULT_POLICY.stages);
  });

  test("dates and month-days are checked", () => {
    expect(resolvePolicy({ nationalThreshold: { effectiveFrom: "19/08/2024" } }).problems[0].message).toMatch(/YYYY-MM-DD/);
    expect(resolvePolicy({ schoolYearStarts: "13-01" }).problems[0].message).toMatch(/MM-DD/);
  });

  test("text that is not JSON is one problem and the defaults stand", () => {
    const r = policyFromJson("{ hours: 3 ");
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].message).toMatch(/not valid JSON/);
    expect(r.policy).toEqual(DEFAULT_POLICY);
  });

  test("resolving never changes the defaults object", () => {
    resolvePolicy({ hoursPerSession: 2, nationalThreshold: { sessions: 8 } });
    expect(DEFAULT_POLICY.hoursPerSession).toBe(3.25);
    expect(DEFAULT_POLICY.nationalThreshold.sessions).toBe(10);
  });
});

describe("tracker settings sheet to policy overrides", () => {
  test("numbers parsed, lists split, school text kept, asOf apart, empty values skipped", () => {
    const r = settingsToOverrides({
      hoursPerSession: "2.5",
      "nationalThreshold.countedCodes": "G, O, U",
      "school.name": "Ashford Vale Academy",
      asOf: "2026-03-13",
      groupColumns: "",
    });
    expect(r.asOf).toBe("2026-03-13");
    expect(r.overrides).toEqual({ hoursPerSession: 2.5, nationalThreshold: { countedCodes: ["G", "O", "U"] }, school: { name: "Ashford Vale Academy" } });
    expect(resolvePolicy(r.overrides).problems).toEqual([]);
  });
  test("a number that is not a number is named", () => {
    expect(settingsToOverrides({ hoursPerSession: "three" }).problems[0]).toMatchObject({ field: "hoursPerSession", value: "three" });
  });
});
