/**
 * Policy: every number a trust or school may set, with the national and toolkit defaults.
 *
 * A trust hands schools one JSON document; a school may override allowed values in its tracker's
 * settings sheet. Invalid values never stop the work: each is reported with the field, the value and
 * what is allowed, and the default is used instead.
 */
import { codeId, normaliseCode, MarkClass, CLASS_BY_ID, REGISTER_CODES } from "./codes";
import { parseDate } from "./dates";

export interface StageRule {
  stage: number;
  name: string;
  /** Who acts, in the school's words. */
  owner: string;
  action: string;
  /** Days absent this school year that reach the stage, one figure a term (autumn, spring, summer). */
  daysAbsent: number[];
  /** Letter template suggested at this stage. */
  letter: string | null;
}

export interface TermRule {
  name: string;
  /**
   * Recurring start, `MM-DD`: no longer sets the term dates (1 January and 1 April put Christmas in
   * the autumn term and the Easter holiday in the summer term). Term dates come from `calendar`, or
   * are estimated from the usual English pattern (calendar.ts). Kept so older policies still read.
   */
  starts: string;
}

/** One term of a school calendar, as a council or trust publishes it: first and last school day, and its breaks. */
export interface CalendarTermRule {
  /** Optional: the policy's term name (autumn, spring, summer) by the term's place in its school year. */
  name?: string;
  /** First and last day of the term, `YYYY-MM-DD`. */
  starts: string;
  ends: string;
  /** Half-terms and other breaks inside the term, first and last day each. */
  halfTerms?: Array<{ starts: string; ends: string }>;
}

/** A day (or one session of it) the school is closed in term time: a bank holiday, an INSET day. */
export interface CalendarClosureRule {
  date: string;
  /** Only the morning or the afternoon; both when left out. */
  session?: "AM" | "PM";
  reason?: string;
}

/** A school calendar as data (docs/calendar.md): every term of one or more school years, and closures. */
export interface SchoolCalendarRule {
  /** Where the dates come from (the council's or trust's published page), shown with the figures. */
  source?: string;
  terms: CalendarTermRule[];
  closures?: CalendarClosureRule[];
}

export interface Policy {
  /** Band boundaries, in attendance percent. */
  bands: {
    /** `expected` from this (inclusive) up to 100 exclusive. */
    expectedFrom: number;
    /** `below-expected` from this (inclusive). */
    belowExpectedFrom: number;
    /** `key-converter` above this; at or below is `persistent`. */
    keyConverterAbove: number;
    /** `severe` at or below this. */
    severeAtOrBelow: number;
  };
  targets: { goalPercent: number; minimumPercent: number };
  nationalThreshold: {
    sessions: number;
    schoolWeeks: number;
    countedCodes: string[];
    /** Only absence on or after this date counts (the national framework's start). */
    effectiveFrom: string;
    /** Pupils with at least this many counted sessions in the window, but below the threshold, are "close". */
    closeAt: number;
  };
  hoursPerSession: number;
  /** `MM-DD` the school year starts. */
  schoolYearStarts: string;
  terms: TermRule[];
  /**
   * The trust's school calendar: term and half-term dates and closures. Without one, the dates after
   * the as-of date are estimated from the usual English pattern and every figure says so.
   */
  calendar: SchoolCalendarRule | null;
  /** A school's own calendar where it differs from the trust's, by the school's name (`school.name`). */
  schoolCalendars: Record<string, SchoolCalendarRule>;
  stages: StageRule[];
  trend: { recentSchoolWeeks: number; changePoints: number };
  unresolvedN: {
    afterSchoolDays: number;
    /**
     * Legal letters (Notice to Improve, improvement not being met) wait until N marks among the
     * sessions they would count are resolved; a trust may choose to count them as they stand.
     */
    holdLegalLetters: boolean;
  };
  /** The weekly review: how many open actions make this week's list (the rest are to watch). */
  weeklyReview: { thisWeekActions: number };
  noticeToImprove: {
    improvementPeriodSchoolWeeks: number;
    /** The shortest and longest improvement period a Notice to Improve may state, in school weeks (3 to 6 by default; a trust may set its own). */
    minSchoolWeeks: number;
    maxSchoolWeeks: number;
    /** Unauthorised sessions allowed during the period for the improvement to count as met. */
    allowedUnauthorisedSessions: number;
  };
  penaltyNotice: {
    firstAmount: number;
    firstReducedAmount: number;
    reducedIfPaidWithinDays: number;
    payWithinDays: number;
    secondAmount: number;
    periodYears: number;
    maxInPeriod: number;
  };
  /** Pupil columns to summarise by, beyond the recognised ones. */
  groupColumns: string[];
  /**
   * A school's own codes read as national codes before any rule, e.g. {"I01": "I", "X01": "X", "7": "B"}.
   * Only marks that are not register codes (or withdrawn ones used after 19 August 2024) are mapped.
   */
  codeMap: Record<string, string>;
  school: {
    name: string;
    address: string;
    phone: string;
    email: string;
    signatoryName: string;
    signatoryRole: string;
  };
}

export const DEFAULT_POLICY: Policy = {
  bands: { expectedFrom: 96, belowExpectedFrom: 95, keyConverterAbove: 90, severeAtOrBelow: 50 },
  targets: { goalPercent: 100, minimumPercent: 96 },
  nationalThreshold: {
    sessions: 10,
    schoolWeeks: 10,
    countedCodes: ["G", "N", "O", "U"],
    effectiveFrom: "2024-08-19",
    closeAt: 6,
  },
  // DfE minimum expectation of a 32.5-hour school week: 6.5 hours a day, two sessions.
  hoursPerSession: 3.25,
  schoolYearStarts: "09-01",
  terms: [
    { name: "Autumn term", starts: "09-01" },
    { name: "Spring term", starts: "01-01" },
    { name: "Summer term", starts: "04-01" },
  ],
  calendar: null,
  schoolCalendars: {},
  stages: [
    {
      stage: 1,
      name: "Stage 1: first-day call",
      owner: "Tutor or attendance officer",
      action: "Phone home on the first day of absence to prevent a second day",
      daysAbsent: [0.5, 0.5, 0.5],
      letter: "attendance-monitoring",
    },
    {
      stage: 2,
      name: "Stage 2: tutor meeting",
      owner: "Tutor",
      action: "Meet the pupil (and parent), offer support and set targets",
      daysAbsent: [3, 5, 7],
      letter: "initial-attendance-support",
    },
    {
      stage: 3,
      name: "Stage 3: year leader meeting",
      owner: "Year leader",
      action: "Meet the family, review targets and the support in place",
      daysAbsent: [6, 8, 10],
      letter: "declining-attendance-invitation",
    },
    {
      stage: 4,
      name: "Stage 4: senior leader meeting",
      owner: "Senior leader",
      action: "Senior leader meeting; consider a formal approach such as an attendance contract",
      daysAbsent: [9, 11, 13],
      letter: "contract-meeting-invitation",
    },
  ],
  trend: { recentSchoolWeeks: 4, changePoints: 2 },
  unresolvedN: { afterSchoolDays: 5, holdLegalLetters: true },
  // What one attendance team can follow up in a week beside the daily calls (toolkit.md: the
  // weekly list of key actions); a school sets its own in the Settings sheet.
  weeklyReview: { thisWeekActions: 25 },
  noticeToImprove: { improvementPeriodSchoolWeeks: 6, minSchoolWeeks: 3, maxSchoolWeeks: 6, allowedUnauthorisedSessions: 0 },
  penaltyNotice: {
    firstAmount: 160,
    firstReducedAmount: 80,
    reducedIfPaidWithinDays: 21,
    payWithinDays: 28,
    secondAmount: 160,
    periodYears: 3,
    maxInPeriod: 2,
  },
  groupColumns: [],
  codeMap: {},
  school: { name: "", address: "", phone: "", email: "", signatoryName: "", signatoryRole: "" },
};

export interface PolicyProblem {
  /** Dotted path of the setting, e.g. `nationalThreshold.sessions`. */
  field: string;
  value: unknown;
  message: string;
}

export interface PolicyResult {
  policy: Policy;
  problems: PolicyProblem[];
}

type Check = (value: unknown, field: string, problems: PolicyProblem[]) => boolean;

const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

function numberIn(min: number, max: number, opts: { integer?: boolean; step?: number } = {}): Check {
  return (v, field, problems) => {
    const what = opts.integer ? "a whole number" : "a number";
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max || (opts.integer && !Number.isInteger(v))) {
      problems.push({ field, value: v, message: `${field} is ${show(v)}; it must be ${what} from ${min} to ${max}.` });
      return false;
    }
    if (opts.step && Math.abs(Math.round(v / opts.step) * opts.step - v) > 1e-9) {
      problems.push({ field, value: v, message: `${field} is ${show(v)}; it may have at most one decimal place.` });
      return false;
    }
    return true;
  };
}

const percent = numberIn(0, 100, { step: 0.1 });

const yesNo: Check = (v, field, problems) => {
  if (typeof v !== "boolean") {
    problems.push({ field, value: v, message: `${field} is ${show(v)}; it must be true or false.` });
    return false;
  }
  return true;
};

const text: Check = (v, field, problems) => {
  if (typeof v !== "string" || v.length > 500) {
    problems.push({ field, value: v, message: `${field} must be text of at most 500 characters.` });
    return false;
  }
  return true;
};

const isoDate: Check = (v, field, problems) => {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(v) || parseDate(v) === null) {
    problems.push({ field, value: v, message: `${field} is ${show(v)}; it must be a date written YYYY-MM-DD.` });
    return false;
  }
  return true;
};

const monthDay: Check = (v, field, problems) => {
  if (typeof v !== "string" || !/^\d{2}-\d{2}$/.test(v) || parseDate(`2024-${v}`) === null) {
    problems.push({ field, value: v, message: `${field} is ${show(v)}; it must be a month and day written MM-DD, such as "09-01".` });
    return false;
  }
  return true;
};

const countedCodes: Check = (v, field, problems) => {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push({ field, value: v, message: `${field} must be a list of unauthorised absence codes, such as ["G", "N", "O", "U"].` });
    return false;
  }
  for (const c of v) {
    const id = typeof c === "string" ? codeId(normaliseCode(c)) : undefined;
    if (id === undefined || CLASS_BY_ID[id] !== MarkClass.Unauthorised) {
      problems.push({
        field,
        value: v,
        message: `${field} holds ${show(c)}, which is not an unauthorised absence code; allowed: G, N, O, U.`,
      });
      return false;
    }
  }
  return true;
};

const codeMap: Check = (v, field, problems) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    problems.push({ field, value: v, message: `${field} must map a school's own codes to register codes, such as {"I01": "I", "X01": "X"}.` });
    return false;
  }
  for (const [from, to] of Object.entries(v as Record<string, unknown>)) {
    const id = typeof to === "string" ? codeId(normaliseCode(to)) : undefined;
    if (from.trim() === "" || from.length > 20 || id === undefined || REGISTER_CODES[id].legacy || REGISTER_CODES[id].code === "") {
      problems.push({ field, value: v, message: `${field} maps ${show(from)} to ${show(to)}, which is not a current register code.` });
      return false;
    }
  }
  return true;
};

const stringList: Check = (v, field, problems) => {
  if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) {
    problems.push({ field, value: v, message: `${field} must be a list of column names.` });
    return false;
  }
  return true;
};

const terms: Check = (v, field, problems) => {
  if (!Array.isArray(v) || v.length !== 3) {
    problems.push({ field, value: v, message: `${field} must list three terms (autumn, spring, summer), each with a name; the dates go in "calendar".` });
    return false;
  }
  return v.every((t, i) => {
    if (typeof t !== "object" || t === null) {
      problems.push({ field: `${field}[${i}]`, value: t, message: `${field}[${i}] must be an object with "name" and "starts".` });
      return false;
    }
    const term = t as Record<string, unknown>;
    // `starts` may be left out: term dates come from `calendar` (docs/calendar.md).
    return text(term.name, `${field}[${i}].name`, problems) && (term.starts === undefined || monthDay(term.starts, `${field}[${i}].starts`, problems));
  });
};

const sessionHalf = new Set(["AM", "PM"]);

/** A school calendar: terms with first and last days and breaks inside them, closures on dates. */
const calendarRule: Check = (v, field, problems) => {
  const fail = (at: string, value: unknown, message: string) => {
    problems.push({ field: at, value, message });
    return false;
  };
  if (v === null) return true;
  if (typeof v !== "object" || Array.isArray(v)) return fail(field, v, `${field} must be an object with "terms" (each with "starts" and "ends" as YYYY-MM-DD) and optional "closures"; see docs/calendar.md.`);
  const c = v as Record<string, unknown>;
  for (const key of Object.keys(c)) {
    if (!["source", "terms", "closures", "description", "comment"].includes(key)) return fail(`${field}.${key}`, c[key], `${field}.${key} is not part of a calendar; a calendar has source, terms and closures.`);
  }
  if (c.source !== undefined && !text(c.source, `${field}.source`, problems)) return false;
  if (!Array.isArray(c.terms) || c.terms.length === 0) return fail(`${field}.terms`, c.terms, `${field}.terms must list the terms, each with "starts" and "ends" as YYYY-MM-DD.`);
  let previousEnd = "";
  for (let i = 0; i < c.terms.length; i++) {
    const at = `${field}.terms[${i}]`;
    const t = c.terms[i] as Record<string, unknown>;
    if (typeof t !== "object" || t === null || Array.isArray(t)) return fail(at, t, `${at} must be an object with "starts" and "ends".`);
    if (t.name !== undefined && !text(t.name, `${at}.name`, problems)) return false;
    if (!isoDate(t.starts, `${at}.starts`, problems) || !isoDate(t.ends, `${at}.ends`, problems)) return false;
    const starts = t.starts as string;
    const ends = t.ends as string;
    if (ends < starts) return fail(at, t, `${at} ends (${ends}) before it starts (${starts}).`);
    if (starts <= previousEnd) return fail(at, t, `${at} starts on ${starts}, on or before the end of the term before it (${previousEnd}); list the terms in date order.`);
    previousEnd = ends;
    if (t.halfTerms !== undefined) {
      if (!Array.isArray(t.halfTerms)) return fail(`${at}.halfTerms`, t.halfTerms, `${at}.halfTerms must be a list of breaks, each with "starts" and "ends".`);
      for (let j = 0; j < t.halfTerms.length; j++) {
        const bt = `${at}.halfTerms[${j}]`;
        const b = t.halfTerms[j] as Record<string, unknown>;
        if (typeof b !== "object" || b === null) return fail(bt, b, `${bt} must be an object with "starts" and "ends".`);
        if (!isoDate(b.starts, `${bt}.starts`, problems) || !isoDate(b.ends, `${bt}.ends`, problems)) return false;
        if ((b.ends as string) < (b.starts as string) || (b.starts as string) < starts || (b.ends as string) > ends) {
          return fail(bt, b, `${bt} (${b.starts} to ${b.ends}) must end on or after it starts and lie inside its term (${starts} to ${ends}).`);
        }
      }
    }
  }
  if (c.closures !== undefined) {
    if (!Array.isArray(c.closures)) return fail(`${field}.closures`, c.closures, `${field}.closures must be a list of closures, each with "date" (YYYY-MM-DD) and optional "session" (AM or PM) and "reason".`);
    for (let j = 0; j < c.closures.length; j++) {
      const at = `${field}.closures[${j}]`;
      const d = c.closures[j] as Record<string, unknown>;
      if (typeof d !== "object" || d === null) return fail(at, d, `${at} must be an object with "date".`);
      if (!isoDate(d.date, `${at}.date`, problems)) return false;
      if (d.session !== undefined && !(typeof d.session === "string" && sessionHalf.has(d.session.toUpperCase()))) return fail(`${at}.session`, d.session, `${at}.session is ${show(d.session)}; it must be AM or PM, or left out for the whole day.`);
      if (d.reason !== undefined && !text(d.reason, `${at}.reason`, problems)) return false;
    }
  }
  return true;
};

const schoolCalendars: Check = (v, field, problems) => {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    problems.push({ field, value: v, message: `${field} must map a school's name to its own calendar, such as {"Ashford Vale Academy": {"terms": [...]}}.` });
    return false;
  }
  return Object.entries(v as Record<string, unknown>).every(([name, cal]) => cal !== null && calendarRule(cal, `${field}.${name}`, problems));
};

const stages: Check = (v, field, problems) => {
  if (!Array.isArray(v) || v.length === 0) {
    problems.push({ field, value: v, message: `${field} must be a list of stages, each with stage, name, owner, action and daysAbsent.` });
    return false;
  }
  let previous: number[] | null = null;
  for (let i = 0; i < v.length; i++) {
    const s = v[i] as Record<string, unknown>;
    const at = `${field}[${i}]`;
    if (typeof s !== "object" || s === null) {
      problems.push({ field: at, value: s, message: `${at} must be an object.` });
      return false;
    }
    if (!numberIn(1, 20, { integer: true })(s.stage, `${at}.stage`, problems)) return false;
    if (!text(s.name, `${at}.name`, problems) || !text(s.owner, `${at}.owner`, problems) || !text(s.action, `${at}.action`, problems)) return false;
    if (s.letter !== null && s.letter !== undefined && !text(s.letter, `${at}.letter`, problems)) return false;
    const days = s.daysAbsent;
    if (!Array.isArray(days) || days.length !== 3 || days.some((d) => typeof d !== "number" || !(d >= 0) || d > 200 || (d * 2) % 1 !== 0)) {
      problems.push({
        field: `${at}.daysAbsent`,
        value: days,
        message: `${at}.daysAbsent must list three numbers of days (autumn, spring, summer term), in whole or half days.`,
      });
      return false;
    }
    if (previous && days.some((d, t) => d < previous![t])) {
      problems.push({ field: `${at}.daysAbsent`, value: days, message: `${at}.daysAbsent must not be lower than the stage before it.` });
      return false;
    }
    previous = days as number[];
  }
  return true;
};

/** The shape of the policy: a check for every leaf; nested objects are walked. */
const SCHEMA: Record<string, Check | Record<string, Check>> = {
  bands: { expectedFrom: percent, belowExpectedFrom: percent, keyConverterAbove: percent, severeAtOrBelow: percent },
  targets: { goalPercent: percent, minimumPercent: percent },
  nationalThreshold: {
    sessions: numberIn(1, 100, { integer: true }),
    schoolWeeks: numberIn(1, 52, { integer: true }),
    countedCodes,
    effectiveFrom: isoDate,
    closeAt: numberIn(1, 100, { integer: true }),
  },
  hoursPerSession: numberIn(0.5, 6, { step: 0.01 }),
  schoolYearStarts: monthDay,
  terms,
  calendar: calendarRule,
  schoolCalendars,
  stages,
  trend: { recentSchoolWeeks: numberIn(1, 20, { integer: true }), changePoints: numberIn(0, 100, { step: 0.1 }) },
  unresolvedN: { afterSchoolDays: numberIn(1, 60, { integer: true }), holdLegalLetters: yesNo },
  weeklyReview: { thisWeekActions: numberIn(1, 1000, { integer: true }) },
  noticeToImprove: { improvementPeriodSchoolWeeks: numberIn(1, 12, { integer: true }), minSchoolWeeks: numberIn(1, 12, { integer: true }), maxSchoolWeeks: numberIn(1, 12, { integer: true }), allowedUnauthorisedSessions: numberIn(0, 60, { integer: true }) },
  penaltyNotice: {
    firstAmount: numberIn(0, 10000),
    firstReducedAmount: numberIn(0, 10000),
    reducedIfPaidWithinDays: numberIn(1, 365, { integer: true }),
    payWithinDays: numberIn(1, 365, { integer: true }),
    secondAmount: numberIn(0, 10000),
    periodYears: numberIn(1, 10, { integer: true }),
    maxInPeriod: numberIn(1, 10, { integer: true }),
  },
  groupColumns: stringList,
  codeMap,
  school: { name: text, address: text, phone: text, email: text, signatoryName: text, signatoryRole: text },
};

function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/**
 * Apply `input` (a parsed policy document, or overrides) on top of `base`. Every valid value is
 * taken; every invalid one is reported and the base value kept.
 */
export function resolvePolicy(input: unknown, base: Policy = DEFAULT_POLICY): PolicyResult {
  const policy = clone(base);
  const problems: PolicyProblem[] = [];
  if (input === undefined || input === null) return { policy, problems };
  if (typeof input !== "object" || Array.isArray(input)) {
    problems.push({ field: "(policy)", value: input, message: "A policy must be a JSON object of settings." });
    return { policy, problems };
  }
  walk(input as Record<string, unknown>, SCHEMA, policy as unknown as Record<string, unknown>, "", problems);
  crossChecks(policy, base, problems, input as Record<string, unknown>);
  return { policy, problems };
}

function walk(
  input: Record<string, unknown>,
  schema: Record<string, Check | Record<string, Check>>,
  target: Record<string, unknown>,
  prefix: string,
  problems: PolicyProblem[],
): void {
  for (const [key, value] of Object.entries(input)) {
    const field = prefix ? `${prefix}.${key}` : key;
    if (key === "$schema" || key === "description" || key === "comment") continue;
    const rule = schema[key];
    if (rule === undefined) {
      problems.push({ field, value, message: `${field} is not a setting the toolkit knows; check the spelling. It was ignored.` });
      continue;
    }
    if (typeof rule === "function") {
      if (rule(value, field, problems)) {
        target[key] =
          key === "countedCodes"
            ? (value as string[]).map(normaliseCode)
            : key === "codeMap"
              ? Object.fromEntries(Object.entries(value as Record<string, string>).map(([f, t]) => [f.trim().toUpperCase(), normaliseCode(t)]))
              : key === "calendar"
                ? normaliseCalendar(value as SchoolCalendarRule | null)
                : key === "schoolCalendars"
                  ? Object.fromEntries(Object.entries(value as Record<string, SchoolCalendarRule>).map(([n, c]) => [n, normaliseCalendar(c)!]))
                  : clone(value);
      }
    } else if (typeof value !== "object" || value === null || Array.isArray(value)) {
      problems.push({ field, value, message: `${field} must be an object with the settings ${Object.keys(rule).join(", ")}.` });
    } else {
      walk(value as Record<string, unknown>, rule as Record<string, Check>, target[key] as Record<string, unknown>, field, problems);
    }
  }
}

function crossChecks(policy: Policy, base: Policy, problems: PolicyProblem[], input: Record<string, unknown>): void {
  // Term starts as MM-DD no longer set term dates: say so rather than ignore a trust's setting.
  if (Array.isArray(input.terms)) {
    policy.terms.forEach((t, i) => {
      const was = DEFAULT_POLICY.terms[i]?.starts;
      if (t.starts === undefined) t.starts = was;
      else if (t.starts !== was) {
        problems.push({
          field: `terms[${i}].starts`,
          value: t.starts,
          message: `terms[${i}].starts ("${t.starts}") no longer sets the term dates: give the school's term and half-term dates in "calendar" (docs/calendar.md). The term names are used.`,
        });
      }
    });
  }
  const b = policy.bands;
  if (!(b.severeAtOrBelow < b.keyConverterAbove && b.keyConverterAbove < b.belowExpectedFrom && b.belowExpectedFrom <= b.expectedFrom && b.expectedFrom <= 100)) {
    problems.push({
      field: "bands",
      value: b,
      message: "bands must rise in order: severeAtOrBelow < keyConverterAbove < belowExpectedFrom <= expectedFrom <= 100. The default bands are used.",
    });
    policy.bands = clone(base.bands);
  }
  const t = policy.nationalThreshold;
  if (t.closeAt > t.sessions) {
    problems.push({
      field: "nationalThreshold.closeAt",
      value: t.closeAt,
      message: `nationalThreshold.closeAt (${t.closeAt}) must not be above nationalThreshold.sessions (${t.sessions}).`,
    });
    t.closeAt = Math.min(base.nationalThreshold.closeAt, t.sessions);
  }
}

/** A calendar as checked, with sessions written AM/PM and nothing but its own fields. */
function normaliseCalendar(c: SchoolCalendarRule | null): SchoolCalendarRule | null {
  if (c === null) return null;
  return {
    ...(c.source !== undefined ? { source: c.source } : {}),
    terms: c.terms.map((t) => ({
      ...(t.name !== undefined ? { name: t.name } : {}),
      starts: t.starts,
      ends: t.ends,
      halfTerms: (t.halfTerms ?? []).map((b) => ({ starts: b.starts, ends: b.ends })),
    })),
    closures: (c.closures ?? []).map((d) => ({
      date: d.date,
      ...(d.session !== undefined ? { session: d.session.toUpperCase() as "AM" | "PM" } : {}),
      ...(d.reason !== undefined ? { reason: d.reason } : {}),
    })),
  };
}

/** Parse a policy document's text. Text that is not JSON is one problem, and the defaults stand. */
export function policyFromJson(textContent: string, base: Policy = DEFAULT_POLICY): PolicyResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(textContent.replace(/^\uFEFF/, ""));
  } catch (e) {
    return {
      policy: clone(base),
      problems: [{ field: "(policy)", value: null, message: `The policy file is not valid JSON (${(e as Error).message.replace(/\.$/, "")}).` }],
    };
  }
  return resolvePolicy(parsed, base);
}

/**
 * Turn a tracker's settings sheet (setting name, value as text) into policy overrides. The type of
 * each value follows the default policy: numbers are parsed, lists split on commas. Empty values are
 * "use the trust's value". `asOf` is not a policy value and is returned apart.
 */
export function settingsToOverrides(settings: Record<string, string>): { overrides: Record<string, unknown>; asOf?: string; problems: PolicyProblem[] } {
  const overrides: Record<string, unknown> = {};
  const problems: PolicyProblem[] = [];
  let asOf: string | undefined;
  for (const [key, raw] of Object.entries(settings)) {
    const value = raw.trim();
    if (value === "") continue;
    if (key === "asOf") {
      asOf = value;
      continue;
    }
    // The staff who can be allocated the weekly review's actions: the pane's list, not a policy value.
    if (key.trim().toLowerCase() === "staff") continue;
    const path = key.split(".");
    let template: unknown = DEFAULT_POLICY;
    for (const part of path) template = template && typeof template === "object" ? (template as Record<string, unknown>)[part] : undefined;
    let parsed: unknown = value;
    if (typeof template === "boolean") {
      const yes = /^(true|yes|y)$/i.test(value);
      if (!yes && !/^(false|no|n)$/i.test(value)) {
        problems.push({ field: key, value, message: `${key} is "${value}"; it must be yes or no.` });
        continue;
      }
      parsed = yes;
    } else if (typeof template === "number") {
      parsed = Number(value.replace(/%$/, ""));
      if (value === "" || Number.isNaN(parsed)) {
        problems.push({ field: key, value, message: `${key} is "${value}"; it must be a number.` });
        continue;
      }
    } else if (Array.isArray(template) && (template.length === 0 || typeof template[0] === "string")) {
      parsed = value.split(/[,;]/).map((s) => s.trim()).filter((s) => s !== "");
    } else if (template !== undefined && typeof template === "object") {
      try {
        parsed = JSON.parse(value);
      } catch {
        problems.push({ field: key, value, message: `${key} must be written as JSON in the settings sheet.` });
        continue;
      }
    }
    let target = overrides;
    path.slice(0, -1).forEach((part) => {
      if (typeof target[part] !== "object" || target[part] === null) target[part] = {};
      target = target[part] as Record<string, unknown>;
    });
    target[path[path.length - 1]] = parsed;
  }
  return { overrides, asOf, problems };
}
