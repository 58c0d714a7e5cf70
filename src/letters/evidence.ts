/**
 * The evidence record every letter carries: who was written to, when and how, by whom. Kept apart
 * from the renderer so the panes can use it without loading docxtemplater.
 */
import { spreadsheetText } from "../files/spreadsheet-text";
import type { Delivery } from "../engine/contact-rules";

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
  return [a.id, a.date, a.upn, a.action, a.detail, a.parent, a.staff, a.outcome, a.notes, a.supersedes].map((v) => spreadsheetText(v.replace(/[\t\r\n]+/g, " "))).join("\t");
}

