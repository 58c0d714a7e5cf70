/**
 * The weekly review (toolkit.md, the trust's weekly practice: "the attendance officer prepares the
 * list of key actions; the leadership link reviews it, allocates actions to colleagues and follows up
 * incomplete ones"). Issue 23: a review that can be finished.
 */
import { readActionLog, ActionInput } from "../../src/engine/actions";
import { analyse } from "../../src/engine/analyse";
import { DEFAULT_POLICY } from "../../src/engine/policy";
import { buildWeeklyReview, closeByHand, kindOf, reviewJson, reviewRows, ReviewItem, staffList } from "../../src/engine/weekly-review";
import { marksOn, present, school, weekdays, wholeDays } from "./build";

const entry = (over: Partial<ActionInput>): ActionInput => ({ id: "", date: "", upn: "", action: "Call", detail: "", parent: "", staff: "Mrs Khan", outcome: "", notes: "", supersedes: "", ...over });

// A school year to Fri 13 Mar 2026 (so one absence does not make a pupil persistently absent).
const days = weekdays("2025-09-01", "2026-03-20");
const ds = school(days, {
  A: present,
  // Absent on Monday 2 March (week 1's first-day call), in school since.
  B: marksOn("O", wholeDays(["2026-03-02"])),
  // Ill for six days: stage 2, "Meet the pupil"; only a letter is logged.
  C: marksOn("I", wholeDays(["2026-02-19", "2026-02-20", "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26"])),
  // The same, and a meeting is logged.
  D: marksOn("I", wholeDays(["2026-02-19", "2026-02-20", "2026-02-23", "2026-02-24", "2026-02-25", "2026-02-26"])),
  // Absent on Monday 9 March: week 2's first-day call.
  E: marksOn("O", wholeDays(["2026-03-09"])),
});
const week1 = analyse(ds, { asOf: "2026-03-02" });
const week2 = analyse(ds, { asOf: "2026-03-09" });

test("the actions a step asks for: a call, a meeting, the marks corrected, a decision on a notice", () => {
  expect(kindOf("absent-now", "Phone home today")).toBe("call");
  expect(kindOf("stage", "Meet the pupil (and parent), offer support and set targets")).toBe("meeting");
  expect(kindOf("unresolved-n", "Find out the reason for the absence and correct the N marks")).toBe("marks");
  expect(kindOf("threshold", "Review the support offered and consider a Notice to Improve")).toBe("notice");
  // A list saved before the Because column: read from the action's words.
  expect(kindOf(undefined, "Senior leader meeting; consider an attendance contract")).toBe("meeting");
  expect(kindOf(undefined, "Phone home on the first day of absence")).toBe("call");
});

describe("two Mondays in a row: week 1 saved, week 2 opened", () => {
  const r1 = buildWeeklyReview(week1, readActionLog([]), []);
  const saved: ReviewItem[] = reviewRows(r1).map((i) => ({ ...i, allocatedTo: i.upn === "C" ? "Mr Jones" : "Ms Patel" }));
  const log = readActionLog([
    entry({ id: "A0001", date: "2026-03-03", upn: "C", action: "Letter", staff: "Mr Jones" }),
    entry({ id: "A0002", date: "2026-03-04", upn: "D", action: "Meeting", staff: "Ms Patel" }),
    // Dated before the action was listed: it does not do it.
    entry({ id: "A0003", date: "2026-02-27", upn: "C", action: "Meeting" }),
  ]);
  const r2 = buildWeeklyReview(week2, log, saved);
  // B's one absence also makes its recent attendance decline: a new "encourage" action, apart.
  const line = (upn: string) => [...r2.open, ...r2.closed].find((l) => l.upn === upn && l.because !== "encourage")!;

  test("week 1 lists the first-day call first and the two meetings", () => {
    expect(r1.week).toBe("2026-03-02");
    expect(r1.open.map((l) => [l.upn, l.kind, l.status])).toEqual([["B", "call", "new"], ["C", "meeting", "new"], ["D", "meeting", "new"]]);
  });

  test("a meeting logged since it was listed does it, and names the entry", () => {
    expect(line("D")).toMatchObject({ status: "done", doneBy: "A0002", evidence: "Meeting on 04/03/2026 by Ms Patel (entry A0002)" });
  });

  test("a letter does not do a meeting action: it is carried, with why, and keeps its owner", () => {
    expect(line("C")).toMatchObject({ status: "carried", kind: "meeting", allocatedTo: "Mr Jones", firstListed: "2026-03-02", doneBy: "" });
    expect(line("C").reason).toMatch(/^Carried: no meeting logged for the pupil since 02\/03\/2026, and still needed: 6 days absent this school year/);
  });

  test("last week's first-day call for a pupil who has attended since is no longer needed, with the reason", () => {
    expect(line("B")).toMatchObject({ status: "no-longer-needed" });
    expect(line("B").reason).toBe("The pupil has attended since it was listed (present on 09/03/2026).");
  });

  test("today's first-day call comes first, as a new action; the carried one follows", () => {
    expect(r2.open.map((l) => [l.upn, l.status, l.kind])).toEqual([["E", "new", "call"], ["C", "carried", "meeting"], ["B", "new", "check-in"]]);
  });

  test("review --json's items: upn, action, kind, owner, status, and doneBy when done", () => {
    const json = reviewJson(r2) as { items: Array<Record<string, unknown>> };
    expect(json.items.map((i) => [i.upn, i.status, i.doneBy])).toEqual([["E", "new", undefined], ["C", "carried", undefined], ["B", "new", undefined], ["B", "no-longer-needed", undefined], ["D", "done", "A0002"]]);
    for (const i of json.items) for (const k of ["upn", "action", "kind", "owner", "status"]) expect(i[k]).toBeTruthy();
  });

  test("an action closed or dropped by hand keeps its reason, and is not carried the week after", () => {
    expect(() => closeByHand(line("C"), "dropped", "  ", "Mrs Khan", "2026-03-09")).toThrow(/Say why/);
    const dropped = closeByHand(line("C"), "dropped", "The family has moved abroad", "Mrs Khan", "2026-03-09");
    const again = buildWeeklyReview(week2, log, [...saved, dropped]);
    expect([...again.open, ...again.closed].find((l) => l.upn === "C")).toMatchObject({ status: "dropped", reason: "Dropped by hand by Mrs Khan on 09/03/2026: The family has moved abroad" });
    const week3 = buildWeeklyReview(analyse(ds, { asOf: "2026-03-16" }), log, [...saved, ...reviewRows(again)]);
    expect([...week3.open, ...week3.closed].filter((l) => l.upn === "C")).toEqual([]);
  });
});

test("the list is cut at what a team can do: the rest are to watch, today's calls always this week", () => {
  const many = school(days, Object.fromEntries(Array.from({ length: 6 }, (_, n) => [`P${n}`, marksOn("O", wholeDays(["2026-03-09"]))])));
  const withMeetings = { ...many };
  const a = analyse(withMeetings, { asOf: "2026-03-09", policy: { ...DEFAULT_POLICY, weeklyReview: { thisWeekActions: 2 } } });
  const r = buildWeeklyReview(a, readActionLog([]), []);
  // Six first-day calls today: all this week, whatever the figure.
  expect(r.open.filter((l) => l.horizon === "this-week")).toHaveLength(6);
  const c = analyse(ds, { asOf: "2026-03-02" });
  const cut = buildWeeklyReview(c, readActionLog([]), [], { thisWeekActions: 1 });
  expect(cut.open.map((l) => [l.upn, l.horizon])).toEqual([["B", "this-week"], ["C", "watch"], ["D", "watch"]]);
  expect(cut.thisWeek).toBe(1);
});

test("a future-dated entry does not do an action", () => {
  const r1 = buildWeeklyReview(week1, readActionLog([]), []);
  const log = readActionLog([entry({ id: "A9", date: "2026-04-01", upn: "D", action: "Meeting" })]);
  const r2 = buildWeeklyReview(week2, log, reviewRows(r1));
  expect([...r2.open, ...r2.closed].find((l) => l.upn === "D")!.status).toBe("carried");
});

test("the staff list is the policy's then the log's names, once each", () => {
  const log = readActionLog([entry({ id: "A1", date: "2026-03-03", upn: "C", staff: "ms patel" }), entry({ id: "A2", date: "2026-03-03", upn: "C", staff: "Mr Jones" })]);
  expect(staffList(["Ms Patel"], log)).toEqual(["Ms Patel", "Mr Jones"]);
});
