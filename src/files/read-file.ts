/** Any marks source (CSV, long or wide, or a workbook) to tracker data, sniffed by content. */
import { Grid, readMarksGrid, ReadOptions } from "../import/grid";
import { csvBytesToGrid, csvTextToRows } from "./csv";
import { decodeCsvBytes, sniffFile } from "./decode";

const NO_BYTES = new Uint8Array(0);
import type { TrackerData, TrackerGrids } from "./tracker";

/** A file's sheets as grids (a CSV file is only marks), for stores that keep and change them. */
export async function readGridsBytes(bytes: Uint8Array): Promise<TrackerGrids & { kind: "csv" | "xlsx" }> {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    const { openWorkbook, workbookToGrids } = await import("./xlsx");
    return { kind, ...workbookToGrids(openWorkbook(bytes)) };
  }
  return { kind, marks: csvBytesToGrid(bytes) };
}

/** A file's bytes in a holder the reader empties once it has the text, so nothing else keeps them alive. */
export interface BytesHolder {
  bytes: Uint8Array;
}

/**
 * Read marks from any source. `options.pupils` maps a file keyed by an admission number or MIS id to
 * UPNs (a tracker's own Pupils sheet does that for a workbook when no list is given).
 */
export async function readMarksBytes(source: Uint8Array | BytesHolder, options: ReadOptions = {}): Promise<TrackerData & { kind: "csv" | "xlsx" }> {
  const holder = source instanceof Uint8Array ? { bytes: source } : source;
  const kind = sniffFile(holder.bytes);
  if (kind === "xlsx") {
    // Loaded only for workbooks.
    const [{ openWorkbook, workbookToGrids }, { trackerFromGrids }] = await Promise.all([import("./xlsx"), import("./tracker")]);
    return { kind, ...trackerFromGrids(workbookToGrids(openWorkbook(holder.bytes)), options) };
  }
  const { text, replaced } = decodeCsvBytes(holder.bytes);
  // The bytes are let go before the marks are read (a big export's bytes are as large as its text),
  // and the rows are read as they go: a big export is never held as a grid of cells.
  holder.bytes = NO_BYTES;
  const dataset = readMarksGrid(csvTextToRows(text, replaced), options);
  return { kind, dataset, contacts: [], actions: [], settings: {} };
}

/**
 * A pupil list as a grid, for mapping admission numbers or MIS ids to UPNs: a CSV or the first sheet
 * of a workbook (a MIS student list), or a tracker's Pupils sheet.
 */
export async function readPupilListBytes(bytes: Uint8Array): Promise<Grid> {
  const { kind, ...grids } = await readGridsBytes(bytes);
  return kind === "xlsx" && grids.pupils && grids.pupils.header.length > 0 ? grids.pupils : grids.marks;
}
