/** How the panes show figures: British English, UK dates, one decimal place. */
import { formatUkLong, formatUkShort, parseDate } from "../../engine/dates";

export const percent = (v: number | null | undefined) => (v === null || v === undefined ? "n/a" : `${v.toFixed(1)}%`);
export const ukDate = (iso: string | null | undefined) => (iso ? formatUkShort(parseDate(iso)!) : "");
export const ukLongDate = (iso: string | null | undefined) => (iso ? formatUkLong(parseDate(iso)!) : "");
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
export function fullName(d: { forename?: string; surname?: string }): string {
  return [d.forename, d.surname].filter(Boolean).join(" ");
}
/** `2025-01-13 AM` as `Mon 13/01/2025 morning`. */
export function sessionText(label: string): string {
  const day = parseDate(label.slice(0, 10));
  if (day === null) return label;
  const wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][(((day + 3) % 7) + 7) % 7];
  return `${wd} ${formatUkShort(day)} ${label.endsWith("PM") ? "afternoon" : "morning"}`;
}
