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

/** Excel on the web refuses requests or responses over 5 MB; stay well under it. */
export const MAX_REQUEST_BYTES = 2_500_000;

/** Rough JSON size of a row, to pack writes under the payload limit without serialising twice. */
export function rowBytes(row: readonly Cell[]): number {
  let n = 2;
  for (const c of row) n += (typeof c === "string" ? c.length * 1.1 + 3 : 12) + 1;
  return n;
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
