/**
 * Patterns that let staff act early: a recent trend, a run of days absent, absence by weekday.
 */
import { CLASS_BY_ID, MarkClass } from "./codes";
import { Session } from "./sessions";

export type TrendDirection = "declining" | "improving" | "steady";

export interface Trend {
  recentPercent: number | null;
  yearPercent: number | null;
  /** null until the year has more school weeks than the recent window, or without possible sessions. */
  direction: TrendDirection | null;
}

/**
 * Attendance over the recent school weeks against the school year so far. A change of at least
 * `changePoints` percentage points either way is a trend; compared exactly, by cross-multiplying.
 */
export function attendanceTrend(
  recent: { attended: number; possible: number },
  year: { attended: number; possible: number },
  changePoints: number,
  enoughWeeks: boolean,
): Trend {
  const pct = (a: number, p: number) => (p > 0 ? Math.floor((a * 1000) / p) / 10 : null);
  const recentPercent = pct(recent.attended, recent.possible);
  const yearPercent = pct(year.attended, year.possible);
  if (!enoughWeeks || recent.possible === 0 || year.possible === 0) return { recentPercent, yearPercent, direction: null };
  // (ra/rp - ya/yp) * 100 compared with ±changePoints, multiplied through by rp*yp*10.
  const diff = (recent.attended * year.possible - year.attended * recent.possible) * 1000;
  const margin = Math.round(changePoints * 10) * recent.possible * year.possible;
  const direction: TrendDirection = diff <= -margin && margin >= 0 && diff < 0 ? "declining" : diff >= margin && diff > 0 ? "improving" : "steady";
  return { recentPercent, yearPercent, direction };
}

/**
 * Days absent in a row, counting back from the last session up to `limit`: a day counts when every
 * possible session that day was an absence; days without a possible session (weekends, holidays,
 * closures, no mark yet) are passed over; a day with any attendance ends the run.
 */
export function consecutiveDaysAbsent(marks: Uint8Array, sessions: readonly Session[], limit: number): number {
  let days = 0;
  let s = limit - 1;
  while (s >= 0) {
    const day = sessions[s].day;
    let possible = 0;
    let absent = 0;
    while (s >= 0 && sessions[s].day === day) {
      const cls = CLASS_BY_ID[marks[s]];
      if (cls === MarkClass.Attended) possible++;
      else if (cls === MarkClass.Authorised || cls === MarkClass.Unauthorised) {
        possible++;
        absent++;
      }
      s--;
    }
    if (possible === 0) continue;
    if (absent < possible) break;
    days++;
  }
  return days;
}

export interface WeekdayAbsence {
  weekday: string;
  absentSessions: number;
  possibleSessions: number;
}

/**
 * The weekdays a pupil's absence falls on more than others (the weekday pattern MIS pupil profiles
 * show): a weekday with at least 3 absent sessions whose absence rate is at least twice the rate on
 * the other weekdays together. Compared in integers, by cross-multiplying.
 */
export function weekdayPattern(days: readonly WeekdayAbsence[]): WeekdayAbsence[] {
  const total = days.reduce((t, d) => ({ absent: t.absent + d.absentSessions, possible: t.possible + d.possibleSessions }), { absent: 0, possible: 0 });
  return days.filter((d) => {
    if (d.absentSessions < 3 || d.possibleSessions === 0) return false;
    const otherAbsent = total.absent - d.absentSessions;
    const otherPossible = total.possible - d.possibleSessions;
    if (otherPossible === 0) return false;
    // d.absent / d.possible >= 2 * otherAbsent / otherPossible
    return d.absentSessions * otherPossible >= 2 * otherAbsent * d.possibleSessions;
  });
}
