/**
 * The facts a letter asserts, checked against the record for that letter's pupil and period.
 *
 * Letters go to parents, the local authority and a magistrates' court: a letter that says "this
 * meets the national threshold" or "has not had any further absences" must be true of the register
 * and the actions log. Every template declares the facts its wording asserts (templates.ts, or
 * `facts` in a trust's catalogue.json); each is computed here, and a letter whose facts do not hold
 * is held back with one sentence per failing fact saying which and why.
 */
import { ActionEntry, actionLabel } from "./actions";
import { caseAt, CaseContact, contactFromName, contactName } from "./case-record";
import type { Analysis } from "./analyse";
import { CLASS_BY_ID, codeId, describeCode, MarkClass, REGISTER_CODES } from "./codes";
import { DayNumber, formatIso, formatUkLong, formatUkLongWithWeekday, mondayOf, parseDate } from "./dates";
import { improvementPeriodEnd, schoolWeeksIn } from "./notice-to-improve";
import { latestMetWindow } from "./threshold";

export { latestMetWindow };

/** Every fact a template may declare, with what it means (docs/letters.md lists them). */
export const LETTER_FACTS = {
  "threshold-met":
    "The national threshold was met: 10 sessions of unauthorised absence (G, N, O, U as the policy counts them) within 10 school weeks, in a window that ends within the letter's period; the letter quotes that window's dates and sessions. N marks count only when the policy allows (unresolvedN.holdLegalLetters).",
  "not-holiday-only": "The sessions that met the threshold are not all term-time holiday (G): a Notice to Improve is not used where support is not appropriate.",
  "no-further-absence-since": "No absence at all since the earlier letter (previousLetterDate, or the last letter in the actions log).",
  "further-absence-since": "At least one absence since the earlier letter.",
  "no-reply-since": "No call, meeting or home visit is recorded since the earlier letter.",
  "absence-mostly-illness": "At least half of the sessions missed in the period are recorded as illness (I).",
  "attendance-falling": "Attendance over the last school weeks of the period (policy trend.recentSchoolWeeks) is lower than over the whole period by at least trend.changePoints.",
  "support-offered": "The actions log records support offered, a meeting, a home visit, a check-in or an attendance contract before the letter's date.",
  "contract-agreed": "An attendance contract is recorded as agreed (or offered and then reviewed) on or before contract.start and the letter's date.",
  "not-improved-since-contract": "Attendance since the contract started is below the school's minimum target.",
  "leave-recorded-unauthorised": "Every session from leave.from to leave.to with a mark is recorded as unauthorised absence, and there is at least one.",
  "not-returned-after-leave": "Every session with a mark after leave.to is an absence, and there is at least one.",
  "meeting-held": "A meeting or home visit is recorded in the actions log on meeting.date.",
  "meeting-not-attended": "A meeting on meeting.date is recorded with the outcome that the parent did not attend.",
  "notice-to-improve-in-progress": "A Notice to Improve was issued to this parent (their Contacts entry), is not withdrawn, and its improvement period has not ended.",
  "improvement-not-being-met": "Since that Notice to Improve, unauthorised sessions are more than the policy allows (noticeToImprove.allowedUnauthorisedSessions).",
  "parent-in-law": "The addressee is a parent in law (Education Act 1996 s.576): parental responsibility, or the pupil lives with them. Legal letters go to no one else.",
  "penalty-notice-possible": "A penalty notice may still be issued to the addressee for this child: fewer than the policy's maximum (2) in the last 3 years.",
  "improvement-period": "The Notice to Improve's improvement period (nti.periodStart, nti.periodEnd, or the policy's length from the letter's date) starts on or after the letter's date, ends after it starts, and is noticeToImprove.minSchoolWeeks to maxSchoolWeeks school weeks.",
  "not-heard-from": "Nothing is recorded from the addressee about the meeting on meeting.date: no incoming or answered call with them from a week before it to the letter's date.",
  "not-engaged": "The addressee was contacted (a letter, a call or a meeting invitation to them) and has not engaged: no meeting they attended, no call answered or made by them, no contract agreed with them.",
  "meeting-agreed-recorded": "What was agreed at the meeting on meeting.date is recorded (the meeting's Agreed field, or meeting.agreed).",
} as const;

export type LetterFactId = keyof typeof LETTER_FACTS;

export function isLetterFact(id: string): id is LetterFactId {
  return Object.prototype.hasOwnProperty.call(LETTER_FACTS, id);
}

/** Letters that start or continue a legal step: their counted sessions must not include unresolved N marks. */
export const LEGAL_FACTS: ReadonlySet<LetterFactId> = new Set(["threshold-met", "improvement-not-being-met"]);

/** What the facts are computed from: the analysis and one pupil's effective actions log entries. */
export interface FactSource {
  analysis: Analysis;
  pupilIndex: number;
  /** The pupil's entries that still count (not superseded). */
  entries: readonly ActionEntry[];
  /** The pupil's parents and carers, so names in the log are matched to people. */
  contacts?: readonly CaseContact[];
}

export interface FactRequest {
  /** The period the letter is about; by default this school year up to the as-of date. */
  from?: DayNumber;
  to?: DayNumber;
  letterDate: DayNumber;
  /** The form's fields as entered (dates YYYY-MM-DD or DD/MM/YYYY). */
  fields?: Record<string, string>;
  /** The parent the letter is addressed to, as named on the Contacts sheet. */
  parent?: string;
  /** The contact the letter is addressed to (with parental responsibility and living-with). */
  contact?: CaseContact;
}

export interface FactResult {
  id: LetterFactId;
  holds: boolean;
  /** Why it holds, or (when it does not) one sentence saying which fact fails and why. */
  sentence: string;
}

export interface FactOutcome {
  results: FactResult[];
  /** Merge data the facts computed (the window quoted, the earlier letter's date, ...). */
  data: Record<string, unknown>;
  /** The sentences of the facts that fail: empty when the letter may be written. */
  failures: string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const long = (d: DayNumber) => formatUkLong(d);
const sessionText = (label: string) => `${formatUkLongWithWeekday(parseDate(label.slice(0, 10))!)} ${label.endsWith("PM") ? "afternoon" : "morning"}`;

/** A counted session of unauthorised absence. */
interface Counted {
  s: number;
  week: number;
  code: string;
}

export interface ThresholdWindow {
  /** School-week ordinals, first and last. */
  firstWeek: number;
  lastWeek: number;
  start: DayNumber;
  end: DayNumber;
  sessions: Array<{ session: string; code: string }>;
}

/**
 * The most recent window of `schoolWeeks` school weeks, ending on or before `to` and with its
 * last counted session on or after `from`, that holds at least `sessions` counted sessions; the
 * window is anchored on the school week of its last counted session, so the dates quoted are the
 * tightest true ones. Null when no window in the period meets the threshold.
 */
export function thresholdWindow(analysis: Analysis, pupilIndex: number, from: DayNumber, to: DayNumber, codes: readonly string[]): ThresholdWindow | null {
  const { dataset, calendar: cal, policy } = analysis;
  const marks = dataset.marks[pupilIndex];
  const wanted = new Set(codes.map((c) => codeId(c)).filter((x): x is number => x !== undefined));
  const effective = parseDate(policy.nationalThreshold.effectiveFrom)!;
  const counted: Counted[] = [];
  for (let s = 0; s < cal.limit; s++) {
    const day = dataset.sessions[s].day;
    if (day < effective || day > to) continue;
    if (wanted.has(marks[s]) && cal.weekOfSession[s] >= 0) counted.push({ s, week: cal.weekOfSession[s], code: REGISTER_CODES[marks[s]].code });
  }
  const { sessions: needed, schoolWeeks } = policy.nationalThreshold;
  let stop = 0;
  while (stop < counted.length && dataset.sessions[counted[stop].s].day < from) stop++;
  const found = latestMetWindow(counted.map((c) => c.week), stop, schoolWeeks, needed);
  if (!found) return null;
  const [j, i] = found;
  const lastWeek = counted[i].week;
  const firstWeek = Math.max(0, lastWeek - schoolWeeks + 1);
  return {
    firstWeek,
    lastWeek,
    start: cal.weekMondays[firstWeek],
    end: Math.min(cal.weekMondays[lastWeek] + 4, cal.asOf, to),
    sessions: counted.slice(j, i + 1).map((c) => ({ session: dataset.sessions[c.s].label, code: c.code })),
  };
}


/** The most counted sessions in any window of the period (for the sentence when never met). */
function mostInAnyWindow(analysis: Analysis, pupilIndex: number, from: DayNumber, to: DayNumber, codes: readonly string[]): number {
  const { dataset, calendar: cal, policy } = analysis;
  const marks = dataset.marks[pupilIndex];
  const wanted = new Set(codes.map((c) => codeId(c)));
  const effective = parseDate(policy.nationalThreshold.effectiveFrom)!;
  const weeks: number[] = [];
  const days: number[] = [];
  for (let s = 0; s < cal.limit; s++) {
    const day = dataset.sessions[s].day;
    if (day >= effective && day <= to && wanted.has(marks[s]) && cal.weekOfSession[s] >= 0) {
      weeks.push(cal.weekOfSession[s]);
      days.push(day);
    }
  }
  let best = 0;
  let j = 0;
  for (let i = 0; i < weeks.length; i++) {
    while (weeks[j] < weeks[i] - policy.nationalThreshold.schoolWeeks + 1) j++;
    if (days[i] >= from) best = Math.max(best, i - j + 1);
  }
  return best;
}

/** Sessions of the pupil in a day range, by class. */
function sessionsBetween(analysis: Analysis, pupilIndex: number, fromDay: DayNumber, toDay: DayNumber) {
  const { dataset, calendar: cal } = analysis;
  const marks = dataset.marks[pupilIndex];
  const out = { possible: 0, attended: 0, authorised: 0, unauthorised: 0, illness: 0, marked: [] as Array<{ session: string; code: string; cls: number }> };
  const I = codeId("I");
  for (let s = 0; s < cal.limit; s++) {
    const day = dataset.sessions[s].day;
    if (day < fromDay || day > toDay || marks[s] === 0) continue;
    const k = CLASS_BY_ID[marks[s]];
    out.marked.push({ session: dataset.sessions[s].label, code: REGISTER_CODES[marks[s]].code, cls: k });
    if (k === MarkClass.NotPossible) continue;
    out.possible++;
    if (k === MarkClass.Attended) out.attended++;
    else if (k === MarkClass.Authorised) out.authorised++;
    else if (k === MarkClass.Unauthorised) out.unauthorised++;
    if (marks[s] === I) out.illness++;
  }
  return out;
}

const pct = (a: number, p: number) => (p > 0 ? Math.floor((a * 1000) / p) / 10 : null);

const SUPPORT_TYPES = new Set(["support-offered", "meeting", "attendance-contract", "home-visit", "pupil-check-in"]);

/** The entries that show support offered to the family (the letters' "support we have offered"). */
export function supportEntries(entries: readonly ActionEntry[], before: DayNumber): ActionEntry[] {
  return entries.filter((e) => SUPPORT_TYPES.has(e.type) && e.day <= before && !(e.type === "attendance-contract" && ["Declined", "Not appropriate"].includes(e.detail)));
}

function fieldDay(fields: Record<string, string> | undefined, name: string): DayNumber | null {
  const v = fields?.[name];
  return v === undefined || v.trim() === "" ? null : parseDate(v.trim());
}

/** The improvement period of a Notice to Improve dated `letterDate`: start, end in school weeks, provisional or not. */
export function improvementPeriod(analysis: Analysis, letterDate: DayNumber) {
  const weeks = analysis.policy.noticeToImprove.improvementPeriodSchoolWeeks;
  const { end, provisional } = improvementPeriodEnd(letterDate, analysis.calendar, weeks);
  return { start: letterDate + 1, end, provisional, weeks, knownTo: analysis.calendar.asOf };
}

/** Check the declared facts of one letter for one pupil, period and parent. */
export function checkLetterFacts(source: FactSource, facts: readonly string[], request: FactRequest): FactOutcome {
  // Every fact is of the case as at the letter's date, for the person it is addressed to.
  const contact = request.contact ?? (request.parent ? contactFromName(request.parent) : null);
  const view = caseAt(source, request.letterDate, contact);
  const { analysis, pupilIndex, entries } = view;
  const { calendar: cal, policy } = analysis;
  const pupil = analysis.pupils[pupilIndex];
  const name = pupil.details.forename || "The pupil";
  const who = contact ? contactName(contact) : "this parent";
  const from = request.from ?? cal.schoolYearStart;
  const to = Math.min(request.to ?? cal.asOf, cal.asOf, request.letterDate);
  const periodText = request.from !== undefined ? `from ${long(from)} to ${long(to)}` : `this school year (up to ${long(to)})`;
  const results: FactResult[] = [];
  const data: Record<string, unknown> = {};
  const add = (id: LetterFactId, holds: boolean, sentence: string) => results.push({ id, holds, sentence });
  const t = policy.nationalThreshold;
  const rule = `the national threshold (${t.sessions} sessions of unauthorised absence within ${t.schoolWeeks} school weeks)`;
  const holdN = policy.unresolvedN.holdLegalLetters;

  // The threshold window is shared by threshold-met and not-holiday-only.
  let window: ThresholdWindow | null | undefined;
  let nBlocked: ThresholdWindow | null = null;
  const findWindow = () => {
    if (window !== undefined) return window;
    const codes = holdN ? t.countedCodes.filter((c) => c !== "N") : t.countedCodes;
    window = thresholdWindow(analysis, pupilIndex, from, to, codes);
    if (!window && holdN && t.countedCodes.includes("N")) nBlocked = thresholdWindow(analysis, pupilIndex, from, to, t.countedCodes);
    return window;
  };

  // The earlier letter the "since" facts count from.
  const since = (): { day: DayNumber; how: string } | null => {
    const given = fieldDay(request.fields, "previousLetterDate");
    if (given !== null) return { day: given, how: "the date given" };
    const letters = entries.filter((e) => e.type === "letter" && e.day < request.letterDate && view.concerns(e));
    const last = letters[letters.length - 1];
    return last ? { day: last.day, how: `the last letter in the actions log (${last.detail || "letter"})` } : null;
  };

  for (const id of facts) {
    if (!isLetterFact(id)) {
      results.push({ id: id as LetterFactId, holds: false, sentence: `The template declares the fact "${id}", which the toolkit does not know, so it cannot be checked (see docs/letters.md for the facts a template may declare).` });
      continue;
    }
    switch (id) {
      case "threshold-met": {
        const w = findWindow();
        if (w) {
          data.thresholdMet = {
            count: w.sessions.length,
            limit: t.sessions,
            weeks: t.schoolWeeks,
            windowStart: formatUkLongWithWeekday(w.start),
            windowEnd: formatUkLongWithWeekday(w.end),
            sessions: w.sessions.map((c) => ({
              date: formatUkLongWithWeekday(parseDate(c.session.slice(0, 10))!),
              when: c.session.endsWith("PM") ? "afternoon" : "morning",
              code: c.code,
              meaning: describeCode(c.code)?.meaning ?? "",
            })),
          };
          add(id, true, `${name} met ${rule}: ${w.sessions.length} sessions from ${long(w.start)} to ${long(w.end)}.`);
        } else if (nBlocked) {
          const b = nBlocked as ThresholdWindow;
          const ns = b.sessions.filter((c) => c.code === "N");
          add(id, false, `Unresolved N marks: ${rule} is met ${periodText} only by counting ${plural(ns.length, "session")} still marked N (reason not yet provided: ${ns.slice(0, 4).map((c) => sessionText(c.session)).join(", ")}${ns.length > 4 ? ", ..." : ""}); record the reasons for those absences first: the trust holds legal letters back while N marks are unresolved.`);
        } else {
          const most = mostInAnyWindow(analysis, pupilIndex, from, to, holdN ? t.countedCodes.filter((c) => c !== "N") : t.countedCodes);
          add(id, false, `${rule[0].toUpperCase()}${rule.slice(1)} was not met ${periodText}: the most in any ${t.schoolWeeks} school weeks was ${plural(most, "session")}, so no letter may say it was.`);
        }
        break;
      }
      case "not-holiday-only": {
        const w = findWindow();
        // Judged from the sessions that met the threshold; when there are none, threshold-met says why.
        if (!w) add(id, false, facts.includes("threshold-met") ? "" : `Whether the absence is term-time holiday is judged from the sessions that met the threshold, and ${rule} was not met ${periodText}.`);
        else if (w.sessions.every((c) => c.code === "G")) add(id, false, `Every session that met the threshold (${long(w.start)} to ${long(w.end)}) is term-time holiday (G): a Notice to Improve is not used where support is not appropriate (the national framework); consider a penalty notice referral instead.`);
        else add(id, true, `The sessions that met the threshold are not all term-time holiday.`);
        break;
      }
      case "no-further-absence-since":
      case "further-absence-since":
      case "no-reply-since": {
        const s = since();
        if (!s) {
          add(id, false, `No earlier letter is recorded in the actions log and no previousLetterDate was given, so "since we wrote" cannot be checked.`);
          break;
        }
        data.previousLetterDate = formatUkLongWithWeekday(s.day);
        if (id === "no-reply-since") {
          // A reply is a call we heard back on, or a meeting the addressee came to: a missed meeting is not one.
          const replies = [...view.calls.filter((c) => c.heardFrom).map((c) => c.entry), ...view.meetings.filter((m) => m.attended !== false).map((m) => m.entry)].filter((e) => e.day > s.day).sort((a, b) => a.day - b.day);
          if (replies.length > 0) add(id, false, `The letter says we have not heard back, but the actions log records ${replies.map((e) => `${actionLabel(e.type).toLowerCase()} on ${long(e.day)}`).join(", ")} since the letter of ${long(s.day)}.`);
          else add(id, true, `No call, meeting or home visit is recorded since ${long(s.day)}.`);
          break;
        }
        const c = sessionsBetween(analysis, pupilIndex, s.day + 1, to);
        const absences = c.authorised + c.unauthorised;
        data.since = { date: formatUkLong(s.day), absences, unauthorised: c.unauthorised, authorised: c.authorised };
        if (id === "no-further-absence-since") {
          if (absences > 0) add(id, false, `The letter says ${name} has had no further absences since ${long(s.day)} (${s.how}), but the register shows ${plural(absences, "session")} of absence since then (${c.unauthorised} unauthorised): use the "further absences" letter.`);
          else if (c.possible === 0) add(id, false, `There are no marks after ${long(s.day)} yet, so "no further absences since then" cannot be shown.`);
          else add(id, true, `No absence in ${plural(c.possible, "session")} since ${long(s.day)}.`);
        } else if (absences === 0) add(id, false, `The letter says ${name} has had further absences since ${long(s.day)} (${s.how}), but the register shows none since then: use the "no further absences" letter.`);
        else add(id, true, `${plural(absences, "session")} of absence since ${long(s.day)}.`);
        break;
      }
      case "absence-mostly-illness": {
        const c = sessionsBetween(analysis, pupilIndex, from, to);
        const missed = c.authorised + c.unauthorised;
        data.illness = { sessions: c.illness, missed };
        if (c.illness === 0 || c.illness * 2 < missed) add(id, false, `The letter says many of ${name}'s absences ${periodText} were for illness, but only ${c.illness} of the ${plural(missed, "session")} missed are recorded as illness (I).`);
        else add(id, true, `${c.illness} of ${missed} sessions missed are illness.`);
        break;
      }
      case "attendance-falling": {
        let lastWeek = cal.weekMondays.length - 1;
        while (lastWeek >= 0 && cal.weekMondays[lastWeek] > to) lastWeek--;
        const firstRecent = Math.max(0, lastWeek - policy.trend.recentSchoolWeeks + 1);
        const recentFrom = lastWeek >= 0 ? Math.max(cal.weekMondays[firstRecent], from) : to + 1;
        const whole = sessionsBetween(analysis, pupilIndex, from, to);
        const recent = sessionsBetween(analysis, pupilIndex, recentFrom, to);
        const wp = pct(whole.attended, whole.possible);
        const rp = pct(recent.attended, recent.possible);
        data.trend = { recentPercent: rp === null ? "" : `${rp.toFixed(1)}%`, periodPercent: wp === null ? "" : `${wp.toFixed(1)}%`, recentWeeks: policy.trend.recentSchoolWeeks };
        // Compared exactly, as the engine's trend does: (ra/rp - wa/wp) * 100 <= -changePoints.
        const falling = recent.possible > 0 && whole.possible > 0 && recentFrom > from && (recent.attended * whole.possible - whole.attended * recent.possible) * 100 <= -policy.trend.changePoints * recent.possible * whole.possible;
        if (falling) add(id, true, `Attendance over the last ${policy.trend.recentSchoolWeeks} school weeks (${rp}%) is below ${periodText} (${wp}%).`);
        else add(id, false, `The letter says ${name}'s attendance has continued to fall, but over the last ${policy.trend.recentSchoolWeeks} school weeks it is ${rp === null ? "not known" : `${rp}%`} against ${wp === null ? "not known" : `${wp}%`} ${periodText} (the trust counts a fall of at least ${policy.trend.changePoints} points).`);
        break;
      }
      case "support-offered": {
        const list = view.support;
        if (list.length > 0) add(id, true, `${plural(list.length, "record")} of support offered to ${who} in the actions log.`);
        else add(id, false, `The letter refers to the support already offered, but the actions log records no support offered, meeting, home visit, check-in or attendance contract for ${name} before ${long(request.letterDate)} that ${who} was part of.`);
        break;
      }
      case "parent-in-law": {
        if (!contact) add(id, false, `This letter goes to a parent in law, and no parent is named.`);
        else if (view.parentInLaw.ok) add(id, true, `${who} has parental responsibility or day-to-day care.`);
        else add(id, false, view.parentInLaw.sentence);
        break;
      }
      case "penalty-notice-possible": {
        const next = view.nextPenaltyNotice;
        if (!next) add(id, false, `The letter warns of a penalty notice, and no parent is named to check it for.`);
        else if (next.allowed) add(id, true, next.reason);
        else add(id, false, `The letter warns ${who} that the school may ask for a penalty notice, but ${next.reason}`);
        break;
      }
      case "improvement-period": {
        const asked = { start: fieldDay(request.fields, "nti.periodStart"), end: fieldDay(request.fields, "nti.periodEnd") };
        for (const [k, v] of Object.entries(asked)) if (v === null && (request.fields?.[`nti.period${k === "start" ? "Start" : "End"}`] ?? "").trim()) {
          add(id, false, `The improvement period's ${k} (nti.period${k === "start" ? "Start" : "End"}) "${request.fields![`nti.period${k === "start" ? "Start" : "End"}`]}" is not a date: write it YYYY-MM-DD.`);
        }
        if (results.some((r) => r.id === id)) break;
        // The school calendar is the school's plan, not a fact of the case: counted on the whole calendar.
        const def = improvementPeriod(source.analysis, request.letterDate);
        const fullCal = source.analysis.calendar;
        const start = asked.start ?? def.start;
        const end = asked.end ?? (asked.start !== null ? improvementPeriodEnd(start - 1, fullCal, def.weeks).end : def.end);
        const { minSchoolWeeks: min, maxSchoolWeeks: max } = policy.noticeToImprove;
        const counted = schoolWeeksIn(start, end, fullCal);
        if (start < request.letterDate) add(id, false, `The improvement period cannot start (${long(start)}) before the Notice to Improve's date (${long(request.letterDate)}).`);
        else if (end <= start) add(id, false, `The improvement period ends (${long(end)}) on or before it starts (${long(start)}).`);
        else if (counted.weeks < min || counted.weeks > max) add(id, false, `The improvement period from ${long(start)} to ${long(end)} is ${plural(counted.weeks, "school week")}; it must be ${min} to ${max} school weeks (policy noticeToImprove.minSchoolWeeks and maxSchoolWeeks).`);
        else {
          const provisional = counted.provisional;
          data.nti = {
            periodWeeks: counted.weeks,
            periodStart: formatUkLongWithWeekday(start),
            periodEnd: formatUkLongWithWeekday(end),
            periodStartIso: formatIso(start),
            periodEndIso: formatIso(end),
            provisional,
            provisionalNote: provisional ? `The end date is provisional: the school holidays after ${long(def.knownTo)} are estimated, and if a holiday or closure falls differently the period will end on another date; we will confirm the date in writing.` : "",
          };
          add(id, true, `Improvement period ${long(start)} to ${long(end)}: ${plural(counted.weeks, "school week")}.`);
        }
        break;
      }
      case "meeting-agreed-recorded": {
        const day = fieldDay(request.fields, "meeting.date");
        const given = (request.fields?.["meeting.agreed"] ?? "").trim();
        const m = day === null ? undefined : view.meetings.find((x) => x.entry.day === day && x.entry.agreed);
        if (given) add(id, true, `What was agreed is given.`);
        else if (m) {
          data.meeting = { ...(data.meeting as object), agreed: m.entry.agreed, ...(m.entry.reviewDay !== null ? { reviewDate: formatUkLongWithWeekday(m.entry.reviewDay) } : {}) };
          add(id, true, `The meeting's record says what was agreed.`);
        } else add(id, false, `The letter sums up what was agreed${day !== null ? ` at the meeting on ${long(day)}` : ""}, but nothing agreed is recorded: add it to the meeting's entry (Agreed) or give meeting.agreed.`);
        break;
      }
      case "not-heard-from": {
        const day = fieldDay(request.fields, "meeting.date");
        if (day === null) {
          add(id, false, `The meeting date (meeting.date) is needed to check whether we heard from ${who} about it.`);
          break;
        }
        const heard = view.calls.filter((c) => c.heardFrom && c.entry.day >= day - 7);
        if (heard.length > 0) add(id, false, `The letter says we did not hear from ${who}, but the actions log records a call with them on ${long(heard[0].entry.day)}${heard[0].entry.outcome ? ` ("${heard[0].entry.outcome}")` : ""}.`);
        else add(id, true, `Nothing is recorded from ${who} about the meeting.`);
        break;
      }
      case "not-engaged": {
        const contacted = entries.filter((e) => ["letter", "call", "meeting", "home-visit", "attendance-contract", "notice-to-improve"].includes(e.type) && view.names(e));
        const attended = view.meetings.filter((m) => m.attended === true);
        const answered = view.calls.filter((c) => c.heardFrom);
        if (contacted.length === 0) add(id, false, `The letter says ${who} has not engaged with support, but the actions log records no letter, call or meeting invitation to ${who}: a parent never contacted has not declined anything.`);
        else if (attended.length > 0) add(id, false, `The letter says ${who} has not engaged with support, but the actions log records ${who} at the meeting on ${long(attended[attended.length - 1].entry.day)}${attended[attended.length - 1].entry.outcome ? ` ("${attended[attended.length - 1].entry.outcome}")` : ""}.`);
        else if (answered.length > 0) add(id, false, `The letter says ${who} has not engaged with support, but the actions log records a call with ${who} on ${long(answered[answered.length - 1].entry.day)}${answered[answered.length - 1].entry.outcome ? ` ("${answered[answered.length - 1].entry.outcome}")` : ""}.`);
        else add(id, true, `${who} was contacted and no meeting attended or call answered is recorded.`);
        break;
      }
      case "contract-agreed":
      case "not-improved-since-contract": {
        const start = fieldDay(request.fields, "contract.start");
        const agreed = entries.filter((e) => e.type === "attendance-contract" && ["Agreed", "Reviewed"].includes(e.detail) && e.day <= request.letterDate);
        const contract = agreed[0];
        if (!contract) {
          add(id, false, `The letter is about an attendance contract, but the actions log records no attendance contract agreed for ${name}.`);
          break;
        }
        const startDay = start ?? contract.day;
        data.contractRecord = { agreedOn: formatUkLong(contract.day) };
        if (id === "contract-agreed") {
          if (start !== null && start < contract.day) add(id, false, `The contract start given (${long(start)}) is before the contract was recorded as agreed (${long(contract.day)}).`);
          else add(id, true, `An attendance contract was agreed on ${long(contract.day)}.`);
          break;
        }
        const c = sessionsBetween(analysis, pupilIndex, startDay, to);
        const p = pct(c.attended, c.possible);
        data.sinceContract = { percent: p === null ? "" : `${p.toFixed(1)}%`, unauthorised: c.unauthorised };
        if (p === null) add(id, false, `There are no marks since the contract started on ${long(startDay)}, so it cannot be shown that attendance has not improved.`);
        else if (p >= policy.targets.minimumPercent && c.unauthorised === 0) add(id, false, `The letter says attendance has not improved since the contract, but since ${long(startDay)} it is ${p}% with no unauthorised absence, at or above the school's minimum of ${policy.targets.minimumPercent}%.`);
        else add(id, true, `Attendance since ${long(startDay)} is ${p}%.`);
        break;
      }
      case "leave-recorded-unauthorised": {
        const a = fieldDay(request.fields, "leave.from");
        const b = fieldDay(request.fields, "leave.to");
        if (a === null || b === null) {
          add(id, false, `The dates of the absence (leave.from and leave.to) are needed to check that those sessions are recorded as unauthorised.`);
          break;
        }
        const c = sessionsBetween(analysis, pupilIndex, a, b).marked.filter((m) => m.cls !== MarkClass.NotPossible);
        const other = c.filter((m) => m.cls !== MarkClass.Unauthorised);
        if (c.length === 0) add(id, false, `The register has no marks from ${long(a)} to ${long(b)} yet, so the letter cannot say those sessions are recorded as unauthorised.`);
        else if (other.length > 0)
          add(id, false, `The letter says the sessions from ${long(a)} to ${long(b)} are recorded as unauthorised, but the register shows ${other.slice(0, 4).map((m) => `${sessionText(m.session)} as ${m.code} (${(describeCode(m.code)?.meaning ?? "").toLowerCase()})`).join(", ")}${other.length > 4 ? ` and ${other.length - 4} more` : ""}.`);
        else add(id, true, `All ${c.length} sessions from ${long(a)} to ${long(b)} are unauthorised.`);
        break;
      }
      case "not-returned-after-leave": {
        const b = fieldDay(request.fields, "leave.to");
        if (b === null) {
          add(id, false, `The last day of the leave (leave.to) is needed to check that ${name} has not returned.`);
          break;
        }
        const c = sessionsBetween(analysis, pupilIndex, b + 1, to);
        if (c.possible === 0) add(id, false, `The register has no marks after ${long(b)} yet, so it cannot show that ${name} has not returned.`);
        else if (c.attended > 0) add(id, false, `The letter says ${name} has not returned since ${long(b)}, but the register shows ${name} present for ${plural(c.attended, "session")} since then.`);
        else add(id, true, `Absent for all ${c.possible} sessions since ${long(b)}.`);
        break;
      }
      case "meeting-held":
      case "meeting-not-attended": {
        const day = fieldDay(request.fields, "meeting.date");
        if (day === null) {
          add(id, false, `The meeting date (meeting.date) is needed to check the meeting in the actions log.`);
          break;
        }
        const onDay = view.meetings.filter((m) => m.entry.day === day);
        if (id === "meeting-held") {
          const held = onDay.filter((m) => m.attended === true);
          if (held.length > 0) add(id, true, `${who} attended the meeting recorded on ${long(day)}.`);
          else if (onDay.some((m) => m.attended === null)) add(id, false, `The letter thanks ${who} for a meeting on ${long(day)}, but the actions log does not say who attended it: record who attended (Attended) first.`);
          else if (onDay.length > 0) add(id, false, `The letter thanks ${who} for a meeting on ${long(day)}, but the actions log records that ${who} did not attend it.`);
          else add(id, false, `The letter thanks ${who} for a meeting on ${long(day)}, but the actions log records no meeting ${who} attended on that date: log the meeting first.`);
        } else {
          const missed = onDay.filter((m) => m.invited === true && m.attended === false);
          if (missed.length > 0) add(id, true, `${who} was invited to the meeting on ${long(day)} and is recorded as not attending.`);
          else if (onDay.some((m) => m.attended === true)) add(id, false, `The letter says ${who} did not attend the meeting on ${long(day)}, but the actions log records that they attended.`);
          else if (onDay.some((m) => m.invited === null)) add(id, false, `The letter says ${who} did not attend the meeting on ${long(day)}, but the actions log does not say who was invited: record who was invited (Invited) first.`);
          else add(id, false, `The letter says ${who} did not attend the meeting on ${long(day)}, but the actions log has no meeting on that date that ${who} was invited to and recorded as not attending (Outcome "Did not attend").`);
        }
        break;
      }
      case "notice-to-improve-in-progress":
      case "improvement-not-being-met": {
        const parent = who;
        const notices = view.noticesToImprove;
        const current = notices.filter((n) => parseDate(n.periodEnd)! >= request.letterDate);
        const n = current[current.length - 1];
        if (!n) {
          add(id, false, notices.length > 0 ? `The Notice to Improve to ${parent} (issued ${long(parseDate(notices[notices.length - 1].issuedOn)!)}) has ended its improvement period; this letter is for use during the period.` : `No Notice to Improve to ${parent || "this parent"} is recorded in the actions log (or it was withdrawn), so the improvement period cannot be referred to.`);
          break;
        }
        data.ntiIssued = { date: formatUkLong(parseDate(n.issuedOn)!), periodEnd: formatUkLongWithWeekday(parseDate(n.periodEnd)!), provisional: n.provisional };
        if (id === "notice-to-improve-in-progress") {
          add(id, true, `Notice to Improve issued ${long(parseDate(n.issuedOn)!)}, period to ${long(parseDate(n.periodEnd)!)}.`);
          break;
        }
        const ns = n.unauthorisedSessions.filter((s) => s.code === "N");
        const counted = holdN ? n.unauthorisedSessions.filter((s) => s.code !== "N") : n.unauthorisedSessions;
        data.ntiIssued = { ...(data.ntiIssued as object), count: counted.length, countText: plural(counted.length, "session"), allowed: n.allowed, allowedText: n.allowed === 0 ? "none" : `at most ${n.allowed}`, sessions: counted.map((s) => ({ date: formatUkLongWithWeekday(parseDate(s.session.slice(0, 10))!), when: s.session.endsWith("PM") ? "afternoon" : "morning", code: s.code, meaning: describeCode(s.code)?.meaning ?? "" })) };
        if (counted.length > n.allowed) add(id, true, `${plural(counted.length, "unauthorised session")} since the notice (at most ${n.allowed} allowed).`);
        else if (holdN && n.unauthorisedSessions.length > n.allowed) add(id, false, `Unresolved N marks: improvement is "not being met" only by counting ${plural(ns.length, "session")} still marked N (${ns.slice(0, 4).map((s) => sessionText(s.session)).join(", ")}); record the reasons for those absences first: the trust holds legal letters back while N marks are unresolved.`);
        else add(id, false, `The letter says improvement is not being met, but since the Notice to Improve of ${long(parseDate(n.issuedOn)!)} there ${counted.length === 1 ? "is" : "are"} ${plural(counted.length, "unauthorised session")} (at most ${n.allowed} allowed).`);
        break;
      }
    }
  }
  // The support the letter lists is the support offered to this addressee by the letter's date.
  data.hasSupport = view.support.length > 0;
  data.support = view.support.map((e) => ({ date: formatUkLong(e.day), action: actionLabel(e.type), detail: e.detail }));
  return { results, data, failures: results.filter((r) => !r.holds && r.sentence).map((r) => r.sentence) };
}

/** The Monday of the week holding a day, as ISO (for tests and messages). */
export const weekOf = (d: DayNumber) => formatIso(mondayOf(d));
