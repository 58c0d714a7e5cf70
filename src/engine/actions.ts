/**
 * The actions log: typed entries for everything the school did for a pupil. The log is append-only:
 * a correction is a new entry that supersedes an older one, so nothing is ever lost.
 */
import { DayNumber, formatIso, parseDate } from "./dates";

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
}

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
export function validateAction(input: ActionInput, knownIds?: ReadonlySet<string>): ActionProblem[] {
  const problems: ActionProblem[] = [];
  const at = where(input);
  const add = (field: ActionProblem["field"], value: string, message: string) => problems.push({ id: input.id, row: input.row, field, value, message });
  if (!input.upn.trim()) add("upn", input.upn, `${at} has no UPN: every action belongs to a pupil.`);
  if (parseDate(input.date) === null) add("date", input.date, `${at} has the date "${input.date}", which is not a date (use YYYY-MM-DD or DD/MM/YYYY).`);
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
    const type = actionTypeOf(input.action)!;
    const day = parseDate(input.date)!;
    entries.push({
      id,
      day,
      date: formatIso(day),
      upn: input.upn.trim(),
      type,
      detail: canonicalDetail(type, input.detail)!,
      parent: input.parent.trim(),
      staff: input.staff.trim(),
      outcome: input.outcome.trim(),
      notes: input.notes.trim(),
      supersedes: input.supersedes.trim() || null,
      refersTo: (input.refersTo ?? "").trim() || null,
      row: input.row,
      supersededBy: null,
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

/** The next free entry ID (A0001, A0002, ...), for an appended entry. */
export function nextActionId(existing: readonly string[]): string {
  let max = 0;
  for (const id of existing) {
    const m = /^A(\d+)$/.exec(id.trim());
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `A${String(max + 1).padStart(4, "0")}`;
}
