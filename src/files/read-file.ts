/** Any marks source (CSV, long or wide, or a workbook) to tracker data, sniffed by content. */
import { Grid, readMarksGrid, ReadOptions } from "../engine/grid";
import { csvBytesToGrid } from "./csv";
import { sniffFile } from "./decode";
import { TrackerData, TrackerGrids, trackerFromGrids } from "./tracker";

/** A file's sheets as grids (a CSV file is only marks), for stores that keep and change them. */
export async function readGridsBytes(bytes: Uint8Array): Promise<TrackerGrids & { kind: "csv" | "xlsx" }> {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    const { openWorkbook, workbookToGrids } = await import("./xlsx");
    return { kind, ...workbookToGrids(openWorkbook(bytes)) };
  }
  return { kind, marks: csvBytesToGrid(bytes) };
}

/**
 * Read marks from any source. `options.pupils` maps a file keyed by an admission number or MIS id to
 * UPNs (a tracker's own Pupils sheet does that for a workbook when no list is given).
 */
export async function readMarksBytes(bytes: Uint8Array, options: ReadOptions = {}): Promise<TrackerData & { kind: "csv" | "xlsx" }> {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    // Loaded only for workbooks.
    const { openWorkbook, workbookToGrids } = await import("./xlsx");
    return { kind, ...trackerFromGrids(workbookToGrids(openWorkbook(bytes)), options) };
  }
  const dataset = readMarksGrid(csvBytesToGrid(bytes), options);
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
