/**
 * The fuzz corpus (issue 12, item 7): hostile files made by test/fuzz/hostile.ts (nothing large is
 * committed), each run through the real command line in its own process with a memory limit and a
 * time limit. The limits guard against a crash or a hang, not a speed: the time limit is generous.
 * Every file must end in exit 0 or a plain sentence with exit 2, never a stack trace or a kill.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { strToU8 } from "fflate";
import { tempDirFixture } from "../helpers/wide";
import { hostileFiles } from "./hostile";

const ROOT = resolve(__dirname, "../..");
const tmp = tempDirFixture("fuzz-corpus-");
const MEMORY_MB = 300;
const TIME_LIMIT_MS = 90_000;

beforeAll(() => {
  if (!existsSync(join(ROOT, "lib/cli/main.js"))) {
    const built = spawnSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT, encoding: "utf8" });
    expect(built.status).toBe(0);
  }
}, 180_000);

const csvCases: Array<{ name: string; bytes: () => Uint8Array }> = [
  { name: "a CSV of one huge quoted field never closed", bytes: () => strToU8(`UPN,Surname\nA1,"${"x".repeat(200_000)}\n`) },
  { name: "a CSV with 20,000 columns", bytes: () => strToU8(`UPN,${Array.from({ length: 20_000 }, (_, i) => `c${i}`).join(",")}\nA1\n`) },
  { name: "a CSV headed __proto__ and constructor", bytes: () => strToU8("UPN,__proto__,constructor,2025-09-08 AM\nA123456789012,x,y,/\n") },
  { name: "a CSV of control characters", bytes: () => Uint8Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? 1 : 44)) },
];

const corpus = [...hostileFiles(), ...csvCases];

test.each(corpus.map((c, i) => [c.name, i] as const))("%s: exit 0 or a sentence with exit 2, within the memory and time limits", (_name, i) => {
  const file = join(tmp(), `case-${i}`);
  writeFileSync(file, corpus[i].bytes());
  const r = spawnSync(process.execPath, [`--max-old-space-size=${MEMORY_MB}`, join(ROOT, "bin/attendance-toolkit.js"), "analyse", file, "--json"], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: TIME_LIMIT_MS,
    maxBuffer: 256 * 1024 * 1024,
  });
  expect({ signal: r.signal, error: r.error?.message }).toEqual({ signal: null, error: undefined });
  expect([0, 2]).toContain(r.status);
  expect(r.stderr).not.toMatch(/\n\s+at |heap out of memory|FATAL ERROR/);
  if (r.status === 2) expect(r.stderr).toMatch(/^attendance-toolkit: [A-Z].+\.\n?/);
}, TIME_LIMIT_MS + 10_000);
