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

test("reading the live workbook: one sync for the sizes, then one per 400,000 cells, with progress; cancel between chunks", async () => {
  const wb = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  const store = new ExcelTrackerStore(wb.run, wb.settings, () => true);
  const seen: number[] = [];
  const data = await store.read((f) => seen.push(f));
  expect(data.dataset.pupils).toHaveLength(10_000);
  // 10,000 x 393 marks cells and the Pupils sheet: 10 requests of cells.
  expect(wb.syncs).toBe(1 + Math.ceil((10_001 * 393 + 10_001 * 5) / 400_000));
  expect(seen.length).toBeGreaterThanOrEqual(10);

  const wb2 = mockWorkbook(sheets, { Marks: { sheet: "Marks" } });
  const controller = new AbortController();
  const store2 = new ExcelTrackerStore(wb2.run, wb2.settings, () => true);
  await expect(store2.read((f) => f > 0.3 && controller.abort(), controller.signal)).rejects.toThrow(AnalysisCancelled);
  expect(wb2.syncs).toBeLessThan(wb.syncs);
}, 60_000);
