/**
 * A tracker in OneDrive or SharePoint, open on several desks (issue 22): the Excel test double now
 * bites where the real host does (rows sorted or inserted between two requests, a second writer,
 * protection, cell-edit mode, another workbook with the focus, Excel's errors with their codes, the
 * 5 MB request limit), and each case here failed on the code before this change.
 */
import { readActionLog } from "../../src/engine/actions";
import { ExcelTrackerStore } from "../../src/adapters/excel/excel-store";
import { excelErrorCode } from "../../src/adapters/excel/excel-errors";
import { trackerFromGrids } from "../../src/files/tracker";
import type { ReviewItem } from "../../src/engine/weekly-review";
import { marksGridFromSchool } from "./school-grids";
import { mockWorkbook, MockWorkbook } from "./excel-mock";

(globalThis as any).Excel = { ConditionalFormatType: { custom: "Custom" }, ChartType: { line: "Line", columnClustered: "ColumnClustered" }, ChartSeriesBy: { columns: "Columns" }, DataValidationAlertStyle: { warning: "Warning" } };

const ACTIONS_HEADER = ["ID", "Date", "UPN", "Action", "Detail", "Parent", "Staff", "Outcome", "Notes", "Supersedes", "Refers to"];
const entry = (staff: string) => ({ id: "", date: "2026-12-07", upn: "A123456789012", action: "Phone call", detail: "", parent: "Mrs Khan", staff, outcome: "", notes: "", supersedes: "" });
const storeOn = (wb: MockWorkbook, clock = () => new Date(2026, 11, 7)) => new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported, clock);

function actionsWorkbook(extraHeader: string[] = []) {
  const { sheets } = marksGridFromSchool(3);
  return mockWorkbook({ ...sheets, Actions: [[...ACTIONS_HEADER, ...extraHeader], ["A0001", "2026-12-01", "A123456789012", "Phone call", "", "", "Ms Patel", "", "", "", "", ...extraHeader.map(() => "")]] }, { Marks: { sheet: "Marks" }, Actions: { sheet: "Actions" } });
}

describe("appending to a shared log", () => {
  test("two staff logging at the same moment both keep their entry in the evidence", async () => {
    const wb = actionsWorkbook();
    const [a, b] = await Promise.all([storeOn(wb).appendAction(entry("Ms Patel")), storeOn(wb).appendAction(entry("Mr Jones"))]);
    expect(a).not.toBe(b);
    const rows = wb.sheets.get("Actions")!.rows;
    expect(rows.map((r) => r[6])).toEqual(["Staff", "Ms Patel", "Ms Patel", "Mr Jones"]);
    expect(wb.tables.get("Actions")!.height).toBe(4);
    // Read as the log reads it: no entry dropped as a repeated ID.
    const data = trackerFromGrids({ marks: { header: wb.sheets.get("Marks")!.rows[0].map(String), rows: [] }, actions: { header: rows[0].map(String), rows: rows.slice(1).map((r) => r.map((v) => String(v ?? ""))) } });
    const log = readActionLog(data.actions);
    expect(log.problems.filter((p) => p.field === "id")).toEqual([]);
    expect(log.entries.map((e) => e.staff).sort()).toEqual(["Mr Jones", "Ms Patel", "Ms Patel"]);
  });

  test("the entry follows the table's own header, whatever columns it has (a later version's extra column is left empty)", async () => {
    const wb = actionsWorkbook(["Reason code"]);
    // A school moved the Staff column to the front.
    const sheet = wb.sheets.get("Actions")!;
    sheet.rows = sheet.rows.map((r) => [r[6], ...r.slice(0, 6), ...r.slice(7)]);
    await storeOn(wb).appendAction(entry("Ms Patel"));
    const last = sheet.rows[sheet.rows.length - 1];
    expect(last[0]).toBe("Ms Patel");
    expect(last[sheet.rows[0].indexOf("UPN")]).toBe("A123456789012");
    expect(last[sheet.rows[0].indexOf("Reason code")]).toBe("");
  });

  test("a row typed just below the log is never overwritten: nothing is added, and the sentence says why", async () => {
    const wb = actionsWorkbook();
    wb.sheets.get("Actions")!.rows.push(["My note below the table"]);
    await expect(storeOn(wb).appendAction(entry("Ms Patel"))).rejects.toThrow(/just below the Actions table/);
    expect(wb.sheets.get("Actions")!.rows[2]).toEqual(["My note below the table"]);
  });

  test("two staff saving the weekly review at once: both lists kept", async () => {
    const { sheets } = marksGridFromSchool(3);
    const wb = mockWorkbook({ ...sheets }, { Marks: { sheet: "Marks" } });
    const item = (upn: string, allocatedTo: string): ReviewItem => ({ week: "2026-12-07", upn, action: "Phone home", owner: "Tutor", allocatedTo, firstListed: "2026-12-07" });
    await storeOn(wb).saveWeeklyReview([item("P0", "")]);
    await Promise.all([storeOn(wb).saveWeeklyReview([item("P1", "Ms Patel")]), storeOn(wb).saveWeeklyReview([item("P2", "Mr Jones")])]);
    expect(wb.sheets.get("Weekly review")!.rows.map((r) => r[1])).toEqual(["UPN", "P0", "P1", "P2"]);
    expect(wb.tables.get("WeeklyReview")!.height).toBe(4);
  });
});

describe("errors from Excel carry a code, and reach staff as a sentence", () => {
  test("a protected Actions sheet: AccessDenied, explained", async () => {
    const wb = actionsWorkbook();
    wb.protectedSheets.add("Actions");
    const err = await storeOn(wb).appendAction(entry("Ms Patel")).catch((e) => e);
    expect(excelErrorCode(err)).toBe("AccessDenied");
    expect(err.message).toMatch(/"Actions" sheet is protected.*Unprotect Sheet/);
  });

  test("typing in a cell: the add-in asks Excel to wait (delayForCellEdit, ExcelApi 1.11) instead of failing", async () => {
    const wb = actionsWorkbook();
    wb.cellEditMode = true;
    await storeOn(wb).appendAction(entry("Ms Patel"));
    expect(wb.runOptions[0]).toEqual({ delayForCellEdit: true });
    expect(wb.sheets.get("Actions")!.rows).toHaveLength(3);
  });

  test("on a client before ExcelApi 1.11 the option is not sent, and the refusal is a sentence", async () => {
    const wb = actionsWorkbook();
    wb.apiVersion = 10;
    wb.cellEditMode = true;
    const err = await storeOn(wb).appendAction(entry("Ms Patel")).catch((e) => e);
    expect(wb.runOptions[0]).toEqual({});
    expect(excelErrorCode(err)).toBe("InvalidOperationInCellEditMode");
    expect(err.message).toMatch(/finish typing in a cell, so the add-in could not add the entry to the actions log\. Press Enter or Esc/);
  });
});
