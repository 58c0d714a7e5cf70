/**
 * Session headers and session cells as exports write them (`2025-01-13 AM`, `13/01/2025 (PM)`,
 * `Morning`, `AM Registration`): reading a file's layout, so it lives with the import readers.
 */
import { DayNumber } from "../engine/dates";
import { makeSession, Session } from "../engine/sessions";
import { isYearlessDate, parseExportDate } from "./export-dates";

/**
 * Parse the AM/PM part of a session as exports write it: `AM`, `PM`, `a`, `p`, `A.M.`, `P.M.`,
 * `Morning`, `Afternoon`, `(AM)`, `AM session`, `AM Registration` (any case). Null if not a session.
 */
export function parseHalf(text: string): boolean | null {
  const t = text.trim().toLowerCase().replace(/[\s().:_-]/g, "");
  const m = /^(am|a|morning|pm|p|afternoon)(?:session|reg|registration|register)?$/.exec(t);
  if (!m) return null;
  return m[1] === "pm" || m[1] === "p" || m[1] === "afternoon";
}

/**
 * A column of one half's marks in a row-a-day file: `AM`, `PM` (read by parseHalf), or the half with
 * the mark's name, `AM attendance code`, `PM Mark`, `Attendance code (PM)`, `Morning mark`. [issue 21]
 */
export function halfColumn(header: string): boolean | null {
  const half = parseHalf(header);
  if (half !== null) return half;
  const n = header.toLowerCase().replace(/[^a-z]/g, "");
  const m = /^(am|pm|morning|afternoon)(?:session)?(?:attendance|register|registration)?(?:code|mark)$/.exec(n) ?? /^(?:session)?(?:attendance|register|registration)?(?:code|mark)(am|pm|morning|afternoon)$/.exec(n);
  return m ? m[1] === "pm" || m[1] === "afternoon" : null;
}

export type SessionHeader =
  | { kind: "session"; session: Session }
  | { kind: "bad"; reason: string }
  /** A date with no AM or PM (an Excel date cell, a serial): the reader pairs such columns, or reports them. */
  | { kind: "date"; day: DayNumber }
  | { kind: "other" };

// Anything that opens with a date-like token is meant to be a session column; a header that does
// not look like a date at all ("Notes", "Tutor") is a pass-through pupil column.
const DATE_LIKE = /^\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4})(?=\s|$|[^\d])/;

/**
 * Classify a wide-layout header: a session column (`2025-01-13 AM`, `13/01/2025 PM`), a header that
 * looks like a session but cannot be read, or any other column.
 */
export function parseSessionHeader(header: string): SessionHeader {
  const text = header.trim();
  const read = parseExportDate(text);
  if (read) return read.pm === null ? { kind: "date", day: read.day } : { kind: "session", session: makeSession(read.day, read.pm) };
  const dateMatch = DATE_LIKE.exec(text.replace(/^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/i, ""));
  if (!dateMatch) {
    // `08/09 AM`, `Mon 8 Sep PM`: a session with no year is reported, never read as some year's.
    if (isYearlessDate(text) && /\S\s*\(?\s*(?:a\.?m\.?|p\.?m\.?|morning|afternoon)\s*\)?$/i.test(text)) return { kind: "bad", reason: "the date has no year (the reader never guesses one): export the dates with their year, DD/MM/YYYY" };
    return { kind: "other" };
  }
  const dateText = dateMatch[1];
  const rest = text.slice(text.indexOf(dateText) + dateText.length).trim();
  const day = parseExportDate(dateText);
  if (day === null) {
    const accepted = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}\/\d{1,2}\/\d{2,4}$/.test(dateText);
    return { kind: "bad", reason: accepted ? `"${dateText}" is not a real date` : `"${dateText}" is not written YYYY-MM-DD or DD/MM/YYYY` };
  }
  if (rest === "") return { kind: "bad", reason: "the session (AM or PM) is missing after the date" };
  const pm = parseHalf(rest);
  if (pm === null) return { kind: "bad", reason: `"${rest}" is not a session: use AM or PM` };
  return { kind: "session", session: makeSession(day.day, pm) };
}
