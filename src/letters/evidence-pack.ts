/**
 * The evidence pack for a referral as one .docx: what a section 444 referral asks for (the pupil,
 * each parent with their address, parental responsibility and whether the pupil lives with them,
 * the contact history per parent, every letter with how and when it was delivered, the section 444
 * checklist filled in, the chronology, and the register extract with a legend of every code in it,
 * the period it covers and a line for the person certifying it). Built on the "evidence-pack"
 * template, so a trust can restyle it in Word like any letter.
 */
import { SEN_PROVISION } from "../engine/summary";
import type { ActionEntry } from "../engine/actions";
import type { Analysis } from "../engine/analyse";
import { caseAt, namesContact } from "../engine/case-record";
import { codeId, describeCode, MarkClass, markClassName } from "../engine/codes";
import { thresholdWindow } from "../engine/letter-facts";
import { periodCounts } from "../engine/period";
import { matchContact } from "../engine/contact-rules";
import { formatUkLong, formatUkShort, parseDate } from "../engine/dates";
import type { PupilEvidence } from "../engine/evidence";
import { attendanceExtract } from "../engine/extract";

/** A parent as the Contacts sheet holds them (the fields the pack needs). */
export interface PackContact {
  title: string;
  forename: string;
  surname: string;
  relationship: string;
  parentalResponsibility: string;
  livesWithPupil: boolean | null;
  address: string[];
  postcode: string;
  email: string;
  phone: string;
}

// The DfE's SEN provision codes in words: one table, in the engine.
const SEN = SEN_PROVISION;
const CLASS_TEXT: Record<string, string> = { attended: "present or approved activity", authorised: "authorised absence", unauthorised: "unauthorised absence", "not-possible": "not a possible session" };
const yesNo = (v: string) => (/^(y|yes|true)$/i.test(v.trim()) ? "Yes" : /^(n|no|false)$/i.test(v.trim()) ? "No" : v.trim() || "Not recorded");

/** The pack's extra merge data. */
export function evidencePackData(analysis: Analysis, pupilIndex: number, evidence: PupilEvidence, contacts: readonly PackContact[] = [], entries: readonly ActionEntry[] = [], signatory: { name?: string; role?: string } = {}) {
  const uk = (iso: string) => (parseDate(iso) !== null ? formatUkShort(parseDate(iso)!) : iso);
  const nameOf = (c: PackContact) => [c.title, c.forename, c.surname].filter(Boolean).join(" ");
  const pupil = analysis.pupils[pupilIndex];
  const chronology = evidence.chronology.map((c) => ({
    date: uk(c.date),
    title: c.supersededBy ? `${c.title} (corrected by ${c.supersededBy})` : c.supersedes ? `${c.title} (corrects ${c.supersedes})` : c.title,
    detail: c.detail,
    who: [c.parent, c.staff].filter(Boolean).join("; "),
  }));
  const weeks = attendanceExtract(analysis, pupilIndex);
  const extract = weeks.map((w) => ({
    week: uk(w.weekStart),
    mon: w.days[0],
    tue: w.days[1],
    wed: w.days[2],
    thu: w.days[3],
    fri: w.days[4],
    percent: w.attendancePercent === null ? "" : `${w.attendancePercent.toFixed(1)}%`,
  }));
  // A legend of every code the extract shows, and nothing it does not.
  const shown = new Set(weeks.flatMap((w) => w.days.flatMap((d) => d.split(" "))).filter((c) => c !== ""));
  const legend = [...shown]
    .sort()
    .map((code) => {
      if (code === "-") return { code, meaning: "No mark recorded", kind: "" };
      const c = describeCode(code);
      const cls = c ? markClassName(c.markClass as MarkClass) : null;
      return { code, meaning: c?.meaning ?? "Not a register code", kind: cls ? CLASS_TEXT[cls] : "" };
    });
  const parents = contacts.map((c) => ({
    name: nameOf(c),
    relationship: c.relationship || "Not recorded",
    responsibility: yesNo(c.parentalResponsibility),
    livesWith: c.livesWithPupil === null ? "Not recorded" : c.livesWithPupil ? "Yes" : "No",
    address: [...c.address, c.postcode].filter((x) => x.trim() !== "").join(", ") || "No address held",
    contact: [c.phone, c.email].filter(Boolean).join("; ") || "None held",
  }));
  // Contact with each parent: the log's calls, letters, meetings and visits, by their Contacts entry.
  const contactTypes = new Set(["Call", "Letter", "Meeting", "Home visit", "Notice to Improve", "Penalty notice", "Attendance contract"]);
  const items = evidence.chronology.filter((c) => c.kind === "action" && contactTypes.has(c.title));
  const contactHistory = contacts.flatMap((c, i) => {
    const rows = items.filter((x) => x.parent && matchContact(x.parent, contacts) === i);
    const out = rows.map((x) => ({ parent: nameOf(c), date: uk(x.date), what: x.title, detail: x.detail, staff: x.staff ?? "" }));
    return out.length > 0 ? out : [{ parent: nameOf(c), date: "", what: "No contact recorded with this parent", detail: "", staff: "" }];
  });
  const unnamed = items.filter((x) => !x.parent || matchContact(x.parent, contacts) < 0);
  for (const x of unnamed) contactHistory.push({ parent: x.parent ? `${x.parent} (not on the Contacts sheet)` : "No parent named", date: uk(x.date), what: x.title, detail: x.detail, staff: x.staff ?? "" });
  // Every letter (a Notice to Improve and a penalty notice are letters too), with how and when it was
  // delivered, as logged; each is an exhibit, numbered in date order, to be attached as a copy.
  const LETTER_TITLES = new Set(["Letter", "Notice to Improve", "Penalty notice"]);
  const letters = evidence.chronology
    .filter((c) => c.kind === "action" && LETTER_TITLES.has(c.title) && !c.supersededBy && (c.title === "Letter" || /^Issued\b/.test(c.detail)))
    .map((c, i) => ({ exhibit: `EX${i + 1}`, date: uk(c.date), letter: c.title === "Letter" ? c.detail.split(". ")[0] || "Letter" : c.title, parent: c.parent ?? "", delivery: c.detail.split(". ").slice(1).join(". ") || "Delivery not recorded", staff: c.staff ?? "" }));
  const from = weeks.length ? formatUkLong(parseDate(weeks[0].weekStart)!) : "";
  const asOfDay = analysis.asOf ? parseDate(analysis.asOf)! : 0;
  const to = analysis.asOf ? formatUkLong(asOfDay) : "";
  // Sessions still marked N (no reason yet): flagged, and the threshold is not called met on them.
  const { dataset } = analysis;
  const marks = dataset.marks[pupilIndex];
  const nId = codeId("N");
  const nSessions = dataset.sessions.filter((x, s) => x.day <= asOfDay && s < analysis.calendar.limit && marks[s] === nId).map((x) => x.label);
  const th = analysis.policy.nationalThreshold;
  const codes = analysis.policy.unresolvedN.holdLegalLetters ? th.countedCodes.filter((c) => c !== "N") : th.countedCodes;
  const window = thresholdWindow(analysis, pupilIndex, analysis.calendar.schoolYearStart, asOfDay, codes);
  const thresholdText = window
    ? `Met: ${window.sessions.length} sessions of unauthorised absence from ${formatUkLong(window.start)} to ${formatUkLong(window.end)}${nSessions.length ? ", none of them an unresolved N" : ""}.`
    : nSessions.length && thresholdWindow(analysis, pupilIndex, analysis.calendar.schoolYearStart, asOfDay, th.countedCodes)
      ? `Not met: reached only by counting ${nSessions.length} session${nSessions.length === 1 ? "" : "s"} still marked N (no reason yet provided). Record the reasons before any referral.`
      : "Not met this school year.";
  // The offence period: from the start of the Notice to Improve's period (or of the window that met
  // the threshold) to the as-of date; the certificate covers exactly it.
  const source = { analysis, pupilIndex, entries, contacts: contacts.map((c) => ({ ...c })) };
  const family = caseAt(source, asOfDay, null);
  const nti = family.noticesToImprove[family.noticesToImprove.length - 1];
  const offenceFrom = nti ? parseDate(nti.periodStart)! : window ? window.start : analysis.calendar.schoolYearStart;
  const offence = periodCounts(dataset, pupilIndex, offenceFrom, asOfDay);
  const offencePct = offence.possible > 0 ? `${(Math.floor((offence.attended * 1000) / offence.possible) / 10).toFixed(1)}%` : "no possible sessions";
  // Each parent's own account: in law or not, the support offered to them, the notices to them.
  const perParent = contacts.map((c, i) => {
    const view = caseAt(source, asOfDay, source.contacts[i]);
    const next = view.nextPenaltyNotice;
    return {
      name: nameOf(c),
      inLaw: view.parentInLaw.ok ? "Yes" : `No: ${view.parentInLaw.sentence}`,
      support: view.support.map((e) => `${formatUkShort(e.day)} ${e.type === "support-offered" ? e.detail : e.detail || e.type}`).join("; ") || "None recorded for this parent",
      notices: view.noticesToImprove.map((n) => `${uk(n.issuedOn)}: period ${uk(n.periodStart)} to ${uk(n.periodEnd)}; ${n.message}`).join(" ") || "None",
      penalties: [
        ...view.penaltyNotices.filter((n) => namesContact(n.parent, source.contacts[i], source.contacts)).map((n) => `${uk(n.issuedOn)}: notice ${n.sequence}, ${n.status}`),
        view.parentInLaw.ok && next ? `Next: ${next.reason}` : "",
      ].filter(Boolean).join(" ") || "None",
    };
  });
  // Social care and other agencies, as the Pupils sheet records them.
  const flag = (v: string | undefined) => (/^(y|yes|true)$/i.test((v ?? "").trim()) ? "Yes" : /^(n|no|false)$/i.test((v ?? "").trim()) ? "No" : "Not recorded");
  const home = contacts.find((c) => c.livesWithPupil === true && c.address.length > 0);
  const dob = pupil.details.dob && parseDate(pupil.details.dob) !== null ? formatUkLong(parseDate(pupil.details.dob)!) : "Not recorded";
  return {
    chronology,
    extract,
    legend,
    parents,
    contactHistory,
    letters: letters.length > 0 ? letters : [{ exhibit: "", date: "", letter: "No letters recorded", parent: "", delivery: "", staff: "" }],
    perParent,
    nMarks: nSessions.map((label) => ({ date: uk(label.slice(0, 10)), when: label.endsWith("PM") ? "PM" : "AM" })),
    hasNMarks: nSessions.length > 0,
    noNMarks: nSessions.length === 0,
    pack: {
      from,
      to,
      dob,
      address: home ? [...home.address, home.postcode].filter((x) => x.trim() !== "").join(", ") : "Not recorded: no contact the pupil lives with has an address on the Contacts sheet",
      threshold: thresholdText,
      nCount: `${nSessions.length} session${nSessions.length === 1 ? " is" : "s are"}`,
      cla: flag(pupil.details.cla),
      cin: flag(pupil.details.cin),
      cp: flag(pupil.details.cp),
      offenceFrom: formatUkLong(offenceFrom),
      offenceTo: to,
      offencePossible: offence.possible.toLocaleString("en-GB"),
      offenceAttended: offence.attended.toLocaleString("en-GB"),
      offenceAuthorised: offence.authorised.toLocaleString("en-GB"),
      offenceUnauthorised: offence.unauthorised.toLocaleString("en-GB"),
      offencePercent: offencePct,
      signatoryName: signatory.name || "",
      signatoryRole: signatory.role || "",
      exhibits: letters.length > 0 ? `${letters[0].exhibit} to ${letters[letters.length - 1].exhibit}` : "none",
      sen: SEN[(pupil.details.sen ?? "").trim().toUpperCase()] ?? (pupil.details.sen?.trim() || "Not recorded"),
    },
  };
}
