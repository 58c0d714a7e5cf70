/**
 * Text written straight to a file descriptor through one reused buffer.
 *
 * Why: `analyse --json` on a whole school writes about 5 MB. Through process.stdout every piece
 * becomes a new Buffer, and on the machines we measured each page of fresh memory costs more than
 * encoding into it, so a tenth of the run went on allocating output. Here each piece is encoded into
 * the same 64 KB, written with writeSync when it fills: the memory is touched once.
 */
import { writeSync } from "node:fs";
import { OutputError } from "./paths";

/** The sentence for an output that could not be written (never a stack trace). */
export function outputFailure(e: NodeJS.ErrnoException): string {
  const why = e.code === "ENOSPC" ? "there is no space left on the disk" : e.code === "EIO" ? "the device reported an error" : `the system refused it (${e.code ?? "unknown error"})`;
  return `the output could not be written in full: ${why}.`;
}

export interface TextSink {
  write(text: string): void;
  /** Writes what is held. Safe to call more than once. */
  end(): void;
}

const SIZE = 1 << 16;

/** Never notified: waiting on it only sleeps the thread. */
const SLEEPER = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps the thread (a non-blocking pipe that is full is waited for, not spun on). */
function pause(ms: number): void {
  Atomics.wait(SLEEPER, 0, 0, ms);
}

export function fdTextSink(fd: number, size = SIZE): TextSink {
  const buffer = Buffer.allocUnsafe(size);
  let held = 0;
  // The reader went away (`analyse x --json | head`): that is not an error; the rest is dropped.
  let closed = false;

  const writeAll = (data: Uint8Array, length: number): void => {
    let done = 0;
    while (done < length && !closed) {
      try {
        done += writeSync(fd, data, done, length - done);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") pause(1);
        else if (code === "EPIPE") closed = true;
        else throw new OutputError(outputFailure(e as NodeJS.ErrnoException));
      }
    }
  };
  const flush = (): void => {
    if (held > 0) writeAll(buffer, held);
    held = 0;
  };

  return {
    write(text: string): void {
      if (closed) return;
      // UTF-8 needs at most 3 bytes for each UTF-16 unit, so this is always room enough.
      const most = text.length * 3;
      if (most > size - held) {
        flush();
        if (most > size) {
          const bytes = Buffer.from(text, "utf8");
          writeAll(bytes, bytes.length);
          return;
        }
      }
      held += buffer.write(text, held, "utf8");
    },
    end: flush,
  };
}
