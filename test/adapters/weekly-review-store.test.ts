/**
 * The weekly review kept in the tracker (issue 13, item 7): each week's list is added to the Weekly
 * review sheet, dated, and read back; a re-saved allocation wins; a sheet of that name the add-in
 * did not make is left alone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ExcelTrackerStore } from "../../src/adapters/excel/excel-store";
import { FileTrackerStore } from "../../src/adapters/file-store";
import type { ReviewItem } from "../../src/engine/weekly-review";
import { mockWorkbook } from "./excel-mock";
import { marksGridFromSchool } from "./school-grids";

const all = () => true;
const item = (over: Partial<ReviewItem>): ReviewItem => ({ week: "2026-03-09", upn: "P1", action: "Phone home", owner: "Tutor", allocatedTo: "Ms Patel", firstListed: "2026-03-02", ...over });

test("the browser preview keeps each week's list and writes it into the downloaded tracker", async () => {
  const bytes = new Uint8Array(readFileSync(join(__dirname, "../../samples/sample-tracker.xlsx")));
  const store = await FileTrackerStore.open("sample-tracker.xlsx", bytes);
  await store.saveWeeklyReview([item({ week: "2026-03-02", firstListed: "2026-03-02", allocatedTo: "" })]);
  await store.saveWeeklyReview([item({}), item({ upn: "P2", action: "Meeting", allocatedTo: "Mr Jones", firstListed: "2026-03-09" })]);
  // Re-saved with a new allocation: the later row wins.
  await store.saveWeeklyReview([item({ allocatedTo: "Mrs Khan" })]);
  const reviews = (await store.read()).reviews!;
  expect(reviews.map((r) => [r.week, r.upn, r.allocatedTo])).toEqual([["2026-03-02", "P1", ""], ["2026-03-09", "P2", "Mr Jones"], ["2026-03-09", "P1", "Mrs Khan"]]);
  const again = await (await FileTrackerStore.open("again.xlsx", await store.download())).read();
  expect(again.reviews).toEqual(reviews);
});

test("in Excel: the add-in makes the Weekly review table once, then adds below it, as text", async () => {
  const { sheets } = marksGridFromSchool(3);
  const wb = mockWorkbook({ ...sheets }, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, all);
  await store.saveWeeklyReview([item({})]);
  await store.saveWeeklyReview([item({ upn: "P2", action: "=HYPERLINK(\"x\")" })]);
  const rows = wb.sheets.get("Weekly review")!.rows;
  expect(rows[0]).toEqual(["Week", "UPN", "Action", "Owner", "Allocated to", "First listed", "Kind", "Because", "Status", "Reason", "Done by"]);
  expect(rows.slice(1).map((r) => r[1])).toEqual(["P1", "P2"]);
  expect(rows[2][2]).toBe("'=HYPERLINK(\"x\")");
  expect((await store.read()).reviews!.map((r) => r.upn)).toEqual(["P1", "P2"]);
});

test("in Excel: a sheet called Weekly review that the add-in did not make is not touched", async () => {
  const { sheets } = marksGridFromSchool(3);
  const wb = mockWorkbook({ ...sheets, "Weekly review": [["My notes"]] }, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, all);
  await expect(store.saveWeeklyReview([item({})])).rejects.toThrow(/already has a sheet called "Weekly review"/);
  expect(wb.sheets.get("Weekly review")!.rows).toEqual([["My notes"]]);
});

test("in Excel: a Weekly review table made before the Kind, Status, Reason and Done by columns gets them, and its rows keep theirs", async () => {
  const { sheets } = marksGridFromSchool(3);
  const old = [["Week", "UPN", "Action", "Owner", "Allocated to", "First listed"], ["2026-03-02", "P1", "Meet the pupil", "Tutor", "Ms Patel", "2026-03-02"]];
  const wb = mockWorkbook({ ...sheets, "Weekly review": old }, { Marks: { sheet: "Marks" }, WeeklyReview: { sheet: "Weekly review" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, all);
  await store.saveWeeklyReview([item({ upn: "P2", action: "Phone home today", kind: "call", because: "absent-now", status: "dropped", reason: "Dropped by hand: moved away", doneBy: "" })]);
  const rows = wb.sheets.get("Weekly review")!.rows;
  expect(rows[0]).toEqual(["Week", "UPN", "Action", "Owner", "Allocated to", "First listed", "Kind", "Because", "Status", "Reason", "Done by"]);
  expect(rows[1].slice(0, 6)).toEqual(old[1]);
  expect(rows[2].slice(6)).toEqual(["Call", "Absent now", "Dropped", "Dropped by hand: moved away", ""]);
  const back = (await store.read()).reviews!;
  expect(back.map((r) => [r.upn, r.kind ?? null, r.status ?? null, r.reason ?? null])).toEqual([["P1", null, null, null], ["P2", "call", "dropped", "Dropped by hand: moved away"]]);
});
