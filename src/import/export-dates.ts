/**
 * Dates as exports write them (ISO, UK order, month names, Excel serials, a trailing AM/PM or a time
 * of day): reading a file's layout, not an attendance rule, so it lives with the import readers.
 */
import { DayNumber, dayFromParts, MONTH_NAMES } from "../engine/dates";

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
    if (month === undefined || (match[2].length > 3 && !MONTH_NAMES.some((name) => name.toLowerCase().startsWith(match![2].toLowerCase().replace(/\.$/, ""))) && match[2].toLowerCase() !== "sept")) return null;
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

const YEARLESS_NUMERIC = /^(\d{1,2})[/.-](\d{1,2})$/;
const YEARLESS_NAMED = /^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]{3,9})\.?$/i;

/**
 * A date written without its year (`08/09`, `8 Sep`, `Mon 08/09 AM`). It is never read: the year
 * would be a guess (a September in an export made in March could be either school year), so the
 * file is asked for again with its years. [issue 21]
 */
export function isYearlessDate(text: string): boolean {
  let s = text.trim().replace(WEEKDAY_PREFIX, "");
  const half = HALF_SUFFIX.exec(s);
  if (half) s = s.slice(0, half.index).trim();
  let m = YEARLESS_NUMERIC.exec(s);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 31 && Number(m[2]) >= 1 && Number(m[2]) <= 12;
  m = YEARLESS_NAMED.exec(s);
  if (!m) return false;
  const word = m[2].toLowerCase();
  return Number(m[1]) >= 1 && Number(m[1]) <= 31 && MONTH_NAMES.some((name) => name.toLowerCase().startsWith(word) || (word === "sept" && name === "September"));
}

/** Why a date cell cannot be read, for a problem's message. */
export function unreadableDateReason(text: string): string {
  return isYearlessDate(text)
    ? `which has no year (the reader never guesses one): export the dates with their year, DD/MM/YYYY`
    : `which is not a real date (use YYYY-MM-DD or DD/MM/YYYY)`;
}
