/** The readable (non-JSON) output of `analyse`: a school summary and one line a pupil. */
import { Analysis, PupilAnalysis } from "../engine/analyse";
import { formatUkLongWithWeekday, parseDate } from "../engine/dates";
import { termAheadOf } from "../engine/calendar";
import { summariseProblems } from "../engine/problems";
import { BAND_LABELS } from "../engine/measures";

function pad(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + "…" : s.padEnd(n);
}

const pupils = (n: number) => `${n} pupil${n === 1 ? "" : "s"}`;
const pct = (v: number | null) => (v === null ? "n/a" : `${v.toFixed(1)}%`);

export function pupilName(p: { details: { surname?: string; forename?: string } }): string {
  return [p.details.forename, p.details.surname].filter(Boolean).join(" ");
}

export function formatAnalysis(a: Analysis, source: string): string {
  const out: string[] = [];
  const s = a.summary;
  const asOf = a.asOf ? formatUkLongWithWeekday(parseDate(a.asOf)!) : "no sessions";
  const cal = a.calendar;
  out.push(`Attendance analysis as at ${asOf}${cal.termName && a.asOf ? ` (${cal.termName.toLowerCase()})` : ""}`);
  out.push(`${source}: ${pupils(s.pupils)}, ${cal.limit} sessions, ${cal.weekMondays.length} school weeks`);
  if (a.asOf) {
    // Where the figures about the rest of the year come from (docs/calendar.md), said once.
    const term = termAheadOf(cal.asOf, a.policy);
    const yearEnds = cal.year.terms.reduce((last, t) => Math.max(last, t.ends), -Infinity);
    const ends = term ? `this term ends ${formatUkLongWithWeekday(term.ends)}, the school year ${formatUkLongWithWeekday(yearEnds)}` : `the school year ended ${formatUkLongWithWeekday(yearEnds)}`;
    out.push(`Term dates: ${cal.year.estimated ? "estimated, no school calendar in the policy" : "the school calendar in the policy"}; ${ends}`);
  }
  out.push("");
  out.push(`  School attendance         ${pct(s.attendancePercent)}`);
  out.push(`  Persistent absence        ${pupils(s.persistentAbsenceCount)} (${pct(s.persistentAbsenceRate)})`);
  out.push(`  Severe absence            ${pupils(s.severeAbsenceCount)} (${pct(s.severeAbsenceRate)})`);
  out.push(`  National threshold met    ${pupils(s.nationalThresholdMetCount)}`);
  out.push(`  Bands                     ${Object.entries(s.bands).map(([b, n]) => `${BAND_LABELS[b as keyof typeof BAND_LABELS]} ${n}`).join(", ")}`);
  out.push("");
  const head = `${pad("UPN", 15)} ${pad("Name", 22)} ${pad("Year", 4)} ${"Attend.".padStart(7)}  ${pad("Band", 19)} ${pad("PA", 3)} ${pad("SA", 3)} ${"Window".padStart(6)}  ${pad("Threshold met", 13)} ${pad("Stage", 5)}  Next step`;
  out.push(head);
  out.push("-".repeat(head.length + 20));
  for (const p of a.pupils) out.push(pupilLine(p));
  if (a.problems.length > 0) {
    out.push("");
    out.push(`Problems (${a.problems.length}): these marks or rows were left out of the figures until corrected.`);
    // A flood of one problem is one line with a count and examples.
    const lines = summariseProblems(a.problems);
    for (const line of lines.slice(0, 50)) out.push(`  - ${line}`);
    if (lines.length > 50) out.push(`  ... and ${lines.length - 50} more (use --json for the full list).`);
  }
  return out.join("\n") + "\n";
}

function pupilLine(p: PupilAnalysis): string {
  const t = p.nationalThreshold;
  return [
    pad(p.upn, 15),
    pad(pupilName(p), 22),
    pad(p.details.year ?? "", 4),
    pct(p.attendancePercent).padStart(7),
    "",
    pad(p.band ? BAND_LABELS[p.band] : "n/a", 19),
    pad(p.persistentAbsence ? "yes" : "", 3),
    pad(p.severeAbsence ? "yes" : "", 3),
    String(t.sessionsInCurrentWindow).padStart(6),
    "",
    pad(t.firstMetOn ?? "", 13),
    pad(p.stage.stage ? String(p.stage.stage) : "", 5),
    "",
    p.nextStep.action,
  ].join(" ");
}
