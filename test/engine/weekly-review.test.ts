/**
 * The weekly review (toolkit.md, the trust's weekly practice: the leadership link reviews the list
 * of key actions, allocates them to colleagues and follows up the incomplete ones).
 */
import { readActionLog, ActionInput } from "../../src/engine/actions";
import { analyse } from "../../src/engine/analyse";
import { buildWeeklyReview, checkAgainstLog, ReviewItem, staffList } from "../../src/engine/weekly-review";
import { present, school, weekdays } from "./build";

const entry = (over: Partial<ActionInput>): ActionInput => ({ id: "", date: "", upn: "", action: "Call", detail: "", parent: "", staff: "Mrs Khan", outcome: "", notes: "", supersedes: "", ...over });
const item = (over: Partial<ReviewItem>): ReviewItem => ({ week: "2026-03-02", upn: "A", action: "Phone home", owner: "Tutor", allocatedTo: "Ms Patel", firstListed: "2026-03-02", ...over });

test("last week's action is done when the log has an entry for the pupil in or after that week, open otherwise", () => {
  const log = readActionLog([
    entry({ id: "A1", date: "2026-03-04", upn: "A", action: "Call", staff: "Ms Patel" }),
    entry({ id: "A2", date: "2026-02-27", upn: "B", action: "Meeting" }), // before the week: does not count
    entry({ id: "A3", date: "2026-03-05", upn: "C", action: "Meeting" }),
    entry({ id: "A4", date: "2026-03-05", upn: "C", action: "Meeting", supersedes: "A3" }),
    entry({ id: "A5", date: "2026-03-09", upn: "D", action: "Call" }), // this week: counts for this week's review, not last
  ]);
  const checked = checkAgainstLog([item({ upn: "A" }), item({ upn: "B" }), item({ upn: "C" }), item({ upn: "D" })], log, "2026-03-09");
  expect(checked.map((c) => c.status)).toEqual(["done", "open", "done", "open"]);
  expect(checked[0].evidence).toBe("Call on 2026-03-04 (Ms Patel)");
  // A superseded entry does not count, its correction does.
  expect(checked[2].evidence).toBe("Meeting on 2026-03-05 (Mrs Khan)");
});

test("this week's review carries the open actions forward with their allocation, then lists the new ones once", () => {
  // Two weeks to Fri 13 Mar 2026; B and C were absent without a reason: both have a next step this week.
  const days = weekdays("2026-03-02", "2026-03-13");
  const ds = school(days, { A: present, B: (s) => (s.date === "2026-03-12" ? "O" : present(s)), C: (s) => (s.date === "2026-03-13" ? "O" : present(s)) });
  const a = analyse(ds);
  const bAction = a.pupils[1].nextStep.action;
  const saved = [
    item({ week: "2026-03-02", upn: "B", action: bAction, allocatedTo: "Mr Jones", firstListed: "2026-02-23" }),
    item({ week: "2026-03-02", upn: "C", action: "Phone home", allocatedTo: "Ms Patel" }),
  ];
  const log = readActionLog([entry({ id: "A1", date: "2026-03-03", upn: "C", action: "Call", staff: "Ms Patel" })]);
  const r = buildWeeklyReview(a, log, saved);
  expect(r.week).toBe("2026-03-09");
  expect(r.lastWeek.map((c) => [c.item.upn, c.status])).toEqual([["B", "open"], ["C", "done"]]);
  // B is carried (first listed 23 Feb, still with Mr Jones) and not listed twice; C's new action is new.
  expect(r.items[0]).toMatchObject({ week: "2026-03-09", upn: "B", allocatedTo: "Mr Jones", firstListed: "2026-02-23" });
  expect(r.items.filter((i) => i.upn === "B")).toHaveLength(1);
  expect(r.items.find((i) => i.upn === "C")).toMatchObject({ allocatedTo: "", firstListed: "2026-03-09" });
  expect(r.items.find((i) => i.upn === "A")).toBeUndefined();
  // Allocations saved for this week are kept when the review is built again.
  const again = buildWeeklyReview(a, log, [...saved, { ...r.items.find((i) => i.upn === "C")!, allocatedTo: "Mrs Khan" }]);
  expect(again.items.find((i) => i.upn === "C")!.allocatedTo).toBe("Mrs Khan");
});

test("the first review has no last week; the staff list is the policy's then the log's names, once each", () => {
  const a = analyse(school(weekdays("2026-03-09", "2026-03-13"), { A: present }));
  expect(buildWeeklyReview(a, readActionLog([]), []).lastWeek).toEqual([]);
  const log = readActionLog([entry({ id: "A1", date: "2026-03-03", upn: "C", staff: "ms patel" }), entry({ id: "A2", date: "2026-03-03", upn: "C", staff: "Mr Jones" })]);
  expect(staffList(["Ms Patel"], log)).toEqual(["Ms Patel", "Mr Jones"]);
});
