/** CSV files (RFC 4180, comma-separated) to a grid of cells, with papaparse. */
import Papa from "papaparse";
import { Grid } from "../engine/grid";
import { FatalInputError } from "../engine/dataset";
import { decodeText } from "./decode";
import { spreadsheetText } from "./spreadsheet-text";

export function csvTextToGrid(text: string): Grid {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === "") {
    throw new FatalInputError("The file is empty: it needs a header row with a UPN column and a row for each pupil.");
  }
  // The contract's files are comma-separated; a semicolon file is caught by the missing UPN column
  // with a message that says why.
  const parsed = Papa.parse<string[]>(body, { delimiter: ",", skipEmptyLines: false });
  const unclosed = parsed.errors.find((e) => e.code === "MissingQuotes");
  if (unclosed) {
    throw new FatalInputError(
      `The file has a quotation mark that is never closed (row ${(unclosed.row ?? 0) + 1}), so the rows after it cannot be read. Correct the file and try again.`,
    );
  }
  const data = parsed.data;
  // papaparse gives a final [""] for a trailing line break.
  while (data.length > 1 && data[data.length - 1].length === 1 && data[data.length - 1][0] === "") data.pop();
  const [header = [], ...rows] = data;
  return { header, rows };
}

export function csvBytesToGrid(bytes: Uint8Array): Grid {
  return csvTextToGrid(decodeText(bytes));
}

/** One CSV field, quoted where needed, and guarded against formula injection (text only). */
export function csvField(value: string | number | boolean | null | undefined): string {
  const s = value === null || value === undefined ? "" : typeof value === "string" ? spreadsheetText(value) : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
