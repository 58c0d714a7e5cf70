#!/usr/bin/env node
/**
 * Draws the add-in's icons (PNG, Node built-ins only): a register tick on a teal tile for
 * Attendance (Excel), an envelope for Letters (Word). Run `node scripts/make-icons.js`; the PNGs
 * in assets/ are committed.
 */
"use strict";
const zlib = require("node:zlib");
const { writeFileSync, mkdirSync } = require("node:fs");
const { join } = require("node:path");

const CRC = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const TEAL = [15, 108, 189];
const WHITE = [255, 255, 255];

/** Distance from point to segment, for strokes. */
function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
function inRoundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.max(x0 + r, Math.min(x, x1 - r));
  const cy = Math.max(y0 + r, Math.min(y, y1 - r));
  return x >= x0 && x <= x1 && y >= y0 && y <= y1 && Math.hypot(x - cx, y - cy) <= r;
}

/** Shapes in a 0..1 square: returns the colour at (x, y) or null for transparent. */
const designs = {
  attendance(x, y) {
    if (!inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) return null;
    // A register: three lines and a tick.
    const w = 0.075;
    if (segDist(x, y, 0.22, 0.52, 0.42, 0.72) < w || segDist(x, y, 0.42, 0.72, 0.8, 0.3) < w) return WHITE;
    if (y > 0.17 && y < 0.23 && x > 0.2 && x < 0.8) return WHITE;
    return TEAL;
  },
  letter(x, y) {
    if (!inRoundedRect(x, y, 0.04, 0.04, 0.96, 0.96, 0.18)) return null;
    const inEnv = x > 0.17 && x < 0.83 && y > 0.28 && y < 0.72;
    if (!inEnv) return TEAL;
    const w = 0.045;
    if (segDist(x, y, 0.17, 0.3, 0.5, 0.55) < w || segDist(x, y, 0.5, 0.55, 0.83, 0.3) < w) return TEAL;
    return WHITE;
  },
};

function draw(design, size) {
  const buf = Buffer.alloc(size * size * 4);
  const ss = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = design((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (c) {
            r += c[0];
            g += c[1];
            b += c[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      const n = ss * ss;
      buf[i] = a ? Math.round(r / a) : 0;
      buf[i + 1] = a ? Math.round(g / a) : 0;
      buf[i + 2] = a ? Math.round(b / a) : 0;
      buf[i + 3] = Math.round((255 * a) / n);
    }
  }
  return png(size, buf);
}

const out = join(__dirname, "..", "assets");
mkdirSync(out, { recursive: true });
for (const size of [16, 32, 64, 80, 128]) writeFileSync(join(out, `icon-${size}.png`), draw(designs.attendance, size));
for (const size of [16, 32, 64, 80]) writeFileSync(join(out, `letter-${size}.png`), draw(designs.letter, size));
console.log(`Icons written to ${out}`);
