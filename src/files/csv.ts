/** CSV files (RFC 4180, comma-separated) to a grid of cells, or to rows read as they are needed. */
import { Grid, StreamedGrid } from "../import/grid";
import { FatalInputError } from "../engine/dataset";
import { decodeCsvBytes } from "./decode";
import { spreadsheetText } from "./spreadsheet-text";
import { CsvRows, csvStart, forEachCsvRecord, TextProblems } from "./csv-rows";

function checkNotEmpty(text: string): void {
  // Only the start is looked at: a big file is not copied to be trimmed.
  if (/^\s*$/.test(text.slice(0, 4096)) && text.trim() === "") {
    throw new FatalInputError("The file is empty: it needs a header row with a UPN column and a row for each pupil.");
  }
}

/** The whole file as a grid, for stores that keep and change its cells (a tracker's sheets, a pupil list). */
export function csvTextToGrid(text: string, replaced = false): Grid {
  checkNotEmpty(text);
  // The contract's files are comma-separated; a semicolon file is caught by the missing UPN column
  // with a message that says why.
  const data: string[][] = [];
  const found = new TextProblems(replaced);
  forEachCsvRecord(
    text,
    (cells, i) => {
      found.check(cells, i);
      data.push(cells);
    },
    csvStart(text),
    found.badQuotes,
  );
  // A file ending in blank lines: they are not rows.
  while (data.length > 1 && data[data.length - 1].length === 1 && data[data.length - 1][0] === "") data.pop();
  const [header = [], ...rows] = data;
  return found.list.length ? { header, rows, problems: found.list } : { header, rows };
}

/**
 * The file's rows read from its text on each pass, never held as cells: for reading marks.
 * `replaced`: the decoder replaced bytes that were not text (each row holding one is reported).
 */
export function csvTextToRows(text: string, replaced = false): StreamedGrid {
  checkNotEmpty(text);
  const rows = new CsvRows(text, replaced);
  return { header: rows.header, rows, problems: rows.problems };
}

export function csvBytesToGrid(bytes: Uint8Array): Grid {
  const { text, replaced } = decodeCsvBytes(bytes);
  return csvTextToGrid(text, replaced);
}

export function csvBytesToRows(bytes: Uint8Array): StreamedGrid {
  const { text, replaced } = decodeCsvBytes(bytes);
  return csvTextToRows(text, replaced);
}

/** One CSV field, quoted where needed, and guarded against formula injection (text only). */
export function csvField(value: string | number | boolean | null | undefined): string {
  const s = value === null || value === undefined ? "" : typeof value === "string" ? spreadsheetText(value) : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
