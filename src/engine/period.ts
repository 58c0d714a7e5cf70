/**
 * A pupil's session counts over a chosen period (a letter "from 5 January 2026 to 13 March 2026"),
 * counted as the analysis counts them: attended, authorised and unauthorised sessions are possible
 * sessions; not-possible codes and sessions with no mark are left out.
 */
import type { SessionCounts } from "./analyse";
import { CLASS_BY_ID, MarkClass } from "./codes";
import type { MarksDataset } from "./dataset";
import type { DayNumber } from "./dates";

/** Counts for pupil `index` over the sessions from `from` to `to`, both days included. */
export function periodCounts(dataset: Pick<MarksDataset, "sessions" | "marks">, index: number, from: DayNumber, to: DayNumber): SessionCounts {
  const m = dataset.marks[index];
  const out: SessionCounts = { possible: 0, attended: 0, authorised: 0, unauthorised: 0 };
  if (!m) return out;
  dataset.sessions.forEach((s, i) => {
    if (s.day < from || s.day > to) return;
    const k = CLASS_BY_ID[m[i]];
    if (k === MarkClass.Attended) out.attended++;
    else if (k === MarkClass.Authorised) out.authorised++;
    else if (k === MarkClass.Unauthorised) out.unauthorised++;
    else return;
    out.possible++;
  });
  return out;
}
