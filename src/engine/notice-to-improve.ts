/**
 * Notice to Improve: a final chance to engage with support before a penalty notice, with an
 * improvement period in school weeks (policy, default 6, as Essex, Norfolk and Southwark use).
 *
 * The period starts the day after the notice is issued and ends on the same weekday N school weeks
 * after the week of issue; weeks with no school session (holidays, closures) do not count, so a
 * period across a half-term is a week longer. Weeks up to the as-of date follow the marks; later
 * weeks follow the school calendar (calendar.ts `schoolWeeksBetween` counts the same way). An end
 * that rests on estimated term dates (no calendar in the policy) is marked provisional.
 */
import { ActionEntry } from "./actions";
import { sameParent } from "./contact-rules";
import { calendarIsEstimated, isSchoolWeek, SchoolCalendar, schoolWeeksBetween } from "./calendar";
import { CLASS_BY_ID, MarkClass, REGISTER_CODES } from "./codes";
import { DayNumber, formatIso, mondayOf, weekday } from "./dates";
import { MarksDataset } from "./dataset";
import { Policy } from "./policy";

export interface NoticeToImproveStatus {
  id: string;
  parent: string;
  issuedOn: string;
  periodStart: string;
  periodEnd: string;
  /** True while the end depends on weeks after the last marks. */
  provisional: boolean;
  schoolWeeks: number;
  /** Unauthorised sessions from the start of the period to its end (or the as-of date). */
  unauthorisedSessions: Array<{ session: string; code: string }>;
  allowed: number;
  status: "in-progress" | "met" | "not-met" | "not-being-met";
  message: string;
}

/** The end of an improvement period that starts after `issued`. */
export function improvementPeriodEnd(issued: DayNumber, cal: SchoolCalendar, weeks: number): { end: DayNumber; provisional: boolean } {
  let monday = mondayOf(issued);
  let counted = 0;
  let provisional = false;
  // A year with no school week at all would never end: a school year has 39, so 3 years is ample.
  for (let guard = 0; counted < weeks && guard < 160; guard++) {
    monday += 7;
    if (isSchoolWeek(cal, monday)) {
      counted++;
      if (monday + 4 > cal.asOf && calendarIsEstimated(cal, monday)) provisional = true;
    }
  }
  return { end: monday + weekday(issued), provisional };
}

/**
 * School weeks from `start` to `end`, as the calendar counts them (calendar.ts schoolWeeksBetween),
 * and whether the count rests on an estimated calendar after the as-of date (then provisional).
 */
export function schoolWeeksIn(start: DayNumber, end: DayNumber, cal: SchoolCalendar): { weeks: number; provisional: boolean } {
  const weeks = schoolWeeksBetween(cal, start, end);
  const provisional = end > cal.asOf && calendarIsEstimated(cal, Math.max(start, cal.asOf + 1));
  return { weeks, provisional };
}

export function noticesToImprove(entries: readonly ActionEntry[], dataset: MarksDataset, pupilIndex: number, cal: SchoolCalendar, policy: Policy): NoticeToImproveStatus[] {
  const marks = dataset.marks[pupilIndex];
  const { sessions } = dataset;
  const weeks = policy.noticeToImprove.improvementPeriodSchoolWeeks;
  const allowed = policy.noticeToImprove.allowedUnauthorisedSessions;
  // A withdrawal names the notice it withdraws (Refers to); in an older tracker without that column,
  // it withdraws that parent's latest notice issued on or before it, and no other.
  const issued = entries.filter((e) => e.type === "notice-to-improve" && e.detail === "Issued" && e.day <= cal.asOf);
  const withdrawn = new Set<string>();
  for (const w of entries) {
    if (w.type !== "notice-to-improve" || w.detail !== "Withdrawn" || w.day > cal.asOf) continue;
    const target = w.refersTo
      ? issued.find((e) => e.id === w.refersTo)
      : [...issued].reverse().find((e) => sameParent(e.parent, w.parent) && e.day <= w.day && !withdrawn.has(e.id));
    if (target) withdrawn.add(target.id);
  }
  return issued
    .filter((e) => !withdrawn.has(e.id))
    .map((e) => {
      // The period the notice stated (its log entry) is the period; only an older entry without
      // one has it worked out from the policy's length.
      const recorded = e.periodEnd !== null;
      const start = recorded ? e.periodStart ?? e.day + 1 : e.day + 1;
      const { end, provisional } = recorded ? { end: e.periodEnd!, provisional: false } : improvementPeriodEnd(e.day, cal, weeks);
      const periodWeeks = recorded ? schoolWeeksIn(start, end, cal).weeks : weeks;
      const over = cal.asOf >= end;
      const unauthorised: Array<{ session: string; code: string }> = [];
      for (let s = 0; s < cal.limit; s++) {
        const day = sessions[s].day;
        if (day < start || day > end) continue;
        if (CLASS_BY_ID[marks[s]] === MarkClass.Unauthorised) unauthorised.push({ session: sessions[s].label, code: REGISTER_CODES[marks[s]].code });
      }
      const exceeded = unauthorised.length > allowed;
      const status: NoticeToImproveStatus["status"] = exceeded ? (over ? "not-met" : "not-being-met") : over ? "met" : "in-progress";
      const endText = `${formatIso(end)}${provisional ? " (provisional: the term dates after the last marks are estimated; add the school calendar to the policy)" : ""}`;
      const n = unauthorised.length;
      const message = {
        "in-progress": `Improvement period runs to ${endText}; ${n} unauthorised session${n === 1 ? "" : "s"} so far (at most ${allowed} allowed).`,
        met: `Improvement met: ${n} unauthorised session${n === 1 ? "" : "s"} in the period to ${formatIso(end)} (at most ${allowed} allowed).`,
        "not-met": `Improvement not met: ${n} unauthorised sessions in the period to ${formatIso(end)} (at most ${allowed} allowed). A penalty notice may now be considered.`,
        "not-being-met": `Improvement is not happening: ${n} unauthorised sessions already, before the period ends on ${endText}. A notice may be issued early once the parent has been told.`,
      }[status];
      return {
        id: e.id,
        parent: e.parent,
        issuedOn: e.date,
        periodStart: formatIso(start),
        periodEnd: formatIso(end),
        provisional,
        schoolWeeks: periodWeeks,
        unauthorisedSessions: unauthorised,
        allowed,
        status,
        message,
      };
    });
}
