/**
 * Escalation stages and the suggested next step. The default ladder is one trust's agreed practice
 * (shared/domain/toolkit.md): days absent this school year against a threshold for each term. The
 * add-in suggests; staff decide.
 */
import { describeDays } from "./learning";
import { Band } from "./measures";
import { Policy } from "./policy";

export interface StageResult {
  /** 0 when no stage is reached. */
  stage: number;
  name: string;
  owner: string;
  action: string;
  letter: string | null;
  /** Why, in words a member of staff can read out. */
  reason: string;
}

const sortedLadders = new WeakMap<Policy["stages"], Policy["stages"]>();

function ladderOf(policy: Policy): Policy["stages"] {
  let ladder = sortedLadders.get(policy.stages);
  if (!ladder) sortedLadders.set(policy.stages, (ladder = [...policy.stages].sort((a, b) => a.stage - b.stage)));
  return ladder;
}

export function escalationStage(daysAbsent: number, termIndex: number, termName: string, policy: Policy): StageResult {
  const ladder = ladderOf(policy);
  const threshold = (i: number) => ladder[i].daysAbsent[Math.min(termIndex, ladder[i].daysAbsent.length - 1)];
  let reached = -1;
  for (let i = 0; i < ladder.length; i++) if (daysAbsent >= threshold(i)) reached = i;
  const absent = daysAbsent === 0 ? "No absence this school year" : `${describeDays(daysAbsent)} absent this school year`;
  const term = termName ? ` in the ${termName.toLowerCase().replace(/ term$/, "")} term` : "";
  const next = reached + 1 < ladder.length ? ladder[reached + 1] : null;
  const nextText = next ? `${next.name.split(":")[0]} starts at ${describeDays(threshold(reached + 1))}` : "";
  if (reached < 0) {
    return {
      stage: 0,
      name: "No stage",
      owner: "",
      action: "",
      letter: null,
      reason: `${absent}${next ? `; ${nextText}${term}` : ""}.`,
    };
  }
  const rule = ladder[reached];
  const label = rule.name.split(":")[0];
  return {
    stage: rule.stage,
    name: rule.name,
    owner: rule.owner,
    action: rule.action,
    letter: rule.letter,
    reason: `${absent}, at or above the ${describeDays(threshold(reached))} that starts ${label}${term}${next ? ` (${nextText})` : ""}.`,
  };
}

/** A stage as worked out at one moment: days absent this school year and the term whose thresholds applied. */
export interface StageAt {
  stage: number;
  days: number;
  term: { index: number; name: string } | null;
}

const termWords = (name: string) => `the ${name.toLowerCase().replace(/ term$/, "")} term`;

/**
 * Why the stage is not last week's, in words staff can read out: more absence, or a new term whose
 * thresholds differ (the trust's ladder is per term), or both. "" when the stage is the same.
 */
export function stageChangeReason(before: StageAt, now: StageAt, policy: Policy): string {
  if (before.stage === now.stage) return "";
  const ladder = ladderOf(policy);
  const label = (n: number) => (n === 0 ? "no stage" : (ladder.find((r) => r.stage === n)?.name.split(":")[0] ?? `Stage ${n}`));
  const head = `${label(before.stage)} at the end of last week, ${label(now.stage)} now`;
  const newTerm = before.term !== null && now.term !== null && before.term.index !== now.term.index;
  const more = now.days - before.days;
  const thresholds = () => {
    // The stage whose threshold moved the pupil: the higher of the two.
    const rule = ladder.find((r) => r.stage === Math.max(before.stage, now.stage));
    if (!rule || !before.term || !now.term) return "";
    const at = (t: number) => rule.daysAbsent[Math.min(t, rule.daysAbsent.length - 1)];
    const was = at(before.term.index);
    const is = at(now.term.index);
    if (was === is) return "";
    return ` and its thresholds are ${is > was ? "higher" : "lower"} (${label(rule.stage)} starts at ${describeDays(is)}, not ${describeDays(was)})`;
  };
  if (newTerm && more <= 0) {
    return `${head}: ${termWords(now.term!.name)} has started${thresholds()}; ${describeDays(now.days)} absent this school year, no more since last week.`;
  }
  const absence = more > 0 ? `${describeDays(more)} more absence since last week (${describeDays(now.days)} this school year)` : `${describeDays(now.days)} absent this school year`;
  return `${head}: ${absence}${newTerm ? `, and ${termWords(now.term!.name)} has started${thresholds()}` : ""}.`;
}

export type NextStepKind = "threshold" | "unresolved-n" | "absent-now" | "severe" | "stage" | "close-to-threshold" | "encourage" | "monitor" | "none";

export interface NextStep {
  kind: NextStepKind;
  /** 1 is most urgent; "monitor" and "none" are not actions for this week. */
  priority: number;
  action: string;
  owner: string;
  letter: string | null;
  why: string;
}

export interface NextStepFacts {
  band: Band | null;
  stage: StageResult;
  thresholdInWindow: number;
  thresholdMet: boolean;
  /** The sessions that met the threshold are all term-time holiday (G): no Notice to Improve. */
  thresholdHolidayOnly?: boolean;
  closeToThreshold: boolean;
  unresolvedNOverdue: number;
  trend: "declining" | "improving" | "steady" | null;
  consecutiveDaysAbsent: number;
}

/**
 * One suggested next step, most urgent first. Meeting the national threshold means a penalty
 * notice must be considered, never that one is issued: support first still applies.
 */
export function suggestNextStep(f: NextStepFacts, policy: Policy): NextStep {
  const t = policy.nationalThreshold;
  if (f.thresholdInWindow >= t.sessions && f.thresholdHolidayOnly) {
    // rules.md: a Notice to Improve is not used where support is not appropriate, such as holiday.
    return {
      kind: "threshold",
      priority: 1,
      action: "Consider a penalty notice referral (national threshold met by term-time holiday; a Notice to Improve is not used for holiday)",
      owner: "Attendance lead",
      letter: null,
      why: `${f.thresholdInWindow} unauthorised sessions in the last ${t.schoolWeeks} school weeks (threshold ${t.sessions}), all term-time holiday (G).`,
    };
  }
  if (f.thresholdInWindow >= t.sessions) {
    return {
      kind: "threshold",
      priority: 1,
      action: "Review the support offered and consider a Notice to Improve (national threshold met)",
      owner: "Attendance lead",
      letter: "notice-to-improve",
      why: `${f.thresholdInWindow} unauthorised sessions in the last ${t.schoolWeeks} school weeks (threshold ${t.sessions}).`,
    };
  }
  if (f.unresolvedNOverdue > 0) {
    return {
      kind: "unresolved-n",
      priority: 3,
      action: "Find out the reason for the absence and correct the N marks",
      owner: "Attendance officer",
      letter: "no-response-further-absences",
      why: `${f.unresolvedNOverdue} N mark${f.unresolvedNOverdue === 1 ? "" : "s"} still unresolved after ${policy.unresolvedN.afterSchoolDays} school days.`,
    };
  }
  if (f.consecutiveDaysAbsent >= 1 && f.stage.stage <= 1) {
    return {
      kind: "absent-now",
      priority: 2,
      action: "Phone home today to check on the pupil and prevent another day's absence",
      owner: "Tutor or attendance officer",
      letter: null,
      why: `Absent for the last ${describeDays(f.consecutiveDaysAbsent)} in a row.`,
    };
  }
  if (f.band === "severe") {
    return {
      kind: "severe",
      priority: 4,
      action: "Senior leader meeting with the family; consider an attendance contract and a referral for early help",
      owner: "Senior leader",
      letter: "contract-meeting-invitation",
      why: `Severe absence (attendance ${policy.bands.severeAtOrBelow}% or less).`,
    };
  }
  // The lowest stage is a reaction on the day of absence (a first-day call); once that day has
  // passed it asks for watching, not a fresh action.
  const lowest = ladderOf(policy)[0]?.stage ?? 0;
  if (f.stage.stage > lowest) {
    // Higher stages first: stage 4 is priority 5, stage 2 priority 7.
    return { kind: "stage", priority: 9 - Math.min(f.stage.stage, 4), action: f.stage.action, owner: f.stage.owner, letter: f.stage.letter, why: f.stage.reason };
  }
  if (f.closeToThreshold) {
    return {
      kind: "close-to-threshold",
      priority: 8,
      action: "Contact the family: unauthorised absence is nearing the national threshold",
      owner: "Attendance officer",
      letter: "attendance-monitoring",
      why: `${f.thresholdInWindow} unauthorised sessions in the last ${t.schoolWeeks} school weeks.`,
    };
  }
  if (f.band === "key-converter" || f.trend === "declining") {
    return {
      kind: "encourage",
      priority: 9,
      action: "Encourage and check in: a small improvement keeps the pupil out of persistent absence",
      owner: "Tutor",
      letter: null,
      why: f.trend === "declining" ? "Attendance over the last weeks is below the year so far." : "Attendance is in the key-converter band.",
    };
  }
  if (f.stage.stage > 0) {
    return { kind: "monitor", priority: 10, action: "Keep monitoring; praise improvement", owner: "Tutor", letter: null, why: f.stage.reason };
  }
  if (f.band === null) {
    // No possible session (no marks, or every mark left out as a problem): nothing says attendance is good.
    return { kind: "none", priority: 11, action: "Check the pupil's marks: no session can be counted yet", owner: "Attendance officer", letter: null, why: "No possible sessions are recorded for this pupil in the period." };
  }
  return { kind: "none", priority: 11, action: "No action needed: praise good attendance", owner: "Tutor", letter: null, why: "Attendance is where it should be." };
}
