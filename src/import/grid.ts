/**
 * Reads a grid of cells (the rows of a CSV file or a worksheet) into a marks dataset, in the wide or
 * the long layout of the analysis contract. Bad cells become problems; the rest carries on.
 */
import { CODES_2024_EFFECTIVE, LEGACY_BY_ID, codeId, normaliseCode } from "../engine/codes";
import { mondayOf, parseDate, weekday } from "../engine/dates";
import { FatalInputError, MarksDataset, Problem, PupilRecord } from "../engine/dataset";
import { summariseProblems } from "../engine/problems";
import { makeSession, Session, sessionOrdinal } from "../engine/sessions";
import { applyTimeOnRoll } from "../engine/time-on-roll";
import { DateAndHalf, parseExportDate, unreadableDateReason } from "./export-dates";
import { findHeaderRow, HEADER_SEARCH_ROWS, headerRole, headerScore, isWeakPupilKey, normHeader, Role, weekdayHalf } from "./headers";
import { dropFurniture, pupilKey, RepeatedHeader } from "./pupil-rows";
import { halfColumn, parseHalf, parseSessionHeader } from "./session-headers";

export interface Grid {
  /** First row: the headers. */
  header: string[];
  rows: string[][];
  /** Source row number of each row (header = 1); defaults to index + 2. */
  rowNumbers?: number[];
  /** What the file's reader could not read with certainty (damaged cells or text), for the dataset's problems. */
  problems?: Problem[];
}

/**
 * Rows read in order, one at a time: a grid's array, or a big CSV file's records parsed from its
 * text on each pass, so the reader never needs every cell at once.
 */
export interface RowSource {
  /** Call `fn` with each row from `from` (0 = the first row after the header) and its index; false stops. */
  each(fn: (cells: string[], index: number) => boolean | void, from?: number): void;
}

/** A grid whose rows are read as they are needed (numbered from 2, the header being row 1). */
export interface StreamedGrid {
  header: string[];
  rows: RowSource;
  rowNumbers?: undefined;
  /** As Grid's; filled as the rows are read, complete once they have all been read. */
  problems?: Problem[];
}

/** The words of the no-UPN message the command line adds its own option to (the panes never name an option). */
export const NEEDS_PUPIL_LIST = "with a pupil list giving the UPN for each.";

export function arrayRows(rows: string[][]): RowSource {
  return {
    each(fn, from = 0) {
      for (let i = from; i < rows.length; i++) if (fn(rows[i], i) === false) return;
    },
  };
}

function someRow(rows: RowSource, test: (cells: string[]) => boolean): boolean {
  let found = false;
  rows.each((cells) => {
    if (!test(cells)) return;
    found = true;
    return false;
  });
  return found;
}

const LEGACY_CUTOFF = parseDate(CODES_2024_EFFECTIVE)!;

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function isBlankRow(row: string[]): boolean {
  for (const c of row) if (c !== undefined && c !== null && String(c).trim() !== "") return false;
  return true;
}

/** A report's totals row ("Total", "Totals", "Grand total" where the pupil key should be): not a pupil. [inferred] */
const TOTALS_KEY = /^(?:grand\s*|sub-?\s*)?totals?:?$/i;

function totalsNotice(row: number, key: string): string {
  return `Row ${row} ("${key}") is a totals row, not a pupil, so it was left out.`;
}

export interface ReadOptions {
  /**
   * A pupil list with UPN and an admission number or MIS id column (a MIS student list, or the
   * tracker's Pupils sheet), to map a file keyed by that id to UPNs.
   */
  pupils?: Grid;
  /** How the pupil list is named in messages ("pupils.csv", "the Pupils sheet"). */
  pupilsName?: string;
  /**
   * A file with pupils but no session that can be read is fatal (default). The tracker's own sheets
   * (a Pupils sheet, a new tracker's empty Marks sheet) pass false.
   */
  requireSessions?: boolean;
  /**
   * A tracker's own Marks sheet may have no rows yet (a tracker just made); an export with a header
   * and no rows is refused (default), never read as a school of 0 pupils.
   */
  allowNoRows?: boolean;
}

/** The layout of a grid once its header row is found: which column does what. */
interface Layout {
  header: string[];
  /** The data rows (after the header) and the source row number of each. */
  rows: RowSource;
  rowNumber: (index: number) => number;
  keyCol: number;
  keyIsUpn: boolean;
  roles: Map<number, Role>;
  /** The header as written (one row, or two: dates over AM/PM), to know it if it comes again. */
  headerRows: string[][];
}

/**
 * Read a grid in any layout: wide (a column a session), long (a row a mark), a week grid (a row a
 * pupil a week), with the header on any of the first 20 rows, or on two rows (dates over AM/PM).
 * Throws FatalInputError when there is no pupil key column, or no session can be read.
 */
export function readMarksGrid(grid: Grid | StreamedGrid, options: ReadOptions = {}): MarksDataset {
  const layout = locate(grid);
  const roles = layout.roles;
  const colOf = (kind: Role["kind"]) => {
    for (const [c, r] of roles) if (r.kind === kind) return c;
    return -1;
  };
  const dateCol = colOf("date");
  const markCol = colOf("mark");
  let weekCol = colOf("weekStart");
  const weekdayCols: Array<[number, { weekday: number; pm: boolean }]> = [];
  layout.header.forEach((h, i) => {
    if (roles.has(i)) return;
    const wd = weekdayHalf(String(h ?? ""));
    if (wd) weekdayCols.push([i, wd]);
  });
  if (weekCol < 0 && dateCol < 0 && weekdayCols.length > 0) weekCol = weekStartFromStartDate(layout);
  let ds: MarksDataset;
  // A long file whose mark column has a name not known here: the column whose cells are register codes. [inferred]
  const markByContent = dateCol >= 0 && markCol < 0 && weekdayCols.length === 0 ? codeColumn(layout) : -1;
  // One row a pupil a day: a date, then AM and PM columns.
  const halfCols: Array<[number, { weekday: number; pm: boolean }]> = [];
  if (dateCol >= 0 && markCol < 0) {
    layout.header.forEach((h, i) => {
      if (roles.has(i) || i === layout.keyCol || String(h ?? "").trim() === "") return;
      const pm = halfColumn(String(h));
      if (pm !== null) halfCols.push([i, { weekday: 0, pm }]);
    });
  }
  if (dateCol >= 0 && markCol >= 0) ds = readLong(layout, dateCol, colOf("session"), markCol, colOf("time"));
  else if (weekCol >= 0 && weekdayCols.length > 0) ds = readWeekGrid(layout, weekCol, weekdayCols);
  // A week grid whose week column is headed "Date" or "Week start date".
  else if (dateCol >= 0 && weekdayCols.length > 0) ds = readWeekGrid(layout, dateCol, weekdayCols);
  else if (halfCols.length > 0) ds = readWeekGrid(layout, dateCol, halfCols, true);
  else if (markByContent >= 0) ds = readLong(layout, dateCol, colOf("session"), markByContent, colOf("time"));
  else ds = readWide(layout);
  const hasRows = ds.pupils.length > 0 || someRow(layout.rows, (r) => !isBlankRow(r));
  if (!hasRows && options.requireSessions !== false && !options.allowNoRows) {
    // A header and nothing under it: "0 pupils" would read as a school with no absence.
    throw new FatalInputError(`The file has a header row (row ${layout.rowNumber(-1)}) but no pupil rows under it, so there is nothing to read. Export the marks again with the pupils included.`);
  }
  if (ds.sessions.length === 0 && hasRows && options.requireSessions !== false) {
    const unread = ds.problems.filter((p) => p.kind === "bad-session-header");
    const more = (unread.length === 0 ? "" : ` ${summariseProblems(unread, 3).join(" ")}`) + (ds.notices?.length ? ` ${ds.notices.join(" ")}` : "");
    throw new FatalInputError(noSessionMessage(layout, dateCol, markCol, colOf("session"), weekCol, weekdayCols.length) + more);
  }
  if (!layout.keyIsUpn) {
    ds.pupilKey = { column: String(layout.header[layout.keyCol]).trim(), mapped: false };
    mapPupilKeys(ds, options);
  }
  applyTimeOnRoll(ds);
  addReaderProblems(ds, grid.problems);
  return ds;
}

/**
 * Bromcom's week entity (StudentId, StartDate, EndDate, MonAM ... FriPM): in a file of Mon AM ...
 * Fri PM columns with no week column, `StartDate` is the week's start, not an admission date, and
 * `EndDate` the week's end, not a leaving date. [bromcom] Returns the week column, or -1.
 */
function weekStartFromStartDate(layout: Layout): number {
  let start = -1;
  for (const [c, r] of layout.roles) if (r.kind === "admitted" && normHeader(layout.header[c]) === "startdate") start = c;
  if (start < 0) return -1;
  layout.roles.set(start, { kind: "weekStart" });
  for (const [c, r] of [...layout.roles]) if (r.kind === "left" && normHeader(layout.header[c]) === "enddate") layout.roles.delete(c);
  return start;
}

/** What the file's reader could not read with certainty, among the dataset's problems in row order. */
function addReaderProblems(ds: MarksDataset, found: Problem[] | undefined): void {
  if (!found || found.length === 0) return;
  for (const p of found) ds.problems.push(p);
  ds.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** Find the header row and the role of each column. */
function locate(grid: Grid | StreamedGrid): Layout {
  const source = Array.isArray(grid.rows) ? arrayRows(grid.rows) : grid.rows;
  // Only the first rows can hold the header (one or two rows), so only they are read here.
  const head: string[][] = [];
  source.each((cells) => {
    head.push(cells);
    return head.length <= HEADER_SEARCH_ROWS;
  });
  const all: string[][] = [grid.header, ...head];
  const numberOf = (i: number) => (i === 0 ? (grid.rowNumbers?.[0] ?? 2) - 1 : grid.rowNumbers?.[i - 1] ?? i + 1);
  const found = findHeaderRow(all);
  const header = found.header.map((h) => String(h ?? ""));
  const start = found.index + found.height;
  // The data starts at the source's row start - 1 (the grid's header is not among its rows).
  const skip = start - 1;
  const rows: RowSource = { each: (fn, from = 0) => source.each((cells, i) => fn(cells, i - skip), from + skip) };
  const rowNumber = (r: number) => numberOf(start + r);
  const roles = new Map<number, Role>();
  const seen = new Set<string>();
  header.forEach((h, i) => {
    const role = headerRole(h);
    if (!role) return;
    const id = role.kind === "detail" ? `detail:${role.key}` : role.kind;
    // The first column of each role is used; a repeat is kept as a pass-through column.
    if (seen.has(id)) return;
    seen.add(id);
    roles.set(i, role);
  });
  let keyCol = -1;
  let keyIsUpn = false;
  for (const [c, r] of roles) {
    if (r.kind === "upn") {
      keyCol = c;
      keyIsUpn = true;
    }
  }
  if (keyCol < 0) for (const [c, r] of roles) if (r.kind === "pupilId" && keyCol < 0) keyCol = c;
  if (keyCol < 0) keyCol = header.findIndex((h) => isWeakPupilKey(h));
  if (keyCol < 0) throw new FatalInputError(missingUpnMessage(grid.header, header, all.slice(0, HEADER_SEARCH_ROWS)));
  const headerRows = all.slice(found.index, found.index + found.height).map((r) => r.map((c) => String(c ?? "")));
  return { header, rows, rowNumber, keyCol, keyIsUpn, roles, headerRows };
}

function missingUpnMessage(first: string[], header: string[], top: string[][] = [first]): string {
  const joined = first.join(",");
  // One cell a row, and a row (a title row may come first) that splits into known headers at its semicolons or tabs.
  const oneCell = top.every((r) => r.filter((c) => String(c ?? "").trim() !== "").length <= 1);
  const splitsInto = (sep: string) => oneCell && top.some((r) => String(r[0] ?? "").includes(sep) && headerScore(String(r[0]).split(sep)).key);
  if (first.length <= 1 && ((/;/.test(joined) && /upn/i.test(joined)) || splitsInto(";"))) {
    return "The file has no UPN column because its values are separated by semicolons (;). Save it as comma-separated CSV (in Excel: CSV UTF-8) and try again.";
  }
  if (first.length <= 1 && ((/\t/.test(joined) && /upn/i.test(joined)) || splitsInto("\t"))) {
    return "The file has no UPN column because its values are separated by tabs. Save it as comma-separated CSV (in Excel: CSV UTF-8) and try again.";
  }
  if (first.length === 0 || (first.length === 1 && joined.trim() === "" && header.every((h) => String(h ?? "").trim() === ""))) {
    return "The file is empty: it needs a header row with a UPN column and a row for each pupil.";
  }
  return "The file has no UPN column. The first row must hold the column headers, one of them UPN (the pupil's unique pupil number), or an admission number or MIS id (Adno, Admission number, MIS ID, Student ID) with a pupil list giving the UPN for each.";
}

const listHeaders = (header: string[]) => {
  const named = header.map((h) => String(h ?? "").trim()).filter((h) => h !== "");
  const shown = named.slice(0, 12).map((h) => `"${h}"`).join(", ");
  return named.length === 0 ? "none" : named.length > 12 ? `${shown} and ${named.length - 12} more` : shown;
};

function noSessionMessage(layout: Layout, dateCol: number, markCol: number, sessionCol: number, weekCol: number, weekdayCount: number): string {
  const found = `Columns found: ${listHeaders(layout.header)}.`;
  const expected =
    "Expected one of: a column a session headed with a date and AM or PM (2025-09-08 AM, 08/09/2025 PM, or dates on one row and AM/PM on the row below); " +
    "a row a mark with Date, Session (AM/PM) and Mark columns; or a row a pupil a week with a week-start column and Mon AM ... Fri PM columns.";
  let why = "No session could be read from this file, so there is nothing to analyse.";
  if (dateCol >= 0 && markCol < 0) {
    const markCode = layout.header.some((h) => normHeader(h) === "markcode");
    why = `The file has a date column ("${layout.header[dateCol].trim()}")${sessionCol >= 0 ? ` and a session column ("${layout.header[sessionCol].trim()}")` : ""} but no column holding the register mark (Mark, RAW_MARK, Session.Mark, AttendanceMark)${markCode ? "; MARK_CODE holds the mark's meaning (such as PRESENT_AM), not the mark itself: include the raw mark in the export" : ""}.`;
  } else if (weekdayCount > 0 && weekCol < 0) {
    why = "The file has Mon AM ... Fri PM columns but no column giving the week they belong to (Week, Week start, Week commencing, W/C).";
  }
  return `${why} ${found} ${expected}`;
}

function detailsOf(cells: string[], layout: Layout): { details: PupilRecord["details"]; onRoll?: PupilRecord["onRoll"] } {
  const details: PupilRecord["details"] = {};
  let onRoll: PupilRecord["onRoll"];
  let name = "";
  for (const [i, role] of layout.roles) {
    const v = String(cells[i] ?? "").trim();
    if (v === "") continue;
    if (role.kind === "detail") details[role.key] = role.key === "year" ? normaliseYear(v) : v;
    else if (role.kind === "name") name = v;
    else if (role.kind === "admitted" || role.kind === "left") {
      const d = parseExportDate(v);
      if (d) onRoll = { ...onRoll, [role.kind === "admitted" ? "from" : "to"]: d.day };
    }
  }
  if (name && details.surname === undefined && details.forename === undefined) Object.assign(details, splitName(name, details));
  return { details, onRoll };
}

/** "Year 9", "Y9", "Yr 9" are year 9; "Reception" is R. Other values are kept as written. */
export function normaliseYear(v: string): string {
  const m = /^(?:year|yr|y|nc\s*year)\s*(\d{1,2})$/i.exec(v.trim());
  if (m) return String(Number(m[1]));
  if (/^(?:rec|reception|yr\s*r|year\s*r)$/i.test(v.trim())) return "R";
  return v;
}

/**
 * A whole name to surname and forename: "Surname, Forename"; "SURNAME Forename (Reg)" (the surname
 * in capitals, as SIMS lists print it, with the registration group in brackets); else
 * "Forename Surname" (the last word taken as the surname, which is a guess for double-barrelled
 * names written with a space).
 */
export function splitName(name: string, details: PupilRecord["details"] = {}): PupilRecord["details"] {
  let n = name.trim().replace(/\s+/g, " ");
  const out: PupilRecord["details"] = {};
  const reg = /\s*\(([^)]*)\)$/.exec(n);
  if (reg) {
    if (details.reg === undefined && reg[1].trim() !== "") out.reg = reg[1].trim();
    n = n.slice(0, reg.index).trim();
  }
  const comma = n.indexOf(",");
  if (comma >= 0) {
    out.surname = n.slice(0, comma).trim();
    out.forename = n.slice(comma + 1).trim();
    return out;
  }
  const words = n.split(" ");
  const upper = (w: string) => /[A-Z]/.test(w) && w === w.toUpperCase();
  let k = 0;
  while (k < words.length - 1 && upper(words[k])) k++;
  if (k > 0 && k < words.length) {
    out.surname = words.slice(0, k).join(" ");
    out.forename = words.slice(k).join(" ");
  } else if (words.length > 1) {
    out.forename = words.slice(0, -1).join(" ");
    out.surname = words[words.length - 1];
  } else out.surname = n;
  return out;
}

function makePupil(key: string, row: number, cells: string[], layout: Layout, extraCols: Array<[number, string]>): PupilRecord {
  const { details, onRoll } = detailsOf(cells, layout);
  // No prototype: a column headed "__proto__" is kept like any other.
  const extra: Record<string, string> = Object.create(null);
  for (const [i, name] of extraCols) {
    const v = cells[i];
    if (v !== undefined && v !== null && String(v) !== "") extra[name] = String(v);
  }
  return onRoll ? { upn: key, row, details, extra, onRoll } : { upn: key, row, details, extra };
}

/** Columns kept as they are: any the reader does not use, including the admission and leaving dates (staff keep those). */
function passThrough(layout: Layout, used: Set<number>): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  layout.header.forEach((raw, i) => {
    const h = String(raw ?? "").trim();
    if (h === "" || i === layout.keyCol || used.has(i)) return;
    const role = layout.roles.get(i);
    // Pupil details and names are read into the pupil's record; any other recognised column the layout does not use is kept.
    if (role && (role.kind === "detail" || role.kind === "name" || role.kind === "upn")) return;
    out.push([i, h]);
  });
  return out;
}

/** Resolve one cell to a code id, or report why it cannot count. Cached by raw text and era. */
class CodeReader {
  private cache = [new Map<string, number>(), new Map<string, number>()];
  constructor(private problems: Problem[]) {}

  /** The cache for a session's era (before or after the 2024 codes): raw cell text to code id. */
  cacheFor(session: Session): Map<string, number> {
    return this.cache[session.day >= LEGACY_CUTOFF ? 1 : 0];
  }

  /** Returns the code id, 0 for no mark (or a mark reported as a problem). */
  read(raw: string, session: Session, upn: string, row: number, column?: string): number {
    const cache = this.cacheFor(session);
    const era = cache === this.cache[1] ? 1 : 0;
    let id = cache.get(raw);
    if (id === undefined) {
      const code = normaliseCode(raw);
      if (code === "") id = 0;
      else {
        const found = codeId(code);
        if (found === undefined) id = -1;
        else if (LEGACY_BY_ID[found] && era === 1) id = -2;
        else id = found;
      }
      cache.set(raw, id);
    }
    if (id >= 0) return id;
    const value = raw.trim();
    const where = column ? `row ${row}, column ${column}` : `row ${row}`;
    if (id === -1) {
      this.problems.push({
        kind: "unknown-code",
        upn,
        row,
        ...(column ? { column } : {}),
        session: session.label,
        value,
        message: `"${value}" (${where}, ${session.label}) is not a register code. The mark was left out of every count until it is corrected, or, if it is the school's own sub-code, mapped to the register code it stands for in the policy's codeMap.`,
      });
    } else {
      this.problems.push({
        kind: "legacy-code-after-2024",
        upn,
        row,
        ...(column ? { column } : {}),
        session: session.label,
        value,
        message: `"${value}" (${where}, ${session.label}) was withdrawn on 19 August 2024 and cannot be used on a later session${
          value.toUpperCase() === "H" ? " (agreed leave is now C)" : value.toUpperCase() === "Y" ? " (use Y1 to Y7)" : value.toUpperCase() === "J" ? " (interviews are now J1)" : ""
        }. The mark was left out of every count until it is corrected.`,
      });
    }
    return 0;
  }
}

/** A session's column; `part` 0 or 1 for the AM or PM mark of a day column's cell. */
type SessionColumn = [number, Session, (0 | 1)?];

const isCode = (t: string) => t !== "" && codeId(normaliseCode(t)) !== undefined;

/**
 * A day cell's AM and PM marks: "/\\" is / then \\, "C1/" is C1 then /. A single code is taken for
 * both sessions (a closure "#" written once; inferred). Null when the cell cannot be split into codes.
 */
export function splitDayCell(raw: string): [string, string] | null {
  const t = raw.trim();
  if (t === "") return ["", ""];
  for (let k = 1; k < t.length; k++) {
    const a = t.slice(0, k).trim();
    const b = t.slice(k).trim();
    if (isCode(a) && isCode(b)) return [a, b];
  }
  return isCode(t) ? [t, t] : null;
}

/** Whether a date-only column holds a day's two marks in each cell: some cells split into two codes, and nearly all can be read. */
function isDayColumn(rows: RowSource, col: number, keyCol = -1): boolean {
  let seen = 0;
  let pairs = 0;
  let unreadable = 0;
  rows.each((r) => {
    if (keyCol >= 0 && TOTALS_KEY.test(String(r[keyCol] ?? "").trim())) return;
    const t = String(r[col] ?? "").trim();
    if (t === "") return;
    if (++seen > 500) return false;
    const split = splitDayCell(t);
    if (!split) unreadable++;
    else if (t.length > 1 && split[0] + split[1] !== t + t) pairs++;
  });
  return pairs > 0 && unreadable <= seen / 10;
}

/** Wide-layout session columns: dated headers, a date-only header paired AM then PM, the rest reported. */
function sessionColumns(layout: Layout, problems: Problem[]): { cols: SessionColumn[]; unread: number[]; isSession: Set<number> } {
  const cols: SessionColumn[] = [];
  const unread: number[] = [];
  const isSession = new Set<number>();
  const dateOnly = new Map<number, number[]>();
  const halves = new Map<number, Set<boolean>>();
  let badCount = 0;
  const bad = (i: number, h: string, reason: string) => {
    if (unread.length < UNREAD_COLUMNS_KEPT) unread.push(i);
    isSession.add(i);
    // Listed one by one up to a point; a header of thousands of such columns is one more problem with the count.
    if (++badCount > BAD_HEADERS_LISTED) return;
    problems.push({
      kind: "bad-session-header",
      column: columnLetter(i),
      value: h,
      message: `Column ${columnLetter(i)} has the header "${h}", which looks like a session but cannot be read: ${reason}. The column was left out.`,
    });
  };
  layout.header.forEach((raw, i) => {
    if (i === layout.keyCol || layout.roles.has(i)) return;
    const h = String(raw ?? "").trim();
    const parsed = parseSessionHeader(h);
    if (parsed.kind === "session") {
      cols.push([i, parsed.session]);
      isSession.add(i);
      const set = halves.get(parsed.session.day) ?? new Set<boolean>();
      set.add(parsed.session.pm);
      halves.set(parsed.session.day, set);
    } else if (parsed.kind === "date") {
      dateOnly.set(parsed.day, [...(dateOnly.get(parsed.day) ?? []), i]);
      isSession.add(i);
    } else if (parsed.kind === "bad") bad(i, h, parsed.reason);
  });
  // A date with no AM or PM (an Excel date cell as a header): two such columns for one date are its
  // AM and PM, left to right; one beside the date's other half takes the missing half.
  for (const [day, list] of dateOnly) {
    const have = halves.get(day) ?? new Set<boolean>();
    const free = [false, true].filter((pm) => !have.has(pm));
    if (list.length === free.length && list.length > 0) list.forEach((c, k) => cols.push([c, makeSession(day, free[k])]));
    else if (list.length === 1 && free.length === 2 && isDayColumn(layout.rows, list[0], layout.keyCol)) {
      // One column a day with both marks in each cell ("/\\", "NN"), as register reports print them.
      cols.push([list[0], makeSession(day, false), 0], [list[0], makeSession(day, true), 1]);
    } else for (const c of list) bad(c, String(layout.header[c] ?? "").trim(), "the session (AM or PM) is missing after the date");
  }
  if (badCount > BAD_HEADERS_LISTED) {
    const more = badCount - BAD_HEADERS_LISTED;
    problems.push({
      kind: "bad-session-header",
      value: String(more),
      message: `${more.toLocaleString("en-GB")} more columns look like sessions but cannot be read. They were left out.`,
    });
  }
  cols.sort((a, b) => a[0] - b[0]);
  return { cols, unread, isSession };
}

/** Unreadable session headers reported one by one up to this many; the rest are one problem with a count. */
const BAD_HEADERS_LISTED = 50;
/** Repeated session columns reported one by one up to this many; more are one problem with a count. */
const REPEATS_LISTED = 3;
/**
 * Columns left out whose cells are still kept (for a tracker made from the file). A header repeating
 * its sessions thousands of times (seen: 160 sessions 6,500 times) must not hold every cell of each.
 */
const UNREAD_COLUMNS_KEPT = 500;

function reportRepeatedColumns(repeats: Array<[number, Session, number]>, layout: Layout, problems: Problem[], unreadCols: number[]): void {
  const repeated = (col: number, s: Session, first: number) => `column ${columnLetter(col)} repeats the session ${s.label}, already in column ${columnLetter(first)}`;
  if (repeats.length <= REPEATS_LISTED) {
    for (const [col, s, first] of repeats) {
      unreadCols.push(col);
      problems.push({
        kind: "duplicate-session",
        column: columnLetter(col),
        session: s.label,
        value: String(layout.header[col]).trim(),
        message: `C${repeated(col, s, first).slice(1)}. The repeated column was left out.`,
      });
    }
    return;
  }
  const room = Math.max(0, UNREAD_COLUMNS_KEPT - unreadCols.length);
  for (const [col] of repeats.slice(0, room)) unreadCols.push(col);
  const [col, s] = repeats[0];
  const examples = repeats.slice(0, REPEATS_LISTED).map(([c, r, f]) => repeated(c, r, f));
  problems.push({
    kind: "duplicate-session",
    column: columnLetter(col),
    session: s.label,
    value: String(repeats.length),
    message: `${repeats.length.toLocaleString("en-GB")} columns repeat sessions already in the file (${examples.join("; ")}; ...). The repeated columns were left out${repeats.length > room ? `, and only the first ${room.toLocaleString("en-GB")} are kept as typed in a tracker made from this file` : ""}.`,
  });
}

function readWide(layout: Layout): MarksDataset {
  const problems: Problem[] = [];
  const found = sessionColumns(layout, problems);
  const unreadCols = found.unread;
  // Sessions in date order; a second column for the same session is reported and left out.
  const byOrdinal = new Map<number, number>();
  const kept: SessionColumn[] = [];
  const repeats: Array<[number, Session, number]> = [];
  for (const [col, s, part] of found.cols) {
    const ord = sessionOrdinal(s.day, s.pm);
    const first = byOrdinal.get(ord);
    if (first !== undefined) {
      repeats.push([col, s, first]);
      continue;
    }
    byOrdinal.set(ord, col);
    kept.push([col, s, part]);
  }
  reportRepeatedColumns(repeats, layout, problems, unreadCols);
  kept.sort((a, b) => sessionOrdinal(a[1].day, a[1].pm) - sessionOrdinal(b[1].day, b[1].pm));
  const extraCols = passThrough(layout, found.isSession);
  const sessions = kept.map(([, s]) => s);
  const sessionColumnsIdx = kept.map(([c]) => c);
  const parts = kept.map(([, , part]) => part);
  const dayCells = new Map<string, [string, string]>();
  const letters = sessionColumnsIdx.map(columnLetter);
  const n = sessions.length;
  const reader = new CodeReader(problems);
  const caches = sessions.map((s) => reader.cacheFor(s));
  const unreadValues = new Map<number, Record<string, string>>(unreadCols.map((c) => [c, {}]));
  const pupils: PupilRecord[] = [];
  const marks: Uint8Array[] = [];
  const firstRowOf = new Map<string, number>();
  const notices: string[] = [];
  const keyCol = layout.keyCol;
  const keyName = layout.keyIsUpn ? "UPN" : String(layout.header[keyCol]).trim();
  const headerAgain = new RepeatedHeader(layout.headerRows, keyCol);
  // Whether each pupil's row has a mark cell: a row with none may be report text (pupil-rows.ts).
  const hasMarks: boolean[] = [];

  layout.rows.each((cells, r) => {
    const row = layout.rowNumber(r);
    if (isBlankRow(cells)) return;
    const upn = pupilKey(cells[keyCol], layout.keyIsUpn);
    if (headerAgain.check(cells, upn, row)) return;
    if (TOTALS_KEY.test(upn)) {
      notices.push(totalsNotice(row, upn));
      return;
    }
    if (upn === "") {
      problems.push({ kind: "missing-upn", row, message: `Row ${row} has marks or details but no ${keyName}, so it was left out. Add the pupil's ${keyName}.` });
      return;
    }
    const first = firstRowOf.get(upn);
    if (first !== undefined) {
      problems.push({
        kind: "duplicate-upn",
        upn,
        row,
        value: upn,
        message: `Row ${row} repeats a ${keyName} already on row ${first}. Only row ${first} was counted; merge or correct the rows.`,
      });
      return;
    }
    firstRowOf.set(upn, row);
    const m = new Uint8Array(n);
    let marked = false;
    for (let s = 0; s < n; s++) {
      let raw = cells[sessionColumnsIdx[s]];
      if (raw === undefined || raw === "" || raw === null) continue;
      marked = true;
      const part = parts[s];
      if (part !== undefined) {
        let split = dayCells.get(raw);
        if (split === undefined) {
          // A cell that cannot be split is reported whole against the morning.
          split = splitDayCell(raw) ?? [raw, ""];
          dayCells.set(raw, split);
        }
        raw = split[part];
        if (raw === "") continue;
      }
      // Fast path: a cell text already seen in this era (almost every cell) is one map lookup.
      const known = caches[s].get(raw);
      m[s] = known !== undefined && known >= 0 ? known : reader.read(String(raw), sessions[s], upn, row, letters[s]);
    }
    pupils.push(makePupil(upn, row, cells, layout, extraCols));
    marks.push(m);
    hasMarks.push(marked);
    for (const c of unreadCols) {
      const v = String(cells[c] ?? "");
      if (v.trim() !== "") unreadValues.get(c)![upn] = v;
    }
  });
  const unreadColumns = unreadCols.sort((a, b) => a - b).map((c) => ({ header: String(layout.header[c] ?? "").trim(), values: unreadValues.get(c)! }));
  const again = headerAgain.notice();
  if (again) notices.push(again);
  const ds: MarksDataset = { sessions, pupils, marks, problems, extraColumns: extraCols.map(([, h]) => h), unreadColumns, layout: "wide", ...(notices.length ? { notices } : {}) };
  dropFurniture(ds, hasMarks, layout.keyIsUpn);
  return ds;
}

// [arbor] the BI Connector's ATTENDANCE columns that describe one mark.
const PER_MARK_COLUMNS = new Set(["markcode", "minuteslate", "ispresent", "isauthorizedabsent", "isunauthorizedabsent", "ispossibleattendance", "applicationid"]);

/**
 * The marks of long and week-grid rows, held compactly until every session is known: four numbers a
 * mark in typed arrays (a 10,000-pupil long export is 3.9 million marks: 62 MB, not 220 MB of objects).
 */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;
const BLOCK_MASK = BLOCK - 1;

class Entries {
  length = 0;
  // Blocks of a fixed size, so the store grows without copying.
  private blocks: Int32Array[] = [];

  private rawIds = new Map<string, number>();
  readonly raws: string[] = [];

  push(pupil: number, ord: number, row: number, raw: string): void {
    let id = this.rawIds.get(raw);
    if (id === undefined) {
      id = this.raws.length;
      this.raws.push(raw);
      this.rawIds.set(raw, id);
    }
    const i = this.length++;
    const at = (i & BLOCK_MASK) * 4;
    if (at === 0) this.blocks.push(new Int32Array(BLOCK * 4));
    const block = this.blocks[i >>> BLOCK_BITS];
    block[at] = pupil;
    block[at + 1] = ord;
    block[at + 2] = row;
    block[at + 3] = id;
  }

  /** Field `f` (0 pupil, 1 session ordinal, 2 row, 3 raw text id) of entry `i`. */
  get(i: number, f: number): number {
    return this.blocks[i >>> BLOCK_BITS][(i & BLOCK_MASK) * 4 + f];
  }

  /** Entry indexes grouped by pupil, each pupil's in the order they were read. */
  byPupil(pupils: number): { order: Int32Array; starts: Int32Array } {
    const starts = new Int32Array(pupils + 1);
    for (let i = 0; i < this.length; i++) starts[this.get(i, 0) + 1]++;
    for (let p = 0; p < pupils; p++) starts[p + 1] += starts[p];
    const next = starts.slice(0, pupils);
    const order = new Int32Array(this.length);
    for (let i = 0; i < this.length; i++) order[next[this.get(i, 0)]++] = i;
    return { order, starts };
  }
}

/** Rows that each give marks for one pupil (long and week-grid layouts): pupils in first-seen order. */
class Collector {
  readonly problems: Problem[] = [];
  readonly notices: string[] = [];
  private index = new Map<string, number>();
  readonly pupils: PupilRecord[] = [];
  private entries = new Entries();
  private sessionByOrd = new Map<number, Session>();
  private detailRoles: Array<[number, keyof PupilRecord["details"]]>;
  /** Pupils with every detail column filled: later rows have nothing to add. */
  private complete: boolean[] = [];
  // A long file's rows come a pupil at a time: the last row's key is checked first.
  private lastKey = "";
  private lastPupil = -1;
  private headerAgain: RepeatedHeader;
  /** Whether each pupil has a mark cell: a pupil with none may be report text (pupil-rows.ts). */
  private hasMarks: boolean[] = [];
  constructor(
    private layout: Layout,
    private extraCols: Array<[number, string]>,
  ) {
    this.headerAgain = new RepeatedHeader(layout.headerRows, layout.keyCol);
    this.detailRoles = [];
    for (const [i, role] of layout.roles) if (role.kind === "detail") this.detailRoles.push([i, role.key]);
  }

  keyName(): string {
    return this.layout.keyIsUpn ? "UPN" : String(this.layout.header[this.layout.keyCol]).trim();
  }

  /** The pupil of a row (added on first sight), or -1 with a problem when the key is missing. */
  pupil(cells: string[], row: number): number {
    const upn = pupilKey(cells[this.layout.keyCol], this.layout.keyIsUpn);
    let p: number | undefined = upn === this.lastKey && this.lastPupil >= 0 ? this.lastPupil : undefined;
    if (p === undefined) {
      if (this.headerAgain.check(cells, upn, row)) return -1;
      if (TOTALS_KEY.test(upn)) {
        this.notices.push(totalsNotice(row, upn));
        return -1;
      }
      if (upn === "") {
        this.problems.push({ kind: "missing-upn", row, message: `Row ${row} has a mark but no ${this.keyName()}, so it was left out. Add the pupil's ${this.keyName()}.` });
        return -1;
      }
      p = this.index.get(upn);
      if (p === undefined) {
        p = this.pupils.length;
        this.index.set(upn, p);
        const pupil = makePupil(upn, row, cells, this.layout, this.extraCols);
        this.pupils.push(pupil);
        this.hasMarks.push(false);
        this.complete.push(this.detailRoles.every(([, key]) => pupil.details[key] !== undefined));
        this.lastKey = upn;
        this.lastPupil = p;
        return p;
      }
      this.lastKey = upn;
      this.lastPupil = p;
    }
    if (!this.complete[p]) {
      // A later row of the same pupil fills only the details still missing (cheap: most rows repeat them).
      const pupil = this.pupils[p];
      let complete = true;
      for (const [i, key] of this.detailRoles) {
        if (pupil.details[key] !== undefined) continue;
        const v = String(cells[i] ?? "").trim();
        if (v !== "") pupil.details[key] = key === "year" ? normaliseYear(v) : v;
        else complete = false;
      }
      this.complete[p] = complete;
    }
    return p;
  }

  add(p: number, day: number, pm: boolean, raw: string, row: number): void {
    if (!this.hasMarks[p] && raw.trim() !== "") this.hasMarks[p] = true;
    const ord = sessionOrdinal(day, pm);
    if (!this.sessionByOrd.has(ord)) this.sessionByOrd.set(ord, makeSession(day, pm));
    this.entries.push(p, ord, row, raw);
  }

  finish(layout: MarksDataset["layout"]): MarksDataset {
    const problems = this.problems;
    const ordinals = [...this.sessionByOrd.keys()].sort((a, b) => a - b);
    const sessions = ordinals.map((o) => this.sessionByOrd.get(o)!);
    const position = new Map<number, number>(ordinals.map((o, i) => [o, i]));
    const reader = new CodeReader(problems);
    const e = this.entries;
    const { order, starts } = e.byPupil(this.pupils.length);
    const trimmed = e.raws.map((r) => r.trim());
    // The row that gave each session of the pupil being read (0: none yet).
    const firstRow = new Int32Array(sessions.length);
    const marks: Uint8Array[] = this.pupils.map((pupil, p) => {
      const m = new Uint8Array(sessions.length);
      firstRow.fill(0);
      for (let k = starts[p]; k < starts[p + 1]; k++) {
        const i = order[k];
        const s = position.get(e.get(i, 1))!;
        const row = e.get(i, 2);
        const raw = e.get(i, 3);
        const earlier = firstRow[s];
        if (earlier !== 0) {
          problems.push({
            kind: "duplicate-session",
            upn: pupil.upn,
            row,
            session: sessions[s].label,
            value: trimmed[raw],
            message: `Row ${row} gives a second mark for ${sessions[s].label}; row ${earlier} already has this session. Only row ${earlier} was counted.`,
          });
          continue;
        }
        firstRow[s] = row;
        if (trimmed[raw] !== "") m[s] = reader.read(e.raws[raw], sessions[s], pupil.upn, row);
      }
      return m;
    });
    // Problems in row order read best.
    problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    const again = this.headerAgain.notice();
    if (again) this.notices.push(again);
    const ds: MarksDataset = { sessions, pupils: this.pupils, marks, problems, extraColumns: this.extraCols.map(([, h]) => h), layout, ...(this.notices.length ? { notices: this.notices } : {}) };
    dropFurniture(ds, this.hasMarks, this.layout.keyIsUpn);
    return ds;
  }
}

function readLong(layout: Layout, dateCol: number, sessionCol: number, markCol: number, timeCol = -1): MarksDataset {
  // A time column decides the half only where there is no session column.
  if (sessionCol >= 0) timeCol = -1;
  const used = new Set([dateCol, markCol, ...(sessionCol >= 0 ? [sessionCol] : []), ...(timeCol >= 0 ? [timeCol] : [])]);
  // Columns that describe each mark rather than the pupil (Arbor's MARK_CODE, IS_PRESENT, MINUTES_LATE...) are not kept.
  const extraCols = passThrough(layout, used).filter(([, h]) => !PER_MARK_COLUMNS.has(normHeader(h)));
  const c = new Collector(layout, extraCols);
  const dateCache = new Map<string, DateAndHalf | null>();
  const halfCache = new Map<string, boolean | null>();
  const dateOf = (text: string) => {
    let date = dateCache.get(text);
    if (date === undefined) {
      date = parseExportDate(text);
      dateCache.set(text, date);
    }
    return date;
  };
  // With no session column: a date column that gives the afternoon by the time of day (Excel's
  // 45908.5, 12:00) gives the morning as the bare date (45908, midnight); else a mark column of a
  // day's two marks in one cell ("/\\") gives both sessions. [inferred]
  let timed = false;
  // Rows whose session is a lesson ("P1", "Period 5", "Maths 8X1"): not a register session, left out and counted.
  const lessons = new Map<string, number>();
  let lessonRows = 0;
  if (sessionCol < 0 && timeCol < 0) timed = someRow(layout.rows, (cells) => dateOf(String(cells[dateCol] ?? ""))?.pm === true);
  const dayMarks = sessionCol < 0 && timeCol < 0 && !timed && isDayColumn(layout.rows, markCol, layout.keyCol);
  layout.rows.each((cells, r) => {
    const row = layout.rowNumber(r);
    if (isBlankRow(cells)) return;
    const p = c.pupil(cells, row);
    if (p < 0) return;
    const dateText = String(cells[dateCol] ?? "");
    const date = dateOf(dateText);
    if (dayMarks && date && date.pm === null) {
      const raw = String(cells[markCol] ?? "");
      const split = splitDayCell(raw) ?? [raw, ""];
      c.add(p, date.day, false, split[0], row);
      if (split[1] !== "") c.add(p, date.day, true, split[1], row);
      return;
    }
    const sessionText = sessionCol >= 0 ? String(cells[sessionCol] ?? "") : "";
    let half = halfCache.get(sessionText);
    if (half === undefined) {
      half = sessionText.trim() !== "" ? parseHalf(sessionText) : null;
      halfCache.set(sessionText, half);
    }
    if (half === null && sessionText.trim() !== "") {
      // With a session column, only its AM and PM rows are register marks: the time of a lesson row's
      // date never makes it one (a lesson at 13:40 is not the afternoon session).
      lessonRows++;
      const v = sessionText.trim();
      lessons.set(v, (lessons.get(v) ?? 0) + 1);
      return;
    }
    const timeText = timeCol >= 0 ? String(cells[timeCol] ?? "").trim() : "";
    const pm = sessionCol >= 0 ? half : timeCol >= 0 ? halfOfTime(timeText) : (date?.pm ?? (timed && date ? false : null));
    if (date && pm === null && timeCol >= 0) {
      c.problems.push({
        kind: "bad-session-header",
        upn: String(cells[layout.keyCol]).trim(),
        row,
        value: `${dateText.trim()} ${timeText}`.trim(),
        message: `Row ${row} has the time "${timeText}", which is not a time of day (HH:MM) giving the session. The row was left out.`,
      });
      return;
    }
    if (date === null || date === undefined || pm === null) {
      const value = `${dateText.trim()} ${sessionText.trim()}`.trim();
      c.problems.push({
        kind: "bad-session-header",
        upn: String(cells[layout.keyCol]).trim(),
        row,
        value,
        message:
          date === null || date === undefined
            ? `Row ${row} has the date "${dateText.trim()}", ${unreadableDateReason(dateText)}. The row was left out.`
            : sessionCol >= 0
              ? `Row ${row} has the session "${sessionText.trim()}": use AM or PM. The row was left out.`
              : `Row ${row} has the date "${dateText.trim()}" but no session (AM or PM), and the file has no session column. The row was left out.`,
      });
      return;
    }
    c.add(p, date.day, pm, String(cells[markCol] ?? ""), row);
  });
  if (lessonRows > 0) c.notices.push(lessonNotice(lessonRows, lessons, String(layout.header[sessionCol]).trim()));
  return c.finish("long");
}

/** The half of the day of a time cell (`08:45`, `1:30 pm`, `13:30:00`, Excel's 0.5625): null if not a time, or midnight. */
function halfOfTime(text: string): boolean | null {
  const t = text.trim();
  const m = /^(\d{1,2})[:.](\d{2})(?::\d{2}(?:\.\d+)?)?\s*([ap]\.?m\.?)?$/i.exec(t);
  let hours: number;
  if (m) {
    hours = Number(m[1]);
    if (Number(m[2]) > 59 || hours > 23 || (m[3] && (hours < 1 || hours > 12))) return null;
    if (m[3]) hours = (hours % 12) + (m[3][0].toLowerCase() === "p" ? 12 : 0);
    else if (hours === 0 && Number(m[2]) === 0) return null;
  } else if (/^0?\.\d+$/.test(t)) hours = Number(t) * 24;
  else return null;
  return hours >= 12;
}

function lessonNotice(rows: number, values: Map<string, number>, column: string): string {
  const seen = [...values.keys()];
  const shown = seen.slice(0, 8).map((v) => `"${v.length > 40 ? `${v.slice(0, 37)}...` : v}"`).join(", ");
  return `${rows.toLocaleString("en-GB")} row${rows === 1 ? "" : "s"} with a lesson or other period in ${column} (${shown}${seen.length > 8 ? ` and ${seen.length - 8} more` : ""}) ${rows === 1 ? "was" : "were"} left out: only the AM and PM register sessions count.`;
}

/** The one column (not otherwise used) whose cells are nearly all register codes, or -1. */
function codeColumn(layout: Layout): number {
  const found: number[] = [];
  layout.header.forEach((_, c) => {
    if (c === layout.keyCol || layout.roles.has(c) || parseSessionHeader(String(layout.header[c] ?? "")).kind !== "other") return;
    let seen = 0;
    let codes = 0;
    layout.rows.each((r) => {
      const t = String(r[c] ?? "").trim();
      if (t === "") return;
      if (++seen > 200) return false;
      if (isCode(t)) codes++;
    });
    if (seen > 0 && codes >= seen * 0.9) found.push(c);
  });
  return found.length === 1 ? found[0] : -1;
}

/**
 * A row a pupil a week: the week's start date, then Mon AM ... Fri PM columns; or (`daily`) a row a
 * pupil a day: the date, then AM and PM columns.
 */
function readWeekGrid(layout: Layout, weekCol: number, dayCols: Array<[number, { weekday: number; pm: boolean }]>, daily = false): MarksDataset {
  const used = new Set([weekCol, ...dayCols.map(([i]) => i)]);
  const extraCols = passThrough(layout, used).filter(([, h]) => !PER_MARK_COLUMNS.has(normHeader(h)));
  const c = new Collector(layout, extraCols);
  layout.rows.each((cells, r) => {
    const row = layout.rowNumber(r);
    if (isBlankRow(cells)) return;
    const p = c.pupil(cells, row);
    if (p < 0) return;
    const text = String(cells[weekCol] ?? "").trim();
    const date = parseExportDate(text);
    if (date === null) {
      c.problems.push({
        kind: "bad-session-header",
        upn: String(cells[layout.keyCol]).trim(),
        row,
        value: text,
        message: `Row ${row} has the ${daily ? "date" : "week"} "${text}", ${unreadableDateReason(text)}. The row was left out.`,
      });
      return;
    }
    // The week holding the date; a week given by its Sunday starts the next day.
    const monday = daily ? date.day : weekday(date.day) === 6 ? date.day + 1 : mondayOf(date.day);
    for (const [col, wd] of dayCols) {
      const raw = String(cells[col] ?? "");
      if (raw.trim() === "") continue;
      c.add(p, monday + wd.weekday, wd.pm, raw, row);
    }
  });
  return c.finish(daily ? "long" : "week-grid");
}

/** An id with its leading zeros and spaces dropped, so Excel's 1234 matches the MIS's 001234. */
const idKey = (v: string) => v.trim().replace(/^0+(?=\d)/, "").toUpperCase();

/**
 * A file keyed by an admission number or MIS id: its pupils mapped to UPNs through the pupil list,
 * with one notice saying which key was used.
 */
export function mapPupilKeys(ds: MarksDataset, options: ReadOptions): void {
  if (!ds.pupilKey || ds.pupilKey.mapped) return;
  const keyHeader = ds.pupilKey.column;
  const unmappedNotice = `This file has no UPN column: pupils are identified by their ${keyHeader}.`;
  const notices = (ds.notices ??= []);
  if (!options.pupils) {
    if (!notices.some((n) => n.startsWith(unmappedNotice))) {
      notices.push(`${unmappedNotice} Give a pupil list with UPN and ${keyHeader} columns (--pupils FILE on the command line; the tracker's Pupils sheet in Excel) to match them to UPNs.`);
    }
    return;
  }
  ds.notices = notices.filter((n) => !n.startsWith(unmappedNotice));
  ds.pupilKey.mapped = true;
  const listName = options.pupilsName ?? "the pupil list";
  const roster = readMarksGrid(options.pupils, { requireSessions: false });
  if (!rosterHasUpn(options.pupils)) throw new FatalInputError(`${listName} has no UPN column, so the ${keyHeader} in the marks file cannot be matched to UPNs.`);
  // The pupil list's id column: the one with the marks file's header, or else the id column that matches most pupils.
  const idHeaders = roster.extraColumns.filter((h) => headerRole(h)?.kind === "pupilId" || isWeakPupilKey(h) || normHeader(h) === normHeader(keyHeader));
  if (idHeaders.length === 0) {
    throw new FatalInputError(`${listName} has no ${keyHeader} column (nor Adno, Admission number, MIS ID or Student ID), so the pupils in the marks file cannot be matched to UPNs.`);
  }
  const wanted = new Set(ds.pupils.map((p) => idKey(p.upn)));
  let best = { header: idHeaders[0], hits: -1 };
  for (const h of idHeaders) {
    let hits = 0;
    for (const rp of roster.pupils) if (rp.extra[h] !== undefined && wanted.has(idKey(rp.extra[h]))) hits++;
    if (normHeader(h) === normHeader(keyHeader)) hits += 0.5;
    if (hits > best.hits) best = { header: h, hits };
  }
  const byId = new Map<string, PupilRecord>();
  // An id the pupil list gives two different UPNs: which pupil's marks these are cannot be known.
  const ambiguous = new Map<string, PupilRecord[]>();
  for (const rp of roster.pupils) {
    const v = rp.extra[best.header];
    if (v === undefined || v.trim() === "") continue;
    const k = idKey(v);
    const had = byId.get(k);
    if (had === undefined) byId.set(k, rp);
    else if (had.upn !== rp.upn) ambiguous.set(k, [...(ambiguous.get(k) ?? [had]), rp]);
  }
  for (const k of ambiguous.keys()) byId.delete(k);
  const unmatched: PupilRecord[] = [];
  const leftOut = new Set<string>();
  for (const p of ds.pupils) {
    const twice = ambiguous.get(idKey(p.upn));
    if (twice) {
      leftOut.add(p.upn);
      ds.problems.push({
        kind: "unknown-pupil",
        row: p.row,
        value: p.upn,
        message: `Row ${p.row} of the marks file has the ${keyHeader} ${p.upn}, which ${listName} gives to ${twice.length} different UPNs (its rows ${twice.map((r) => r.row).join(" and ")}). The row's marks were left out: correct ${listName} so each ${best.header} has one UPN.`,
      });
      continue;
    }
    const rp = byId.get(idKey(p.upn));
    if (!rp) {
      unmatched.push(p);
      continue;
    }
    p.upn = rp.upn;
    // The pupil list (the MIS's own record) gives names and groups as the school keeps them.
    p.details = { ...p.details, ...rp.details };
    if (rp.onRoll) p.onRoll = { ...rp.onRoll, ...p.onRoll };
  }
  if (leftOut.size > 0) {
    const keep = ds.pupils.map((p) => !leftOut.has(p.upn));
    ds.pupils = ds.pupils.filter((_, i) => keep[i]);
    ds.marks = ds.marks.filter((_, i) => keep[i]);
    // Their marks' own problems (an unknown code) go with them; the row's problem above says why.
    ds.problems = ds.problems.filter((pr) => pr.upn === undefined || !leftOut.has(pr.upn));
  }
  for (const pr of ds.problems) {
    if (pr.upn === undefined) continue;
    const rp = byId.get(idKey(pr.upn));
    if (rp) pr.upn = rp.upn;
  }
  ds.notices.push(
    `This file has no UPN column: pupils were matched to UPNs by ${keyHeader} through ${best.header} in ${listName} (${ds.pupils.length - unmatched.length} of ${ds.pupils.length + leftOut.size} matched).`,
  );
  if (unmatched.length > 0) {
    const examples = unmatched.slice(0, 3).map((p) => `row ${p.row}`).join(", ");
    ds.problems.push({
      kind: "unknown-pupil",
      row: unmatched[0].row,
      value: unmatched[0].upn,
      message: `${unmatched.length} pupil${unmatched.length === 1 ? "" : "s"} in the marks file ha${unmatched.length === 1 ? "s a" : "ve a"} ${keyHeader} that is not in ${listName} (${examples}${unmatched.length > 3 ? ", ..." : ""}). Their marks were counted under the ${keyHeader}; add them to ${listName} to use their UPN.`,
    });
  }
}

function rosterHasUpn(grid: Grid): boolean {
  try {
    return locate(grid).keyIsUpn;
  } catch {
    return false;
  }
}
