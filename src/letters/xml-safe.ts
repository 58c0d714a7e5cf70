/**
 * The one guard on text going into Office XML (letters, the governors' report, the trust workbook's
 * charts): XML 1.0 cannot hold most control characters at all, and Word or Excel call a file that
 * has one corrupt. A school name typed with a stray control character must not break a document.
 */

/** Text with the characters XML 1.0 forbids (C0 controls but tab and line breaks, U+FFFE/FFFF, lone surrogates) removed. */
export function xmlSafe(s: string): string {
  return s.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "");
}

/** Every string in `value` (objects and arrays, deeply) through xmlSafe: data for a template. */
export function xmlSafeData<T>(value: T): T {
  if (typeof value === "string") return xmlSafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => xmlSafeData(v)) as T;
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = xmlSafeData(v);
    return out as T;
  }
  return value;
}
