/** Small builders shared by the file and command-line tests: CSV text, bytes, a capturing io, temp folders. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Io } from "../../src/cli/common";
import { formatIso, parseDate, weekday } from "../../src/engine/dates";

/** UTF-8 bytes of a string. */
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** UTF-16LE bytes with a byte-order mark, as Excel's "Unicode text" writes them. */
export function utf16le(s: string): Uint8Array {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) {
    out[2 + i * 2] = s.charCodeAt(i) & 0xff;
    out[3 + i * 2] = s.charCodeAt(i) >> 8;
  }
  return out;
}

/** Windows-1252 bytes of a string of Latin-1 characters (all the tests need). */
export function windows1252(s: string): Uint8Array {
  return Uint8Array.from(s, (ch) => {
    const c = ch.charCodeAt(0);
    if (c > 0xff) throw new Error(`not a Latin-1 character: ${ch}`);
    return c;
  });
}

/** Weekdays from `from` to `to` inclusive, YYYY-MM-DD. */
export function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = parseDate(from)!; d <= parseDate(to)!; d++) if (weekday(d) < 5) out.push(formatIso(d));
  return out;
}

/** AM and PM session labels of each day. */
export const sessionLabels = (days: string[]): string[] => days.flatMap((d) => [`${d} AM`, `${d} PM`]);

/** A wide CSV: header and rows joined with commas (no quoting: callers pass plain cells). */
export const wideCsv = (header: string[], rows: string[][], eol = "\n"): string => [header, ...rows].map((r) => r.join(",")).join(eol) + eol;

/** A long CSV of the same marks as a wide one: one row a non-empty mark, pupil columns repeated. */
export function longCsvFromWide(header: string[], rows: string[][], sessionFrom: number, order: "pupil" | "session" = "pupil"): string {
  const pupilHeaders = header.slice(0, sessionFrom);
  const lines = [[...pupilHeaders, "Date", "Session", "Mark"].join(",")];
  const line = (row: string[], c: number) => {
    if ((row[c] ?? "") === "") return;
    const [date, half] = header[c].split(" ");
    lines.push([...row.slice(0, sessionFrom), date, half, row[c]].join(","));
  };
  if (order === "pupil") {
    for (const row of rows) for (let c = sessionFrom; c < header.length; c++) line(row, c);
  } else {
    for (let c = sessionFrom; c < header.length; c++) for (const row of rows) line(row, c);
  }
  return lines.join("\n") + "\n";
}

/** An io that keeps what the command line writes. */
export function captureIo(): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (s) => void (out += s),
    stderr: (s) => void (err += s),
    out: () => out,
    err: () => err,
  };
}

/** A temporary folder, made in beforeAll and removed in afterAll. */
export function tempDirFixture(prefix: string): () => string {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}
