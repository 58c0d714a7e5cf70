/** Any marks source (CSV, long or wide, or a workbook) to tracker data, sniffed by content. */
import { readMarksGrid } from "../engine/grid";
import { csvBytesToGrid } from "./csv";
import { sniffFile } from "./decode";
import { TrackerData, TrackerGrids } from "./tracker";

/** A file's sheets as grids (a CSV file is only marks), for stores that keep and change them. */
export async function readGridsBytes(bytes: Uint8Array): Promise<TrackerGrids & { kind: "csv" | "xlsx" }> {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    const { openWorkbook, workbookToGrids } = await import("./xlsx");
    return { kind, ...workbookToGrids(openWorkbook(bytes)) };
  }
  return { kind, marks: csvBytesToGrid(bytes) };
}

export async function readMarksBytes(bytes: Uint8Array): Promise<TrackerData & { kind: "csv" | "xlsx" }> {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    // Loaded only for workbooks.
    const { readTrackerBytes } = await import("./xlsx");
    return { kind, ...(await readTrackerBytes(bytes)) };
  }
  const dataset = readMarksGrid(csvBytesToGrid(bytes));
  return { kind, dataset, contacts: [], actions: [], settings: {} };
}
