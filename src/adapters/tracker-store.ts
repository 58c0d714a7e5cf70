/**
 * The one interface the panes use to reach a tracker: the live workbook through Excel's API, or a
 * tracker file opened in a browser tab. UI components receive a TrackerStore and never call Office.
 */
import type { ActionInput } from "../engine/actions";
import type { Analysis } from "../engine/analyse";
import type { MarksDataset } from "../engine/dataset";
import type { MarkConflict, MarksMergePlan } from "../files/merge-marks";
import type { TrackerData } from "../files/tracker";
import type { ReviewItem } from "../engine/weekly-review";

export type Progress = (fraction: number, message: string) => void;

export interface StoreCapabilities {
  /** Where the tracker lives, in words for the pane ("this workbook", "sample-tracker.xlsx"). */
  label: string;
  /** The store can create tracker sheets (a live workbook without them). */
  canCreateTracker: boolean;
  /** Results are written back (the live workbook); a file preview keeps them in the pane. */
  writesResults: boolean;
  /** Missing platform features, in plain English, for an old client. */
  unavailable: string[];
}

export interface CreateTrackerResult {
  created: string[];
  /** Sheets that were already there and were left untouched. */
  kept: string[];
}

export interface TrackerStore {
  capabilities(): Promise<StoreCapabilities>;
  /** Whether the tracker's sheets (at least Marks) are there. */
  hasTracker(): Promise<boolean>;
  /** Build the tracker sheets that are missing, touching no existing sheet. */
  createTracker(progress?: Progress): Promise<CreateTrackerResult>;
  /** Read pupils, contacts, marks, actions and settings. */
  read(progress?: Progress, signal?: AbortSignal): Promise<TrackerData>;
  /** Compare imported marks with the Marks sheet: what would be added, and which marks differ. */
  planImport(incoming: MarksDataset): Promise<MarksMergePlan>;
  /**
   * Apply a plan: add sessions and pupils, fill empty cells, and replace only the differing marks the
   * user accepted. A cell that changed since the plan was made is left as it is and listed in `changed`.
   */
  applyImport(plan: MarksMergePlan, accepted: ReadonlySet<string>, progress?: Progress): Promise<{ added: number; replaced: number; changed: MarkConflict[] }>;
  /** Write the sheets the add-in owns (Analysis, Dashboard), replacing only those. */
  writeAnalysis(analysis: Analysis, progress?: Progress, signal?: AbortSignal): Promise<void>;
  /** Write this week's actions sheet. */
  writeThisWeek(analysis: Analysis): Promise<void>;
  /** Append one entry to the actions log (never edits or deletes); returns the entry's ID. */
  appendAction(entry: ActionInput): Promise<string>;
  /**
   * Add this week's review list (replacing an earlier save of the same week) to the Weekly review
   * sheet. Optional: a store without it keeps the review in the pane only, and the pane says so.
   */
  saveWeeklyReview?(items: readonly ReviewItem[]): Promise<void>;
  /** Select the pupil's row where the user works (the Analysis sheet, else Pupils). */
  selectPupil(upn: string): Promise<void>;
  /** Follow the selected row: the callback gets the UPN on that row, or null. Returns an unsubscribe. */
  onSelectedPupil(callback: (upn: string | null) => void): Promise<() => void>;
}
