import { analyse } from "../../src/engine/analyse";
import { analysisJson } from "../../src/engine/output";
import { ExcelTrackerStore, SheetOwnershipError } from "../../src/adapters/excel/excel-store";
import { marksGridFromSchool } from "./school-grids";
import { mockWorkbook } from "./excel-mock";

// Office.js enums the adapter refers to, as the real library defines them.
(globalThis as any).Excel = {
  ConditionalFormatType: { custom: "Custom" },
  ChartType: { line: "Line", columnClustered: "ColumnClustered" },
  ChartSeriesBy: { columns: "Columns" },
  DataValidationAlertStyle: { warning: "Warning" },
};

const all = () => true;

describe("Excel adapter (honest mock): a constant number of context.sync calls", () => {
  test("analysing a 2,000-pupil x 390-session tracker takes at most 16 syncs, each request and response under 4 MB, and reads what the file reader reads", async () => {
    const { sheets, dataset } = marksGridFromSchool(2000);
    const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all);
    const data = await store.read();
    const readSyncs = wb.syncs;
    const afterRead = wb.syncs;
    expect(data.dataset.pupils).toHaveLength(2000);
    expect(data.dataset.sessions).toHaveLength(390);
    const a = analyse(data.dataset);
    expect(analysisJson(a).summary).toEqual(analysisJson(analyse(dataset)).summary);
    await store.writeAnalysis(a);
    await store.writeThisWeek(a);
    // eslint-disable-next-line no-console
    console.log(`Analyse at 2,000 pupils x 390 sessions: context.sync read ${readSyncs}, read + analysis + this week ${wb.syncs} (analysis ${wb.syncs - afterRead}); largest request ${wb.maxRequestBytes} bytes, largest response ${wb.maxResponseBytes} bytes`);
    expect(wb.syncs).toBeLessThanOrEqual(16);
    expect(store.syncCount).toBe(wb.syncs);
    expect(wb.maxRequestBytes).toBeLessThan(4_000_000);
    expect(wb.maxResponseBytes).toBeLessThan(4_000_000);
    // One sync for the sizes, then requests of at most 2 MB: the first sized at 12 bytes a cell,
    // the rest from the rows read.
    expect(readSyncs).toBe(4);
    const analysisSheet = wb.sheets.get("Analysis")!.rows;
    expect(analysisSheet[0][0]).toBe("UPN");
    expect(analysisSheet).toHaveLength(2001);
    expect(analysisSheet[1][0]).toBe(dataset.pupils[0].upn);
  });

  test("a 200-pupil tracker is read in two syncs: one for the sheets' sizes, one for their cells", async () => {
    const small = mockWorkbook(marksGridFromSchool(200).sheets, { Marks: { sheet: "Marks" } });
    const store = new ExcelTrackerStore(small.run, small.settings, all);
    await store.read();
    expect(small.syncs).toBe(2);
  });

  test("re-running replaces only the sheets the add-in owns; a user's sheet of the same name is never touched", async () => {
    const { sheets } = marksGridFromSchool(20);
    const wb = mockWorkbook({ ...sheets, Dashboard: [["My own notes"]] }, { Marks: { sheet: "Marks" } });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all);
    const a = analyse((await store.read()).dataset);
    await expect(store.writeAnalysis(a)).rejects.toThrow(SheetOwnershipError);
    expect(wb.sheets.get("Dashboard")!.rows).toEqual([["My own notes"]]);
    wb.sheets.delete("Dashboard");
    await store.writeAnalysis(a);
    const firstId = wb.sheets.get("Analysis")!.id;
    await store.writeAnalysis(a);
    // Rewritten in place: the same sheet, so the school's own references to it keep working.
    expect(wb.sheets.get("Analysis")!.id).toBe(firstId);
    expect(wb.sheets.get("Marks")!.rows).toEqual(sheets.Marks);
  });

  test("an appended action gets an ID nobody else can get (the day and a random part), and text that looks like a formula is written as text", async () => {
    const { sheets } = marksGridFromSchool(5);
    const wb = mockWorkbook({ ...sheets, Actions: [["ID", "Date", "UPN", "Action", "Detail", "Parent", "Staff", "Outcome", "Notes", "Supersedes"], ["A0007", "2025-09-10", "X", "Call", "", "", "Ms Patel", "", "", ""]] }, { Marks: { sheet: "Marks" }, Actions: { sheet: "Actions" } });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all, () => new Date(2025, 8, 11));
    const id = await store.appendAction({ id: "", date: "2025-09-11", upn: "X", action: "Call", detail: "", parent: "", staff: "=cmd|' /C calc'!A0", outcome: "+44 7700 900123", notes: "@home", supersedes: "" });
    const rows = wb.sheets.get("Actions")!.rows;
    expect(rows).toHaveLength(3);
    expect(id).toMatch(/^A20250911-[A-Z0-9]{5}$/);
    expect(rows[2][0]).toBe(id);
    expect(rows[2][6]).toBe("'=cmd|' /C calc'!A0");
    expect(rows[2][7]).toBe("'+44 7700 900123");
    expect(rows[2][8]).toBe("'@home");
    // Written as values below the table, which grew over them.
    expect(wb.tables.get("Actions")!.height).toBe(3);
  });

  test("an import adds a session column and a pupil row, and replaces only the accepted differing mark", async () => {
    const wb = mockWorkbook({ Marks: [["UPN", "Surname", "Forename", "2025-01-06 AM"], ["A1", "Khan", "Sara", "/"], ["B2", "Lee", "Tom", ""]] }, { Marks: { sheet: "Marks" } });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all);
    const { readMarksGrid } = await import("../../src/import/grid");
    const incoming = readMarksGrid({ header: ["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM"], rows: [["A1", "Khan", "Sara", "N", "\\"], ["B2", "Lee", "Tom", "/", "\\"], ["C3", "Ali", "Zara", "/", "\\"]] });
    const plan = await store.planImport(incoming);
    expect(plan.conflicts.map((c) => c.key)).toEqual(["A1|2025-01-06 AM"]);
    const before = wb.syncs;
    await store.applyImport(plan, new Set());
    // Re-reading the sheet (2), the cells (1), new pupils below the table (2: the rows below checked, then written and read back), code lists (1).
    expect(wb.syncs - before).toBeLessThanOrEqual(6);
    expect(wb.sheets.get("Marks")!.rows).toEqual([
      ["UPN", "Surname", "Forename", "2025-01-06 AM", "2025-01-06 PM"],
      ["A1", "Khan", "Sara", "/", "\\"],
      ["B2", "Lee", "Tom", "/", "\\"],
      ["C3", "Ali", "Zara", "/", "\\"],
    ]);
  });
});

describe("Create tracker here", () => {
  test("adds only the missing tracker sheets, each a table, in two syncs and a third for the frozen header rows; an existing sheet is left as it was", async () => {
    const wb = mockWorkbook({ Pupils: [["UPN", "Surname"], ["X1", "Mine"]] });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all);
    const r = await store.createTracker();
    expect(r).toEqual({ created: ["Contacts", "Marks", "Actions", "Settings", "Codes"], kept: ["Pupils"] });
    expect(wb.syncs).toBe(3);
    expect(wb.sheets.get("Pupils")!.rows).toEqual([["UPN", "Surname"], ["X1", "Mine"]]);
    expect(wb.sheets.get("Marks")!.rows[0]).toEqual(["UPN", "Surname", "Forename"]);
    expect(wb.tables.has("Marks")).toBe(true);
    expect(wb.sheets.get("Codes")!.rows.map((row) => row[0])).toEqual(expect.arrayContaining(["Code", "/", "G", "#"]));
    expect(await store.hasTracker()).toBe(true);
  });
});

describe("the Dashboard header from a policy's groupColumns name (issue 12: the one unguarded cell write)", () => {
  test("a group named =HYPERLINK(...) is written as text, with the one guard", async () => {
    const { sheets } = marksGridFromSchool(20);
    const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
    const store = new ExcelTrackerStore(wb.run, wb.settings, all);
    const a = analyse((await store.read()).dataset);
    expect(a.groups.length).toBeGreaterThan(0);
    a.groups.push({ ...a.groups[0], label: '=HYPERLINK("http://evil.example")' });
    await store.writeAnalysis(a);
    const cells = wb.sheets.get("Dashboard")!.rows.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(cells.filter((c) => typeof c === "string" && c.startsWith("="))).toEqual([]);
  });
});
