/**
 * Simple chart images for the governors' report, drawn in code (no browser, no canvas): a raster
 * with bars or lines, the target and national lines, and numbers in a small built-in pixel font.
 * Labels in words go in the report's text and table beside the image, so the picture needs digits only.
 * The PNG is compressed with the deflate function given (node:zlib on the command line).
 */

type Rgb = [number, number, number];

/** 3x5 digits and signs, scaled when drawn; rows top to bottom, 3 bits each. */
const FONT: Record<string, number[]> = {
  "0": [7, 5, 5, 5, 7],
  "1": [2, 6, 2, 2, 7],
  "2": [7, 1, 7, 4, 7],
  "3": [7, 1, 7, 1, 7],
  "4": [5, 5, 7, 1, 1],
  "5": [7, 4, 7, 1, 7],
  "6": [7, 4, 7, 5, 7],
  "7": [7, 1, 1, 2, 2],
  "8": [7, 5, 7, 5, 7],
  "9": [7, 5, 7, 1, 7],
  ".": [0, 0, 0, 0, 2],
  "%": [5, 1, 2, 4, 5],
  "-": [0, 0, 7, 0, 0],
  "+": [0, 2, 7, 2, 0],
  " ": [0, 0, 0, 0, 0],
};

export class Raster {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 3).fill(255);
  }
  set(x: number, y: number, c: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const i = (Math.floor(y) * this.width + Math.floor(x)) * 3;
    this.pixels[i] = c[0];
    this.pixels[i + 1] = c[1];
    this.pixels[i + 2] = c[2];
  }
  rect(x: number, y: number, w: number, h: number, c: Rgb): void {
    for (let j = Math.round(y); j < Math.round(y + h); j++) for (let i = Math.round(x); i < Math.round(x + w); i++) this.set(i, j, c);
  }
  line(x0: number, y0: number, x1: number, y1: number, c: Rgb, thick = 2, dash = 0): void {
    const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let s = 0; s <= steps; s++) {
      if (dash > 0 && Math.floor(s / dash) % 2 === 1) continue;
      const x = x0 + ((x1 - x0) * s) / steps;
      const y = y0 + ((y1 - y0) * s) / steps;
      this.rect(x - thick / 2, y - thick / 2, thick, thick, c);
    }
  }
  text(s: string, x: number, y: number, c: Rgb, scale = 2, align: "left" | "right" | "center" = "left"): void {
    const w = s.length * 4 * scale;
    let cx = align === "right" ? x - w : align === "center" ? x - w / 2 : x;
    for (const ch of s) {
      const g = FONT[ch] ?? FONT[" "];
      g.forEach((bits, row) => {
        for (let col = 0; col < 3; col++) if (bits & (4 >> col)) this.rect(cx + col * scale, y + row * scale, scale, scale, c);
      });
      cx += 4 * scale;
    }
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** The raster as a PNG (8-bit RGB). */
export function encodePng(r: Raster, deflate: (data: Uint8Array) => Uint8Array): Uint8Array {
  return assemblePng(r, deflate(scanlines(r)));
}

/** The same with an asynchronous deflate (a browser's CompressionStream). */
export async function encodePngAsync(r: Raster, deflate: (data: Uint8Array) => Promise<Uint8Array>): Promise<Uint8Array> {
  return assemblePng(r, await deflate(scanlines(r)));
}

function scanlines(r: Raster): Uint8Array {
  const raw = new Uint8Array((r.width * 3 + 1) * r.height);
  for (let y = 0; y < r.height; y++) {
    raw[y * (r.width * 3 + 1)] = 0;
    raw.set(r.pixels.subarray(y * r.width * 3, (y + 1) * r.width * 3), y * (r.width * 3 + 1) + 1);
  }
  return raw;
}

function assemblePng(r: Raster, compressed: Uint8Array): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, r.width);
  v.setUint32(4, r.height);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", compressed), chunk("IEND", new Uint8Array())];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const BLUE: Rgb = [31, 78, 121];
const RED: Rgb = [192, 0, 0];
const GREY: Rgb = [127, 127, 127];
const LIGHT: Rgb = [217, 217, 217];
const INK: Rgb = [64, 64, 64];

export interface LineChartInput {
  values: Array<number | null>;
  target: number | null;
  national: number | null;
  min: number;
  max: number;
}

/** Weekly attendance: a line over the school weeks, the target (red dashes), national (grey dashes). */
export function weeklyChart(input: LineChartInput, width = 900, height = 360): Raster {
  const r = new Raster(width, height);
  const left = 60;
  const right = width - 20;
  const top = 20;
  const bottom = height - 40;
  const y = (v: number) => bottom - ((Math.min(Math.max(v, input.min), input.max) - input.min) / (input.max - input.min)) * (bottom - top);
  for (let v = input.min; v <= input.max; v += (input.max - input.min) / 4) {
    r.line(left, y(v), right, y(v), LIGHT, 1);
    r.text(String(Math.round(v)), left - 8, y(v) - 5, INK, 2, "right");
  }
  const n = input.values.length;
  const x = (i: number) => left + (n <= 1 ? 0 : ((right - left) * i) / (n - 1));
  for (let i = 0; i < n; i++) {
    r.line(x(i), bottom, x(i), bottom + 4, INK, 1);
    if (i % 5 === 0 || i === n - 1) r.text(String(i + 1), x(i), bottom + 10, INK, 2, "center");
  }
  r.line(left, bottom, right, bottom, INK, 1);
  if (input.national !== null) r.line(left, y(input.national), right, y(input.national), GREY, 2, 8);
  if (input.target !== null) r.line(left, y(input.target), right, y(input.target), RED, 2, 8);
  let prev: number | null = null;
  for (let i = 0; i < n; i++) {
    const v = input.values[i];
    if (v !== null && prev !== null && input.values[prev] !== null) r.line(x(prev), y(input.values[prev]!), x(i), y(v), BLUE, 3);
    if (v !== null) {
      r.rect(x(i) - 3, y(v) - 3, 6, 6, BLUE);
      prev = i;
    }
  }
  return r;
}

/** Horizontal bars, one per row of the table beside it, each labelled with its figure; target line. */
export function barsChart(values: number[], target: number | null, min: number, max: number, width = 900, rowHeight = 44): Raster {
  const height = values.length * rowHeight + 50;
  const r = new Raster(width, height);
  const left = 60;
  const right = width - 90;
  const x = (v: number) => left + ((Math.min(Math.max(v, min), max) - min) / (max - min)) * (right - left);
  for (let v = min; v <= max; v += (max - min) / 4) {
    r.line(x(v), 10, x(v), height - 35, LIGHT, 1);
    r.text(String(Math.round(v)), x(v), height - 28, INK, 2, "center");
  }
  values.forEach((v, i) => {
    const top = 14 + i * rowHeight;
    r.text(String(i + 1), left - 12, top + rowHeight / 2 - 10, INK, 3, "right");
    r.rect(left, top, x(v) - left, rowHeight - 14, BLUE);
    r.text(`${v.toFixed(1)}%`, x(v) + 8, top + rowHeight / 2 - 12, INK, 2);
  });
  if (target !== null) r.line(x(target), 6, x(target), height - 35, RED, 2, 8);
  return r;
}
