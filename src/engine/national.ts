/**
 * National figures for England (DfE, explore-education-statistics), kept in a data file the trust
 * updates (assets/national/national-figures.json). Each figure carries its year, term, phase, the
 * period it covers and the release and section it was read in, and is always shown saying which
 * period it covers beside the school's own period. A figure nobody checked is not shipped: an
 * entry marked `"verified": false` (the file's earlier form) is refused, not shown with a caveat.
 */
import type { Phase } from "./school-summary";
import { formatUkLong, parseDate } from "./dates";

export const NATIONAL_FORMAT = "attendance-toolkit-national-figures";

export interface NationalFigure {
  year: string;
  term: string;
  phase: Phase | "all";
  overallAbsencePercent: number | null;
  authorisedAbsencePercent: number | null;
  unauthorisedAbsencePercent: number | null;
  persistentAbsencePercent: number | null;
  severeAbsencePercent: number | null;
  /** "census": the accredited Pupil absence in schools in England; "daily": Pupil attendance in schools (estimates). */
  source: "census" | "daily";
  /** The period the figure covers, in words ("the 2023/24 school year", "9 September 2024 to 18 July 2025"). */
  period: string;
  publication: string;
  release: string;
  /** The section or table of the release the figures were read in. */
  table: string;
  url: string;
  note: string;
}

export interface NationalFigures {
  figures: NationalFigure[];
}

const RATES = ["overallAbsencePercent", "authorisedAbsencePercent", "unauthorisedAbsencePercent", "persistentAbsencePercent", "severeAbsencePercent"] as const;

/** Read and check the national figures file; problems are named with the entry they are in. */
export function readNationalFigures(text: string, source = "the national figures file"): NationalFigures {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new RangeError(`${source} is not JSON.`);
  }
  if (doc?.format !== NATIONAL_FORMAT || doc.version !== 1 || !Array.isArray(doc.figures))
    throw new RangeError(`${source} is not a version 1 national figures file ("format": "${NATIONAL_FORMAT}").`);
  const errors: string[] = [];
  (doc.figures as Array<Record<string, unknown>>).forEach((f, i) => {
    const at = `entry ${i + 1}`;
    if (typeof f.year !== "string" || !/^\d{4}\/\d{2}$/.test(f.year)) errors.push(`${at}: year must be written like 2023/24.`);
    if (!["all", "primary", "secondary", "special"].includes(f.phase as string)) errors.push(`${at}: phase must be all, primary, secondary or special.`);
    if (typeof f.term !== "string") errors.push(`${at}: term is missing.`);
    if (typeof f.publication !== "string" || !f.publication) errors.push(`${at}: the DfE publication is missing.`);
    if (f.source !== "census" && f.source !== "daily") errors.push(`${at}: source must be census (Pupil absence in schools in England) or daily (Pupil attendance in schools).`);
    for (const k of ["period", "release", "table", "url"]) if (typeof f[k] !== "string" || !(f[k] as string).trim()) errors.push(`${at}: ${k} is missing (say where the figure was read).`);
    if (f.verified === false) errors.push(`${at} is marked as not checked against its release: check it and remove "verified", or remove the entry.`);
    for (const r of RATES) if (f[r] !== null && !(typeof f[r] === "number" && (f[r] as number) >= 0 && (f[r] as number) <= 100)) errors.push(`${at}: ${r} must be a percentage or null.`);
  });
  if (errors.length > 0) throw new RangeError(`${source} cannot be used: ${errors.join(" ")}`);
  return { figures: doc.figures as NationalFigure[] };
}

const TERM_ORDER: Record<string, number> = { autumn: 1, spring: 2, summer: 3, "full year": 4 };

/**
 * The figure to show beside a school: a full school year where one is published (the latest), for
 * the school's phase (or all schools where the phase is not known or has no figure); the accredited
 * census figure before a daily-data estimate of the same year.
 */
export function nationalFor(n: NationalFigures, phase: Phase | null): NationalFigure | null {
  const pick = (p: Phase | "all") => {
    const list = n.figures.filter((f) => f.phase === p && f.overallAbsencePercent !== null);
    list.sort((a, b) => {
      const full = Number(b.term === "full year") - Number(a.term === "full year");
      if (full !== 0) return full;
      if (a.year !== b.year) return a.year < b.year ? 1 : -1;
      const term = (TERM_ORDER[b.term] ?? 0) - (TERM_ORDER[a.term] ?? 0);
      if (term !== 0) return term;
      return Number(b.source === "census") - Number(a.source === "census");
    });
    return list[0] ?? null;
  };
  return (phase ? pick(phase) : null) ?? pick("all");
}

/** Attendance is 100 minus overall absence, to one decimal place. */
export function nationalAttendance(f: NationalFigure | null): number | null {
  return f?.overallAbsencePercent == null ? null : Math.round((100 - f.overallAbsencePercent) * 10) / 10;
}

/** "England, all state-funded schools, the 2023/24 school year (DfE, Pupil absence in schools in England)". */
export function describeNational(f: NationalFigure): string {
  const schools = f.phase === "all" ? "all state-funded schools" : `state-funded ${f.phase} schools`;
  const when = f.term === "full year" ? `the ${f.year} school year` : `the ${f.term} term of ${f.year}`;
  const estimate = f.source === "daily" ? ": an estimate from daily register data" : "";
  return `England, ${schools}, ${when} (DfE, ${f.publication}, ${f.release}${estimate})`;
}

/**
 * The sentence that says what each side of a comparison covers, so a year to March is never read
 * as if it were a whole year: "This school: 1 September 2025 to 13 March 2026. England: the 2023/24
 * school year."
 */
export function comparedPeriods(schoolFrom: string, schoolTo: string, f: NationalFigure): string {
  const from = parseDate(schoolFrom);
  const to = parseDate(schoolTo);
  const school = from !== null && to !== null ? `${formatUkLong(from)} to ${formatUkLong(to)}` : `${schoolFrom} to ${schoolTo}`;
  const national = f.term === "full year" ? `the whole ${f.year} school year` : `the ${f.term} term of ${f.year}`;
  return `This school's figures cover ${school}; the national figure covers ${national}${f.term === "full year" ? "" : ""}.`;
}
