/**
 * The school calendar: what the marks show up to the as-of date (school sessions, school weeks and
 * school days), and the term dates after it, from the school calendar in the policy (docs/calendar.md)
 * or, without one, estimated from the usual English pattern and labelled as an estimate.
 *
 * Up to the as-of date the marks decide (contract section 3: a session is a school session if any
 * pupil has a mark other than `#` and empty, so a closure marked `#` and a week with no marks are not
 * school time); after it, the calendar does, less any session the file already marks `#` for everyone.
 */
import { CLOSURE_ID } from "./codes";
import { DayNumber, dayFromParts, mondayOf, parseDate, weekday, yearOf } from "./dates";
import { MarksDataset } from "./dataset";
import { Policy, SchoolCalendarRule } from "./policy";

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
  /** Index into `policy.terms` of the term holding the as-of date (a holiday belongs to the term before it). */
  termIndex: number;
  termName: string;
  /** The term dates of the as-of date's school year. */
  year: YearDates;
  policy: Policy;
  /** School sessions on each day of the file up to the as-of date (days from the first session on). */
  pastSessions: Map<DayNumber, number>;
  /** First day the file has a session on (Infinity when it has none). */
  firstDay: DayNumber;
  /** Sessions after the as-of date the file marks `#` for everyone (a planned closure): 1 AM, 2 PM, 3 both. */
  closedAhead: Map<DayNumber, number>;
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

/** One term of one school year: its first and last school day, and its breaks (half-terms). */
export interface TermDates {
  /** 0 autumn, 1 spring, 2 summer: the term's place in its school year (stage thresholds, names). */
  index: number;
  name: string;
  starts: DayNumber;
  ends: DayNumber;
  breaks: Array<[DayNumber, DayNumber]>;
}

/** The terms of one school year, from the policy's calendar or estimated. */
export interface YearDates {
  yearStart: DayNumber;
  /** The day before the next school year starts (31 August by default). */
  yearEnd: DayNumber;
  terms: TermDates[];
  /** Closed sessions in term time by day: 1 the morning, 2 the afternoon, 3 both. */
  closures: Map<DayNumber, number>;
  /** No calendar in the policy covers this school year: the usual English pattern is assumed. */
  estimated: boolean;
  /** Where the dates come from, in words. */
  source: string;
}

export const ESTIMATED_SOURCE =
  "estimated: no school calendar in the policy, so the usual English pattern is assumed (a week's half-term in late October, February and late May, two weeks at Christmas and Easter, the May Day bank holiday, term to about 21 July; INSET days are not known)";

/** Easter Sunday (Gregorian, the anonymous algorithm). */
function easterSunday(year: number): DayNumber {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromParts(year, month, day)!;
}

const onOrAfter = (day: DayNumber, wd: number) => day + ((wd - weekday(day) + 7) % 7);
const onOrBefore = (day: DayNumber, wd: number) => day - ((weekday(day) - wd + 7) % 7);
const MONDAY = 0;
const FRIDAY = 4;
const lastWeekdayOnOrBefore = (day: DayNumber) => (weekday(day) > FRIDAY ? onOrBefore(day, FRIDAY) : day);
const firstWeekdayOnOrAfter = (day: DayNumber) => (weekday(day) > FRIDAY ? onOrAfter(day, MONDAY) : day);

/**
 * The usual English school year, for when the policy gives no calendar: what can be inferred from
 * the fixed points every council's pattern keeps (bank holidays, Easter, the summer from late July).
 * An estimate, and labelled as one wherever it is used; never past the end of the school year.
 */
export function estimatedYear(yearStart: DayNumber, policy: Policy): YearDates {
  const y = yearOf(yearStart);
  const yearEnd = monthDayOn(y + 1, policy.schoolYearStarts) - 1;
  const week = (monday: DayNumber): [DayNumber, DayNumber] => [monday, monday + 4];
  const easter = easterSunday(y + 1);
  const autumn: TermDates = {
    index: 0,
    name: policy.terms[0]?.name ?? "Autumn term",
    starts: Math.max(yearStart, firstWeekdayOnOrAfter(dayFromParts(y, 9, 3)!)),
    // The Friday before Christmas week ends the term (19 December 2025, 18 December 2026).
    ends: onOrBefore(dayFromParts(y, 12, 23)!, FRIDAY),
    breaks: [week(onOrBefore(dayFromParts(y, 10, 31)!, MONDAY))],
  };
  const spring: TermDates = {
    index: 1,
    name: policy.terms[1]?.name ?? "Spring term",
    starts: onOrAfter(dayFromParts(y + 1, 1, 2)!, MONDAY),
    // Two weeks at Easter: the week of Good Friday and the week of Easter Monday.
    ends: easter - 2 - 7,
    breaks: [week(onOrAfter(dayFromParts(y + 1, 2, 15)!, MONDAY))],
  };
  const summer: TermDates = {
    index: 2,
    name: policy.terms[2]?.name ?? "Summer term",
    starts: easter + 1 + 7,
    ends: Math.min(yearEnd, lastWeekdayOnOrBefore(dayFromParts(y + 1, 7, 21)!)),
    breaks: [week(onOrBefore(dayFromParts(y + 1, 5, 31)!, MONDAY))],
  };
  const closures = new Map<DayNumber, number>([[onOrAfter(dayFromParts(y + 1, 5, 1)!, MONDAY), 3]]);
  return { yearStart, yearEnd, terms: [autumn, spring, summer], closures, estimated: true, source: ESTIMATED_SOURCE };
}

/** The calendar that applies to this school: its own (by name) where the policy has one, else the trust's. */
export function calendarRuleFor(policy: Policy): SchoolCalendarRule | null {
  const name = policy.school.name.trim().toLowerCase();
  if (name) {
    for (const [school, cal] of Object.entries(policy.schoolCalendars)) if (school.trim().toLowerCase() === name) return cal;
  }
  return policy.calendar;
}

const yearCache = new WeakMap<Policy, Map<DayNumber, YearDates>>();

/** The term dates of the school year holding `day`: the policy's calendar where it covers that year, else the estimate. */
export function yearDates(day: DayNumber, policy: Policy): YearDates {
  const yearStart = schoolYearStartFor(day, policy);
  let cache = yearCache.get(policy);
  if (!cache) yearCache.set(policy, (cache = new Map()));
  let found = cache.get(yearStart);
  if (!found) cache.set(yearStart, (found = buildYear(yearStart, policy)));
  return found;
}

function buildYear(yearStart: DayNumber, policy: Policy): YearDates {
  const rule = calendarRuleFor(policy);
  const yearEnd = schoolYearStartFor(yearStart + 366, policy) - 1;
  const inYear = (rule?.terms ?? []).filter((t) => {
    const s = parseDate(t.starts)!;
    return s >= yearStart && s <= yearEnd;
  });
  if (!rule || inYear.length === 0) return estimatedYear(yearStart, policy);
  const terms: TermDates[] = inYear.map((t, i) => ({
    // A trust that lists more than three terms in a year (a six-term year) keeps the summer term's thresholds after the third.
    index: Math.min(i, 2),
    name: t.name ?? policy.terms[Math.min(i, policy.terms.length - 1)]?.name ?? `Term ${i + 1}`,
    starts: parseDate(t.starts)!,
    ends: parseDate(t.ends)!,
    breaks: (t.halfTerms ?? []).map((b) => [parseDate(b.starts)!, parseDate(b.ends)!] as [DayNumber, DayNumber]),
  }));
  const closures = new Map<DayNumber, number>();
  for (const c of rule.closures ?? []) {
    const d = parseDate(c.date)!;
    if (d < yearStart || d > yearEnd) continue;
    closures.set(d, (closures.get(d) ?? 0) | (c.session === "AM" ? 1 : c.session === "PM" ? 2 : 3));
  }
  return { yearStart, yearEnd, terms, closures, estimated: false, source: rule.source?.trim() || "the school calendar in the policy" };
}

/**
 * The term a day belongs to, for the stage thresholds: the latest term of its school year that has
 * started. A holiday belongs to the term before it (nothing can be missed in it), and the days
 * before the autumn term starts to the autumn term.
 */
export function termAt(day: DayNumber, policy: Policy): TermDates {
  const y = yearDates(day, policy);
  let found = y.terms[0];
  for (const t of y.terms) if (t.starts <= day) found = t;
  return found;
}

/** The term whose school days come next: the term holding `day`, or after a term has ended the next one; null in the summer holiday. */
export function termAheadOf(day: DayNumber, policy: Policy): TermDates | null {
  const y = yearDates(day, policy);
  return y.terms.find((t) => t.ends >= day) ?? null;
}

/** Term starts within the school year that begins on `yearStart`, in term order. */
export function termStarts(yearStart: DayNumber, policy: Policy): DayNumber[] {
  return yearDates(yearStart, policy).terms.map((t) => t.starts);
}

/** Which term holds `day` (0 autumn, 1 spring, 2 summer; holidays belong to the term before them). */
export function termIndexFor(day: DayNumber, policy: Policy): number {
  return termAt(day, policy).index;
}

/** Sessions the calendar plans on `day` (0, 1 or 2): a weekday in a term, outside its breaks, less closures (and `extraClosed`, as 1 AM, 2 PM). */
export function plannedSessionsOn(day: DayNumber, policy: Policy, extraClosed = 0): number {
  if (weekday(day) > FRIDAY) return 0;
  const y = yearDates(day, policy);
  const term = y.terms.find((t) => t.starts <= day && day <= t.ends);
  if (!term || term.breaks.some(([a, b]) => a <= day && day <= b)) return 0;
  const closed = (y.closures.get(day) ?? 0) | extraClosed;
  return (closed & 1 ? 0 : 1) + (closed & 2 ? 0 : 1);
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
  const pastSessions = new Map<DayNumber, number>();
  for (let s = 0; s < limit; s++) if (isSchoolSession[s]) pastSessions.set(sessions[s].day, (pastSessions.get(sessions[s].day) ?? 0) + 1);
  // A session after the as-of date that everyone has as `#` is a closure already planned: not counted ahead.
  const closedAhead = new Map<DayNumber, number>();
  for (let s = limit; s < sessions.length; s++) {
    let closure = false;
    let other = false;
    for (let p = 0; p < pupils && !other; p++) {
      const c = marks[p][s];
      if (c === CLOSURE_ID) closure = true;
      else if (c !== 0) other = true;
    }
    if (closure && !other) closedAhead.set(sessions[s].day, (closedAhead.get(sessions[s].day) ?? 0) | (sessions[s].pm ? 2 : 1));
  }
  const schoolYearStart = schoolYearStartFor(asOf, policy);
  const term = termAt(asOf, policy);
  const termIndex = term.index;
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
    termName: term.name,
    year: yearDates(asOf, policy),
    policy,
    pastSessions,
    firstDay: sessions.length > 0 ? sessions[0].day : Infinity,
    closedAhead,
  };
}

type CalendarView = Pick<SchoolCalendar, "asOf" | "policy" | "pastSessions" | "firstDay" | "closedAhead">;

/**
 * School sessions on `day` (0, 1 or 2): from the marks for a day the file covers up to the as-of
 * date, otherwise from the calendar (the policy's, or the estimate) less sessions the file marks `#`.
 */
export function schoolSessionsOn(cal: CalendarView, day: DayNumber): number {
  if (day >= cal.firstDay && day <= cal.asOf) return cal.pastSessions.get(day) ?? 0;
  return plannedSessionsOn(day, cal.policy, cal.closedAhead.get(day) ?? 0);
}

/** School sessions from `from` to `to`, both included. */
export function schoolSessionsBetween(cal: CalendarView, from: DayNumber, to: DayNumber): number {
  let n = 0;
  for (let d = from; d <= to; d++) n += schoolSessionsOn(cal, d);
  return n;
}

/** A Monday-to-Sunday week holding at least one school session (contract section 3), as the calendar knows it. */
export function isSchoolWeek(cal: CalendarView, monday: DayNumber): boolean {
  for (let d = monday; d < monday + 5; d++) if (schoolSessionsOn(cal, d) > 0) return true;
  return false;
}

/**
 * The school weeks in a period from `start` to `end` (both included), counted as a Notice to
 * Improve's improvement period counts them: the weeks after the week in which the period starts the
 * day after something happened, to the week in which it ends, leaving out weeks with no school
 * session (holidays, closures). So a period from Thursday to the Wednesday 6 weeks later is 6 school
 * weeks, a period starting on a Monday counts that week, and a half-term inside adds a week to the
 * dates. Weeks up to the as-of date follow the marks; later weeks the school calendar (the policy's,
 * or the estimate: see `calendarIsEstimated`). 0 when `end` is before `start`.
 */
export function schoolWeeksBetween(cal: CalendarView, start: DayNumber, end: DayNumber): number {
  if (end < start) return 0;
  let n = 0;
  for (let monday = mondayOf(start - 1) + 7; monday <= end; monday += 7) if (isSchoolWeek(cal, monday)) n++;
  return n;
}

/** Whether the dates after the as-of date (or a given day) come from an estimate rather than the school's calendar. */
export function calendarIsEstimated(cal: Pick<SchoolCalendar, "policy" | "asOf">, day: DayNumber = cal.asOf): boolean {
  return yearDates(day, cal.policy).estimated;
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

