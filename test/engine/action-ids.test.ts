/**
 * Entry IDs in a shared tracker (issue 22, "Two staff log an action at once: one entry drops out of
 * the evidence"): "highest + 1" gave two writers the same A0002 and the log dropped the second as a
 * repeat; an ID from the day and a random part cannot be handed to both.
 */
import { nextActionId, readActionLog, uniqueActionId } from "../../src/engine/actions";

const base = { date: "2026-12-07", upn: "A123456789012", action: "Phone call", detail: "", parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "" };

test("the source case: two writers reading the same log both computed A0002 with highest + 1", () => {
  expect(nextActionId(["A0001"])).toBe(nextActionId(["A0001"]));
});

test("the day it was logged and five characters staff cannot misread", () => {
  const id = uniqueActionId(new Date(2026, 11, 7), new Set(), () => 0.5);
  expect(id).toMatch(/^A20261207-[ACDEFGHJKMNPQRTUVWXY34679]{5}$/);
});

test("never one already in the log: 10,000 entries on one day all differ, and the log keeps every one", () => {
  const day = new Date(2026, 11, 7);
  const taken = new Set<string>();
  const ids = Array.from({ length: 10_000 }, () => {
    const id = uniqueActionId(day, taken);
    taken.add(id);
    return id;
  });
  expect(new Set(ids).size).toBe(ids.length);
  const log = readActionLog(ids.slice(0, 50).map((id) => ({ ...base, id })));
  expect(log.entries).toHaveLength(50);
  expect(log.problems).toEqual([]);
});

test("a draw that is already taken is drawn again", () => {
  const draws = [0, 0, 0, 0, 0, 0.99, 0.99, 0.99, 0.99, 0.99];
  const first = uniqueActionId(new Date(2026, 11, 7), new Set(), () => 0);
  expect(uniqueActionId(new Date(2026, 11, 7), new Set([first]), () => draws.shift()!)).toBe("A20261207-99999");
});
