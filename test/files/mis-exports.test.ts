/**
 * Issue 10: the exports schools really have, read with no hand editing. Every shape of "What was
 * seen" is built here from one known register (three pupils, two school weeks) and must give the
 * same figures, pupil by pupil, as the contract's own wide file; the files with no UPN column do so
 * with a pupil list (--pupils, or the tracker's Pupils sheet).
 */
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { analyse } from "../../src/engine/analyse";
import { parseExportDate } from "../../src/import/export-dates";
import { FatalInputError, MarksDataset } from "../../src/engine/dataset";
import { Grid, readMarksGrid, splitDayCell, splitName } from "../../src/import/grid";
import { summariseProblems } from "../../src/engine/problems";
import { analysisJson } from "../../src/engine/output";
import { policyFromJson } from "../../src/engine/policy";
import { parseHalf } from "../../src/import/session-headers";
import { csvTextToGrid } from "../../src/files/csv";
import { planMarksMerge } from "../../src/files/merge-marks";
import { readMarksBytes } from "../../src/files/read-file";
import { trackerFromGrids } from "../../src/files/tracker";
import { run } from "../../src/cli/main";
import { captureIo, tempDirFixture, utf8 } from "../helpers/wide";

const tmp = tempDirFixture("mis-exports-");

// The register: Monday 8 to Friday 19 September 2025, AM and PM.
const DAYS = ["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15", "2025-09-16", "2025-09-17", "2025-09-18", "2025-09-19"];
const PUPILS = [
  { upn: "A100000000001", adno: "1001", misId: "S-501", surname: "Khan", forename: "Aisha", year: "9", reg: "9K" },
  { upn: "A100000000002", adno: "1002", misId: "S-502", surname: "Lee", forename: "Tom", year: "9", reg: "9L" },
  { upn: "A100000000003", adno: "1003", misId: "S-503", surname: "O'Neill", forename: "Mary Jo", year: "10", reg: "10N" },
];
/** Marks by pupil, 20 a pupil (day d: AM at 2d, PM at 2d+1). */
const MARKS: string[][] = [
  Array(20).fill("/"),
  // Lee: N both Mondays all day, I on Tuesday 9 AM, L the rest of the first Wednesday.
  Array.from({ length: 20 }, (_, s) => (s === 0 || s === 1 || s === 10 || s === 11 ? "N" : s === 2 ? "I" : s === 4 ? "L" : "/")),
  // O'Neill: U on eight sessions, B once.
  Array.from({ length: 20 }, (_, s) => ([1, 3, 5, 7, 9, 11, 13, 15].includes(s) ? "U" : s === 16 ? "B" : "/")),
];
const sessionsOf = () => DAYS.flatMap((d) => [{ date: d, pm: false }, { date: d, pm: true }]);
const uk = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const ukShort = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(2, 4)}`;
const MON = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const named = (d: string) => `${Number(d.slice(8, 10))}-${MON[Number(d.slice(5, 7)) - 1]}-${d.slice(0, 4)}`;
const WD = ["Mon", "Tue", "Wed", "Thu", "Fri"];
const serial = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86400000 + 25569;
const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(",")).join("\r\n") + "\r\n";

/** The contract's own wide file of the register: the reference every shape must agree with. */
const contractWide = () =>
  csv([
    ["UPN", "Surname", "Forename", "Year", "Reg", ...sessionsOf().map((s) => `${s.date} ${s.pm ? "PM" : "AM"}`)],
    ...PUPILS.map((p, i) => [p.upn, p.surname, p.forename, p.year, p.reg, ...MARKS[i]]),
  ]);

/** A pupil list as a MIS student list gives it (admission numbers with leading zeros, as the MIS prints them). */
const pupilList = () =>
  csv([["Adno", "UPN", "Legal Surname", "Legal Forename", "Year Group", "Reg Group", "MIS ID"], ...PUPILS.map((p) => [`00${p.adno}`, p.upn, p.surname, p.forename, p.year, p.reg, p.misId])]);
const pupilGrid = (): Grid => csvTextToGrid(pupilList());

/** Long rows, one a mark. */
function longRows(f: (p: (typeof PUPILS)[number], date: string, pm: boolean, mark: string) => Array<string | number>): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  PUPILS.forEach((p, i) => sessionsOf().forEach((s, k) => out.push(f(p, s.date, s.pm, MARKS[i][k]))));
  return out;
}

/** Every shape of "What was seen", as text a MIS or a school's spreadsheet gives. */
const SHAPES: Record<string, { text: () => string; needsPupils?: boolean }> = {
  // Arbor BI Connector ATTENDANCE: STUDENT_ID (Arbor's id), RAW_MARK the mark, MARK_CODE its meaning, PERIOD MORNING/AFTERNOON.
  "long, Arbor BI Connector (STUDENT_ID, RAW_MARK, MARK_CODE, PERIOD, DATE)": {
    needsPupils: true,
    text: () =>
      csv([
        ["STUDENT_ID", "APPLICATION_ID", "RAW_MARK", "MARK_CODE", "MINUTES_LATE", "PERIOD", "DATE", "IS_PRESENT"],
        ...longRows((p, d, pm, m) => [p.misId, "uk_swd_1", m, m === "/" ? (pm ? "PRESENT_PM" : "PRESENT_AM") : "OTHER", m === "L" ? 12 : "", pm ? "AFTERNOON" : "MORNING", d, m === "/" ? "TRUE" : "FALSE"]),
      ]),
  },
  // Bromcom: StudentId, CalendarStartDate as a date-time, PeriodDisplayName, AttendanceMark.
  "long, Bromcom (StudentId, CalendarStartDate date-time, PeriodDisplayName, AttendanceMark)": {
    needsPupils: true,
    text: () =>
      csv([
        ["StudentId", "CalendarStartDate", "PeriodDisplayName", "AttendanceMark"],
        ...longRows((p, d, pm, m) => [p.misId, `${d}T${pm ? "13:15:00" : "08:45:00"}`, pm ? "PM" : "AM", m]),
      ]),
  },
  // SIMS-style: Adno, Attendance Date dd/mm/yyyy, Session Name, Session.Mark, a title row above.
  "long, SIMS style (Adno, Attendance Date, Session Name, Session.Mark) under a title row": {
    needsPupils: true,
    text: () =>
      csv([
        ["Attendance marks: whole school, 08/09/2025 to 19/09/2025"],
        [],
        ["Adno", "Name", "Attendance Date", "Session Name", "Session.Mark"],
        ...longRows((p, d, pm, m) => [p.adno, `${p.surname}, ${p.forename}`, uk(d), pm ? "PM" : "AM", m]),
      ]),
  },
  "long, UPN with SQL date-times (2025-09-08 00:00:00) and sessions a/p": {
    text: () => csv([["UPN", "Date", "Session", "Mark"], ...longRows((p, d, pm, m) => [p.upn, `${d} 00:00:00`, pm ? "p" : "a", m])]),
  },
  "long, the session in the date (22/09/2025 (AM)), no session column, Admission number key": {
    needsPupils: true,
    text: () => csv([["Admission number", "Date", "Code"], ...longRows((p, d, pm, m) => [p.adno, `${uk(d)} (${pm ? "PM" : "AM"})`, m])]),
  },
  "long, Go4Schools style (student_id, date dd/mm/yy, session A.M./P.M., mark)": {
    needsPupils: true,
    text: () => csv([["student_id", "date", "session", "mark"], ...longRows((p, d, pm, m) => [p.misId, ukShort(d), pm ? "P.M." : "A.M.", m])]),
  },
  "wide, headers 'Mon 08/09/2025 AM', '15-Sep-2025 Afternoon', dd/mm/yy": {
    text: () => {
      const heads = sessionsOf().map((s, k) => (k % 3 === 0 ? `${WD[DAYS.indexOf(s.date) % 5]} ${uk(s.date)} ${s.pm ? "PM" : "AM"}` : k % 3 === 1 ? `${named(s.date)} ${s.pm ? "Afternoon" : "Morning"}` : `${ukShort(s.date)} ${s.pm ? "pm" : "am"}`));
      return csv([["UPN", "Name", ...heads], ...PUPILS.map((p, i) => [p.upn, `${p.surname.toUpperCase()} ${p.forename} (${p.reg})`, ...MARKS[i]])]);
    },
  },
  "wide, Excel serial headers (45908 and 45908.5 = PM), keyed by MIS ID": {
    needsPupils: true,
    text: () => csv([["MIS ID", "Year.Group", ...sessionsOf().map((s) => String(serial(s.date) + (s.pm ? 0.5 : 0)))], ...PUPILS.map((p, i) => [p.misId, p.year, ...MARKS[i]])]),
  },
  "wide, Excel date cells as headers (each date twice: AM then PM)": {
    text: () => csv([["UPN", ...sessionsOf().map((s) => s.date)], ...PUPILS.map((p, i) => [p.upn, ...MARKS[i]])]),
  },
  "wide, two-row header: merged dates over AM/PM, a title row above, UPN on the second row": {
    text: () =>
      csv([
        ["Register, autumn term"],
        ["", "", ...sessionsOf().map((s) => (s.pm ? "" : uk(s.date)))],
        ["UPN", "Pupil", ...sessionsOf().map((s) => (s.pm ? "PM" : "AM"))],
        ...PUPILS.map((p, i) => [p.upn, `${p.surname}, ${p.forename}`, ...MARKS[i]]),
      ]),
  },
  "wide, two-row header with Excel serial dates over a/p, keyed by Adno": {
    needsPupils: true,
    text: () =>
      csv([
        ["Adno", ...sessionsOf().map((s) => (s.pm ? "" : String(serial(s.date))))],
        ["", ...sessionsOf().map((s) => (s.pm ? "p" : "a"))],
        ...PUPILS.map((p, i) => [p.adno, ...MARKS[i]]),
      ]),
  },
  "week grid: Week Commencing, Mon AM ... Fri PM, Name 'Surname, Forename', Year.Group": {
    text: () => {
      const head = ["UPN", "Name", "Year.Group", "Week Commencing", ...WD.flatMap((d) => [`${d} AM`, `${d} PM`])];
      const rows: Array<Array<string | number>> = [];
      PUPILS.forEach((p, i) => [0, 1].forEach((w) => rows.push([p.upn, `${p.surname}, ${p.forename}`, `Year ${p.year}`, uk(DAYS[w * 5]), ...MARKS[i].slice(w * 10, w * 10 + 10)])));
      return csv([head, ...rows]);
    },
  },
  "wide, one column a day with both marks in each cell ('/\\', 'NN'), a register report keyed by Adno": {
    needsPupils: true,
    text: () =>
      csv([
        ["Attendance marks report"],
        ["Printed 20/09/2025"],
        ["Adno", "Name", "Reg", ...DAYS.map((d) => uk(d))],
        ...PUPILS.map((p, i) => [p.adno, `${p.surname.toUpperCase()} ${p.forename}`, p.reg, ...DAYS.map((_, k) => MARKS[i][2 * k] + MARKS[i][2 * k + 1])]),
      ]),
  },
  "week grid with a two-row header: weekdays merged over AM/PM": {
    text: () => {
      const rows: Array<Array<string | number>> = [
        ["UPN", "Week beginning", ...WD.flatMap((d) => [d, ""])],
        ["", "", ...WD.flatMap(() => ["AM", "PM"])],
      ];
      PUPILS.forEach((p, i) => [0, 1].forEach((w) => rows.push([p.upn, DAYS[w * 5], ...MARKS[i].slice(w * 10, w * 10 + 10)])));
      return csv(rows);
    },
  },
  "one row a pupil a day: UPN Number, Date (15-Sep-2025), AM, PM; Former UPN ignored": {
    text: () =>
      csv([
        ["Former UPN", "UPN Number", "Date", "AM", "PM"],
        ...PUPILS.flatMap((p, i) => DAYS.map((d, k) => [`X${p.upn}`, p.upn, named(d), MARKS[i][2 * k], MARKS[i][2 * k + 1]])),
      ]),
  },
  "long, a mark column with a name not known (Attendance), found by its codes; keyed by ID": {
    needsPupils: true,
    text: () => csv([["ID", "Forename", "Date", "AM/PM", "Attendance", "Minutes late"], ...longRows((p, d, pm, m) => [p.misId, p.forename, d, pm ? "PM" : "AM", m, m === "L" ? "5" : "0"])]),
  },
  "week grid: W/C as the Sunday, MonAM ... FriPM, keyed by Adno": {
    needsPupils: true,
    text: () => {
      const head = ["Adno", "W/C", ...WD.flatMap((d) => [`${d}AM`, `${d}PM`])];
      const rows: Array<Array<string | number>> = [];
      PUPILS.forEach((p, i) => [0, 1].forEach((w) => rows.push([p.adno, w === 0 ? "07/09/2025" : "14/09/2025", ...MARKS[i].slice(w * 10, w * 10 + 10)])));
      return csv([head, ...rows]);
    },
  },
};

const FIGURES = ["upn", "possibleSessions", "attendedSessions", "authorisedAbsenceSessions", "unauthorisedAbsenceSessions", "attendancePercent", "persistentAbsence", "severeAbsence", "band", "nationalThreshold"] as const;
const figures = (ds: MarksDataset) =>
  analysisJson(analyse(ds)).pupils.map((p) => Object.fromEntries(FIGURES.map((k) => [k, p[k]])));

describe("issue 10: every export shape gives the contract's figures, pupil by pupil", () => {
  let reference: ReturnType<typeof figures>;
  beforeAll(async () => {
    reference = figures((await readMarksBytes(utf8(contractWide()))).dataset);
  });

  test("the reference register's figures, worked by hand", () => {
    expect(reference.map((p) => [p.upn, p.possibleSessions, p.attendedSessions, p.authorisedAbsenceSessions, p.unauthorisedAbsenceSessions, p.attendancePercent, p.band])).toEqual([
      ["A100000000001", 20, 20, 0, 0, 100, "perfect"],
      ["A100000000002", 20, 15, 1, 4, 75, "persistent"],
      ["A100000000003", 20, 12, 0, 8, 60, "persistent"],
    ]);
  });

  test.each(Object.entries(SHAPES))("%s", async (_name, shape) => {
    const bytes = utf8(shape.text());
    const options = shape.needsPupils ? { pupils: pupilGrid(), pupilsName: "pupils.csv" } : {};
    const ds = (await readMarksBytes(bytes, options)).dataset;
    expect(ds.problems).toEqual([]);
    expect(ds.sessions).toHaveLength(20);
    expect(figures(ds)).toEqual(reference);
    if (shape.needsPupils) {
      expect(ds.notices).toEqual([expect.stringMatching(/no UPN column: pupils were matched to UPNs by .* \(3 of 3 matched\)/)]);
      // The pupil list also gives the names and groups the export lacks.
      expect(ds.pupils.map((p) => [p.details.surname, p.details.year])).toEqual(PUPILS.map((p) => [p.surname, p.year]));
    } else {
      expect(ds.notices ?? []).toEqual([]);
    }
  });

  test.each(Object.entries(SHAPES).filter(([, s]) => s.needsPupils))("command line: %s with --pupils", async (_name, shape) => {
    const marks = join(tmp(), "export.csv");
    const list = join(tmp(), "pupils.csv");
    writeFileSync(marks, shape.text());
    writeFileSync(list, pupilList());
    const io = captureIo();
    expect(await run(["analyse", marks, "--pupils", list, "--json"], io)).toBe(0);
    const out = JSON.parse(io.out());
    expect(out.pupils.map((p: Record<string, unknown>) => Object.fromEntries(FIGURES.map((k) => [k, p[k]])))).toEqual(reference);
    expect(io.err()).toMatch(/pupils were matched to UPNs by .* in pupils\.csv \(3 of 3 matched\)/);
  });

  test("without a pupil list, a file keyed by an id is analysed under that id, with one notice saying so", async () => {
    const ds = (await readMarksBytes(utf8(SHAPES["long, Bromcom (StudentId, CalendarStartDate date-time, PeriodDisplayName, AttendanceMark)"].text()))).dataset;
    expect(ds.pupils.map((p) => p.upn)).toEqual(["S-501", "S-502", "S-503"]);
    expect(ds.notices).toEqual([expect.stringContaining("pupils are identified by their StudentId")]);
    expect(figures(ds).map((p) => p.attendedSessions)).toEqual([20, 15, 12]);
  });

  test("a pupil missing from the pupil list is one problem with a count, and the rest are matched", async () => {
    const short = csvTextToGrid(pupilList().split("\r\n").slice(0, 3).join("\r\n"));
    const ds = (await readMarksBytes(utf8(SHAPES["long, Go4Schools style (student_id, date dd/mm/yy, session A.M./P.M., mark)"].text()), { pupils: short })).dataset;
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A100000000001", "A100000000002", "S-503"]);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "unknown-pupil", message: expect.stringContaining("1 pupil in the marks file has a student_id") })]);
  });
});

describe("issue 10: create-tracker from an export with no UPN column", () => {
  test("create-tracker --from EXPORT --pupils LIST writes a tracker under UPNs that analyses to the same figures", async () => {
    const marks = join(tmp(), "week-grid.csv");
    const list = join(tmp(), "pupils.csv");
    const out = join(tmp(), "tracker.xlsx");
    writeFileSync(marks, SHAPES["week grid: W/C as the Sunday, MonAM ... FriPM, keyed by Adno"].text());
    writeFileSync(list, pupilList());
    const io = captureIo();
    expect(await run(["create-tracker", out, "--from", marks, "--pupils", list], io)).toBe(0);
    expect(io.out()).toMatch(/3 pupils, 20 sessions/);
    expect(io.err()).toMatch(/matched to UPNs by Adno through Adno in pupils\.csv \(3 of 3 matched\)/);
    const io2 = captureIo();
    expect(await run(["analyse", out, "--json"], io2)).toBe(0);
    const reference = figures((await readMarksBytes(utf8(contractWide()))).dataset);
    const got = JSON.parse(io2.out()).pupils.map((p: Record<string, unknown>) => Object.fromEntries(FIGURES.map((k) => [k, p[k]])));
    expect(got).toEqual(reference);
  });
});

describe("issue 10: never a silent empty result", () => {
  const noMark = () => csv([["STUDENT_ID", "MARK_CODE", "PERIOD", "DATE"], ...longRows((p, d, pm) => [p.misId, pm ? "PRESENT_PM" : "PRESENT_AM", pm ? "AFTERNOON" : "MORNING", d])]);

  test("a long file with MARK_CODE but no mark column is fatal, naming the columns found and what was expected", async () => {
    const e = await readMarksBytes(utf8(noMark())).then(
      () => null,
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(FatalInputError);
    const message = (e as Error).message;
    expect(message).toMatch(/no column holding the register mark/);
    expect(message).toMatch(/MARK_CODE holds the mark's meaning/);
    expect(message).toMatch(/Columns found: "STUDENT_ID", "MARK_CODE", "PERIOD", "DATE"/);
    expect(message).toMatch(/Expected one of/);
  });

  test("command line: analyse exits 2 with one line; create-tracker refuses and writes nothing", async () => {
    const marks = join(tmp(), "no-mark.csv");
    writeFileSync(marks, noMark());
    const io = captureIo();
    expect(await run(["analyse", marks], io)).toBe(2);
    expect(io.out()).toBe("");
    expect(io.err()).toMatch(/^attendance-toolkit: The file has a date column \("DATE"\)/);
    const out = join(tmp(), "t.xlsx");
    const io2 = captureIo();
    expect(await run(["create-tracker", out, "--from", marks], io2)).toBe(2);
    expect(require("node:fs").existsSync(out)).toBe(false);
  });

  test("a week grid with no week column, and a file of names only, are fatal", () => {
    expect(() => readMarksGrid(csvTextToGrid("UPN,Mon AM,Mon PM\nA1,/,/"))).toThrow(/no column giving the week/);
    expect(() => readMarksGrid(csvTextToGrid("UPN,Surname,Notes\nA1,Khan,x"))).toThrow(/No session could be read.*Columns found: "UPN", "Surname", "Notes"/);
  });

  test("a wide file with a pass-through Date column and one session column stays wide", () => {
    const ds = readMarksGrid(csvTextToGrid("UPN,Date,2025-09-08 AM\nA1,01/09/2025,/\nA2,01/09/2025,N"));
    expect(ds.layout).toBe("wide");
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-09-08 AM"]);
    expect(ds.pupils[0].extra).toEqual({ Date: "01/09/2025" });
  });

  test("a flood of one problem is one diagnosis with a count and examples", () => {
    const rows = Array.from({ length: 40 }, (_, i) => `A${i},Z01,/`);
    const ds = readMarksGrid(csvTextToGrid(`UPN,2025-09-08 AM,2025-09-08 PM\n${rows.join("\n")}\nB1,Q9,/`));
    expect(ds.problems).toHaveLength(41);
    const lines = summariseProblems(ds.problems);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^"Z01" is not a register code .*: 40 times, e\.g\. row 2 column B 2025-09-08 AM; row 3 column B/);
    expect(lines[1]).toMatch(/"Q9"/);
    // --json keeps every problem, and adds the summary for people.
    const j = analysisJson(analyse(ds));
    expect(j.problems).toHaveLength(41);
    expect(j.problemSummary).toEqual(lines);
  });
});

describe("issue 10: the policy's codeMap", () => {
  const text = "UPN,2025-09-08 AM,2025-09-08 PM,2025-09-09 AM,2025-09-09 PM\nA1,I01,X01,7,/\nA2,I01,I01,/,Q9\n";
  test("school sub-codes are read as the national codes before the rules, reported once per code with a count", () => {
    const { policy, problems } = policyFromJson(JSON.stringify({ codeMap: { I01: "I", x01: "x", "7": "B" } }));
    expect(problems).toEqual([]);
    const ds = readMarksGrid(csvTextToGrid(text));
    expect(ds.problems.map((p) => p.value)).toEqual(["I01", "X01", "7", "I01", "I01", "Q9"]);
    const a = analyse(ds, { policy });
    expect(a.notices).toEqual(['"I01" was read as I (the policy\'s codeMap): 3 marks.', '"X01" was read as X (the policy\'s codeMap): 1 mark.', '"7" was read as B (the policy\'s codeMap): 1 mark.']);
    expect(a.problems.map((p) => p.value)).toEqual(["Q9"]);
    const j = analysisJson(a).pupils.map((p) => [p.upn, p.possibleSessions, p.attendedSessions, p.authorisedAbsenceSessions]);
    // A1: I (authorised), X (not possible), B (attended), / ; A2: I, I, /, Q9 (still a problem).
    expect(j).toEqual([
      ["A1", 3, 2, 1],
      ["A2", 3, 1, 2],
    ]);
    // Without the map (issue 21) SIMS's DfE-agreed sub-codes still count by their published parent
    // (I01 as I, X01 as X); the school's own 7 does not.
    expect(analysisJson(analyse(ds)).pupils.map((p) => p.possibleSessions)).toEqual([2, 3]);
  });

  test("a codeMap to something that is not a register code is reported and ignored", () => {
    const { policy, problems } = policyFromJson(JSON.stringify({ codeMap: { I01: "Z9" } }));
    expect(problems).toEqual([expect.objectContaining({ field: "codeMap" })]);
    expect(policy.codeMap).toEqual({});
  });
});

describe("issue 10: names, groups, time on roll", () => {
  test.each([
    ["Khan, Aisha", { surname: "Khan", forename: "Aisha" }],
    ["KHAN Aisha (9K)", { surname: "KHAN", forename: "Aisha", reg: "9K" }],
    ["O'NEILL-SMITH Mary Jo", { surname: "O'NEILL-SMITH", forename: "Mary Jo" }],
    ["Aisha Khan", { surname: "Khan", forename: "Aisha" }],
  ])("%p splits into surname and forename", (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });

  test("sessions outside a pupil's time on roll do not count and marked ones are reported once", () => {
    const ds = readMarksGrid(
      csvTextToGrid(
        ["UPN,Admission date,Leaving date,2025-09-08 AM,2025-09-08 PM,2025-09-09 AM,2025-09-09 PM,2025-09-10 AM", "A1,09/09/2025,,N,N,/,/,/", "A2,,2025-09-09,/,/,/,O,U", "A3,,,/,/,/,/,/"].join("\n"),
      ),
    );
    const j = analysisJson(analyse(ds)).pupils.map((p) => [p.upn, p.possibleSessions, p.unauthorisedAbsenceSessions]);
    expect(j).toEqual([
      ["A1", 3, 0],
      ["A2", 4, 1],
      ["A3", 5, 0],
    ]);
    expect(ds.problems).toEqual([
      expect.objectContaining({ kind: "outside-time-on-roll", upn: "A1", value: "2", session: "2025-09-08 AM" }),
      expect.objectContaining({ kind: "outside-time-on-roll", upn: "A2", value: "1", session: "2025-09-10 AM" }),
    ]);
    // The dates are kept for the tracker.
    expect(ds.extraColumns).toEqual(["Admission date", "Leaving date"]);
  });

  test("a leaving date on the tracker's Pupils sheet limits the sessions that count", () => {
    const t = trackerFromGrids({
      marks: csvTextToGrid("UPN,2025-09-08 AM,2025-09-08 PM,2025-09-09 AM,2025-09-09 PM\nA1,/,/,U,U\nA2,/,/,/,/"),
      pupils: csvTextToGrid("UPN,Surname,Date of leaving\nA1,Khan,08/09/2025\nA2,Lee,"),
    });
    expect(analysisJson(analyse(t.dataset)).pupils.map((p) => [p.upn, p.possibleSessions, p.unauthorisedAbsenceSessions])).toEqual([
      ["A1", 2, 0],
      ["A2", 4, 0],
    ]);
    expect(t.dataset.problems).toEqual([expect.objectContaining({ kind: "outside-time-on-roll", upn: "A1", value: "2" })]);
  });
});

describe("issue 10: a day's two marks in one cell", () => {
  test.each([
    ["//", ["/", "/"]],
    ["/\\", ["/", "\\"]],
    ["C1/", ["C1", "/"]],
    ["NU", ["N", "U"]],
    ["#", ["#", "#"]],
    ["ZZ9", null],
  ])("%p", (cell, expected) => {
    expect(splitDayCell(cell)).toEqual(expected);
  });

  test("a lone date column of single marks is still reported (the session is missing), not read as a day", () => {
    const ds = readMarksGrid(csvTextToGrid("UPN,2025-01-14 AM,2025-01-13\nA1,/,O"));
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", column: "C" })]);
  });
});

describe("issue 10: dates and sessions as exports write them", () => {
  test.each([
    ["2025-09-08", "2025-09-08", null],
    ["2025-09-08T08:45:00", "2025-09-08", false],
    ["2025-09-08T13:00:00Z", "2025-09-08", true],
    ["2025-09-08 00:00:00", "2025-09-08", null],
    ["08/09/2025", "2025-09-08", null],
    ["8/9/25", "2025-09-08", null],
    ["15-Sep-2025", "2025-09-15", null],
    ["15 September 2025", "2025-09-15", null],
    ["Mon 08/09/2025", "2025-09-08", null],
    ["22/09/2025 (AM)", "2025-09-22", false],
    ["22/09/2025 PM", "2025-09-22", true],
    ["45908", "2025-09-08", null],
    ["45908.5", "2025-09-08", true],
  ])("%p is %s (PM: %p)", (text, date, pm) => {
    const r = parseExportDate(text);
    expect(r && { date: new Date(r.day * 86400000).toISOString().slice(0, 10), pm: r.pm }).toEqual({ date, pm });
  });

  test.each(["31/02/2025", "2025-13-01", "Sep 2025", "12345", "hello"])("%p is not a date", (text) => {
    expect(parseExportDate(text)).toBeNull();
  });

  test.each([
    ["AM", false],
    ["a", false],
    ["A.M.", false],
    ["Morning", false],
    ["(AM)", false],
    ["AM Session", false],
    ["pm", true],
    ["P", true],
    ["p.m.", true],
    ["AFTERNOON", true],
  ])("session %p", (text, pm) => {
    expect(parseHalf(text)).toBe(pm);
  });
});

describe("issue 10: Import marks in the Excel pane maps ids through the tracker's Pupils sheet", () => {
  test("an export keyed by Adno is planned as new pupils under their UPNs", async () => {
    const incoming = (await readMarksBytes(utf8(SHAPES["week grid: W/C as the Sunday, MonAM ... FriPM, keyed by Adno"].text()))).dataset;
    const existing: Grid = { header: ["UPN", "Surname", "Forename"], rows: [] };
    const plan = planMarksMerge(existing, incoming, pupilGrid());
    expect(plan.newPupils.map((p) => [p.upn, p.surname])).toEqual(PUPILS.map((p) => [p.upn, p.surname]));
    expect(plan.newSessions).toHaveLength(20);
    expect(plan.notices).toEqual([expect.stringContaining("matched to UPNs by Adno through Adno in the Pupils sheet (3 of 3 matched)")]);
  });
});

describe("issue 21: Import marks matches the tracker's UPNs upper-cased and trimmed", () => {
  test("a tracker row typed ' a873412318002 ' takes the export's A873412318002 marks, not a second pupil", async () => {
    const incoming = (await readMarksBytes(utf8("UPN,2025-09-08 AM,2025-09-08 PM\nA873412318002,/,\\\n"))).dataset;
    const existing: Grid = { header: ["UPN", "Surname", "Forename", "2025-09-08 AM", "2025-09-08 PM"], rows: [[" a873412318002 ", "Smith", "Amy", "", ""]] };
    const plan = planMarksMerge(existing, incoming);
    expect(plan.newPupils).toEqual([]);
    expect(plan.fills.map((f) => [f.session, f.code])).toEqual([
      ["2025-09-08 AM", "/"],
      ["2025-09-08 PM", "\\"],
    ]);
  });
});

describe("issue 10: .xlsx exports (Excel date cells, merged two-row headers)", () => {
  test("a workbook with a title row, merged date cells over AM/PM and a UPN column gives the reference figures", async () => {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Attendance");
    ws.addRow(["Whole school register"]);
    const top: Array<string | Date> = ["", ""];
    const bottom = ["UPN", "Name"];
    for (const d of DAYS) {
      top.push(new Date(`${d}T00:00:00Z`), "");
      bottom.push("AM", "PM");
    }
    ws.addRow(top);
    ws.addRow(bottom);
    DAYS.forEach((_, k) => ws.mergeCells(2, 3 + 2 * k, 2, 4 + 2 * k));
    PUPILS.forEach((p, i) => ws.addRow([p.upn, `${p.surname}, ${p.forename}`, ...MARKS[i]]));
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const ds = (await readMarksBytes(bytes)).dataset;
    const reference = figures((await readMarksBytes(utf8(contractWide()))).dataset);
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(reference);
    expect(ds.pupils.map((p) => p.details.forename)).toEqual(PUPILS.map((p) => p.forename));
  });

  test("date-time cells as a long file's dates give the session by their time of day", async () => {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Export");
    ws.addRow(["UPN", "Attendance Date", "AttendanceMark"]);
    longRows((p, d, pm, m) => [p.upn, `${d}T${pm ? "13:30" : "08:50"}:00Z`, m]).forEach(([u, t, m]) => ws.addRow([u, new Date(String(t)), m]));
    const ds = (await readMarksBytes(new Uint8Array(await wb.xlsx.writeBuffer()))).dataset;
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures((await readMarksBytes(utf8(contractWide()))).dataset));
  });
});
