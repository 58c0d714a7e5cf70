/** The `analyse --json` document of the analysis contract (section 5), with added fields. */
import { Analysis, PupilAnalysis } from "./analyse";

export interface ContractPupil {
  upn: string;
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsenceSessions: number;
  unauthorisedAbsenceSessions: number;
  attendancePercent: number | null;
  persistentAbsence: boolean;
  severeAbsence: boolean;
  band: string | null;
  nationalThreshold: PupilAnalysis["nationalThreshold"];
  [more: string]: unknown;
}

/** The contract's fields first, in its order, then the toolkit's further fields. */
export function pupilJson(p: PupilAnalysis): ContractPupil {
  return {
    upn: p.upn,
    possibleSessions: p.possibleSessions,
    attendedSessions: p.attendedSessions,
    authorisedAbsenceSessions: p.authorisedAbsenceSessions,
    unauthorisedAbsenceSessions: p.unauthorisedAbsenceSessions,
    attendancePercent: p.attendancePercent,
    persistentAbsence: p.persistentAbsence,
    severeAbsence: p.severeAbsence,
    band: p.band,
    nationalThreshold: p.nationalThreshold,
    details: p.details,
    learningLost: p.learningLost,
    thisSchoolYear: p.thisSchoolYear,
    stage: p.stage,
    trend: p.trend,
    consecutiveDaysAbsent: p.consecutiveDaysAbsent,
    absenceByWeekday: p.absenceByWeekday,
    unresolvedN: p.unresolvedN,
    nextStep: p.nextStep,
    forwardLook: p.forwardLook,
  };
}

export function analysisJson(a: Analysis) {
  return {
    asOf: a.asOf,
    pupils: a.pupils.map(pupilJson),
    summary: a.summary,
    problems: a.problems,
    groups: a.groups,
    weekly: a.weekly,
  };
}
