/**
 * Read a tracker or a MIS export in the panes off the main thread (worker.ts), with progress and
 * Cancel. Where a worker cannot be started (an old WebView), the same readers run in the page.
 */
import { FatalInputError } from "../../engine/dataset";
import type { TrackerData, TrackerGrids } from "../../files/tracker";
import { makeReadWorker } from "./make-worker";
import type { ReadOp, ReadReply } from "./protocol";

export interface ReadOptions {
  onProgress?: (fraction: number, message: string) => void;
  /** Aborting stops the reading at once (the worker is terminated) and rejects with ReadCancelled. */
  signal?: AbortSignal;
}

/** The user stopped the reading. */
export class ReadCancelled extends Error {
  constructor() {
    super("Stopped: the file was not opened.");
    this.name = "ReadCancelled";
  }
}

function startWorker(): Worker | null {
  if (typeof Worker === "undefined") return null;
  try {
    return makeReadWorker();
  } catch {
    return null;
  }
}

async function inPage(op: ReadOp, bytes: Uint8Array): Promise<unknown> {
  const files = await import(/* webpackChunkName: "files" */ "../../files/read-file");
  return op === "marks" ? files.readMarksBytes(bytes) : files.readGridsBytes(bytes);
}

function read(op: ReadOp, bytes: Uint8Array, options: ReadOptions): Promise<unknown> {
  const { onProgress, signal } = options;
  if (signal?.aborted) return Promise.reject(new ReadCancelled());
  const worker = startWorker();
  if (!worker) return inPage(op, bytes);
  return new Promise((resolve, reject) => {
    const finish = () => {
      signal?.removeEventListener("abort", abort);
      worker.terminate();
    };
    const abort = () => {
      finish();
      reject(new ReadCancelled());
    };
    signal?.addEventListener("abort", abort);
    worker.onmessage = (event: MessageEvent<ReadReply>) => {
      const reply = event.data;
      if (reply.type === "progress") onProgress?.(reply.fraction, reply.message);
      else if (reply.type === "error") {
        finish();
        reject(reply.fatal ? new FatalInputError(reply.message) : new Error(reply.message));
      } else {
        finish();
        resolve(reply.result);
      }
    };
    worker.onerror = (event) => {
      // The worker script itself failed (blocked or missing): read in the page instead.
      event.preventDefault();
      finish();
      inPage(op, bytes).then(resolve, reject);
    };
    // A copy is sent (not transferred): the caller may still need the bytes, and the copy is one memcpy.
    worker.postMessage({ op, bytes });
  });
}

/** Read marks from any source (a tracker, a MIS export, CSV) off the main thread. */
export function readMarksOffThread(bytes: Uint8Array, options: ReadOptions = {}): Promise<TrackerData & { kind: "csv" | "xlsx" }> {
  return read("marks", bytes, options) as Promise<TrackerData & { kind: "csv" | "xlsx" }>;
}

/** A file's sheets as grids (for the browser preview's tracker store) off the main thread. */
export function readGridsOffThread(bytes: Uint8Array, options: ReadOptions = {}): Promise<TrackerGrids & { kind: "csv" | "xlsx" }> {
  return read("grids", bytes, options) as Promise<TrackerGrids & { kind: "csv" | "xlsx" }>;
}
