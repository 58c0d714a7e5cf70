/**
 * Adding rows to a table in a workbook other people may be editing at the same time (the actions
 * log, the weekly review, new pupils on the Marks sheet).
 *
 * Microsoft's co-authoring guidance: `TableRowCollection.add` causes merge conflicts between
 * co-authors; write `Range.values` into the row directly below the table instead, and the table
 * grows over it. The rows are placed below the table where it is when the write runs (the range is
 * got from the table in the same request), never at a row number read earlier, so another
 * person's row added in between is not overwritten. Each value goes in the column whose header
 * names it, from the table's own header, so a table with more (or fewer, or reordered) columns
 * than this version knows takes the rows as they are. What landed is read back in the same request
 * and compared with what was sent.
 *
 * Two syncs: the header and the rows below (which must be empty), then the write and read-back.
 */
import { asText, Cell } from "../cells";

/** One row to add: values by column header (matched ignoring case and spaces at the ends). */
export type RowByHeader = Readonly<Record<string, Cell | undefined>>;

export interface AppendedRows {
  /** The table's header as it was when the rows were written. */
  header: string[];
  /** The rows as they landed, in the table's column order (text as Excel holds it). */
  rows: unknown[][];
}

/** A cell's text without the apostrophe that keeps it text (Excel does not return it). */
const plain = (v: unknown) => String(v ?? "").replace(/^'/, "");
const key = (h: unknown) => String(h ?? "").trim().toLowerCase();

/** A row in the table's column order; text is written as text (no formulas, no dates from "7-1"). */
export function rowInHeaderOrder(header: readonly string[], record: RowByHeader): Array<string | number | boolean> {
  const at = new Map(header.map((h, i) => [key(h), i]));
  const row: Array<string | number | boolean> = header.map(() => "");
  for (const [name, value] of Object.entries(record)) {
    const i = at.get(key(name));
    if (i === undefined || value === undefined || value === null) continue;
    row[i] = typeof value === "string" ? asText(value) : value;
  }
  return row;
}

/**
 * Add `records` below `table`. `what` names the table for staff ("Actions", "Weekly review").
 * `sync` is the store's counted `context.sync`.
 */
export async function appendRows(table: Excel.Table, what: string, records: readonly RowByHeader[], sync: () => Promise<void>): Promise<AppendedRows> {
  if (records.length === 0) return { header: [], rows: [] };
  const header = table.getHeaderRowRange();
  header.load("values");
  const below = table.getRange().getRowsBelow(records.length);
  below.load("formulas");
  await sync();
  const names = (header.values[0] ?? []).map((h) => String(h ?? ""));
  if (below.formulas.some((r) => r.some((v) => v !== "" && v !== null))) {
    throw new Error(`Something is typed in the ${records.length === 1 ? "row" : `${records.length} rows`} just below the ${what} table, where the add-in adds its rows. Move it further down, or into the table, then try again: nothing was added.`);
  }
  const rows = records.map((r) => rowInHeaderOrder(names, r));
  // Located when this request runs: directly below the table as it is then.
  const target = table.getRange().getRowsBelow(rows.length);
  // Text cells formatted as text before the values go in, so Excel keeps "7-1" or "0123" as typed.
  target.numberFormat = rows.map((r) => r.map((v) => (typeof v === "string" ? "@" : "General")));
  target.values = rows;
  target.load("values");
  const headerNow = table.getHeaderRowRange();
  headerNow.load("values");
  await sync();
  const nowNames = (headerNow.values[0] ?? []).map((h) => String(h ?? ""));
  const landed = target.values;
  const same = nowNames.length === names.length && nowNames.every((h, i) => key(h) === key(names[i])) && landed.every((r, i) => r.every((v, j) => plain(v) === plain(rows[i][j])));
  if (!same) {
    throw new Error(`The ${what} table changed while the add-in was adding to it (a column was moved or a row typed over). Check its last ${rows.length === 1 ? "row" : `${rows.length} rows`}, then try again.`);
  }
  return { header: nowNames, rows: landed };
}
