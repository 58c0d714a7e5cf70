/**
 * Reads a grid of cells (the rows of a CSV file or a worksheet) into a marks dataset, in the wide or
 * the long layout of the analysis contract. Bad cells become problems; the rest carries on.
 */
import { CODES_2024_EFFECTIVE, LEGACY_BY_ID, codeId, normaliseCode } from "./codes";
import { parseDate } from "./dates";
import { FatalInputError, MarksDataset, Problem, PUPIL_COLUMNS, PupilColumnKey, PupilRecord } from "./dataset";
import { makeSession, parseHalf, parseSessionHeader, Session, sessionOrdinal } from "./sessions";

export interface Grid {
  /** First row: the headers. */
  header: string[];
  rows: string[][];
  /** Source row number of each row (header = 1); defaults to index + 2. */
  rowNumbers?: number[];
}

const LEGACY_CUTOFF = parseDate(CODES_2024_EFFECTIVE)!;

/** Header aliases seen in MIS exports, mapped to the contract's names. */
const ALIASES: Record<string, string> = {
  "legal surname": "surname",
  "legal forename": "forename",
  "preferred surname": "surname",
  "preferred forename": "forename",
  "first name": "forename",
  "year group": "year",
  "reg group": "reg",
  "registration group": "reg",
  "form": "reg",
  "date of birth": "dob",
  "sex": "gender",
};

const PUPIL_KEY_BY_NAME = new Map<string, PupilColumnKey>(PUPIL_COLUMNS.map((c) => [c.header.toLowerCase(), c.key]));

function pupilKey(header: string): PupilColumnKey | undefined {
  const h = header.trim().toLowerCase();
  return PUPIL_KEY_BY_NAME.get(ALIASES[h] ?? h);
}

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

const LONG_DATE = ["date", "session date"];
const LONG_SESSION = ["session", "am/pm", "period"];
const LONG_MARK = ["mark", "code", "attendance mark", "attendance code"];

function findHeader(lower: string[], names: string[]): number {
  for (const n of names) {
    const i = lower.indexOf(n);
    if (i >= 0) return i;
  }
  return -1;
}

/** Read a grid in either layout. Throws FatalInputError when there is no UPN column. */
export function readMarksGrid(grid: Grid): MarksDataset {
  const lower = grid.header.map((h) => String(h ?? "").trim().toLowerCase());
  const upnCol = lower.indexOf("upn");
  if (upnCol < 0) throw new FatalInputError(missingUpnMessage(grid.header));
  const dateCol = findHeader(lower, LONG_DATE);
  const sessionCol = findHeader(lower, LONG_SESSION);
  const markCol = findHeader(lower, LONG_MARK);
  if (dateCol >= 0 && sessionCol >= 0 && markCol >= 0) {
    return readLong(grid, upnCol, dateCol, sessionCol, markCol);
  }
  return readWide(grid, upnCol);
}

function missingUpnMessage(header: string[]): string {
  const first = header.join(",");
  if (header.length <= 1 && /;/.test(first) && /upn/i.test(first)) {
    return "The file has no UPN column because its values are separated by semicolons (;). Save it as comma-separated CSV (in Excel: CSV UTF-8) and try again.";
  }
  if (header.length <= 1 && /\t/.test(first) && /upn/i.test(first)) {
    return "The file has no UPN column because its values are separated by tabs. Save it as comma-separated CSV (in Excel: CSV UTF-8) and try again.";
  }
  if (header.length === 0 || (header.length === 1 && first.trim() === "")) {
    return "The file is empty: it needs a header row with a UPN column and a row for each pupil.";
  }
  return "The file has no UPN column. The first row must hold the column headers, one of them UPN (the pupil's unique pupil number).";
}

interface Columns {
  pupil: Array<[number, PupilColumnKey]>;
  extra: Array<[number, string]>;
}

function pupilColumns(header: string[], skip: Set<number>, problems: Problem[] | null): Columns & { sessionCols: Array<[number, Session]>; unreadCols: number[] } {
  const pupil: Array<[number, PupilColumnKey]> = [];
  const extra: Array<[number, string]> = [];
  const sessionCols: Array<[number, Session]> = [];
  const unreadCols: number[] = [];
  const seenKeys = new Set<string>();
  header.forEach((raw, i) => {
    if (skip.has(i)) return;
    const h = String(raw ?? "");
    const key = pupilKey(h);
    if (key) {
      if (!seenKeys.has(key)) pupil.push([i, key]);
      seenKeys.add(key);
      return;
    }
    if (problems === null) {
      if (h.trim() !== "") extra.push([i, h.trim()]);
      return;
    }
    const parsed = parseSessionHeader(h);
    if (parsed.kind === "session") sessionCols.push([i, parsed.session]);
    else if (parsed.kind === "bad") {
      unreadCols.push(i);
      problems.push({
        kind: "bad-session-header",
        column: columnLetter(i),
        value: h.trim(),
        message: `Column ${columnLetter(i)} has the header "${h.trim()}", which looks like a session but cannot be read: ${parsed.reason}. The column was left out.`,
      });
    } else if (h.trim() !== "") extra.push([i, h.trim()]);
  });
  return { pupil, extra, sessionCols, unreadCols };
}

function makePupil(upn: string, row: number, cells: string[], cols: Columns): PupilRecord {
  const details: PupilRecord["details"] = {};
  for (const [i, key] of cols.pupil) {
    const v = cells[i];
    if (v !== undefined && v !== null && String(v).trim() !== "") details[key] = String(v).trim();
  }
  const extra: Record<string, string> = {};
  for (const [i, name] of cols.extra) {
    const v = cells[i];
    if (v !== undefined && v !== null && String(v) !== "") extra[name] = String(v);
  }
  return { upn, row, details, extra };
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
        message: `"${value}" (${where}, ${session.label}) is not a register code. The mark was left out of every count until it is corrected.`,
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

function readWide(grid: Grid, upnCol: number): MarksDataset {
  const problems: Problem[] = [];
  const cols = pupilColumns(grid.header, new Set([upnCol]), problems);
  // Sessions in date order; a second column for the same session is reported and left out.
  const byOrdinal = new Map<number, number>();
  const kept: Array<[number, Session]> = [];
  for (const [col, s] of cols.sessionCols) {
    const ord = sessionOrdinal(s.day, s.pm);
    if (byOrdinal.has(ord)) {
      cols.unreadCols.push(col);
      problems.push({
        kind: "duplicate-session",
        column: columnLetter(col),
        session: s.label,
        value: String(grid.header[col]).trim(),
        message: `Column ${columnLetter(col)} repeats the session ${s.label}, already in column ${columnLetter(byOrdinal.get(ord)!)}. The repeated column was left out.`,
      });
      continue;
    }
    byOrdinal.set(ord, col);
    kept.push([col, s]);
  }
  kept.sort((a, b) => sessionOrdinal(a[1].day, a[1].pm) - sessionOrdinal(b[1].day, b[1].pm));
  const sessions = kept.map(([, s]) => s);
  const sessionColumns = kept.map(([c]) => c);
  const letters = sessionColumns.map(columnLetter);
  const n = sessions.length;
  const reader = new CodeReader(problems);
  const caches = sessions.map((s) => reader.cacheFor(s));
  const unreadValues = new Map<number, Record<string, string>>(cols.unreadCols.map((c) => [c, {}]));
  const pupils: PupilRecord[] = [];
  const marks: Uint8Array[] = [];
  const firstRowOf = new Map<string, number>();

  grid.rows.forEach((cells, r) => {
    const row = grid.rowNumbers?.[r] ?? r + 2;
    if (isBlankRow(cells)) return;
    const upn = String(cells[upnCol] ?? "").trim();
    if (upn === "") {
      problems.push({ kind: "missing-upn", row, message: `Row ${row} has marks or details but no UPN, so it was left out. Add the pupil's UPN.` });
      return;
    }
    const first = firstRowOf.get(upn);
    if (first !== undefined) {
      problems.push({
        kind: "duplicate-upn",
        upn,
        row,
        value: upn,
        message: `Row ${row} repeats a UPN already on row ${first}. Only row ${first} was counted; merge or correct the rows.`,
      });
      return;
    }
    firstRowOf.set(upn, row);
    const m = new Uint8Array(n);
    for (let s = 0; s < n; s++) {
      const raw = cells[sessionColumns[s]];
      if (raw === undefined || raw === "" || raw === null) continue;
      // Fast path: a cell text already seen in this era (almost every cell) is one map lookup.
      const known = caches[s].get(raw);
      m[s] = known !== undefined && known >= 0 ? known : reader.read(String(raw), sessions[s], upn, row, letters[s]);
    }
    pupils.push(makePupil(upn, row, cells, cols));
    marks.push(m);
    for (const c of cols.unreadCols) {
      const v = String(cells[c] ?? "");
      if (v.trim() !== "") unreadValues.get(c)![upn] = v;
    }
  });
  const unreadColumns = cols.unreadCols.sort((a, b) => a - b).map((c) => ({ header: String(grid.header[c] ?? "").trim(), values: unreadValues.get(c)! }));
  return { sessions, pupils, marks, problems, extraColumns: cols.extra.map(([, h]) => h), unreadColumns, layout: "wide" };
}

function readLong(grid: Grid, upnCol: number, dateCol: number, sessionCol: number, markCol: number): MarksDataset {
  const problems: Problem[] = [];
  const cols = pupilColumns(grid.header, new Set([upnCol, dateCol, sessionCol, markCol]), null);
  interface Entry {
    ord: number;
    raw: string;
    row: number;
  }
  const index = new Map<string, number>();
  const pupils: PupilRecord[] = [];
  const entries: Entry[][] = [];
  const sessionByOrd = new Map<number, Session>();
  const dateCache = new Map<string, number | null>();

  grid.rows.forEach((cells, r) => {
    const row = grid.rowNumbers?.[r] ?? r + 2;
    if (isBlankRow(cells)) return;
    const upn = String(cells[upnCol] ?? "").trim();
    if (upn === "") {
      problems.push({ kind: "missing-upn", row, message: `Row ${row} has a mark but no UPN, so it was left out. Add the pupil's UPN.` });
      return;
    }
    let p = index.get(upn);
    if (p === undefined) {
      p = pupils.length;
      index.set(upn, p);
      pupils.push(makePupil(upn, row, cells, cols));
      entries.push([]);
    } else {
      fillDetails(pupils[p], cells, cols);
    }
    const dateText = String(cells[dateCol] ?? "");
    let day = dateCache.get(dateText);
    if (day === undefined) {
      day = parseDate(dateText);
      dateCache.set(dateText, day);
    }
    const pm = parseHalf(String(cells[sessionCol] ?? ""));
    if (day === null || pm === null) {
      const value = `${dateText.trim()} ${String(cells[sessionCol] ?? "").trim()}`.trim();
      problems.push({
        kind: "bad-session-header",
        upn,
        row,
        value,
        message:
          day === null
            ? `Row ${row} has the date "${dateText.trim()}", which is not a real date (use YYYY-MM-DD or DD/MM/YYYY). The row was left out.`
            : `Row ${row} has the session "${String(cells[sessionCol] ?? "").trim()}": use AM or PM. The row was left out.`,
      });
      return;
    }
    const ord = sessionOrdinal(day, pm);
    if (!sessionByOrd.has(ord)) sessionByOrd.set(ord, makeSession(day, pm));
    entries[p].push({ ord, raw: String(cells[markCol] ?? ""), row });
  });

  const ordinals = [...sessionByOrd.keys()].sort((a, b) => a - b);
  const sessions = ordinals.map((o) => sessionByOrd.get(o)!);
  const position = new Map<number, number>(ordinals.map((o, i) => [o, i]));
  const reader = new CodeReader(problems);
  const marks: Uint8Array[] = pupils.map((pupil, p) => {
    const m = new Uint8Array(sessions.length);
    const firstRow = new Map<number, number>();
    for (const e of entries[p]) {
      const s = position.get(e.ord)!;
      const earlier = firstRow.get(s);
      if (earlier !== undefined) {
        problems.push({
          kind: "duplicate-session",
          upn: pupil.upn,
          row: e.row,
          session: sessions[s].label,
          value: e.raw.trim(),
          message: `Row ${e.row} gives a second mark for ${sessions[s].label}; row ${earlier} already has this session. Only row ${earlier} was counted.`,
        });
        continue;
      }
      firstRow.set(s, e.row);
      if (e.raw.trim() !== "") m[s] = reader.read(e.raw, sessions[s], pupil.upn, e.row);
    }
    return m;
  });
  // Problems in row order read best.
  problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return { sessions, pupils, marks, problems, extraColumns: cols.extra.map(([, h]) => h), layout: "long" };
}

function fillDetails(pupil: PupilRecord, cells: string[], cols: Columns): void {
  for (const [i, key] of cols.pupil) {
    if (pupil.details[key] !== undefined) continue;
    const v = cells[i];
    if (v !== undefined && v !== null && String(v).trim() !== "") pupil.details[key] = String(v).trim();
  }
}
