/**
 * A tracker file opened in a browser tab (the preview without Office), behind the same TrackerStore
 * interface as the live workbook. Everything stays in the page's memory; "Download" gives the
 * changed tracker back as a workbook. Nothing is sent anywhere.
 */
import type { ActionInput } from "../engine/actions";
import { nextActionId } from "../engine/actions";
import type { Analysis } from "../engine/analyse";
import type { MarksDataset } from "../engine/dataset";
import type { Grid } from "../import/grid";
import { applyMarksMerge, MarksMergePlan, planMarksMerge } from "../files/merge-marks";
import { readGridsBytes } from "../files/read-file";
import { reviewRowCells, reviewsFromGrid, TrackerData, trackerFromGrids, TrackerGrids } from "../files/tracker";
import { ACTIONS_SHEET, actionRowCells, WEEKLY_REVIEW_SHEET } from "../files/tracker-layout";
import type { ReviewItem } from "../engine/weekly-review";
import { analysisTable, dashboardBlocks, SheetTable, thisWeekTable } from "./analysis-sheets";
import type { CreateTrackerResult, Progress, StoreCapabilities, TrackerStore } from "./tracker-store";

export interface PreviewResults {
  analysis?: SheetTable;
  dashboard?: ReturnType<typeof dashboardBlocks>;
  thisWeek?: SheetTable;
}

export class FileTrackerStore implements TrackerStore {
  /** The sheets the live workbook would get, kept for the preview to show. */
  results: PreviewResults = {};
  private listeners = new Set<(upn: string | null) => void>();

  constructor(
    readonly fileName: string,
    private grids: TrackerGrids,
  ) {}

  /** `read` is how the file becomes grids: in the page by default, or off the main thread (the pane's worker). */
  static async open(fileName: string, bytes: Uint8Array, read: (bytes: Uint8Array) => Promise<TrackerGrids & { kind: string }> = readGridsBytes): Promise<FileTrackerStore> {
    const { kind: _kind, ...grids } = await read(bytes);
    return new FileTrackerStore(fileName, grids);
  }

  async capabilities(): Promise<StoreCapabilities> {
    return { label: this.fileName, canCreateTracker: false, writesResults: false, unavailable: [] };
  }

  async hasTracker(): Promise<boolean> {
    return true;
  }

  async createTracker(): Promise<CreateTrackerResult> {
    return { created: [], kept: ["Marks"] };
  }

  async read(progress?: Progress): Promise<TrackerData> {
    progress?.(0.5, "Reading the file");
    return trackerFromGrids(this.grids);
  }

  async planImport(incoming: MarksDataset): Promise<MarksMergePlan> {
    return planMarksMerge(this.grids.marks, incoming, this.grids.pupils);
  }

  async applyImport(plan: MarksMergePlan, accepted: ReadonlySet<string>): Promise<{ added: number; replaced: number; changed: [] }> {
    // The file is held in this pane only: nothing can change it between the plan and now.
    const { grid, added, replaced } = applyMarksMerge(this.grids.marks, plan, accepted);
    this.grids = { ...this.grids, marks: grid };
    return { added, replaced, changed: [] };
  }

  async writeAnalysis(analysis: Analysis): Promise<void> {
    this.results = { ...this.results, analysis: analysisTable(analysis), dashboard: dashboardBlocks(analysis) };
  }

  async writeThisWeek(analysis: Analysis): Promise<void> {
    this.results = { ...this.results, thisWeek: thisWeekTable(analysis) };
  }

  async appendAction(entry: ActionInput): Promise<string> {
    const header = ACTIONS_SHEET.columns.map((c) => c.header);
    const actions: Grid = this.grids.actions && this.grids.actions.header.length > 0 ? this.grids.actions : { header, rows: [] };
    const idCol = actions.header.findIndex((h) => h.trim().toLowerCase() === "id");
    const id = entry.id || nextActionId(actions.rows.map((r) => String(r[idCol] ?? "")));
    const row = actionRowCells({ ...entry, id }, actions.header);
    this.grids = { ...this.grids, actions: { header: actions.header, rows: [...actions.rows, row], rowNumbers: [...(actions.rowNumbers ?? actions.rows.map((_, i) => i + 2)), actions.rows.length + 2] } };
    return id;
  }

  async saveWeeklyReview(items: readonly ReviewItem[]): Promise<void> {
    // Added below the earlier lists, as in the workbook: a re-saved week's later rows win on reading.
    const header = WEEKLY_REVIEW_SHEET.columns.map((c) => c.header);
    const old = this.grids.review && this.grids.review.header.length > 0 ? reviewsFromGrid(this.grids.review) : [];
    const rows = [...old, ...items].map((i) => {
      const cells = reviewRowCells(i);
      return header.map((h) => cells[h] ?? "");
    });
    this.grids = { ...this.grids, review: { header, rows } };
  }

  async selectPupil(upn: string): Promise<void> {
    for (const l of this.listeners) l(upn);
  }

  async onSelectedPupil(callback: (upn: string | null) => void): Promise<() => void> {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  }

  /** The tracker as it now is (with imported marks and logged actions), as an .xlsx workbook. */
  async download(): Promise<Uint8Array> {
    const [{ buildTracker, trackerToBuffer }] = await Promise.all([import("../files/write-tracker")]);
    const data = trackerFromGrids(this.grids);
    return trackerToBuffer(buildTracker(data, data.dataset.problems));
  }
}
