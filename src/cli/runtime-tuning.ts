/**
 * V8 tuned for the command line's usual run: one school's file, done in a third of a second.
 *
 * Measured on the 2-core machines we run on (npm run bench, 2,000 pupils x 390 sessions):
 * - First-touch memory costs more than the work (about 13 µs a page). V8 grows its young generation
 *   from 1 MB to 16 MB as objects survive (at start-up nearly everything does), touching fresh pages
 *   each time. Held at 1 MB: 1,400 fewer page faults, about 20 ms quicker.
 * - The optimising compiler runs beside the main thread, and with two cores it competes with it.
 *   Inlining less (a quarter of V8's cumulative budget) cut its work by a tenth and the run by about
 *   25 ms; the hot loops are small functions that are still optimised.
 * A trust's export (hundreds of MB, a run of seconds) is quicker with V8's own settings, so an input
 * that large gets them back before the work starts.
 *
 * Both flags are read by V8 each time it grows the young generation or inlines a call, so changing
 * them while running is safe (unlike flags read once when the heap is made).
 */
import { setFlagsFromString } from "node:v8";

/** V8's own values (node --v8-options; test/cli/runtime-tuning.test.ts checks them against this Node). */
export const V8_DEFAULTS = { "semi-space-growth-factor": 2, "max-inlined-bytecode-size-cumulative": 920 } as const;

export const SHORT_RUN = { "semi-space-growth-factor": 1, "max-inlined-bytecode-size-cumulative": 230 } as const;

/** Inputs from this size on (a trust's export, not a school's file) get V8's own settings back. */
export const LARGE_INPUT_BYTES = 32 * 1024 * 1024;

function apply(flags: Record<string, number>): void {
  for (const [name, value] of Object.entries(flags)) setFlagsFromString(`--${name}=${value}`);
}

/**
 * Called first thing by bin/attendance-toolkit.js for analyse, before the code it tunes is loaded.
 * Other commands keep V8's own settings: create-tracker from a 35 MB export was a third slower tuned.
 */
export function tuneForShortRun(): void {
  apply(SHORT_RUN);
}

/** Once the input's size is known: V8's own settings for a long run. Returns whether it changed them. */
export function tuneForInput(inputBytes: number): boolean {
  if (inputBytes < LARGE_INPUT_BYTES) return false;
  apply(V8_DEFAULTS);
  return true;
}
