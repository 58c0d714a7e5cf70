import { DayNumber, formatIso } from "./dates";

/** A register session: a date and AM or PM. */
export interface Session {
  day: DayNumber;
  pm: boolean;
  /** Canonical label, `2025-01-13 AM`: the form used in output, problems and the tracker. */
  label: string;
}

/** Sort key: two sessions a day, AM first. */
export function sessionOrdinal(day: DayNumber, pm: boolean): number {
  return day * 2 + (pm ? 1 : 0);
}

export function makeSession(day: DayNumber, pm: boolean): Session {
  return { day, pm, label: `${formatIso(day)} ${pm ? "PM" : "AM"}` };
}
