/**
 * National figures for England (DfE, explore-education-statistics), kept in a data file the trust
 * updates (assets/national/national-figures.json). Each figure carries its year, term, phase and the
 * publication it comes from, and is shown saying which year it is.
 */
import type { Phase } from "./school-summary";

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
  publication: string;
  release: string;
  url: string;
  verified: boolean;
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
    for (const r of RATES) if (f[r] !== null && !(typeof f[r] === "number" && (f[r] as number) >= 0 && (f[r] as number) <= 100)) errors.push(`${at}: ${r} must be a percentage or null.`);
  });
  if (errors.length > 0) throw new RangeError(`${source} cannot be used: ${errors.join(" ")}`);
  return { figures: doc.figures as NationalFigure[] };
}

const TERM_ORDER: Record<string, number> = { autumn: 1, spring: 2, summer: 3, "full year": 4 };

/**
 * The figure to show beside a school: the latest year, its full-year figure where published, for the
 * school's phase (or all schools where the phase is not known or has no figure).
 */
export function nationalFor(n: NationalFigures, phase: Phase | null): NationalFigure | null {
  const pick = (p: Phase | "all") => {
    const list = n.figures.filter((f) => f.phase === p && f.overallAbsencePercent !== null);
    list.sort((a, b) => (a.year !== b.year ? (a.year < b.year ? 1 : -1) : (TERM_ORDER[b.term] ?? 0) - (TERM_ORDER[a.term] ?? 0)));
    return list[0] ?? null;
  };
  return (phase ? pick(phase) : null) ?? pick("all");
}

/** Attendance is 100 minus overall absence, to one decimal place. */
export function nationalAttendance(f: NationalFigure | null): number | null {
  return f?.overallAbsencePercent == null ? null : Math.round((100 - f.overallAbsencePercent) * 10) / 10;
}

export function describeNational(f: NationalFigure): string {
  return `England, ${f.phase === "all" ? "all state-funded schools" : `state-funded ${f.phase} schools`}, ${f.term === "full year" ? f.year : `${f.term} term ${f.year}`} (DfE, ${f.publication})${f.verified ? "" : " [not verified]"}`;
}
