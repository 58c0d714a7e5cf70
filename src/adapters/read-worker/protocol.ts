/** Messages between the panes and the file-reading worker (worker.ts). */
import type { TrackerData, TrackerGrids } from "../../files/tracker";

export type ReadOp = "marks" | "grids";

export interface ReadRequest {
  op: ReadOp;
  bytes: Uint8Array;
}

export type ReadReply =
  | { type: "progress"; fraction: number; message: string }
  | { type: "marks"; result: TrackerData & { kind: "csv" | "xlsx" } }
  | { type: "grids"; result: TrackerGrids & { kind: "csv" | "xlsx" } }
  | { type: "error"; message: string; fatal: boolean };
