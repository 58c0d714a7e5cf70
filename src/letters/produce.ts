/** One letter per parent, by the contact rules, with its evidence record. Shared by the Word pane and the command line. */
import { nowInUk, allowedDeliveries, contactWarnings, ContactWarning, Delivery, deliveryRecordProblems, ParentContact, matchContact } from "../engine/contact-rules";
import { checkLetterFacts, FactOutcome, LETTER_FACTS, isLetterFact } from "../engine/letter-facts";
import { formatIso } from "../engine/dates";
import type { PupilRecordV1 } from "../files/pupil-record";
import { buildMergeData, keepDatesTogether, LetterOptions, MergeData } from "./merge-data";
import { LetterBlockedError, LetterEvidence, renderLetter } from "./render";
import type { LetterTemplate } from "./templates";

/** What producing a letter needs to know of its template (built-in or a trust's own). */
export type LetterSpec = Pick<LetterTemplate, "id" | "title" | "addressedTo" | "required"> & { facts?: readonly string[] };

export interface ProducedLetter {
  fileName: string;
  bytes: Uint8Array;
  evidence: LetterEvidence;
  parentName: string;
  warnings: ContactWarning[];
}

export interface BlockedLetter {
  parentName: string;
  reason: string;
}

export interface ProduceOptions extends Omit<LetterOptions, "parent"> {
  /** Parents by index into the record; all when omitted. */
  parents?: number[];
  handedTo?: string;
  handedAt?: string;
  /** Now in the UK (for tests; the clock by default): a hand-over cannot be recorded ahead of it. */
  now?: { date: string; time: string };
}

/** Every letter names the school and is signed: from the tracker's Settings sheet or the trust's policy. */
export const ALWAYS_REQUIRED = ["school.name", "school.signatoryName"];

const parentName = (p: { title: string; forename: string; surname: string }) => [p.title, p.forename, p.surname].filter(Boolean).join(" ");

/**
 * A file name from text: letters and digits of any script are kept (a name in Arabic or Greek is
 * not reduced to nothing), characters a file system refuses are dropped.
 */
export function safeFileName(text: string): string {
  const kept = text.normalize("NFC").replace(/[^\p{L}\p{M}\p{N} ._'-]+/gu, "").replace(/\s+/g, " ").trim();
  return [...kept].slice(0, 120).join("").replace(/[. ]+$/, "");
}

/** A letter's file name: the contact's place on the Contacts sheet as well as their name, so two parents never share one. */
export function letterFileName(date: string, templateId: string, upn: string, parentIndex: number, name: string): string {
  return safeFileName(`${date} ${templateId} ${upn} ${parentIndex >= 0 ? `parent ${parentIndex + 1} ${name}` : "internal"}`) + ".docx";
}

function asContact(p: PupilRecordV1["parents"][number]): ParentContact {
  return { title: p.title, forename: p.forename, surname: p.surname, email: p.email, address: p.address, postcode: p.postcode, livesWithPupil: p.livesWithPupil };
}

/** The contact-rule warnings for each of the record's parents, for this letter. */
export function parentWarnings(record: PupilRecordV1, tpl: LetterSpec): ContactWarning[][] {
  const contacts = record.parents.map(asContact);
  return contacts.map((c) => contactWarnings(c, contacts, { needsLivesWith: tpl.addressedTo === "parent-living-with-pupil" }));
}

/**
 * Check the facts a letter declares for one parent (engine/letter-facts.ts). Without the register
 * (a pasted record) they cannot be checked, and the letter is not written.
 */
export function letterFacts(record: PupilRecordV1, tpl: LetterSpec, parent: number, options: Omit<LetterOptions, "parent">): FactOutcome {
  const facts = tpl.facts ?? [];
  if (facts.length === 0 && !options.factSource) return { results: [], data: {}, failures: [] };
  if (!options.factSource) {
    const what = facts.map((f) => (isLetterFact(f) ? ((x) => x[0].toLowerCase() + x.slice(1))(LETTER_FACTS[f].split(/[:;]|\. /)[0]) : f)).join("; ");
    return { results: [], data: {}, failures: [`This letter states facts that are checked against the register and the actions log (${what}): open the tracker file to write it (a pasted record does not carry the marks).`] };
  }
  const p = parent >= 0 ? record.parents[parent] : undefined;
  // The addressee is the contact itself (parental responsibility, living-with), matched to the log as a person.
  return checkLetterFacts({ ...options.factSource, contacts: options.factSource.contacts ?? record.parents }, facts, {
    from: options.period?.from,
    to: options.period?.to,
    letterDate: options.date,
    fields: options.fields,
    parent: p ? parentName(p) : undefined,
    contact: p,
  });
}

/**
 * Why a parent cannot be sent this letter by this delivery (no postal address for post, no email for
 * email, not living with the pupil for a letter to the parent the pupil lives with), or null when
 * they can. The same check as produceLetters, so the pane says it before Write.
 */
export function cannotReceive(record: PupilRecordV1, tpl: LetterSpec, parent: number, delivery: Delivery, warnings: ContactWarning[][] = parentWarnings(record, tpl)): string | null {
  const p = record.parents[parent];
  if (!p) return null;
  const w = warnings[parent] ?? [];
  if (!allowedDeliveries(w).includes(delivery)) return w.filter((x) => x.blocks?.includes(delivery)).map((x) => x.message).join(" ");
  if (tpl.addressedTo === "parent-living-with-pupil" && p.livesWithPupil === false) return w.find((x) => x.kind === "not-living-with-pupil")?.message ?? "The pupil does not live with this parent.";
  return null;
}

/** Of the letters suggested for a pupil (most fitting first), the first whose facts hold, and those the facts hold back with why. */
export interface LetterChoice {
  /** The letter to suggest: null when the facts hold back every suggested letter. */
  id: string | null;
  heldBack: Array<{ id: string; title: string; reason: string }>;
}

/**
 * The letter the facts allow: a letter the facts hold back for every parent is never the suggestion
 * (issue 23: the Notice to Improve with unresolved N marks). Each parent's facts are checked as for
 * that parent (letterFacts), on the letter's date.
 */
export function letterTheFactsAllow(record: PupilRecordV1, candidates: readonly LetterSpec[], options: Omit<LetterOptions, "parent">): LetterChoice {
  const heldBack: LetterChoice["heldBack"] = [];
  for (const tpl of candidates) {
    const targets = tpl.addressedTo === "internal" || record.parents.length === 0 ? [-1] : record.parents.map((_, i) => i);
    const failures = targets.map((i) => letterFacts(record, tpl, i, options).failures);
    if (failures.some((f) => f.length === 0)) return { id: tpl.id, heldBack };
    heldBack.push({ id: tpl.id, title: tpl.title, reason: [...new Set(failures.flat())].join(" ") });
  }
  return { id: null, heldBack };
}

/** Merge data for one parent (the pane's form shows and edits it before writing). */
export function mergeDataFor(record: PupilRecordV1, tpl: LetterSpec, parent: number, options: Omit<LetterOptions, "parent">): MergeData {
  const facts = letterFacts(record, tpl, parent, options);
  return buildMergeData(record, tpl, { ...options, parent, factData: facts.data });
}

/**
 * What a Notice to Improve states about its period, for its log entry: every later letter and the
 * evidence read the period from the log, never work it out again.
 */
function ntiRecord(data: MergeData): LetterEvidence["record"] {
  const nti = (data.nti ?? {}) as { periodStartIso?: string; periodEndIso?: string; improvement?: string };
  return { periodStart: nti.periodStartIso ?? "", periodEnd: nti.periodEndIso ?? "", improvement: String(nti.improvement ?? "").replace(/\u00a0/g, " ") };
}

/** Write the letter for each chosen parent; a letter the rules or the data block is reported, the rest carry on. */
export function produceLetters(record: PupilRecordV1, tpl: LetterSpec, template: Uint8Array, options: ProduceOptions, edit?: (data: MergeData, parent: number) => MergeData): { letters: ProducedLetter[]; blocked: BlockedLetter[] } {
  const letters: ProducedLetter[] = [];
  const blocked: BlockedLetter[] = [];
  const pupilName = [record.pupil.forename, record.pupil.surname].filter(Boolean).join(" ") || record.pupil.upn;
  const targets = tpl.addressedTo === "internal" ? [-1] : options.parents ?? record.parents.map((_, i) => i);
  if (targets.length === 0) blocked.push({ parentName: "(no parent)", reason: `No parent or carer is recorded for ${record.pupil.upn} on the Contacts sheet.` });
  // The evidence record must say who sent the letter and, for one handed over, when (toolkit.md).
  const internal = tpl.addressedTo === "internal";
  const recordProblems = deliveryRecordProblems(internal ? "post" : options.delivery, { ...options, letterDate: options.date, now: options.now ?? nowInUk() });
  const handedTo = (options.handedTo ?? "").trim();
  if (!internal && options.delivery === "hand" && handedTo && targets.length > 1) {
    recordProblems.push(`Each parent's letter is handed to that parent: "handed to" (${handedTo}) can only be given when writing to one parent.`);
  } else if (!internal && options.delivery === "hand" && handedTo && targets.length === 1) {
    // toolkit.md: never hand one parent a letter addressed to the other.
    const p = record.parents[targets[0]];
    if (p && matchContact(handedTo, record.parents) !== targets[0]) recordProblems.push(`The letter is addressed to ${parentName(p)}, so it is handed to ${parentName(p)}, not to ${handedTo}: write a letter addressed to ${handedTo} instead.`);
  }
  if (recordProblems.length > 0) {
    for (const i of targets) {
      const p = i >= 0 ? record.parents[i] : undefined;
      blocked.push({ parentName: p ? parentName(p) : i >= 0 ? `parent ${i + 1}` : "internal", reason: recordProblems.join(" ") });
    }
    return { letters, blocked };
  }
  const warnings = parentWarnings(record, tpl);
  for (const i of targets) {
    const p = i >= 0 ? record.parents[i] : undefined;
    if (i >= 0 && !p) {
      blocked.push({ parentName: `parent ${i + 1}`, reason: `There is no parent ${i + 1} for ${record.pupil.upn}.` });
      continue;
    }
    const name = p ? parentName(p) : "internal";
    const cannot = i >= 0 ? cannotReceive(record, tpl, i, options.delivery, warnings) : null;
    if (cannot) {
      blocked.push({ parentName: name, reason: cannot });
      continue;
    }
    const facts = letterFacts(record, tpl, i, options);
    if (facts.failures.length > 0) {
      blocked.push({ parentName: name, reason: facts.failures.join(" ") });
      continue;
    }
    let data = buildMergeData(record, tpl, { ...options, parent: Math.max(i, 0), factData: facts.data });
    // What the caller adds (the evidence pack's tables, the pane's edits) keeps its dates together too.
    if (edit) data = keepDatesTogether(edit(data, i)) as MergeData;
    const date = formatIso(options.date);
    const evidence: LetterEvidence = {
      upn: record.pupil.upn,
      pupil: pupilName,
      parent: p ? name : "",
      letterId: tpl.id,
      letterTitle: tpl.title,
      date,
      delivery: options.delivery,
      staff: options.staff,
      handedTo: options.delivery === "hand" ? name : undefined,
      handedAt: options.delivery === "hand" ? options.handedAt : undefined,
      reference: String((data.letter as { reference: string }).reference),
      ...(tpl.id === "notice-to-improve" ? { record: ntiRecord(data) } : {}),
    };
    try {
      const { bytes } = renderLetter(template, data, [...ALWAYS_REQUIRED, ...tpl.required], evidence);
      letters.push({ fileName: letterFileName(date, tpl.id, record.pupil.upn, p ? i : -1, name), bytes, evidence, parentName: name, warnings: i >= 0 ? warnings[i] : [] });
    } catch (e) {
      if (e instanceof LetterBlockedError) blocked.push({ parentName: name, reason: e.message });
      else throw e;
    }
  }
  return { letters, blocked };
}
