/**
 * `attendance-toolkit review TRACKER [--as-of D] [--json]` (issue 23, item 3): the weekly review on the
 * command line, from the same engine function as the Excel pane; last week's list is read from the
 * tracker's Weekly review sheet.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { run } from "../../src/cli/main";
import { ActionInput, readActionLog } from "../../src/engine/actions";
import { analyse } from "../../src/engine/analyse";
import { buildWeeklyReview, reviewRows } from "../../src/engine/weekly-review";
import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";
import { captureIo, tempDirFixture } from "../helpers/wide";
import { twoMondays } from "../helpers/two-mondays";

const tmp = tempDirFixture("review-cli-");
const entry = (id: string, date: string, upn: string, action: string) =>
  ({ id, date, upn, action, detail: "", parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "", row: 0 }) as ActionInput & { row: number };

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const ds = twoMondays();

async function trackerFile(): Promise<string> {
  // Week 1 saved on Monday 2 March, with allocations.
  const week1 = reviewRows(buildWeeklyReview(analyse(ds, { asOf: "2026-03-02" }), readActionLog([]), [])).map((i) => ({ ...i, allocatedTo: "Mr Jones" }));
  const actions = [entry("A0001", "2026-03-03", "C", "Letter"), entry("A0002", "2026-03-04", "D", "Meeting")].map((a, i) => ({ ...a, row: i + 2 }));
  const path = join(tmp(), "tracker.xlsx");
  writeFileSync(path, await trackerToBuffer(buildTracker({ dataset: ds, actions, reviews: week1 })));
  return path;
}

test("--json: last week's list checked (done by which entry, no longer needed, carried) and this week's new actions, calls first", async () => {
  const path = await trackerFile();
  const r = await cli("review", path, "--as-of", "2026-03-09", "--json");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  const json = JSON.parse(r.out) as { week: string; items: Array<Record<string, string>> };
  expect(json.week).toBe("2026-03-09");
  const pick = json.items.filter((i) => i.kind !== "check-in").map((i) => [i.upn, i.kind, i.status, i.doneBy ?? null, i.owner]);
  expect(pick).toEqual([
    ["E", "call", "new", null, "Tutor or attendance officer"],
    ["C", "meeting", "carried", null, "Tutor"],
    ["B", "call", "no-longer-needed", null, "Tutor or attendance officer"],
    ["D", "meeting", "done", "A0002", "Tutor"],
  ]);
  // The letter for C did not do the meeting; the carried action keeps who has it.
  expect(json.items.find((i) => i.upn === "C")).toMatchObject({ allocatedTo: "Mr Jones", reason: expect.stringMatching(/^Carried: no meeting logged/) });
});

test("the readable review names the entry that did an action and says why the call is no longer needed", async () => {
  const r = await cli("review", await trackerFile(), "--as-of", "2026-03-09");
  expect(r.code).toBe(0);
  expect(r.out).toMatch(/^Weekly review: week of 09\/03\/2026/);
  expect(r.out).toContain("Done: Meeting on 04/03/2026 by Ms Patel (entry A0002).");
  expect(r.out).toContain("The pupil has attended since it was listed (present on 09/03/2026).");
  expect(r.out.indexOf("(E)")).toBeLessThan(r.out.indexOf("(C)"));
});

test("a marks file is not a tracker; a bad date is a sentence; both exit 2", async () => {
  const csv = join(tmp(), "marks.csv");
  writeFileSync(csv, "UPN,2026-03-02 AM\nA,/\n");
  expect(await cli("review", csv)).toMatchObject({ code: 2, err: expect.stringMatching(/is a marks file, not a tracker/) });
  expect(await cli("review", csv, "--as-of", "9/3/2026")).toMatchObject({ code: 2, err: expect.stringMatching(/--as-of "9\/3\/2026" must be a date/) });
});
