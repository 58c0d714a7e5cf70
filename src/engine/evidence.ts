/** Everything the school can show for one pupil before a legal step, in one call. */
import { ActionEntry, ActionLog } from "./actions";
import { Analysis } from "./analyse";
import { ChronologyItem, pupilChronology } from "./chronology";
import { parseDate } from "./dates";
import { NoticeToImproveStatus, noticesToImprove } from "./notice-to-improve";
import { NextNotice, nextPenaltyNotice, PenaltyNotice, penaltyNotices } from "./penalty-notices";
import { Readiness, referralReadiness } from "./readiness";
import { matchContact, parentKey } from "./contact-rules";
import { CaseContact, contactName, parentInLaw } from "./case-record";
import { thresholdWindow } from "./letter-facts";

export interface PupilEvidence {
  upn: string;
  chronology: ChronologyItem[];
  readiness: Readiness;
  noticesToImprove: NoticeToImproveStatus[];
  penaltyNotices: PenaltyNotice[];
  /** For each parent named in the log or the contacts: may a penalty notice be issued now, and for how much. */
  nextPenaltyNotice: Array<{ parent: string } & NextNotice>;
  /** Names in the log that match no Contacts entry for the pupil, in sentences (never guessed). */
  parentProblems: string[];
}

/**
 * `parents`: the pupil's contacts (with parental responsibility and living-with, so a penalty notice
 * is proposed only for a parent in law), or their names alone (older callers: not checked).
 */
export function pupilEvidence(analysis: Analysis, pupilIndex: number, log: ActionLog, people: readonly (string | CaseContact)[] = []): PupilEvidence {
  const parents = people.map((p) => (typeof p === "string" ? p : contactName(p)));
  const inLaw = new Map(people.flatMap((p) => (typeof p === "string" ? [] : [[parentKey(contactName(p)), parentInLaw(p)] as const])));
  const pupil = analysis.pupils[pupilIndex];
  const asOf = analysis.asOf ? parseDate(analysis.asOf)! : 0;
  const mine: ActionEntry[] = log.entries.filter((e) => e.upn === pupil.upn);
  const effective = mine.filter((e) => e.supersededBy === null && e.day <= asOf);
  const ntis = noticesToImprove(effective, analysis.dataset, pupilIndex, analysis.calendar, analysis.policy);
  const notices = penaltyNotices(effective, asOf, analysis.policy);
  // Parents are who the Contacts sheet says: "Ann Able" in the log is "Mrs Ann Able" there. A name
  // in the log that matches no contact is reported, and still listed as written.
  const contacts = parents.map((p) => {
    const words = p.trim().split(/\s+/);
    const title = words.length > 1 && parentKey(p) !== words.join(" ").toLowerCase() ? words[0] : "";
    const rest = title ? words.slice(1) : words;
    return { title, forename: rest.slice(0, -1).join(" "), surname: rest[rest.length - 1] ?? "" };
  });
  const names = new Map<string, string>();
  for (const p of parents) if (p.trim()) names.set(parentKey(p), p.trim());
  const parentProblems: string[] = [];
  for (const e of effective) {
    if (!e.parent.trim() || names.has(parentKey(e.parent))) continue;
    if (matchContact(e.parent, contacts) >= 0) continue;
    names.set(parentKey(e.parent), e.parent.trim());
    if (parents.length > 0) parentProblems.push(`Entry ${e.id} (${e.date}) names the parent "${e.parent}", who is not on the Contacts sheet for ${pupil.upn}: correct the name or add the contact.`);
  }
  const th = analysis.policy.nationalThreshold;
  const codes = analysis.policy.unresolvedN.holdLegalLetters ? th.countedCodes.filter((c) => c !== "N") : th.countedCodes;
  const window = pupil.nationalThreshold.met ? thresholdWindow(analysis, pupilIndex, 0, asOf, codes) : null;
  const metOnlyWithN = pupil.nationalThreshold.met && window === null;
  const holidayOnly = window !== null && window.sessions.every((s) => s.code === "G");
  return {
    upn: pupil.upn,
    parentProblems,
    chronology: pupilChronology(analysis, pupilIndex, mine),
    readiness: referralReadiness(pupil, effective, ntis, holidayOnly, metOnlyWithN),
    noticesToImprove: ntis,
    penaltyNotices: notices,
    nextPenaltyNotice: [...names.values()].map((parent) => {
      const law = inLaw.get(parentKey(parent));
      // Only a parent in law (parental responsibility or day-to-day care) can be given a penalty notice.
      if (law && !law.ok) return { parent, allowed: false, sequence: 0, amount: null, reducedAmount: null, reason: law.sentence };
      return { parent, ...nextPenaltyNotice(notices, parent, asOf, analysis.policy) };
    }),
  };
}
