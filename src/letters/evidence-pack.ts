/**
 * The evidence pack for a referral as one .docx: what a section 444 referral asks for (the pupil,
 * each parent with their address, parental responsibility and whether the pupil lives with them,
 * the contact history per parent, every letter with how and when it was delivered, the section 444
 * checklist filled in, the chronology, and the register extract with a legend of every code in it,
 * the period it covers and a line for the person certifying it). Built on the "evidence-pack"
 * template, so a trust can restyle it in Word like any letter.
 */
import type { Analysis } from "../engine/analyse";
import { describeCode, MarkClass, markClassName } from "../engine/codes";
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

const SEN: Record<string, string> = { N: "No special educational needs", K: "SEN support", E: "Education, health and care plan" };
const CLASS_TEXT: Record<string, string> = { attended: "present or approved activity", authorised: "authorised absence", unauthorised: "unauthorised absence", "not-possible": "not a possible session" };
const yesNo = (v: string) => (/^(y|yes|true)$/i.test(v.trim()) ? "Yes" : /^(n|no|false)$/i.test(v.trim()) ? "No" : v.trim() || "Not recorded");

/** The pack's extra merge data. */
export function evidencePackData(analysis: Analysis, pupilIndex: number, evidence: PupilEvidence, contacts: readonly PackContact[] = []) {
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
  // Every letter, with how and when it was delivered, as logged.
  const letters = evidence.chronology
    .filter((c) => c.kind === "action" && c.title === "Letter")
    .map((c) => ({ date: uk(c.date), letter: c.detail.split(". ")[0] || "Letter", parent: c.parent ?? "", delivery: c.detail.split(". ").slice(1).join(". ") || "Delivery not recorded", staff: c.staff ?? "" }));
  const from = weeks.length ? formatUkLong(parseDate(weeks[0].weekStart)!) : "";
  const to = analysis.asOf ? formatUkLong(parseDate(analysis.asOf)!) : "";
  const dob = pupil.details.dob && parseDate(pupil.details.dob) !== null ? formatUkLong(parseDate(pupil.details.dob)!) : "Not recorded";
  return {
    chronology,
    extract,
    legend,
    parents,
    contactHistory,
    letters: letters.length > 0 ? letters : [{ date: "", letter: "No letters recorded", parent: "", delivery: "", staff: "" }],
    pack: {
      from,
      to,
      dob,
      sen: SEN[(pupil.details.sen ?? "").trim().toUpperCase()] ?? (pupil.details.sen?.trim() || "Not recorded"),
    },
  };
}
