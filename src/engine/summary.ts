/** School and group summaries, and the school's weekly attendance. */
import { SchoolCalendar } from "./calendar";
import { CLASS_BY_ID, MarkClass } from "./codes";
import { formatIso } from "./dates";
import { PUPIL_COLUMNS } from "./dataset";
import { Band, BANDS, truncatedPercent } from "./measures";
import { Policy } from "./policy";

/** What the school and group summaries need of each pupil. */
export interface PupilFigures {
  possibleSessions: number;
  attendedSessions: number;
  persistentAbsence: boolean;
  severeAbsence: boolean;
  band: Band | null;
  nationalThreshold: { met: boolean };
  details: Partial<Record<string, string>>;
  extra: Record<string, string>;
}

export interface SchoolSummary {
  pupils: number;
  attendancePercent: number | null;
  persistentAbsenceCount: number;
  severeAbsenceCount: number;
  nationalThresholdMetCount: number;
  persistentAbsenceRate: number | null;
  severeAbsenceRate: number | null;
  possibleSessions: number;
  attendedSessions: number;
  bands: Record<Band, number>;
}

export function schoolSummary(pupils: readonly PupilFigures[]): SchoolSummary {
  let possible = 0;
  let attended = 0;
  let pa = 0;
  let sa = 0;
  let met = 0;
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  for (const p of pupils) {
    possible += p.possibleSessions;
    attended += p.attendedSessions;
    if (p.persistentAbsence) pa++;
    if (p.severeAbsence) sa++;
    if (p.nationalThreshold.met) met++;
    if (p.band) bands[p.band]++;
  }
  return {
    pupils: pupils.length,
    attendancePercent: truncatedPercent(attended, possible),
    persistentAbsenceCount: pa,
    severeAbsenceCount: sa,
    nationalThresholdMetCount: met,
    persistentAbsenceRate: truncatedPercent(pa, pupils.length),
    severeAbsenceRate: truncatedPercent(sa, pupils.length),
    possibleSessions: possible,
    attendedSessions: attended,
    bands,
  };
}

export interface GroupSummary {
  /** Column key (`year`, `sen`, ...) or the pass-through header. */
  column: string;
  label: string;
  values: Array<{ value: string } & SchoolSummary>;
}

/** Columns summarised by default: the recognised pupil columns that describe a group. */
const DEFAULT_GROUPS = ["year", "reg", "gender", "sen", "fsm", "pp", "eal", "cla", "cin", "cp"];

/** Yes/no columns arrive as Y, Yes, TRUE, 1...: one spelling each, so groups do not split. */
const FLAG_COLUMNS = new Set(["fsm", "pp", "eal", "cla", "cin", "cp"]);

export function normaliseFlag(value: string): string {
  const v = value.trim().toLowerCase();
  if (["y", "yes", "true", "1", "t"].includes(v)) return "Yes";
  if (["n", "no", "false", "0", "f", ""].includes(v)) return "No";
  return value.trim();
}

/**
 * A pupil's value in a group column (`year`, `sen`, ... or a pass-through header): flags spelt one
 * way, blanks as "(blank)". The summaries and the panes' filters both use it, so they agree.
 */
export function groupValue(p: Pick<PupilFigures, "details" | "extra">, column: string): string {
  if ((DEFAULT_GROUPS as readonly string[]).includes(column)) {
    const raw = p.details[column] ?? "";
    return FLAG_COLUMNS.has(column) ? normaliseFlag(raw) : raw.trim() || "(blank)";
  }
  return (p.extra[column] ?? "").trim() || "(blank)";
}

/** The DfE's SEN provision codes (school census), in words. */
export const SEN_PROVISION: Readonly<Record<string, string>> = { N: "No special educational needs", K: "SEN support", E: "Education, health and care plan" };
/** The same codes in the short words the pane's filters use, with the code staff know beside them. */
export const SEN_PROVISION_SHORT: Readonly<Record<string, string>> = { K: "SEN support (K)", E: "EHC plan (E)", N: "No SEN (N)" };

/**
 * A group value as a governor or parent reads it: SEN codes in words ("SEN: E" is "Education, health
 * and care plan"), a year group as "Year 7", a gender code as a word; any other value as it is.
 */
export function groupValueInWords(column: string, value: string): string {
  const v = value.trim();
  if (column === "sen") return SEN_PROVISION[v.toUpperCase()] ?? v;
  if (column === "year" && /^(\d{1,2}|R|N[12]?)$/i.test(v)) return /^\d/.test(v) ? `Year ${v}` : v.toUpperCase() === "R" ? "Reception" : "Nursery";
  if (column === "gender") return { F: "Female", M: "Male" }[v.toUpperCase()] ?? v;
  if (v === "(blank)") return "Not recorded";
  return v;
}

export function groupSummaries(pupils: readonly PupilFigures[], extraColumns: readonly string[], policy: Policy): GroupSummary[] {
  const result: GroupSummary[] = [];
  for (const key of DEFAULT_GROUPS) {
    if (!pupils.some((p) => p.details[key] !== undefined)) continue;
    const label = PUPIL_COLUMNS.find((c) => c.key === key)!.label;
    result.push({ column: key, label, values: groupBy(pupils, (p) => groupValue(p, key)) });
  }
  const wanted = new Map(extraColumns.map((h) => [h.toLowerCase(), h]));
  for (const name of policy.groupColumns) {
    const header = wanted.get(name.trim().toLowerCase());
    if (!header) continue;
    result.push({ column: header, label: header, values: groupBy(pupils, (p) => groupValue(p, header)) });
  }
  return result;
}

/** Natural order ("7" before "10", "(blank)" last) without Intl.Collator, whose ICU start-up costs more than the sort. */
export function naturalCompare(a: string, b: string): number {
  if (a === b) return 0;
  if (a === "(blank)") return 1;
  if (b === "(blank)") return -1;
  const na = Number(a);
  const nb = Number(b);
  if (a !== "" && b !== "" && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const pa = /^(\d+)(.*)$/.exec(a);
  const pb = /^(\d+)(.*)$/.exec(b);
  if (pa && pb && pa[1] !== pb[1]) return Number(pa[1]) - Number(pb[1]);
  return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : a < b ? -1 : 1;
}

function groupBy(pupils: readonly PupilFigures[], valueOf: (p: PupilFigures) => string) {
  const groups = new Map<string, PupilFigures[]>();
  for (const p of pupils) {
    const v = valueOf(p);
    let list = groups.get(v);
    if (!list) groups.set(v, (list = []));
    list.push(p);
  }
  return [...groups.entries()]
    .sort((a, b) => naturalCompare(a[0], b[0]))
    .map(([value, list]) => ({ value, ...schoolSummary(list) }));
}

export interface WeeklyFigure {
  weekStart: string;
  possibleSessions: number;
  attendedSessions: number;
  attendancePercent: number | null;
}

/** The school's attendance in each school week up to the as-of date. */
export function weeklyAttendance(cal: SchoolCalendar, attended: Int32Array, possible: Int32Array): WeeklyFigure[] {
  const weeks = cal.weekMondays.map((monday) => ({ weekStart: formatIso(monday), possibleSessions: 0, attendedSessions: 0, attendancePercent: null as number | null }));
  for (let s = 0; s < cal.limit; s++) {
    const w = cal.weekOfSession[s];
    if (w < 0) continue;
    weeks[w].possibleSessions += possible[s];
    weeks[w].attendedSessions += attended[s];
  }
  for (const w of weeks) w.attendancePercent = truncatedPercent(w.attendedSessions, w.possibleSessions);
  return weeks;
}

/** One pupil's attendance in each school week up to the as-of date (the pupil card's chart). */
export function pupilWeeklyAttendance(cal: SchoolCalendar, marks: Uint8Array): WeeklyFigure[] {
  const weeks = cal.weekMondays.map((monday) => ({ weekStart: formatIso(monday), possibleSessions: 0, attendedSessions: 0, attendancePercent: null as number | null }));
  for (let s = 0; s < cal.limit; s++) {
    const w = cal.weekOfSession[s];
    if (w < 0) continue;
    const k = CLASS_BY_ID[marks[s]];
    if (k === MarkClass.Attended || k === MarkClass.Authorised || k === MarkClass.Unauthorised) {
      weeks[w].possibleSessions++;
      if (k === MarkClass.Attended) weeks[w].attendedSessions++;
    }
  }
  for (const w of weeks) w.attendancePercent = truncatedPercent(w.attendedSessions, w.possibleSessions);
  return weeks;
}
