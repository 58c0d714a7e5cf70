/**
 * The weekly review (toolkit.md, "A trust's escalation ladder", Weekly: "the attendance officer
 * prepares the list of key actions; the leadership link reviews it, allocates actions to colleagues
 * and follows up incomplete ones").
 *
 * Each week's list is kept, dated by the Monday of its school week. An action is allocated to a named
 * member of staff. The next week, each of last week's actions is checked against the actions log:
 * it is done when the log has an entry for that pupil dated in or after the week it was listed (a
 * call, a meeting, a letter: whatever staff did and logged), and not superseded; otherwise it is
 * still open and is carried forward, keeping the week it was first listed and who has it.
 */
import type { ActionLog } from "./actions";
import { ACTION_TYPES } from "./actions";
import type { Analysis } from "./analyse";
import { formatIso, mondayOf, parseDate } from "./dates";
import { weeklyActions } from "./key-groups";

export interface ReviewItem {
  /** Monday of the review's week, `YYYY-MM-DD`. */
  week: string;
  upn: string;
  action: string;
  /** The role the ladder gives it (Tutor, Year leader, ...). */
  owner: string;
  /** The named member of staff it is allocated to; empty until allocated. */
  allocatedTo: string;
  /** Monday of the week it was first listed (the same as `week` for a new action). */
  firstListed: string;
}

export interface CheckedItem {
  item: ReviewItem;
  status: "done" | "open";
  /** What the log shows, in words, for a done action: `Call on 2026-03-10 (Ms Patel)`. */
  evidence: string | null;
}

/** Monday of the school week holding `iso`. */
export const weekOf = (iso: string): string => formatIso(mondayOf(parseDate(iso)!));

/**
 * Last week's actions against the log: done when an entry for the pupil, not superseded, is dated
 * on or after the Monday of the week the action was listed and before `until` (this review's Monday).
 */
export function checkAgainstLog(items: readonly ReviewItem[], log: ActionLog, until: string): CheckedItem[] {
  const end = parseDate(until)!;
  const byPupil = new Map<string, ActionLog["entries"]>();
  for (const e of log.entries) {
    if (e.supersededBy) continue;
    const list = byPupil.get(e.upn) ?? [];
    list.push(e);
    byPupil.set(e.upn, list);
  }
  return items.map((item) => {
    const from = parseDate(item.week)!;
    const match = (byPupil.get(item.upn) ?? []).find((e) => e.day >= from && e.day < end);
    if (!match) return { item, status: "open" as const, evidence: null };
    const label = ACTION_TYPES.find((t) => t.type === match.type)?.label ?? match.type;
    return { item, status: "done" as const, evidence: `${label} on ${match.date}${match.staff ? ` (${match.staff})` : ""}` };
  });
}

export interface WeeklyReview {
  week: string;
  /** Last week's list, checked; empty for the first review. */
  lastWeek: CheckedItem[];
  /** This week's list: last week's open actions carried forward first, then the new ones. */
  items: ReviewItem[];
}

/**
 * This week's review: the previous review's actions checked against the log, the open ones carried
 * forward (with their allocation), then this week's actions from the analysis that are not already
 * carried (one line a pupil and action).
 */
export function buildWeeklyReview(a: Analysis, log: ActionLog, saved: readonly ReviewItem[]): WeeklyReview {
  const week = a.asOf ? weekOf(a.asOf) : formatIso(0);
  const earlier = [...new Set(saved.map((i) => i.week))].filter((w) => w < week).sort();
  const previousWeek = earlier[earlier.length - 1];
  const lastWeek = previousWeek ? checkAgainstLog(saved.filter((i) => i.week === previousWeek), log, week) : [];
  const thisWeekSaved = new Map(saved.filter((i) => i.week === week).map((i) => [`${i.upn}\u0000${i.action}`, i]));
  const carried: ReviewItem[] = lastWeek
    .filter((c) => c.status === "open")
    .map((c) => ({ ...c.item, week, ...pick(thisWeekSaved.get(`${c.item.upn}\u0000${c.item.action}`)) }));
  const seen = new Set(carried.map((i) => `${i.upn}\u0000${i.action}`));
  const fresh: ReviewItem[] = weeklyActions(a)
    .filter((w) => !seen.has(`${w.upn}\u0000${w.action}`))
    .map((w) => ({ week, upn: w.upn, action: w.action, owner: w.owner, allocatedTo: "", firstListed: week, ...pick(thisWeekSaved.get(`${w.upn}\u0000${w.action}`)) }));
  return { week, lastWeek, items: [...carried, ...fresh] };
}

/** A saved allocation for this week wins over the one carried in. */
function pick(saved: ReviewItem | undefined): Partial<ReviewItem> {
  return saved && saved.allocatedTo ? { allocatedTo: saved.allocatedTo } : {};
}

/**
 * The staff who can be allocated actions: the policy's list, then everyone named in the actions log,
 * once each, in that order.
 */
export function staffList(policyStaff: readonly string[], log: ActionLog): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of [...policyStaff, ...log.entries.map((e) => e.staff)]) {
    const n = name.trim();
    if (n && !seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      out.push(n);
    }
  }
  return out;
}
