/**
 * The command line's V8 tuning (src/cli/runtime-tuning.ts): the values it restores for a big input
 * must be this Node's own defaults, and only a trust-sized input gets them back.
 */
import { execFileSync } from "node:child_process";
import { LARGE_INPUT_BYTES, SHORT_RUN, tuneForInput, V8_DEFAULTS } from "../../src/cli/runtime-tuning";

describe("runtime tuning", () => {
  test("the defaults restored for a big input are those of the running Node (node --v8-options)", () => {
    const options = execFileSync(process.execPath, ["--v8-options"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    for (const [name, value] of Object.entries(V8_DEFAULTS)) {
      expect(options).toContain(`default: --${name}=${value}`);
    }
    // Every flag tuned for a short run is one that a big input sets back.
    expect(Object.keys(SHORT_RUN).sort()).toEqual(Object.keys(V8_DEFAULTS).sort());
  });

  test("a school's file keeps the short-run tuning; a trust's export gets V8's own settings", () => {
    expect(tuneForInput(2_000_000)).toBe(false);
    expect(tuneForInput(LARGE_INPUT_BYTES - 1)).toBe(false);
    // Sets V8's defaults in this jest worker, which are what it already has.
    expect(tuneForInput(LARGE_INPUT_BYTES)).toBe(true);
  });
});
