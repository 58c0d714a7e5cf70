/**
 * The list state the Excel pane holds above its views (the key group list and This week), so that
 * Back from a pupil, a change of view or Analyse never loses it. Kept apart from the views so the
 * pane's first load need not bring the views' code with it (they load when opened).
 */
import type { KeyGroupId } from "../../engine/key-groups";
import type { ReviewItem } from "../../engine/weekly-review";
import type { SortState } from "./views";

/** Rows listed at a time; the rest a button away, and the count always says how many there are. */
export const PAGE = 100;

/** The key group list as the user left it: held by the pane so Back from a pupil restores it. */
export interface GroupListState {
  groupId: KeyGroupId;
  year: string;
  reg: string;
  groupColumn: string;
  groupVal: string;
  sort: SortState;
  limit: number;
}

export const initialGroupList = (groupId: KeyGroupId = "threshold-met"): GroupListState => ({ groupId, year: "", reg: "", groupColumn: "", groupVal: "", sort: { key: "need", ascending: true }, limit: PAGE });

/** The This week list's state, held by the pane (not the view) so it survives a visit to a pupil. */
export interface WeekListState {
  /** "" everyone, NOT_ALLOCATED, or a member of staff's name ("my actions"). */
  person: string;
  /** Watch-list rows shown. */
  watchShown: number;
  /** Keys of the actions ticked for allocating together. */
  selected: string[];
  /** Allocations made in the pane, by action key: kept even if a save fails. */
  allocations: Record<string, string>;
  /** Hand-closings made in the pane, by action key. */
  closings: Record<string, ReviewItem>;
}

export const NOT_ALLOCATED = "\u0000none";
export const WATCH_PAGE = 25;

export const initialWeekList = (): WeekListState => ({ person: "", watchShown: WATCH_PAGE, selected: [], allocations: {}, closings: {} });
