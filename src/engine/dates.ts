/**
 * Calendar dates as whole day numbers (days since 1970-01-01, UTC), so that week and window
 * arithmetic is integer arithmetic and never touches time zones or daylight saving.
 */

export type DayNumber = number;

const MS_PER_DAY = 86_400_000;

/** Parse `YYYY-MM-DD` or `DD/MM/YYYY` (UK order; day and month may have one digit). Null if not a real date. */
export function parseDate(text: string): DayNumber | null {
  const s = text.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    y = +match[1];
    m = +match[2];
    d = +match[3];
  } else if ((match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) {
    d = +match[1];
    m = +match[2];
    y = +match[3];
  } else {
    return null;
  }
  return dayFromParts(y, m, d);
}

/** A day number from year, month (1-12) and day, or null when the parts are not a real date. */
export function dayFromParts(y: number, m: number, d: number): DayNumber | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return null;
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

export function dayFromDate(date: Date): DayNumber {
  return Math.floor(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()) / MS_PER_DAY);
}

export function toDate(day: DayNumber): Date {
  return new Date(day * MS_PER_DAY);
}

const isoCache = new Map<DayNumber, string>();

/** `YYYY-MM-DD`. */
export function formatIso(day: DayNumber): string {
  let s = isoCache.get(day);
  if (s === undefined) {
    s = toDate(day).toISOString().slice(0, 10);
    isoCache.set(day, s);
  }
  return s;
}

/** `DD/MM/YYYY`, the short date staff expect. */
export function formatUkShort(day: DayNumber): string {
  const iso = formatIso(day);
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** `14 March 2025`, the long date used in letters. */
export function formatUkLong(day: DayNumber): string {
  const d = toDate(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** `Friday 14 March 2025`. */
export function formatUkLongWithWeekday(day: DayNumber): string {
  return `${WEEKDAYS[weekday(day)]} ${formatUkLong(day)}`;
}

/** 0 = Monday ... 6 = Sunday. 1970-01-01 was a Thursday. */
export function weekday(day: DayNumber): number {
  return (((day + 3) % 7) + 7) % 7;
}

export const WEEKDAY_NAMES = WEEKDAYS;
export const MONTH_NAMES = MONTHS;

/** The Monday of the Monday-to-Sunday week holding `day`. */
export function mondayOf(day: DayNumber): DayNumber {
  return day - weekday(day);
}

export function yearOf(day: DayNumber): number {
  return toDate(day).getUTCFullYear();
}

export function monthOf(day: DayNumber): number {
  return toDate(day).getUTCMonth() + 1;
}

/** Today in the UK, as a day number (the add-in runs in England; a laptop's clock may be set to anything). */
export function todayInUk(now: Date = new Date()): DayNumber {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).formatToParts(now);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return dayFromParts(get("year"), get("month"), get("day")) ?? dayFromDate(now);
}
