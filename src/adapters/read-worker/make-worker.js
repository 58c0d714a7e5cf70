// Kept in plain JavaScript: webpack turns `new Worker(new URL(..., import.meta.url))` into a worker
// chunk of its own, and the type check (CommonJS settings, shared with the command line) would refuse
// `import.meta`. The types are in make-worker.d.ts.
export function makeReadWorker() {
  return new Worker(new URL("./worker.ts", import.meta.url), { name: "attendance-toolkit-reader" });
}
