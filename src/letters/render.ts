/**
 * Filling a letter template with docxtemplater. A required field left empty blocks the letter with
 * a plain message; a tag with no value is never printed as "undefined"; the evidence record goes
 * into the document's custom properties.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { DELIVERY_TEXT, Delivery } from "../engine/contact-rules";
import { readCustomProperties, setCustomProperties } from "./ooxml";
import { getPath, MergeData } from "./merge-data";

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
  "nti.periodEnd": "the end of the improvement period",
  "nti.improvement": "what sufficient improvement means",
  "medical.dueDate": "the date the evidence is needed by",
  "medical.period": "which absences it covers",
  previousLetterDate: "the date of the earlier letter",
  "referral.officer": "the officer the referral goes to",
  "referral.notes": "notes for the referral",
  "parent.fullName": "the parent's name",
  "school.name": "the school's name (school.name on the Settings sheet, or in the trust's policy)",
  "school.signatoryName": "who signs the letters (school.signatoryName on the Settings sheet)",
};

export function fieldLabel(path: string): string {
  return FIELD_LABELS[path] ?? path.replace(/([A-Z])/g, " $1").replace(/\./g, " ").toLowerCase();
}

export class LetterBlockedError extends Error {
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
    this.name = "LetterBlockedError";
  }
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/** The required fields left empty, as paths. */
export function missingFields(data: MergeData, required: readonly string[]): string[] {
  return required.filter((p) => empty(getPath(data, p)));
}

/**
 * Tags may use dots (`{pupil.fullName}`); inside a loop, a name is looked up in the loop's item
 * first, then outwards, so a row can also use the letter's fields.
 */
function dottedParser(tag: string) {
  const path = tag.trim() === "." ? [] : tag.trim().split(".");
  const lookup = (scope: unknown) =>
    path.reduce<unknown>((o, k) => (o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined), scope);
  return {
    get(scope: unknown, context?: { scopeList?: unknown[] }) {
      if (path.length === 0) return scope;
      const scopes = context?.scopeList ?? [scope];
      for (let i = scopes.length - 1; i >= 0; i--) {
        const v = lookup(scopes[i]);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}

export interface LetterEvidence {
  upn: string;
  pupil: string;
  parent: string;
  letterId: string;
  letterTitle: string;
  /** YYYY-MM-DD */
  date: string;
  delivery: Delivery;
  staff: string;
  /** By hand: who it was handed to, and when. */
  handedTo?: string;
  handedAt?: string;
  reference: string;
}

export const EVIDENCE_PROPERTY = "AttendanceToolkit.Letter";

export interface RenderOutput {
  bytes: Uint8Array;
}

/** Fill `template` with `data`. Throws LetterBlockedError for required fields left empty or tags with no value. */
export function renderLetter(template: Uint8Array, data: MergeData, required: readonly string[], evidence?: LetterEvidence): RenderOutput {
  const missing = missingFields(data, required);
  if (missing.length > 0) {
    throw new LetterBlockedError(`This letter needs ${missing.map(fieldLabel).join(", ")} before it can be written.`, missing);
  }
  const unfilled = new Set<string>();
  const zip = new PizZip(template);
  const doc = new Docxtemplater(zip, {
    paragraphLoop: true,
    linebreaks: true,
    parser: dottedParser as never,
    nullGetter(part: { module?: string; value?: string }) {
      // An empty condition or loop is simply not shown; an empty value is a gap in the letter.
      if (!part.module) unfilled.add(part.value ?? "?");
      return "";
    },
  });
  doc.render(data);
  if (unfilled.size > 0) {
    const list = [...unfilled];
    throw new LetterBlockedError(`This letter has no value for ${list.map(fieldLabel).join(", ")}. Fill it in before writing the letter.`, list);
  }
  const out = doc.getZip();
  if (evidence) setCustomProperties(out, { [EVIDENCE_PROPERTY]: JSON.stringify(evidence) });
  return { bytes: out.generate({ type: "uint8array", compression: "DEFLATE" }) };
}

/** The evidence record a letter carries, if any. */
export function readLetterEvidence(docx: Uint8Array): LetterEvidence | null {
  const raw = readCustomProperties(new PizZip(docx))[EVIDENCE_PROPERTY];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LetterEvidence;
  } catch {
    return null;
  }
}

/** The actions log entry for a letter, ready for the tracker's Actions table (ID left for the log to give). */
export function evidenceToAction(e: LetterEvidence) {
  const outcome =
    e.delivery === "email"
      ? "Sent by email (copy kept; read receipt requested)"
      : e.delivery === "hand"
        ? `Handed to ${e.handedTo || e.parent}${e.handedAt ? ` at ${e.handedAt}` : ""}`
        : "Posted first class";
  return { id: "", date: e.date, upn: e.upn, action: "Letter", detail: e.letterTitle, parent: e.parent, staff: e.staff, outcome, notes: `Ref. ${e.reference}`, supersedes: "" };
}

/** One tab-separated line in the Actions table's column order, to paste under its last row. */
export function evidenceToTsv(e: LetterEvidence): string {
  const a = evidenceToAction(e);
  return [a.id, a.date, a.upn, a.action, a.detail, a.parent, a.staff, a.outcome, a.notes, a.supersedes].map((v) => v.replace(/[\t\r\n]+/g, " ")).join("\t");
}

export { DELIVERY_TEXT };
