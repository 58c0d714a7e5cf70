import { keyGroups, weeklyActions } from "../../src/engine/key-groups";
import { marksOn, present, run, school, weekdays, wholeDays } from "./build";

const autumn = weekdays("2025-09-01", "2025-12-19", [["2025-10-27", "2025-10-31"]]);

describe("key groups for the weekly review (toolkit.md: key converters, persistent absentees, late or absent the day before)", () => {
  const ds = school(autumn, {
    GOOD: present,
    KC: marksOn("I", wholeDays(autumn.slice(0, 6))), // 6 of 75 days: 92% attendance
    PA: marksOn("I", wholeDays(autumn.slice(0, 10))),
    THRESH: marksOn("G", wholeDays(autumn.slice(30, 35))),
    LASTDAY: marksOn("U", ["2025-12-19 AM"]),
    // Late before the register closed on the last day: the ordinary late a tutor calls about.
    LATE: marksOn("L", ["2025-12-19 AM"]),
    NLATE: marksOn("N", ["2025-12-05 AM"]),
  });
  const a = run(ds);
  const groups = Object.fromEntries(keyGroups(a).map((g) => [g.id, g.pupils.map((i) => a.pupils[i].upn)]));

  test("each group holds the pupils its rule picks", () => {
    // THRESH's week of holiday is 10 of 150 sessions: 93.3%, a key converter as well.
    expect(groups["key-converters"]).toEqual(["KC", "THRESH"]);
    expect(groups["persistent"]).toEqual(["PA"]);
    expect(groups["threshold-met"]).toEqual(["THRESH"]);
    expect(groups["absent-last-day"]).toEqual(["LASTDAY", "LATE"]);
    expect(groups["unresolved-n"]).toEqual(["NLATE"]);
    expect(groups["severe"]).toEqual([]);
  });

  test("the last-day group names the day in the trust's words, late or absent", () => {
    expect(keyGroups(a).find((g) => g.id === "absent-last-day")!.label).toBe("Late or absent on Friday 19 December 2025");
  });

  test("the key converters are not in persistent absence: the sentence never says a small improvement takes them out of it", () => {
    const d = keyGroups(a).find((g) => g.id === "key-converters")!.description;
    expect(d).not.toMatch(/takes them out of persistent absence/);
    expect(d).toMatch(/not persistently absent/);
  });

  test("this week's actions: most urgent first, none for pupils with nothing to do", () => {
    const list = weeklyActions(a);
    expect(list.map((x) => x.upn)).not.toContain("GOOD");
    // THRESH met the threshold by term-time holiday alone: no Notice to Improve (rules.md), a penalty notice referral to consider (issue 9).
    expect(list[0]).toMatchObject({ upn: "THRESH", owner: "Attendance lead", letter: null });
    expect(list[1]).toMatchObject({ upn: "NLATE", owner: "Attendance officer" });
    // LASTDAY was late after registers closed but in school that afternoon: watched, not this week's action.
    expect(list.map((x) => x.upn)).not.toContain("LASTDAY");
    expect(list.map((x) => x.priority)).toEqual([...list.map((x) => x.priority)].sort((x, y) => x - y));
  });
});
