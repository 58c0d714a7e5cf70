/**
 * The CSV record reader (issue 12, items 2 and 3): RFC 4180 as papaparse reads it, one record at a
 * time; the marks reader takes its rows as they come (a big export is never held as a grid), and
 * `analyse --json` is written as it goes.
 */
import fc from "fast-check";
import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FatalInputError } from "../../src/engine/dataset";
import { arrayRows, readMarksGrid, RowSource, StreamedGrid } from "../../src/import/grid";
import { analyse } from "../../src/engine/analyse";
import { analysisJson, writeAnalysisJson } from "../../src/engine/output";
import { csvTextToGrid, csvTextToRows } from "../../src/files/csv";
import { forEachCsvRecord } from "../../src/files/csv-rows";
import { readMarksBytes } from "../../src/files/read-file";

const records = (text: string) => {
  const out: string[][] = [];
  forEachCsvRecord(text, (cells) => void out.push(cells));
  return out;
};

describe("RFC 4180 records", () => {
  test("quoted fields hold commas, line breaks and doubled quotes", () => {
    expect(records('UPN,Name\r\nA1,"Khan, Aisha"\r\nA2,"two\nlines"\r\nA3,"say ""hi"""\r\n')).toEqual([
      ["UPN", "Name"],
      ["A1", "Khan, Aisha"],
      ["A2", "two\nlines"],
      ["A3", 'say "hi"'],
    ]);
  });

  test("a stray quote is kept as typed; spaces after a closing quote are dropped; CR alone ends a record", () => {
    expect(records('a,b"c\r"d"e",f\n"g"  ,h')).toEqual([["a", 'b"c'], ['d"e', "f"], ["g", "h"]]);
  });

  test("a final line break is not one more record, a final comma is one more empty field, a blank line is one empty cell", () => {
    expect(records("a,b\n")).toEqual([["a", "b"]]);
    expect(records("a,b,")).toEqual([["a", "b", ""]]);
    expect(records("a\n\nb")).toEqual([["a"], [""], ["b"]]);
  });

  test("an unclosed quotation mark is fatal, naming the row where it opens", () => {
    expect(() => records('UPN,Name\nA1,Khan\nA2,"Ali\nA3,Bell\n')).toThrow(FatalInputError);
    expect(() => records('UPN,Name\nA1,Khan\nA2,"Ali\nA3,Bell\n')).toThrow(/never closed \(row 3\)/);
  });

  test("reading stops when the callback says so", () => {
    const seen: number[] = [];
    forEachCsvRecord("a\nb\nc\nd", (_c, i) => {
      seen.push(i);
      return i < 1;
    });
    expect(seen).toEqual([0, 1]);
  });

  // papaparse (the reader before this one, kept as the test's oracle) reads any well-formed file the same.
  test("property: the same records as papaparse for any cells, quoted where needed, LF or CRLF", () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("", ",", '"', "\n", '""', " a ", "x,y", 'q"q'));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), fc.constantFrom("\n", "\r\n"), fc.boolean(), (cellRows, newline, long) => {
        // Long lines (a wide export's) take the native split when they hold no quote: both paths are checked.
        const rows = long ? cellRows.map((r) => ["x".repeat(300), ...r]) : cellRows;
        // A record of one empty cell is a blank line, which papaparse also reads as [""].
        const text = Papa.unparse(rows, { newline, quotes: false });
        const expected = Papa.parse<string[]>(text, { delimiter: ",", newline }).data;
        expect(records(text)).toEqual(expected.length > 0 && expected[expected.length - 1].join("") === "" && text.endsWith(newline) ? expected.slice(0, -1) : expected);
      }),
      { numRuns: 400 },
    );
  });
});

describe("the marks reader takes rows as they come", () => {
  /** Rows made on each pass, never held, with the number of passes and of rows handed out counted. */
  function generated(count: number, row: (i: number) => string[]): RowSource & { passes: number; handed: number } {
    const source = {
      passes: 0,
      handed: 0,
      each(fn: (cells: string[], index: number) => boolean | void, from = 0) {
        source.passes++;
        for (let i = from; i < count; i++) {
          source.handed++;
          if (fn(row(i), i) === false) return;
        }
      },
    };
    return source;
  }
  const sessions = ["2025-09-08 AM", "2025-09-08 PM", "2025-09-09 AM", "2025-09-09 PM"];
  const codes = ["/", "\\", "N", "O", "I", "U", "L", "M"];
  const upn = (i: number) => `A${String(i).padStart(12, "0")}`;

  test("a wide file: the same dataset as the whole grid, in one pass over the rows after the header search", () => {
    const n = 5000;
    const row = (i: number) => [upn(i), `Name${i}`, ...sessions.map((_, s) => codes[(i + s) % codes.length])];
    const header = ["UPN", "Surname", ...sessions];
    const source = generated(n, row);
    const streamed = readMarksGrid({ header, rows: source } as StreamedGrid);
    const whole = readMarksGrid({ header, rows: Array.from({ length: n }, (_, i) => row(i)) });
    expect(streamed).toEqual(whole);
    // The header search reads the first rows; the data is then read once (and a first row checked).
    expect(source.handed).toBeLessThan(n * 1.1);
  });

  test("a long file: the same dataset as the whole grid, each row read at most twice", () => {
    const n = 8000;
    const row = (i: number) => {
      const p = Math.floor(i / 4);
      const s = sessions[i % 4];
      return [upn(p), s.slice(0, 10), s.slice(11), codes[(p + i) % codes.length]];
    };
    const header = ["UPN", "Date", "Session", "Mark"];
    const source = generated(n, row);
    const streamed = readMarksGrid({ header, rows: source } as StreamedGrid);
    expect(streamed).toEqual(readMarksGrid({ header, rows: arrayRowsToArray(n, row) }));
    expect(streamed.pupils).toHaveLength(n / 4);
    expect(source.handed).toBeLessThan(n * 2.1);
  });

  const arrayRowsToArray = (n: number, row: (i: number) => string[]) => Array.from({ length: n }, (_, i) => row(i));

  test("a long file's repeated session and bad code are reported as before (compact store of marks)", () => {
    const text = "UPN,Date,Session,Mark\nA1,2025-09-08,AM,/\nA2,2025-09-08,AM,ZZ\nA1,2025-09-08,AM,N\nA1,2025-09-08,PM,\\\n";
    const ds = readMarksGrid(csvTextToRows(text));
    expect(ds.problems.map((p) => [p.kind, p.row])).toEqual([
      ["unknown-code", 3],
      ["duplicate-session", 4],
    ]);
    expect(ds.problems[1].message).toMatch(/Row 4 gives a second mark for 2025-09-08 AM; row 2 already has this session/);
    expect(ds).toEqual(readMarksGrid(csvTextToGrid(text)));
  });

  test("arrayRows reads from an index and stops on false", () => {
    const seen: number[] = [];
    arrayRows([["a"], ["b"], ["c"], ["d"]]).each((_c, i) => {
      seen.push(i);
      return i < 2;
    }, 1);
    expect(seen).toEqual([1, 2]);
  });
});

describe("analyse --json written as it goes", () => {
  const sample = readFileSync(join(__dirname, "../vectors/basic.csv"));

  test("the same text as the whole document, one pupil a piece, without keeping the pupils", async () => {
    const { dataset } = await readMarksBytes(sample);
    const whole = JSON.stringify(analysisJson(analyse(dataset)));
    const parts: string[] = [];
    const rest = writeAnalysisJson(dataset, {}, (t) => void parts.push(t));
    expect(parts.join("")).toBe(whole);
    // No piece holds more than one pupil: nothing of many pupils is joined in memory.
    expect(parts.filter((t) => t.includes('"upn"')).every((t) => t.split('"upn"').length === 2)).toBe(true);
    expect("pupils" in rest).toBe(false);
    expect(rest.summary).toEqual(analyse(dataset).summary);
  });

  test("the bundled sample's groups and summary are those of the whole analysis", async () => {
    const { dataset } = await readMarksBytes(readFileSync(join(__dirname, "../../samples/sample-marks.csv")));
    const parts: string[] = [];
    writeAnalysisJson(dataset, { asOf: "2026-01-16" }, (t) => void parts.push(t));
    expect(parts.join("")).toBe(JSON.stringify(analysisJson(analyse(dataset, { asOf: "2026-01-16" }))));
  });
});
