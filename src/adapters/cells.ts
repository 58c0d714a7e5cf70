/** Writing values into Excel safely and within its request limits. */
import { spreadsheetText } from "../files/spreadsheet-text";

/**
 * Text from files is written as text: a leading apostrophe stops Excel reading "=...", "+...",
 * "-..." or "@..." as a formula (the apostrophe is not part of the cell's value). The one guard,
 * shared with every other writer (src/files/spreadsheet-text.ts).
 */
export const asText = spreadsheetText;

export type Cell = string | number | boolean | null;

/** A row of cells ready for `range.values`: text guarded, nulls as empty. */
export function safeRow(row: readonly Cell[]): Array<string | number | boolean> {
  return row.map((c) => (c === null ? "" : typeof c === "string" ? asText(c) : c));
}

/**
 * Excel on the web refuses a request or response over 5 MB (and the add-in is asked to keep each
 * under 4 MB): every request is sized in bytes of UTF-8 JSON and kept to half that, which leaves
 * room for the protocol's own wrapping of each action.
 */
export const MAX_REQUEST_BYTES = 2_000_000;

const encoder = new TextEncoder();

/** Bytes of a value as it travels to or from Excel: UTF-8 JSON. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(JSON.stringify(value ?? null)).length;
}

/** Bytes of a row in a request (its JSON, with the comma that separates it from the next). */
export function rowBytes(row: readonly unknown[]): number {
  return jsonBytes(row) + 1;
}

/** Split rows into runs whose estimated size stays under `maxBytes`. */
export function chunkRows<T extends readonly Cell[]>(rows: readonly T[], maxBytes = MAX_REQUEST_BYTES): Array<{ start: number; rows: T[] }> {
  const out: Array<{ start: number; rows: T[] }> = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < rows.length; i++) {
    const b = rowBytes(rows[i]);
    if (i > start && size + b > maxBytes) {
      out.push({ start, rows: rows.slice(start, i) as T[] });
      start = i;
      size = 0;
    }
    size += b;
  }
  if (rows.length > start || out.length === 0) out.push({ start, rows: rows.slice(start) as T[] });
  return out;
}

/**
 * Cells to read per request. Marks are one or two characters, about 5 bytes each in the response;
 * 400,000 cells is about 2 MB, under the 5 MB limit with room for longer text.
 */
export const MAX_READ_CELLS = 400_000;

/** Row ranges to read a sheet of `rows` x `columns` in requests of at most `maxCells` cells. */
export function readChunks(rows: number, columns: number, maxCells = MAX_READ_CELLS): Array<{ start: number; count: number }> {
  const per = Math.max(1, Math.floor(maxCells / Math.max(1, columns)));
  const out: Array<{ start: number; count: number }> = [];
  for (let start = 0; start < rows; start += per) out.push({ start, count: Math.min(per, rows - start) });
  return out;
}
