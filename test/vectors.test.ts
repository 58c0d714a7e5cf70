/**
 * The contract's test vectors: every NAME.expected.json is checked against NAME.csv (wide) and
 * NAME-long.csv (long) where present, through the command line's `analyse --json`, the way
 * test/vectors/README.md says to compare. The project keeps its own copy in test/vectors (copied from
 * ../shared/vectors), so a lone clone passes; test/shared-copies.test.ts keeps the copy exact.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { run } from "../src/cli/main";

const VECTORS = resolve(__dirname, "vectors");

interface Expected {
  file?: string;
  asOf?: string;
  pupils?: Array<Record<string, unknown> & { upn: string }>;
  summary?: Record<string, unknown>;
  problems?: Array<Record<string, unknown>>;
}

async function analyseJson(file: string, asOf?: string): Promise<Record<string, any>> {
  let out = "";
  let err = "";
  const args = ["analyse", file, "--json", ...(asOf ? ["--as-of", asOf] : [])];
  const code = await run(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  expect({ code, err }).toEqual({ code: 0, err: "" });
  return JSON.parse(out);
}

const names = existsSync(VECTORS)
  ? readdirSync(VECTORS)
      .filter((f) => f.endsWith(".expected.json"))
      .map((f) => f.replace(/\.expected\.json$/, ""))
  : [];

test("the project's copy of the contract vectors is there", () => {
  expect(names.length).toBeGreaterThan(0);
});

// The copy must not drift from the contract: test/shared-copies.test.ts checks it against the committed
// checksums (always, a lone clone too) and against ../shared/vectors where ../shared is beside it.

describe.each(names)("vector %s", (name) => {
  const expected: Expected = JSON.parse(readFileSync(join(VECTORS, `${name}.expected.json`), "utf8"));
  const files = [expected.file ?? `${name}.csv`, `${name}-long.csv`].filter((f) => existsSync(join(VECTORS, f)));

  test.each(files)("%s gives the expected answers", async (file) => {
    const out = await analyseJson(join(VECTORS, file), expected.asOf);
    if (expected.asOf) expect(out.asOf).toBe(expected.asOf);
    for (const want of expected.pupils ?? []) {
      const got = out.pupils.find((p: { upn: string }) => p.upn === want.upn);
      expect(got).toBeDefined();
      for (const [key, value] of Object.entries(want)) {
        if (key === "nationalThreshold") {
          for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
            expect({ upn: want.upn, field: `nationalThreshold.${k}`, value: got.nationalThreshold[k] }).toEqual({ upn: want.upn, field: `nationalThreshold.${k}`, value: v });
          }
        } else {
          expect({ upn: want.upn, field: key, value: got[key] }).toEqual({ upn: want.upn, field: key, value });
        }
      }
    }
    for (const [key, value] of Object.entries(expected.summary ?? {})) {
      expect({ field: `summary.${key}`, value: out.summary[key] }).toEqual({ field: `summary.${key}`, value });
    }
    for (const want of expected.problems ?? []) {
      const match = out.problems.find((p: Record<string, unknown>) => Object.entries(want).every(([k, v]) => k === "message" || JSON.stringify(p[k]) === JSON.stringify(v)));
      expect({ problem: want, found: match !== undefined }).toEqual({ problem: want, found: true });
    }
  });

  if (files.length === 2) {
    test("the wide and long files give identical results", async () => {
      const [wide, long] = await Promise.all(files.map((f) => analyseJson(join(VECTORS, f), expected.asOf)));
      // Results, not pupil details: a long file may carry fewer pupil columns than the wide one.
      const results = (pupils: Array<Record<string, unknown>>) => pupils.map(({ details, ...rest }) => rest);
      expect(results(long.pupils)).toEqual(results(wide.pupils));
      expect(long.summary).toEqual(wide.summary);
      expect(long.asOf).toEqual(wide.asOf);
    });
  }
});
