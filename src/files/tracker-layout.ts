/**
 * The tracker workbook's layout: the sheets the toolkit reads and writes, their tables and columns.
 * One definition serves the command line (exceljs), the Excel pane (Office.js) and the README.
 *
 * Staff own the Pupils, Contacts, Marks and Actions sheets; the add-in only appends to Actions and
 * never rewrites marks. Sheets the add-in owns (analysis output) are named in OWNED_SHEETS.
 */

export interface ColumnDef {
  header: string;
  width: number;
  note: string;
}

export interface SheetDef {
  name: string;
  table: string;
  columns: ColumnDef[];
  note: string;
}

import type { ActionInput } from "../engine/actions";

const col = (header: string, width: number, note: string): ColumnDef => ({ header, width, note });

export const PUPILS_SHEET: SheetDef = {
  name: "Pupils",
  table: "Pupils",
  note: "One row a pupil. Columns after CP are kept and can be used as groups.",
  columns: [
    col("UPN", 16, "Unique pupil number (required, one row each)"),
    col("Surname", 16, "Legal surname"),
    col("Forename", 16, "Forename"),
    col("Year", 7, "Year group (R, 1 to 13)"),
    col("Reg", 8, "Registration group or class"),
    col("Gender", 8, "As recorded in the MIS"),
    col("DOB", 12, "Date of birth, YYYY-MM-DD or DD/MM/YYYY"),
    col("SEN", 6, "N none, K SEN support, E EHC plan"),
    col("FSM", 6, "Free school meals: Y or N"),
    col("PP", 6, "Pupil premium: Y or N"),
    col("EAL", 6, "English as an additional language: Y or N"),
    col("CLA", 6, "Child looked after: Y or N"),
    col("CIN", 6, "Child in need: Y or N"),
    col("CP", 6, "Child protection plan: Y or N"),
  ],
};

export const CONTACTS_SHEET: SheetDef = {
  name: "Contacts",
  table: "Contacts",
  note: "One row a parent or carer. Letters go to each parent separately.",
  columns: [
    col("UPN", 16, "The pupil's UPN"),
    col("Title", 7, "Mr, Mrs, Ms, Mx, Dr..."),
    col("Forename", 14, "Parent's forename"),
    col("Surname", 14, "Parent's surname"),
    col("Relationship", 14, "Mother, Father, Carer, Grandparent..."),
    col("Parental responsibility", 12, "Y or N"),
    col("Lives with pupil", 10, "Y or N: leave applications and letters about leave need a parent the pupil lives with"),
    col("Address 1", 24, "First line of the address"),
    col("Address 2", 18, "Second line"),
    col("Town", 14, "Town or city"),
    col("Postcode", 10, "Postcode"),
    col("Email", 28, "The parent's own email address (not a shared family inbox)"),
    col("Phone", 15, "Best phone number"),
    col("Preferred contact", 12, "Email, Post or By hand"),
  ],
};

export const MARKS_SHEET_NAME = "Marks";
export const MARKS_TABLE = "Marks";
/** Columns before the session columns on the Marks sheet. */
export const MARKS_ID_COLUMNS = ["UPN", "Surname", "Forename"];

export const ACTIONS_SHEET: SheetDef = {
  name: "Actions",
  table: "Actions",
  note: "The log of everything done for each pupil. Add rows; never delete: a correction is a new row that supersedes the old one.",
  columns: [
    col("ID", 10, "Unique entry number, given when the entry is logged"),
    col("Date", 12, "Date of the action, YYYY-MM-DD or DD/MM/YYYY"),
    col("UPN", 16, "The pupil's UPN"),
    col("Action", 18, "Call, Letter, Meeting, Home visit, Check-in, Support offered, Attendance contract, Notice to Improve, Penalty notice, LA referral, Prosecution"),
    col("Detail", 22, "What kind: the letter, the support, or the contract or notice status"),
    col("Parent", 18, "The parent it concerns, where it applies"),
    col("Staff", 16, "Who did it"),
    col("Outcome", 22, "What happened"),
    col("Notes", 30, "Anything else worth keeping"),
    col("Supersedes", 10, "ID of an earlier entry this one corrects"),
    col("Refers to", 10, "For a notice Withdrawn or Paid: the ID of the Issued entry it refers to"),
    // The typed fields of each kind of action (engine/actions.ts ACTION_FIELDS). Trackers made
    // before these columns read as before: a missing column is an empty field.
    col("Invited", 20, "Meeting or home visit: who was invited (names as on Contacts, separated by ;)"),
    col("Attended", 20, "Meeting or home visit: who attended (names as on Contacts, separated by ;)"),
    col("Agreed", 26, "Meeting: what was agreed"),
    col("Review date", 12, "Meeting: when what was agreed is reviewed"),
    col("Direction", 10, "Call: Outgoing (the school called) or Incoming (the parent called)"),
    col("Period start", 12, "Notice to Improve: first day of the improvement period"),
    col("Period end", 12, "Notice to Improve: last day of the improvement period"),
    col("Improvement", 30, "Notice to Improve: what sufficient improvement means"),
    col("Letter", 16, "For an entry a letter wrote: the letter's template id"),
  ],
};

/** Which ActionInput field each Actions column holds, in the table's column order. */
export const ACTION_COLUMN_FIELDS: ReadonlyArray<readonly [header: string, field: keyof ActionInput]> = [
  ["ID", "id"],
  ["Date", "date"],
  ["UPN", "upn"],
  ["Action", "action"],
  ["Detail", "detail"],
  ["Parent", "parent"],
  ["Staff", "staff"],
  ["Outcome", "outcome"],
  ["Notes", "notes"],
  ["Supersedes", "supersedes"],
  ["Refers to", "refersTo"],
  ["Invited", "invited"],
  ["Attended", "attended"],
  ["Agreed", "agreed"],
  ["Review date", "reviewDate"],
  ["Direction", "direction"],
  ["Period start", "periodStart"],
  ["Period end", "periodEnd"],
  ["Improvement", "improvement"],
  ["Letter", "letter"],
];

/**
 * One entry as the cells of a row under `header` (the table's own headers, so a tracker made before
 * the typed columns gets a row of its own width). Shared by every path that writes the log.
 */
export function actionRowCells(entry: ActionInput, header: readonly string[]): string[] {
  const byHeader = new Map(ACTION_COLUMN_FIELDS.map(([h, f]) => [h.toLowerCase(), f]));
  return header.map((h) => {
    const f = byHeader.get(String(h ?? "").trim().toLowerCase());
    return f ? String(entry[f] ?? "") : "";
  });
}

/** One row read back by its headers; `get` gives a column's text by header ("" when absent). */
export function actionFromCells(get: (header: string) => string): ActionInput {
  const out: Record<string, string> = {};
  for (const [h, f] of ACTION_COLUMN_FIELDS) {
    const v = get(h);
    // Optional fields stay absent when empty, as older trackers have them.
    if (v !== "" || ["id", "date", "upn", "action", "detail", "parent", "staff", "outcome", "notes", "supersedes"].includes(f)) out[f] = v;
  }
  return out as unknown as ActionInput;
}

/**
 * The weekly review's lists, kept week by week (toolkit.md: the leadership link allocates the week's
 * actions and follows up the incomplete ones). Each week's list is added below the last; nothing is
 * rewritten, so every week's allocations stay on record.
 */
export const WEEKLY_REVIEW_SHEET: SheetDef = {
  name: "Weekly review",
  table: "WeeklyReview",
  note: "Each week's list of key actions and who has each one. Added to by the add-in each week; last week's open actions are carried forward.",
  columns: [
    col("Week", 12, "Monday of the week the list is for"),
    col("UPN", 16, "The pupil's UPN"),
    col("Action", 36, "The action agreed"),
    col("Owner", 18, "The role the escalation ladder gives it"),
    col("Allocated to", 18, "The member of staff who has it"),
    col("First listed", 12, "Monday of the week it was first listed"),
    col("Kind", 14, "What the action asks for: a call, a meeting, a letter, the marks corrected"),
    col("Because", 18, "Why it was listed"),
    col("Status", 14, "New, Carried, Done, No longer needed or Dropped"),
    col("Reason", 36, "Why it was closed or carried: the entry that did it, or the reason given"),
    col("Done by", 10, "The ID of the Actions entry that did it"),
  ],
};

export const SETTINGS_SHEET: SheetDef = {
  name: "Settings",
  table: "Settings",
  note: "School details for letters, and any policy values this school sets for itself.",
  columns: [
    col("Setting", 34, "The setting's name (do not change)"),
    col("Value", 40, "Your value"),
    col("About", 70, "What it is for"),
  ],
};

/** Settings rows written into a new tracker. Policy values use the policy's dotted names. */
export const DEFAULT_SETTINGS: Array<[string, string, string]> = [
  ["school.name", "", "School name, as it appears on letters"],
  ["school.address", "", "School address, lines separated by commas"],
  ["school.phone", "", "Attendance phone number for letters"],
  ["school.email", "", "Attendance email address for letters"],
  ["school.signatoryName", "", "Who signs letters"],
  ["school.signatoryRole", "", "Their role, e.g. Attendance Lead"],
  ["asOf", "", "Analyse as at this date (YYYY-MM-DD); empty means the latest session with marks"],
  ["hoursPerSession", "", "Hours of learning in a session (default 3.25)"],
  ["nationalThreshold.countedCodes", "", "Codes counted towards the national threshold (default G, N, O, U)"],
  ["groupColumns", "", "Extra Pupils columns to summarise by, separated by commas"],
  ["Staff", "", "Staff who can be allocated the weekly review's actions, separated by commas"],
  ["weeklyReview.thisWeekActions", "", "Open actions on this week's list, beside today's first-day calls (default 25); the rest are to watch"],
];

export const CODES_SHEET: SheetDef = {
  name: "Codes",
  table: "Codes",
  note: "The register codes in force from 19 August 2024, used by the validation list on the Marks sheet.",
  columns: [col("Code", 8, "Register code"), col("Counts as", 24, "How it counts"), col("Meaning", 70, "Meaning")],
};

/** Sheets the add-in creates and may replace; it never writes to any other sheet but to append Actions. */
export const ANALYSIS_SHEET = "Analysis";
export const DASHBOARD_SHEET = "Dashboard";
export const THIS_WEEK_SHEET = "This week";
export const OWNED_SHEETS = [ANALYSIS_SHEET, DASHBOARD_SHEET, THIS_WEEK_SHEET];
