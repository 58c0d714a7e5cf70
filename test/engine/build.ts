/** Small builders for engine tests: a school's sessions and pupils' marks from compact rules. */
import { analyse, Analysis, AnalyseOptions } from "../../src/engine/analyse";
import { formatIso, parseDate, weekday } from "../../src/engine/dates";
import { readMarksGrid } from "../../src/import/grid";
import { MarksDataset } from "../../src/engine/dataset";

/** School days (Monday to Friday) from `from` to `to`, leaving out the `except` ranges (holidays). */
export function weekdays(from: string, to: string, except: Array<[string, string]> = []): string[] {
  const out: string[] = [];
  for (let d = parseDate(from)!; d <= parseDate(to)!; d++) {
    if (weekday(d) > 4) continue;
    const iso = formatIso(d);
    if (except.some(([a, b]) => iso >= a && iso <= b)) continue;
    out.push(iso);
  }
  return out;
}

export interface SessionRef {
  date: string;
  pm: boolean;
  /** Index of the session in the list (AM and PM of each day). */
  index: number;
  /** Index of the day. */
  day: number;
}

export type MarkRule = (s: SessionRef) => string;

/** A wide-layout grid and its dataset: every pupil gets a mark for every session from its rule. */
export function school(days: string[], pupils: Record<string, MarkRule>): MarksDataset {
  const sessions: SessionRef[] = [];
  days.forEach((date, day) => {
    sessions.push({ date, pm: false, index: sessions.length, day });
    sessions.push({ date, pm: true, index: sessions.length, day });
  });
  const header = ["UPN", ...sessions.map((s) => `${s.date} ${s.pm ? "PM" : "AM"}`)];
  const rows = Object.entries(pupils).map(([upn, rule]) => [upn, ...sessions.map((s) => rule(s))]);
  // The engine tests analyse any dataset, even one with no sessions (the file reader refuses such a file).
  return readMarksGrid({ header, rows }, { requireSessions: false });
}

export function run(ds: MarksDataset, options: AnalyseOptions = {}): Analysis {
  return analyse(ds, options);
}

export function pupil(a: Analysis, upn: string) {
  const p = a.pupils.find((x) => x.upn === upn);
  if (!p) throw new Error(`no pupil ${upn}`);
  return p;
}

/** Present all day. */
export const present: MarkRule = (s) => (s.pm ? "\\" : "/");

/** A rule that gives `code` on the listed sessions ("2025-01-13 AM") and presence elsewhere. */
export function marksOn(code: string, labels: string[], otherwise: MarkRule = present): MarkRule {
  const set = new Set(labels);
  return (s) => (set.has(`${s.date} ${s.pm ? "PM" : "AM"}`) ? code : otherwise(s));
}

/** Both sessions of each listed date. */
export function wholeDays(dates: string[]): string[] {
  return dates.flatMap((d) => [`${d} AM`, `${d} PM`]);
}
