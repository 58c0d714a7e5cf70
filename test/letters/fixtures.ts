/** Values for the letters' form fields, as staff would enter them. */
export const SAMPLE_FIELDS: Record<string, string> = {
  "meeting.date": "2026-03-20",
  "meeting.time": "9.30am",
  "meeting.place": "the attendance office",
  "meeting.with": "Mr Hughes, Head of Year",
  "meeting.agreed": "A morning check-in with Ms Patel and a referral to the school nurse.",
  "meeting.reviewDate": "2026-04-24",
  "leave.from": "2026-03-23",
  "leave.to": "2026-03-27",
  "leave.reason": "a family funeral abroad",
  "leave.returnDate": "2026-04-13",
  "contract.start": "2026-03-23",
  "contract.review": "2026-05-11",
  "nti.improvement": "No further unauthorised absence during the improvement period.",
  "medical.dueDate": "2026-03-27",
  previousLetterDate: "2026-02-27",
  "referral.officer": "the local authority attendance team",
};
