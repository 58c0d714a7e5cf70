import { resolvePolicy } from "../../src/engine/policy";
import { readMarksGrid } from "../../src/import/grid";
import { analyse } from "../../src/engine/analyse";
import { groupValue } from "../../src/engine/summary";

function grid(rows: string[][]) {
  const sessions = Array.from({ length: 10 }, (_, i) => `2025-01-${String(6 + Math.floor(i / 2)).padStart(2, "0")} ${i % 2 ? "PM" : "AM"}`);
  return readMarksGrid({ header: ["UPN", "Year", "FSM", "House", ...sessions], rows });
}
const marks = (absent: number) => Array.from({ length: 10 }, (_, i) => (i < absent ? "O" : "/"));

describe("school and group summaries (contract §5 summary)", () => {
  const ds = grid([
    ["A", "7", "Y", "Red", ...marks(0)],
    ["B", "7", "yes", "Blue", ...marks(1)], // 90%: persistent
    ["C", "8", "N", "Red", ...marks(5)], // 50%: severe, and persistent
    ["D", "8", "", "Red", ...marks(10)],
  ]);
  const a = analyse(ds, { policy: resolvePolicy({ groupColumns: ["house"] }).policy });

  test("summary: total attended over total possible, truncated; persistent count includes severe absentees", () => {
    expect(a.summary).toMatchObject({
      pupils: 4,
      attendancePercent: 60, // 24 of 40
      persistentAbsenceCount: 3,
      severeAbsenceCount: 2,
      nationalThresholdMetCount: 1,
      persistentAbsenceRate: 75,
      severeAbsenceRate: 50,
    });
    expect(a.summary.bands).toEqual({ perfect: 1, expected: 0, "below-expected": 0, "key-converter": 0, persistent: 1, severe: 2 });
  });

  test("groups by year, flags normalised (Y and yes are one group), and a marked extra column", () => {
    const year = a.groups.find((g) => g.column === "year")!;
    expect(year.values.map((v) => [v.value, v.pupils, v.attendancePercent, v.persistentAbsenceCount])).toEqual([
      ["7", 2, 95, 1],
      ["8", 2, 25, 2],
    ]);
    const fsm = a.groups.find((g) => g.column === "fsm")!;
    expect(fsm.values.map((v) => [v.value, v.pupils])).toEqual([["No", 2], ["Yes", 2]]);
    const house = a.groups.find((g) => g.column === "House")!;
    expect(house.values.map((v) => [v.value, v.pupils, v.severeAbsenceCount])).toEqual([["Blue", 1, 0], ["Red", 3, 2]]);
  });

  test("the panes' group filter uses the same values as the summaries", () => {
    const fsmYes = a.pupils.filter((p) => groupValue(p, "fsm") === "Yes").map((p) => p.upn);
    expect(fsmYes).toEqual(["A", "B"]);
    expect(groupValue(a.pupils[3], "fsm")).toBe("No");
    expect(groupValue(a.pupils[0], "House")).toBe("Red");
  });

  test("weekly attendance for the school", () => {
    expect(a.weekly).toEqual([{ weekStart: "2025-01-06", possibleSessions: 40, attendedSessions: 24, attendancePercent: 60 }]);
  });
});
