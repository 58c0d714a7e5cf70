/**
 * Each pane's first load under 250 KB of JavaScript gzipped (issue 23: 276.8 KB for Excel and
 * 243.7 KB for Word before the views were loaded on opening), measured on the production build in
 * dist/ by the same script `npm run build:web` runs after webpack.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { measure, LIMIT_BYTES } = require("../../scripts/bundle-size.js") as {
  measure(dist?: string): Array<{ pane: string; gzipped: number; files: Array<{ file: string; gzipped: number }> }>;
  LIMIT_BYTES: number;
};

const DIST = join(__dirname, "../../dist");

test("each pane's first load is under 250 KB of JavaScript gzipped", () => {
  if (!existsSync(join(DIST, "excel.html"))) throw new Error("dist/ is missing: run `npm run build:web` first.");
  const results = measure(DIST);
  expect(results.map((r) => r.pane)).toEqual(["excel", "word"]);
  expect(LIMIT_BYTES).toBe(250_000);
  for (const r of results) expect({ pane: r.pane, over: r.gzipped > LIMIT_BYTES }).toEqual({ pane: r.pane, over: false });
  // The views' code is not in the first load: it loads when a view opens.
  for (const r of results) expect(r.files.some((f) => /views|week|report|pupil/.test(f.file))).toBe(false);
});
