/**
 * A pupil's chronology: attendance milestones from the marks merged with the actions log, in date
 * order. Before any legal step the school must show, in a dated timeline, the support it offered
 * and how the family engaged; superseded entries stay in the timeline, marked, so nothing is lost.
 */
import { ActionEntry, actionLabel } from "./actions";
import { Analysis } from "./analyse";
import { termIndexFor, firstSessionOnOrAfter } from "./calendar";
import { CLASS_BY_ID, MarkClass, REGISTER_CODES } from "./codes";
import { DayNumber, formatIso, parseDate } from "./dates";
import { describeDays } from "./learning";
import { escalationStage } from "./stages";
import { thresholdWindow } from "./letter-facts";

export interface ChronologyItem {
  date: string;
  kind: "milestone" | "action";
  title: string;
  detail: string;
  staff?: string;
  parent?: string;
  entryId?: string;
  supersedes?: string;
  /** Id of the correcting entry, when this one has been superseded. */
  supersededBy?: string;
}

/**
 * Possible sessions this school year before persistent absence is shown as a milestone (four school
 * weeks): one day's illness in the first week is 10% absence, which is noise, not a milestone.
 */
export const PERSISTENT_MILESTONE_MIN_SESSIONS = 40;

/** Milestones in the marks this school year: first absence, persistent absence entered and left, stage changes; and the threshold. */
export function attendanceMilestones(analysis: Analysis, pupilIndex: number): ChronologyItem[] {
  const { dataset, calendar: cal, policy } = analysis;
  const pupil = analysis.pupils[pupilIndex];
  const marks = dataset.marks[pupilIndex];
  const items: ChronologyItem[] = [];
  const start = firstSessionOnOrAfter(dataset, cal.schoolYearStart);
  let possible = 0;
  let absent = 0;
  let persistent = false;
  let stage = 0;
  let firstAbsence = true;
  for (let s = start; s < cal.limit; s++) {
    const k = CLASS_BY_ID[marks[s]];
    if (k === MarkClass.Attended || k === MarkClass.Authorised || k === MarkClass.Unauthorised) possible++;
    if (k === MarkClass.Authorised || k === MarkClass.Unauthorised) {
      absent++;
      if (firstAbsence) {
        firstAbsence = false;
        const code = REGISTER_CODES[marks[s]];
        items.push({ date: formatIso(dataset.sessions[s].day), kind: "milestone", title: "First absence this school year", detail: `${dataset.sessions[s].label}: ${code.code} (${code.meaning.toLowerCase()})` });
      }
    }
    const endOfDay = s + 1 >= cal.limit || dataset.sessions[s + 1].day !== dataset.sessions[s].day;
    if (!endOfDay) continue;
    const day: DayNumber = dataset.sessions[s].day;
    const nowPersistent = possible >= PERSISTENT_MILESTONE_MIN_SESSIONS && absent * 10 >= possible;
    if (nowPersistent !== persistent && possible >= PERSISTENT_MILESTONE_MIN_SESSIONS) {
      const pct = Math.floor(((possible - absent) * 1000) / possible) / 10;
      items.push({
        date: formatIso(day),
        kind: "milestone",
        title: nowPersistent ? "Became persistently absent" : "No longer persistently absent",
        detail: `Attendance this school year ${pct.toFixed(1)}% (${absent} of ${possible} sessions missed).`,
      });
      persistent = nowPersistent;
    }
    const term = termIndexFor(day, policy);
    const now = escalationStage(absent / 2, term, policy.terms[term].name, policy);
    if (now.stage !== stage) {
      items.push({
        date: formatIso(day),
        kind: "milestone",
        // The trust's ladder suggests a step at each stage; reaching one is not a meeting held.
        title: now.stage > stage ? `Trust ladder: reached ${now.name}` : now.stage === 0 ? "Trust ladder: below the first stage" : `Trust ladder: back to ${now.name}`,
        detail: `${describeDays(absent / 2)} absent this school year. An internal stage of the trust's escalation ladder (the step it suggests, not a meeting held).`,
      });
      stage = now.stage;
    }
  }
  const t = pupil.nationalThreshold;
  const th = policy.nationalThreshold;
  // Met only by counting N (no reason yet): flagged, never called met (unresolvedN.holdLegalLetters).
  const onlyWithN = t.firstMetOn !== null && policy.unresolvedN.holdLegalLetters && th.countedCodes.includes("N") && thresholdWindow(analysis, pupilIndex, 0, cal.asOf, th.countedCodes.filter((c) => c !== "N")) === null;
  if (onlyWithN) {
    items.push({
      date: t.firstMetOn!,
      kind: "milestone",
      title: "National threshold not met: unresolved N marks",
      detail: `${th.sessions} unauthorised sessions within ${th.schoolWeeks} school weeks are reached only by counting sessions still marked N (no reason yet provided). Record the reasons first: no legal step may rest on N marks.`,
    });
  } else if (t.firstMetOn) {
    items.push({
      date: t.firstMetOn,
      kind: "milestone",
      title: "National threshold met",
      detail: `${th.sessions} unauthorised sessions within ${th.schoolWeeks} school weeks: the school must consider a penalty notice, support first.`,
    });
  }
  return items;
}

function actionItem(e: ActionEntry): ChronologyItem {
  const detail = [e.detail, e.outcome, e.notes].filter((x) => x !== "").join(". ");
  return {
    date: e.date,
    kind: "action",
    title: actionLabel(e.type),
    detail,
    staff: e.staff,
    parent: e.parent || undefined,
    entryId: e.id,
    supersedes: e.supersedes ?? undefined,
    supersededBy: e.supersededBy ?? undefined,
  };
}

/** The whole timeline for one pupil, oldest first; on one day, milestones come before actions. */
export function pupilChronology(analysis: Analysis, pupilIndex: number, entries: readonly ActionEntry[]): ChronologyItem[] {
  const upn = analysis.pupils[pupilIndex].upn;
  const asOf = analysis.asOf ? parseDate(analysis.asOf)! : Infinity;
  const actions = entries.filter((e) => e.upn === upn && e.day <= asOf).map(actionItem);
  const items = [...attendanceMilestones(analysis, pupilIndex), ...actions];
  return items
    .map((item, order) => ({ item, order }))
    .sort((a, b) => (a.item.date < b.item.date ? -1 : a.item.date > b.item.date ? 1 : a.item.kind === b.item.kind ? a.order - b.order : a.item.kind === "milestone" ? -1 : 1))
    .map(({ item }) => item);
}
