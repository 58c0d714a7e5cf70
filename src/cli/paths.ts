/**
 * Files the command line reads and writes, the same on every command: only regular files are read
 * (never a device such as /dev/zero, a pipe or a folder), within a size a school's file could have;
 * an output that exists is replaced only with --force, and never under /proc, /sys or /dev.
 */
import { closeSync, fstatSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { FatalInputError } from "../engine/dataset";

/** A 255,000-pupil export is about 200 MB; a file ten times that is not a school's marks. */
export const MAX_INPUT_BYTES = 2_000_000_000;

export class OutputError extends FatalInputError {}

export function readInput(path: string, maxBytes = MAX_INPUT_BYTES): Uint8Array {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EISDIR") throw new FatalInputError(`${path} is a folder, not a file: give the marks file or the tracker workbook.`);
    if (code === "ENOENT") throw new FatalInputError(`cannot open ${path}: no such file.`);
    if (code === "EACCES" || code === "EPERM") throw new FatalInputError(`cannot open ${path}: permission denied.`);
    throw new FatalInputError(`cannot open ${path} (${code ?? "unknown error"}).`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new FatalInputError(`${path} is a folder, not a file: give the marks file or the tracker workbook.`);
    if (!st.isFile()) throw new FatalInputError(`${path} is not an ordinary file (it is a device, a pipe or a socket), so it was not read. Give the marks file or the tracker workbook.`);
    if (st.size > maxBytes) throw new FatalInputError(`${path} is ${Math.round(st.size / 1e6).toLocaleString("en-GB")} MB, more than the ${Math.round(maxBytes / 1e6).toLocaleString("en-GB")} MB a school's marks could need, so it was not read.`);
    // A file is read into one buffer of its size (a copy of a big export costs a second); files under
    // /proc and the like say size 0 and can grow as read: read in pieces, up to the limit.
    const whole = st.size > 0 ? Buffer.allocUnsafe(st.size) : null;
    let filled = 0;
    while (whole && filled < whole.length) {
      const n = readSync(fd, whole, filled, whole.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    const chunks: Buffer[] = whole ? [whole.subarray(0, filled)] : [];
    let total = filled;
    for (;;) {
      const buf = Buffer.allocUnsafe(1 << 16);
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      total += n;
      if (total > maxBytes) throw new FatalInputError(`${path} is more than ${Math.round(maxBytes / 1e6).toLocaleString("en-GB")} MB, more than a school's marks could need, so it was not read.`);
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

const SYSTEM = ["/proc", "/sys", "/dev"];

function underSystemFolder(path: string): boolean {
  let dir = resolve(path);
  // The nearest folder that exists, with links resolved.
  for (;;) {
    try {
      dir = realpathSync(dir);
      break;
    } catch {
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return SYSTEM.some((s) => dir === s || dir.startsWith(`${s}/`));
}

/** Check a file to be written: refused under /proc, /sys or /dev; an existing file only with --force; never a folder. */
export function checkOutFile(path: string, force: boolean, option = "--out"): void {
  if (underSystemFolder(path)) throw new OutputError(`${option} ${path} is in a system folder (/proc, /sys or /dev): choose a folder of your own.`);
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (st.isDirectory()) throw new OutputError(`${option} ${path} is a folder: give the name of the file to write.`);
  if (!st.isFile()) throw new OutputError(`${option} ${path} is not an ordinary file (a device, a pipe or a socket): choose another name.`);
  if (!force) throw new OutputError(`${path} already exists; choose another name, or add --force to replace it.`);
}

/** Check a folder to write into: refused under /proc, /sys or /dev, or if it names a file. */
export function checkOutDir(path: string, option = "--out"): void {
  if (underSystemFolder(path)) throw new OutputError(`${option} ${path} is in a system folder (/proc, /sys or /dev): choose a folder of your own.`);
  let st;
  try {
    st = statSync(path);
  } catch {
    return;
  }
  if (!st.isDirectory()) throw new OutputError(`${option} ${path} is a file, not a folder: give a folder to write into.`);
}
