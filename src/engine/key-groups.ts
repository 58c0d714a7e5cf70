/**
 * The key groups staff work from each week (toolkit.md: key converters, persistent absentees, pupils
 * late or absent the day before, ...) and the week's list of actions.
 */
import { Analysis, PupilAnalysis } from "./analyse";
import { CLASS_BY_ID, codeId, MarkClass } from "./codes";
import { formatUkLongWithWeekday } from "./dates";
import { calendarIsEstimated, termAheadOf } from "./calendar";
import type { NextStepKind } from "./stages";

export type KeyGroupId =
  | "key-converters"
  | "persistent"
  | "severe"
  | "threshold-met"
  | "close-to-threshold"
  | "absent-last-day"
  | "unresolved-n"
  | "stage-changed"
  | "declining"
  | "heading-for-persistent-absence";

export interface KeyGroup {
  id: KeyGroupId;
  label: string;
  description: string;
  /** Indexes into analysis.pupils, in file order. */
  pupils: number[];
}

const U_ID = codeId("U")!;
// Late before the register closed is attendance, but it is the ordinary late a tutor calls about:
// the trust's group is "late or absent the day before" (toolkit.md).
const L_ID = codeId("L")!;

/** The last school day on or before the as-of date: "yesterday" when the register is imported each morning. */
export function lastSchoolDaySessions(a: Analysis): number[] {
  const cal = a.calendar;
  for (let s = cal.limit - 1; s >= 0; s--) {
    if (!cal.isSchoolSession[s]) continue;
    const day = a.dataset.sessions[s].day;
    const out: number[] = [];
    for (let t = s; t >= 0 && a.dataset.sessions[t].day === day; t--) out.unshift(t);
    return out;
  }
  return [];
}

export function keyGroups(a: Analysis): KeyGroup[] {
  const last = lastSchoolDaySessions(a);
  // A date in words, as staff read it ("Friday 19 December 2025"), never ISO.
  const lastDay = last.length > 0 ? formatUkLongWithWeekday(a.dataset.sessions[last[0]].day) : null;
  const absentLast = (i: number) =>
    last.some((s) => {
      const c = a.dataset.marks[i][s];
      const k = CLASS_BY_ID[c];
      return k === MarkClass.Authorised || k === MarkClass.Unauthorised || c === U_ID || c === L_ID;
    });
  const t = a.policy.nationalThreshold;
  // "The end of this term" is the school calendar's last day of term (calendar.ts), said as a date.
  const term = a.asOf === null ? null : termAheadOf(a.calendar.asOf, a.policy);
  const termEnd = term ? ` (${formatUkLongWithWeekday(term.ends)}${calendarIsEstimated(a.calendar) ? ", estimated" : ""})` : "";
  const defs: Array<[KeyGroupId, string, string, (p: PupilAnalysis, i: number) => boolean]> = [
    ["threshold-met", "National threshold met", `${t.sessions} or more unauthorised sessions within ${t.schoolWeeks} school weeks, at any time`, (p) => p.nationalThreshold.met],
    ["close-to-threshold", "Close to the threshold", `${t.closeAt} to ${t.sessions - 1} unauthorised sessions in the current window`, (p) => p.nationalThreshold.close],
    ["severe", "Severe absence", "Absent for 50% or more of possible sessions", (p) => p.severeAbsence],
    ["persistent", "Persistent absence", "Absent for 10% or more of possible sessions", (p) => p.persistentAbsence],
    ["key-converters", "Key converters", `Attendance above ${a.policy.bands.keyConverterAbove}% and below ${a.policy.bands.belowExpectedFrom}%: not persistently absent, but a few more days' absence would make them so; a small improvement keeps them out`, (p) => p.band === "key-converter"],
    ["absent-last-day", lastDay ? `Late or absent on ${lastDay}` : "Late or absent the day before", "Absent, or late (L before registers closed, U after), on the last school day with marks", (_p, i) => absentLast(i)],
    ["unresolved-n", "Unresolved N marks", `N marks still unresolved after ${a.policy.unresolvedN.afterSchoolDays} school days`, (p) => p.unresolvedN.overdue.length > 0],
    ["stage-changed", "Stage changed since last week", "The escalation stage is not what it was at the end of last week", (p) => p.stage.changedSinceLastWeek],
    [
      "heading-for-persistent-absence",
      "Heading for persistent absence",
      `Not persistently absent yet, but at their attendance over the last ${a.policy.trend.recentSchoolWeeks} school weeks they would be before the end of this term${termEnd}`,
      (p) => p.forwardLook.headingForPersistentAbsence,
    ],
    ["declining", "Declining attendance", `Attendance over the last ${a.policy.trend.recentSchoolWeeks} school weeks below the year so far`, (p) => p.trend.direction === "declining"],
  ];
  return defs.map(([id, label, description, test]) => ({
    id,
    label,
    description,
    pupils: a.pupils.flatMap((p, i) => (test(p, i) ? [i] : [])),
  }));
}

export interface WeeklyAction {
  pupil: number;
  /** Why it is asked for (stages.ts's next step). */
  kind: NextStepKind;
  upn: string;
  owner: string;
  action: string;
  why: string;
  letter: string | null;
  /** 1 is most urgent. */
  priority: number;
}

/** This week's actions: every pupil whose suggested next step asks for something, most urgent first. */
export function weeklyActions(a: Analysis): WeeklyAction[] {
  return a.pupils
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.nextStep.kind !== "none" && p.nextStep.kind !== "monitor")
    .map(({ p, i }) => ({ pupil: i, kind: p.nextStep.kind, upn: p.upn, owner: p.nextStep.owner, action: p.nextStep.action, why: p.nextStep.why, letter: p.nextStep.letter, priority: p.nextStep.priority }))
    .sort((x, y) => x.priority - y.priority || x.pupil - y.pupil);
}
