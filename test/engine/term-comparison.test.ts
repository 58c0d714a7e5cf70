/** This term against last term, from the weekly figures (issue 13, the summary). */
import { buildCalendar } from "../../src/engine/calendar";
import { parseDate } from "../../src/engine/dates";
import { DEFAULT_POLICY } from "../../src/engine/policy";
import type { WeeklyFigure } from "../../src/engine/summary";
import { termComparison } from "../../src/engine/term-comparison";

const week = (weekStart: string, attended: number, possible: number): WeeklyFigure => ({ weekStart, attendedSessions: attended, possibleSessions: possible, attendancePercent: null });
const cal = (asOf: string) => buildCalendar({ sessions: [], marks: [], pupils: [], problems: [] } as never, parseDate(asOf)!, DEFAULT_POLICY);

test("the spring term against the autumn term; a week is in the term its Friday falls in", () => {
  const weeks = [week("2025-12-15", 90, 100), week("2025-12-29", 0, 0), week("2026-01-05", 95, 100), week("2026-03-09", 97, 100)];
  const c = termComparison(weeks, cal("2026-03-13"), DEFAULT_POLICY);
  expect(c.thisTerm).toMatchObject({ name: "Spring term", attendedSessions: 192, possibleSessions: 200, attendancePercent: 96 });
  expect(c.lastTerm).toMatchObject({ name: "Autumn term", attendedSessions: 90, possibleSessions: 100, attendancePercent: 90 });
});

test("in the autumn term there is no last term to compare with", () => {
  const c = termComparison([week("2025-09-08", 99, 100)], cal("2025-09-12"), DEFAULT_POLICY);
  expect(c.thisTerm.attendancePercent).toBe(99);
  expect(c.lastTerm).toBeNull();
});
