/**
 * The school calendar as the marks reveal it: school sessions, school weeks and school days up to
 * the as-of date, and where the as-of date falls in the school year and its terms.
 */
import { CLOSURE_ID } from "./codes";
import { DayNumber, dayFromParts, mondayOf, yearOf } from "./dates";
import { MarksDataset } from "./dataset";
import { Policy } from "./policy";

export interface SchoolCalendar {
  asOf: DayNumber;
  /** Sessions dated on or before the as-of date are `sessions[0 .. limit - 1]`. */
  limit: number;
  /** 1 where at least one pupil has a mark other than `#` and other than empty. */
  isSchoolSession: Uint8Array;
  /** School-week ordinal of each session (by its Monday), -1 where the week is not a school week. */
  weekOfSession: Int32Array;
  /** Monday of each school week, by ordinal. */
  weekMondays: DayNumber[];
  /** The school week holding the as-of date or, if that is not a school week, the last before it; -1 if none. */
  currentWeek: number;
  /** Number of school days on or before each session's day (so a school day's own 1-based index). */
  schoolDaysThrough: Int32Array;
  /** School days on or before the as-of date. */
  schoolDayCount: number;
  schoolYearStart: DayNumber;
  /** Index into `policy.terms` of the term holding the as-of date. */
  termIndex: number;
  termName: string;
}

/** The as-of date: the one asked for, or else the latest session date in the file. */
export function defaultAsOf(dataset: MarksDataset): DayNumber | null {
  const n = dataset.sessions.length;
  return n === 0 ? null : dataset.sessions[n - 1].day;
}

function monthDayOn(year: number, mmdd: string): DayNumber {
  const [m, d] = mmdd.split("-").map(Number);
  // 29 February in a common year falls back to 1 March, as a person would read it.
  return dayFromParts(year, m, d) ?? dayFromParts(year, m, d - 1)! + 1;
}

/** The first day of the school year holding `day`. */
export function schoolYearStartFor(day: DayNumber, policy: Policy): DayNumber {
  const y = yearOf(day);
  const start = monthDayOn(y, policy.schoolYearStarts);
  return start <= day ? start : monthDayOn(y - 1, policy.schoolYearStarts);
}

/** Term starts within the school year that begins on `yearStart`, in the policy's order. */
export function termStarts(yearStart: DayNumber, policy: Policy): DayNumber[] {
  const y = yearOf(yearStart);
  return policy.terms.map((t) => {
    const inFirst = monthDayOn(y, t.starts);
    return inFirst >= yearStart ? inFirst : monthDayOn(y + 1, t.starts);
  });
}

/** Which term holds `day` (index into policy.terms). */
export function termIndexFor(day: DayNumber, policy: Policy): number {
  const starts = termStarts(schoolYearStartFor(day, policy), policy);
  let best = 0;
  let bestStart = -Infinity;
  starts.forEach((s, i) => {
    if (s <= day && s > bestStart) {
      best = i;
      bestStart = s;
    }
  });
  return best;
}

export function buildCalendar(dataset: MarksDataset, asOf: DayNumber, policy: Policy): SchoolCalendar {
  const { sessions, marks } = dataset;
  let limit = 0;
  while (limit < sessions.length && sessions[limit].day <= asOf) limit++;

  // A session is a school session if any pupil has a real mark; most are found on the first pupil.
  const isSchoolSession = new Uint8Array(sessions.length);
  const pupils = marks.length;
  for (let s = 0; s < limit; s++) {
    for (let p = 0; p < pupils; p++) {
      const c = marks[p][s];
      if (c !== 0 && c !== CLOSURE_ID) {
        isSchoolSession[s] = 1;
        break;
      }
    }
  }

  const weekOfSession = new Int32Array(sessions.length).fill(-1);
  const weekMondays: DayNumber[] = [];
  const schoolDaySet = new Set<DayNumber>();
  for (let s = 0; s < limit; s++) {
    if (!isSchoolSession[s]) continue;
    const day = sessions[s].day;
    const monday = mondayOf(day);
    if (weekMondays.length === 0 || weekMondays[weekMondays.length - 1] !== monday) weekMondays.push(monday);
    schoolDaySet.add(day);
  }
  // Every session in a school week gets the week's ordinal (a session with no marks in a school
  // week is still in that week), and every session the count of school days up to its day.
  const schoolDaysThrough = new Int32Array(sessions.length);
  let w = 0;
  let schoolDays = 0;
  let lastCounted = -1;
  for (let s = 0; s < limit; s++) {
    const day = sessions[s].day;
    const monday = mondayOf(day);
    while (w < weekMondays.length && weekMondays[w] < monday) w++;
    if (w < weekMondays.length && weekMondays[w] === monday) weekOfSession[s] = w;
    if (day !== lastCounted && schoolDaySet.has(day)) {
      schoolDays++;
      lastCounted = day;
    }
    schoolDaysThrough[s] = schoolDays;
  }

  const asOfMonday = mondayOf(asOf);
  let currentWeek = -1;
  for (let i = weekMondays.length - 1; i >= 0; i--) {
    if (weekMondays[i] <= asOfMonday) {
      currentWeek = i;
      break;
    }
  }
  const schoolYearStart = schoolYearStartFor(asOf, policy);
  const termIndex = termIndexFor(asOf, policy);
  return {
    asOf,
    limit,
    isSchoolSession,
    weekOfSession,
    weekMondays,
    currentWeek,
    schoolDaysThrough,
    schoolDayCount: schoolDays,
    schoolYearStart,
    termIndex,
    termName: policy.terms[termIndex]?.name ?? "",
  };
}

/** First session index on or after `day` (sessions are in date order). */
export function firstSessionOnOrAfter(dataset: MarksDataset, day: DayNumber): number {
  const s = dataset.sessions;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (s[mid].day < day) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

