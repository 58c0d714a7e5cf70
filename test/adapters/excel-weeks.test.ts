/**
 * Issue 11: the workbook week after week, on the honest mock (writes at sync, ids that change on
 * reopening, payloads in bytes, shapes checked), at the lowest ExcelApi the pane supports (1.7) and
 * at the latest.
 */
import { analyse, AnalysisCancelled } from "../../src/engine/analyse";
import { readMarksGrid } from "../../src/import/grid";
import { ExcelTrackerStore, SheetOwnershipError, EXCEL_REQUIREMENTS } from "../../src/adapters/excel/excel-store";
import { marksGridFromSchool } from "./school-grids";
import { mockWorkbook } from "./excel-mock";

(globalThis as any).Excel = {
  ConditionalFormatType: { custom: "Custom" },
  ChartType: { line: "Line", columnClustered: "ColumnClustered" },
  ChartSeriesBy: { columns: "Columns" },
  DataValidationAlertStyle: { warning: "Warning" },
  ClearApplyTo: { all: "All" },
};

const { sheets } = marksGridFromSchool(30);
const analysis = analyse(readMarksGrid({ header: sheets.Marks[0].map(String), rows: sheets.Marks.slice(1).map((r) => r.map(String)) }));

describe.each([
  ["lowest supported, ExcelApi 1.7", 7],
  ["latest, ExcelApi 1.18", 18],
])("owned sheets (%s)", (_label, version) => {
  const setup = () => {
    const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } }, version);
    const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    return { wb, store };
  };

  test("Analyse, close and reopen the workbook (new sheet ids), Analyse again: accepted", async () => {
    const { wb, store } = setup();
    await store.writeAnalysis(analysis);
    await store.writeThisWeek(analysis);
    wb.reopen();
    const again = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    await again.writeAnalysis(analysis);
    await again.writeThisWeek(analysis);
    expect(wb.sheets.get("Analysis")!.rows[1][0]).toBe(analysis.pupils[0].upn);
  });

  test("re-running updates the sheets in place: never deleted, so the school's references to them keep working", async () => {
    const { wb, store } = setup();
    await store.writeAnalysis(analysis);
    await store.writeThisWeek(analysis);
    const before = ["Analysis", "Dashboard", "This week"].map((n) => wb.sheets.get(n)!);
    const ids = before.map((s) => s.id);
    await store.writeAnalysis(analysis);
    await store.writeThisWeek(analysis);
    expect(wb.deleted).toEqual([]);
    expect(["Analysis", "Dashboard", "This week"].map((n) => wb.sheets.get(n))).toEqual(before);
    expect(before.map((s) => s.id)).toEqual(ids);
    // The content is rewritten, not added to: one header and one row a pupil, no leftover charts.
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(analysis.pupils.length + 1);
    expect(wb.sheets.get("Dashboard")!.charts).toBe(2);
    expect(wb.tables.has("AttendanceAnalysis")).toBe(true);
  });

  test("a shorter analysis leaves no rows of the longer one behind", async () => {
    const { wb, store } = setup();
    await store.writeAnalysis(analysis);
    const fewer = { ...analysis, pupils: analysis.pupils.slice(0, 5) };
    await store.writeAnalysis(fewer);
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(6);
  });

  test("a cancelled run leaves the workbook in a state the next run accepts", async () => {
    const { wb, store } = setup();
    const controller = new AbortController();
    await expect(store.writeAnalysis(analysis, (f) => f >= 0.8 && controller.abort(), controller.signal)).rejects.toThrow(AnalysisCancelled);
    wb.reopen();
    await new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported).writeAnalysis(analysis);
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(analysis.pupils.length + 1);
  });

  test("a sheet the add-in did not create is never touched, even one whose id the settings once held", async () => {
    const { wb, store } = setup();
    wb.sheets.set("Dashboard", { ...wb.sheets.get("Marks")!, name: "Dashboard", rows: [["My own notes"]], props: new Map(), names: new Map() });
    await expect(store.writeAnalysis(analysis)).rejects.toThrow(SheetOwnershipError);
    expect(wb.sheets.get("Dashboard")!.rows).toEqual([["My own notes"]]);
    expect(wb.sheets.has("Analysis")).toBe(false);
    // A school's own sheet named like ours, created after ours was deleted, is not ours.
    wb.sheets.delete("Dashboard");
    await store.writeAnalysis(analysis);
    const ownId = wb.sheets.get("Analysis")!.id;
    wb.sheets.delete("Analysis");
    wb.sheets.set("Analysis", { ...wb.sheets.get("Marks")!, id: ownId, name: "Analysis", rows: [["Mine"]], props: new Map(), names: new Map() });
    await expect(store.writeAnalysis(analysis)).rejects.toThrow(SheetOwnershipError);
    expect(wb.sheets.get("Analysis")!.rows).toEqual([["Mine"]]);
  });
});

test("a workbook analysed by the earlier version (sheet ids in its settings, same session) is taken over and marked, so it is still recognised after reopening", async () => {
  const wb = mockWorkbook({ ...sheets, Analysis: [["UPN"], ["old"]], Dashboard: [["Attendance dashboard"]] }, { Marks: { sheet: "Marks" } });
  wb.settings.set("attendanceToolkit.ownedSheets", { Analysis: wb.sheets.get("Analysis")!.id, Dashboard: wb.sheets.get("Dashboard")!.id });
  await new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported).writeAnalysis(analysis);
  wb.reopen();
  await new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported).writeAnalysis(analysis);
  expect(wb.sheets.get("Analysis")!.rows[1][0]).toBe(analysis.pupils[0].upn);
  expect(wb.sheets.get("Analysis")!.props.get("attendancetoolkit.sheet")).toBe("Analysis");
  expect(wb.sheets.get("Analysis")!.names.has("attendancetoolkit_sheet")).toBe(true);
});

describe("requirement sets", () => {
  test("labels match Microsoft's requirement sets; selecting a row needs only ExcelApi 1.1", () => {
    const sets = Object.fromEntries(EXCEL_REQUIREMENTS.map(([, v, what]) => [what, v]));
    expect(Object.values(sets)).not.toContain("1.9");
    expect(EXCEL_REQUIREMENTS.some(([, , what]) => /select/i.test(what))).toBe(false);
  });

  test("below ExcelApi 1.7 the pane says plainly it cannot work, and Analyse is refused with that sentence, changing nothing", async () => {
    const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } }, 6);
    const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    const caps = await store.capabilities();
    expect(caps.unavailable.join(" ")).toMatch(/ExcelApi 1\.7/);
    await expect(store.read()).rejects.toThrow(/needs Excel .*ExcelApi 1\.7/);
    await expect(store.writeAnalysis(analysis)).rejects.toThrow(/ExcelApi 1\.7/);
    expect(wb.sheets.has("Analysis")).toBe(false);
  });
});

describe.each([
  ["ExcelApi 1.7", 7],
  ["ExcelApi 1.18", 18],
])("Import at apply time (%s)", (_label, version) => {
  const marks = () => ({
    Marks: [
      ["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM"],
      ["A1", "Khan", "Sara", "", ""],
      ["B2", "Lee", "Tom", "  ", { f: '=IF(TRUE,"")', v: "" }],
      ["C3", "Ali", "Zara", "/", ""],
    ] as unknown[][],
  });
  const incoming = readMarksGrid({
    header: ["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM"],
    rows: [
      ["A1", "Khan", "Sara", "/", "\\"],
      ["B2", "Lee", "Tom", "/", "\\"],
      ["C3", "Ali", "Zara", "N", "\\"],
    ],
  });

  test("a cell holding only spaces, or a formula returning \"\", is not empty: listed as a conflict, not filled", async () => {
    const wb = mockWorkbook(marks(), { Marks: { sheet: "Marks" } }, version);
    const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    const plan = await store.planImport(incoming);
    expect(plan.fills.map((f) => `${f.upn}|${f.session}`).sort()).toEqual(["A1|2025-01-06 AM", "A1|2025-01-06 PM", "C3|2025-01-06 PM"]);
    expect(plan.conflicts.map((c) => c.key).sort()).toEqual(["B2|2025-01-06 AM", "B2|2025-01-06 PM", "C3|2025-01-06 AM"]);
    await store.applyImport(plan, new Set());
    expect(wb.sheets.get("Marks")!.rows[2]).toEqual(["B2", "Lee", "Tom", "  ", { f: '=IF(TRUE,"")', v: "" }]);
  });

  test("a mark typed after the plan is never overwritten: it is re-read at apply time and listed as changed", async () => {
    const wb = mockWorkbook(marks(), { Marks: { sheet: "Marks" } }, version);
    const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    const plan = await store.planImport(incoming);
    // The user types while the plan is on screen: a late mark for A1, and changes C3's mark.
    wb.sheets.get("Marks")!.rows[1][3] = "L";
    wb.sheets.get("Marks")!.rows[3][3] = "M";
    const r = await store.applyImport(plan, new Set(["C3|2025-01-06 AM"]));
    expect(wb.sheets.get("Marks")!.rows[1]).toEqual(["A1", "Khan", "Sara", "L", "\\"]);
    expect(wb.sheets.get("Marks")!.rows[3][3]).toBe("M");
    expect(r.changed.map((c) => `${c.upn}|${c.session}|${c.existing}`).sort()).toEqual(["A1|2025-01-06 AM|L", "C3|2025-01-06 AM|M"]);
    expect(r.replaced).toBe(0);
  });
});
