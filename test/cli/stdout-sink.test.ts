/**
 * analyse --json's output path (src/cli/stdout-sink.ts): text encoded into one reused buffer and
 * written with writeSync. Every byte must arrive whatever the piece sizes and characters, through a
 * file, a full non-blocking pipe (EAGAIN) and a reader that goes away (EPIPE).
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fdTextSink } from "../../src/cli/stdout-sink";
import { tempDirFixture } from "../helpers/wide";

const ROOT = resolve(__dirname, "../..");
const BIN = join(ROOT, "bin/attendance-toolkit.js");
const SAMPLE = join(ROOT, "samples/sample-marks.csv");
const tmp = tempDirFixture("sink-test-");

describe("fdTextSink", () => {
  test("pieces small, exactly the buffer, larger than it, and characters of 2, 3 and 4 bytes across its edge", () => {
    const pieces: string[] = [];
    for (let i = 0; i < 3000; i++) pieces.push(i % 7 === 0 ? "Zoë " : i % 11 === 0 ? "😀" : i % 13 === 0 ? "€".repeat(i % 50) : `p${i},`);
    pieces.push("x".repeat(64 * 1024), "é".repeat(40_000), "", "end");
    const path = join(tmp(), "out.txt");
    const fd = openSync(path, "w");
    // A small buffer, so the edge is crossed often.
    const sink = fdTextSink(fd, 1024);
    for (const p of pieces) sink.write(p);
    sink.end();
    sink.end();
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe(pieces.join(""));
  });

  test("nothing is written until the buffer fills or end()", () => {
    const path = join(tmp(), "held.txt");
    const fd = openSync(path, "w");
    const sink = fdTextSink(fd, 1024);
    sink.write("held");
    expect(readFileSync(path, "utf8")).toBe("");
    sink.end();
    closeSync(fd);
    expect(readFileSync(path, "utf8")).toBe("held");
  });
});

describe("attendance-toolkit analyse --json through pipes", () => {
  const expected = () => spawnSync(process.execPath, [BIN, "analyse", SAMPLE, "--json"], { encoding: "utf8", maxBuffer: 1e9 });

  test("a reader slower than the writer (a full non-blocking pipe) still gets every byte", async () => {
    const whole = expected();
    expect(whole.status).toBe(0);
    const child = spawn(process.execPath, [BIN, "analyse", SAMPLE, "--json"]);
    const chunks: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => {
      chunks.push(d);
      // Read a little, then stop for a moment: the child's writes meet a full pipe.
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    const code = await new Promise((done) => child.on("close", done));
    expect(code).toBe(0);
    expect(err).toBe("");
    expect(Buffer.concat(chunks).toString("utf8")).toBe(whole.stdout);
    expect(JSON.parse(whole.stdout).pupils.length).toBeGreaterThan(0);
  });

  test("a reader that stops early (analyse --json | head -c 100): exit 0, no error", async () => {
    const child = spawn(process.execPath, [BIN, "analyse", SAMPLE, "--json"]);
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.stdout.once("data", () => child.stdout.destroy());
    const code = await new Promise((done) => child.on("close", done));
    expect(err).toBe("");
    expect(code).toBe(0);
  });

  // A full disk: the output is incomplete, so the command fails with a sentence (not a stack trace,
  // and never exit 0: the exit after analyse waits for the failed write's error).
  const full = existsSync("/dev/full") ? test : test.skip;
  full.each([["the text"], ["--json"]])("stdout on a full disk (/dev/full), %s: exit 2 and one sentence", (mode) => {
    const args = [BIN, "analyse", SAMPLE, ...(mode === "--json" ? ["--json"] : [])];
    const fd = openSync("/dev/full", "w");
    try {
      const r = spawnSync(process.execPath, args, { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("attendance-toolkit: the output could not be written in full: there is no space left on the disk.\n");
    } finally {
      closeSync(fd);
    }
  });
});

