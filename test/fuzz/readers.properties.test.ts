/**
 * fast-check properties of the new readers (issue 12, item 7): whatever the bytes, the .xlsx reader
 * and the text decoder either give a result or refuse with a FatalInputError (a plain sentence),
 * never another exception; and a workbook of any cell texts reads back exactly as written.
 */
import fc from "fast-check";
import { FatalInputError } from "../../src/engine/dataset";
import { decodeText } from "../../src/files/decode";
import { openWorkbook } from "../../src/files/xlsx";
import { spreadsheetText } from "../../src/files/spreadsheet-text";
import { sheetData, workbook } from "./hostile";

const onlyFatal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (!(e instanceof FatalInputError)) throw e;
  }
};

test("any bytes after a zip signature: read or refused in words", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4000 }), (tail) => {
      onlyFatal(() => openWorkbook(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail])).sheets.forEach((s, _i, all) => all.length && openWorkbook(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...tail])).readSheet(s.name)));
    }),
    { numRuns: 300 },
  );
});

test("a real workbook with bytes flipped: read or refused in words", () => {
  const good = workbook([{ name: "Marks", xml: sheetData([["UPN", "2025-09-08 AM"], ["A123456789012", "/"]]) }]);
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (flips) => {
      const bytes = good.slice();
      for (const [at, v] of flips) bytes[at] = v;
      onlyFatal(() => {
        const wb = openWorkbook(bytes);
        for (const s of wb.sheets) wb.readSheet(s.name);
      });
    }),
    { numRuns: 300 },
  );
});

test("any cell texts read back exactly as written (XML escaping, entities, surrogate pairs)", () => {
  const text = fc.string({ unit: "grapheme", maxLength: 30 }).map((s) => s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\r]/g, ""));
  fc.assert(
    fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 2, maxLength: 6 }), (rows) => {
      const header = rows[0].map((h, i) => `H${i}${h}`);
      const grid = openWorkbook(workbook([{ name: "S", xml: sheetData([header, ...rows.slice(1)]) }])).readSheet("S");
      expect(grid.header).toEqual(header);
      const trimEnd = (r: string[]) => {
        const out = [...r];
        while (out.length && out[out.length - 1] === "") out.pop();
        return out;
      };
      const kept = rows.slice(1).filter((r) => r.length > 0);
      expect(grid.rows.map(trimEnd)).toEqual(kept.map(trimEnd));
    }),
    { numRuns: 200 },
  );
});

test("any bytes as text: decoded or refused in words", () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => onlyFatal(() => decodeText(b))), { numRuns: 500 });
});

test("the spreadsheet guard: nothing it returns begins a formula", () => {
  fc.assert(fc.property(fc.string(), (s) => expect(/^[=@\t\r\n]|^[+-]./.test(spreadsheetText(s))).toBe(false)));
});
