/**
 * CRC-32 (the zip format's check sum, polynomial 0xEDB88320), four bytes a step. Written here
 * because fflate keeps its own private, and the reader runs in the browser too (no zlib.crc32).
 */
const TABLES = (() => {
  const t = new Int32Array(4 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    t[256 + n] = (t[n] >>> 8) ^ t[t[n] & 0xff];
    t[512 + n] = (t[256 + n] >>> 8) ^ t[t[256 + n] & 0xff];
    t[768 + n] = (t[512 + n] >>> 8) ^ t[t[512 + n] & 0xff];
  }
  return t;
})();

/** The CRC-32 of `bytes`, continuing from `crc` (0 to start). An unsigned 32-bit number. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  const t = TABLES;
  let c = ~crc;
  let i = 0;
  const n = bytes.length;
  const whole = n - (n & 3);
  for (; i < whole; i += 4) {
    c ^= bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    c = t[768 + (c & 0xff)] ^ t[512 + ((c >>> 8) & 0xff)] ^ t[256 + ((c >>> 16) & 0xff)] ^ t[c >>> 24];
  }
  for (; i < n; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
