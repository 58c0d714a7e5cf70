/**
 * The evidence pack for a referral as one .docx: the section 444 checklist filled in, the
 * chronology as a table, and the register extract by school week. Built on the "evidence-pack"
 * template, so a trust can restyle it in Word like any letter.
 */
import type { Analysis } from "../engine/analyse";
import { formatUkShort, parseDate } from "../engine/dates";
import type { PupilEvidence } from "../engine/evidence";
import { attendanceExtract } from "../engine/extract";

/** The pack's extra merge data: chronology rows and the extract's weeks. */
export function evidencePackData(analysis: Analysis, pupilIndex: number, evidence: PupilEvidence): { chronology: Array<Record<string, string>>; extract: Array<Record<string, string>> } {
  const uk = (iso: string) => (parseDate(iso) !== null ? formatUkShort(parseDate(iso)!) : iso);
  const chronology = evidence.chronology.map((c) => ({
    date: uk(c.date),
    title: c.supersededBy ? `${c.title} (corrected by ${c.supersededBy})` : c.supersedes ? `${c.title} (corrects ${c.supersedes})` : c.title,
    detail: c.detail,
    who: [c.parent, c.staff].filter(Boolean).join("; "),
  }));
  const extract = attendanceExtract(analysis, pupilIndex).map((w) => ({
    week: uk(w.weekStart),
    mon: w.days[0],
    tue: w.days[1],
    wed: w.days[2],
    thu: w.days[3],
    fri: w.days[4],
    percent: w.attendancePercent === null ? "" : `${w.attendancePercent.toFixed(1)}%`,
  }));
  return { chronology, extract };
}
