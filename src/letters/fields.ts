/** The letter form's fields, named as a person would say them (kept light: the panes use it before any letter is written). */

/** Names of merge fields as a person would say them. */
export const FIELD_LABELS: Record<string, string> = {
  "meeting.date": "the meeting date",
  "meeting.time": "the meeting time",
  "meeting.place": "where the meeting is",
  "meeting.with": "who the meeting is with",
  "meeting.agreed": "what was agreed",
  "meeting.reviewDate": "the review date",
  "leave.from": "the first day of the leave",
  "leave.to": "the last day of the leave",
  "leave.reason": "the reason for the leave",
  "leave.returnDate": "the date the pupil was due back",
  "leave.circumstances": "what happened",
  "contract.start": "the date the contract starts",
  "contract.review": "the contract review date",
  "contract.targets": "the targets",
  "contract.schoolSupport": "what the school will do",
  "contract.parentActions": "what the parent will do",
  "nti.periodStart": "the start of the improvement period",
  "nti.periodEnd": "the end of the improvement period",
  "nti.improvement": "what sufficient improvement means",
  "nti.contact": "the member of staff the parent contacts about the notice",
  "medical.dueDate": "the date the evidence is needed by",
  "medical.period": "which absences it covers",
  previousLetterDate: "the date of the earlier letter",
  "referral.officer": "the officer the referral goes to",
  "referral.notes": "notes for the referral",
  "parent.fullName": "the parent's name",
  // The rest of the merge data the form's "Check every field" shows: every field a plain label.
  "pupil.upn": "the pupil's UPN",
  "pupil.forename": "the pupil's first name",
  "pupil.surname": "the pupil's surname",
  "pupil.fullName": "the pupil's full name",
  "pupil.year": "the pupil's year group",
  "pupil.reg": "the pupil's registration group",
  "pupil.dob": "the pupil's date of birth",
  "school.address": "the school's address",
  "school.phone": "the school's phone number",
  "school.email": "the school's email address",
  "school.signatoryRole": "the role of the person who signs",
  "attendance.period": "the period the figures cover",
  "attendance.from": "the first day of the period",
  "attendance.to": "the last day of the period",
  "attendance.asOf": "the date the figures are as at",
  "attendance.percent": "attendance (per cent)",
  "attendance.possibleSessions": "possible sessions",
  "attendance.attendedSessions": "sessions attended",
  "attendance.sessionsMissed": "sessions missed",
  "attendance.sessionsMissedText": "sessions missed, in words (\"1 session\", \"4 sessions\")",
  "attendance.unauthorisedSessionsText": "unauthorised sessions, in words (\"1 session\", \"4 sessions\")",
  "attendance.daysMissed": "school days missed",
  "attendance.hoursLost": "hours of learning lost",
  "attendance.schoolWeeksLost": "school weeks of learning lost",
  "attendance.authorisedSessions": "sessions of authorised absence",
  "attendance.unauthorisedSessions": "sessions of unauthorised absence",
  "attendance.band": "the attendance band",
  "attendance.target": "the school's attendance target (per cent)",
  "threshold.count": "unauthorised sessions in the current 10-week window",
  "threshold.limit": "the national threshold (sessions)",
  "threshold.weeks": "the national threshold's window (school weeks)",
  "threshold.windowStart": "the start of the current window",
  "threshold.met": "whether the national threshold is met",
  "threshold.firstMetOn": "the date the national threshold was first met",
  "nti.periodWeeks": "the length of the improvement period (school weeks)",
  "nti.provisional": "whether the end of the improvement period is provisional",
  "nti.provisionalNote": "the note on a provisional end date",
  "penalty.first": "the first penalty notice (£)",
  "penalty.reduced": "the first penalty notice if paid early (£)",
  "penalty.reducedDays": "the days to pay the reduced amount",
  "penalty.payDays": "the days to pay",
  "penalty.second": "the second penalty notice (£)",
  "penalty.periodYears": "the years within which a second notice costs more",
  chronology: "the chronology (open the tracker file: a pasted record does not carry it)",
  extract: "the register extract (open the tracker file: a pasted record does not carry it)",
  "school.name": "the school's name (school.name on the Settings sheet, or in the trust's policy)",
  "school.signatoryName": "who signs the letters (school.signatoryName on the Settings sheet)",
};

/** Words in field names that a person writes otherwise. */
const WORDS: Record<string, string> = { upn: "UPN", dob: "date of birth", nti: "Notice to Improve", reg: "registration group", sen: "SEN", fsm: "free school meals" };

/**
 * A field's label: the list above, or for a field a trust's template adds, its name in words with the
 * group as owner ("pupil.homeLanguage" is "the pupil's home language"), never "pupil upn".
 */
export function fieldLabel(path: string): string {
  const known = FIELD_LABELS[path];
  if (known) return known;
  const words = (part: string) =>
    part
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .split(/[\s_]+/)
      .map((w) => WORDS[w] ?? w)
      .join(" ");
  const parts = path.split(".");
  if (parts.length === 1) return words(parts[0]);
  const owner = words(parts[0]);
  return `the ${owner}'s ${parts.slice(1).map(words).join(" ")}`;
}

/** Fields that hold a date (the form gives them a date picker; the letter writes them in words). */
const DATE_FIELDS = new Set(["meeting.date", "meeting.reviewDate", "leave.from", "leave.to", "leave.returnDate", "contract.start", "contract.review", "nti.periodStart", "nti.periodEnd", "medical.dueDate", "previousLetterDate"]);

/** Whether a field is a date: the known ones, and for a trust's own fields a name ending in date, from, to, start, end or review. */
export function isDateField(path: string): boolean {
  return DATE_FIELDS.has(path) || /(?:date|\.from|\.to|start|end|review)$/i.test(path);
}

