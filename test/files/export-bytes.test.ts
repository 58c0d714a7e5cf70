/**
 * Issue 21, bytes to rows: every export read right or refused with a sentence. A quote closing in
 * the middle of a cell, damaged UTF-8, Windows-1252 in Node, a header with no rows. Each file is made
 * here from a known register, and each test failed on the reader before this issue.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import { FatalInputError } from "../../src/engine/dataset";
import { readMarksGrid } from "../../src/import/grid";
import { csvBytesToGrid, csvTextToRows } from "../../src/files/csv";
import { decodeCsvBytes, decodeText, decodeWindows1252 } from "../../src/files/decode";
import { readMarksBytes } from "../../src/files/read-file";
import { XlsxReader } from "../../src/files/xlsx-reader";

const calc = spawnSync("sh", ["-c", "command -v soffice"]).status === 0 && existsSync("/usr/lib/libreoffice/program/libsclo.so");
if (!calc && process.env.CI) throw new Error("LibreOffice Calc is needed: .ci/run installs libreoffice-calc-nogui.");
if (!calc) console.warn("Skipping the LibreOffice Calc check of quotes: soffice or Calc is not installed.");

const HEADER = "UPN,Surname,Forename,2025-09-08 AM,2025-09-08 PM";
const utf8 = (s: string) => new TextEncoder().encode(s);
/** Text as Windows-1252 bytes (the characters used here are all in it). */
const cp1252 = (s: string) => {
  const table: Record<string, number> = { "’": 0x92, "‘": 0x91, "€": 0x80, "“": 0x93, "”": 0x94, "–": 0x96, "Š": 0x8a, "Ÿ": 0x9f };
  return Uint8Array.from([...s].map((c) => table[c] ?? c.charCodeAt(0)));
};
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe("a quote that closes in the middle of a cell", () => {
  // The file of "What was seen": papaparse ran on to the next closing quote, two pupils vanished.
  const file = [HEADER, 'A100000000001,"Smith" Jr,Amy,/,\\', "A100000000002,Jones,Bob,N,N", 'A100000000003,"Lee",Cara,/,/', "A100000000004,Khan,Dev,U,U", ""].join("\n");

  test("is a problem on its row, as papaparse reports it (InvalidQuotes)", async () => {
    const oracle = Papa.parse<string[]>(file, { delimiter: "," });
    const invalid = oracle.errors.filter((e) => e.code === "InvalidQuotes");
    expect(invalid.length).toBeGreaterThan(0);
    const { dataset } = await readMarksBytes(utf8(file));
    const damaged = dataset.problems.filter((p) => p.kind === "damaged-text");
    expect(damaged.map((p) => p.row)).toEqual([invalid[0].row! + 1]);
    expect(damaged[0].message).toMatch(/^Row 2, column B: a quotation mark closes in the middle of the cell/);
  });

  test("never swallows the next pupils: each keeps their own marks and name", async () => {
    const { dataset } = await readMarksBytes(utf8(file));
    expect(dataset.pupils.map((p) => p.upn)).toEqual(["A100000000001", "A100000000002", "A100000000003", "A100000000004"]);
    // Read as a spreadsheet reads it (LibreOffice Calc: the cell as typed, up to the comma).
    expect(dataset.pupils[0].details.surname).toBe('"Smith" Jr');
    expect(dataset.pupils[0].details.forename).toBe("Amy");
    expect(dataset.pupils[1].details.surname).toBe("Jones");
    expect(dataset.pupils[2].details.surname).toBe("Lee");
    // Amy: present, present; Bob: N, N (not Amy's).
    expect(Array.from(dataset.marks[1]).every((m) => m !== 0)).toBe(true);
    expect(Array.from(dataset.marks[1])).toEqual(Array.from(dataset.marks[3]).map(() => dataset.marks[1][0]));
  });

  test("a stray quote that the same line closes properly is kept as typed (O\"Neil)", () => {
    const grid = csvBytesToGrid(utf8(`${HEADER}\nA100000000001,"O"Neil",Amy,/,/\nA100000000002,Jones,Bob,/,/\n`));
    expect(grid.rows.map((r) => r[1])).toEqual(['O"Neil', "Jones"]);
    expect(grid.problems?.map((p) => [p.row, p.column])).toEqual([[2, "B"]]);
  });

  test("a quoted cell over two lines (an address) is still one cell, and no problem", () => {
    const grid = csvBytesToGrid(utf8(`${HEADER},Address\nA100000000001,Smith,Amy,/,/,"1 High St\nLeeds"\nA100000000002,Jones,Bob,/,/,x\n`));
    expect(grid.rows.map((r) => r[5])).toEqual(["1 High St\nLeeds", "x"]);
    expect(grid.problems).toBeUndefined();
  });

  test("a quote opened on one line and closed mid-cell on a later one does not join the lines", () => {
    const grid = csvBytesToGrid(utf8(`${HEADER}\nA100000000001,"Smith,Amy,/,/\nA100000000002,"Jones" x,Bob,/,/\n`));
    expect(grid.rows.map((r) => r[0])).toEqual(["A100000000001", "A100000000002"]);
    expect(grid.problems?.map((p) => p.row)).toEqual([2, 3]);
  });
});

(calc ? test : test.skip)("LibreOffice Calc reads every kind of misplaced quote as the reader does (one file, one conversion)", () => {
  const kinds = ['"Smith" Jr', '"O"Neil"', '"x"y"z', 'ab"cd"ef', '"Kim" "Jo"', '"a""b"', '"Lee"', 'plain', '"2 Main St"x'];
  const lines = ["K,N,M"];
  kinds.forEach((k, i) => lines.push(`R${i},${k},after${i}`));
  // A quote that opens a cell and never closes on its line, then a cell that closes mid-way. (Where a
  // cell's quote is still open at its line's end and a later line closes it, Calc runs on into the
  // next rows as papaparse does; the reader does not, by design, so that case is not compared.)
  lines.push('R98,"Open,tail', 'R99,"Mid" way,end');
  const dir = mkdtempSync(join(tmpdir(), "quotes-"));
  try {
    writeFileSync(join(dir, "q.csv"), `${lines.join("\n")}\n`);
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", dir, join(dir, "q.csv")], { encoding: "utf8", timeout: 180_000 });
    expect(r.status).toBe(0);
    const sheet = new XlsxReader(new Uint8Array(readFileSync(join(dir, "q.xlsx"))));
    const calcGrid = sheet.readSheet(sheet.sheets[0].name);
    const ours = csvBytesToGrid(utf8(`${lines.join("\n")}\n`));
    const trim = (row: string[]) => row.filter((c, i) => c !== "" || i < 2);
    expect(ours.rows.map(trim)).toEqual(calcGrid.rows.map(trim));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("encodings", () => {
  test("one stray Windows-1252 byte in a UTF-8 file: only that byte is replaced, and its row is named", async () => {
    // Zoë in UTF-8 on row 2; a pasted Windows-1252 "é" (0xE9) on row 3.
    const bytes = concat(utf8(`${HEADER}\nA100000000001,Zoë,Amy,/,/\nA100000000002,Ren`), Uint8Array.from([0xe9]), utf8(`e,Bob,/,/\n`));
    const { dataset } = await readMarksBytes(bytes);
    expect(dataset.pupils[0].details.surname).toBe("Zoë");
    expect(dataset.pupils[1].details.surname).toBe("Ren\uFFFDe");
    const damaged = dataset.problems.filter((p) => p.kind === "damaged-text");
    expect(damaged.map((p) => [p.row, p.column])).toEqual([[3, "B"]]);
    expect(damaged[0].message).toMatch(/^Row 3, column B: the file has bytes here that are not UTF-8 text/);
  });

  test("the same in the grid reader (a pupil list)", () => {
    const grid = csvBytesToGrid(concat(utf8("UPN,Name\nA1,Zoë\nA2,"), Uint8Array.from([0x92]), utf8("x\n")));
    expect(grid.rows.map((r) => r[1])).toEqual(["Zoë", "\uFFFDx"]);
    expect(grid.problems?.map((p) => p.row)).toEqual([3]);
  });

  test("a Windows-1252 file reads the same in Node as in a browser: O’Brien, not O\\u0092Brien", () => {
    const bytes = cp1252(`${HEADER}\nA100000000001,O’Brien,Zoë,/,/\nA100000000002,Šimek,“Bo”,/,/\n`);
    const { text, replaced } = decodeCsvBytes(bytes);
    expect(replaced).toBe(false);
    expect(text).toContain("O’Brien,Zoë");
    expect(text).toContain("Šimek,“Bo”");
    expect(text).not.toMatch(/[\u0080-\u009f]/);
  });

  test("the project's Windows-1252 table: every byte 0x80-0x9F as Windows-1252 defines it", () => {
    const expected = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";
    expect(decodeWindows1252(Uint8Array.from({ length: 32 }, (_, i) => 0x80 + i))).toBe(expected);
    expect(decodeWindows1252(Uint8Array.from({ length: 96 }, (_, i) => 0xa0 + i))).toBe(String.fromCharCode(...Array.from({ length: 96 }, (_, i) => 0xa0 + i)));
    // Longer than one step of the decoder.
    const long = new Uint8Array(20_000).fill(0x92);
    expect(decodeWindows1252(long)).toBe("’".repeat(20_000));
  });

  test("a file that is mostly damaged (another encoding) is refused, naming the row", () => {
    const sjis = concat(utf8(`${HEADER}\nA1,Zoë,A,/,/\n`), ...Array.from({ length: 40 }, () => Uint8Array.from([0x41, 0x2c, 0x82, 0xa0, 0x82, 0xa2, 0x0a])));
    expect(() => decodeText(sjis)).toThrow(FatalInputError);
    expect(() => decodeText(sjis)).toThrow(/first character that cannot be read is on row 3/);
  });
});

describe("a file with a header and no rows", () => {
  test("is refused with a sentence, not read as a school of 0 pupils", async () => {
    await expect(readMarksBytes(utf8(`${HEADER}\n`))).rejects.toThrow(/has a header row \(row 1\) but no pupil rows under it/);
    await expect(readMarksBytes(utf8(`${HEADER}\n,,,,\n\n`))).rejects.toThrow(FatalInputError);
  });

  test("a tracker's own sheets may still be empty (a new tracker)", () => {
    expect(readMarksGrid(csvTextToRows(`${HEADER}\n`), { requireSessions: false }).pupils).toEqual([]);
  });
});
