/**
 * The tracker workbook's content as plain data: the marks dataset plus contacts, the actions log and
 * settings. Reading cells into this shape is shared by the .xlsx reader and the Excel pane.
 */
import type { ActionInput } from "../engine/actions";
import { formatIso, parseDate } from "../engine/dates";
import { ReviewItem, reviewItemCells, reviewItemFromCells } from "../engine/weekly-review";
import { FatalInputError, MarksDataset, Problem, PupilRecord } from "../engine/dataset";
import { applyTimeOnRoll } from "../engine/time-on-roll";
import { Grid, readMarksGrid, ReadOptions } from "../import/grid";
import { actionFromCells, ACTIONS_SHEET, CONTACTS_SHEET, SETTINGS_SHEET, WEEKLY_REVIEW_SHEET } from "./tracker-layout";

export interface Contact {
  upn: string;
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
  preferredContact: string;
  row: number;
}

/** One row of the actions log, as text, with the row it came from; the engine's actions module gives it meaning. */
export type ActionRow = ActionInput & { row: number };

export interface TrackerData {
  dataset: MarksDataset;
  contacts: Contact[];
  actions: ActionRow[];
  settings: Record<string, string>;
  /** The weekly review's saved lists (the Weekly review sheet), where the tracker has them. */
  reviews?: ReviewItem[];
}

export interface TrackerGrids {
  marks: Grid;
  /** The worksheet the marks came from (a MIS export's first sheet), for problems to name. */
  marksSheet?: string;
  pupils?: Grid;
  contacts?: Grid;
  actions?: Grid;
  settings?: Grid;
  review?: Grid;
}

function byHeader(grid: Grid): (row: string[], name: string) => string {
  const index = new Map(grid.header.map((h, i) => [String(h ?? "").trim().toLowerCase(), i]));
  return (row, name) => {
    const i = index.get(name.toLowerCase());
    return i === undefined ? "" : String(row[i] ?? "").trim();
  };
}

export function parseFlag(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (["y", "yes", "true", "1"].includes(v)) return true;
  if (["n", "no", "false", "0"].includes(v)) return false;
  return null;
}

export function contactsFromGrid(grid: Grid): Contact[] {
  const get = byHeader(grid);
  const out: Contact[] = [];
  grid.rows.forEach((row, r) => {
    const upn = get(row, "UPN");
    if (!upn) return;
    out.push({
      upn,
      title: get(row, "Title"),
      forename: get(row, "Forename"),
      surname: get(row, "Surname"),
      relationship: get(row, "Relationship"),
      parentalResponsibility: get(row, "Parental responsibility"),
      livesWithPupil: parseFlag(get(row, "Lives with pupil")),
      address: [get(row, "Address 1"), get(row, "Address 2"), get(row, "Town")].filter((x) => x !== ""),
      postcode: get(row, "Postcode"),
      email: get(row, "Email"),
      phone: get(row, "Phone"),
      preferredContact: get(row, "Preferred contact"),
      row: grid.rowNumbers?.[r] ?? r + 2,
    });
  });
  return out;
}

export function actionsFromGrid(grid: Grid): ActionRow[] {
  const get = byHeader(grid);
  const out: ActionRow[] = [];
  grid.rows.forEach((row, r) => {
    if (row.every((c) => String(c ?? "").trim() === "")) return;
    // Columns a tracker lacks (made before "Refers to" or the typed fields) read as empty fields.
    out.push({ ...actionFromCells((h) => get(row, h)), row: grid.rowNumbers?.[r] ?? r + 2 });
  });
  return out;
}

/**
 * The Weekly review sheet's rows; rows without a week date or UPN are passed over. The sheet is
 * only added to: a later row for the same week, pupil and action (a re-saved allocation) wins.
 */
export function reviewsFromGrid(grid: Grid): ReviewItem[] {
  const get = byHeader(grid);
  const latest = new Map<string, ReviewItem>();
  for (const row of grid.rows) {
    const week = parseDate(get(row, "Week"));
    const upn = get(row, "UPN");
    if (week === null || !upn) continue;
    const first = parseDate(get(row, "First listed"));
    // Lists saved before the Kind, Because, Status, Reason and Done by columns read as open actions.
    const item: ReviewItem = {
      week: formatIso(week),
      upn,
      action: get(row, "Action"),
      owner: get(row, "Owner"),
      allocatedTo: get(row, "Allocated to"),
      firstListed: formatIso(first ?? week),
      ...reviewItemFromCells({ kind: get(row, "Kind"), because: get(row, "Because"), status: get(row, "Status") }),
      ...(get(row, "Reason") ? { reason: get(row, "Reason") } : {}),
      ...(get(row, "Done by") ? { doneBy: get(row, "Done by") } : {}),
    };
    const key = `${item.week}\u0000${upn}\u0000${item.action}`;
    latest.delete(key);
    latest.set(key, item);
  }
  return [...latest.values()];
}

/** A review row's cells by the Weekly review sheet's headers (the writers put them where the header is). */
export function reviewRowCells(i: ReviewItem): Record<string, string> {
  const words = reviewItemCells(i);
  return {
    Week: i.week,
    UPN: i.upn,
    Action: i.action,
    Owner: i.owner,
    "Allocated to": i.allocatedTo,
    "First listed": i.firstListed,
    Kind: words.kind,
    Because: words.because,
    Status: words.status,
    Reason: i.reason ?? "",
    "Done by": i.doneBy ?? "",
  };
}

export function settingsFromGrid(grid: Grid): Record<string, string> {
  const get = byHeader(grid);
  const out: Record<string, string> = {};
  for (const row of grid.rows) {
    const key = get(row, "Setting");
    if (key) out[key] = get(row, "Value");
  }
  return out;
}

/**
 * Join the tracker's sheets. Pupils come in the Pupils sheet's order, with their details from
 * there; a pupil with marks but no Pupils row is kept (and reported) so no marks are lost.
 */
export function trackerFromGrids(grids: TrackerGrids, options: ReadOptions = {}): TrackerData {
  const isTracker = grids.pupils !== undefined && grids.pupils.header.length > 0;
  // A tracker's Marks sheet is keyed by UPN; a MIS export keyed by an admission number or MIS id is
  // mapped through the pupil list given, or else the workbook's own Pupils sheet.
  const marks = readMarksGrid(grids.marks, {
    ...options,
    pupils: options.pupils ?? (isTracker ? grids.pupils : undefined),
    pupilsName: options.pupils ? options.pupilsName : isTracker ? "the Pupils sheet" : options.pupilsName,
    requireSessions: isTracker ? false : options.requireSessions,
    // The tracker's own Marks sheet (not an export's first sheet) may be empty: a tracker just made.
    allowNoRows: options.allowNoRows ?? grids.marksSheet === undefined,
  });
  tagSheet(marks.problems, grids.marksSheet ?? "Marks");
  let dataset: MarksDataset = marks;
  if (grids.pupils && grids.pupils.header.length > 0) {
    let roster: MarksDataset;
    try {
      roster = readMarksGrid({ ...grids.pupils, header: grids.pupils.header }, { requireSessions: false });
    } catch (e) {
      if (e instanceof FatalInputError) throw new FatalInputError(`The Pupils sheet has no UPN column in its first row.`);
      throw e;
    }
    tagSheet(roster.problems, "Pupils");
    dataset = joinRoster(marks, roster);
  }
  // Damaged cells on the other sheets are listed too (the marks' and the pupils' are among their problems).
  for (const [grid, sheet] of [
    [grids.contacts, CONTACTS_SHEET.name],
    [grids.actions, ACTIONS_SHEET.name],
    [grids.settings, SETTINGS_SHEET.name],
    [grids.review, WEEKLY_REVIEW_SHEET.name],
  ] as const) {
    if (!grid?.problems?.length) continue;
    const found = grid.problems.map((p) => ({ ...p }));
    tagSheet(found, sheet);
    dataset.problems.push(...found);
  }
  return {
    dataset,
    contacts: grids.contacts ? contactsFromGrid(grids.contacts) : [],
    actions: grids.actions ? actionsFromGrid(grids.actions) : [],
    settings: grids.settings ? settingsFromGrid(grids.settings) : {},
    reviews: grids.review ? reviewsFromGrid(grids.review) : [],
  };
}

function tagSheet(problems: Problem[], sheet: string): void {
  for (const p of problems) {
    p.sheet = sheet;
    p.message = `${sheet} sheet: ${p.message}`;
  }
}

function joinRoster(marks: MarksDataset, roster: MarksDataset): MarksDataset {
  if (roster.pupils.length === 0) return marks;
  const markIndex = new Map(marks.pupils.map((p, i) => [p.upn, i]));
  const empty = new Uint8Array(marks.sessions.length);
  const pupils: PupilRecord[] = [];
  const rows: Uint8Array[] = [];
  const problems: Problem[] = [...roster.problems.filter((p) => p.kind === "missing-upn" || p.kind === "duplicate-upn" || p.kind === "damaged-text" || p.kind === "unreadable-cell"), ...marks.problems];
  const used = new Set<string>();
  for (const r of roster.pupils) {
    const i = markIndex.get(r.upn);
    const fromMarks = i === undefined ? undefined : marks.pupils[i];
    const onRoll = fromMarks?.onRoll || r.onRoll ? { ...fromMarks?.onRoll, ...r.onRoll } : undefined;
    pupils.push({ upn: r.upn, row: r.row, details: { ...fromMarks?.details, ...r.details }, extra: r.extra, ...(onRoll ? { onRoll } : {}) });
    rows.push(i === undefined ? empty : onRoll ? marks.marks[i].slice() : marks.marks[i]);
    used.add(r.upn);
  }
  marks.pupils.forEach((p, i) => {
    if (used.has(p.upn)) return;
    problems.push({
      kind: "unknown-pupil",
      sheet: "Marks",
      upn: p.upn,
      row: p.row,
      message: `Marks sheet: row ${p.row} has marks for a UPN that is not on the Pupils sheet. The marks were counted; add the pupil to the Pupils sheet.`,
    });
    pupils.push(p);
    rows.push(marks.marks[i]);
  });
  const joined: MarksDataset = { ...marks, pupils, marks: rows, problems, extraColumns: roster.extraColumns };
  // Admission and leaving dates on the Pupils sheet limit the sessions that count.
  applyTimeOnRoll(joined);
  return joined;
}

