/**
 * One case record behind every letter and pack: a fact is true as at a date, and of a person.
 *
 * `caseAt(source, date, contact)` is the one way the engine sees a pupil's case for a document: the
 * register and the actions log as they stood on the document's date (marks and entries after it do
 * not exist for it), and the log read for the person the document is addressed to (the meetings
 * they were invited to and attended, the calls with them, the notices given to them). Letters,
 * the evidence pack, readiness and the panes ask it, never the raw log.
 */
import { ActionEntry } from "./actions";
import { analyse, Analysis } from "./analyse";
import { matchContact, parentKey, sameParent } from "./contact-rules";
import { DayNumber, formatIso, formatUkLong, parseDate } from "./dates";
import { noticesToImprove, NoticeToImproveStatus } from "./notice-to-improve";
import { NextNotice, nextPenaltyNotice, PenaltyNotice, penaltyNotices } from "./penalty-notices";

/** A parent or carer as the Contacts sheet records them: a person, not a name in a cell. */
export interface CaseContact {
  title: string;
  forename: string;
  surname: string;
  /** The Contacts sheet's "Parental responsibility": Y, N or empty (not recorded). */
  parentalResponsibility: string;
  livesWithPupil: boolean | null;
  /** Row on the Contacts sheet, where known: with the name, a stable identity for two parents of one name. */
  row?: number;
}

export const contactName = (c: Pick<CaseContact, "title" | "forename" | "surname">) => [c.title, c.forename, c.surname].filter(Boolean).join(" ");

export interface CaseSource {
  analysis: Analysis;
  pupilIndex: number;
  /** The pupil's entries that still count (not superseded), any date. */
  entries: readonly ActionEntry[];
  /** The pupil's parents and carers (Contacts sheet), for matching names in the log to people. */
  contacts?: readonly CaseContact[];
}

/** A meeting (or home visit, or contract meeting) as it concerns one parent. */
export interface MeetingForParent {
  entry: ActionEntry;
  /** Invited: true, false, or null when the log does not say who was invited. */
  invited: boolean | null;
  /** Attended: true, false, or null when the log does not say. */
  attended: boolean | null;
}

export interface ParentInLaw {
  /** A parent in law for education (Education Act 1996 s.576): parental responsibility or day-to-day care. */
  ok: boolean;
  /** Why not, in one sentence (empty when ok). */
  sentence: string;
}

export interface CaseAt {
  /** The analysis as at the date: the register after it does not exist. */
  analysis: Analysis;
  pupilIndex: number;
  date: DayNumber;
  contact: CaseContact | null;
  /** Entries on or before the date. */
  entries: ActionEntry[];
  /** Whether an entry concerns the contact: names them (Parent, Invited, Attended), or names no parent at all. */
  concerns: (e: ActionEntry) => boolean;
  /** Whether an entry names the contact (the only parent on record, for an entry naming no one). */
  names: (e: ActionEntry) => boolean;
  /** Support offered to this parent (or to the family without naming a parent) before the date. */
  support: ActionEntry[];
  meetings: MeetingForParent[];
  /** Calls with this parent, and whether we heard from them (an incoming call, or one answered). */
  calls: Array<{ entry: ActionEntry; heardFrom: boolean }>;
  parentInLaw: ParentInLaw;
  /** Notices to Improve to this parent (all parents when no contact), as at the date. */
  noticesToImprove: NoticeToImproveStatus[];
  /** Every penalty notice for this child as at the date; nextPenaltyNotice is for this parent. */
  penaltyNotices: PenaltyNotice[];
  nextPenaltyNotice: NextNotice | null;
}

const DID_NOT_ATTEND = /did not attend|not attend|\bdna\b|no[- ]show|failed to attend/i;
const NOT_HEARD = /no answer|no reply|not answered|voicemail|no response|unobtainable|wrong number|engaged tone|message left/i;
const SUPPORT_TYPES = new Set(["support-offered", "meeting", "attendance-contract", "home-visit", "pupil-check-in"]);

/** The register as at an earlier date: one analysis per date, kept with the analysis it came from. */
const atDates = new WeakMap<Analysis, Map<DayNumber, Analysis>>();
export function analysisAsAt(analysis: Analysis, date: DayNumber): Analysis {
  const asOf = analysis.asOf ? parseDate(analysis.asOf)! : null;
  if (asOf === null || date >= asOf) return analysis;
  let byDate = atDates.get(analysis);
  if (!byDate) atDates.set(analysis, (byDate = new Map()));
  let a = byDate.get(date);
  if (!a) byDate.set(date, (a = analyse(analysis.dataset, { asOf: formatIso(date), policy: analysis.policy })));
  return a;
}

/** Whether a name in the log is this contact: their full name, or their title and surname when only one contact has it. */
export function namesContact(name: string, contact: CaseContact, contacts: readonly CaseContact[]): boolean {
  if (!name.trim()) return false;
  const list = contacts.length > 0 ? contacts : [contact];
  const i = matchContact(name, list);
  if (i >= 0) return list[i] === contact || (list[i].row !== undefined && list[i].row === contact.row) || (contact.row === undefined && sameParent(contactName(list[i]), contactName(contact)));
  return sameParent(name, contactName(contact));
}

/** Parental responsibility or day-to-day care (s.576 Education Act 1996): who legal letters may go to. */
export function parentInLaw(contact: CaseContact): ParentInLaw {
  const pr = contact.parentalResponsibility.trim().toLowerCase();
  const hasPr = ["y", "yes", "true", "1"].includes(pr) ? true : ["n", "no", "false", "0"].includes(pr) ? false : null;
  if (hasPr || contact.livesWithPupil === true) return { ok: true, sentence: "" };
  const who = contactName(contact) || "This contact";
  if (hasPr === false) return { ok: false, sentence: `${who} does not have parental responsibility and does not live with the pupil, so is not a parent in law for this (Education Act 1996 s.576): a Notice to Improve, a penalty notice or a prosecution is only for a parent with parental responsibility or day-to-day care.` };
  return { ok: false, sentence: `The Contacts sheet does not say whether ${who} has parental responsibility or lives with the pupil: record it (Parental responsibility, Lives with pupil) before a legal letter or a penalty notice is considered for them.` };
}

/**
 * The case as at `date`, for `contact` (null: the whole family, as the evidence pack's pupil-level
 * facts are). Everything a document states is read from this.
 */
export function caseAt(source: CaseSource, date: DayNumber, contact: CaseContact | null): CaseAt {
  const analysis = analysisAsAt(source.analysis, date);
  // Without the Contacts list, the addressee is taken as the pupil's only parent.
  const contacts = source.contacts ?? (contact ? [contact] : []);
  const entries = source.entries.filter((e) => e.day <= date && e.supersededBy === null);
  // An entry that names no one concerns the family; with one parent on record, that parent.
  const sole = contacts.length === 1 ? contactName(contacts[0]) : "";
  const parentOf = (e: ActionEntry) => e.parent || (e.invited.length === 0 && e.attended.length === 0 ? sole : "");
  const names = (e: ActionEntry) => [parentOf(e), ...e.invited, ...e.attended].filter((n) => n.trim() !== "");
  const isContact = (n: string) => contact !== null && namesContact(n, contact, contacts);
  const concerns = (e: ActionEntry) => contact === null || names(e).length === 0 || names(e).some(isContact);

  const meetings: MeetingForParent[] = [];
  for (const e of entries) {
    if (!["meeting", "home-visit", "attendance-contract"].includes(e.type)) continue;
    if (e.type === "attendance-contract" && !["Agreed", "Reviewed", "Offered"].includes(e.detail)) continue;
    const dna = DID_NOT_ATTEND.test(`${e.outcome} ${e.notes}`);
    // The typed fields say who; an older entry names one parent in Parent, who attended unless it says not.
    const parent = parentOf(e);
    const invitedList = e.invited.length > 0 ? e.invited : parent ? [parent] : [];
    const attendedList = e.attended.length > 0 ? e.attended : dna ? [] : e.invited.length === 0 && parent ? [parent] : null;
    const who = (list: string[] | null): boolean | null => (list === null ? null : contact === null ? list.length > 0 : list.some(isContact));
    const invited = invitedList.length === 0 ? null : who(invitedList);
    const attended = attendedList === null ? null : who(attendedList);
    if (contact !== null && invited === false && attended !== true) continue;
    meetings.push({ entry: e, invited: attended === true ? true : invited, attended });
  }
  const calls = entries
    .filter((e) => e.type === "call" && concerns(e) && (contact === null || names(e).length > 0))
    .map((entry) => ({ entry, heardFrom: entry.direction === "Incoming" || !NOT_HEARD.test(`${entry.outcome} ${entry.notes}`) }));
  const support = entries.filter((e) => {
    if (!SUPPORT_TYPES.has(e.type)) return false;
    if (e.type === "attendance-contract" && ["Declined", "Not appropriate"].includes(e.detail)) return false;
    if (["meeting", "home-visit", "attendance-contract"].includes(e.type)) return meetings.some((m) => m.entry === e && m.invited !== false);
    return concerns(e);
  });

  const cal = { ...analysis.calendar, asOf: Math.min(analysis.calendar.asOf, date) };
  const ntis = noticesToImprove(entries, analysis.dataset, source.pupilIndex, cal, analysis.policy).filter((n) => contact === null || isContact(n.parent));
  const pns = penaltyNotices(entries, date, analysis.policy);
  return {
    analysis,
    pupilIndex: source.pupilIndex,
    date,
    contact,
    entries,
    concerns,
    names: (e) => contact !== null && names(e).some(isContact),
    support,
    meetings,
    calls,
    parentInLaw: contact ? parentInLaw(contact) : { ok: true, sentence: "" },
    noticesToImprove: ntis,
    penaltyNotices: pns,
    nextPenaltyNotice: contact ? nextPenaltyNotice(pns.filter((n) => isContact(n.parent)).map((n) => ({ ...n, parent: contactName(contact) })), contactName(contact), date, analysis.policy) : null,
  };
}

/** "Ms Zara O'Brien attended the meeting on 2 February 2026" style wording for sentences. */
export const onDay = (d: DayNumber) => formatUkLong(d);

/** A contact from a name alone (a caller that has no Contacts row for it): no responsibility recorded. */
export function contactFromName(name: string): CaseContact {
  const words = name.trim().split(/\s+/);
  const title = words.length > 1 && parentKey(name) !== words.join(" ").toLowerCase() ? words[0] : "";
  const rest = title ? words.slice(1) : words;
  return { title, forename: rest.slice(0, -1).join(" "), surname: rest[rest.length - 1] ?? "", parentalResponsibility: "", livesWithPupil: null };
}
