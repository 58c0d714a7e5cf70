/**
 * The merge data for one letter to one parent: everything a template's tags can name (the schema is
 * documented in docs/letters.md). Built from the pupil record that both panes and the command line
 * share, so the same letter comes out whichever surface writes it.
 */
import { DayNumber, formatIso, formatUkLong, formatUkLongWithWeekday, parseDate } from "../engine/dates";
import { forwardLookSentence } from "../engine/forward-look";
import { DELIVERY_TEXT, Delivery } from "../engine/contact-rules";
import { describeCode } from "../engine/codes";
import type { SessionCounts } from "../engine/analyse";
import { learningLost } from "../engine/learning";
import { attendanceBand, attendancePercent, BAND_LABELS, BANDS } from "../engine/measures";
import { DEFAULT_POLICY, Policy } from "../engine/policy";
import type { Readiness } from "../engine/readiness";
import { FactSource, improvementPeriod } from "../engine/letter-facts";
import type { PupilRecordV1 } from "../files/pupil-record";
import type { LetterTemplate } from "./templates";

export interface LetterOptions {
  /** Index into record.parents; ignored for internal documents. */
  parent: number;
  date: DayNumber;
  delivery: Delivery;
  staff: string;
  /** Free fields (`meeting.date=2026-03-20`): dates written YYYY-MM-DD become UK long dates. */
  fields?: Record<string, string>;
  policy?: Policy;
  /** Readiness for a referral (section 444 checklist). */
  readiness?: Readiness;
  /**
   * The period the attendance figures cover: by default this school year up to the record's as-of
   * date (record.figures.thisSchoolYear); or from/to with the pupil's counts for it (periodCounts).
   */
  period?: LetterPeriod;
  /**
   * The register and actions log behind the record (a tracker file, not a pasted record): the
   * letter's facts are checked against it, and the Notice to Improve's period is counted in its
   * school weeks.
   */
  factSource?: FactSource;
  /** Merge data the fact checks computed (engine/letter-facts.ts). */
  factData?: Record<string, unknown>;
}

export interface LetterPeriod {
  from: DayNumber;
  to: DayNumber;
  counts: SessionCounts;
}

export type MergeData = Record<string, unknown>;

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  // A field name typed by a user never reaches an object's prototype (issue 12: --field __proto__.x).
  if (parts.some((p) => UNSAFE_KEYS.has(p))) return;
  let o = target;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== "object" || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

export function getPath(data: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), data);
}

const sessionsText = (n: number) => `${n.toLocaleString("en-GB")} ${n === 1 ? "session" : "sessions"}`;
const pct = (v: number | null) => (v === null ? "not available" : `${v.toFixed(1)}%`);
const nice = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function fieldValue(v: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(v.trim()) ? parseDate(v.trim()) : null;
  return day === null ? v : formatUkLongWithWeekday(day);
}

/** "Dear Mrs Khan"; without a title, "Dear Sarah Khan". */
export function salutation(p: { title: string; forename: string; surname: string }): string {
  return p.title && p.surname ? `Dear ${p.title} ${p.surname}` : `Dear ${[p.forename, p.surname].filter(Boolean).join(" ") || "Parent or Carer"}`;
}

export function buildMergeData(record: PupilRecordV1, tpl: Pick<LetterTemplate, "id" | "title" | "addressedTo">, options: LetterOptions): MergeData {
  const policy = options.policy ?? DEFAULT_POLICY;
  const f = record.figures;
  const parent = record.parents[options.parent];
  const school = record.school;
  const bandsPolicy = policy.bands;
  const ranges: Record<string, string> = {
    perfect: "100%",
    expected: `${bandsPolicy.expectedFrom}% to 99.9%`,
    "below-expected": `${bandsPolicy.belowExpectedFrom}% to ${nice(bandsPolicy.expectedFrom - 0.1)}%`,
    "key-converter": `above ${bandsPolicy.keyConverterAbove}%, below ${bandsPolicy.belowExpectedFrom}%`,
    persistent: `${bandsPolicy.keyConverterAbove}% or less`,
    severe: `${bandsPolicy.severeAtOrBelow}% or less`,
  };
  // Support the log shows, leaving out corrected entries and contracts declined or not made.
  const superseded = new Set(record.actions.map((a) => a.supersedes.trim()).filter(Boolean));
  const supportActions = record.actions.filter(
    (a) => !superseded.has(a.id.trim()) && /support offered|meeting|attendance contract|home visit|check-in/i.test(a.action) && !(/attendance contract/i.test(a.action) && /^(declined|not appropriate)/i.test(a.detail.trim())),
  );
  const asOf = record.asOf ? formatUkLong(parseDate(record.asOf)!) : "";
  // The figures the letter quotes: this school year by default, or the period chosen.
  // (A record pasted from an older copy may lack thisSchoolYear: then all its figures are used.)
  const year = f.thisSchoolYear ?? { possible: f.possibleSessions, attended: f.attendedSessions, authorised: f.authorisedAbsenceSessions, unauthorised: f.unauthorisedAbsenceSessions };
  const counts: SessionCounts = options.period?.counts ?? { possible: year.possible, attended: year.attended, authorised: year.authorised, unauthorised: year.unauthorised };
  const missed = counts.authorised + counts.unauthorised;
  const lost = learningLost(missed, policy.hoursPerSession);
  const band = attendanceBand(counts.attended, counts.possible, policy.bands);
  const period = options.period
    ? `from ${formatUkLong(options.period.from)} to ${formatUkLong(options.period.to)}`
    : asOf
      ? `this school year (up to ${asOf})`
      : "this school year";
  const data: MergeData = {
    letter: {
      id: tpl.id,
      title: tpl.title,
      date: formatUkLong(options.date),
      dateIso: formatIso(options.date),
      delivery: options.delivery,
      deliveryText: DELIVERY_TEXT[options.delivery],
      staff: options.staff,
      reference: `${record.pupil.upn}-${tpl.id}-${formatIso(options.date)}`,
    },
    school: {
      name: school.name,
      address: school.address,
      addressLines: school.address.split(/\s*[,\n]\s*/).filter(Boolean),
      phone: school.phone,
      email: school.email,
      signatoryName: school.signatoryName,
      signatoryRole: school.signatoryRole,
    },
    pupil: {
      upn: record.pupil.upn,
      forename: record.pupil.forename ?? "",
      surname: record.pupil.surname ?? "",
      fullName: [record.pupil.forename, record.pupil.surname].filter(Boolean).join(" ") || record.pupil.upn,
      year: record.pupil.year ?? "",
      reg: record.pupil.reg ?? "",
      dob: record.pupil.dob && parseDate(record.pupil.dob) !== null ? formatUkLong(parseDate(record.pupil.dob)!) : "",
    },
    parent: parent
      ? {
          title: parent.title,
          forename: parent.forename,
          surname: parent.surname,
          fullName: [parent.title, parent.forename, parent.surname].filter(Boolean).join(" "),
          salutation: salutation(parent),
          relationship: parent.relationship,
          addressLines: parent.address,
          postcode: parent.postcode,
          email: parent.email,
        }
      : { title: "", forename: "", surname: "", fullName: "", salutation: "Dear Parent or Carer", relationship: "", addressLines: [], postcode: "", email: "" },
    attendance: {
      period,
      from: options.period ? formatUkLong(options.period.from) : "",
      to: options.period ? formatUkLong(options.period.to) : asOf,
      asOf,
      percent: pct(attendancePercent(counts.attended, counts.possible)),
      possibleSessions: counts.possible,
      attendedSessions: counts.attended,
      sessionsMissed: missed,
      // "1 session", "2 sessions": the words with the number, so no letter says "1 sessions".
      sessionsMissedText: sessionsText(missed),
      unauthorisedSessionsText: sessionsText(counts.unauthorised),
      daysMissed: nice(lost.days),
      hoursLost: nice(lost.hours),
      schoolWeeksLost: nice(lost.schoolWeeks),
      authorisedSessions: counts.authorised,
      unauthorisedSessions: counts.unauthorised,
      band: band ? BAND_LABELS[band] : "not yet known",
      target: nice(policy.targets.minimumPercent),
    },
    threshold: {
      count: f.nationalThreshold.sessionsInCurrentWindow,
      limit: policy.nationalThreshold.sessions,
      weeks: policy.nationalThreshold.schoolWeeks,
      windowStart: f.nationalThreshold.currentWindowStart ? formatUkLong(parseDate(f.nationalThreshold.currentWindowStart)!) : "",
      met: f.nationalThreshold.met,
      firstMetOn: f.nationalThreshold.firstMetOn ? formatUkLong(parseDate(f.nationalThreshold.firstMetOn)!) : "not met",
      sessions: f.nationalThreshold.countedSessions.map((c) => ({
        date: formatUkLongWithWeekday(parseDate(c.session.slice(0, 10))!),
        when: c.session.endsWith("PM") ? "afternoon" : "morning",
        code: c.code,
        meaning: describeCode(c.code)?.meaning ?? "",
      })),
    },
    bands: BANDS.map((b) => ({ label: BAND_LABELS[b], range: ranges[b], marker: band === b ? `◄ ${record.pupil.forename || "Your child"} is here` : "" })),
    // Optional: "If Amelia attends every day until the end of this term ... will be 91.2%." Only for
    // this school year's figures; a letter about a chosen period gets nothing.
    forwardLook: { sentence: options.period ? "" : forwardLookSentence(record.pupil.forename ?? "", f.forwardLook, (iso) => formatUkLong(parseDate(iso)!)) },
    hasSupport: supportActions.length > 0,
    support: supportActions.map((a) => ({ date: parseDate(a.date) !== null ? formatUkLong(parseDate(a.date)!) : a.date, action: a.action, detail: a.detail })),
    nti: ntiPeriod(options, policy),
    penalty: {
      first: policy.penaltyNotice.firstAmount,
      reduced: policy.penaltyNotice.firstReducedAmount,
      reducedDays: policy.penaltyNotice.reducedIfPaidWithinDays,
      payDays: policy.penaltyNotice.payWithinDays,
      second: policy.penaltyNotice.secondAmount,
      periodYears: policy.penaltyNotice.periodYears,
    },
    readiness: (options.readiness?.steps ?? []).map((s) => ({
      name: `${s.step}. ${s.name}`,
      status: { evidenced: "Evidence", rationale: "Reason recorded", missing: s.required ? "MISSING" : "None", "not-needed": "Not needed" }[s.status],
      message: s.message,
    })),
  };
  // What the facts computed goes over the defaults, key by key (the Notice's period keeps its wording).
  const plain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  for (const [key, value] of Object.entries(options.factData ?? {})) data[key] = plain(value) && plain(data[key]) ? { ...data[key], ...value } : value;
  for (const [key, value] of Object.entries(options.fields ?? {})) setPath(data, key, fieldValue(value));
  return keepDatesTogether(data) as MergeData;
}

const DATE_TEXT = /\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) )?\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b/g;

/** Dates never wrap across lines: their spaces become non-breaking ("Friday 20 March 2026"). */
export function keepDatesTogether(v: unknown): unknown {
  if (typeof v === "string") return v.replace(DATE_TEXT, (m) => m.replace(/ /g, "\u00a0"));
  if (Array.isArray(v)) return v.map(keepDatesTogether);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, keepDatesTogether(x)]));
  return v;
}

/**
 * The Notice to Improve's improvement period, counted in school weeks from the school calendar
 * (engine/notice-to-improve.ts): holidays are not counted, and an end that rests on estimated term
 * dates (no calendar in the policy) is provisional, which the letter says. Without the register (a pasted record) the dates are left
 * for staff to enter.
 */
function ntiPeriod(options: LetterOptions, policy: Policy) {
  const allowed = policy.noticeToImprove.allowedUnauthorisedSessions;
  const improvement =
    allowed === 0
      ? "no further unauthorised absence during the improvement period, and attendance at every session unless there is a reason the school can authorise."
      : `no more than ${allowed} sessions of unauthorised absence during the improvement period.`;
  // The named member of staff the parent contacts about the notice: the one sending it, unless another is named (nti.contact).
  const base = { periodWeeks: policy.noticeToImprove.improvementPeriodSchoolWeeks, periodStart: "", periodEnd: "", provisional: false, provisionalNote: "", improvement, contact: options.staff };
  if (!options.factSource) return base;
  const p = improvementPeriod(options.factSource.analysis, options.date);
  return {
    ...base,
    periodWeeks: p.weeks,
    periodStart: formatUkLongWithWeekday(p.start),
    periodEnd: formatUkLongWithWeekday(p.end),
    periodStartIso: formatIso(p.start),
    periodEndIso: formatIso(p.end),
    provisional: p.provisional,
    provisionalNote: p.provisional ? `The end date is provisional: the school holidays after ${formatUkLong(p.knownTo)} are estimated, and if a holiday or closure falls differently the period will end on another date; we will confirm the date in writing.` : "",
  };
}
