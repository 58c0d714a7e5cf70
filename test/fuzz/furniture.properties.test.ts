/**
 * fast-check properties of issue 21, item 2: report furniture (titles, footers, page numbers, group
 * headings, filter notes) put among the pupils of a wide or long export, in the key column or any
 * other, never becomes a pupil; and the real pupils, marked or not yet marked, are never dropped.
 */
import fc from "fast-check";
import { MarksDataset } from "../../src/engine/dataset";
import { readMarksGrid } from "../../src/import/grid";

const DAYS = ["2025-09-08", "2025-09-09", "2025-09-10"];
const SESSIONS = DAYS.flatMap((d) => [`${d} AM`, `${d} PM`]);
const CODES = ["/", "\\", "N", "I", "U", "L", "M", "C", "B"];

/** The pupil keys of one file: UPNs, admission numbers or MIS ids, never mixed (as a MIS exports them). */
const keyKind = fc.constantFrom("upn", "adno", "misid");
const keyOf = (kind: string, n: number) =>
  kind === "upn" ? `${String.fromCharCode(65 + (n % 26))}${String(873412318000 + n).padStart(11, "0").slice(-11)}${n % 10}` : kind === "adno" ? String(1000 + n).padStart(6, "0") : `S-${500 + n}`;

const WORDS = ["Page", "of", "Report", "produced", "by", "on", "Registration", "Group:", "7RB", "10N", "Applied", "filters:", "Year", "is", "Printed", "Jane", "Bloggs", "27/03/2026", "SIMS", "Attendance", "summary", "—", "(continued)", "1", "12", "Academic", "2025/26"];
/** A line of report text: two to seven words, as footers, headings and notes are written. */
const furnitureText = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 7 }).map((w) => w.join(" ")),
  fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 })).map(([a, b]) => `Page ${a} of ${b}`),
  fc.constantFrom("Report produced by Arbor on 27/03/2026", "Registration Group: 7RB", "Applied filters: Year Group is 7, Academic Year is 2025/26"),
);

interface Pupil {
  key: string;
  marks: string[];
}

const school = keyKind.chain((kind) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 12 })
    .chain((ids) =>
      fc.tuple(
        fc.constant(kind),
        // The first pupil always has a mark; others may have none yet (a pupil admitted today).
        fc.tuple(...ids.map((id, i) => fc.array(fc.constantFrom(...CODES, "", ""), { minLength: SESSIONS.length, maxLength: SESSIONS.length }).map((m): Pupil => ({ key: keyOf(kind, id), marks: i === 0 && m.every((c) => c === "") ? ["/", ...m.slice(1)] : m })))),
        fc.array(fc.tuple(fc.nat(), furnitureText, fc.nat(3)), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
      ),
    ),
);

const header = (kind: string) => (kind === "upn" ? "UPN" : kind === "adno" ? "Adno" : "MIS ID");

function wide(kind: string, pupils: Pupil[], furniture: Array<[number, string, number]>): { header: string[]; rows: string[][] } {
  const rows = pupils.map((p) => [p.key, "Surname", ...p.marks]);
  for (const [at, text, col] of furniture) {
    const row = Array(2 + SESSIONS.length).fill("");
    row[col % 2] = text;
    rows.splice(at % (rows.length + 1), 0, row);
  }
  return { header: [header(kind), "Surname", ...SESSIONS], rows };
}

function long(kind: string, pupils: Pupil[], furniture: Array<[number, string, number]>): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  for (const p of pupils) {
    let any = false;
    p.marks.forEach((m, s) => {
      if (m === "") return;
      any = true;
      rows.push([p.key, SESSIONS[s].slice(0, 10), SESSIONS[s].slice(11), m]);
    });
    // A pupil with no mark yet is still a row of the export (the date and session empty).
    if (!any) rows.push([p.key, "", "", ""]);
  }
  for (const [at, text, col] of furniture) {
    const row = ["", "", "", ""];
    row[col % 4] = text;
    rows.splice(at % (rows.length + 1), 0, row);
  }
  return { header: [header(kind), "Date", "Session", "Mark"], rows };
}

const marksOf = (ds: MarksDataset, key: string) => {
  const p = ds.pupils.findIndex((x) => x.upn === key);
  return Array.from(ds.marks[p]).filter((m) => m !== 0).length;
};

test("furniture rows never become pupils; real pupils are never dropped", () => {
  fc.assert(
    fc.property(school, ([kind, pupils, furniture, isWide]) => {
      const grid = isWide ? wide(kind, pupils, furniture) : long(kind, pupils, furniture);
      const ds = readMarksGrid(grid, { requireSessions: false });
      expect(ds.pupils.map((p) => p.upn)).toEqual(pupils.map((p) => p.key));
      for (const p of pupils) expect(marksOf(ds, p.key)).toBe(p.marks.filter((m) => m !== "").length);
      // Nothing said about a furniture row is a problem of a pupil.
      for (const pr of ds.problems) expect(pr.upn === undefined || pupils.some((p) => p.key === pr.upn)).toBe(true);
    }),
    { numRuns: 400 },
  );
});
