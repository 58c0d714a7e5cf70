/**
 * How the panes show figures: British English, UK dates (`Fri 13 Mar 2026`), thousands separators,
 * correct plurals, one decimal place.
 */
import { formatUkLong, parseDate, weekday } from "../../engine/dates";
import { truncatedPercent } from "../../engine/measures";

const WD = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** `5,000`: every count a person reads has its thousands separated. */
export const count = (n: number) => n.toLocaleString("en-GB");

/**
 * A pupil's attendance % as the analysis contract gives it: already truncated by the engine (so a
 * persistently absent pupil never shows 90.0%), shown with one decimal place and never re-rounded.
 */
export const percent = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${v.toFixed(1)}%`);

/**
 * A share of a group (pupils in persistent absence, say), worked out by the engine's one rule for
 * every percentage (truncated to one decimal place, as the analysis contract, the command line, the
 * summary and the governors' report give it), so the pane never shows 0.7% where they show 0.6%.
 */
export function rate(part: number, whole: number): string {
  return percent(truncatedPercent(part, whole));
}

/** `Fri 13 Mar 2026`, the date staff read in the panes. */
export function ukDate(iso: string | null | undefined): string {
  const day = iso ? parseDate(iso.slice(0, 10)) : null;
  if (day === null) return iso ?? "";
  const d = new Date(day * 86_400_000);
  return `${WD[weekday(day)]} ${d.getUTCDate()} ${MON[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}
/** `13 March 2026`, for headings. */
export const ukLongDate = (iso: string | null | undefined) => {
  const day = iso ? parseDate(iso) : null;
  return day === null ? iso ?? "" : formatUkLong(day);
};
/** `1 mark`, `2 marks`, `1,914,000 marks`. */
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;
/** The verb after a count: `1 mark differs`, `2 marks differ`. */
export const agree = (n: number, one: string, many: string) => (n === 1 ? one : many);
export function fullName(d: { forename?: string; surname?: string }): string {
  return [d.forename, d.surname].filter(Boolean).join(" ");
}
/** `2025-01-13 AM` as `Mon 13 Jan 2025 morning`. */
export function sessionText(label: string): string {
  const day = parseDate(label.slice(0, 10));
  if (day === null) return label;
  return `${ukDate(label.slice(0, 10))} ${label.endsWith("PM") ? "afternoon" : "morning"}`;
}
