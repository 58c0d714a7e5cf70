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

/** Decode CSV bytes: UTF-8 (with or without a byte-order mark), UTF-16 with a BOM, or Windows-1252 as Excel saves "CSV" on Windows. */
export function decodeText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  const head = bytes.subarray(0, Math.min(bytes.length, 8192));
  let controls = 0;
  for (const b of head) {
    if (b === 0) {
      throw new FatalInputError("This file is not a CSV or Excel file (it holds binary data). Export the marks from your MIS as CSV or .xlsx.");
    }
    if (b < 9 || (b > 13 && b < 32)) controls++;
  }
  if (controls > head.length / 20) {
    throw new FatalInputError("This file is not a CSV or Excel file (it holds binary data). Export the marks from your MIS as CSV or .xlsx.");
  }
  const start = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start));
  } catch {
    // Not valid UTF-8: Excel's plain "CSV" on Windows writes Windows-1252 (names like Zoë).
    return new TextDecoder("windows-1252").decode(bytes.subarray(start));
  }
}
