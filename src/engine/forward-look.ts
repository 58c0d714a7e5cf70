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
 * The sessions left this term and this year come from the school calendar (calendar.ts): the
 * policy's term and half-term dates and closures, less sessions the file already marks `#`; without a
 * calendar, from the usual English pattern, and then `remaining.estimated` is true and the source says
 * so. Either way they never run past the last day of the school year's summer term (so never past
 * 31 August) and never count a holiday. A pupil who has left (a leaving date on or before the as-of
 * date) has no sessions ahead and no projection; one leaving later is counted to the leaving date.
 */
import type { SchoolCalendar } from "./calendar";
import { schoolSessionsOn, termAheadOf } from "./calendar";
import { DayNumber, formatIso, weekday } from "./dates";
import { truncatedPercent } from "./measures";
import type { Policy } from "./policy";

/** The DfE's minimum school year: 190 days of two sessions (rules.md). No longer used to count what is left. */
export const SESSIONS_IN_A_SCHOOL_YEAR = 380;

export interface RemainingSessions {
  term: number;
  year: number;
  /** The last school day of this term (or of the term about to start, in a holiday) and of the school year, `YYYY-MM-DD`. */
  termEnds: string;
  yearEnds: string;
  /** True when the dates after the as-of date are estimated (no school calendar in the policy for this year). */
  estimated: boolean;
  /** The term counted as "this term" (in a holiday, the one about to start); "" in the summer holiday. */
  termName: string;
  /** Where the dates come from: the calendar's source, or what the estimate assumes. */
  source: string;
  /** The pupil's leaving date when it cuts the sessions short (or has passed), `YYYY-MM-DD`; else null. */
  leavingDate: string | null;
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
   * At the recent rate, the school day the pupil would become persistently absent; null if they
   * already are, if the recent rate keeps them out, or if it would not happen this school year.
   */
  persistentAbsenceOn: string | null;
  /** At the recent rate they become persistently absent within this term. */
  headingForPersistentAbsence: boolean;
  /** Empty for a pupil who has left: there is nothing ahead to reach. */
  sessionsToReach: SessionsToReach[];
  /** The pupil has left (leaving date on or before the as-of date): no projection is made. */
  left: boolean;
}

/** The school sessions after the as-of date, day by day, to the end of the school year. */
export interface SessionsAhead {
  /** Days with at least one school session, in order. */
  days: DayNumber[];
  /** Sessions from the day after the as-of date through `days[i]`. */
  through: number[];
  termEnds: DayNumber;
  yearEnds: DayNumber;
  termName: string;
  estimated: boolean;
  source: string;
}

/** The sessions ahead of the as-of date on the school calendar (worked out once for every pupil). */
export function sessionsAhead(cal: SchoolCalendar): SessionsAhead {
  const y = cal.year;
  const yearEnds = y.terms.reduce((last, t) => Math.max(last, t.ends), -Infinity);
  const term = termAheadOf(cal.asOf, cal.policy);
  const days: DayNumber[] = [];
  const through: number[] = [];
  let n = 0;
  for (let d = cal.asOf + 1; d <= yearEnds; d++) {
    const k = schoolSessionsOn(cal, d);
    if (k === 0) continue;
    n += k;
    days.push(d);
    through.push(n);
  }
  return { days, through, termEnds: term ? term.ends : yearEnds, yearEnds, termName: term ? term.name : "", estimated: y.estimated, source: y.source };
}

/** Sessions ahead up to and including `day`. */
function sessionsThrough(a: SessionsAhead, day: DayNumber): number {
  let lo = 0;
  let hi = a.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.days[mid] <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : a.through[lo - 1];
}

/** The school day on which the n-th session ahead falls (n >= 1); null if the year has fewer. */
export function dayOfSessionAhead(a: SessionsAhead, n: number): DayNumber | null {
  let lo = 0;
  let hi = a.days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.through[mid] >= n) hi = mid;
    else lo = mid + 1;
  }
  return lo < a.days.length ? a.days[lo] : null;
}

/**
 * The sessions left this term and this school year after the as-of date, from the school calendar,
 * for a pupil on roll until `leaving` (a day number; undefined when no leaving date is known).
 */
export function remainingSessions(ahead: SessionsAhead, asOf: DayNumber, leaving?: DayNumber): RemainingSessions {
  const until = leaving === undefined ? Infinity : leaving;
  const termLast = Math.min(ahead.termEnds, until);
  const yearLast = Math.min(ahead.yearEnds, until);
  const cut = leaving !== undefined && leaving < ahead.yearEnds;
  return {
    term: termLast > asOf ? sessionsThrough(ahead, termLast) : 0,
    year: yearLast > asOf ? sessionsThrough(ahead, yearLast) : 0,
    termEnds: formatIso(ahead.termEnds),
    yearEnds: formatIso(ahead.yearEnds),
    estimated: ahead.estimated,
    termName: ahead.termName,
    source: ahead.source,
    leavingDate: cut ? formatIso(leaving!) : null,
  };
}

/** `day` plus `n` weekdays: only for a forward look worked out without a calendar (unit tests of the arithmetic). */
function addWeekdays(day: DayNumber, n: number): DayNumber {
  let d = day;
  for (let left = n; left > 0; ) {
    d++;
    if (weekday(d) < 5) left--;
  }
  return d;
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
  /** The school sessions ahead, to date "the day persistent absence would start"; without it, weekdays (arithmetic tests only). */
  ahead?: SessionsAhead;
  /** The pupil left on or before the as-of date: no projection. */
  left?: boolean;
}

export function forwardLook({ year, recent, remaining, asOf, bands, ahead, left = false }: ForwardLookInput): ForwardLook {
  if (left) {
    const none = { ifAttendsEverySession: null, atRecentRate: null };
    return {
      remaining: { ...remaining, term: 0, year: 0 },
      recentPercent: truncatedPercent(recent.attended, recent.possible),
      endOfTerm: none,
      endOfYear: { ...none },
      persistentAbsenceOn: null,
      headingForPersistentAbsence: false,
      sessionsToReach: [],
      left: true,
    };
  }
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
        const day = ahead ? dayOfSessionAhead(ahead, n) : addWeekdays(asOf, Math.ceil(n / 2));
        persistentAbsenceOn = day === null ? null : formatIso(day);
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
    left: false,
  };
}

/**
 * The optional sentence for a support letter, or "" when it has nothing true to say (no sessions
 * left this term, or no figures): "If Amelia attends every day until the end of this term (about
 * 31 March 2026), Amelia's attendance this school year will be 91.2%." For a persistently absent
 * pupil who can still get above 90% this year, how many sessions in a row it takes is added.
 */
export function forwardLookSentence(name: string, f: ForwardLook | undefined, formatDate: (iso: string) => string): string {
  if (!f || f.left || f.remaining.term <= 0 || f.endOfTerm.ifAttendsEverySession === null) return "";
  const who = name.trim() || "your child";
  const possessive = name.trim() ? `${who}'s` : "your child's";
  // "about" only when the end of term is estimated; with the school's calendar it is the date.
  let out = `If ${who} attends every day until the end of this term (${f.remaining.estimated ? "about " : ""}${formatDate(f.remaining.termEnds)}), ${possessive} attendance this school year will be ${f.endOfTerm.ifAttendsEverySession.toFixed(1)}%.`;
  const above = f.sessionsToReach.find((r) => r.kind === "above");
  if (above && above.sessions !== null && above.sessions > 0 && above.withinYear) {
    const days = Math.ceil(above.sessions / 2);
    out += ` Attending ${days === 1 ? "the next school day" : `the next ${days} school days in a row`} would take ${possessive} attendance above ${above.percent}%.`;
  }
  return out;
}
