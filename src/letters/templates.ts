/**
 * The toolkit's letters: our own wording, support first and plain English. Each template is the
 * letter's body as blocks with docxtemplater tags; the letterhead, address, date, salutation and
 * sign-off are shared. scripts/build-letters.js writes them to assets/letters/*.docx, which trusts
 * may then edit in Word (see docs/letters.md for every tag).
 */
import type { LetterFactId } from "../engine/letter-facts";
import type { Block } from "./ooxml";

export type AddressedTo = "each-parent" | "parent-living-with-pupil" | "internal";

export interface LetterTemplate {
  id: string;
  title: string;
  /** Roadmap step (shared/domain/toolkit.md). */
  step: number;
  stepName: string;
  addressedTo: AddressedTo;
  /** Merge-data paths that must not be empty. */
  required: string[];
  /** Paths the form offers, prefilled where the record knows them. */
  optional: string[];
  /**
   * The facts the wording asserts (engine/letter-facts.ts): each is checked against the register
   * and the actions log for the letter's pupil, period and parent, and a letter whose facts do not
   * hold is not written.
   */
  facts: LetterFactId[];
  body: Block[];
}

const STEP: Record<number, string> = {
  3: "Absence call-backs",
  4: "Leave of absence",
  6: "Early help and initial concern conversation",
  7: "Declining attendance meeting",
  8: "Moving to a formal approach: attendance contracts",
  9: "Deciding if legal intervention is appropriate",
};

const figures: Block[] = [
  {
    fixedTable: {
      header: true,
      widths: [3, 2],
      rows: [
        ["Attendance {attendance.period}", "{attendance.percent}"],
        ["Sessions missed (half days)", "{attendance.sessionsMissed}"],
        ["Days missed", "{attendance.daysMissed}"],
        ["Hours of learning lost", "{attendance.hoursLost}"],
      ],
    },
  },
];

const support: Block[] = [
  { p: "{#hasSupport}Support we have offered so far:{/hasSupport}", keepNext: true },
  { loopLines: { loop: "support", line: "•\u00a0{date}: {action}{#detail} ({detail}){/detail}" } },
];

const contactUs = "If anything is making it hard for {pupil.forename} to come to school, please talk to us: call {school.phone} or email {school.email}. We would much rather help early than wait.";

/** What each letter's wording asserts, by template id (see LETTER_FACTS for what each means). */
export const DECLARED_FACTS: Record<string, LetterFactId[]> = {
  "medical-evidence-request": ["absence-mostly-illness"],
  "failed-to-return-from-leave": ["not-returned-after-leave"],
  "leave-not-authorised-no-application": ["leave-recorded-unauthorised"],
  "discussion-summary": ["meeting-held", "meeting-agreed-recorded"],
  "no-response-further-absences": ["further-absence-since", "no-reply-since"],
  "no-response-no-further-absences": ["no-further-absence-since", "no-reply-since"],
  "declining-attendance-invitation": ["attendance-falling", "support-offered"],
  "thank-you-summary-of-support": ["meeting-held", "meeting-agreed-recorded"],
  "non-engagement": ["support-offered", "not-engaged"],
  "contract-meeting-invitation": ["support-offered"],
  "contract-meeting-not-attended": ["meeting-not-attended", "not-heard-from"],
  "contract-not-kept": ["contract-agreed", "not-improved-since-contract"],
  "notice-to-improve": ["parent-in-law", "threshold-met", "not-holiday-only", "penalty-notice-possible", "improvement-period"],
  "improvement-not-being-met": ["parent-in-law", "notice-to-improve-in-progress", "improvement-not-being-met", "penalty-notice-possible"],
};

function t(id: string, title: string, step: number, addressedTo: AddressedTo, required: string[], optional: string[], body: Block[]): LetterTemplate {
  return { id, title, step, stepName: STEP[step], addressedTo, required, optional, facts: DECLARED_FACTS[id] ?? [], body };
}

/** What happens if a penalty notice is issued: the national framework in full (rules.md). */
const penaltyConsequences: Block[] = [
  { p: "Penalty notices are issued to each parent, for each child:", keepNext: true },
  {
    bullets: [
      "a first penalty notice is £{penalty.first}, reduced to £{penalty.reduced} if paid within {penalty.reducedDays} days; it must be paid within {penalty.payDays} days;",
      "a second penalty notice to the same parent for the same child within {penalty.periodYears} years is £{penalty.second}, with no reduction;",
      "there is no third penalty notice within {penalty.periodYears} years: the local authority then considers other action, which can include prosecution under section 444 of the Education Act 1996.",
    ],
  },
];

export const TEMPLATES: LetterTemplate[] = [
  t("attendance-monitoring", "Attendance monitoring letter", 3, "each-parent", [], [], [
    { p: "We keep a close eye on every pupil's attendance, because every day in school matters for learning and for friendships. We are writing to let you know how {pupil.forename}'s attendance looks at the moment." },
    ...figures,
    { p: "Our expectation is that every pupil attends every day; {attendance.target}% or above is where we want every child to be. {pupil.forename} is currently in the **{attendance.band}** band." },
    { p: "There is nothing you need to do in reply to this letter, but if there is something behind the absences that we could help with, such as health, worries about school, or family circumstances, we would like to know." },
    { p: contactUs },
  ]),
  t("medical-evidence-request", "Request for medical evidence", 3, "each-parent", ["medical.dueDate"], ["medical.period"], [
    { p: "Thank you for keeping us informed about {pupil.forename}'s health. We are sorry {pupil.forename} has been unwell." },
    { p: "{pupil.forename} has missed {attendance.sessionsMissedText} ({attendance.daysMissed} days) {attendance.period}, {illness.sessions} of them recorded as illness{#medical.period} ({medical.period}){/medical.period}. So that we can authorise these absences and put the right support in place, please let us have some medical evidence by **{medical.dueDate}**." },
    { p: "This does not need to be a doctor's note, which GP surgeries are often unable to provide. A copy of an appointment card, a prescription, a hospital letter or a note from another health professional is fine." },
    { p: "If {pupil.forename} has a longer-term health condition, we would like to meet you to plan how we can support attendance, for example with an individual healthcare plan or a change to the timetable." },
    { p: contactUs },
  ]),
  t("leave-authorised", "Leave of absence: authorised", 4, "parent-living-with-pupil", ["leave.from", "leave.to"], ["leave.reason", "leave.returnDate"], [
    { p: "Thank you for your application for leave of absence for {pupil.forename}." },
    { p: "The headteacher has agreed that there are exceptional circumstances{#leave.reason} ({leave.reason}){/leave.reason}, and the leave from **{leave.from}** to **{leave.to}** is authorised. It will be recorded with the code C." },
    { p: "We expect {pupil.forename} back in school on {#leave.returnDate}**{leave.returnDate}**{/leave.returnDate}{^leave.returnDate}the next school day after {leave.to}{/leave.returnDate}. If the return is delayed for any reason, please contact us straight away: time away beyond the agreed dates cannot be authorised." },
    { p: "If there is work {pupil.forename} could do while away, the form tutor will be happy to suggest some." },
  ]),
  t("leave-not-authorised", "Leave of absence: not authorised", 4, "parent-living-with-pupil", ["leave.from", "leave.to"], ["leave.reason"], [
    { p: "Thank you for your application for leave of absence for {pupil.forename} from {leave.from} to {leave.to}." },
    { p: "We have considered it carefully. The law allows a headteacher to grant leave in term time only in exceptional circumstances, and we are sorry that on this occasion we are not able to authorise it{#leave.reason} ({leave.reason}){/leave.reason}." },
    { p: "If {pupil.forename} is absent on these dates, the absence will be recorded as unauthorised. Ten sessions (five days) of unauthorised absence within ten school weeks meets the national threshold at which the school must consider a penalty notice, which the local authority may issue to each parent." },
    { p: "We know this may be disappointing. If there is anything about your circumstances that we have not understood, please contact us before the leave so that we can talk it through." },
  ]),
  t("failed-to-return-from-leave", "Failure to return from leave of absence", 4, "parent-living-with-pupil", ["leave.to"], ["leave.returnDate"], [
    { p: "We agreed leave of absence for {pupil.forename} until {leave.to}, and expected {pupil.forename} back in school on {#leave.returnDate}{leave.returnDate}{/leave.returnDate}{^leave.returnDate}the next school day{/leave.returnDate}. {pupil.forename} has not yet returned and we have not heard from you." },
    { p: "We are concerned for {pupil.forename}'s welfare and education. Please contact us today on {school.phone}. Absence after the agreed leave is recorded as unauthorised." },
    { p: "If we cannot make contact, we are required to make further enquiries, which can include a home visit and contacting the local authority's children missing education service. We would much rather hear from you first." },
  ]),
  t("leave-not-authorised-no-application", "Absence not authorised: no application made, or reported ill", 4, "parent-living-with-pupil", ["leave.from", "leave.to"], ["leave.circumstances"], [
    { p: "{pupil.forename} was absent from {leave.from} to {leave.to}. {#leave.circumstances}{leave.circumstances}{/leave.circumstances}{^leave.circumstances}We did not receive an application for leave of absence for these dates.{/leave.circumstances}" },
    { p: "Leave in term time can only be agreed in advance, by application, in exceptional circumstances. Where absence is reported as illness but we have reason to believe it was a holiday, we are not able to authorise it. These sessions have therefore been recorded as unauthorised absence." },
    { p: "{pupil.forename} now has {attendance.unauthorisedSessionsText} of unauthorised absence {attendance.period}. Ten sessions within ten school weeks meets the national threshold at which a penalty notice must be considered." },
    { p: "If there is information we do not have, please contact us so that we can review the record. " + contactUs },
  ]),
  t("initial-attendance-support", "Initial attendance support", 6, "each-parent", [], ["meeting.date", "meeting.time", "meeting.place"], [
    { p: "We want {pupil.forename} to do well, and coming to school every day is a big part of that. {pupil.forename}'s attendance {attendance.period} is **{attendance.percent}**, which means {attendance.daysMissed} days of school missed." },
    ...figures,
    // The forward look: the engine's own arithmetic for this pupil; left out when it says nothing (a chosen period, or the term over).
    { p: "{#forwardLook.sentence}{forwardLook.sentence}{/forwardLook.sentence}" },
    { p: "Absence often has a reason behind it, and we would like to understand what is happening and how we can help. Support we can offer includes a named adult in school to check in with, help with mornings and travel, and referrals to health or early help services." },
    { p: "{#meeting.date}We would like to meet you on **{meeting.date}** at {meeting.time} ({meeting.place}) to talk this through. If that time does not suit, please let us know and we will find another.{/meeting.date}{^meeting.date}Please contact us so that we can arrange a time to talk.{/meeting.date}" },
    { p: contactUs },
  ]),
  t("discussion-summary", "Summary of our discussion", 6, "each-parent", ["meeting.date"], ["meeting.agreed", "meeting.reviewDate"], [
    { p: "Thank you for talking with us on {meeting.date} about {pupil.forename}'s attendance. This letter sums up what we discussed and agreed." },
    { p: "{pupil.forename}'s attendance {attendance.period} is {attendance.percent} ({attendance.daysMissed} days missed)." },
    { p: "**What we agreed:** {#meeting.agreed}{meeting.agreed}{/meeting.agreed}{^meeting.agreed}the support and next steps we talked about, as recorded by the school.{/meeting.agreed}" },
    ...support,
    { p: "{#meeting.reviewDate}We will review how things are going on {meeting.reviewDate}.{/meeting.reviewDate} If anything changes in the meantime, please let us know." },
  ]),
  t("no-response-further-absences", "No response, and further absences", 6, "each-parent", [], ["previousLetterDate"], [
    { p: "We wrote to you{#previousLetterDate} on {previousLetterDate}{/previousLetterDate} about {pupil.forename}'s attendance and have not heard back. Since then {pupil.forename} has had further absences, and attendance {attendance.period} is now **{attendance.percent}**." },
    ...figures,
    { p: "We are worried about the learning {pupil.forename} is missing: {attendance.hoursLost} hours so far. We would really like to work with you to improve things, and there is support we can offer." },
    { p: "Please contact us within the next five school days so that we can arrange a time to meet. " + contactUs },
  ]),
  t("no-response-no-further-absences", "No response, and no further absences", 6, "each-parent", [], ["previousLetterDate"], [
    { p: "We wrote to you{#previousLetterDate} on {previousLetterDate}{/previousLetterDate} about {pupil.forename}'s attendance. We have not heard back, but we are pleased to see that {pupil.forename} has not had any further absences since then. Thank you." },
    { p: "{pupil.forename}'s attendance {attendance.period} is {attendance.percent}. Every extra day in school helps, and we will keep encouraging {pupil.forename}." },
    { p: "If there is anything we can do to help keep things on track, please let us know. " + contactUs },
  ]),
  t("declining-attendance-invitation", "Invitation to a meeting: attendance declining despite support", 7, "each-parent", ["meeting.date", "meeting.time", "meeting.place"], ["meeting.with"], [
    { p: "Despite the support we have put in place, {pupil.forename}'s attendance has continued to fall and is now **{attendance.percent}** {attendance.period}." },
    ...figures,
    ...support,
    { p: "We would like to meet you{#meeting.with}, with {meeting.with},{/meeting.with} to understand what is getting in the way and agree what else we can do together:" },
    { fixedTable: { widths: [1, 3], rows: [["Date", "{meeting.date}"], ["Time", "{meeting.time}"], ["Place", "{meeting.place}"]] } },
    { p: "{pupil.forename} is welcome to join part of the meeting; young people often have the best ideas about what would help. If the time does not suit, please contact us to arrange another." },
  ]),
  t("thank-you-summary-of-support", "Thank you, and summary of support", 7, "each-parent", ["meeting.date"], ["meeting.agreed", "meeting.reviewDate"], [
    { p: "Thank you for meeting us on {meeting.date}. We appreciate the time you gave and how openly we could talk about {pupil.forename}'s attendance." },
    { p: "**What we agreed:** {#meeting.agreed}{meeting.agreed}{/meeting.agreed}{^meeting.agreed}the plan we made together, as recorded by the school.{/meeting.agreed}" },
    ...support,
    { p: "{#meeting.reviewDate}We will meet again on {meeting.reviewDate} to see how it is going.{/meeting.reviewDate} Small improvements matter: please keep encouraging {pupil.forename}, and tell us early if anything gets in the way." },
  ]),
  t("non-engagement", "Non-engagement with support", 7, "each-parent", [], ["meeting.date"], [
    { p: "We have tried to work with you to improve {pupil.forename}'s attendance{#meeting.date}, including the meeting we arranged for {meeting.date}{/meeting.date}, but we have not been able to agree a way forward together." },
    { p: "{pupil.forename}'s attendance {attendance.period} is **{attendance.percent}**, with {attendance.unauthorisedSessionsText} of unauthorised absence." },
    ...support,
    { p: "Support is still available and we would still like to work with you. If we cannot, the next step is a more formal approach, such as an attendance contract, and in time the local authority may consider legal measures. We do not want to reach that point." },
    { p: "Please contact us within five school days. " + contactUs },
  ]),
  t("where-does-my-child-sit", "Where does my child sit? Attendance bands", 7, "each-parent", [], [], [
    { p: "Parents often ask how their child's attendance compares. This table shows the attendance bands we use and where {pupil.forename} is {attendance.period}: **{attendance.percent}**." },
    { table: { header: ["Band", "Attendance", ""], row: ["{label}", "{range}", "{marker}"], loop: "bands", widths: [3, 2, 3] } },
    { p: "Below 90% is **persistent absence**: about half a day missed every week. Over a school year that adds up to nearly four weeks of lessons." },
    { p: contactUs },
  ]),
  t("learning-hours-lost", "Learning hours lost", 7, "each-parent", [], [], [
    { p: "It can be hard to see how a day here and there adds up. Here is what {pupil.forename} has missed {attendance.period}:" },
    ...figures,
    { p: "That is about **{attendance.schoolWeeksLost} school weeks** of lessons. Across a whole year, 90% attendance means missing about 19 days, nearly four weeks of school." },
    { p: "We would like to help {pupil.forename} catch up and attend every day. " + contactUs },
  ]),
  t("contract-meeting-invitation", "Invitation to an attendance contract meeting", 8, "each-parent", ["meeting.date", "meeting.time", "meeting.place"], ["meeting.with"], [
    { p: "We have been working with you to improve {pupil.forename}'s attendance, which is **{attendance.percent}** {attendance.period}. Because it has not improved enough, we would like to agree an attendance contract with you." },
    { p: "An attendance contract is a voluntary written agreement between you and the school. It sets out what we will each do, the support the school will provide, and how we will review progress. It is not legally binding, but it is an important step, and we want it to be something you are happy to sign." },
    { fixedTable: { widths: [1, 3], rows: [["Date", "{meeting.date}"], ["Time", "{meeting.time}"], ["Place", "{meeting.place}"]] } },
    { p: "{#meeting.with}{meeting.with} will also be there. {/meeting.with}Please bring anything you would like us to know. If the time does not suit, contact us to arrange another." },
  ]),
  t("contract-meeting-rearranged", "Attendance contract meeting re-arranged", 8, "each-parent", ["meeting.date", "meeting.time", "meeting.place"], [], [
    { p: "We have re-arranged the meeting about an attendance contract for {pupil.forename}. It will now be on:" },
    { fixedTable: { widths: [1, 3], rows: [["Date", "{meeting.date}"], ["Time", "{meeting.time}"], ["Place", "{meeting.place}"]] } },
    { p: "The meeting is to agree an attendance contract to support {pupil.forename}'s attendance, which is {attendance.percent} {attendance.period}. It is important that we meet, so please contact us straight away if this time is not possible." },
  ]),
  t("attendance-contract", "Attendance contract", 8, "each-parent", ["contract.start", "contract.review"], ["contract.targets", "contract.schoolSupport", "contract.parentActions"], [
    { h: "Attendance contract for {pupil.fullName}" },
    { p: "This contract is a voluntary agreement between {school.name}, {parent.fullName} and {pupil.fullName}. It starts on **{contract.start}** and will be reviewed on **{contract.review}**." },
    { p: "{pupil.forename}'s attendance {attendance.period} is {attendance.percent} ({attendance.daysMissed} days missed)." },
    { h: "Targets" },
    { p: "{#contract.targets}{contract.targets}{/contract.targets}{^contract.targets}{pupil.forename} attends every day, on time, aiming for at least {attendance.target}% attendance.{/contract.targets}" },
    { h: "What the school will do" },
    { p: "{#contract.schoolSupport}{contract.schoolSupport}{/contract.schoolSupport}{^contract.schoolSupport}Provide a named member of staff for {pupil.forename} to check in with each morning; keep you informed of attendance weekly; arrange any referrals agreed at the meeting.{/contract.schoolSupport}" },
    { h: "What the parent will do" },
    { p: "{#contract.parentActions}{contract.parentActions}{/contract.parentActions}{^contract.parentActions}Make sure {pupil.forename} attends every day and on time; contact the school by 9am on any day of absence; attend review meetings.{/contract.parentActions}" },
    { h: "What {pupil.forename} will do" },
    { p: "Come to school every day and on time, and tell a trusted adult in school if anything is making that hard." },
    { p: "If the contract is not kept, the school will meet you to review it. Continued absence may lead the local authority to consider further action." },
    { fixedTable: { widths: [2, 3, 2], rows: [["Signed (parent)", "", "Date"], ["Signed (pupil)", "", "Date"], ["Signed (school)", "", "Date"]] } },
  ]),
  t("contract-meeting-not-attended", "Failure to attend the attendance contract meeting", 8, "each-parent", ["meeting.date"], [], [
    { p: "We arranged a meeting on {meeting.date} to agree an attendance contract for {pupil.forename}, but you did not attend and we did not hear from you." },
    { p: "{pupil.forename}'s attendance {attendance.period} is **{attendance.percent}**, with {attendance.unauthorisedSessionsText} of unauthorised absence. We remain concerned." },
    { p: "An attendance contract is voluntary, but we need to show that support has been offered. If we cannot agree a contract, the local authority may consider formal action. Please contact us within five school days to arrange another meeting. " + contactUs },
  ]),
  t("contract-not-kept", "Failure to keep to the attendance contract", 8, "each-parent", ["contract.start"], ["meeting.date", "meeting.time", "meeting.place"], [
    { p: "On {contract.start} we agreed an attendance contract to support {pupil.forename}'s attendance. Since then attendance has not improved as we agreed: it is now **{attendance.percent}** {attendance.period}." },
    ...figures,
    { p: "{#meeting.date}We would like to meet you on {meeting.date} at {meeting.time} ({meeting.place}) to review the contract and the support in place.{/meeting.date}{^meeting.date}We would like to meet you to review the contract and the support in place; please contact us to arrange a time.{/meeting.date}" },
    { p: "If attendance does not improve, the next step may be a Notice to Improve and then a referral to the local authority, who may consider a penalty notice or prosecution. We would much rather find a way forward together." },
  ]),
  t("notice-to-improve", "Notice to Improve (national threshold met)", 9, "each-parent", ["nti.periodStart", "nti.periodEnd", "nti.improvement"], [], [
    { h: "Notice to Improve" },
    { p: "This is a formal notice about {pupil.fullName}'s attendance. It is a final opportunity to work with the school to improve attendance before a penalty notice is considered." },
    { p: "As a parent, you have a legal duty under section 7 of the Education Act 1996 to make sure that {pupil.forename}, who is of compulsory school age and registered at this school, receives a suitable full-time education by attending school regularly. If {pupil.forename} does not attend regularly, you may be committing an offence under section 444 of that Act." },
    { p: "In the {thresholdMet.weeks} school weeks from {thresholdMet.windowStart} to {thresholdMet.windowEnd}, {pupil.forename} had **{thresholdMet.count} sessions of unauthorised absence**. This meets the national threshold of {thresholdMet.limit} sessions of unauthorised absence within {thresholdMet.weeks} school weeks, at which the school must consider a penalty notice. The sessions are:", keepNext: true },
    { table: { header: ["Date", "Session", "Code", "Reason recorded"], row: ["{date}", "{when}", "{code}", "{meaning}"], loop: "thresholdMet.sessions", widths: [3.6, 1.5, 0.9, 3] } },
    ...support,
    { h: "The improvement period" },
    { p: "The improvement period starts on **{nti.periodStart}** and ends on **{nti.periodEnd}**: {nti.periodWeeks} school weeks, not counting school holidays.{#nti.provisional} {nti.provisionalNote}{/nti.provisional}" },
    { p: "**What sufficient improvement means:** {nti.improvement}" },
    { p: "{#hasSupport}The support set out above remains available, and we want{/hasSupport}{^hasSupport}Support is available, and we want{/hasSupport} to meet you to agree how we can help." },
    { h: "If attendance does not improve" },
    { p: "The school may ask the local authority to issue a penalty notice. If it becomes clear during the improvement period that attendance is not improving, we will tell you in writing before we ask, and we may then ask before the period ends." },
    ...penaltyConsequences,
    { p: "Your contact at school for this notice is **{nti.contact}**. Please contact them straight away to arrange a meeting: {school.phone} or {school.email}." },
  ]),
  t("improvement-not-being-met", "Notice to Improve: improvement not being met", 9, "each-parent", [], [], [
    { h: "Improvement not being met" },
    { p: "On {ntiIssued.date} we gave you a Notice to Improve about {pupil.fullName}'s attendance. Its improvement period runs to {ntiIssued.periodEnd}{#ntiIssued.provisional} (provisional: later school holidays are not yet known){/ntiIssued.provisional}." },
    { p: "Since the notice, {pupil.forename} has had **{ntiIssued.countText} of unauthorised absence**; the notice allowed {ntiIssued.allowedText}. The sessions are:", keepNext: true },
    { table: { header: ["Date", "Session", "Code", "Reason recorded"], row: ["{date}", "{when}", "{code}", "{meaning}"], loop: "ntiIssued.sessions", widths: [3.6, 1.5, 0.9, 3] } },
    { p: "The improvement the notice asked for is not happening. We are writing to tell you, before we do so, that the school intends to ask the local authority to issue a penalty notice without waiting for the end of the improvement period." },
    ...penaltyConsequences,
    { p: "If there is something we do not know about these absences, such as illness or another reason, please contact us within five school days, before the request is made: {school.phone} or {school.email}." },
  ]),
  t("section-444-checklist", "Section 444 referral checklist", 9, "internal", [], ["referral.officer", "referral.notes"], [
    { h: "Referral checklist: section 444, Education Act 1996" },
    { p: "Pupil: **{pupil.fullName}** (UPN {pupil.upn}), Year {pupil.year}, {pupil.reg}. Prepared by {letter.staff} on {letter.date}{#referral.officer} for {referral.officer}{/referral.officer}." },
    { fixedTable: { widths: [3, 2], rows: [["Attendance {attendance.period}", "{attendance.percent}"], ["Unauthorised sessions", "{attendance.unauthorisedSessions}"], ["Unauthorised sessions in the current 10-week window", "{threshold.count}"], ["Threshold first met", "{threshold.firstMetOn}"]] } },
    { h: "Support-first evidence" },
    { table: { header: ["Step", "Status", "Evidence"], row: ["{name}", "{status}", "{message}"], loop: "readiness", widths: [3, 1.5, 5] } },
    { h: "Enclosures" },
    { bullets: ["Chronology of attendance and actions (evidence pack)", "Register extract by school week for the period", "Copies of letters sent, with how and when each was delivered", "Attendance contract, or the recorded reason why none was made", "Notice to Improve and the outcome of the improvement period, where used", "Notes of meetings and the support offered"] },
    { p: "{#referral.notes}Notes: {referral.notes}{/referral.notes}" },
    { p: "Offences: section 444(1) (failure to secure regular attendance; strict liability) and section 444(1A) (knowingly failing to secure regular attendance)." },
  ]),
  t("evidence-pack", "Evidence pack for a referral", 9, "internal", ["chronology", "extract"], ["referral.officer", "referral.notes"], [
    { h: "Evidence pack: {pupil.fullName}" },
    { p: "UPN {pupil.upn}, Year {pupil.year}, {pupil.reg}. Date of birth: {pack.dob}. Address: {pack.address}. Special educational needs: {pack.sen}. Prepared by {letter.staff} on {letter.date}{#referral.officer} for {referral.officer}{/referral.officer}." },
    { p: "Social care and other agencies (Pupils sheet): child in need (CIN): {pack.cin}; child protection plan (CP): {pack.cp}; looked after (CLA): {pack.cla}. Name any other agency involved in the notes." },
    { p: "Period covered: {pack.from} to {pack.to}. Attendance {attendance.period}: {attendance.percent}, {attendance.unauthorisedSessionsText} of unauthorised absence. National threshold: {pack.threshold}" },
    { p: "{#hasNMarks}Unresolved N marks: {pack.nCount} still marked N (no reason yet provided). They are listed below; the threshold is not called met on them, and the reasons must be recorded before the referral.{/hasNMarks}{#noNMarks}No N marks remain: every absence in the period has a reason recorded.{/noNMarks}" },
    { loopLines: { loop: "nMarks", line: "•\u00a0{date} {when}" } },
    { h: "1. Parents and carers" },
    { table: { header: ["Name", "Relationship", "Parental respons\u00adibility", "Lives with pupil", "Address", "Phone and email"], row: ["{name}", "{relationship}", "{responsibility}", "{livesWith}", "{address}", "{contact}"], loop: "parents", widths: [2.3, 2.4, 2.3, 1.7, 2.8, 2.6] } },
    { h: "2. Each parent: in law, support offered, notices" },
    { table: { header: ["Parent", "Parent in law", "Support offered to them", "Notices to Improve", "Penalty notices"], row: ["{name}", "{inLaw}", "{support}", "{notices}", "{penalties}"], loop: "perParent", widths: [2.2, 2.2, 3.4, 3.4, 2.8] } },
    { h: "3. Section 444 checklist: support-first evidence" },
    { table: { header: ["Step", "Status", "Evidence"], row: ["{name}", "{status}", "{message}"], loop: "readiness", widths: [3, 1.5, 5] } },
    { bullets: ["Attendance contract, or the recorded reason why none was made", "Notice to Improve and the outcome of the improvement period, where used", "Notes of meetings and the support offered"] },
    { p: "Offences: section 444(1) and section 444(1A), Education Act 1996. {#referral.notes}Notes: {referral.notes}{/referral.notes}" },
    { h: "4. Contact with each parent" },
    { table: { header: ["Parent", "Date", "What", "Detail", "Staff"], row: ["{parent}", "{date}", "{what}", "{detail}", "{staff}"], loop: "contactHistory", widths: [2.4, 2.6, 2.2, 4.4, 2.4] } },
    { h: "5. Letters sent (exhibits), and how and when each was delivered" },
    { p: "A copy of each letter is attached, marked with its exhibit number ({pack.exhibits})." },
    { table: { header: ["Exhibit", "Date", "Letter", "To", "Delivery", "Staff"], row: ["{exhibit}", "{date}", "{letter}", "{parent}", "{delivery}", "{staff}"], loop: "letters", widths: [1.9, 2.6, 3, 2.4, 2.7, 2.4] } },
    { pageBreak: true },
    { h: "6. Chronology" },
    { table: { header: ["Date", "What", "Detail", "Who"], row: ["{date}", "{title}", "{detail}", "{who}"], loop: "chronology", widths: [2.3, 3, 5.7, 3] } },
    { pageBreak: true },
    { h: "7. Attendance register extract, {pack.from} to {pack.to}: marks by school week (AM PM)" },
    { table: { header: ["Week of", "Mon", "Tue", "Wed", "Thu", "Fri", "Attendance"], row: ["{week}", "{mon}", "{tue}", "{wed}", "{thu}", "{fri}", "{percent}"], loop: "extract", widths: [2.6, 1.3, 1.3, 1.3, 1.3, 1.3, 2.4] } },
    { p: "Key to every code in this extract:", keepNext: true },
    { table: { header: ["Code", "Meaning", "Counts as"], row: ["{code}", "{meaning}", "{kind}"], loop: "legend", widths: [1, 5, 3] } },
    { p: "I certify that this is a true extract of the attendance register kept by {school.name} under the School Attendance (Pupil Registration) (England) Regulations 2024, for the period {pack.from} to {pack.to}.", keepNext: true },
    { fixedTable: { widths: [2, 5], rows: [["Signed", ""], ["Name", "{pack.signatoryName}"], ["Position", "{pack.signatoryRole}"], ["Date", ""]] } },
    { pageBreak: true },
    { h: "8. Certificate of attendance for the offence period (section 566, Education Act 1996)" },
    { p: "I, {pack.signatoryName}{#pack.signatoryRole}, {pack.signatoryRole}{/pack.signatoryRole}, the head teacher of {school.name} or a person authorised by the head teacher to sign this certificate, certify that according to the attendance register kept by the school, {pupil.fullName} (date of birth {pack.dob}) attended as follows from {pack.offenceFrom} to {pack.offenceTo}:", keepNext: true },
    { fixedTable: { widths: [4, 2], rows: [["Possible sessions", "{pack.offencePossible}"], ["Sessions attended", "{pack.offenceAttended}"], ["Authorised absence (sessions)", "{pack.offenceAuthorised}"], ["Unauthorised absence (sessions)", "{pack.offenceUnauthorised}"], ["Attendance", "{pack.offencePercent}"]] } },
    { fixedTable: { widths: [2, 5], rows: [["Signed", ""], ["Name", "{pack.signatoryName}"], ["Position", "{pack.signatoryRole}"], ["Date", ""]] } },
    { h: "9. Witness statement (draft, for the member of staff to complete and sign)" },
    { p: "Statement of {pack.signatoryName}{#pack.signatoryRole}, {pack.signatoryRole}{/pack.signatoryRole}, {school.name}. Criminal Justice Act 1967, section 9; Magistrates' Courts Act 1980, section 5B; Criminal Procedure Rules, rule 16.2." },
    { p: "This statement, consisting of [ ] pages each signed by me, is true to the best of my knowledge and belief and I make it knowing that, if it is tendered in evidence, I shall be liable to prosecution if I have wilfully stated in it anything which I know to be false, or do not believe to be true." },
    { p: "I am {pack.signatoryRole} at {school.name}. {pupil.fullName}, born {pack.dob}, is a registered pupil at the school and of compulsory school age. From {pack.offenceFrom} to {pack.offenceTo}, {pupil.forename} attended {pack.offenceAttended} of {pack.offencePossible} possible sessions ({pack.offencePercent}), with {pack.offenceUnauthorised} sessions of unauthorised absence, as the certificate of attendance shows. The school wrote to each parent and offered support as set out in this pack; the letters are exhibits {pack.exhibits}. [Describe in your own words the support offered, the meetings held and each parent's response.]" },
    { fixedTable: { widths: [2, 5], rows: [["Signed", ""], ["Date", ""]] } },
  ]),
];

/** The parts every letter shares: letterhead, addressee, date, reference line, sign-off. */
export function letterParts(tpl: LetterTemplate): { header: Block[]; body: Block[]; footer: Block[] } {
  const header: Block[] = [
    { p: "{school.name}", bold: true, align: "right", spaceAfter: 0 },
    { loopLines: { loop: "school.addressLines", line: "{.}", align: "right" } },
    { p: "{school.phone}   {school.email}", align: "right", spaceAfter: 120 },
  ];
  const footer: Block[] = [{ p: "{letter.title}. Sent {letter.deliveryText} on {letter.date}. Ref. {letter.reference}", spaceAfter: 0 }];
  if (tpl.addressedTo === "internal") {
    const internalFooter: Block[] = [{ p: "{letter.title}. Prepared by {letter.staff} on {letter.date}. Ref. {letter.reference}", spaceAfter: 0 }];
    return { header, footer: internalFooter, body: [...tpl.body, { p: "", keepNext: true }, { lines: ["{letter.staff}", "{school.name}"], keepTogether: true }] };
  }
  const top: Block[] = [
    { p: "PRIVATE AND CONFIDENTIAL", bold: true, spaceAfter: 120 },
    { lines: ["{parent.fullName}"] },
    { loopLines: { loop: "parent.addressLines", line: "{.}" } },
    { lines: ["{parent.postcode}"] },
    { p: "" },
    { p: "{letter.date}" },
    { p: "{parent.salutation}" },
    { p: "**Re: {pupil.fullName}, Year {pupil.year}{#pupil.reg} ({pupil.reg}){/pupil.reg}**" },
  ];
  // The sign-off never stands alone on a page: it is kept with the letter's last paragraph.
  const end: Block[] = [{ p: "Yours sincerely,", keepNext: true }, { p: "", keepNext: true }, { lines: ["{school.signatoryName}", "{school.signatoryRole}"], keepTogether: true }];
  // A body ending in a table (the contract's signature boxes) has the sign-off before the table, kept
  // with the last paragraph, so "Yours sincerely" never stands alone at the top of a page.
  let tail = tpl.body.length;
  while (tail > 1 && "fixedTable" in tpl.body[tail - 1] && "p" in tpl.body[tail - 2]) tail--;
  const body = tpl.body.slice(0, tail).map((b, i) => (i === tail - 1 && "p" in b ? { ...b, keepNext: true } : b));
  return { header, footer, body: [...top, ...body, ...end, ...tpl.body.slice(tail)] };
}

export function templateById(id: string): LetterTemplate | undefined {
  return TEMPLATES.find((x) => x.id === id);
}
