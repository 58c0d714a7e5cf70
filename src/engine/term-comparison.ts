/**
 * The school's attendance this term against last term (issue 13, the summary's comparison), from
 * the weekly figures: a school week belongs to the term in which its Monday falls.
 */
import type { SchoolCalendar } from "./calendar";
import { termStarts } from "./calendar";
import { parseDate } from "./dates";
import { truncatedPercent } from "./measures";
import type { Policy } from "./policy";
import type { WeeklyFigure } from "./summary";

export interface TermFigure {
  name: string;
  attendedSessions: number;
  possibleSessions: number;
  attendancePercent: number | null;
}

export interface TermComparison {
  thisTerm: TermFigure;
  /** Null in the first term of the year, or when last term has no possible sessions in the data. */
  lastTerm: TermFigure | null;
}

export function termComparison(weekly: readonly WeeklyFigure[], cal: SchoolCalendar, policy: Policy): TermComparison {
  const starts = termStarts(cal.schoolYearStart, policy);
  const order = starts.map((d, i) => ({ d, i })).sort((a, b) => a.d - b.d);
  const pos = order.findIndex((o) => o.i === cal.termIndex);
  const sum = (from: number, to: number, name: string): TermFigure => {
    let attended = 0;
    let possible = 0;
    for (const w of weekly) {
      const d = parseDate(w.weekStart)!;
      // A week whose Monday falls before the first day of term but which has the term's first day
      // (term starting on a Wednesday) counts with that term: compare its Friday as well.
      if (d + 4 >= from && d + 4 < to) {
        attended += w.attendedSessions;
        possible += w.possibleSessions;
      }
    }
    return { name, attendedSessions: attended, possibleSessions: possible, attendancePercent: truncatedPercent(attended, possible) };
  };
  const end = (k: number) => (k + 1 < order.length ? order[k + 1].d : Infinity);
  const thisTerm = sum(order[pos].d, end(pos), policy.terms[cal.termIndex].name);
  const last = pos > 0 ? sum(order[pos - 1].d, order[pos].d, policy.terms[order[pos - 1].i].name) : null;
  return { thisTerm, lastTerm: last && last.possibleSessions > 0 ? last : null };
}
