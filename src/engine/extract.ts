/** The register extract for a referral: a pupil's marks by school week, Monday to Friday, AM and PM. */
import { Analysis } from "./analyse";
import { CLASS_BY_ID, MarkClass, REGISTER_CODES } from "./codes";
import { DayNumber, formatIso, mondayOf, weekday } from "./dates";
import { truncatedPercent } from "./measures";

export interface ExtractWeek {
  weekStart: string;
  /** Monday to Friday: "AM/PM" codes, e.g. "/ \\", "N N", "" where no session. */
  days: string[];
  attended: number;
  possible: number;
  attendancePercent: number | null;
}

export function attendanceExtract(a: Analysis, pupilIndex: number, from?: DayNumber, to?: DayNumber): ExtractWeek[] {
  const { sessions, marks } = a.dataset;
  const m = marks[pupilIndex];
  const weeks = new Map<DayNumber, ExtractWeek & { am: string[]; pm: string[] }>();
  for (let s = 0; s < a.calendar.limit; s++) {
    const day = sessions[s].day;
    if ((from !== undefined && day < from) || (to !== undefined && day > to) || a.calendar.weekOfSession[s] < 0) continue;
    const wd = weekday(day);
    if (wd > 4) continue;
    const monday = mondayOf(day);
    let w = weeks.get(monday);
    if (!w) weeks.set(monday, (w = { weekStart: formatIso(monday), days: [], attended: 0, possible: 0, attendancePercent: null, am: ["", "", "", "", ""], pm: ["", "", "", "", ""] }));
    (sessions[s].pm ? w.pm : w.am)[wd] = REGISTER_CODES[m[s]].code || "-";
    const k = CLASS_BY_ID[m[s]];
    if (k === MarkClass.Attended || k === MarkClass.Authorised || k === MarkClass.Unauthorised) {
      w.possible++;
      if (k === MarkClass.Attended) w.attended++;
    }
  }
  return [...weeks.values()].map(({ am, pm, ...w }) => ({
    ...w,
    days: am.map((x, i) => (x || pm[i] ? `${x || "-"} ${pm[i] || "-"}` : "")),
    attendancePercent: truncatedPercent(w.attended, w.possible),
  }));
}
