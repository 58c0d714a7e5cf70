/**
 * The evidence record every letter carries: who was written to, when and how, by whom. Kept apart
 * from the renderer so the panes can use it without loading docxtemplater.
 */
import { spreadsheetText } from "../files/spreadsheet-text";
import type { Delivery } from "../engine/contact-rules";
import type { ActionInput } from "../engine/actions";
import { ACTIONS_SHEET, actionRowCells } from "../files/tracker-layout";

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
  /**
   * The typed fields the letter itself sets, for its log entry (engine/actions.ts ACTION_FIELDS):
   * a Notice to Improve's period and what sufficient improvement means.
   */
  record?: { periodStart?: string; periodEnd?: string; improvement?: string };
}

/** Letters logged as the legal step they are, not as "Letter" (read back as that kind). */
const LOGGED_AS: Record<string, { action: string; detail: string }> = {
  "notice-to-improve": { action: "Notice to Improve", detail: "Issued" },
};

/** The actions log entry for a letter, ready for the tracker's Actions table (ID left for the log to give). */
export function evidenceToAction(e: LetterEvidence): ActionInput {
  const outcome =
    e.delivery === "email"
      ? "Sent by email (copy kept; read receipt requested)"
      : e.delivery === "hand"
        ? `Handed to ${e.handedTo || e.parent}${e.handedAt ? ` at ${e.handedAt}` : ""}`
        : "Posted first class";
  const as = LOGGED_AS[e.letterId];
  return {
    id: "",
    date: e.date,
    upn: e.upn,
    action: as?.action ?? "Letter",
    detail: as?.detail ?? e.letterTitle,
    parent: e.parent,
    staff: e.staff,
    outcome,
    notes: `Ref. ${e.reference}${as ? ` (${e.letterTitle})` : ""}`,
    supersedes: "",
    letter: e.letterId,
    ...(e.record ?? {}),
  };
}

/** One tab-separated line in the Actions table's column order, to paste under its last row. */
export function evidenceToTsv(e: LetterEvidence): string {
  // The Actions table's own column order (tracker-layout.ts), so the line reads back as the same entry.
  return actionRowCells(evidenceToAction(e), ACTIONS_SHEET.columns.map((c) => c.header))
    .map((v) => spreadsheetText(v.replace(/[\t\r\n]+/g, " ")))
    .join("\t");
}

