/**
 * The file reader, run in a Web Worker so that opening a big tracker never freezes the pane: the
 * workbook is inflated and parsed here, with progress sent back, and the pane can stop it at any time
 * (the worker is terminated). The same readers as the command line (files/read-file.ts).
 */
import { FatalInputError } from "../../engine/dataset";
import { readMarksGrid } from "../../import/grid";
import { csvBytesToGrid, csvBytesToRows } from "../../files/csv";
import { sniffFile } from "../../files/decode";
import { trackerFromGrids, TrackerGrids } from "../../files/tracker";
import { openWorkbook, workbookToGrids } from "../../files/xlsx";
import { XLSX_LIMITS } from "../../files/xlsx-reader";
import type { ReadReply, ReadRequest } from "./protocol";

const post = (reply: ReadReply) => (self as unknown as { postMessage(m: ReadReply): void }).postMessage(reply);

function readGrids(bytes: Uint8Array): TrackerGrids & { kind: "csv" | "xlsx" } {
  const kind = sniffFile(bytes);
  if (kind === "xlsx") {
    // Each sheet's part reports its own 0..1; the marks sheet is by far the largest.
    let sheet = 0;
    let last = -1;
    const wb = openWorkbook(bytes, XLSX_LIMITS, (f) => {
      if (f < last) sheet++;
      last = f;
      post({ type: "progress", fraction: Math.min(0.9, 0.05 + 0.85 * f), message: sheet === 0 ? "Reading the workbook" : "Reading the other sheets" });
    });
    return { kind, ...workbookToGrids(wb) };
  }
  post({ type: "progress", fraction: 0.3, message: "Reading the file" });
  return { kind, marks: csvBytesToGrid(bytes) };
}

self.onmessage = (event: MessageEvent<ReadRequest>) => {
  const { op, bytes } = event.data;
  try {
    if (op === "marks" && sniffFile(bytes) === "csv") {
      // Marks from a CSV file are read as they go, never held as a grid of cells.
      post({ type: "progress", fraction: 0.3, message: "Reading the marks" });
      post({ type: "marks", result: { kind: "csv", dataset: readMarksGrid(csvBytesToRows(bytes)), contacts: [], actions: [], settings: {} } });
      return;
    }
    const { kind, ...grids } = readGrids(bytes);
    if (op === "grids") {
      post({ type: "grids", result: { kind, ...grids } });
      return;
    }
    post({ type: "progress", fraction: 0.92, message: "Reading the marks" });
    const result = kind === "xlsx" ? { kind, ...trackerFromGrids(grids) } : { kind, dataset: readMarksGrid(grids.marks), contacts: [], actions: [], settings: {} };
    post({ type: "marks", result });
  } catch (e) {
    // Only the sentence goes back: never the file's content.
    post({ type: "error", message: e instanceof Error ? e.message : "The file could not be read.", fatal: e instanceof FatalInputError });
  }
};
