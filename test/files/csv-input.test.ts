/**
 * Bad input gets the problem or the fatal error the contract names (analysis contract §1, §4), and
 * the rest of the school is still analysed.
 */
import { analyse } from "../../src/engine/analyse";
import { FatalInputError } from "../../src/engine/dataset";
import { analysisJson } from "../../src/engine/output";
import { readMarksBytes } from "../../src/files/read-file";

const enc = (s: string) => new TextEncoder().encode(s);
const read = async (text: string | Uint8Array) => (await readMarksBytes(typeof text === "string" ? enc(text) : text)).dataset;
const fatal = (text: string | Uint8Array) => expect(readMarksBytes(typeof text === "string" ? enc(text) : text)).rejects.toThrow(FatalInputError);
const H = "UPN,Surname,2025-01-13 AM,2025-01-13 PM,2025-01-14 AM";

describe("problems in the marks (contract §4): reported with pupil, session, value; excluded from every count", () => {
  test("an unknown code", async () => {
    const ds = await read(`${H}\nA1,Khan,/,ZZ,/\nB2,Lee,/,/,/`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "unknown-code", upn: "A1", session: "2025-01-13 PM", value: "ZZ", row: 2, column: "D" })]);
    const a = analyse(ds);
    expect(a.pupils[0]).toMatchObject({ possibleSessions: 2, attendedSessions: 2 });
    expect(a.pupils[1]).toMatchObject({ possibleSessions: 3 });
  });

  test.each(["H", "F", "J", "Y"])("the legacy code %s after 19 August 2024 is legacy-code-after-2024", async (code) => {
    const ds = await read(`${H}\nA1,Khan,/,${code},/`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "legacy-code-after-2024", upn: "A1", session: "2025-01-13 PM", value: code })]);
    expect(analyse(ds).pupils[0].possibleSessions).toBe(2);
  });

  test("the same legacy codes before 19 August 2024 keep their meanings, and 2024-08-18 is still before", async () => {
    const ds = await read("UPN,2024-08-16 AM,2024-08-16 PM,2024-08-18 AM,2024-08-19 AM\nA1,H,J,F,H");
    expect(ds.problems.map((p) => [p.kind, p.session])).toEqual([["legacy-code-after-2024", "2024-08-19 AM"]]);
    expect(analyse(ds).pupils[0]).toMatchObject({ authorisedAbsenceSessions: 2, attendedSessions: 1 });
  });

  test("codes are trimmed and case-insensitive: ' u ' is U, 'c1' is C1, 'l' is L", async () => {
    const ds = await read(`${H}\nA1,Khan, u ,c1,l`);
    expect(ds.problems).toEqual([]);
    expect(analyse(ds).pupils[0]).toMatchObject({ unauthorisedAbsenceSessions: 1, authorisedAbsenceSessions: 1, attendedSessions: 1 });
  });

  test("a missing UPN names the row (header = row 1); the other pupils are analysed", async () => {
    const ds = await read(`${H}\nA1,Khan,/,/,/\n,Lee,/,O,/\nC3,Ali,/,/,/`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "missing-upn", row: 3 })]);
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A1", "C3"]);
  });

  test("a blank line is not a missing UPN", async () => {
    const ds = await read(`${H}\nA1,Khan,/,/,/\n,,,,\n\nC3,Ali,/,/,/\n`);
    expect(ds.problems).toEqual([]);
    expect(ds.pupils).toHaveLength(2);
  });

  test("a duplicate UPN: the first row counts, the repeat is reported with its row", async () => {
    const ds = await read(`${H}\nA1,Khan,/,/,/\nA1,Khan,O,O,O`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "duplicate-upn", upn: "A1", row: 3 })]);
    expect(analyse(ds).pupils).toHaveLength(1);
    expect(analyse(ds).pupils[0].unauthorisedAbsenceSessions).toBe(0);
  });

  test.each([
    ["2025-02-30 AM", /not a real date/],
    ["2025-01-13 XM", /not a session/],
    ["2025-01-13", /AM or PM/],
    ["31/02/2025 PM", /not a real date/],
  ])("the header %s is a bad-session-header and its column is left out", async (header, message) => {
    const ds = await read(`UPN,2025-01-14 AM,${header}\nA1,/,O`);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", value: header, column: "C", message: expect.stringMatching(message) })]);
    expect(analyse(ds).pupils[0].possibleSessions).toBe(1);
  });

  test("the offending header is given as written, without surrounding spaces", async () => {
    const ds = await read("UPN, 2025-02-30 AM \nA1,/");
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", value: "2025-02-30 AM", column: "B" })]);
  });

  test("other headers are pass-through pupil columns, not problems", async () => {
    const ds = await read("UPN,Notes,Tutor,House,2025-01-14 AM\nA1,\"Lives with gran, Tues\",Mr X,Red,/");
    expect(ds.problems).toEqual([]);
    expect(ds.extraColumns).toEqual(["Notes", "Tutor", "House"]);
    expect(ds.pupils[0].extra).toEqual({ Notes: "Lives with gran, Tues", Tutor: "Mr X", House: "Red" });
  });

  test("a session given twice in a wide file: the second column is reported and left out", async () => {
    const ds = await read("UPN,2025-01-14 AM,14/01/2025 AM\nA1,/,O");
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "duplicate-session", session: "2025-01-14 AM", column: "C" })]);
    expect(analyse(ds).pupils[0]).toMatchObject({ possibleSessions: 1, attendedSessions: 1 });
  });
});

describe("file shape (contract §1)", () => {
  test("headers are matched case-insensitively with spaces trimmed; DD/MM/YYYY sessions; columns out of date order", async () => {
    const ds = await read(" upn ,SURNAME, Year ,14/01/2025 PM,2025-01-13 AM\nA1,Khan,9,O,/");
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-14 PM"]);
    expect(ds.pupils[0].details).toEqual({ surname: "Khan", year: "9" });
    expect(analyse(ds).pupils[0]).toMatchObject({ attendedSessions: 1, unauthorisedAbsenceSessions: 1 });
  });

  test("a UTF-8 byte-order mark and CRLF line ends", async () => {
    const ds = await read(`\uFEFF${H}\r\nA1,Zoë,/,/,/\r\n`);
    expect(ds.pupils[0]).toMatchObject({ upn: "A1", details: { surname: "Zoë" } });
    expect(ds.sessions).toHaveLength(3);
  });

  test("RFC 4180 quoting: commas, quotes and line breaks inside a field", async () => {
    const ds = await read(`UPN,Notes,2025-01-13 AM\nA1,"Said ""hello"", then
left",/\nB2,x,O`);
    expect(ds.pupils.map((p) => p.extra.Notes)).toEqual(['Said "hello", then\nleft', "x"]);
    expect(analyse(ds).pupils[1].unauthorisedAbsenceSessions).toBe(1);
  });

  test("header only: no pupils, no problems", async () => {
    const ds = await read(`${H}\n`);
    expect(ds.pupils).toEqual([]);
    expect(analyse(ds).summary.pupils).toBe(0);
  });

  test("UTF-16 with a byte-order mark (Excel's Unicode text)", async () => {
    const text = `UPN,Surname,2025-01-13 AM\nA1,Zoë,/`;
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff;
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect((await read(bytes)).pupils[0].details.surname).toBe("Zoë");
  });

  test("Windows-1252 (Excel's plain CSV on Windows) is read, not garbled", async () => {
    const bytes = enc("UPN,Surname,2025-01-13 AM\nA1,Zo?,/");
    bytes[bytes.indexOf(0x3f)] = 0xeb; // ë in Windows-1252
    expect((await read(bytes)).pupils[0].details.surname).toBe("Zoë");
  });

  test("a long file and a wide file with the same marks give identical results; MORNING/AFTERNOON and DD/MM/YYYY dates", async () => {
    const wide = await read("UPN,2025-01-13 AM,2025-01-13 PM,2025-01-14 AM\nA1,/,N,O\nB2,L,\\,I");
    const long = await read(["UPN,Date,Session,Mark", "A1,13/01/2025,morning,/", "A1,2025-01-13,AFTERNOON,N", "B2,2025-01-13,AM,L", "A1,2025-01-14,AM,O", "B2,2025-01-13,PM,\\", "B2,14/01/2025,Morning,I"].join("\n"));
    expect(long.layout).toBe("long");
    expect(analysisJson(analyse(long)).pupils).toEqual(analysisJson(analyse(wide)).pupils);
  });

  test("long file: a session given twice is duplicate-session (the first counts); a bad date names its row", async () => {
    const ds = await read(["UPN,Date,Session,Mark", "A1,2025-01-13,AM,/", "A1,2025-01-13,AM,O", "A1,2025-13-45,PM,/", ",2025-01-14,AM,/"].join("\n"));
    expect(ds.problems.map((p) => [p.kind, p.row])).toEqual([
      ["duplicate-session", 3],
      ["bad-session-header", 4],
      ["missing-upn", 5],
    ]);
    expect(ds.problems[0]).toMatchObject({ upn: "A1", session: "2025-01-13 AM", value: "O" });
    expect(analyse(ds).pupils[0]).toMatchObject({ possibleSessions: 1, attendedSessions: 1 });
  });
});

describe("fatal errors (contract §4: no UPN column, or not CSV/XLSX): one plain sentence", () => {
  test("an empty file", async () => {
    await fatal("");
    await expect(readMarksBytes(enc("  \n \n"))).rejects.toThrow(/empty/);
  });
  test("no UPN column", () => expect(readMarksBytes(enc("Pupil,2025-01-13 AM\nA1,/"))).rejects.toThrow(/no UPN column/));
  test("a semicolon-separated file says so", () => expect(readMarksBytes(enc("UPN;Surname;2025-01-13 AM\nA1;Khan;/"))).rejects.toThrow(/semicolons/));
  test("a tab-separated file says so", () => expect(readMarksBytes(enc("UPN\tSurname\t2025-01-13 AM\nA1\tKhan\t/"))).rejects.toThrow(/tabs/));
  test("binary data", () => expect(readMarksBytes(new Uint8Array([0x00, 0x01, 0x02, 0x55, 0x50, 0x4e]))).rejects.toThrow(/not a CSV or Excel file/));
  test("a PDF", () => expect(readMarksBytes(enc("%PDF-1.7\n..."))).rejects.toThrow(/PDF/));
  test("an old .xls workbook", () => expect(readMarksBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).rejects.toThrow(/\.xls/));
  test("a zip that is not a workbook", () => expect(readMarksBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]))).rejects.toThrow(/not a CSV or Excel workbook/));
  test("an unclosed quotation mark", () => expect(readMarksBytes(enc('UPN,Notes\nA1,"oops\nB2,x'))).rejects.toThrow(/quotation mark/));
});
