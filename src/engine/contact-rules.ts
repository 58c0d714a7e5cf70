/**
 * Contact rules for letters (shared/domain/toolkit.md): letters are evidence in court, so each parent
 * is written to separately, email goes only to a parent's own up-to-date address (never a shared
 * family inbox), a letter handed over is fully addressed and the hand-over recorded, and otherwise
 * it goes first-class post.
 */
import { DayNumber, formatIso } from "./dates";

export type Delivery = "email" | "hand" | "post";

export const DELIVERY_TEXT: Record<Delivery, string> = {
  email: "by email",
  hand: "by hand",
  post: "by first-class post",
};

/**
 * The delivery a parent asked for, from the Contacts sheet's "Preferred contact" column ("Email",
 * "Post", "By hand"; a phone preference has no letter delivery): null when blank or not one of these.
 */
export function preferredDelivery(text: string | undefined): Delivery | null {
  const t = (text ?? "").trim().toLowerCase();
  if (/^e-?mail\b/.test(t)) return "email";
  if (/^(post|letter|first[- ]class)/.test(t)) return "post";
  if (/^(by )?hand\b/.test(t)) return "hand";
  return null;
}

export interface ParentContact {
  title: string;
  forename: string;
  surname: string;
  email: string;
  address: string[];
  postcode: string;
  livesWithPupil: boolean | null;
}

export interface ContactWarning {
  kind: "shared-email" | "no-address" | "not-living-with-pupil" | "no-email";
  message: string;
  /** Deliveries this warning rules out (rather than asking the user to check). */
  blocks?: Delivery[];
}

/** A mailbox that looks shared by the family ("thesmithfamily@", "family.jones@"). */
export function looksLikeFamilyInbox(email: string): boolean {
  const local = email.trim().toLowerCase().split("@")[0] ?? "";
  // "home" and "parents" only as a whole name or its first part: "homer.simpson@" is one person.
  return /family|household|^the[a-z]+s$|^(home|parents?)([.\-_]|$)/.test(local);
}

const name = (p: ParentContact) => [p.title, p.forename, p.surname].filter(Boolean).join(" ") || "This parent";

/** Warnings for writing to `parent`; `others` are the pupil's other parents (for a shared address). */
export function contactWarnings(parent: ParentContact, others: readonly ParentContact[], options: { needsLivesWith?: boolean } = {}): ContactWarning[] {
  const out: ContactWarning[] = [];
  const email = parent.email.trim().toLowerCase();
  if (email) {
    const shared = others.some((o) => o !== parent && o.email.trim().toLowerCase() === email);
    if (shared || looksLikeFamilyInbox(email)) {
      out.push({
        kind: "shared-email",
        message: `${name(parent)}'s email (${parent.email}) looks like a shared family inbox${shared ? ", held for another parent too" : ""}. Others, including the child, may read or delete it: send by post or by hand instead.`,
        blocks: ["email"],
      });
    }
  } else {
    out.push({ kind: "no-email", message: `No email address is held for ${name(parent)}.`, blocks: ["email"] });
  }
  if (parent.address.filter((l) => l.trim() !== "").length === 0 || parent.postcode.trim() === "") {
    // A letter handed over must be fully addressed too.
    out.push({ kind: "no-address", message: `The postal address for ${name(parent)} is missing or incomplete: add it to the Contacts sheet before posting or handing over a letter.`, blocks: ["post", "hand"] });
  }
  if (parent.livesWithPupil === false) {
    out.push({
      kind: "not-living-with-pupil",
      message: options.needsLivesWith
        ? `${name(parent)} does not live with the pupil. This letter is about leave, which only a parent the pupil normally lives with can apply for.`
        : `${name(parent)} does not live with the pupil: check that this parent should receive this letter, at their own address.`,
    });
  }
  return out;
}

/** The deliveries allowed for this parent, in the order the rules prefer. */
export function allowedDeliveries(warnings: readonly ContactWarning[]): Delivery[] {
  const blocked = new Set(warnings.flatMap((w) => w.blocks ?? []));
  return (["email", "hand", "post"] as Delivery[]).filter((d) => !blocked.has(d));
}

/** What the school records about sending a letter, for its evidence record. */
export interface DeliveryRecord {
  /** The member of staff sending or handing over the letter. */
  staff: string;
  /** By hand: who it was handed to (the letter's addressee when left empty). */
  handedTo?: string;
  /** By hand: the date and time it was handed over. */
  handedAt?: string;
  /** The letter's date: a letter is not handed over before it is dated. */
  letterDate?: DayNumber;
  /** Now, in the UK: a hand-over is recorded after it happens, never ahead. */
  now?: { date: string; time: string };
}

/**
 * What is missing from the record of how a letter goes out (toolkit.md: a letter handed over is noted
 * with the date, time, staff member and the parent it was handed to). Empty when complete.
 */
export function deliveryRecordProblems(delivery: Delivery, record: DeliveryRecord): string[] {
  const out: string[] = [];
  if (!record.staff.trim()) out.push("The name of the member of staff sending the letter is needed for the evidence record.");
  const at = (record.handedAt ?? "").trim();
  if (delivery === "hand" && !at) out.push("A letter handed over needs the date and time it was handed over, for the evidence record.");
  else if (delivery === "hand" && !parseHandOver(at)) out.push(`The hand-over time "${at}" is not a date and time: write it like 16/03/2026 08:40.`);
  else if (delivery === "hand") {
    const h = parseHandOver(at)!;
    if (record.letterDate !== undefined && h.date < formatIso(record.letterDate)) out.push(`The hand-over time ${at} is before the letter's date (${formatIso(record.letterDate)}): a letter is handed over on or after the day it is dated.`);
    else if (record.now && `${h.date} ${h.time}` > `${record.now.date} ${record.now.time}`) out.push(`The hand-over time ${at} is in the future: record the hand-over after it happens.`);
  }
  return out;
}

/** Today's date and the time now in the UK, for checking a recorded hand-over is not ahead of now. */
export function nowInUk(at: Date = new Date()): { date: string; time: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const TITLES = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "rev", "revd", "sir", "dame", "lady", "lord"]);

/**
 * A parent's name as the log and the Contacts sheet may both write it, reduced to what identifies
 * the person: "Mrs Ann Able", "ann  able" and "Ann Able" are one parent (a title is not part of who
 * someone is). Empty for an empty name.
 */
export function parentKey(name: string): string {
  const words = name.toLowerCase().replace(/[.,]/g, " ").split(/\s+/).filter(Boolean);
  while (words.length > 1 && TITLES.has(words[0])) words.shift();
  return words.join(" ");
}

export function sameParent(a: string, b: string): boolean {
  const ka = parentKey(a);
  return ka !== "" && ka === parentKey(b);
}

/**
 * Which Contacts entry a name in the log or on the command line refers to: index into `contacts`,
 * or -1 when it matches none (to be reported, never guessed). A name with only a surname and title
 * ("Mrs Able") matches a contact with that title and surname when exactly one does.
 */
export function matchContact(name: string, contacts: ReadonlyArray<{ title: string; forename: string; surname: string }>): number {
  const key = parentKey(name);
  if (!key) return -1;
  const full = contacts.findIndex((c) => parentKey([c.title, c.forename, c.surname].filter(Boolean).join(" ")) === key);
  if (full >= 0) return full;
  const plain = name.toLowerCase().replace(/[.,]/g, " ").split(/\s+/).filter(Boolean).join(" ");
  const byTitle = contacts.flatMap((c, i) => ([c.title, c.surname].filter(Boolean).join(" ").toLowerCase() === plain && c.title ? [i] : []));
  return byTitle.length === 1 ? byTitle[0] : -1;
}

/**
 * A hand-over time as staff write it ("16/03/2026 08:40", "2026-03-16 08:40", "16/03/2026 8.40am"):
 * the ISO date-time, or null when it is not a real date and time of day.
 */
export function parseHandOver(text: string): { date: string; time: string } | null {
  const m = /^\s*(?:(\d{1,2})\/(\d{1,2})\/(\d{4})|(\d{4})-(\d{2})-(\d{2}))[ T,]+(\d{1,2})[:.](\d{2})\s*(am|pm)?\s*$/i.exec(text);
  if (!m) return null;
  const [y, mo, d] = m[1] ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[4]), Number(m[5]), Number(m[6])];
  let h = Number(m[7]);
  const min = Number(m[8]);
  if (m[9]) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[9].toLowerCase() === "pm" ? 12 : 0);
  }
  if (h > 23 || min > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return { date: `${y}-${pad(mo)}-${pad(d)}`, time: `${pad(h)}:${pad(min)}` };
}
