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
    throw new FatalInputError("This is an old-style Excel .xls file. Open it in Excel and save it as an Excel Workbook (.xlsx) or as CSV UTF-8, then try again.");
  }
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) {
    throw new FatalInputError("This is a PDF, not a CSV or Excel file. Export the marks from your MIS as CSV or .xlsx.");
  }
  return "csv";
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

/**
 * Decode CSV bytes honestly: UTF-8 (with or without a byte-order mark), UTF-16 (with a BOM, or
 * without one when every other byte is zero), or Windows-1252 as Excel saves "CSV" on Windows;
 * anything else (Shift-JIS, damaged UTF-8, binary) is refused with a sentence rather than misread.
 */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), "utf-16le");
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), "utf-16be");
  const bomless = utf16WithoutBom(bytes.subarray(0, Math.min(bytes.length, 8192)));
  if (bomless) return decodeUtf16(bytes, bomless);
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
  if (text !== undefined) return text;
  // Not valid UTF-8: Excel's plain "CSV" on Windows writes Windows-1252 (names like Zoë).
  if (start === 0 && looksLikeWindows1252(bytes)) return new TextDecoder("windows-1252").decode(bytes);
  throw new FatalInputError(
    "This file's text is in an encoding the toolkit cannot read with certainty (it is not UTF-8 or Windows-1252, or it is damaged). In Excel, save it as \"CSV UTF-8 (Comma delimited)\" and try again.",
  );
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
