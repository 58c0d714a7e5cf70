import { DEFAULT_POLICY, resolvePolicy } from "../../src/engine/policy";
import { escalationStage, suggestNextStep } from "../../src/engine/stages";
import { marksOn, pupil, run, school, weekdays, wholeDays } from "./build";

describe("escalation stages: the trust ladder in toolkit.md (days absent this school year, per term)", () => {
  test.each([
    // [days, term index, stage]
    [0, 0, 0],
    [0.5, 0, 1], // Stage 1: first day of absence
    [2.5, 0, 1],
    [3, 0, 2], // Stage 2: 3 days in term 1
    [5.5, 0, 2],
    [6, 0, 3], // Stage 3: 6 days in term 1
    [9, 0, 4], // Stage 4: 9 days in term 1
    [4.5, 1, 1],
    [5, 1, 2], // 5 in term 2
    [8, 1, 3], // 8 in term 2
    [11, 1, 4], // 11 in term 2
    [6.5, 2, 1],
    [7, 2, 2], // 7 in term 3
    [10, 2, 3], // 10 in term 3
    [12.5, 2, 3],
    [13, 2, 4], // 13 in term 3
  ])("%d days absent in term %i is stage %i", (days, term, stage) => {
    expect(escalationStage(days, term, DEFAULT_POLICY.terms[term].name, DEFAULT_POLICY).stage).toBe(stage);
  });

  test("the reason says the days absent, the threshold reached, and the next", () => {
    const s = escalationStage(6.5, 0, "Autumn term", DEFAULT_POLICY);
    expect(s.reason).toBe("6.5 days absent this school year, at or above the 6 days that starts Stage 3 in the autumn term (Stage 4 starts at 9 days).");
    expect(s.owner).toBe("Year leader");
    expect(escalationStage(0, 0, "Autumn term", DEFAULT_POLICY).reason).toBe("No absence this school year; Stage 1 starts at half a day in the autumn term.");
  });

  test("a trust sets its own ladder", () => {
    const own = resolvePolicy({
      stages: [
        { stage: 1, name: "Stage 1: watch", owner: "Tutor", action: "Watch", daysAbsent: [2, 2, 2], letter: null },
        { stage: 2, name: "Stage 2: meet", owner: "Head of year", action: "Meet", daysAbsent: [4, 4, 4], letter: "discussion-summary" },
      ],
    });
    expect(own.problems).toEqual([]);
    expect(escalationStage(3, 1, "Spring term", own.policy)).toMatchObject({ stage: 1, owner: "Tutor" });
    expect(escalationStage(20, 1, "Spring term", own.policy)).toMatchObject({ stage: 2, letter: "discussion-summary" });
  });

  test("counts this school year only (from 1 September by default), in the as-of date's term", () => {
    const days = [...weekdays("2025-07-07", "2025-07-18"), ...weekdays("2025-09-01", "2025-09-19")];
    const ds = school(days, { A: marksOn("I", [...wholeDays(["2025-07-07", "2025-07-08", "2025-07-09", "2025-07-10"]), ...wholeDays(["2025-09-01", "2025-09-02"])]) });
    const p = pupil(run(ds), "A");
    expect(p.thisSchoolYear.daysAbsent).toBe(2);
    expect(p.stage.stage).toBe(1);
    expect(p.unauthorisedAbsenceSessions + p.authorisedAbsenceSessions).toBe(12);
  });

  test("stage changed since last week", () => {
    const days = weekdays("2025-09-01", "2025-09-19");
    const ds = school(days, { A: marksOn("I", wholeDays(["2025-09-05", "2025-09-15", "2025-09-16"])) });
    const p = pupil(run(ds), "A");
    expect(p.stage.stage).toBe(2);
    expect(p.stage.lastWeek).toBe(1);
    expect(p.stage.changedSinceLastWeek).toBe(true);
  });
});

describe("suggested next step (support first: meeting the threshold means considering, not issuing)", () => {
  const base = {
    band: "expected" as const,
    stage: escalationStage(0, 0, "Autumn term", DEFAULT_POLICY),
    thresholdInWindow: 0,
    thresholdMet: false,
    closeToThreshold: false,
    unresolvedNOverdue: 0,
    trend: "steady" as const,
    consecutiveDaysAbsent: 0,
  };
  test("no possible session (every mark an unmapped code, issue 10): never 'praise good attendance'", () => {
    const s = suggestNextStep({ ...base, band: null }, DEFAULT_POLICY);
    expect(s.action).not.toMatch(/praise/i);
    expect(s.action).toMatch(/check the pupil's marks/i);
    expect(suggestNextStep(base, DEFAULT_POLICY).action).toMatch(/praise good attendance/);
  });
  test("threshold met in the current window: review support and consider a Notice to Improve", () => {
    const s = suggestNextStep({ ...base, thresholdInWindow: 10, thresholdMet: true }, DEFAULT_POLICY);
    expect(s.letter).toBe("notice-to-improve");
    expect(s.action).toMatch(/consider/i);
  });
  test("overdue N marks: find the reason", () => {
    expect(suggestNextStep({ ...base, unresolvedNOverdue: 2 }, DEFAULT_POLICY).why).toBe("2 N marks still unresolved after 5 school days.");
  });
  test("a stage above the first: the ladder's action and letter", () => {
    const s = suggestNextStep({ ...base, stage: escalationStage(6, 0, "Autumn term", DEFAULT_POLICY) }, DEFAULT_POLICY);
    expect(s).toMatchObject({ owner: "Year leader", letter: "declining-attendance-invitation" });
  });
  test("absent today at stage 1: phone home", () => {
    const s = suggestNextStep({ ...base, stage: escalationStage(1, 0, "Autumn term", DEFAULT_POLICY), consecutiveDaysAbsent: 1 }, DEFAULT_POLICY);
    expect(s.action).toMatch(/Phone home/);
  });
  test("nothing to do: praise", () => {
    expect(suggestNextStep(base, DEFAULT_POLICY).action).toMatch(/praise/i);
  });
});

describe("a change of stage at a term's start (issue 24): last week's stage on last week's term", () => {
  const kent = resolvePolicy({ calendar: jest.requireActual("./fixtures/kent-2025-26.calendar.json") }).policy;
  const holidays: Array<[string, string]> = [["2025-10-20", "2025-10-31"], ["2025-12-20", "2026-01-04"]];
  // 6.5 days absent in the autumn term (Stage 3 from 6 days), none since.
  const absent = [...wholeDays(["2025-09-15", "2025-09-16", "2025-10-06", "2025-11-10", "2025-11-11", "2025-12-01"]), "2025-12-02 AM"];

  test.each([
    ["the council's calendar", kent],
    ["no calendar (the estimate)", DEFAULT_POLICY],
  ])("Stage 3 in the autumn, Stage 2 on Monday 5 January with no new absence, shown as a change with the reason: %s", (_label, policy) => {
    const ds = school(weekdays("2025-09-01", "2026-01-05", holidays), { A: marksOn("I", absent) });
    const autumn = pupil(run(ds, { policy, asOf: "2025-12-19" }), "A");
    expect(autumn.stage.stage).toBe(3);
    const p = pupil(run(ds, { policy }), "A");
    expect(p.thisSchoolYear.daysAbsent).toBe(6.5);
    expect(p.stage).toMatchObject({ stage: 2, lastWeek: 3, changedSinceLastWeek: true });
    expect(p.stage.changeReason).toBe(
      "Stage 3 at the end of last week, Stage 2 now: the spring term has started and its thresholds are higher (Stage 3 starts at 8 days, not 6 days); 6.5 days absent this school year, no more since last week.",
    );
  });

  test("more absence in the first week of a term: both reasons are given", () => {
    const ds = school(weekdays("2025-09-01", "2026-01-09", holidays), { A: marksOn("I", [...absent, ...wholeDays(["2026-01-06", "2026-01-07", "2026-01-08"])]) });
    const p = pupil(run(ds, { policy: kent }), "A");
    expect(p.stage).toMatchObject({ stage: 3, lastWeek: 3, changedSinceLastWeek: false, changeReason: "" });
    const more = school(weekdays("2025-09-01", "2026-01-09", holidays), { A: marksOn("I", [...absent, ...wholeDays(["2026-01-06", "2026-01-07", "2026-01-08", "2026-01-09"]), "2026-01-05 AM", "2026-01-05 PM"]) });
    const q = pupil(run(more, { policy: kent }), "A");
    expect(q.stage).toMatchObject({ stage: 4, lastWeek: 3, changedSinceLastWeek: true });
    expect(q.stage.changeReason).toBe("Stage 3 at the end of last week, Stage 4 now: 5 days more absence since last week (11.5 days this school year), and the spring term has started and its thresholds are higher (Stage 4 starts at 11 days, not 9 days).");
  });
});
