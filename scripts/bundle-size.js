#!/usr/bin/env node
/**
 * Each pane's first load: the JavaScript its page (dist/excel.html, dist/word.html) loads before the
 * pane can be used, gzipped, in KB of 1,000 bytes. Chunks loaded later (a view when it opens, the
 * letter engine when the first letter is written, the reader's Web Worker) are not counted. Office's
 * own office.js (Microsoft's CDN) is not ours and is not counted.
 *
 *   node scripts/bundle-size.js [DIST]      prints the figures; exit 1 when a pane is over the limit
 *
 * Run after every production build (npm run build:web) and by test/e2e/bundle-size.test.ts.
 */
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");

/** Issue 23: each pane's first load under 250 KB of JavaScript gzipped. */
const LIMIT_BYTES = 250_000;
const PANES = ["excel", "word"];

function firstLoad(dist, pane) {
  const html = fs.readFileSync(path.join(dist, `${pane}.html`), "utf8");
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1]).filter((src) => !/^(https?:)?\/\//i.test(src));
  if (scripts.length === 0) throw new Error(`${pane}.html loads no script of the add-in's own: is ${dist} a production build?`);
  const files = scripts.map((src) => {
    const bytes = fs.readFileSync(path.join(dist, decodeURIComponent(src.split(/[?#]/)[0])));
    return { file: src, bytes: bytes.length, gzipped: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  return { pane, files, gzipped: files.reduce((t, f) => t + f.gzipped, 0) };
}

function measure(dist = path.join(__dirname, "..", "dist")) {
  return PANES.map((pane) => firstLoad(dist, pane));
}

const kb = (n) => `${(n / 1000).toFixed(1)} KB`;

if (require.main === module) {
  const results = measure(process.argv[2]);
  let over = false;
  for (const r of results) {
    const ok = r.gzipped <= LIMIT_BYTES;
    over ||= !ok;
    console.log(`${r.pane} pane first load: ${kb(r.gzipped)} gzipped (${r.files.map((f) => `${f.file} ${kb(f.gzipped)}`).join(", ")})${ok ? "" : ` — over the ${kb(LIMIT_BYTES)} limit`}`);
  }
  if (over) {
    console.error(`A pane's first load is over ${kb(LIMIT_BYTES)} of JavaScript gzipped: load what a view needs when it opens (src/ui/shared/lazy-view.tsx).`);
    process.exit(1);
  }
}

module.exports = { measure, LIMIT_BYTES };
