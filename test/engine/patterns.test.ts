import { learningLost, describeDays } from "../../src/engine/learning";
import { resolvePolicy } from "../../src/engine/policy";
import { marksOn, present, pupil, run, school, weekdays, wholeDays } from "./build";

const autumn = weekdays("2025-09-01", "2025-12-19", [["2025-10-27", "2025-10-31"]]);

describe("learning lost (rules.md Learning lost; DfE 32.5-hour week)", () => {
  test("19 days missed at the default 3.25 hours a session is 123.5 hours, 3.8 school weeks", () => {
    expect(learningLost(38, 3.25)).toEqual({ sessions: 38, days: 19, hours: 123.5, schoolWeeks: 3.8 });
  });
  test("Essex counts 5 hours for every two sessions missed (2.5 a session)", () => {
    expect(learningLost(38, 2.5).hours).toBe(95);
  });
  test("counts all absence, authorised and unauthorised, and follows the policy's hours per session", () => {
    const ds = school(autumn, { A: marksOn("I", wholeDays(["2025-09-01"]), marksOn("G", ["2025-09-02 AM"])) });
    expect(pupil(run(ds), "A").learningLost).toEqual({ sessions: 3, days: 1.5, hours: 9.75, schoolWeeks: 0.3 });
    const p = resolvePolicy({ hoursPerSession: 3 }).policy;
    expect(pupil(run(ds, { policy: p }), "A").learningLost.hours).toBe(9);
  });
  test("days are described the way letters speak of them", () => {
    expect(describeDays(0.5)).toBe("half a day");
    expect(describeDays(1)).toBe("1 day");
    expect(describeDays(6.5)).toBe("6.5 days");
    expect(describeDays(3)).toBe("3 days");
  });
});

describe("patterns that let staff act early", () => {
  test("consecutive days absent, counted back from the as-of date, passing over weekends", () => {
    const ds = school(autumn, { A: marksOn("I", wholeDays(["2025-12-11", "2025-12-12", "2025-12-15"])) });
    expect(pupil(run(ds, { asOf: "2025-12-15" }), "A").consecutiveDaysAbsent).toBe(3);
    expect(pupil(run(ds, { asOf: "2025-12-16" }), "A").consecutiveDaysAbsent).toBe(0);
  });

  test("a half day present ends the run", () => {
    const ds = school(autumn, { A: marksOn("O", ["2025-12-18 PM", ...wholeDays(["2025-12-19"])]) });
    expect(pupil(run(ds), "A").consecutiveDaysAbsent).toBe(1);
  });

  test("absence by weekday this school year (Monday to Friday)", () => {
    const mondays = autumn.filter((d) => new Date(d).getUTCDay() === 1);
    const ds = school(autumn, { A: marksOn("O", wholeDays(mondays.slice(0, 4))) });
    const w = pupil(run(ds), "A").absenceByWeekday;
    expect(w.map((x) => x.weekday)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
    expect(w[0]).toEqual({ weekday: "Monday", absentSessions: 8, possibleSessions: 30 });
    expect(w[1].absentSessions).toBe(0);
  });

  test("N marks unresolved after 5 school days are overdue; 4 school days are not yet (policy, default 5)", () => {
    // As of Friday 12 December: school days after 5 Dec are 8-12 Dec (5); after 8 Dec, 9-12 Dec (4).
    const ds = school(autumn, { A: marksOn("N", ["2025-12-05 AM", "2025-12-08 PM"]) });
    const p = pupil(run(ds, { asOf: "2025-12-12" }), "A");
    expect(p.unresolvedN).toEqual({ count: 2, overdue: ["2025-12-05 AM"] });
    const three = resolvePolicy({ unresolvedN: { afterSchoolDays: 3 } }).policy;
    expect(pupil(run(ds, { asOf: "2025-12-12", policy: three }), "A").unresolvedN.overdue).toEqual(["2025-12-05 AM", "2025-12-08 PM"]);
  });

  test("holidays are not school days when ageing an N mark", () => {
    const ds = school(autumn, { A: marksOn("N", ["2025-10-23 AM"]) });
    // 24 Oct, then half-term, then 3-5 Nov: 4 school days.
    expect(pupil(run(ds, { asOf: "2025-11-05" }), "A").unresolvedN.overdue).toEqual([]);
    expect(pupil(run(ds, { asOf: "2025-11-06" }), "A").unresolvedN.overdue).toEqual(["2025-10-23 AM"]);
  });

  test("attendance over the last 4 school weeks against the year so far: declining, improving, steady", () => {
    const last4 = autumn.slice(-20);
    const first4 = autumn.slice(0, 20);
    const ds = school(autumn, {
      DOWN: marksOn("I", wholeDays(last4.slice(0, 6))),
      UP: marksOn("I", wholeDays(first4.slice(0, 10))),
      SAME: present,
    });
    const a = run(ds);
    expect(pupil(a, "DOWN").trend.direction).toBe("declining");
    expect(pupil(a, "DOWN").trend.recentPercent).toBe(70);
    expect(pupil(a, "UP").trend.direction).toBe("improving");
    expect(pupil(a, "SAME").trend.direction).toBe("steady");
  });

  test("no trend until the year has more school weeks than the recent window", () => {
    const ds = school(weekdays("2025-09-01", "2025-09-26"), { A: marksOn("I", wholeDays(["2025-09-25", "2025-09-26"])) });
    expect(pupil(run(ds), "A").trend.direction).toBeNull();
  });
});

describe("the weekday pattern (MIS pupil profiles show it; issue 23: the pupil card shows it too)", () => {
  const { weekdayPattern } = require("../../src/engine/patterns") as typeof import("../../src/engine/patterns");
  const week = (mon: number, other: number) =>
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"].map((weekday, i) => ({ weekday, absentSessions: i === 0 ? mon : other, possibleSessions: 40 }));
  test("Mondays stand out when their rate is at least twice the other days' together", () => {
    expect(weekdayPattern(week(8, 1)).map((d) => d.weekday)).toEqual(["Monday"]);
    // 4 of 40 against 2 of 40 on each other day: twice exactly is a pattern; less is not.
    expect(weekdayPattern(week(4, 2)).map((d) => d.weekday)).toEqual(["Monday"]);
    expect(weekdayPattern(week(3, 2)).map((d) => d.weekday)).toEqual([]);
  });
  test("two absent sessions are not a pattern, however quiet the other days", () => {
    expect(weekdayPattern(week(2, 0))).toEqual([]);
  });
});
