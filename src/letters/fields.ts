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
  "medical.dueDate": "the date the evidence is needed by",
  "medical.period": "which absences it covers",
  previousLetterDate: "the date of the earlier letter",
  "referral.officer": "the officer the referral goes to",
  "referral.notes": "notes for the referral",
  "parent.fullName": "the parent's name",
  chronology: "the chronology (open the tracker file: a pasted record does not carry it)",
  extract: "the register extract (open the tracker file: a pasted record does not carry it)",
  "school.name": "the school's name (school.name on the Settings sheet, or in the trust's policy)",
  "school.signatoryName": "who signs the letters (school.signatoryName on the Settings sheet)",
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? path.replace(/([A-Z])/g, " $1").replace(/\./g, " ").toLowerCase();
}

