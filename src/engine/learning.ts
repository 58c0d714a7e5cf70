/**
 * Learning lost: what missed sessions mean in days, hours and school weeks. Hours per session is a
 * policy value (3.25 by default, from the DfE's 32.5-hour minimum school week; Essex uses 2.5, "5
 * hours for every two sessions missed").
 */
export interface LearningLost {
  sessions: number;
  days: number;
  hours: number;
  /** A school week is 10 sessions. */
  schoolWeeks: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function learningLost(sessionsMissed: number, hoursPerSession: number): LearningLost {
  return {
    sessions: sessionsMissed,
    days: sessionsMissed / 2,
    hours: round2(sessionsMissed * hoursPerSession),
    schoolWeeks: round2(sessionsMissed / 10),
  };
}

/** "3 days", "half a day", "6.5 days": how letters and reasons speak of days. */
export function describeDays(days: number): string {
  if (days === 0.5) return "half a day";
  if (days === 1) return "1 day";
  return `${Number.isInteger(days) ? days : days.toFixed(1)} days`;
}
