/**
 * The national threshold for considering a penalty notice (from 19 August 2024): 10 sessions of
 * unauthorised absence within a rolling period of 10 school weeks. Sessions need not be consecutive
 * and the window may span terms and school years. A school week is any week with a school session.
 */
import { DayNumber, formatIso } from "./dates";

export interface ThresholdInput {
  /** School-week ordinal of each counted session, in session order. */
  weeks: ArrayLike<number>;
  /** Day of each counted session. */
  days: ArrayLike<number>;
  count: number;
  /** Ordinal of the school week holding the as-of date, or the last school week before it; -1 if none. */
  currentWeek: number;
  /** Monday of each school week, by ordinal. */
  weekMondays: ArrayLike<DayNumber>;
  windowWeeks: number;
  sessionsNeeded: number;
}

export interface ThresholdResult {
  sessionsInCurrentWindow: number;
  currentWindowStart: string | null;
  met: boolean;
  firstMetOn: string | null;
  /** Index (into the counted sessions given) of the first one inside the current window. */
  firstInWindow: number;
}

/** The first school-week ordinal of the window that ends with `week`. */
export function windowStartWeek(week: number, windowWeeks: number): number {
  return Math.max(0, week - windowWeeks + 1);
}

export function nationalThreshold(input: ThresholdInput): ThresholdResult {
  const { weeks, days, count, currentWeek, weekMondays, windowWeeks, sessionsNeeded } = input;
  let firstMetOn: string | null = null;
  // Two pointers: for each counted session i (in order), j is the first counted session still in
  // the window of 10 school weeks ending with i's week. Counted sessions i-j+1 reach the threshold.
  let j = 0;
  for (let i = 0; i < count; i++) {
    const start = weeks[i] - windowWeeks + 1;
    while (weeks[j] < start) j++;
    if (i - j + 1 >= sessionsNeeded) {
      firstMetOn = formatIso(days[i]);
      break;
    }
  }
  if (currentWeek < 0) {
    return { sessionsInCurrentWindow: 0, currentWindowStart: null, met: firstMetOn !== null, firstMetOn, firstInWindow: count };
  }
  const startWeek = windowStartWeek(currentWeek, windowWeeks);
  let first = count;
  while (first > 0 && weeks[first - 1] >= startWeek) first--;
  return {
    sessionsInCurrentWindow: count - first,
    currentWindowStart: formatIso(weekMondays[startWeek]),
    met: firstMetOn !== null,
    firstMetOn,
    firstInWindow: first,
  };
}

/**
 * The latest window that meets the threshold, as [first, last] indexes into the counted sessions'
 * school weeks (in session order), with its last session at index `from` or later; null if none.
 * A window is taken at the last counted session of its last week, and holds every counted session
 * from its first week on (the rule behind both the Notice to Improve's quoted window and whether
 * the threshold was met by term-time holiday alone).
 */
export function latestMetWindow(weeks: ArrayLike<number>, from: number, windowWeeks: number, needed: number): [number, number] | null {
  for (let i = weeks.length - 1; i >= from; i--) {
    if (i + 1 < weeks.length && weeks[i + 1] === weeks[i]) continue;
    const firstWeek = weeks[i] - windowWeeks + 1;
    let j = i;
    while (j > 0 && weeks[j - 1] >= firstWeek) j--;
    if (i - j + 1 >= needed) return [j, i];
  }
  return null;
}
