/**
 * A tracker in OneDrive or SharePoint, open on several desks (issue 22): the Excel test double now
 * bites where the real host does (rows sorted or inserted between two requests, a second writer,
 * protection, cell-edit mode, another workbook with the focus, Excel's errors with their codes, the
 * 5 MB request limit), and each case here failed on the code before this change.
 */
import { analyse } from "../../src/engine/analyse";
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

describe("Import: each mark written to its own pupil, wherever the rows are by then", () => {
  const codes = ["/", "N", "M", "I", "C", "E"];
  const upns = ["A1", "B2", "C3", "D4", "E5", "F6"];
  const start = () =>
    mockWorkbook({ Marks: [["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM"], ...upns.map((u, i) => [u, `Surname${i}`, `Forename${i}`, "/", ""])] }, { Marks: { sheet: "Marks" } });
  // The export: the afternoon (an empty column in the tracker) and a new session, different for each pupil, and a new pupil.
  const incoming = async () => {
    const { readMarksGrid } = await import("../../src/import/grid");
    return readMarksGrid({
      header: ["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM", "2025-01-07 AM"],
      rows: [...upns.map((u, i) => [u, `Surname${i}`, `Forename${i}`, "/", codes[i], codes[(i + 1) % 6]]), ["G7", "New", "Pupil", "/", "/", "/"]],
    });
  };
  /** No pupil holds another's mark (a cell is theirs or still empty); importing again, as the pane then says, completes it. */
  const expectNoneWrongThenComplete = async (wb: MockWorkbook, store: ExcelTrackerStore, changed: number) => {
    const rows = wb.sheets.get("Marks")!.rows;
    const header = rows[0].map(String);
    for (const [i, u] of upns.entries()) {
      const row = rows.find((r) => r[0] === u)!;
      expect(["", codes[i]]).toContain(row[header.indexOf("2025-01-06 PM")] ?? "");
      expect(["", codes[(i + 1) % 6]]).toContain(row[header.indexOf("2025-01-07 AM")] ?? "");
    }
    if (changed > 0) {
      wb.onBeforeSync = undefined;
      await store.applyImport(await store.planImport(await incoming()), new Set());
    }
    expectEachOwn(wb);
  };
  const expectEachOwn = (wb: MockWorkbook) => {
    const rows = wb.sheets.get("Marks")!.rows;
    const header = rows[0].map(String);
    const at = (h: string) => header.indexOf(h);
    for (const [i, u] of upns.entries()) {
      const row = rows.find((r) => r[0] === u)!;
      expect([u, row[at("2025-01-06 PM")], row[at("2025-01-07 AM")]]).toEqual([u, codes[i], codes[(i + 1) % 6]]);
    }
    const g7 = rows.find((r) => r[0] === "G7")!;
    expect([g7[at("2025-01-06 PM")], g7[at("2025-01-07 AM")]]).toEqual(["/", "/"]);
  };

  test.each([
    ["ExcelApi 1.9 and later: each row found by UPN in the request that writes it", 18],
    ["Excel 2019 (ExcelApi 1.8): written by position, checked in the same request, put back if rows moved", 8],
  ])("a co-author sorts the Marks sheet before any one of the import's requests: no mark lands on another pupil (%s)", async (_what, api) => {
    // How many requests an import makes, from a run nobody disturbs.
    const quiet = start();
    quiet.apiVersion = api;
    const plan0 = await storeOn(quiet).planImport(await incoming());
    const before = quiet.syncs;
    await storeOn(quiet).applyImport(plan0, new Set());
    const requests = quiet.syncs - before;
    expectEachOwn(quiet);
    for (let k = 1; k <= requests; k++) {
      const wb = start();
      wb.apiVersion = api;
      const store = storeOn(wb);
      const plan = await store.planImport(await incoming());
      const at = wb.syncs + k;
      wb.onBeforeSync = (n) => {
        if (n === at) wb.sortRows("Marks", (a, b) => String(b[0]).localeCompare(String(a[0])));
      };
      // Before 1.9 a move is caught after the write: the cells are put back and the import stops with a sentence.
      const r = await store.applyImport(plan, new Set()).catch((e: Error) => {
        expect(api).toBeLessThan(9);
        expect(e.message).toMatch(/were moved .* Import again/);
        return { changed: [1] };
      });
      await expectNoneWrongThenComplete(wb, store, r.changed.length);
    }
  });

  test("an import stopped at any request (Excel refused, the pane closed) ends right when run again", async () => {
    const quiet = start();
    const plan0 = await storeOn(quiet).planImport(await incoming());
    const before = quiet.syncs;
    await storeOn(quiet).applyImport(plan0, new Set());
    const requests = quiet.syncs - before;
    for (let k = 1; k <= requests; k++) {
      const wb = start();
      const store = storeOn(wb);
      const plan = await store.planImport(await incoming());
      const at = wb.syncs + k;
      wb.onBeforeSync = (n) => {
        if (n === at) throw Object.assign(new Error("GeneralException: stopped"), { code: "GeneralException" });
      };
      await store.applyImport(plan, new Set()).catch(() => undefined);
      wb.onBeforeSync = undefined;
      await store.applyImport(await store.planImport(await incoming()), new Set());
      expectEachOwn(wb);
      expect(wb.sheets.get("Marks")!.rows.filter((r) => r[0] === "G7")).toHaveLength(1);
    }
  });

  test("a co-author inserts a row at the top of the table between two requests: nothing shifts onto the wrong pupil", async () => {
    const quiet = start();
    const plan0 = await storeOn(quiet).planImport(await incoming());
    const before = quiet.syncs;
    await storeOn(quiet).applyImport(plan0, new Set());
    const requests = quiet.syncs - before;
    for (let k = 1; k <= requests; k++) {
      const wb = start();
      const store = storeOn(wb);
      const plan = await store.planImport(await incoming());
      const at = wb.syncs + k;
      wb.onBeforeSync = (n) => {
        if (n === at) wb.insertRows("Marks", 1, [["Z9", "Typed", "In", "", ""]]);
      };
      const r = await store.applyImport(plan, new Set());
      await expectNoneWrongThenComplete(wb, store, r.changed.length);
      const z9 = wb.sheets.get("Marks")!.rows.find((r) => r[0] === "Z9")!;
      expect(z9.slice(3).filter((v) => v !== "" && v !== undefined)).toEqual([]);
    }
  });
});

describe("Analyse: the school's own references hold, text stays text, and a stopped run can be run again", () => {
  const tracker = (n = 30) => {
    const { sheets } = marksGridFromSchool(n);
    return mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  };
  const analysed = async (wb: MockWorkbook) => analyse((await storeOn(wb).read()).dataset);

  test("the Analysis table is kept and resized, not rebuilt: the same table, over the new rows, when the school grows or shrinks", async () => {
    const wb = tracker(30);
    const a = await analysed(wb);
    await storeOn(wb).writeAnalysis(a);
    const table = wb.tables.get("AttendanceAnalysis")!;
    await storeOn(wb).writeAnalysis({ ...a, pupils: a.pupils.slice(0, 10) });
    expect(wb.tables.get("AttendanceAnalysis")).toBe(table);
    expect(table.height).toBe(11);
    expect(wb.sheets.get("Analysis")!.rows.slice(11).flat().filter((v) => v !== "")).toEqual([]);
    await storeOn(wb).writeAnalysis(a);
    expect(wb.tables.get("AttendanceAnalysis")).toBe(table);
    expect(table.height).toBe(31);
  });

  test('a form called "7-1" stays "7-1" on the Analysis and Dashboard sheets (text format set before the value)', async () => {
    const wb = tracker(12);
    const a = await analysed(wb);
    a.pupils[0].details.reg = "7-1";
    const regGroup = a.groups.find((g) => g.label.toLowerCase().includes("reg")) ?? a.groups[0];
    regGroup.values[0].value = "7-1";
    await storeOn(wb).writeAnalysis(a);
    const analysisRows = wb.sheets.get("Analysis")!.rows;
    const reg = analysisRows[0].indexOf("Reg");
    expect(analysisRows[1][reg]).toBe("7-1");
    expect(wb.sheets.get("Analysis")!.numberFormats.get(`1,${reg}`)).toBe("@");
    expect(wb.sheets.get("Dashboard")!.rows.flat()).toContain("7-1");
  });

  test("40,000 pupils: every request under Excel's 5 MB limit (the number formats are sent with each chunk, not all at once)", async () => {
    const wb = tracker(20);
    const a = await analysed(wb);
    const big = { ...a, pupils: Array.from({ length: 40_000 }, (_, i) => a.pupils[i % a.pupils.length]) };
    await storeOn(wb).writeAnalysis(big);
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(40_001);
    expect(wb.maxRequestBytes).toBeLessThan(4_000_000);
  }, 240_000);

  test("an Analyse stopped at any request (Excel refused, the pane closed) ends right when run again", async () => {
    const clean = tracker(25);
    const a = await analysed(clean);
    const before = clean.syncs;
    await storeOn(clean).writeAnalysis(a);
    const requests = clean.syncs - before;
    for (let k = 1; k <= requests; k++) {
      const wb = tracker(25);
      const at = wb.syncs + k;
      wb.onBeforeSync = (n) => {
        if (n === at) throw Object.assign(new Error("GeneralException: stopped"), { code: "GeneralException" });
      };
      await storeOn(wb).writeAnalysis(a).catch(() => undefined);
      wb.onBeforeSync = undefined;
      await storeOn(wb).writeAnalysis(a);
      expect(wb.sheets.get("Analysis")!.rows).toEqual(clean.sheets.get("Analysis")!.rows);
      expect(wb.sheets.get("Dashboard")!.rows).toEqual(clean.sheets.get("Dashboard")!.rows);
      expect(wb.tables.get("AttendanceAnalysis")!.height).toBe(26);
    }
  });

  test("another workbook has the focus: the figures are written all the same (frozen headers are a finishing touch)", async () => {
    const wb = tracker(10);
    const a = await analysed(wb);
    await storeOn(wb).writeAnalysis(a);
    wb.otherWorkbookActive = true;
    await storeOn(wb).writeAnalysis({ ...a, pupils: a.pupils.slice(0, 5) });
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(6);
  });

  test("another workbook has the focus on the first run (the sheets must be added): a sentence, and run again it ends right", async () => {
    const wb = tracker(10);
    const a = await analysed(wb);
    wb.otherWorkbookActive = true;
    const err = await storeOn(wb).writeAnalysis(a).catch((e) => e);
    expect(excelErrorCode(err)).toBe("GeneralException");
    expect(err.message).toMatch(/click in this workbook, then try again/);
    wb.otherWorkbookActive = false;
    await storeOn(wb).writeAnalysis(a);
    expect(wb.sheets.get("Analysis")!.rows).toHaveLength(11);
  });

  test("a protected Analysis sheet: AccessDenied, with the sheet named and what to do", async () => {
    const wb = tracker(10);
    const a = await analysed(wb);
    await storeOn(wb).writeAnalysis(a);
    wb.protectedSheets.add("Analysis");
    const err = await storeOn(wb).writeAnalysis(a).catch((e) => e);
    expect(err.message).toMatch(/the "Analysis" or "Dashboard" sheet is protected.*Unprotect Sheet.*open the workbook for editing/);
  });
});

describe("Create tracker in a workbook that already uses the names", () => {
  test("a table or name called Pupils or Actions elsewhere: found before anything is added, and said plainly", async () => {
    const wb = mockWorkbook({ "My lists": [["Name"], ["x"]] }, { Actions: { sheet: "My lists" } });
    wb.definedNames.add("Pupils");
    const err = await storeOn(wb).createTracker().catch((e) => e);
    expect(err.message).toMatch(/already has a table or name called "Pupils" and "Actions"/);
    expect([...wb.sheets.keys()]).toEqual(["My lists"]);
    // Renamed, it goes through.
    wb.definedNames.clear();
    wb.tables.get("Actions")!.name = "MyActions";
    wb.tables.set("MyActions", wb.tables.get("Actions")!);
    wb.tables.delete("Actions");
    const r = await storeOn(wb).createTracker();
    expect(r.created).toContain("Actions");
  });
});
