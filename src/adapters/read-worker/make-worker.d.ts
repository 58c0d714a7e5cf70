/** A new Web Worker running ./worker.ts (the file reader), built as its own chunk by webpack. */
export function makeReadWorker(): Worker;
