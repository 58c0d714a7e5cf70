/**
 * The analysis of a school's marks: one pass over every pupil's marks (typed arrays, no strings in
 * the loop), then the sparse work (threshold windows, patterns) per pupil.
 */
import { applyCodeMap } from "./code-map";
import { CLASS_BY_ID, MarkClass, REGISTER_CODES, codeId } from "./codes";
import { buildCalendar, defaultAsOf, firstSessionOnOrAfter, SchoolCalendar, termAt } from "./calendar";
import { DayNumber, formatIso, parseDate, weekday, WEEKDAY_NAMES } from "./dates";
import { MarksDataset, Problem, PupilDetails, PupilRecord } from "./dataset";
import { learningLost, LearningLost } from "./learning";
import { attendanceBand, attendancePercent, Band, isPersistentAbsence, isSevereAbsence } from "./measures";
import { attendanceTrend, consecutiveDaysAbsent, Trend } from "./patterns";
import { DEFAULT_POLICY, Policy } from "./policy";
import { escalationStage, NextStep, StageResult, stageChangeReason, suggestNextStep } from "./stages";
import { latestMetWindow, nationalThreshold } from "./threshold";
import { forwardLook, ForwardLook, remainingSessions, sessionsAhead } from "./forward-look";
import { schoolSummary, groupSummaries, PupilFigures, SchoolSummary, GroupSummary, weeklyAttendance, WeeklyFigure } from "./summary";

export interface SessionCounts {
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
}

export interface PupilAnalysis {
  upn: string;
  row: number;
  details: PupilDetails;
  extra: Record<string, string>;
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsenceSessions: number;
  unauthorisedAbsenceSessions: number;
  attendancePercent: number | null;
  persistentAbsence: boolean;
  severeAbsence: boolean;
  band: Band | null;
  nationalThreshold: {
    sessionsInCurrentWindow: number;
    currentWindowStart: string | null;
    met: boolean;
    firstMetOn: string | null;
    /** The counted sessions in the current window, `2025-01-13 AM` with the code, oldest first. */
    countedSessions: Array<{ session: string; code: string }>;
    /** Not met in the current window but at or above the policy's "close" figure. */
    close: boolean;
  };
  /** All absence up to the as-of date. */
  learningLost: LearningLost;
  thisSchoolYear: SessionCounts & { attendancePercent: number | null; daysAbsent: number };
  /** `changeReason`: why the stage is not last week's ("" when it is the same). */
  stage: StageResult & { lastWeek: number; changedSinceLastWeek: boolean; changeReason: string };
  trend: Trend;
  consecutiveDaysAbsent: number;
  /** Absence by weekday this school year, Monday to Friday. */
  absenceByWeekday: Array<{ weekday: string; absentSessions: number; possibleSessions: number }>;
  unresolvedN: { count: number; overdue: string[] };
  nextStep: NextStep;
  /** Where attendance is heading: projections to the end of term and year (forward-look.ts). */
  forwardLook: ForwardLook;
}

export interface Analysis {
  asOf: string | null;
  policy: Policy;
  calendar: SchoolCalendar;
  dataset: MarksDataset;
  pupils: PupilAnalysis[];
  summary: SchoolSummary;
  groups: GroupSummary[];
  weekly: WeeklyFigure[];
  problems: Problem[];
  /** What the reader and the code map did, once each (which column identified pupils, codes mapped). */
  notices: string[];
}

export interface AnalyseOptions {
  /** `YYYY-MM-DD`; by default the latest session date in the data. */
  asOf?: string;
  policy?: Policy;
}

const N_ID = codeId("N")!;
const { Attended: ATTENDED, Unauthorised: UNAUTHORISED, NotPossible: NOT_POSSIBLE } = MarkClass;

/** Pupils analysed between two yields of the asynchronous analysis. */
const PUPILS_PER_STEP = 500;

/**
 * The analysis as steps: it yields the number of pupils done every PUPILS_PER_STEP, so a pane can
 * let the browser breathe, show progress and cancel, while the command line runs it straight through.
 */
function* analysisSteps(input: MarksDataset, options: AnalyseOptions, sink?: PupilSink): Generator<number, Analysis> {
  const policy = options.policy ?? DEFAULT_POLICY;
  // The school's own sub-codes (I01, X03, a local 7) read as the codes they stand for, before any rule.
  const dataset = applyCodeMap(input, policy.codeMap);
  let asOf: DayNumber | null;
  if (options.asOf !== undefined) {
    asOf = parseDate(options.asOf);
    if (asOf === null) throw new RangeError(`The as-of date "${options.asOf}" is not a date; write it YYYY-MM-DD.`);
  } else {
    asOf = defaultAsOf(dataset);
  }
  // No sessions at all: the analysis still runs (every pupil has nothing possible), without a date.
  const cal = buildCalendar(dataset, asOf ?? 0, policy);
  const { sessions } = dataset;
  const L = cal.limit;

  // Boundaries (session indices) of the ranges the measures need; every range ends at L.
  const yearStartIdx = firstSessionOnOrAfter(dataset, cal.schoolYearStart);
  const recentWeek = Math.max(0, cal.currentWeek - policy.trend.recentSchoolWeeks + 1);
  const recentStartIdx = cal.currentWeek >= 0 ? firstSessionOnOrAfter(dataset, cal.weekMondays[recentWeek]) : L;
  const weekStartIdx = cal.currentWeek >= 0 ? firstSessionOnOrAfter(dataset, cal.weekMondays[cal.currentWeek]) : L;
  const thresholdFromIdx = firstSessionOnOrAfter(dataset, parseDate(policy.nationalThreshold.effectiveFrom)!);
  const schoolWeeksThisYear = cal.weekMondays.filter((m) => m + 6 >= cal.schoolYearStart).length;
  const enoughWeeks = schoolWeeksThisYear > policy.trend.recentSchoolWeeks;

  // The school sessions ahead, from the school calendar (or the estimate), once for every pupil.
  const ahead = sessionsAhead(cal);
  const remaining = remainingSessions(ahead, cal.asOf);

  const counted = new Uint8Array(REGISTER_CODES.length);
  for (const c of policy.nationalThreshold.countedCodes) counted[codeId(c)!] = 1;
  const weekdayOf = new Uint8Array(L);
  for (let s = 0; s < L; s++) weekdayOf[s] = weekday(sessions[s].day);

  const sessionPossible = new Int32Array(L);
  const sessionAttended = new Int32Array(L);
  const countedIdx = new Int32Array(L);
  const countedWeeks = new Int32Array(L);
  const countedDays = new Int32Array(L);
  const nIdx = new Int32Array(L);
  const cls = new Int32Array(5);
  const yearCls = new Int32Array(5);
  const beforeWeekCls = new Int32Array(5);
  const recentCls = new Int32Array(5);
  const wdAbsent = new Int32Array(7);
  const wdPossible = new Int32Array(7);

  // Stage at the end of last week: absence before this school week, against the thresholds of the
  // term that day was in (a holiday belongs to the term before it): so on the first Monday of the
  // spring term, last week's stage is the autumn term's, and a change of thresholds shows as a change.
  const dayBeforeThisWeek = cal.currentWeek >= 0 ? cal.weekMondays[cal.currentWeek] - 1 : cal.asOf;
  const lastWeekTerm = dayBeforeThisWeek < cal.schoolYearStart ? null : termAt(dayBeforeThisWeek, policy);

  // Held in locals for the loop below (2,000 pupils x 390 sessions): until the code is optimised,
  // every read of a module's or an object's property costs a lookup, and a run is mostly that loop.
  const classById = CLASS_BY_ID;
  const weekOfSession = cal.weekOfSession;

  const analysePupil = (pupil: PupilRecord, p: number): PupilAnalysis => {
    const m = dataset.marks[p];
    cls.fill(0);
    yearCls.fill(0);
    beforeWeekCls.fill(0);
    recentCls.fill(0);
    wdAbsent.fill(0);
    wdPossible.fill(0);
    let nCounted = 0;
    let nN = 0;
    for (let s = 0; s < L; s++) {
      const c = m[s];
      if (c === 0) continue;
      const k = classById[c];
      cls[k]++;
      if (k === NOT_POSSIBLE) continue;
      sessionPossible[s]++;
      if (k === ATTENDED) sessionAttended[s]++;
      if (s >= yearStartIdx) {
        yearCls[k]++;
        if (s < weekStartIdx) beforeWeekCls[k]++;
        const wd = weekdayOf[s];
        wdPossible[wd]++;
        if (k !== ATTENDED) wdAbsent[wd]++;
      }
      if (s >= recentStartIdx) recentCls[k]++;
      if (k === UNAUTHORISED) {
        if (counted[c] && s >= thresholdFromIdx) {
          countedIdx[nCounted] = s;
          countedWeeks[nCounted] = weekOfSession[s];
          countedDays[nCounted] = sessions[s].day;
          nCounted++;
        }
        if (c === N_ID) nIdx[nN++] = s;
      }
    }
    const attended = cls[MarkClass.Attended];
    const authorised = cls[MarkClass.Authorised];
    const unauthorised = cls[MarkClass.Unauthorised];
    const possible = attended + authorised + unauthorised;
    const absent = authorised + unauthorised;

    const threshold = nationalThreshold({
      weeks: countedWeeks,
      days: countedDays,
      count: nCounted,
      currentWeek: cal.currentWeek,
      weekMondays: cal.weekMondays,
      windowWeeks: policy.nationalThreshold.schoolWeeks,
      sessionsNeeded: policy.nationalThreshold.sessions,
    });
    const countedSessions: Array<{ session: string; code: string }> = [];
    for (let i = threshold.firstInWindow; i < nCounted; i++) {
      const s = countedIdx[i];
      countedSessions.push({ session: sessions[s].label, code: REGISTER_CODES[m[s]].code });
    }

    const yearPossible = yearCls[1] + yearCls[2] + yearCls[3];
    const yearAbsent = yearCls[2] + yearCls[3];
    const daysAbsent = yearAbsent / 2;
    const stage = escalationStage(daysAbsent, cal.termIndex, cal.termName, policy);
    const lastWeekDays = (beforeWeekCls[2] + beforeWeekCls[3]) / 2;
    const lastWeekStage = escalationStage(lastWeekDays, lastWeekTerm?.index ?? 0, lastWeekTerm?.name ?? "", policy).stage;

    const trend = attendanceTrend(
      { attended: recentCls[1], possible: recentCls[1] + recentCls[2] + recentCls[3] },
      { attended: yearCls[1], possible: yearPossible },
      policy.trend.changePoints,
      enoughWeeks,
    );
    const runOfDays = consecutiveDaysAbsent(m, sessions, L);

    const overdue: string[] = [];
    for (let i = 0; i < nN; i++) {
      const s = nIdx[i];
      if (cal.schoolDayCount - cal.schoolDaysThrough[s] >= policy.unresolvedN.afterSchoolDays) overdue.push(sessions[s].label);
    }

    const band = attendanceBand(attended, possible, policy.bands);
    const inWindow = threshold.sessionsInCurrentWindow;
    // Met by term-time holiday alone (rules.md: a Notice to Improve is not used for holiday), judged
    // from the sessions of the latest window that met the threshold, as readiness judges it.
    let holidayOnly = false;
    if (inWindow >= policy.nationalThreshold.sessions) {
      const met = latestMetWindow(countedWeeks.subarray(0, nCounted), 0, policy.nationalThreshold.schoolWeeks, policy.nationalThreshold.sessions);
      holidayOnly = met !== null && Array.from(countedIdx.subarray(met[0], met[1] + 1)).every((s) => REGISTER_CODES[m[s]].code === "G");
    }
    const close = inWindow >= policy.nationalThreshold.closeAt && inWindow < policy.nationalThreshold.sessions;
    const nextStep = suggestNextStep(
      {
        band,
        stage,
        thresholdInWindow: inWindow,
        thresholdMet: threshold.met,
        thresholdHolidayOnly: holidayOnly,
        closeToThreshold: close,
        unresolvedNOverdue: overdue.length,
        trend: trend.direction,
        consecutiveDaysAbsent: runOfDays,
      },
      policy,
    );

    return {
      upn: pupil.upn,
      row: pupil.row,
      details: pupil.details,
      extra: pupil.extra,
      possibleSessions: possible,
      attendedSessions: attended,
      authorisedAbsenceSessions: authorised,
      unauthorisedAbsenceSessions: unauthorised,
      attendancePercent: attendancePercent(attended, possible),
      persistentAbsence: isPersistentAbsence(absent, possible),
      severeAbsence: isSevereAbsence(absent, possible),
      band,
      nationalThreshold: {
        sessionsInCurrentWindow: inWindow,
        currentWindowStart: threshold.currentWindowStart,
        met: threshold.met,
        firstMetOn: threshold.firstMetOn,
        countedSessions,
        close,
      },
      learningLost: learningLost(absent, policy.hoursPerSession),
      thisSchoolYear: {
        possible: yearPossible,
        attended: yearCls[1],
        authorised: yearCls[2],
        unauthorised: yearCls[3],
        attendancePercent: attendancePercent(yearCls[1], yearPossible),
        daysAbsent,
      },
      stage: {
        ...stage,
        lastWeek: lastWeekStage,
        changedSinceLastWeek: lastWeekStage !== stage.stage,
        changeReason: stageChangeReason({ stage: lastWeekStage, days: lastWeekDays, term: lastWeekTerm }, { stage: stage.stage, days: daysAbsent, term: { index: cal.termIndex, name: cal.termName } }, policy),
      },
      trend,
      consecutiveDaysAbsent: runOfDays,
      absenceByWeekday: [0, 1, 2, 3, 4].map((d) => ({
        weekday: WEEKDAY_NAMES[d],
        absentSessions: wdAbsent[d],
        possibleSessions: wdPossible[d],
      })),
      unresolvedN: { count: nN, overdue },
      nextStep,
      forwardLook: forwardLook({
        year: { attended: yearCls[1], possible: yearPossible },
        recent: { attended: recentCls[1], possible: recentCls[1] + recentCls[2] + recentCls[3] },
        // Sessions after a pupil leaves do not count: counted to a leaving date ahead, none once left.
        remaining: pupil.onRoll?.to !== undefined ? remainingSessions(ahead, cal.asOf, pupil.onRoll.to) : remaining,
        asOf: cal.asOf,
        bands: policy.bands,
        ahead,
        left: pupil.onRoll?.to !== undefined && pupil.onRoll.to <= cal.asOf,
      }),
    };
  };

  const asOfText = asOf === null ? null : formatIso(asOf);
  const pupils: PupilAnalysis[] = [];
  // With a sink, each pupil's analysis goes to it and only the figures the summaries need are kept.
  const figures: PupilFigures[] = [];
  sink?.start?.(asOfText);
  for (let p = 0; p < dataset.pupils.length; p++) {
    const a = analysePupil(dataset.pupils[p], p);
    if (sink) {
      sink.pupil(a);
      figures.push({
        possibleSessions: a.possibleSessions,
        attendedSessions: a.attendedSessions,
        persistentAbsence: a.persistentAbsence,
        severeAbsence: a.severeAbsence,
        band: a.band,
        nationalThreshold: { met: a.nationalThreshold.met },
        details: a.details,
        extra: a.extra,
      });
    } else pupils.push(a);
    if ((p + 1) % PUPILS_PER_STEP === 0) yield p + 1;
  }
  const summarised: readonly PupilFigures[] = sink ? figures : pupils;

  return {
    asOf: asOfText,
    policy,
    calendar: cal,
    dataset,
    pupils,
    summary: schoolSummary(summarised),
    groups: groupSummaries(summarised, dataset.extraColumns, policy),
    weekly: weeklyAttendance(cal, sessionAttended, sessionPossible),
    problems: dataset.problems,
    notices: dataset.notices ?? [],
  };
}

/** Analyse a school's marks (contract section 3). */
export function analyse(dataset: MarksDataset, options: AnalyseOptions = {}): Analysis {
  const steps = analysisSteps(dataset, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Where `analyseEach` hands each pupil's analysis: `start` first, with the as-of date. */
export interface PupilSink {
  start?(asOf: string | null): void;
  pupil(p: PupilAnalysis): void;
}

/**
 * The same analysis, with each pupil's figures handed to `sink` as they are worked out and not kept:
 * a 255,000-pupil export is written as it goes in bounded memory (the pupils' analyses would be
 * about 750 MB held together). The summaries are those of `analyse`.
 */
export function analyseEach(dataset: MarksDataset, options: AnalyseOptions, sink: PupilSink): Omit<Analysis, "pupils"> {
  const steps = analysisSteps(dataset, options, sink);
  for (;;) {
    const r = steps.next();
    if (r.done) {
      const { pupils: _none, ...rest } = r.value;
      return rest;
    }
  }
}

export class AnalysisCancelled extends Error {
  constructor() {
    super("The analysis was cancelled.");
    this.name = "AnalysisCancelled";
  }
}

/**
 * The same analysis without holding the thread: between steps it gives the page a turn (so a
 * 10,000-pupil school does not freeze the pane), reports progress, and stops if cancelled.
 */
export async function analyseAsync(
  dataset: MarksDataset,
  options: AnalyseOptions = {},
  control: { onProgress?: (fraction: number) => void; signal?: AbortSignal; yieldTo?: () => Promise<void> } = {},
): Promise<Analysis> {
  const pause = control.yieldTo ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const steps = analysisSteps(dataset, options);
  for (;;) {
    if (control.signal?.aborted) throw new AnalysisCancelled();
    const r = steps.next();
    if (r.done) return r.value;
    control.onProgress?.(r.value / Math.max(1, dataset.pupils.length));
    await pause();
  }
}
