/**
 * Header matching for the exports schools really have: which column is the pupil key, the date, the
 * session, the mark, a week start, a name, a group, a date of admission or leaving; and where the
 * header row is (a title row or two may sit above it; dates may fill one row and AM/PM the next).
 *
 * Headers are compared with case, spaces, dots, underscores and other punctuation ignored, so
 * `Session.Mark`, `RAW_MARK`, `Year.Group` and `Admission number` all match.
 *
 * Sources of the aliases (see README, "Exporting from your MIS"):
 * - [contract] the analysis contract, ../shared/spec/analysis-contract.md.
 * - [arbor] Arbor BI Connector data dictionary, ATTENDANCE dataset: STUDENT_ID, RAW_MARK (the DfE
 *   mark), MARK_CODE (its meaning, e.g. PRESENT_AM: NOT the mark), PERIOD (MORNING), DATE.
 *   https://support.arbor-education.com/hc/en-us/articles/7745552147485
 * - [bromcom] Bromcom API attendance entities (Attendances: Mark, ExportMark), as reported in issue 10:
 *   StudentId, AttendanceMark, CalendarStartDate, PeriodDisplayName.
 *   https://docs.bromcom.com/api-changes-for-partner-applications-attendance-data-entities
 * - [sims] SIMS session attendance as synced by a SIMS partner: Date, Mark, Session Name (AM/PM),
 *   Student ID; SIMS pupil lists use Adno, UPN, Legal Surname, Reg Group, Year Group.
 *   https://docs.aim.phinite.com/integration/sims-integration/session-attendance.html
 * - [g4s] Go4Schools API session marks (student id, date, session, mark), from the g4sr wrapper's
 *   gfs_attendance_student_session_marks; exact column names inferred.
 *   https://rdrr.io/github/afsarchowdhury/g4sr/man/gfs_attendance_student_session_marks.html
 * - [dfe] DfE "Share your daily school attendance data": UPN, forename, surname, year group,
 *   admission date, actual leaving date. https://www.gov.uk/guidance/share-your-daily-school-attendance-data
 * - [issue] the export shapes listed in issue 10 (Session.Mark, Attendance Date, Year.Group, Adno,
 *   MIS ID, week grids, two-row headers).
 * - [inferred] common spreadsheet wording, not from a published specification.
 */
import { PupilColumnKey } from "../engine/dataset";
import { makeSession } from "../engine/sessions";
import { parseExportDate } from "./export-dates";
import { parseHalf } from "./session-headers";

/** Lower case, letters and digits only: `Session.Mark` -> `sessionmark`. */
export function normHeader(h: string): string {
  return String(h ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export type Role =
  | { kind: "upn" }
  | { kind: "pupilId" }
  | { kind: "date" }
  | { kind: "session" }
  | { kind: "time" }
  | { kind: "mark" }
  | { kind: "weekStart" }
  | { kind: "name" }
  | { kind: "admitted" }
  | { kind: "left" }
  | { kind: "detail"; key: PupilColumnKey };

const ROLE_ALIASES: Array<[Role, string[]]> = [
  [{ kind: "upn" }, ["upn", "uniquepupilnumber", "pupilupn", "studentupn"]], // [contract] [dfe] [inferred]
  // [sims] Adno; [arbor] STUDENT_ID; [bromcom] StudentId; [g4s] student id; [issue] MIS ID, Admission number; others [inferred]
  [{ kind: "pupilId" }, ["adno", "admno", "admissionno", "admissionnumber", "misid", "studentid", "pupilid", "personid", "studentnumber", "pupilnumber", "misstudentid", "mispupilid", "externalid", "studentexternalid"]],
  // [contract] Date; [arbor] DATE; [bromcom] CalendarStartDate; [issue] Attendance Date; others [inferred]
  [{ kind: "date" }, ["date", "sessiondate", "attendancedate", "calendarstartdate", "calendardate", "markdate", "registerdate", "eventdate", "attendancedatetime"]],
  // [contract] Session; [arbor] PERIOD; [sims] Session Name; [bromcom] PeriodDisplayName; others [inferred]
  // A time of day beside a date column (issue 21: separate Date and Time columns). [inferred]
  [{ kind: "time" }, ["time", "sessiontime", "marktime", "registrationtime", "registertime", "attendancetime", "timeofday"]],
  [{ kind: "session" }, ["session", "ampm", "period", "sessionname", "perioddisplayname", "periodname", "sessiontype", "sessionperiod", "amorpm", "registrationsession"]],
  // [contract] Mark; [arbor] RAW_MARK; [bromcom] AttendanceMark, Mark; [issue] Session.Mark; [inferred] Code, Attendance code.
  // MARK_CODE is deliberately absent: Arbor puts the mark's meaning there (PRESENT_AM), not the mark.
  [{ kind: "mark" }, ["mark", "rawmark", "sessionmark", "attendancemark", "attendancecode", "code", "registermark", "exportmark"]],
  // [issue] week-grid layouts; wording [inferred]
  [{ kind: "weekStart" }, ["week", "weekstart", "weekstarting", "weekcommencing", "weekbeginning", "wc", "wb", "weekof", "weekstartdate", "weekcommencingdate", "weekbeginningdate"]],
  // [issue] Name as "Surname, Forename"; others [inferred]
  [{ kind: "name" }, ["name", "pupilname", "studentname", "fullname", "pupil", "student", "legalname", "pupilfullname", "studentfullname"]],
  // [dfe] admission date, actual leaving date; others [inferred]
  [{ kind: "admitted" }, ["admissiondate", "dateofadmission", "admitted", "entrydate", "dateofentry", "doa", "startdate", "enrolmentdate", "enrolmentstartdate", "enrollmentstartdate"]],
  [{ kind: "left" }, ["leavingdate", "dateofleaving", "actualleavingdate", "leftdate", "dateleft", "dol", "enddate", "enrolmentenddate", "enrollmentenddate", "leavedate"]],
  // [contract] the pupil columns; [sims] Legal Surname, Reg Group, Year Group; [issue] Year.Group; others [inferred]
  // [bromcom] pupil lists: PreferredFirstName, PreferredLastName (issue 21); LegalFirstName, LegalLastName [inferred]
  [{ kind: "detail", key: "surname" }, ["surname", "legalsurname", "preferredsurname", "lastname", "familyname", "preferredlastname", "legallastname"]],
  [{ kind: "detail", key: "forename" }, ["forename", "forenames", "legalforename", "preferredforename", "firstname", "givenname", "preferredfirstname", "legalfirstname"]],
  [{ kind: "detail", key: "year" }, ["year", "yeargroup", "ncyear", "yr", "yeargrp", "nationalcurriculumyear", "curriculumyear", "yeargroupname"]],
  [{ kind: "detail", key: "reg" }, ["reg", "reggroup", "registrationgroup", "regroup", "form", "formgroup", "tutorgroup", "class", "regform", "registrationform"]],
  [{ kind: "detail", key: "gender" }, ["gender", "sex"]],
  [{ kind: "detail", key: "dob" }, ["dob", "dateofbirth", "birthdate"]],
  [{ kind: "detail", key: "sen" }, ["sen", "senstatus", "senprovision"]],
  [{ kind: "detail", key: "fsm" }, ["fsm", "fsmeligible", "freeschoolmeals"]],
  [{ kind: "detail", key: "pp" }, ["pp", "pupilpremium"]],
  [{ kind: "detail", key: "eal" }, ["eal"]],
  [{ kind: "detail", key: "cla" }, ["cla", "lookedafter", "childlookedafter"]],
  [{ kind: "detail", key: "cin" }, ["cin", "childinneed"]],
  [{ kind: "detail", key: "cp" }, ["cp", "childprotection", "childprotectionplan"]],
];

const ROLE_BY_NAME = new Map<string, Role>();
for (const [role, names] of ROLE_ALIASES) for (const n of names) ROLE_BY_NAME.set(n, role);

export function headerRole(header: string): Role | undefined {
  const n = normHeader(header);
  const role = ROLE_BY_NAME.get(n);
  if (role) return role;
  // "UPN number", "Unique Pupil Number (UPN)", "Pupil UPN": a UPN, but never a former one (SIMS keeps "Former UPN"). [inferred]
  if (/^(?:pupil|student|child|current)?(?:upn|uniquepupilnumber(?:upn)?)(?:number|no|code)?$/.test(n)) return { kind: "upn" };
  return undefined;
}

/** Weak pupil keys ("ID", "Ref"), used only when a file has no UPN, admission number or MIS id column. [inferred] */
export function isWeakPupilKey(header: string): boolean {
  return ["id", "ref", "reference", "pupilref", "studentref", "pupilreference", "studentreference"].includes(normHeader(header));
}

const WEEKDAY_HALF = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?[\s._-]*\(?\s*(a\.?m\.?|p\.?m\.?|morning|afternoon|a|p)\s*\)?$/i;
const WEEKDAY_INDEX: Record<string, number> = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 };

/** A week-grid column (`Mon AM`, `MonAM`, `Tuesday PM`, `Wed (a)`): the weekday (0 = Monday) and half. */
export function weekdayHalf(header: string): { weekday: number; pm: boolean } | null {
  const m = WEEKDAY_HALF.exec(String(header ?? "").trim());
  if (!m) return null;
  const pm = parseHalf(m[2]);
  return pm === null ? null : { weekday: WEEKDAY_INDEX[m[1].toLowerCase()], pm };
}

const WEEKDAY_ONLY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;

const cell = (row: string[] | undefined, c: number) => String(row?.[c] ?? "").trim();

/**
 * Two header rows made one: a date (or weekday) in the upper row, merged across its AM and PM
 * cells (so only its first cell holds it) or repeated, and AM/PM in the lower row.
 * Null when the lower row is not a row of sessions.
 */
export function combineTwoRowHeader(top: string[], bottom: string[], halfSeen?: Map<string, boolean>): string[] | null {
  const width = Math.max(top.length, bottom.length);
  let halves = 0;
  for (let c = 0; c < width && halves < 2; c++) {
    const b = cell(bottom, c);
    if (b === "") continue;
    // `halfSeen` keeps each text's answer across rows: the data rows searched repeat a few marks.
    let isHalf = halfSeen?.get(b);
    if (isHalf === undefined) {
      isHalf = parseHalf(b) !== null;
      halfSeen?.set(b, isHalf);
    }
    if (isHalf) halves++;
  }
  if (halves < 2) return null;
  const out: string[] = [];
  let carried: { kind: "date"; day: number } | { kind: "weekday"; text: string } | null = null;
  let combined = 0;
  for (let c = 0; c < width; c++) {
    const t = cell(top, c);
    const b = cell(bottom, c);
    if (t !== "") {
      const d = parseExportDate(t);
      carried = d ? { kind: "date", day: d.day } : WEEKDAY_ONLY.test(t) ? { kind: "weekday", text: t } : null;
    }
    const half = b === "" ? null : parseHalf(b);
    if (half !== null && carried) {
      out.push(carried.kind === "date" ? makeSession(carried.day, half).label : `${carried.text} ${half ? "PM" : "AM"}`);
      combined++;
    } else {
      out.push(t !== "" ? t : b);
      if (t === "" && b !== "") carried = null;
    }
  }
  return combined >= 2 ? out : null;
}

/** What a header cell gives the score: 0 nothing, 1 a recognised cell, 2 a pupil key. */
function cellScore(h: string): 0 | 1 | 2 {
  const role = headerRole(h);
  if (role) return role.kind === "upn" || role.kind === "pupilId" ? 2 : 1;
  return weekdayHalf(h) || parseExportDate(h) ? 1 : 0;
}

/**
 * How many of a header row's cells the reader recognises: the row with most is the header. `seen`
 * keeps each cell text's worth across rows (data rows repeat the same few marks).
 */
export function headerScore(header: string[], seen?: Map<string, 0 | 1 | 2>): { score: number; key: boolean } {
  let score = 0;
  let key = false;
  for (const raw of header) {
    const h = String(raw ?? "").trim();
    if (h === "") continue;
    let worth = seen?.get(h);
    if (worth === undefined) {
      worth = cellScore(h);
      seen?.set(h, worth);
    }
    if (worth > 0) score++;
    if (worth === 2) key = true;
  }
  return { score, key };
}

/** The first rows searched for the header row. */
export const HEADER_SEARCH_ROWS = 20;

/**
 * Where the header is among the first rows: its index, how many rows it takes (1, or 2 for a date
 * row over an AM/PM row) and the header cells (two rows made one).
 */
export function findHeaderRow(rows: string[][]): { index: number; height: 1 | 2; header: string[] } {
  let best = { index: 0, height: 1 as 1 | 2, header: rows[0] ?? [], score: -1, key: false };
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  const seen = new Map<string, 0 | 1 | 2>();
  const halfSeen = new Map<string, boolean>();
  for (let i = 0; i < limit; i++) {
    const candidates: Array<{ height: 1 | 2; header: string[] }> = [{ height: 1, header: rows[i] ?? [] }];
    const two = i + 1 < rows.length ? combineTwoRowHeader(rows[i] ?? [], rows[i + 1] ?? [], halfSeen) : null;
    if (two) candidates.push({ height: 2, header: two });
    for (const c of candidates) {
      const s = headerScore(c.header, seen);
      // A row with a pupil key beats one without; then the most recognised cells; then the earliest.
      if ((s.key && !best.key) || (s.key === best.key && s.score > best.score)) best = { index: i, ...c, ...s };
    }
  }
  return { index: best.index, height: best.height, header: best.header };
}
