/**
 * No figures when writing fails (issue 22): the pane awaited the Analysis sheet write before
 * showing the analysis, so a view-only workbook, a protected sheet or the school's own "Dashboard"
 * left the user with Excel's raw error and nothing else. Now the analysis is kept, with a sentence
 * naming the sheet and what to do.
 */
import { ExcelTrackerStore } from "../../src/adapters/excel/excel-store";
import { analyseAndWrite } from "../../src/ui/excel/analyse-and-write";
import { marksGridFromSchool } from "../adapters/school-grids";
import { mockWorkbook } from "../adapters/excel-mock";

(globalThis as any).Excel = { ConditionalFormatType: { custom: "Custom" }, ChartType: { line: "Line", columnClustered: "ColumnClustered" }, ChartSeriesBy: { columns: "Columns" }, DataValidationAlertStyle: { warning: "Warning" } };

const school = () => marksGridFromSchool(15).sheets;

test("the school's own sheet called Dashboard: the analysis is kept, and the sentence says to rename it", async () => {
  const wb = mockWorkbook({ ...school(), Dashboard: [["Our own dashboard"]] }, { Marks: { sheet: "Marks" } });
  const shown: number[] = [];
  const r = await analyseAndWrite(new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported), undefined, undefined, undefined, (s) => shown.push(s.analysis.pupils.length));
  expect(shown).toEqual([15]);
  expect(r.analysis.pupils).toHaveLength(15);
  expect(r.writeError).toMatch(/could not be written to the workbook.*Rename your "Dashboard" sheet/);
  expect(wb.sheets.get("Dashboard")!.rows).toEqual([["Our own dashboard"]]);
});

test("a view-only workbook: the analysis is kept, and the sentence says to open it for editing", async () => {
  const wb = mockWorkbook(school(), { Marks: { sheet: "Marks" } });
  wb.readOnly = true;
  const r = await analyseAndWrite(new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported));
  expect(r.analysis.pupils).toHaveLength(15);
  expect(r.writeError).toMatch(/open the workbook for editing/);
});

test("a protected Analysis sheet: the analysis is kept, and the sentence names the sheet and says to unprotect it", async () => {
  const wb = mockWorkbook(school(), { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
  expect((await analyseAndWrite(store)).writeError).toBeNull();
  wb.protectedSheets.add("Analysis");
  const r = await analyseAndWrite(store);
  expect(r.analysis.pupils).toHaveLength(15);
  expect(r.writeError).toMatch(/"Analysis" or "Dashboard" sheet is protected.*Review > Unprotect Sheet/);
});
