/**
 * Turning a file's bytes into text, or saying plainly why it is not a CSV file. Works on Uint8Array
 * so the same code runs in Node (command line) and in the browser (task panes).
 */
import { FatalInputError } from "../engine/dataset";

export type FileKind = "xlsx" | "csv";

const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

/** What the bytes are, by content rather than by the file name's extension. */
export function sniffFile(bytes: Uint8Array): FileKind {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return "xlsx";
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    // Excel saves a password-protected workbook (.xlsx too) encrypted inside the old container format.
    const names = compoundFileNames(bytes);
    if (names.includes("EncryptionInfo") || names.includes("EncryptedPackage")) {
      throw new FatalInputError("This workbook is password-protected (encrypted), so it cannot be read. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, and clear it), save it and try again.");
    }
    throw new FatalInputError("This is an old-style Excel .xls file. Open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then try again.");
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new FatalInputError("This is a PDF, not a CSV or Excel file. Export the marks from your MIS as CSV or .xlsx.");
  }
  return "csv";
}

/**
 * The names in a compound file's directory (the container of old .xls files and of encrypted
 * workbooks), read from its header and allocation table; an empty list if they cannot be read.
 * Bounded: at most 256 directory sectors are followed.
 */
export function compoundFileNames(bytes: Uint8Array): string[] {
  if (bytes.length < 512) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return [];
  const size = 1 << shift;
  const sectorAt = (n: number) => (n + 1) * size;
  // The allocation table's sectors: the first 109 are listed in the header (enough for a 7 MB file at 512-byte sectors).
  const fatSectors: number[] = [];
  for (let k = 0; k < 109; k++) {
    const n = view.getUint32(0x4c + 4 * k, true);
    if (n >= 0xfffffffa) break;
    fatSectors.push(n);
  }
  const perSector = size / 4;
  const next = (n: number): number => {
    const fat = fatSectors[Math.floor(n / perSector)];
    if (fat === undefined) return 0xfffffffe;
    const at = sectorAt(fat) + 4 * (n % perSector);
    return at + 4 <= bytes.length ? view.getUint32(at, true) : 0xfffffffe;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let n = view.getUint32(0x30, true); n < 0xfffffffa && !seen.has(n) && seen.size < 256; n = next(n)) {
    seen.add(n);
    const start = sectorAt(n);
    for (let e = start; e + 128 <= Math.min(bytes.length, start + size); e += 128) {
      const length = Math.min(64, view.getUint16(e + 0x40, true));
      let name = "";
      for (let i = 0; i + 1 < length - 1; i += 2) name += String.fromCharCode(view.getUint16(e + i, true));
      if (name) names.push(name);
    }
  }
  return names;
}

const BINARY = "This file is not a CSV or Excel file (it holds binary data). Export the marks from your MIS as CSV or .xlsx.";

/** UTF-16 without a byte-order mark: text of Latin letters has a zero byte in every other place. */
function utf16WithoutBom(head: Uint8Array): "utf-16le" | "utf-16be" | null {
  const pairs = Math.floor(head.length / 2);
  if (pairs < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0 && head[i + 1] !== 0) evenZero++;
    if (head[i + 1] === 0 && head[i] !== 0) oddZero++;
  }
  if (oddZero > pairs * 0.6 && evenZero === 0) return "utf-16le";
  if (evenZero > pairs * 0.6 && oddZero === 0) return "utf-16be";
  return null;
}

/** Control characters other than tab and line ends (a CSV file may hold a few in names). */
const CONTROL = /[\x01-\x08\x0e-\x1f\x7f]/;

/** Binary data anywhere in the file (not only at its start): a run thick with control characters. */
function checkControlRuns(bytes: Uint8Array): void {
  const BLOCK = 8192;
  for (let start = 0; start < bytes.length; start += BLOCK) {
    const end = Math.min(bytes.length, start + BLOCK);
    let controls = 0;
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      if (b < 9 || (b > 13 && b < 32) || b === 127) controls++;
    }
    if (controls > (end - start) / 20) throw new FatalInputError(BINARY);
  }
}

/**
 * Whether bytes that are not UTF-8 read honestly as Windows-1252: none of its five unassigned bytes,
 * and accented letters mostly alone (Zoë, Gößmann), not in the long runs of two-byte encodings such as
 * Shift-JIS or GBK.
 */
function looksLikeWindows1252(bytes: Uint8Array): boolean {
  let high = 0;
  let inRuns = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d) return false;
    high++;
    if ((i > 0 && bytes[i - 1] >= 0x80) || (i + 1 < bytes.length && bytes[i + 1] >= 0x80)) inRuns++;
  }
  return high < 8 || inRuns / high < 0.6;
}

/** A file's text, and whether bytes that were not text were replaced by U+FFFD (each such row is then reported). */
export interface DecodedText {
  text: string;
  replaced: boolean;
}

/**
 * Decode CSV bytes honestly: UTF-8 (with or without a byte-order mark), UTF-16 (with a BOM, or
 * without one when every other byte is zero), or Windows-1252 as Excel saves "CSV" on Windows;
 * anything else (Shift-JIS, binary) is refused with a sentence rather than misread.
 *
 * A UTF-8 file with a few damaged bytes (a name pasted from a Windows-1252 file) is read as UTF-8
 * with only those bytes replaced, and `replaced` says so, so that each row holding one is listed: it
 * is never decoded again as a whole in Windows-1252, which would turn every accented letter of the
 * file into two (`Zoë` into `ZoÃ«`). Only a file with no UTF-8 character in it at all is read as
 * Windows-1252.
 */
export function decodeCsvBytes(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes.subarray(2), "utf-16le"), replaced: false };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes.subarray(2), "utf-16be"), replaced: false };
  const bomless = utf16WithoutBom(bytes.subarray(0, Math.min(bytes.length, 8192)));
  if (bomless) return { text: decodeUtf16(bytes, bomless), replaced: false };
  // Binary data anywhere in the file, not only at its start: a zero byte, or runs of control characters.
  if (bytes.indexOf(0) >= 0) throw new FatalInputError(BINARY);
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    text = undefined;
  }
  // The byte-by-byte look for runs of control characters only when the text holds one (a fast test).
  if (text === undefined || CONTROL.test(text)) checkControlRuns(bytes);
  if (text !== undefined) return { text, replaced: false };
  const utf8 = utf8Census(bytes, start);
  // Not UTF-8 at all: Excel's plain "CSV" on Windows writes Windows-1252 (names like Zoë, O’Brien).
  if (start === 0 && utf8.characters === 0 && looksLikeWindows1252(bytes)) return { text: decodeWindows1252(bytes), replaced: false };
  // UTF-8 with a few damaged bytes: only they are replaced, and each row holding one is reported.
  // Mostly UTF-8 (at least as many good characters as damaged bytes): another encoding is refused.
  if (utf8.characters > 0 && utf8.damaged <= utf8.characters) {
    return { text: new TextDecoder("utf-8").decode(bytes.subarray(start)), replaced: true };
  }
  throw new FatalInputError(
    `This file's text is in an encoding the toolkit cannot read with certainty (it is not UTF-8 or Windows-1252, or it is damaged; the first character that cannot be read is on row ${lineOf(bytes, utf8.firstDamaged).toLocaleString("en-GB")}). In Excel, save it as "CSV UTF-8 (Comma delimited)" and try again.`,
  );
}

/** The text of a CSV file's bytes (see decodeCsvBytes; damaged bytes, if any, are U+FFFD). */
export function decodeText(bytes: Uint8Array): string {
  return decodeCsvBytes(bytes).text;
}

/** The line (from 1) that byte `at` is on. */
function lineOf(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = bytes.indexOf(10); i >= 0 && i < at; i = bytes.indexOf(10, i + 1)) line++;
  return line;
}

/**
 * How many well-formed UTF-8 characters of two bytes or more the bytes hold, and how many bytes
 * cannot be UTF-8 (overlong forms and surrogates count as damaged, as the decoder treats them).
 */
export function utf8Census(bytes: Uint8Array, from = 0): { characters: number; damaged: number; firstDamaged: number } {
  let characters = 0;
  let damaged = 0;
  let firstDamaged = -1;
  const n = bytes.length;
  for (let i = from; i < n; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    let length = 0;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) low = 0xa0;
      else if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) low = 0x90;
      else if (b === 0xf4) high = 0x8f;
    }
    let ok = length > 0 && i + length <= n;
    if (ok) {
      const second = bytes[i + 1];
      ok = second >= low && second <= high;
      for (let k = 2; ok && k < length; k++) ok = bytes[i + k] >= 0x80 && bytes[i + k] <= 0xbf;
    }
    if (ok) {
      characters++;
      i += length - 1;
    } else {
      if (firstDamaged < 0) firstDamaged = i;
      damaged++;
    }
  }
  return { characters, damaged, firstDamaged };
}

/**
 * Windows-1252's characters for bytes 0x80-0x9F (0 where it has none). Decoded here rather than by
 * TextDecoder: Node 20.18.3 and later map these bytes to C1 control characters (nodejs/node#60888),
 * so the command line read `O’Brien` as `O\u0092Brien` where the browser read it right.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

/** Windows-1252 bytes to text, the same in Node and every browser (bytes 0xA0-0xFF are Latin-1's). */
export function decodeWindows1252(bytes: Uint8Array): string {
  const STEP = 8192;
  const units = new Uint16Array(STEP);
  const parts: string[] = [];
  for (let at = 0; at < bytes.length; at += STEP) {
    const n = Math.min(STEP, bytes.length - at);
    for (let k = 0; k < n; k++) {
      const b = bytes[at + k];
      // The five bytes Windows-1252 leaves unassigned are kept as their C1 code points (the WHATWG mapping).
      units[k] = b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH[b - 0x80] || b : b;
    }
    parts.push(String.fromCharCode.apply(null, n === STEP ? (units as unknown as number[]) : (units.subarray(0, n) as unknown as number[])));
  }
  return parts.join("");
}

function decodeUtf16(bytes: Uint8Array, encoding: "utf-16le" | "utf-16be"): string {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new FatalInputError("This file is UTF-16 text but damaged (an odd number of bytes or a broken character). Save it again as CSV UTF-8 and try again.");
  }
  if (text.indexOf("\u0000") >= 0) throw new FatalInputError(BINARY);
  return text;
}
