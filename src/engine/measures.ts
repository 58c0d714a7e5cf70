/**
 * Per-pupil measures (analysis contract section 3). Every comparison uses exact integer
 * arithmetic on session counts, never a rounded percentage, so the edges (exactly 90%, exactly 50%)
 * fall the way the DfE defines them.
 */
import { Policy } from "./policy";

export type Band = "perfect" | "expected" | "below-expected" | "key-converter" | "persistent" | "severe";

export const BANDS: readonly Band[] = ["perfect", "expected", "below-expected", "key-converter", "persistent", "severe"];

export const BAND_LABELS: Record<Band, string> = {
  perfect: "Perfect (100%)",
  expected: "Expected",
  "below-expected": "Below expected",
  "key-converter": "Key converter",
  persistent: "Persistent absence",
  severe: "Severe absence",
};

/**
 * `part / whole × 100`, truncated (not rounded) to one decimal place, or null when whole is 0.
 * Truncation means a persistently absent pupil is never shown at 90.0% by rounding up.
 */
export function truncatedPercent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  // Integer division of exact integers: Math.floor is exact here for any realistic count.
  return Math.floor((part * 1000) / whole) / 10;
}

/** Attendance % as the contract gives it. */
export function attendancePercent(attended: number, possible: number): number | null {
  return truncatedPercent(attended, possible);
}

/** Persistent absence: absence of 10% or more of possible sessions (DfE). */
export function isPersistentAbsence(absent: number, possible: number): boolean {
  return possible > 0 && absent * 10 >= possible;
}

/** Severe absence: absence of 50% or more of possible sessions (DfE). */
export function isSevereAbsence(absent: number, possible: number): boolean {
  return possible > 0 && absent * 2 >= possible;
}

/** attended/possible >= percent/100, exactly (percent has at most one decimal place). */
function atLeast(attended: number, possible: number, percent: number): boolean {
  return attended * 1000 >= Math.round(percent * 10) * possible;
}

/** The pupil's band from exact attendance (not the truncated figure); null when possible is 0. */
export function attendanceBand(attended: number, possible: number, bands: Policy["bands"]): Band | null {
  if (possible <= 0) return null;
  if (attended >= possible) return "perfect";
  if (atLeast(attended, possible, bands.expectedFrom)) return "expected";
  if (atLeast(attended, possible, bands.belowExpectedFrom)) return "below-expected";
  // Above keyConverterAbove: strictly greater, i.e. not (at or below).
  if (!atMost(attended, possible, bands.keyConverterAbove)) return "key-converter";
  if (!atMost(attended, possible, bands.severeAtOrBelow)) return "persistent";
  return "severe";
}

function atMost(attended: number, possible: number, percent: number): boolean {
  return attended * 1000 <= Math.round(percent * 10) * possible;
}
