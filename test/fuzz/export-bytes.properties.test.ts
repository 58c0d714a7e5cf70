/**
 * Issue 21, properties of the bytes-to-rows readers: quote placement (papaparse, the reader before,
 * is the oracle: the reader differs from it only where it reports a problem) and encodings mixed per
 * row (UTF-8 rows read exactly, every Windows-1252 row among them named, never a whole file
 * re-decoded).
 */
import fc from "fast-check";
import Papa from "papaparse";
import { FatalInputError } from "../../src/engine/dataset";
import { forEachCsvRecord, TextProblems } from "../../src/files/csv-rows";
import { csvBytesToGrid } from "../../src/files/csv";
import { decodeCsvBytes } from "../../src/files/decode";

/** Records and the rows (header = 1) reported as damaged, or the fatal sentence. */
function read(text: string): { records: string[][]; rows: number[] } | { fatal: string } {
  const records: string[][] = [];
  const found = new TextProblems();
  try {
    forEachCsvRecord(text, (cells) => void records.push(cells), 0, found.badQuotes);
  } catch (e) {
    if (e instanceof FatalInputError) return { fatal: e.message };
    throw e;
  }
  return { records, rows: found.list.map((p) => p.row!) };
}

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ]{0,6}[A-Za-z0-9]$|^[A-Za-z0-9]$/);

describe("quote placement", () => {
  test("a quote closing mid-cell on any rows: each is reported on its row, read as typed, and no row is swallowed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 3, maxLength: 5 }), { minLength: 2, maxLength: 12 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), word, word)),
        fc.constantFrom("\n", "\r\n"),
        (rows, damage, newline) => {
          const width = Math.min(...rows.map((r) => r.length));
          const grid = rows.map((r) => r.slice(0, width));
          const bad = new Map<number, number>();
          for (const [r, c, x, y] of damage) {
            const row = r % grid.length;
            if (bad.has(row)) continue;
            const col = c % width;
            // `"Smith" Jr`: the quote closes, then more of the cell follows.
            grid[row][col] = `"${x}"${y.startsWith(" ") ? y : `X${y}`}`;
            bad.set(row, col);
          }
          const text = grid.map((r) => r.join(",")).join(newline) + newline;
          const got = read(text);
          if ("fatal" in got) throw new Error(got.fatal);
          expect(got.records).toEqual(grid);
          expect(got.rows).toEqual([...bad.keys()].sort((a, b) => a - b).map((r) => r + 1));
          // papaparse reports the first of them on the same row (its later rows shift as it runs on).
          const oracle = Papa.parse<string[]>(text, { delimiter: ",", newline }).errors.filter((e) => e.code === "InvalidQuotes");
          if (bad.size > 0) expect(oracle[0].row! + 1).toBe(got.rows[0]);
          else expect(oracle).toEqual([]);
        },
      ),
      { numRuns: 400 },
    );
  });

  test("quotes anywhere: read as papaparse reads it, unless a problem is reported; never another error", () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(word, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }),
        (rows, quotes) => {
          const cells = rows.map((r) => [...r]);
          for (const [r, c, at] of quotes) {
            const row = cells[r % cells.length];
            const i = c % row.length;
            const k = at % (row[i].length + 1);
            row[i] = `${row[i].slice(0, k)}"${row[i].slice(k)}`;
          }
          const text = cells.map((r) => r.join(",")).join("\n") + "\n";
          const got = read(text);
          const oracle = Papa.parse<string[]>(text, { delimiter: "," });
          if ("fatal" in got) {
            // Never closed: papaparse too finds no end to the quote.
            expect(oracle.errors.some((e) => e.code === "MissingQuotes")).toBe(true);
            return;
          }
          if (got.rows.length > 0) return;
          const data = oracle.data.length > 0 && oracle.data[oracle.data.length - 1].join("") === "" ? oracle.data.slice(0, -1) : oracle.data;
          expect(oracle.errors.filter((e) => e.code === "InvalidQuotes")).toEqual([]);
          expect(got.records).toEqual(data);
        },
      ),
      { numRuns: 600 },
    );
  });
});

describe("encodings mixed per row", () => {
  // Names whose letters outside ASCII stand alone (as in real names), in Windows-1252 where they can be.
  const NAMES = ["Zoë", "José", "Müller", "O’Brien", "Renée", "Ábel", "Smith", "Ødegaard", "Françoise", "Šimek"];
  const W1252: Record<string, number> = { ë: 0xeb, é: 0xe9, ü: 0xfc, "’": 0x92, Á: 0xc1, Ø: 0xd8, ç: 0xe7, Š: 0x8a };
  const as1252 = (s: string) => Uint8Array.from([...s].map((c) => W1252[c] ?? c.charCodeAt(0)));
  const asUtf8 = (s: string) => new TextEncoder().encode(s);
  const nonAscii = (s: string) => /[^\x00-\x7f]/.test(s);

  test("UTF-8 rows read exactly; Windows-1252 rows among them are named, their letters replaced, the rest of the row read", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...NAMES), fc.boolean()), { minLength: 1, maxLength: 15 }), (rows) => {
        const header = asUtf8("UPN,Name\n");
        const lines = rows.map(([name, cp], i) => {
          const body = `A${i},${name}\n`;
          return cp ? as1252(body) : asUtf8(body);
        });
        const bytes = new Uint8Array([...header, ...lines.flatMap((l) => [...l])]);
        const utf8Chars = rows.filter(([n, cp]) => !cp && nonAscii(n)).length;
        const damagedRows = rows.map(([n, cp], i) => (cp && nonAscii(n) ? i + 2 : 0)).filter(Boolean);
        let grid;
        try {
          grid = csvBytesToGrid(bytes);
        } catch (e) {
          // More damage than good UTF-8: refused, naming the first damaged row.
          expect(e).toBeInstanceOf(FatalInputError);
          expect((e as Error).message).toContain(`on row ${damagedRows[0]}`);
          return;
        }
        // Every row is a row: no pupil is lost or joined to another.
        expect(grid.rows.map((r) => r[0])).toEqual(rows.map((_, i) => `A${i}`));
        if (utf8Chars === 0) {
          // No UTF-8 character at all: a Windows-1252 file (or plain ASCII), read by the project's table.
          expect(grid.rows.map((r) => r[1])).toEqual(rows.map(([n]) => n));
          expect(grid.problems).toBeUndefined();
          return;
        }
        rows.forEach(([name, cp], i) => {
          const cell = grid.rows[i][1];
          if (!cp || !nonAscii(name)) expect(cell).toBe(name);
          else expect(cell).toBe([...name].map((c) => (nonAscii(c) ? "\uFFFD" : c)).join(""));
        });
        expect((grid.problems ?? []).map((p) => p.row)).toEqual(damagedRows);
        expect(decodeCsvBytes(bytes).replaced).toBe(damagedRows.length > 0);
      }),
      { numRuns: 400 },
    );
  });
});
