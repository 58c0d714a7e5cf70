import { DEFAULT_POLICY, resolvePolicy } from "../../src/engine/policy";
import { marksOn, present, pupil, run, school, weekdays, wholeDays } from "./build";

// Autumn 2025: Monday 1 September to Friday 19 December, half-term 27 to 31 October.
const autumn = weekdays("2025-09-01", "2025-12-19", [["2025-10-27", "2025-10-31"]]);

describe("national threshold: 10 unauthorised sessions in a rolling 10 school weeks (rules.md, national framework 2024)", () => {
  test("ten sessions in one week meet it; firstMetOn is the day of the tenth", () => {
    const ds = school(autumn, { A: marksOn("G", wholeDays(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12"])) });
    const t = pupil(run(ds, { asOf: "2025-09-19" }), "A").nationalThreshold;
    expect(t).toMatchObject({ sessionsInCurrentWindow: 10, currentWindowStart: "2025-09-01", met: true, firstMetOn: "2025-09-12" });
  });

  test("nine sessions do not", () => {
    const ds = school(autumn, { A: marksOn("O", [...wholeDays(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11"]), "2025-09-12 AM"]) });
    const t = pupil(run(ds), "A").nationalThreshold;
    expect(t.met).toBe(false);
    expect(t.firstMetOn).toBeNull();
  });

  test("the tenth session on a morning: firstMetOn is that date", () => {
    const ds = school(autumn, { A: marksOn("N", [...wholeDays(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11"]), "2025-09-15 AM", "2025-09-15 PM"]) });
    expect(pupil(run(ds), "A").nationalThreshold.firstMetOn).toBe("2025-09-15");
  });

  test("sessions need not be consecutive: any mix of G, N, O, U counts", () => {
    const labels = ["2025-09-01 AM", "2025-09-03 PM", "2025-09-10 AM", "2025-09-17 PM", "2025-09-24 AM", "2025-10-01 PM", "2025-10-08 AM", "2025-10-15 PM", "2025-10-20 AM", "2025-10-22 PM"];
    const codes = ["G", "N", "O", "U"];
    const set = new Map(labels.map((l, i) => [l, codes[i % 4]]));
    const ds = school(autumn, { A: (s) => set.get(`${s.date} ${s.pm ? "PM" : "AM"}`) ?? present(s) });
    const t = pupil(run(ds, { asOf: "2025-10-24" }), "A").nationalThreshold;
    expect(t.met).toBe(true);
    expect(t.firstMetOn).toBe("2025-10-22");
    expect(t.sessionsInCurrentWindow).toBe(10);
    expect(t.countedSessions.map((c) => c.session)).toEqual(labels);
    expect(t.countedSessions.map((c) => c.code)).toEqual(labels.map((_, i) => codes[i % 4]));
  });

  test("five sessions in school week 1 and five in school week 11 are not within 10 school weeks", () => {
    // Week 1 starts 1 September; week 11 is the week of 17 November (half-term is not a school week).
    const ds = school(autumn, {
      A: marksOn("O", [...wholeDays(["2025-09-01", "2025-09-02"]), "2025-09-03 AM", ...wholeDays(["2025-11-17", "2025-11-18"]), "2025-11-19 AM"]),
    });
    const t = pupil(run(ds), "A").nationalThreshold;
    expect(t.met).toBe(false);
  });

  test("a half-term holiday is not a school week, so the window reaches back past it (week 1 and week 10 → met)", () => {
    // School week 10 is the week of 10 November because half-term (27-31 October) has no sessions.
    const ds = school(autumn, {
      A: marksOn("O", [...wholeDays(["2025-09-01", "2025-09-02"]), "2025-09-03 AM", ...wholeDays(["2025-11-10", "2025-11-11"]), "2025-11-12 AM"]),
    });
    const t = pupil(run(ds, { asOf: "2025-11-14" }), "A").nationalThreshold;
    expect(t.met).toBe(true);
    expect(t.firstMetOn).toBe("2025-11-12");
    expect(t.currentWindowStart).toBe("2025-09-01");
    expect(t.sessionsInCurrentWindow).toBe(10);
  });

  test("a week of planned whole-school closure (# for everyone) is not a school week", () => {
    const closed = ["2025-09-22", "2025-09-23", "2025-09-24", "2025-09-25", "2025-09-26"];
    const base = (s: { date: string; pm: boolean }) => (closed.includes(s.date) ? "#" : s.pm ? "\\" : "/");
    const ds = school(autumn, {
      A: marksOn("G", [...wholeDays(["2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05"])], base),
      B: base,
    });
    const a = run(ds, { asOf: "2025-11-14" });
    // School weeks up to 14 November: 1, 8, 15, 29 Sep, 6, 13, 20 Oct, 3, 10 Nov (22 Sep closed, 27 Oct half-term).
    expect(a.calendar.weekMondays.length).toBe(9);
    expect(pupil(a, "A").nationalThreshold.currentWindowStart).toBe("2025-09-01");
    expect(pupil(a, "A").nationalThreshold.sessionsInCurrentWindow).toBe(10);
  });

  test("the window spans school years: five sessions in July and five in September meet it", () => {
    const days = [...weekdays("2025-06-30", "2025-07-18"), ...weekdays("2025-09-01", "2025-09-19")];
    const ds = school(days, { A: marksOn("G", [...wholeDays(["2025-07-16", "2025-07-17"]), "2025-07-18 AM", ...wholeDays(["2025-09-01", "2025-09-02"]), "2025-09-03 AM"].slice(0, 10)) });
    const t = pupil(run(ds), "A").nationalThreshold;
    expect(t.met).toBe(true);
    expect(t.firstMetOn).toBe("2025-09-03");
  });

  test("absence before 19 August 2024 does not count towards it", () => {
    const days = [...weekdays("2024-07-08", "2024-07-19"), ...weekdays("2024-09-02", "2024-09-13")];
    const ds = school(days, { A: marksOn("O", [...wholeDays(["2024-07-15", "2024-07-16", "2024-07-17"]), ...wholeDays(["2024-09-02", "2024-09-03"])]) });
    const t = pupil(run(ds), "A").nationalThreshold;
    expect(t.met).toBe(false);
    expect(t.sessionsInCurrentWindow).toBe(4);
  });

  test("authorised absence never counts", () => {
    const ds = school(autumn, { A: marksOn("I", wholeDays(autumn.slice(0, 10))) });
    expect(pupil(run(ds), "A").nationalThreshold.met).toBe(false);
  });

  test("the counted codes are a policy setting (Norfolk counts G, O, U but not N)", () => {
    const ds = school(autumn, { A: marksOn("N", wholeDays(autumn.slice(0, 5))) });
    expect(pupil(run(ds), "A").nationalThreshold.met).toBe(true);
    const norfolk = resolvePolicy({ nationalThreshold: { countedCodes: ["G", "O", "U"] } }).policy;
    expect(pupil(run(ds, { policy: norfolk }), "A").nationalThreshold.met).toBe(false);
  });

  test("met stays true after the window moves on, while sessionsInCurrentWindow falls to the current window", () => {
    const ds = school(autumn, { A: marksOn("G", wholeDays(autumn.slice(0, 5))) });
    const t = pupil(run(ds), "A").nationalThreshold; // as-of 19 December
    expect(t.met).toBe(true);
    expect(t.firstMetOn).toBe("2025-09-05");
    expect(t.sessionsInCurrentWindow).toBe(0);
    // 15 school weeks (1 Sep to 19 Dec, less half-term): the window is the last 10, from 6 October.
    expect(t.currentWindowStart).toBe("2025-10-06");
  });

  test("an as-of date in a holiday: the window ends with the last school week before it", () => {
    const ds = school(autumn, { A: marksOn("U", ["2025-10-24 AM"]) });
    const t = pupil(run(ds, { asOf: "2025-10-29" }), "A").nationalThreshold;
    // Last school week is that of 20 October, the 8th: the window is all 8 weeks from 1 September.
    expect(t.currentWindowStart).toBe("2025-09-01");
    expect(t.sessionsInCurrentWindow).toBe(1);
  });

  test("fewer than 10 school weeks so far: the window starts at the first school week", () => {
    const ds = school(weekdays("2025-09-03", "2025-09-19"), { A: present });
    expect(pupil(run(ds), "A").nationalThreshold.currentWindowStart).toBe("2025-09-01");
  });

  test("the window size and number of sessions are policy settings", () => {
    const ds = school(autumn, { A: marksOn("O", wholeDays(autumn.slice(0, 3))) });
    const strict = resolvePolicy({ nationalThreshold: { sessions: 6, schoolWeeks: 4 } }).policy;
    expect(pupil(run(ds, { policy: strict }), "A").nationalThreshold.firstMetOn).toBe("2025-09-03");
    expect(pupil(run(ds, { policy: DEFAULT_POLICY }), "A").nationalThreshold.met).toBe(false);
  });

  test("a pupil close to the threshold is flagged (policy closeAt, default 6)", () => {
    const ds = school(autumn, { A: marksOn("O", wholeDays(autumn.slice(-3))), B: marksOn("O", wholeDays(autumn.slice(-2))) });
    const a = run(ds);
    expect(pupil(a, "A").nationalThreshold.close).toBe(true);
    expect(pupil(a, "B").nationalThreshold.close).toBe(false);
  });
});
