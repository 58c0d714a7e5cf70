/** Everything the school can show for one pupil before a legal step, in one call. */
import { ActionEntry, ActionLog } from "./actions";
import { Analysis } from "./analyse";
import { ChronologyItem, pupilChronology } from "./chronology";
import { parseDate } from "./dates";
import { NoticeToImproveStatus, noticesToImprove } from "./notice-to-improve";
import { NextNotice, nextPenaltyNotice, PenaltyNotice, penaltyNotices } from "./penalty-notices";
import { Readiness, referralReadiness } from "./readiness";

export interface PupilEvidence {
  upn: string;
  chronology: ChronologyItem[];
  readiness: Readiness;
  noticesToImprove: NoticeToImproveStatus[];
  penaltyNotices: PenaltyNotice[];
  /** For each parent named in the log or the contacts: may a penalty notice be issued now, and for how much. */
  nextPenaltyNotice: Array<{ parent: string } & NextNotice>;
}

export function pupilEvidence(analysis: Analysis, pupilIndex: number, log: ActionLog, parents: readonly string[] = []): PupilEvidence {
  const pupil = analysis.pupils[pupilIndex];
  const asOf = analysis.asOf ? parseDate(analysis.asOf)! : 0;
  const mine: ActionEntry[] = log.entries.filter((e) => e.upn === pupil.upn);
  const effective = mine.filter((e) => e.supersededBy === null && e.day <= asOf);
  const ntis = noticesToImprove(effective, analysis.dataset, pupilIndex, analysis.calendar, analysis.policy);
  const notices = penaltyNotices(effective, asOf, analysis.policy);
  const names = new Map<string, string>();
  for (const p of [...parents, ...effective.map((e) => e.parent)]) if (p.trim()) names.set(p.trim().toLowerCase(), p.trim());
  return {
    upn: pupil.upn,
    chronology: pupilChronology(analysis, pupilIndex, mine),
    readiness: referralReadiness(pupil, effective, ntis),
    noticesToImprove: ntis,
    penaltyNotices: notices,
    nextPenaltyNotice: [...names.values()].map((parent) => ({ parent, ...nextPenaltyNotice(notices, parent, asOf, analysis.policy) })),
  };
}
