/**
 * The forward look (issue 13, item 8): where a pupil's attendance is heading.
 *
 * - Attendance at the end of this term and of the school year if the pupil attends every remaining
 *   session, and if they carry on at their recent rate (the policy's recent school weeks).
 * - The day they would become persistently absent at that rate.
 * - "N sessions in a row to get back above 90%" (out of persistent absence) and "to reach 96%"
 *   (the expected band), from the policy's band edges.
 *
 * All arithmetic is on whole session counts, as the measures are (rules.md "Measures"; a persistent
 * absentee is absent for 10% or more, so 90.0% is persistent and "above 90%" means strictly above).
 * Projected percentages are truncated to one decimal place like the contract's attendance figure,
 * so a projection never shows 90.0% for a pupil who would still be persistently absent.
 *
 * The marks say nothing about the school's future calendar, so the remaining sessions are an
 * estimate, and are reported as one: the year is taken as the DfE's 190 school days (380 sessions,
 * rules.md "Sessions and registers") and this term as every weekday until the next term starts in
 * the policy, no further than the year.
 */
import type { SchoolCalendar } from "./calendar";
import { termStarts } from "./calendar";
import { DayNumber, formatIso, weekday } from "./dates";
import { truncatedPercent } from "./measures";
import type { Policy } from "./policy";

/** The DfE's minimum school year: 190 days of two sessions (rules.md). */
export const SESSIONS_IN_A_SCHOOL_YEAR = 380;

export interface RemainingSessions {
  term: number;
  year: number;
  /** The last day counted for this term and for the year, `YYYY-MM-DD`. */
  termEnds: string;
  yearEnds: string;
  /** Always true for now: the marks do not hold the school's future calendar. */
  estimated: boolean;
}

export interface Projection {
  /** Attends every remaining session. */
  ifAttendsEverySession: number | null;
  /** Keeps attending at the recent rate; null without a recent rate. */
  atRecentRate: number | null;
}

export interface SessionsToReach {
  /** The band edge: 90 (to be above it, out of persistent absence) or 96 (to reach it). */
  percent: number;
  /** `above`: strictly above the figure; `atLeast`: the figure or more. */
  kind: "above" | "atLeast";
  /** Sessions attended in a row needed; 0 if already there; null if not possible (100% after an absence). */
  sessions: number | null;
  /** Whether that many sessions remain this school year. */
  withinYear: boolean;
}

export interface ForwardLook {
  remaining: RemainingSessions;
  /** Attendance over the recent school weeks (truncated), the rate projected. */
  recentPercent: number | null;
  endOfTerm: Projection;
  endOfYear: Projection;
  /**
   * At the recent rate, the estimated day the pupil would become persistently absent; null if they
   * already are, if the recent rate keeps them out, or if it would not happen this school year.
   */
  persistentAbsenceOn: string | null;
  /** At the recent rate they become persistently absent within this term. */
  headingForPersistentAbsence: boolean;
  sessionsToReach: SessionsToReach[];
}

/** `day` plus `n` weekdays (the n-th school day after it, on a calendar of weekdays). */
function addWeekdays(day: DayNumber, n: number): DayNumber {
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (weekday(d) < 5) left--;
  }
  return d;
}

function weekdaysBetween(from: DayNumber, to: DayNumber): number {
  let n = 0;
  for (let d = from; d <= to; d++) if (weekday(d) < 5) n++;
  return n;
}

/**
 * The sessions left this term and this school year after the as-of date (an estimate: see above).
 * `schoolSessionsSoFar` is the school sessions of this school year up to the as-of date.
 */
export function remainingSessions(cal: Pick<SchoolCalendar, "asOf" | "schoolYearStart" | "termIndex">, policy: Policy, schoolSessionsSoFar: number): RemainingSessions {
  const starts = termStarts(cal.schoolYearStart, policy);
  const later = starts.filter((s) => s > cal.asOf).sort((a, b) => a - b);
  const year = Math.max(0, SESSIONS_IN_A_SCHOOL_YEAR - schoolSessionsSoFar);
  const yearEndDay = addWeekdays(cal.asOf, Math.ceil(year / 2));
  const termEndDay = later.length > 0 ? later[0] - 1 : yearEndDay;
  const term = Math.min(year, 2 * weekdaysBetween(cal.asOf + 1, termEndDay));
  return { term, year, termEnds: formatIso(Math.min(termEndDay, yearEndDay)), yearEnds: formatIso(yearEndDay), estimated: true };
}

/**
 * Sessions attended in a row to bring `attended / possible` above (or to at least) `percent`:
 * the least n with (attended + n) / (possible + n) > percent / 100 (or >=), in integers.
 */
export function sessionsToReach(attended: number, possible: number, percent: number, kind: "above" | "atLeast"): number | null {
  // Nothing possible yet: no absence to make up.
  if (possible <= 0) return 0;
  const T = Math.round(percent * 10); // tenths of a percent
  const gap = T * possible - 1000 * attended; // > 0: below the figure
  if (T >= 1000) {
    // 100%: reachable only if nothing has been missed.
    if (kind === "above") return null;
    return attended >= possible ? 0 : null;
  }
  if (kind === "above") return gap < 0 ? 0 : Math.floor(gap / (1000 - T)) + 1;
  return gap <= 0 ? 0 : Math.ceil(gap / (1000 - T));
}

/** (attended + future × rate) / (possible + future), truncated, with the rate as a fraction ra/rp. */
function projected(attended: number, possible: number, future: number, ra: number, rp: number): number | null {
  if (rp <= 0) return null;
  return truncatedPercent(attended * rp + future * ra, (possible + future) * rp);
}

export interface ForwardLookInput {
  /** This school year so far. */
  year: { attended: number; possible: number };
  /** The recent school weeks. */
  recent: { attended: number; possible: number };
  remaining: RemainingSessions;
  asOf: DayNumber;
  bands: Policy["bands"];
}

export function forwardLook({ year, recent, remaining, asOf, bands }: ForwardLookInput): ForwardLook {
  const { attended: a, possible: p } = year;
  const { attended: ra, possible: rp } = recent;
  const allIn = (n: number) => truncatedPercent(a + n, p + n);
  // Persistent absence at the recent rate: absence share >= 10% after n more sessions, i.e.
  // n (9 rp - 10 ra) >= rp (10 a - 9 p), with the band edge from the policy (90 by default).
  const K = Math.round(bands.keyConverterAbove * 10); // 900
  const alreadyPersistent = p > 0 && 1000 * a <= K * p;
  let persistentAbsenceOn: string | null = null;
  let headingForPersistentAbsence = false;
  if (!alreadyPersistent && rp > 0) {
    const k = K * rp - 1000 * ra;
    if (k > 0) {
      const n = Math.max(1, Math.ceil((rp * (1000 * a - K * p)) / k));
      if (n <= remaining.year) {
        persistentAbsenceOn = formatIso(addWeekdays(asOf, Math.ceil(n / 2)));
        headingForPersistentAbsence = n <= remaining.term;
      }
    }
  }
  const reach = (percent: number, kind: "above" | "atLeast"): SessionsToReach => {
    const sessions = sessionsToReach(a, p, percent, kind);
    return { percent, kind, sessions, withinYear: sessions !== null && sessions <= remaining.year };
  };
  return {
    remaining,
    recentPercent: truncatedPercent(ra, rp),
    endOfTerm: { ifAttendsEverySession: allIn(remaining.term), atRecentRate: projected(a, p, remaining.term, ra, rp) },
    endOfYear: { ifAttendsEverySession: allIn(remaining.year), atRecentRate: projected(a, p, remaining.year, ra, rp) },
    persistentAbsenceOn,
    headingForPersistentAbsence,
    sessionsToReach: [reach(bands.keyConverterAbove, "above"), reach(bands.expectedFrom, "atLeast")],
  };
}

/**
 * The optional sentence for a support letter, or "" when it has nothing true to say (no sessions
 * left this term, or no figures): "If Amelia attends every day until the end of this term (about
 * 31 March 2026), Amelia's attendance this school year will be 91.2%." For a persistently absent
 * pupil who can still get above 90% this year, how many sessions in a row it takes is added.
 */
export function forwardLookSentence(name: string, f: ForwardLook | undefined, formatDate: (iso: string) => string): string {
  if (!f || f.remaining.term <= 0 || f.endOfTerm.ifAttendsEverySession === null) return "";
  const who = name.trim() || "your child";
  const possessive = name.trim() ? `${who}'s` : "your child's";
  let out = `If ${who} attends every day until the end of this term (about ${formatDate(f.remaining.termEnds)}), ${possessive} attendance this school year will be ${f.endOfTerm.ifAttendsEverySession.toFixed(1)}%.`;
  const above = f.sessionsToReach.find((r) => r.kind === "above");
  if (above && above.sessions !== null && above.sessions > 0 && above.withinYear) {
    const days = Math.ceil(above.sessions / 2);
    out += ` Attending ${days === 1 ? "the next school day" : `the next ${days} school days in a row`} would take ${possessive} attendance above ${above.percent}%.`;
  }
  return out;
}
