/**
 * The weekly review (toolkit.md, "A trust's escalation ladder", Weekly: "the attendance officer
 * prepares the list of key actions; the leadership link reviews it, allocates actions to colleagues
 * and follows up incomplete ones").
 *
 * Each week's list is kept, dated by the Monday of its school week. The next week each of last
 * week's open actions is checked, in this order:
 * - done: the actions log has an entry of the kind the action asks for (a meeting for "meet the
 *   family", a call for "phone home") for that pupil, on or after the day it was listed, and not
 *   superseded; the entry is named by its ID. Any other entry (a letter for a meeting) does not do it;
 * - no longer needed: its cause has gone (the pupil has attended since the first-day call was listed,
 *   the N marks have reasons, the pupil is no longer in severe absence), with the reason;
 * - dropped or closed by hand, with the reason the leadership link gave (kept in the sheet);
 * - otherwise carried forward, saying why, keeping the week it was first listed and who has it.
 * The open list is ordered by urgency (today's first-day calls first) and cut at what a team can do
 * in a week (policy `weeklyReview.thisWeekActions`): the rest is the "watch" list.
 */
import type { ActionEntry, ActionLog, ActionType } from "./actions";
import { actionLabel } from "./actions";
import type { Analysis, PupilAnalysis } from "./analyse";
import { CLASS_BY_ID, MarkClass } from "./codes";
import { formatIso, formatUkShort, mondayOf, parseDate } from "./dates";
import { weeklyActions } from "./key-groups";
import type { NextStepKind } from "./stages";

/** What an action asks staff to do: the kind of log entry that does it. */
export type ReviewKind = "call" | "meeting" | "letter" | "marks" | "notice" | "contact" | "check-in";

export const REVIEW_KINDS: Record<ReviewKind, { label: string; doneBy: readonly ActionType[]; needs: string }> = {
  call: { label: "Call", doneBy: ["call", "home-visit"], needs: "call or home visit" },
  meeting: { label: "Meeting", doneBy: ["meeting"], needs: "meeting" },
  letter: { label: "Letter", doneBy: ["letter"], needs: "letter" },
  // No log entry corrects a mark: the marks themselves show it (checked as the cause, below).
  marks: { label: "Correct the marks", doneBy: [], needs: "correction of the marks" },
  notice: { label: "Notice decision", doneBy: ["notice-to-improve", "penalty-notice", "la-referral"], needs: "Notice to Improve, penalty notice or referral" },
  contact: { label: "Contact the family", doneBy: ["call", "letter", "meeting", "home-visit"], needs: "call, letter, meeting or home visit" },
  "check-in": { label: "Check-in", doneBy: ["pupil-check-in", "call", "meeting"], needs: "check-in, call or meeting" },
};

/** Why an action was listed, in the words the Weekly review sheet keeps. */
export const BECAUSE_WORDS: Record<Exclude<NextStepKind, "none" | "monitor">, string> = {
  "absent-now": "Absent now",
  threshold: "National threshold met",
  "unresolved-n": "Overdue N marks",
  severe: "Severe absence",
  stage: "Escalation stage",
  "close-to-threshold": "Close to the threshold",
  encourage: "Key converter or declining",
};
export type Because = keyof typeof BECAUSE_WORDS;

/** Urgency when the pupil's own next step no longer gives one (as stages.ts orders them). */
const DEFAULT_PRIORITY: Record<Because, number> = { threshold: 1, "absent-now": 2, "unresolved-n": 3, severe: 4, stage: 6, "close-to-threshold": 8, encourage: 9 };

export type ReviewStatus = "new" | "carried" | "done" | "no-longer-needed" | "dropped";

/** One row of the Weekly review sheet: an action on a week's list. */
export interface ReviewItem {
  /** Monday of the review's week, `YYYY-MM-DD`. */
  week: string;
  upn: string;
  action: string;
  /** The role the ladder gives it (Tutor, Year leader, ...). */
  owner: string;
  /** The named member of staff it is allocated to; empty until allocated. */
  allocatedTo: string;
  /** Monday of the week it was first listed (the same as `week` for a new action). */
  firstListed: string;
  /** What it asks for; read from the action's words for lists saved before the column. */
  kind?: ReviewKind;
  /** Why it was listed. */
  because?: Because;
  /** Closed by hand ("dropped", "no-longer-needed"), or as last checked; empty while open. */
  status?: ReviewStatus | "";
  /** The reason given for closing or dropping it by hand, or found when it was checked. */
  reason?: string;
  /** The ID of the log entry that did it. */
  doneBy?: string;
}

/** An action on this week's review, checked. */
export interface ReviewLine extends Required<Omit<ReviewItem, "because">> {
  because: Because | null;
  status: ReviewStatus;
  /** For an open action: "this-week" within what the team can do, "watch" beyond it. */
  horizon: "this-week" | "watch" | null;
  /** 1 is most urgent. */
  priority: number;
  /** What the log shows for a done action: `Call on 04/03/2026 by Ms Patel (entry A0003)`. */
  evidence: string;
}

export interface WeeklyReview {
  week: string;
  asOf: string | null;
  /** The week last saved before this one, or null for the first review. */
  previousWeek: string | null;
  /** Open actions, most urgent first: `thisWeek` of them are this week's, the rest are to watch. */
  open: ReviewLine[];
  /** Closed since last week: done (by which entry), no longer needed (why), dropped (why). */
  closed: ReviewLine[];
  /** How many open actions make this week's list (the policy's figure, or more for today's calls). */
  thisWeek: number;
}

/** Monday of the school week holding `iso`. */
export const weekOf = (iso: string): string => formatIso(mondayOf(parseDate(iso)!));

const key = (i: { upn: string; action: string }) => `${i.upn}\u0000${i.action}`;

/** What an action asks for, from why it was listed and its words (a ladder stage names it). */
export function kindOf(because: Because | null | undefined, action: string): ReviewKind {
  switch (because) {
    case "absent-now":
      return "call";
    case "unresolved-n":
      return "marks";
    case "threshold":
      return "notice";
    case "severe":
      return "meeting";
    case "close-to-threshold":
      return "contact";
    case "encourage":
      return "check-in";
  }
  const a = action.toLowerCase();
  if (/\bmeet(ing)?\b/.test(a)) return "meeting";
  if (/\bn marks\b|correct the/.test(a)) return "marks";
  if (/notice to improve|penalty notice/.test(a)) return "notice";
  if (/\bletter\b/.test(a)) return "letter";
  if (/\b(phone|call)\b/.test(a)) return "call";
  if (/check in|check-in|encourage/.test(a)) return "check-in";
  return "contact";
}

/**
 * The log entry that did an action: of a kind the action asks for, for that pupil, dated on or after
 * the Monday it was listed and not after the review's date, and not superseded. The earliest counts.
 */
export function doneByEntry(item: Pick<ReviewItem, "upn" | "week" | "firstListed">, kind: ReviewKind, log: ActionLog, until: string | null): ActionEntry | null {
  const from = parseDate(item.firstListed) ?? parseDate(item.week)!;
  const to = until ? parseDate(until) : null;
  const types = REVIEW_KINDS[kind].doneBy;
  return log.entries.find((e) => e.upn === item.upn && !e.supersededBy && types.includes(e.type) && e.day >= from && (to === null || e.day <= to)) ?? null;
}

const evidenceOf = (e: ActionEntry) => `${actionLabel(e.type)} on ${formatUkShort(e.day)}${e.staff ? ` by ${e.staff}` : ""} (entry ${e.id})`;

/** The last day with marks on which the pupil attended (any attending mark, L included), or null. */
function lastAttended(a: Analysis, i: number): number | null {
  const marks = a.dataset.marks[i];
  for (let s = a.calendar.limit - 1; s >= 0; s--) if (CLASS_BY_ID[marks[s]] === MarkClass.Attended) return a.dataset.sessions[s].day;
  return null;
}

/**
 * Why an action's cause has gone, or null while it is still there. Checked against the pupil's
 * record as at the review's date: never a guess.
 */
export function causeGone(a: Analysis, i: number | undefined, because: Because | null, listedOn: string): string | null {
  if (i === undefined) return "The pupil is no longer in the tracker.";
  const p = a.pupils[i];
  const nothingNow = p.nextStep.kind === "none" || p.nextStep.kind === "monitor";
  switch (because) {
    case "absent-now": {
      const day = lastAttended(a, i);
      const from = parseDate(listedOn)!;
      if (p.consecutiveDaysAbsent === 0 && day !== null && day >= from) return `The pupil has attended since it was listed (present on ${formatUkShort(day)}).`;
      return null;
    }
    case "unresolved-n":
      return p.unresolvedN.overdue.length === 0 ? "No N mark is overdue now: the marks have reasons." : null;
    case "severe":
      return p.severeAbsence ? null : `No longer in severe absence (attendance ${p.attendancePercent === null ? "not known" : `${p.attendancePercent.toFixed(1)}%`}).`;
    case "threshold":
      return p.nationalThreshold.met ? null : "The national threshold is no longer met in the current window.";
    case "close-to-threshold":
      return p.nationalThreshold.close || p.nationalThreshold.met ? null : "No longer close to the national threshold.";
    default:
      return nothingNow ? `No action is asked for now: ${lowerFirst(p.nextStep.why)}` : null;
  }
}

const lowerFirst = (s: string) => (s ? s[0].toLowerCase() + s.slice(1) : s);

export interface ReviewOptions {
  /** Open actions in this week's list; the rest are to watch. Default: the policy's figure. */
  thisWeekActions?: number;
}

/**
 * This week's review, the one function behind the Excel pane and `attendance-toolkit review`:
 * last week's saved list checked (done, no longer needed, dropped, carried), then this week's new
 * actions from the analysis, the open ones most urgent first and cut at what a team can do.
 * Allocations and hand-closings saved for this week are kept.
 */
export function buildWeeklyReview(a: Analysis, log: ActionLog, saved: readonly ReviewItem[], options: ReviewOptions = {}): WeeklyReview {
  const week = a.asOf ? weekOf(a.asOf) : formatIso(0);
  const earlier = [...new Set(saved.map((i) => i.week))].filter((w) => w < week).sort();
  const previousWeek = earlier[earlier.length - 1] ?? null;
  const thisWeekSaved = new Map(saved.filter((i) => i.week === week).map((i) => [key(i), i]));
  const index = new Map(a.pupils.map((p, i) => [p.upn, i]));
  const fresh = weeklyActions(a);
  const freshByPupil = new Map<string, (typeof fresh)[number]>();
  for (const f of fresh) if (!freshByPupil.has(f.upn)) freshByPupil.set(f.upn, f);

  const lines: ReviewLine[] = [];
  const listed = new Set<string>();
  // An action's line: the saved row for this week (an allocation, a hand-closing) wins.
  const check = (item: ReviewItem, carried: boolean): ReviewLine => {
    const mine = thisWeekSaved.get(key(item));
    const because = (item.because ?? mine?.because ?? null) as Because | null;
    const kind = item.kind ?? kindOf(because, item.action);
    const base = {
      week,
      upn: item.upn,
      action: item.action,
      owner: item.owner,
      allocatedTo: mine?.allocatedTo || item.allocatedTo || "",
      firstListed: item.firstListed || item.week,
      kind,
      because,
      doneBy: "",
      evidence: "",
      horizon: null,
      priority: DEFAULT_PRIORITY[because ?? "stage"] ?? 6,
    } as const;
    // Closed by hand this week, or last week (and so not carried).
    const byHand = mine?.status === "dropped" || mine?.status === "no-longer-needed" ? mine : item.status === "dropped" || (item.status === "no-longer-needed" && !item.doneBy) ? item : null;
    if (byHand && (byHand.reason ?? "").trim()) return { ...base, status: byHand.status as ReviewStatus, reason: byHand.reason!.trim() };
    const entry = doneByEntry(base, kind, log, a.asOf);
    if (entry) return { ...base, status: "done", doneBy: entry.id, evidence: evidenceOf(entry), reason: `Done: ${evidenceOf(entry)}.` };
    const i = index.get(item.upn);
    const gone = causeGone(a, i, because, base.firstListed);
    if (gone) return { ...base, status: "no-longer-needed", reason: gone };
    const now = i === undefined ? undefined : a.pupils[i];
    const replaced = carried && now && freshByPupil.get(item.upn);
    if (replaced && replaced.action !== item.action && now!.nextStep.kind === because) {
      return { ...base, status: "no-longer-needed", reason: `Replaced by this week's action: ${replaced.action}.` };
    }
    const priority = now && now.nextStep.kind === because ? now.nextStep.priority : base.priority;
    const still = now ? `, and still needed: ${lowerFirst(whyNow(now, because)).replace(/\.$/, "")}` : "";
    const reason = carried
      ? kind === "marks"
        ? `Carried: ${now ? now.unresolvedN.overdue.length : "the"} N marks still overdue.`
        : `Carried: no ${REVIEW_KINDS[kind].needs} logged for the pupil since ${formatUkShort(parseDate(base.firstListed)!)}${still}.`
      : now ? now.nextStep.why : "";
    return { ...base, status: carried ? "carried" : "new", priority, reason };
  };

  if (previousWeek) {
    for (const item of saved.filter((i) => i.week === previousWeek)) {
      if (listed.has(key(item))) continue;
      // Closed last week (done, dropped, no longer needed) is not carried again, nor listed again
      // as new; a first-day call is the exception: a new absence is a new call.
      const closedLastWeek = item.status === "done" || item.status === "dropped" || item.status === "no-longer-needed";
      if (closedLastWeek && item.because === "absent-now") continue;
      listed.add(key(item));
      if (closedLastWeek) continue;
      lines.push(check(item, true));
    }
  }
  for (const f of fresh) {
    if (listed.has(key(f))) continue;
    listed.add(key(f));
    lines.push(check({ week, upn: f.upn, action: f.action, owner: f.owner, allocatedTo: "", firstListed: week, because: f.kind as Because, kind: kindOf(f.kind as Because, f.action) }, false));
  }
  // Saved for this week but no longer among its actions (the pupil attended since): still shown, checked.
  for (const item of thisWeekSaved.values()) {
    if (listed.has(key(item))) continue;
    listed.add(key(item));
    lines.push(check(item, item.firstListed < week));
  }

  const order = (x: ReviewLine, y: ReviewLine) =>
    Number(y.because === "absent-now") - Number(x.because === "absent-now") || x.priority - y.priority || Number(y.status === "carried") - Number(x.status === "carried") || (index.get(x.upn) ?? 1e9) - (index.get(y.upn) ?? 1e9);
  const open = lines.filter((l) => l.status === "new" || l.status === "carried").sort(order);
  const calls = open.filter((l) => l.because === "absent-now").length;
  const limit = Math.max(options.thisWeekActions ?? a.policy.weeklyReview.thisWeekActions, calls);
  open.forEach((l, n) => (l.horizon = n < limit ? "this-week" : "watch"));
  const closed = lines.filter((l) => l.status !== "new" && l.status !== "carried");
  return { week, asOf: a.asOf, previousWeek, open, closed, thisWeek: Math.min(limit, open.length) };
}

/** Why a carried action is still needed: the pupil's own next step when it is the same cause. */
function whyNow(p: PupilAnalysis, because: Because | null): string {
  if (p.nextStep.kind === because || because === null) return p.nextStep.why;
  if (because === "threshold") return `${p.nationalThreshold.sessionsInCurrentWindow} unauthorised sessions in the current window`;
  if (because === "severe") return "still in severe absence";
  if (because === "unresolved-n") return `${p.unresolvedN.overdue.length} N marks still overdue`;
  if (because === "absent-now") return "not in school since";
  return p.nextStep.why;
}

/**
 * The rows to save for this week: every action on the review (open ones with their allocation,
 * closed ones with how), plus `changes` made in the pane (allocations, hand-closings).
 */
export function reviewRows(review: WeeklyReview): ReviewItem[] {
  return [...review.open, ...review.closed].map((l) => ({
    week: review.week,
    upn: l.upn,
    action: l.action,
    owner: l.owner,
    allocatedTo: l.allocatedTo,
    firstListed: l.firstListed,
    kind: l.kind,
    ...(l.because ? { because: l.because } : {}),
    status: l.status,
    reason: l.reason,
    doneBy: l.doneBy,
  }));
}

/** The review as `review --json` gives it. */
export function reviewJson(review: WeeklyReview): unknown {
  const item = (l: ReviewLine) => ({
    upn: l.upn,
    action: l.action,
    kind: l.kind,
    owner: l.owner,
    allocatedTo: l.allocatedTo || null,
    status: l.status,
    ...(l.status === "done" ? { doneBy: l.doneBy } : {}),
    reason: l.reason,
    because: l.because,
    firstListed: l.firstListed,
    horizon: l.horizon,
    priority: l.priority,
  });
  return {
    week: review.week,
    asOf: review.asOf,
    previousWeek: review.previousWeek,
    thisWeek: review.thisWeek,
    items: [...review.open, ...review.closed].map(item),
  };
}

/** Close or drop an action by hand: the reason is required and kept with it. */
export function closeByHand(line: ReviewLine, how: "dropped" | "no-longer-needed", reason: string, by: string, on: string): ReviewItem {
  const why = reason.trim();
  if (!why) throw new Error(`Say why the action is ${how === "dropped" ? "dropped" : "closed"}: the reason is kept in the Weekly review sheet.`);
  const day = parseDate(on);
  return {
    week: line.week,
    upn: line.upn,
    action: line.action,
    owner: line.owner,
    allocatedTo: line.allocatedTo,
    firstListed: line.firstListed,
    kind: line.kind,
    ...(line.because ? { because: line.because } : {}),
    status: how,
    reason: `${how === "dropped" ? "Dropped" : "Closed"} by hand${by.trim() ? ` by ${by.trim()}` : ""}${day !== null ? ` on ${formatUkShort(day)}` : ""}: ${why}`,
    doneBy: "",
  };
}

/**
 * The staff who can be allocated actions: the policy's list, then everyone named in the actions log,
 * once each, in that order.
 */
export function staffList(policyStaff: readonly string[], log: ActionLog): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const name of [...policyStaff, ...log.entries.map((e) => e.staff)]) {
    const n = name.trim();
    if (n && !seen.has(n.toLowerCase())) {
      seen.add(n.toLowerCase());
      out.push(n);
    }
  }
  return out;
}

const STATUS_WORDS: Record<ReviewStatus, string> = { new: "New", carried: "Carried", done: "Done", "no-longer-needed": "No longer needed", dropped: "Dropped" };
const fromWords = <T extends string>(words: Record<T, string>, text: string): T | undefined => {
  const t = text.trim().toLowerCase();
  return (Object.keys(words) as T[]).find((k) => k === t || words[k].toLowerCase() === t);
};

/** A saved row's Kind, Because and Status cells in the words the sheet shows. */
export function reviewItemCells(i: ReviewItem): { kind: string; because: string; status: string } {
  return { kind: i.kind ? REVIEW_KINDS[i.kind].label : "", because: i.because ? BECAUSE_WORDS[i.because] : "", status: i.status ? STATUS_WORDS[i.status] : "" };
}

/** Read back the words of `reviewItemCells`; anything not recognised is left out (the action's words decide). */
export function reviewItemFromCells(cells: { kind: string; because: string; status: string }): Pick<ReviewItem, "kind" | "because" | "status"> {
  const kindWords = Object.fromEntries(Object.entries(REVIEW_KINDS).map(([k, v]) => [k, v.label])) as Record<ReviewKind, string>;
  const kind = fromWords(kindWords, cells.kind);
  const because = fromWords(BECAUSE_WORDS, cells.because);
  const status = fromWords(STATUS_WORDS, cells.status);
  return { ...(kind ? { kind } : {}), ...(because ? { because } : {}), ...(status ? { status } : {}) };
}
