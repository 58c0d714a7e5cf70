/**
 * Reading marks files: the wide and long CSV layouts of the analysis contract (§1), the register codes
 * (§2) and the problems bad input becomes (§4), through `readMarksBytes` (bytes, as the command line
 * and the panes read them) and `csvTextToGrid` + `readMarksGrid`.
 */
import { analyse } from "../../src/engine/analyse";
import { REGISTER_CODES } from "../../src/engine/codes";
import { FatalInputError, MarksDataset } from "../../src/engine/dataset";
import { readMarksGrid } from "../../src/import/grid";
import { analysisJson } from "../../src/engine/output";
import { csvTextToGrid } from "../../src/files/csv";
import { readMarksBytes } from "../../src/files/read-file";
import { longCsvFromWide, sessionLabels, utf16le, utf8, weekdays, wideCsv, windows1252 } from "../helpers/wide";

const read = async (input: string | Uint8Array): Promise<MarksDataset> => (await readMarksBytes(typeof input === "string" ? utf8(input) : input)).dataset;
const viaGrid = (text: string): MarksDataset => readMarksGrid(csvTextToGrid(text));

/** [upn, possible, attended, authorised, unauthorised] for each pupil, in file order. */
const counts = (ds: MarksDataset) =>
  analyse(ds).pupils.map((p) => [p.upn, p.possibleSessions, p.attendedSessions, p.authorisedAbsenceSessions, p.unauthorisedAbsenceSessions]);

/** Each pupil's marks as codes, in session (date) order. */
const codes = (ds: MarksDataset) => ds.marks.map((m) => Array.from(m, (id) => REGISTER_CODES[id].code));

async function fatalMessage(input: string | Uint8Array): Promise<string> {
  const e = await readMarksBytes(typeof input === "string" ? utf8(input) : input).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(FatalInputError);
  return (e as Error).message;
}

/** A message a member of staff can read: one or two plain sentences, no programmer's words. */
function expectPlain(message: string): void {
  expect(message).toMatch(/^[A-Z].*\.$/s);
  expect(message).not.toMatch(/undefined|null|NaN|Error|exception|stack|\bat .*\(|\[object/i);
  expect(message.length).toBeLessThan(300);
}

const H = "UPN,Surname,2025-01-13 AM,2025-01-13 PM,2025-01-14 AM";

describe("register codes (contract §2) and code problems (contract §4)", () => {
  test("contract §2/§4: H after 2024-08-19 is legacy-code-after-2024 naming upn, session, value; the cell counts nowhere", async () => {
    const ds = await read(`${H}\nA1,Khan,/,H,/\nB2,Lee,/,/,/`);
    expect(ds.problems).toEqual([
      { kind: "legacy-code-after-2024", upn: "A1", row: 2, column: "D", session: "2025-01-13 PM", value: "H", message: expect.stringContaining('"H"') },
    ]);
    expect(counts(ds)).toEqual([
      ["A1", 2, 2, 0, 0],
      ["B2", 3, 3, 0, 0],
    ]);
  });

  test.each(["F", "J", "Y", "h", " j "])("contract §2: the legacy code %p on 2025-01-13 is legacy-code-after-2024", async (code) => {
    const ds = await read(`${H}\nA1,Khan,${code},/,/`);
    expect(ds.problems).toEqual([
      { kind: "legacy-code-after-2024", upn: "A1", row: 2, column: "C", session: "2025-01-13 AM", value: code.trim(), message: expect.any(String) },
    ]);
    expect(counts(ds)).toEqual([["A1", 2, 2, 0, 0]]);
  });

  test("contract §2: on 2024-07-15/16 H and F are authorised, J attended, Y not possible; no problems", async () => {
    const ds = await read("UPN,2024-07-15 AM,2024-07-15 PM,2024-07-16 AM,2024-07-16 PM,2024-07-17 AM\nA1,H,F,J,Y,/");
    expect(ds.problems).toEqual([]);
    expect(counts(ds)).toEqual([["A1", 4, 2, 2, 0]]);
    expect(analyse(ds).pupils[0].attendancePercent).toBe(50);
  });

  test("contract §2: 2024-08-16 is the last day for legacy codes, 2024-08-19 the first without them", async () => {
    const ds = await read("UPN,2024-08-16 AM,2024-08-16 PM,2024-08-19 AM,2024-08-19 PM\nA1,H,J,H,J");
    expect(ds.problems.map((p) => [p.kind, p.session, p.value])).toEqual([
      ["legacy-code-after-2024", "2024-08-19 AM", "H"],
      ["legacy-code-after-2024", "2024-08-19 PM", "J"],
    ]);
    expect(counts(ds)).toEqual([["A1", 2, 1, 1, 0]]);
  });

  test("contract §4: ZZ and ! are unknown-code with upn, row, column, session label and value; the cells count nowhere", async () => {
    const ds = await read(`${H}\nA1,Khan,ZZ,/,!\nB2,Lee,/,/,/`);
    expect(ds.problems).toEqual([
      { kind: "unknown-code", upn: "A1", row: 2, column: "C", session: "2025-01-13 AM", value: "ZZ", message: expect.stringContaining('"ZZ"') },
      { kind: "unknown-code", upn: "A1", row: 2, column: "E", session: "2025-01-14 AM", value: "!", message: expect.stringContaining('"!"') },
    ]);
    expect(counts(ds)).toEqual([
      ["A1", 1, 1, 0, 0],
      ["B2", 3, 3, 0, 0],
    ]);
    // The analysis carries the same problems (contract §5).
    expect(analysisJson(analyse(ds)).problems).toEqual(ds.problems);
  });

  test("contract §4: a problem names the session in the canonical form even when the header was DD/MM/YYYY", async () => {
    const ds = await read("UPN,13/01/2025 AM\nA1,ZZ");
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "unknown-code", session: "2025-01-13 AM", column: "B", value: "ZZ" })]);
  });

  test("contract §4: a problem cell is excluded from every count, the national threshold and learning lost too", async () => {
    const days = weekdays("2025-01-13", "2025-01-24");
    const header = ["UPN", ...sessionLabels(days)];
    const marks = (bad: boolean) => header.slice(1).map((_, i) => (i < 10 ? (bad && i === 4 ? "ZZ" : "U") : "/"));
    const ds = await read(wideCsv(header, [["A1", ...marks(false)], ["B2", ...marks(true)]]));
    const a = analyse(ds);
    const [good, bad] = a.pupils;
    expect([good.possibleSessions, good.unauthorisedAbsenceSessions, good.learningLost.sessions]).toEqual([20, 10, 10]);
    expect(good.nationalThreshold).toMatchObject({ sessionsInCurrentWindow: 10, met: true, firstMetOn: "2025-01-17" }); // the 10th U is 2025-01-17 PM
    expect([bad.possibleSessions, bad.attendedSessions, bad.unauthorisedAbsenceSessions, bad.learningLost.sessions]).toEqual([19, 10, 9, 9]);
    expect(bad.nationalThreshold).toMatchObject({ sessionsInCurrentWindow: 9, met: false, firstMetOn: null });
    expect(bad.attendancePercent).toBe(52.6); // 10 / 19 = 52.63...
    expect(a.summary).toMatchObject({ pupils: 2, attendancePercent: 51.2, nationalThresholdMetCount: 1 }); // 20 / 39 = 51.28...
  });

  test("contract §1: codes are trimmed and case-insensitive (' u ' is U, ' c1 ' is C1, 'l' is L)", async () => {
    const ds = await read(`UPN,2025-01-13 AM,2025-01-13 PM,2025-01-14 AM,2025-01-14 PM\nA1, u , c1 ,l, / `);
    expect(ds.problems).toEqual([]);
    expect(codes(ds)).toEqual([["U", "C1", "L", "/"]]);
    expect(counts(ds)).toEqual([["A1", 4, 2, 1, 1]]);
  });

  test("contract §4: an unknown code is given trimmed, as typed", async () => {
    const ds = await read("UPN,2025-01-13 AM\nA1, zz ");
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "unknown-code", value: "zz" })]);
  });

  test("contract §1: an empty or blank cell is no mark, not a problem", async () => {
    const ds = await read(`${H}\nA1,Khan,,   ,/`);
    expect(ds.problems).toEqual([]);
    expect(counts(ds)).toEqual([["A1", 1, 1, 0, 0]]);
  });
});

describe("pupil rows (contract §4)", () => {
  test("contract §4: missing-upn names the row (header = row 1, first data row = row 2); the other pupils are analysed", async () => {
    const ds = await read(`${H}\n,Lee,/,O,/\nA1,Khan,/,/,O\n  ,Ali,O,O,O\nC3,Ali,/,/,/`);
    expect(ds.problems).toEqual([
      { kind: "missing-upn", row: 2, message: expect.stringContaining("Row 2") },
      { kind: "missing-upn", row: 4, message: expect.stringContaining("Row 4") },
    ]);
    expect(counts(ds)).toEqual([
      ["A1", 3, 2, 0, 1],
      ["C3", 3, 3, 0, 0],
    ]);
  });

  test("contract §4: a blank line is not a missing UPN, and rows after it keep their numbers", async () => {
    const ds = await read(`${H}\nA1,Khan,/,/,/\n,,,,\n\n,Ali,/,/,/\n`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "missing-upn", row: 5 })]);
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A1"]);
  });

  test("contract §4: duplicate-upn reports the repeat with its row; the first row is the one counted", async () => {
    const ds = await read(`${H}\nA1,Khan,/,/,/\nB2,Lee,/,/,/\nA1,Other,O,O,O`);
    expect(ds.problems).toEqual([{ kind: "duplicate-upn", upn: "A1", row: 4, value: "A1", message: expect.stringContaining("row 2") }]);
    expect(counts(ds)).toEqual([
      ["A1", 3, 3, 0, 0],
      ["B2", 3, 3, 0, 0],
    ]);
    expect(ds.pupils[0].details.surname).toBe("Khan");
  });

  test("contract §4: a UPN with spaces around it is the same UPN", async () => {
    const ds = await read(`UPN,2025-01-13 AM\nA1,/\n A1 ,O`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "duplicate-upn", upn: "A1", row: 3 })]);
  });
});

describe("session headers (contract §1, §4)", () => {
  test.each([
    ["2025-02-30 AM", /not a real date/],
    ["2025-01-13 XM", /not a session/],
    ["2025-01-13", /AM or PM/],
  ])("contract §4: the header %p is bad-session-header and its column is left out", async (header, reason) => {
    const ds = await read(`UPN,2025-01-14 AM,${header},2025-01-14 PM\nA1,/,O,/`);
    expect(ds.problems).toEqual([{ kind: "bad-session-header", column: "C", value: header, message: expect.stringMatching(reason) }]);
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-14 AM", "2025-01-14 PM"]);
    expect(ds.extraColumns).toEqual([]);
    expect(ds.pupils[0].extra).toEqual({});
    expect(counts(ds)).toEqual([["A1", 2, 2, 0, 0]]);
  });

  test("contract §1: headers such as Notes and Tutor are pass-through columns, not problems", async () => {
    const ds = await read("UPN,Notes,2025-01-14 AM,Tutor\nA1,Moved in Sept,/,Mr X\nB2,,O,Ms Y");
    expect(ds.problems).toEqual([]);
    expect(ds.extraColumns).toEqual(["Notes", "Tutor"]);
    expect(ds.pupils.map((p) => p.extra)).toEqual([{ Notes: "Moved in Sept", Tutor: "Mr X" }, { Tutor: "Ms Y" }]);
    expect(counts(ds)).toEqual([
      ["A1", 1, 1, 0, 0],
      ["B2", 1, 0, 0, 1],
    ]);
  });

  test("contract §4: a session given in two columns is duplicate-session; the first column is counted", async () => {
    const ds = await read("UPN,2025-01-14 AM,14/01/2025 AM,2025-01-14 PM\nA1,/,O,/");
    expect(ds.problems).toEqual([
      { kind: "duplicate-session", column: "C", session: "2025-01-14 AM", value: "14/01/2025 AM", message: expect.stringContaining("column B") },
    ]);
    expect(counts(ds)).toEqual([["A1", 2, 2, 0, 0]]);
  });

  test("contract §1: header names are case-insensitive with surrounding spaces trimmed", async () => {
    const ds = await read(" upn ,SURNAME, Forename ,year,fsm, 2025-01-13 am \nA1,Khan,Aisha,9,Y,O");
    expect(ds.problems).toEqual([]);
    expect(ds.pupils).toEqual([{ upn: "A1", row: 2, details: { surname: "Khan", forename: "Aisha", year: "9", fsm: "Y" }, extra: {} }]);
    expect(counts(ds)).toEqual([["A1", 1, 0, 0, 1]]);
  });

  test("contract §1: DD/MM/YYYY AM headers, and columns out of date order, are read into date order", async () => {
    const ds = await read("UPN,14/01/2025 PM,13/01/2025 AM,2025-01-14 AM,13/01/2025 PM\nA1,O,/,I,L");
    expect(ds.problems).toEqual([]);
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM", "2025-01-14 PM"]);
    expect(codes(ds)).toEqual([["/", "L", "I", "O"]]);
    expect(analyse(ds).asOf).toBe("2025-01-14");
  });

  // Judgement: §4 says bad input is "reported, never silently dropped". Dates in other common forms
  // (13-01-2025, 2025/01/13: issue 10) are read; one that opens with a date but is not a real one is
  // reported, never passed through.
  test("contract §4 / issue 10: 13-01-2025 AM and 2025/01/13 PM are sessions; 32-01-2025 AM and 2025/13/01 PM are reported, not passed through", async () => {
    const ds = await read("UPN,2025-01-14 AM,13-01-2025 AM,2025/01/13 PM,32-01-2025 AM,2025/13/01 PM\nA1,/,O,O,/,/");
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM"]);
    expect(ds.problems.map((p) => [p.kind, p.column])).toEqual([
      ["bad-session-header", "E"],
      ["bad-session-header", "F"],
    ]);
    expect(ds.extraColumns).toEqual([]);
  });
});

describe("file shape (contract §1) and fatal errors (contract §4)", () => {
  test("contract §4: an empty file, a zero-byte file and a whitespace-only file are fatal, saying the file is empty", async () => {
    for (const input of ["", new Uint8Array(0), "  \n \r\n\t\n"]) {
      const message = await fatalMessage(input);
      expect(message).toMatch(/empty/);
      expectPlain(message);
    }
  });

  test("contract §4: no UPN column is fatal, with a message that says so", async () => {
    const message = await fatalMessage("Pupil,2025-01-13 AM\nA1,/");
    expect(message).toMatch(/no UPN column/);
    expectPlain(message);
  });

  test("header only is refused with a sentence (issue 21), not read as a school of 0 pupils", async () => {
    await expect(read(`${H}\r\n`)).rejects.toThrow(/has a header row \(row 1\) but no pupil rows under it/);
  });

  test("contract §1: a UTF-8 byte-order mark does not hide the UPN header", async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(`UPN,Surname,2025-01-13 AM\nA1,Zoë,O`)]);
    const ds = await read(bytes);
    expect(ds.pupils).toEqual([{ upn: "A1", row: 2, details: { surname: "Zoë" }, extra: {} }]);
    expect(counts(ds)).toEqual([["A1", 1, 0, 0, 1]]);
  });

  test("contract §1: CRLF line ends leave no carriage return in the last column", async () => {
    const ds = await read(`${H}\r\nA1,Khan,/,/,O\r\nB2,Lee,/,/,I\r\n`);
    expect(ds.problems).toEqual([]);
    expect(codes(ds)).toEqual([
      ["/", "/", "O"],
      ["/", "/", "I"],
    ]);
  });

  test("contract §1: RFC 4180 quoted fields with commas, doubled quotes and line breaks in a pass-through column", async () => {
    const text = `UPN,Notes,2025-01-13 AM,2025-01-13 PM\r\nA1,"Lives with gran, Tues; said ""fine""\r\nsee file",/,O\r\nB2,"",U,/\r\n`;
    for (const ds of [await read(text), viaGrid(text)]) {
      expect(ds.problems).toEqual([]);
      expect(ds.pupils.map((p) => [p.upn, p.extra])).toEqual([
        ["A1", { Notes: 'Lives with gran, Tues; said "fine"\r\nsee file' }],
        ["B2", {}],
      ]);
      expect(counts(ds)).toEqual([
        ["A1", 2, 1, 0, 1],
        ["B2", 2, 1, 0, 1],
      ]);
    }
  });

  test("contract §4: a semicolon-separated file is fatal, and the message says semicolons", async () => {
    const message = await fatalMessage("UPN;Surname;2025-01-13 AM\r\nA1;Khan;/\r\n");
    expect(message).toMatch(/semicolons/);
    expect(message).toMatch(/comma-separated/);
    expectPlain(message);
  });

  test("contract §4: a tab-separated file is fatal, and the message says tabs (also as Excel's UTF-16 text)", async () => {
    for (const input of ["UPN\tSurname\t2025-01-13 AM\nA1\tKhan\t/\n", utf16le("UPN\tSurname\t2025-01-13 AM\r\nA1\tKhan\t/\r\n")]) {
      const message = await fatalMessage(input);
      expect(message).toMatch(/tabs/);
      expectPlain(message);
    }
  });

  test.each([
    ["binary bytes with NUL", new Uint8Array([0x55, 0x50, 0x4e, 0x00, 0x01, 0x02, 0x2c, 0x41]), /binary/],
    ["a PDF", utf8("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"), /PDF/],
    ["an old .xls workbook", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /\.xls\b/],
    ["a zip that is not a workbook", new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8("junk that is not a zip at all")]), /workbook/],
  ])("contract §4: %s is fatal with a plain message", async (_name, bytes, what) => {
    const message = await fatalMessage(bytes);
    expect(message).toMatch(what);
    expectPlain(message);
  });

  test("contract §4: an unclosed quotation mark is fatal (the rows after it cannot be read)", async () => {
    const message = await fatalMessage('UPN,Notes,2025-01-13 AM\nA1,"oops,/\nB2,x,/\n');
    expect(message).toMatch(/quotation mark/);
    expectPlain(message);
  });

  test("contract §1: UTF-16LE with a byte-order mark is decoded", async () => {
    const ds = await read(utf16le("UPN,Surname,2025-01-13 AM,2025-01-13 PM\r\nA1,Zoë,/,N\r\n"));
    expect(ds.pupils[0].details.surname).toBe("Zoë");
    expect(counts(ds)).toEqual([["A1", 2, 1, 0, 1]]);
  });

  test("contract §1: Windows-1252 bytes (Excel's plain CSV on Windows) are decoded: 0xEB is ë", async () => {
    const bytes = windows1252("UPN,Surname,Forename,2025-01-13 AM\nA1,Zoë,Siân,O\n");
    expect(bytes.indexOf(0xeb)).toBeGreaterThan(0);
    const ds = await read(bytes);
    expect(ds.pupils[0].details).toEqual({ surname: "Zoë", forename: "Siân" });
    expect(counts(ds)).toEqual([["A1", 1, 0, 0, 1]]);
  });
});

describe("the long layout (contract §1)", () => {
  test("contract §1: UPN, Date, Session, Mark; MORNING/AFTERNOON (any case); DD/MM/YYYY and YYYY-MM-DD dates", async () => {
    const ds = await read(["upn,DATE, Session ,Mark", "A1,13/01/2025,MORNING,/", "A1,2025-01-13,afternoon,N", "B2,13/01/2025,Morning, l ", "B2,2025-01-14,AM,I", "A1,14/01/2025,PM,O"].join("\n"));
    expect(ds.layout).toBe("long");
    expect(ds.problems).toEqual([]);
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM", "2025-01-14 PM"]);
    expect(codes(ds)).toEqual([
      ["/", "N", "", "O"],
      ["L", "", "I", ""],
    ]);
    expect(counts(ds)).toEqual([
      ["A1", 3, 1, 0, 2],
      ["B2", 2, 1, 1, 0],
    ]);
  });

  test("contract §4: duplicate-session in a long file reports the second row; the first is counted", async () => {
    const ds = await read(["UPN,Date,Session,Mark", "A1,2025-01-13,AM,/", "A1,2025-01-13,PM,/", "A1,13/01/2025,AM,O"].join("\n"));
    expect(ds.problems).toEqual([{ kind: "duplicate-session", upn: "A1", row: 4, session: "2025-01-13 AM", value: "O", message: expect.stringContaining("row 2") }]);
    expect(counts(ds)).toEqual([["A1", 2, 2, 0, 0]]);
  });

  test("contract §4: a bad date or session in a long row is a problem naming its row; the other rows count", async () => {
    const ds = await read(["UPN,Date,Session,Mark", "A1,2025-01-13,AM,/", "A1,2025-02-30,AM,O", "B2,2025-01-13,AM,/", "B2,2025-01-13,XM,O", ",2025-01-13,PM,O", "B2,2025-01-14,,O"].join("\n"));
    expect(ds.problems).toEqual([
      { kind: "bad-session-header", upn: "A1", row: 3, value: "2025-02-30 AM", message: expect.stringContaining("Row 3") },
      { kind: "missing-upn", row: 6, message: expect.stringContaining("Row 6") },
      { kind: "bad-session-header", upn: "B2", row: 7, value: "2025-01-14", message: expect.stringContaining("Row 7") },
    ]);
    // Issue 21: a session that is not AM or PM is not a register session: left out and named in one notice.
    expect(ds.notices).toEqual([expect.stringMatching(/^1 row with a lesson or other period in Session \("XM"\) was left out/)]);
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM"]);
    expect(counts(ds)).toEqual([
      ["A1", 1, 1, 0, 0],
      ["B2", 1, 1, 0, 0],
    ]);
  });

  test("contract §2/§4: code problems in a long file name upn, row, session and value", async () => {
    const ds = await read(["UPN,Date,Session,Mark", "A1,2025-01-13,AM,ZZ", "A1,2025-01-13,PM,H", "A1,2024-07-15,AM,H"].join("\n"));
    expect(ds.problems).toEqual([
      { kind: "unknown-code", upn: "A1", row: 2, session: "2025-01-13 AM", value: "ZZ", message: expect.any(String) },
      { kind: "legacy-code-after-2024", upn: "A1", row: 3, session: "2025-01-13 PM", value: "H", message: expect.any(String) },
    ]);
    expect(counts(ds)).toEqual([["A1", 1, 0, 1, 0]]);
  });

  test("contract §1: a long file and a wide file holding the same marks give identical analysisJson", async () => {
    const days = weekdays("2025-01-06", "2025-01-31");
    const labels = sessionLabels(days);
    const header = ["UPN", "Surname", "Year", ...labels];
    const pattern = ["/", "\\", "L", "/", "\\", "U", "N", "/", "I", "G", "M", "/", "O", "\\", "/", "C", "#"];
    const rows = ["A1", "B2", "C3", "D4", "E5"].map((upn, p) => [
      upn,
      `Surname${p}`,
      String(7 + p),
      ...labels.map((_, s) => (p === 0 ? "/" : p === 4 && s % 7 === 3 ? "" : p === 3 ? (s < 24 ? "U" : "/") : pattern[(s * (p + 1) + p) % pattern.length])),
    ]);
    const wide = await read(wideCsv(header, rows));
    for (const order of ["pupil", "session"] as const) {
      const long = await read(longCsvFromWide(header, rows, 3, order));
      expect(long.layout).toBe("long");
      expect(wide.layout).toBe("wide");
      const [w, l] = [analysisJson(analyse(wide)), analysisJson(analyse(long))];
      expect(l.pupils).toEqual(w.pupils);
      expect(l.summary).toEqual(w.summary);
      expect({ ...l, pupils: null }).toEqual({ ...w, pupils: null });
    }
    // The data is not trivial: D4 meets the threshold, and there are several bands.
    const a = analysisJson(analyse(wide));
    expect(a.pupils[3].nationalThreshold.met).toBe(true);
    expect(new Set(a.pupils.map((p) => p.band)).size).toBeGreaterThan(2);
  });
});

describe("the values problems report (contract §4)", () => {
  test("contract §4: a bad session header is given as written, without surrounding spaces", async () => {
    const { readMarksBytes } = await import("../../src/files/read-file");
    const ds = (await readMarksBytes(new TextEncoder().encode("UPN, 2025-02-30 AM ,2025-02-28 AM\nA1,/,/"))).dataset;
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", value: "2025-02-30 AM", column: "B" })]);
  });
});
