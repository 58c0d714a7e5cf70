/**
 * The actions log: typed entries for everything the school did for a pupil. The log is append-only:
 * a correction is a new entry that supersedes an older one, so nothing is ever lost.
 */
import { DayNumber, formatIso, formatUkShort, parseDate } from "./dates";

export const ACTION_TYPES = [
  { type: "call", label: "Call" },
  { type: "letter", label: "Letter" },
  { type: "meeting", label: "Meeting" },
  { type: "home-visit", label: "Home visit" },
  { type: "pupil-check-in", label: "Check-in" },
  { type: "support-offered", label: "Support offered" },
  { type: "attendance-contract", label: "Attendance contract" },
  { type: "notice-to-improve", label: "Notice to Improve" },
  { type: "penalty-notice", label: "Penalty notice" },
  { type: "la-referral", label: "LA referral" },
  { type: "prosecution", label: "Prosecution" },
] as const;

export type ActionType = (typeof ACTION_TYPES)[number]["type"];

/** The kinds each typed action takes in its Detail column; other actions take free text. */
export const ACTION_DETAILS: Partial<Record<ActionType, readonly string[]>> = {
  "support-offered": ["Early help", "Mentoring", "Transport", "Uniform", "Health referral", "SEND referral", "Other"],
  "attendance-contract": ["Offered", "Agreed", "Declined", "Reviewed", "Broken", "Not appropriate"],
  "notice-to-improve": ["Issued", "Withdrawn"],
  "penalty-notice": ["Issued", "Paid", "Withdrawn"],
  prosecution: ["Considered", "Pre-court meeting", "Interview under PACE", "Referred", "Hearing", "Outcome"],
};

/** Actions that concern one parent and must name them. */
const NEEDS_PARENT: ReadonlySet<ActionType> = new Set<ActionType>(["penalty-notice", "notice-to-improve"]);

export interface ActionInput {
  id: string;
  date: string;
  upn: string;
  action: string;
  detail: string;
  parent: string;
  staff: string;
  outcome: string;
  notes: string;
  supersedes: string;
  /**
   * For a Withdrawn or Paid notice entry: the ID of the Issued entry it refers to (the Actions
   * table's "Refers to" column; older trackers without it fall back to the parent's latest notice).
   */
  refersTo?: string;
  /** Row in the Actions sheet, where it came from there. */
  row?: number;
  /** The typed fields of one kind of action (ACTION_FIELDS), as text; older trackers have none. */
  invited?: string;
  attended?: string;
  agreed?: string;
  reviewDate?: string;
  direction?: string;
  periodStart?: string;
  periodEnd?: string;
  improvement?: string;
  /** For an entry a letter wrote: the letter's template id (so the tool reads its own lines back). */
  letter?: string;
}

/** The typed fields an entry may carry, by their ActionInput name. */
export type ActionFieldName = "invited" | "attended" | "agreed" | "reviewDate" | "direction" | "periodStart" | "periodEnd" | "improvement" | "letter";

/**
 * The fields each kind of action has beyond the common ones (date, pupil, parent, staff, outcome,
 * notes). A meeting: who was invited, who attended, what was agreed, the review date; a call: which
 * way (with whom is the Parent, what happened the Outcome); a Notice to Improve: its period and what
 * sufficient improvement means (the parent is the Parent); a penalty notice: its status is the Detail.
 * A letter names the template that wrote it. The Excel pane's "Log an action" offers these fields.
 */
export const ACTION_FIELDS: Partial<Record<ActionType, readonly ActionFieldName[]>> = {
  meeting: ["invited", "attended", "agreed", "reviewDate"],
  "home-visit": ["invited", "attended", "agreed", "reviewDate"],
  "attendance-contract": ["invited", "attended", "agreed", "reviewDate"],
  call: ["direction"],
  "notice-to-improve": ["periodStart", "periodEnd", "improvement", "letter"],
  "penalty-notice": ["letter"],
  letter: ["letter"],
};

/** What each field is called on a form and in the Actions table (tracker-layout.ts uses these headers). */
export const ACTION_FIELD_LABELS: Record<ActionFieldName, string> = {
  invited: "Invited",
  attended: "Attended",
  agreed: "Agreed",
  reviewDate: "Review date",
  direction: "Direction",
  periodStart: "Period start",
  periodEnd: "Period end",
  improvement: "Improvement",
  letter: "Letter",
};

export const CALL_DIRECTIONS = ["Outgoing", "Incoming"] as const;

/** Names in an Invited or Attended cell: separated by semicolons, commas or new lines. */
export function splitNames(text: string | undefined): string[] {
  return (text ?? "").split(/[;,\n]+/).map((x) => x.trim()).filter((x) => x !== "");
}

function directionOf(text: string): "Outgoing" | "Incoming" | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === "") return null;
  if (["outgoing", "out", "made", "school called", "to parent"].includes(t)) return "Outgoing";
  if (["incoming", "in", "received", "parent called", "from parent"].includes(t)) return "Incoming";
  return undefined;
}

/**
 * Letters whose log line is, in law, a step of its own: the tool writes a Notice to Improve as a
 * "Notice to Improve" entry (Detail Issued) and reads back the lines earlier versions wrote ("Letter",
 * with the template's title as the Detail) as the same.
 */
const LETTER_AS_KIND: Array<{ letter: string; title: RegExp; type: ActionType; detail: string }> = [
  { letter: "notice-to-improve", title: /^notice to improve \(national threshold met\)$/i, type: "notice-to-improve", detail: "Issued" },
];

export interface ActionEntry {
  id: string;
  day: DayNumber;
  date: string;
  upn: string;
  type: ActionType;
  /** The Detail as written; for typed actions, one of ACTION_DETAILS in its canonical spelling. */
  detail: string;
  parent: string;
  staff: string;
  outcome: string;
  notes: string;
  supersedes: string | null;
  /** The Issued notice a Withdrawn or Paid entry refers to, when the log names it. */
  refersTo: string | null;
  row?: number;
  /** Id of the entry that supersedes this one, if any: it is kept, but no longer counts. */
  supersededBy: string | null;
  /** Meetings (and home visits, contract meetings): who was invited and who attended, as written. */
  invited: string[];
  attended: string[];
  agreed: string;
  reviewDay: DayNumber | null;
  /** Calls: which way; null when the log does not say. */
  direction: "Outgoing" | "Incoming" | null;
  /** A Notice to Improve: the period the letter stated (null on entries without it). */
  periodStart: DayNumber | null;
  periodEnd: DayNumber | null;
  improvement: string;
  /** The template id of the letter that wrote this entry, when a letter did. */
  letter: string;
}

export interface ActionProblem {
  id: string;
  row?: number;
  field: keyof ActionInput | "(entry)";
  value: string;
  message: string;
}

const TYPE_BY_NAME = new Map<string, ActionType>();
for (const t of ACTION_TYPES) {
  TYPE_BY_NAME.set(t.label.toLowerCase(), t.type);
  TYPE_BY_NAME.set(t.type, t.type);
}
TYPE_BY_NAME.set("phone call", "call");
TYPE_BY_NAME.set("check in", "pupil-check-in");
TYPE_BY_NAME.set("pupil check-in", "pupil-check-in");
TYPE_BY_NAME.set("nti", "notice-to-improve");
TYPE_BY_NAME.set("local authority referral", "la-referral");

export function actionLabel(type: ActionType): string {
  return ACTION_TYPES.find((t) => t.type === type)!.label;
}

export function actionTypeOf(name: string): ActionType | undefined {
  return TYPE_BY_NAME.get(name.trim().toLowerCase());
}

function canonicalDetail(type: ActionType, detail: string): string | undefined {
  const allowed = ACTION_DETAILS[type];
  if (!allowed) return detail.trim();
  const d = detail.trim().toLowerCase();
  return allowed.find((a) => a.toLowerCase() === d || d.startsWith(a.toLowerCase() + ":") || d.startsWith(a.toLowerCase() + " ("));
}

function where(input: ActionInput): string {
  return input.row ? `Actions row ${input.row}` : input.id ? `Entry ${input.id}` : "The entry";
}

/**
 * Check one entry. Problems name the field, the value and what is allowed. `knownIds` lets a
 * supersession be checked against the log.
 */
export function validateAction(input: ActionInput, knownIds?: ReadonlySet<string>, today?: DayNumber): ActionProblem[] {
  const problems: ActionProblem[] = [];
  const at = where(input);
  const add = (field: ActionProblem["field"], value: string, message: string) => problems.push({ id: input.id, row: input.row, field, value, message });
  if (!input.upn.trim()) add("upn", input.upn, `${at} has no UPN: every action belongs to a pupil.`);
  const day = parseDate(input.date);
  if (day === null) add("date", input.date, `${at} has the date "${input.date}", which is not a date (use YYYY-MM-DD or DD/MM/YYYY).`);
  // The log records what was done: an entry dated after today (when a new entry is checked) is refused.
  else if (today !== undefined && day > today) add("date", input.date, `${at} is dated ${formatUkShort(day)}, after today (${formatUkShort(today)}): an action is logged once it has happened.`);
  const type = actionTypeOf(input.action);
  if (!type) {
    add("action", input.action, `${at} has the action "${input.action}", which is not one the toolkit knows. Use one of: ${ACTION_TYPES.map((t) => t.label).join(", ")}.`);
  } else {
    if (canonicalDetail(type, input.detail) === undefined) {
      add("detail", input.detail, `${at}: a ${actionLabel(type)} entry needs the detail to be one of: ${ACTION_DETAILS[type]!.join(", ")}.`);
    }
    if (NEEDS_PARENT.has(type) && !input.parent.trim()) {
      add("parent", input.parent, `${at}: a ${actionLabel(type)} is given to one parent; name the parent.`);
    }
    const allowed = new Set(ACTION_FIELDS[type] ?? []);
    for (const f of Object.keys(ACTION_FIELD_LABELS) as ActionFieldName[]) {
      const v = (input[f] ?? "").trim();
      if (v && !allowed.has(f)) add(f, v, `${at}: a ${actionLabel(type)} entry has no "${ACTION_FIELD_LABELS[f]}"; leave it empty (it belongs to ${Object.entries(ACTION_FIELDS).filter(([, fs]) => fs!.includes(f)).map(([t]) => actionLabel(t as ActionType)).join(", ")} entries).`);
    }
    for (const f of ["reviewDate", "periodStart", "periodEnd"] as const) {
      const v = (input[f] ?? "").trim();
      if (v && parseDate(v) === null) add(f, v, `${at} has the ${ACTION_FIELD_LABELS[f].toLowerCase()} "${v}", which is not a date (use YYYY-MM-DD or DD/MM/YYYY).`);
    }
    const start = parseDate((input.periodStart ?? "").trim());
    const end = parseDate((input.periodEnd ?? "").trim());
    if (start !== null && end !== null && end <= start) add("periodEnd", input.periodEnd!, `${at}: the improvement period ends (${input.periodEnd}) on or before it starts (${input.periodStart}).`);
    const date = parseDate(input.date);
    if (start !== null && date !== null && start < date) add("periodStart", input.periodStart!, `${at}: the improvement period starts (${input.periodStart}) before the notice's date (${input.date}).`);
    if ((input.direction ?? "").trim() && directionOf(input.direction!) === undefined) add("direction", input.direction!, `${at} has the direction "${input.direction}": use Outgoing (the school called) or Incoming (the parent called).`);
  }
  if (!input.staff.trim()) add("staff", input.staff, `${at} does not say who did it: add the member of staff.`);
  const sup = input.supersedes.trim();
  if (sup && knownIds && !knownIds.has(sup)) add("supersedes", sup, `${at} says it supersedes entry ${sup}, which is not in the log.`);
  if (sup && sup === input.id.trim()) add("supersedes", sup, `${at} cannot supersede itself.`);
  const ref = (input.refersTo ?? "").trim();
  if (ref && knownIds && !knownIds.has(ref)) add("refersTo", ref, `${at} refers to entry ${ref}, which is not in the log.`);
  return problems;
}

export interface ActionLog {
  /** Every valid entry, superseded ones included, in date order (then log order). */
  entries: ActionEntry[];
  problems: ActionProblem[];
}

/** Read and check the whole log; invalid entries are reported and left out, the rest kept. */
export function readActionLog(inputs: readonly ActionInput[]): ActionLog {
  const ids = new Set(inputs.map((a) => a.id.trim()).filter((x) => x !== ""));
  const problems: ActionProblem[] = [];
  const seen = new Set<string>();
  const entries: ActionEntry[] = [];
  inputs.forEach((input, order) => {
    const id = input.id.trim() || `row-${input.row ?? order + 2}`;
    if (input.id.trim() && seen.has(id)) {
      problems.push({ id, row: input.row, field: "id", value: id, message: `${where(input)} repeats the entry ID ${id}; give it a new ID.` });
      return;
    }
    seen.add(id);
    const p = validateAction(input, ids);
    if (p.length > 0) {
      problems.push(...p);
      return;
    }
    let type = actionTypeOf(input.action)!;
    let detail = canonicalDetail(type, input.detail)!;
    const day = parseDate(input.date)!;
    const letter = (input.letter ?? "").trim();
    if (type === "letter") {
      const as = LETTER_AS_KIND.find((k) => k.letter === letter || (!letter && k.title.test(detail)));
      if (as) [type, detail] = [as.type, as.detail];
    }
    const dayOf = (v: string | undefined) => (v && v.trim() ? parseDate(v.trim()) : null);
    entries.push({
      id,
      day,
      date: formatIso(day),
      upn: input.upn.trim(),
      type,
      detail,
      parent: input.parent.trim(),
      staff: input.staff.trim(),
      outcome: input.outcome.trim(),
      notes: input.notes.trim(),
      supersedes: input.supersedes.trim() || null,
      refersTo: (input.refersTo ?? "").trim() || null,
      row: input.row,
      supersededBy: null,
      invited: splitNames(input.invited),
      attended: splitNames(input.attended),
      agreed: (input.agreed ?? "").trim(),
      reviewDay: dayOf(input.reviewDate),
      direction: directionOf(input.direction ?? "") ?? null,
      periodStart: dayOf(input.periodStart),
      periodEnd: dayOf(input.periodEnd),
      improvement: (input.improvement ?? "").trim(),
      letter: type === "letter" || letter ? letter : "",
    });
  });
  const byId = new Map(entries.map((e) => [e.id, e]));
  for (const e of entries) {
    if (e.supersedes) {
      const old = byId.get(e.supersedes);
      if (old) old.supersededBy = e.id;
    }
  }
  entries.sort((a, b) => a.day - b.day);
  return { entries, problems };
}

/** Entries that still count: not superseded by a later correction. */
export function effectiveEntries(entries: readonly ActionEntry[]): ActionEntry[] {
  return entries.filter((e) => e.supersededBy === null);
}

/** Letters and digits staff cannot misread for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
const ID_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";

/**
 * An entry ID two people logging at the same moment cannot both get (a shared workbook: "highest
 * + 1" gave both A0002, and the log then drops the second as a repeat): the day it is logged and
 * five characters drawn at random, e.g. A20261207-K3FQ7, never one already in the log (`taken`).
 * Two writers then collide only if they log within the same few seconds and draw the same five
 * characters: one chance in 25^5 (about 9.8 million). Staff can still read it aloud and see the day.
 */
export function uniqueActionId(loggedOn: Date, taken: ReadonlySet<string> = new Set(), random: () => number = Math.random): string {
  const day = `${loggedOn.getFullYear()}${String(loggedOn.getMonth() + 1).padStart(2, "0")}${String(loggedOn.getDate()).padStart(2, "0")}`;
  for (;;) {
    let suffix = "";
    for (let i = 0; i < 5; i++) suffix += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length) % ID_ALPHABET.length];
    const id = `A${day}-${suffix}`;
    if (!taken.has(id)) return id;
  }
}

/** The next free entry ID (A0001, A0002, ...), for an appended entry (a file only one person edits). */
export function nextActionId(existing: readonly string[]): string {
  let max = 0;
  for (const id of existing) {
    const m = /^A(\d+)$/.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `A${String(max + 1).padStart(4, "0")}`;
}
