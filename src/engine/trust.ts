/**
 * The trust's view: school summaries side by side, against the trust's target and the national
 * figures. Trust-wide rates are computed from the schools' sessions (total attended / total possible),
 * never by averaging the schools' percentages, so a small school weighs as much as its pupils do.
 * Counts a school suppressed ("c") stay suppressed: a trust total that leaves them out says so.
 */
import { truncatedPercent } from "./measures";
import { formatUkLong, parseDate } from "./dates";
import { Count, Figures, Phase, SchoolSummaryFile, sessionRates, SessionTotals } from "./school-summary";
import { NationalFigure, NationalFigures, nationalFor } from "./national";

export interface TrustSchool {
  key: string;
  name: string;
  urn: string;
  phase: Phase | null;
  asOf: string;
  figures: Figures;
  sessions: SessionTotals;
  attendancePercent: number | null;
  /** Points above (+) or below (-) the trust's minimum target, from the school's exact attendance. */
  againstTarget: number | null;
  /**
   * Place among the schools whose figures run to the dashboard's date; null for a school whose
   * figures stop at another date (a year to March is not ranked against a year to July).
   */
  rank: number | null;
  /** Why this school is not ranked with the others (its figures run to another date), or null. */
  notComparable: string | null;
  previous: { asOf: string; attendancePercent: number | null; persistentAbsencePercent: number | null | "c" } | null;
  /** Attendance now minus at the last summary, in points (one decimal place). */
  change: number | null;
  national: NationalFigure | null;
  weekly: SchoolSummaryFile["weekly"];
  summary: SchoolSummaryFile;
}

/** A count summed over schools: the known part, and how many schools hid theirs. */
export interface TrustCount {
  known: number;
  hiddenInSchools: number;
  /** Percent of the trust's pupils, only when no school hid its count. */
  percent: number | null;
}

export interface TrustGroupRow {
  column: string;
  label: string;
  value: string;
  pupils: number;
  sessions: SessionTotals;
  attendancePercent: number | null;
  persistentAbsence: TrustCount;
  severeAbsence: TrustCount;
  /** Schools whose figures for this group are "c" (fewer than 3 pupils), left out of the sums. */
  hiddenInSchools: number;
  bySchool: Array<{ school: string; attendancePercent: number | null | "c"; persistentAbsencePercent: number | null | "c"; severeAbsencePercent: number | null | "c" }>;
}

export interface TrustDashboard {
  asOf: string;
  target: { minimumPercent: number; goalPercent: number };
  schools: TrustSchool[];
  trust: {
    pupils: number;
    sessions: SessionTotals;
    attendancePercent: number | null;
    authorisedAbsencePercent: number | null;
    unauthorisedAbsencePercent: number | null;
    overallAbsencePercent: number | null;
    persistentAbsence: TrustCount;
    severeAbsence: TrustCount;
    thresholdMet: TrustCount;
    stages: Record<string, TrustCount>;
  };
  groups: TrustGroupRow[];
  /** Every school week any school has, in order; per school its attendance that week (or null). */
  weekly: { weeks: string[]; bySchool: Array<{ school: string; percent: Array<number | null> }>; trust: Array<number | null> };
  national: { all: NationalFigure | null; byPhase: Partial<Record<Phase, NationalFigure>> };
  notes: string[];
}

const ZERO = (): SessionTotals => ({ possible: 0, attended: 0, authorised: 0, unauthorised: 0 });

function add(into: SessionTotals, s: SessionTotals): void {
  into.possible += s.possible;
  into.attended += s.attended;
  into.authorised += s.authorised;
  into.unauthorised += s.unauthorised;
}

function sumCounts(values: Count[], pupils: number): TrustCount {
  let known = 0;
  let hidden = 0;
  for (const v of values) {
    if (v === "c") hidden++;
    else known += v;
  }
  return { known, hiddenInSchools: hidden, percent: hidden === 0 ? truncatedPercent(known, pupils) : null };
}

/** Exact points above or below a target, from sessions (one decimal place, towards zero). */
function pointsAgainst(s: SessionTotals, targetPercent: number): number | null {
  if (s.possible <= 0) return null;
  // attended/possible*100 - target, in tenths of a point, on integers.
  const tenths = (s.attended * 1000 - Math.round(targetPercent * 10) * s.possible) / s.possible;
  return Math.trunc(tenths) / 10;
}

/** A school's key: its URN where it has one, else its name (so half terms line up). */
export function schoolKey(s: SchoolSummaryFile): string {
  return s.school.urn.trim() || s.school.name.trim().toLowerCase();
}

export function buildTrustDashboard(summaries: readonly SchoolSummaryFile[], national: NationalFigures | null, targetOverride?: number): TrustDashboard {
  if (summaries.length === 0) throw new RangeError("No school summaries were given.");
  const notes: string[] = [];
  // The latest summary of each school is the current one; the one before it is "last time".
  const bySchool = new Map<string, SchoolSummaryFile[]>();
  for (const s of summaries) {
    const k = schoolKey(s);
    let list = bySchool.get(k);
    if (!list) bySchool.set(k, (list = []));
    list.push(s);
  }
  const target = { ...summaries[0].target };
  if (targetOverride !== undefined) target.minimumPercent = targetOverride;
  const differing = summaries.filter((s) => s.target.minimumPercent !== summaries[0].target.minimumPercent);
  if (differing.length > 0 && targetOverride === undefined)
    notes.push(`Schools set different minimum targets; the dashboard uses ${target.minimumPercent}% (from ${summaries[0].school.name}).`);

  const schools: TrustSchool[] = [];
  for (const [key, list] of bySchool) {
    list.sort((a, b) => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : a.createdAt < b.createdAt ? -1 : 1));
    const cur = list[list.length - 1];
    const prev = list.length > 1 ? list[list.length - 2] : null;
    if (cur.figures.sessions === "c") {
      notes.push(`${cur.school.name}: figures suppressed (fewer than 3 pupils); left out.`);
      continue;
    }
    const sessions = cur.figures.sessions;
    const pct = truncatedPercent(sessions.attended, sessions.possible);
    const prevPct = prev && prev.figures.sessions !== "c" ? truncatedPercent(prev.figures.sessions.attended, prev.figures.sessions.possible) : null;
    schools.push({
      key,
      name: cur.school.name,
      urn: cur.school.urn,
      phase: cur.school.phase,
      asOf: cur.asOf,
      figures: cur.figures,
      sessions,
      attendancePercent: pct,
      againstTarget: pointsAgainst(sessions, target.minimumPercent),
      rank: null,
      notComparable: null,
      previous: prev
        ? { asOf: prev.asOf, attendancePercent: prevPct, persistentAbsencePercent: prev.figures.persistentAbsencePercent as number | null | "c" }
        : null,
      change: pct !== null && prevPct !== null ? Math.round((pct - prevPct) * 10) / 10 : null,
      national: national ? nationalFor(national, cur.school.phase) : null,
      weekly: cur.weekly,
      summary: cur,
    });
  }
  // Schools are ranked only against schools whose figures run to the same date: the dashboard's
  // date is the latest; a school whose figures stop earlier is shown, flagged, and not ranked.
  const asOf = schools.reduce((m, s) => (s.asOf > m ? s.asOf : m), schools[0]?.asOf ?? "");
  const ukDate = (iso: string) => {
    const d = parseDate(iso);
    return d === null ? iso : formatUkLong(d);
  };
  for (const s of schools)
    if (s.asOf !== asOf) s.notComparable = `figures to ${ukDate(s.asOf)}, not to ${ukDate(asOf)}: not ranked with the others`;
  const behind = schools.filter((s) => s.notComparable);
  if (behind.length > 0)
    notes.push(
      `Schools' figures run to different dates: ${behind.map((s) => `${s.name} to ${ukDate(s.asOf)}`).join("; ")}; the others to ${ukDate(asOf)}. ` +
        "Those schools are shown but not ranked, and the trust's totals add periods of different lengths: ask them for a summary to the same date.",
    );
  // Ranked by exact attendance (cross-multiplied), ties by name; schools to another date after.
  const ranked = [...schools].sort((a, b) => {
    if ((a.notComparable === null) !== (b.notComparable === null)) return a.notComparable === null ? -1 : 1;
    const d = b.sessions.attended * a.sessions.possible - a.sessions.attended * b.sessions.possible;
    return d !== 0 ? d : a.name.localeCompare(b.name);
  });
  ranked.filter((s) => s.notComparable === null).forEach((s, i) => (s.rank = i + 1));

  const total = ZERO();
  let pupils = 0;
  for (const s of schools) {
    add(total, s.sessions);
    pupils += s.figures.pupils as number;
  }
  const stageKeys = [...new Set(schools.flatMap((s) => Object.keys(s.figures.stages)))].sort((a, b) => Number(a) - Number(b));
  const stages = Object.fromEntries(stageKeys.map((k) => [k, sumCounts(schools.map((s) => s.figures.stages[k] ?? 0), pupils)]));

  // Groups: the same column and value across schools, summed from sessions.
  const groupMap = new Map<string, TrustGroupRow>();
  for (const s of schools) {
    for (const g of s.summary.groups) {
      for (const v of g.values) {
        const k = `${g.column}\u0000${v.value}`;
        let row = groupMap.get(k);
        if (!row) {
          row = {
            column: g.column,
            label: g.label,
            value: v.value,
            pupils: 0,
            sessions: ZERO(),
            attendancePercent: null,
            persistentAbsence: { known: 0, hiddenInSchools: 0, percent: null },
            severeAbsence: { known: 0, hiddenInSchools: 0, percent: null },
            hiddenInSchools: 0,
            bySchool: [],
          };
          groupMap.set(k, row);
        }
        row.bySchool.push({
          school: s.name,
          attendancePercent: v.attendancePercent,
          persistentAbsencePercent: v.persistentAbsencePercent,
          severeAbsencePercent: v.severeAbsencePercent,
        });
        if (v.sessions === "c" || v.pupils === "c") {
          row.hiddenInSchools++;
          continue;
        }
        row.pupils += v.pupils;
        add(row.sessions, v.sessions);
        for (const [field, count] of [["persistentAbsence", v.persistentAbsence], ["severeAbsence", v.severeAbsence]] as const) {
          if (count === "c") row[field].hiddenInSchools++;
          else row[field].known += count;
        }
      }
    }
  }
  const groups = [...groupMap.values()];
  for (const g of groups) {
    g.attendancePercent = truncatedPercent(g.sessions.attended, g.sessions.possible);
    for (const c of [g.persistentAbsence, g.severeAbsence]) c.percent = c.hiddenInSchools === 0 && g.hiddenInSchools === 0 ? truncatedPercent(c.known, g.pupils) : null;
  }

  // Weekly: the union of school weeks; the trust's line from the summed sessions of each week.
  const weekSet = new Set<string>();
  for (const s of schools) for (const w of s.weekly) weekSet.add(w.weekStart);
  const weeks = [...weekSet].sort();
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const wp = new Array<number>(weeks.length).fill(0);
  const wa = new Array<number>(weeks.length).fill(0);
  const weeklyBySchool = schools.map((s) => {
    const percent = new Array<number | null>(weeks.length).fill(null);
    for (const w of s.weekly) {
      const i = weekIndex.get(w.weekStart)!;
      percent[i] = truncatedPercent(w.attended, w.possible);
      wp[i] += w.possible;
      wa[i] += w.attended;
    }
    return { school: s.name, percent };
  });

  const phases = new Set(schools.map((s) => s.phase).filter((p): p is Phase => p !== null));
  const byPhase: Partial<Record<Phase, NationalFigure>> = {};
  if (national) for (const p of phases) {
    const f = nationalFor(national, p);
    if (f) byPhase[p] = f;
  }
  if (schools.some((s) => s.figures.persistentAbsence === "c")) notes.push("Some schools' counts are shown as c (small numbers, and figures they could be worked out from); trust totals of those counts leave them out and give no percentage.");

  return {
    asOf,
    target,
    schools: ranked,
    trust: {
      pupils,
      sessions: total,
      ...sessionRates(total),
      persistentAbsence: sumCounts(schools.map((s) => s.figures.persistentAbsence), pupils),
      severeAbsence: sumCounts(schools.map((s) => s.figures.severeAbsence), pupils),
      thresholdMet: sumCounts(schools.map((s) => s.figures.thresholdMet), pupils),
      stages,
    },
    groups,
    weekly: { weeks, bySchool: weeklyBySchool, trust: weeks.map((_w, i) => truncatedPercent(wa[i], wp[i])) },
    national: { all: national ? nationalFor(national, null) : null, byPhase },
    notes,
  };
}
