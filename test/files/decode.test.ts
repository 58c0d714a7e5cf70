/**
 * Text encodings detected honestly (issue 12): UTF-8, UTF-16 with or without a byte-order mark,
 * Windows-1252; Shift-JIS, damaged UTF-8 and binary data anywhere in the file refused with a
 * sentence. On the old code: binary after the first 8 KB was read as pupils, Shift-JIS and damaged
 * UTF-8 were read as Windows-1252 without a word, and UTF-16 without a BOM was called binary.
 */
import { FatalInputError } from "../../src/engine/dataset";
import { decodeText } from "../../src/files/decode";
import { csvField } from "../../src/files/csv";
import { utf8, windows1252 } from "../helpers/wide";

const CSV = "UPN,Surname,Forename,2025-09-08 AM\nA123456789012,Brontë,Zoë,/\n";

function utf16(s: string, le: boolean): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i * 2 + (le ? 0 : 1)] = c & 0xff;
    out[i * 2 + (le ? 1 : 0)] = c >> 8;
  }
  return out;
}

const refused = (bytes: Uint8Array, re: RegExp) => {
  let err: unknown;
  try {
    decodeText(bytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(FatalInputError);
  expect((err as Error).message).toMatch(re);
};

test("UTF-8 and Windows-1252 (Excel's plain CSV on Windows) are read", () => {
  expect(decodeText(utf8(CSV))).toBe(CSV);
  expect(decodeText(windows1252(CSV))).toBe(CSV);
  expect(decodeText(windows1252("UPN,Surname\nA1,Gößmann\nA2,Müßig\n"))).toContain("Gößmann");
});

test("UTF-16 without a byte-order mark, little- and big-endian, is text, not binary", () => {
  expect(decodeText(utf16(CSV, true))).toBe(CSV);
  expect(decodeText(utf16(CSV, false))).toBe(CSV);
});

test("Shift-JIS is refused with a sentence, not read as Windows-1252", () => {
  // "UPN,氏名\nA1,山田太郎" in Shift-JIS.
  const sjis = Uint8Array.from([0x55, 0x50, 0x4e, 0x2c, 0x8e, 0x81, 0x96, 0xbc, 0x0a, 0x41, 0x31, 0x2c, 0x8e, 0x52, 0x93, 0x63, 0x91, 0xbe, 0x98, 0x59, 0x0a]);
  refused(sjis, /encoding the toolkit cannot read with certainty/);
  const gbkLike = Uint8Array.from([...utf8("UPN,Name\nA1,"), 0xc9, 0xbd, 0xcc, 0xef, 0xcc, 0xab, 0xc0, 0xc9, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
  refused(gbkLike, /cannot read with certainty/);
});

test("binary data after the first 8 KB is refused, not read as pupils", () => {
  const text = utf8(CSV.repeat(200));
  const bytes = new Uint8Array(text.length + 4096);
  bytes.set(text);
  for (let i = text.length; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
  expect(text.length).toBeGreaterThan(8192);
  refused(bytes, /binary data/);
});

test("a UTF-8 byte-order mark with damaged UTF-8 after it and no good character is refused (it claimed to be UTF-8), naming the row", () => {
  refused(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("UPN\nA1,"), 0xff, 0x0a]), /cannot read with certainty.*on row 2/);
});

test("CSV outputs guard text against formula injection (the one guard), leaving marks such as '-' alone", () => {
  expect(csvField("=1+1")).toBe("'=1+1");
  expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
  expect(csvField("-")).toBe("-");
  expect(csvField("+")).toBe("+");
  expect(csvField(-3)).toBe("-3");
});
