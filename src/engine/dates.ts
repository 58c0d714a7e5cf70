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

/** A date read from an export, with the half of the day when the text says it (AM false, PM true). */
export interface DateAndHalf {
  day: DayNumber;
  /** null when the text gives only the date. */
  pm: boolean | null;
}

const MONTH_BY_NAME = new Map<string, number>(
  ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map((m, i) => [m, i + 1]),
);
// 1970-01-01 is Excel serial 25569 (the 1900 date system, which every .xlsx a MIS writes uses).
const EXCEL_EPOCH = 25569;
// Excel serials from 2000-01-01 to 2099-12-31: a five-digit number outside this is not a register date.
const SERIAL_MIN = 36526;
const SERIAL_MAX = 73050;

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO_RE = new RegExp(String.raw`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})${TIME}$`, "i");
const UK_RE = new RegExp(String.raw`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})${TIME}$`, "i");
const NAMED_RE = new RegExp(String.raw`^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?[\s-]+(\d{4}|\d{2})${TIME}$`, "i");
const WEEKDAY_PREFIX = /^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday|rsday)?\.?,?\s+/i;
const HALF_SUFFIX = /[\s(\-–]+\(?\s*(a\.?m\.?|p\.?m\.?|morning|afternoon|a|p)\s*\)?$/i;

function twoDigitYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/** The half of the day a time of day is in; midnight exactly means "no time given" (a date-time export of a plain date). */
function halfFromTime(h: string | undefined, m: string | undefined, s: string | undefined, ampm: string | undefined): boolean | null {
  if (h === undefined) return null;
  let hours = Number(h);
  if (ampm) hours = (hours % 12) + (ampm.toLowerCase() === "pm" ? 12 : 0);
  if (hours === 0 && Number(m) === 0 && Number(s ?? 0) === 0 && !ampm) return null;
  return hours >= 12;
}

/**
 * Read a date as MIS exports and spreadsheets write it: `2025-09-08`, `2025-09-08T08:45:00`,
 * `2025-09-08 00:00:00`, `08/09/2025`, `08/09/25`, `8-9-2025`, `15-Sep-2025`, `15 September 2025`,
 * `Mon 08/09/2025`, `22/09/2025 (AM)`, `22/09/2025 PM`, an Excel serial (`45908`, `45908.5` = PM).
 * Days and months are in UK order. A time of day before noon is AM, from noon PM. Null if not a real date.
 */
export function parseExportDate(text: string): DateAndHalf | null {
  let s = text.trim();
  if (s === "") return null;
  if (/^\d{5}(?:\.\d+)?$/.test(s)) {
    const serial = Number(s);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX + 0.99999) return null;
    const whole = Math.floor(serial);
    const frac = serial - whole;
    return { day: whole - EXCEL_EPOCH, pm: frac === 0 ? null : frac >= 0.5 - 1e-9 };
  }
  s = s.replace(WEEKDAY_PREFIX, "");
  let pm: boolean | null = null;
  const half = HALF_SUFFIX.exec(s);
  // "2025-09-08 08:45 AM" keeps its AM with the time; a bare trailing session is the session.
  if (half && !/\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)$/i.test(s)) {
    const h = half[1].replace(/\./g, "").toLowerCase();
    pm = h === "pm" || h === "p" || h === "afternoon";
    s = s.slice(0, half.index).trim();
  }
  let y: number, m: number, d: number, t: RegExpExecArray;
  let match: RegExpExecArray | null;
  if ((match = ISO_RE.exec(s))) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    t = match;
  } else if ((match = UK_RE.exec(s))) {
    [d, m, y] = [Number(match[1]), Number(match[2]), twoDigitYear(match[3])];
    t = match;
  } else if ((match = NAMED_RE.exec(s))) {
    const month = MONTH_BY_NAME.get(match[2].slice(0, 3).toLowerCase());
    if (month === undefined || (match[2].length > 3 && !MONTHS.some((name) => name.toLowerCase().startsWith(match![2].toLowerCase().replace(/\.$/, ""))) && match[2].toLowerCase() !== "sept")) return null;
    [d, m, y] = [Number(match[1]), month, twoDigitYear(match[3])];
    t = match;
  } else {
    return null;
  }
  const day = dayFromParts(y, m, d);
  if (day === null) return null;
  const fromTime = halfFromTime(t[4], t[5], t[6], t[7]);
  return { day, pm: pm ?? fromTime };
}
