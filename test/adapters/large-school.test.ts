/**
 * A 10,000-pupil tracker (issue 6): read in chunks under the payload limit with progress, analysed
 * in steps that give the pane's page a turn, and cancellable at any point.
 */
import { analyse, analyseAsync, AnalysisCancelled } from "../../src/engine/analyse";
import { ExcelTrackerStore } from "../../src/adapters/excel/excel-store";
import { marksGridFromSchool } from "./school-grids";
import { mockWorkbook } from "./excel-mock";

(globalThis as any).Excel = { ConditionalFormatType: { custom: "Custom" }, ChartType: { line: "Line", columnClustered: "ColumnClustered" }, ChartSeriesBy: { columns: "Columns" }, DataValidationAlertStyle: { warning: "Warning" } };

const { sheets, dataset } = marksGridFromSchool(10_000);

test("the engine gives the page a turn every 500 pupils, reports progress, and gets the same answer", async () => {
  let turns = 0;
  const progress: number[] = [];
  const a = await analyseAsync(dataset, {}, { onProgress: (f) => progress.push(f), yieldTo: async () => void turns++ });
  expect(turns).toBe(20);
  expect(progress[progress.length - 1]).toBe(1);
  expect(progress).toEqual([...progress].sort((x, y) => x - y));
  expect(a.summary).toEqual(analyse(dataset).summary);
});

test("cancelling stops the analysis", async () => {
  const controller = new AbortController();
  await expect(analyseAsync(dataset, {}, { signal: controller.signal, onProgress: (f) => f > 0.2 && controller.abort(), yieldTo: async () => undefined })).rejects.toThrow(AnalysisCancelled);
});

test("reading the live workbook: requests sized in bytes, with progress; cancel between chunks", async () => {
  const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, () => true);
  const seen: number[] = [];
  const data = await store.read((f) => seen.push(f));
  expect(data.dataset.pupils).toHaveLength(10_000);
  // About 17 MB of marks in requests of at most 2 MB: a constant number for a school of this size.
  expect(wb.syncs).toBeLessThanOrEqual(14);
  expect(wb.maxResponseBytes).toBeLessThan(4_000_000);
  expect(seen.length).toBeGreaterThanOrEqual(8);

  const wb2 = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  const controller = new AbortController();
  const store2 = new ExcelTrackerStore(wb2.run, wb2.settings, () => true);
  await expect(store2.read((f) => f > 0.3 && controller.abort(), controller.signal)).rejects.toThrow(AnalysisCancelled);
  expect(wb2.syncs).toBeLessThan(wb.syncs);
}, 60_000);

test("Analyse at 10,000 pupils: every request and response under 4 MB, measured in bytes", async () => {
  const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
  const a = analyse((await store.read()).dataset);
  const readSyncs = wb.syncs;
  await store.writeAnalysis(a);
  await store.writeThisWeek(a);
  // Again, as next week: the sheets are now there and are rewritten in place.
  const before = wb.syncs;
  await store.writeAnalysis(a);
  // eslint-disable-next-line no-console
  console.log(`Analyse at 10,000 pupils x 390 sessions: context.sync read ${readSyncs}, read + analysis + this week ${before}, re-analysis writes ${wb.syncs - before}; largest request ${wb.maxRequestBytes} bytes, largest response ${wb.maxResponseBytes} bytes`);
  expect(wb.maxRequestBytes).toBeLessThan(4_000_000);
  expect(wb.maxResponseBytes).toBeLessThan(4_000_000);
  expect(wb.sheets.get("Analysis")!.rows).toHaveLength(10_001);
}, 120_000);

test("a term's marks imported into 10,000 pupils: every request under 4 MB (new session columns are not sent in one request)", async () => {
  // The tracker holds the first 10 sessions; the export brings all 390.
  const marks = (sheets.Marks as unknown[][]).map((r) => r.slice(0, 13));
  const wb = mockWorkbook({ Marks: marks }, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
  const plan = await store.planImport(dataset);
  expect(plan.newSessions).toHaveLength(380);
  const before = wb.syncs;
  const requestsBefore = wb.requests.length;
  const r = await store.applyImport(plan, new Set());
  // eslint-disable-next-line no-console
  console.log(`Import of 380 sessions into 10,000 pupils: context.sync ${wb.syncs - before}; largest request ${Math.max(...wb.requests.slice(requestsBefore))} bytes`);
  expect(r.changed).toEqual([]);
  expect(wb.maxRequestBytes).toBeLessThan(4_000_000);
  expect(wb.sheets.get("Marks")!.rows[0]).toHaveLength(393);
  expect(wb.sheets.get("Marks")!.rows[10_000][392]).toBe(sheets.Marks[10_000][392]);
}, 400_000);

test("a sheet of long text (notes in the Actions log) is read in requests under 4 MB, not by a count of cells", async () => {
  const note = "Spoke to parent about attendance; agreed a plan with the school nurse and the form tutor. ".repeat(4);
  const actions = [["ID", "Date", "UPN", "Action", "Detail", "Parent", "Staff", "Outcome", "Notes", "Supersedes"], ...Array.from({ length: 20_000 }, (_, i) => [`A${i}`, "2025-09-10", "X", "Call", note, "Mrs Khan", "Ms Patel", note, note, ""])];
  const small = marksGridFromSchool(10).sheets;
  const wb = mockWorkbook({ ...small, Actions: actions }, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
  await store.read();
  expect(wb.maxResponseBytes).toBeLessThan(4_000_000);
}, 60_000);
