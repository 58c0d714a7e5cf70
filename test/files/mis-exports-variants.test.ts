/**
 * Issue 10, found in verification: export variants the first fixtures did not cover. Each must give
 * the same figures, pupil by pupil, as the contract's own wide file of the same marks.
 */
import { analyse } from "../../src/engine/analyse";
import { FatalInputError, MarksDataset } from "../../src/engine/dataset";
import { readMarksGrid } from "../../src/import/grid";
import { analysisJson } from "../../src/engine/output";
import { csvTextToGrid } from "../../src/files/csv";
import { readMarksBytes } from "../../src/files/read-file";
import { policyFromJson } from "../../src/engine/policy";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import { run } from "../../src/cli/main";
import { captureIo, tempDirFixture } from "../helpers/wide";

const tmp = tempDirFixture("mis-variants-");

const DAYS = ["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12", "2025-09-15"];
const UPNS = ["A100000000001", "A100000000002", "A100000000003"];
// Marks by pupil, AM at 2d and PM at 2d+1.
const MARKS = [
  Array(12).fill("/"),
  ["N", "N", "/", "\\", "L", "/", "I", "I", "/", "/", "U", "U"],
  ["/", "U", "/", "U", "/", "U", "/", "U", "/", "U", "B", "/"],
];
const serial = (d: string) => Date.UTC(+d.slice(0, 4), +d.slice(5, 7) - 1, +d.slice(8, 10)) / 86400000 + 25569;
const uk = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const csv = (rows: Array<Array<string | number>>) => rows.map((r) => r.map((c) => (/[",]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(",")).join("\r\n") + "\r\n";
const reference = () =>
  csv([["UPN", ...DAYS.flatMap((d) => [`${d} AM`, `${d} PM`])], ...UPNS.map((u, i) => [u, ...MARKS[i]])]);
const FIGURES = ["upn", "possibleSessions", "attendedSessions", "authorisedAbsenceSessions", "unauthorisedAbsenceSessions", "attendancePercent", "band", "nationalThreshold"] as const;
const figures = (ds: MarksDataset) => analysisJson(analyse(ds)).pupils.map((p) => Object.fromEntries(FIGURES.map((k) => [k, p[k]])));
const read = (text: string) => readMarksGrid(csvTextToGrid(text));

describe("issue 10 variants: a long file with no session column", () => {
  test("Excel serials as dates: the whole serial is the morning and the .5 serial the afternoon", () => {
    const ds = read(csv([["UPN", "Date", "Mark"], ...UPNS.flatMap((u, i) => DAYS.flatMap((d, k) => [[u, serial(d), MARKS[i][2 * k]], [u, serial(d) + 0.5, MARKS[i][2 * k + 1]]]))]));
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });

  test("Excel date-time cells at midnight and noon (an .xlsx export) are the morning and the afternoon", async () => {
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Export");
    ws.addRow(["UPN", "Attendance Date", "Code"]);
    UPNS.forEach((u, i) => DAYS.forEach((d, k) => [0, 1].forEach((h) => ws.addRow([u, new Date(`${d}T${h ? "12" : "00"}:00:00Z`), MARKS[i][2 * k + h]]))));
    ws.getColumn(2).numFmt = "dd/mm/yyyy hh:mm";
    const ds = (await readMarksBytes(new Uint8Array(await wb.xlsx.writeBuffer()))).dataset;
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });

  test("a Mark column holding the day's two marks in one cell ('/\\\\', 'NN') gives both sessions", () => {
    const ds = read(csv([["UPN", "Date", "Mark"], ...UPNS.flatMap((u, i) => DAYS.map((d, k) => [u, uk(d), MARKS[i][2 * k] + MARKS[i][2 * k + 1]]))]));
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });

  test("a date with no session and single marks is still refused, naming the columns", () => {
    expect(() => read(csv([["UPN", "Date", "Mark"], ...UPNS.flatMap((u, i) => DAYS.map((d, k) => [u, uk(d), MARKS[i][2 * k]]))]))).toThrow(FatalInputError);
  });
});

describe("issue 10 variants: a totals row at the bottom of a report", () => {
  test("wide: a 'Total' row is not a pupil and its counts are not marks", () => {
    const text = reference() + csv([["Total", ...Array(12).fill(3)]]);
    const ds = read(text);
    expect(ds.problems).toEqual([]);
    expect(ds.notices).toEqual([expect.stringContaining('"Total") is a totals row')]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });

  test("long: a 'Grand total' row is not a pupil", () => {
    const rows = UPNS.flatMap((u, i) => DAYS.flatMap((d, k) => [[u, d, "AM", MARKS[i][2 * k]], [u, d, "PM", MARKS[i][2 * k + 1]]]));
    const ds = read(csv([["UPN", "Date", "Session", "Mark"], ...rows, ["Grand total", "", "", rows.length]]));
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });

  test("wide, one column a day: the totals row does not stop the columns being read as days", () => {
    const ds = read(csv([["UPN", ...DAYS.map(uk)], ...UPNS.map((u, i) => [u, ...DAYS.map((_, k) => MARKS[i][2 * k] + MARKS[i][2 * k + 1])]), ["Totals", ...DAYS.map(() => 3)]]));
    expect(ds.problems).toEqual([]);
    expect(figures(ds)).toEqual(figures(read(reference())));
  });
});

describe("issue 10 variants: a semicolon-separated file", () => {
  test("under a title row and keyed by Adno, it is refused saying the values are separated by semicolons", () => {
    const text = "\ufeffAttendance export\r\nAdno;Date;Session;Mark\r\n1001;08/09/2025;AM;/\r\n";
    expect(() => read(text)).toThrow(/separated by semicolons/);
  });
});

describe("issue 10 variants: summary reads an export with no UPN column through --pupils", () => {
  test("the pupil list's leaving date limits the sessions counted, as in analyse --pupils", async () => {
    const marks = join(tmp(), "sims.csv");
    const list = join(tmp(), "pupils.csv");
    // Pupil 3 left on 12/09/2025: the export still has "/" and "B" marks after it.
    writeFileSync(marks, csv([["Adno", "Date", "Session", "Mark"], ...UPNS.flatMap((_, i) => DAYS.flatMap((d, k) => [[`10${i}`, uk(d), "AM", MARKS[i][2 * k]], [`10${i}`, uk(d), "PM", MARKS[i][2 * k + 1]]]))]));
    writeFileSync(list, csv([["Adno", "UPN", "Year", "Leaving date"], ...UPNS.map((u, i) => [`10${i}`, u, "9", i === 2 ? "12/09/2025" : ""])]));
    const a = captureIo();
    expect(await run(["analyse", marks, "--pupils", list, "--json"], a)).toBe(0);
    const expected = JSON.parse(a.out()).summary.possibleSessions;
    const out = join(tmp(), "school.summary.json");
    const io = captureIo();
    expect(await run(["summary", marks, "--pupils", list, "--school", "Test", "--out", out], io)).toBe(0);
    expect(io.err()).toMatch(/matched to UPNs by Adno through Adno in pupils\.csv \(3 of 3 matched\)/);
    expect(JSON.parse(readFileSync(out, "utf8")).figures.sessions.possible).toBe(expected);
    expect(expected).toBe(34);
  });
});

describe("issue 10 variants: the codeMap and the time on roll", () => {
  test("a school sub-code before the pupil's admission is outside the time on roll, not mapped into the figures", () => {
    const text = "UPN,Admission date,2025-09-08 AM,2025-09-08 PM,2025-09-15 AM,2025-09-15 PM\nA1,15/09/2025,I01,I01,/,/\nA2,,/,/,/,/\n";
    const ds = read(text);
    const a = analysisJson(analyse(ds, { policy: policyFromJson(JSON.stringify({ codeMap: { I01: "I" } })).policy }));
    expect(a.pupils.map((p) => [p.upn, p.possibleSessions, p.authorisedAbsenceSessions])).toEqual([["A1", 2, 0], ["A2", 4, 0]]);
    expect(a.problems).toEqual([expect.objectContaining({ kind: "outside-time-on-roll", upn: "A1", value: "2" })]);
  });
});
