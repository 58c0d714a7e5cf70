/**
 * Issue 24: suppression that holds. A reader who has only the published summary (and, for the
 * trust, every school's summary and the trust's totals) must not be able to work out any "c".
 *
 * The attacker here is written independently of src/engine/disclosure.ts: it reads the published
 * JSON, writes down every equation a reader knows from the documented format (docs/trust.md), and
 * solves them with exact rational arithmetic (BigInt fractions), so a hidden count fixed by any
 * combination of subtractions is found. A quick "one hidden cell in one equation" pass is run too,
 * as the plainest subtraction a governor would try.
 */
import fc from "fast-check";
import { Count, Figures, SchoolSummaryFile } from "../../src/engine/school-summary";
import { BANDS } from "../../src/engine/measures";
import { buildTrustDashboard } from "../../src/engine/trust";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { determinedCells, suppress } from "../../src/engine/disclosure";

// ---------------------------------------------------------------- the attacker (exact arithmetic)

type Frac = { n: bigint; d: bigint };
const gcd = (a: bigint, b: bigint): bigint => {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a;
};
const frac = (n: bigint, d = 1n): Frac => {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};
const sub = (a: Frac, b: Frac) => frac(a.n * b.d - b.n * a.d, a.d * b.d);
const mul = (a: Frac, b: Frac) => frac(a.n * b.n, a.d * b.d);
const div = (a: Frac, b: Frac) => frac(a.n * b.d, a.d * b.n);
const isZero = (a: Frac) => a.n === 0n;

/** A published cell: a number, or "c" (an unknown). */
type Published = Count;
interface Known {
  cells: Published[];
  names: string[];
  equations: Array<{ total: number; parts: number[] }>;
}

function collector(): Known & { add(name: string, v: Published): number; eq(total: number, parts: number[]): void } {
  const k = {
    cells: [] as Published[],
    names: [] as string[],
    equations: [] as Array<{ total: number; parts: number[] }>,
    add(name: string, v: Published) {
      k.cells.push(v);
      k.names.push(name);
      return k.cells.length - 1;
    },
    eq(total: number, parts: number[]) {
      k.equations.push({ total, parts });
    },
  };
  return k;
}

/** The equations a reader knows from one set of published figures; returns the cell ids. */
function figureCells(k: ReturnType<typeof collector>, f: Figures, at: string) {
  const pupils = k.add(`${at}.pupils`, f.pupils);
  const pa = k.add(`${at}.PA`, f.persistentAbsence);
  const sa = k.add(`${at}.SA`, f.severeAbsence);
  const met = k.add(`${at}.thresholdMet`, f.thresholdMet);
  const bands = Object.fromEntries(BANDS.map((b) => [b, k.add(`${at}.bands.${b}`, f.bands[b])]));
  const stages = Object.fromEntries(Object.entries(f.stages).map(([s, v]) => [s, k.add(`${at}.stages.${s}`, v)]));
  const sessionKeys = ["possible", "attended", "authorised", "unauthorised"] as const;
  const sessions = Object.fromEntries(sessionKeys.map((s) => [s, k.add(`${at}.sessions.${s}`, f.sessions === "c" ? "c" : f.sessions[s])]));
  k.eq(pupils, Object.values(bands));
  k.eq(pupils, Object.values(stages));
  k.eq(pa, [bands.persistent, bands.severe]);
  k.eq(sa, [bands.severe]);
  k.eq(sessions.possible, [sessions.attended, sessions.authorised, sessions.unauthorised]);
  return { pupils, pa, sa, met, bands, stages, sessions };
}

function summaryEquations(s: SchoolSummaryFile): Known {
  const k = collector();
  const school = figureCells(k, s.figures, "school");
  for (const g of s.groups) {
    const values = g.values.map((v) => figureCells(k, v, `${g.column}=${v.value}`));
    const sumOf = (pick: (c: typeof school) => number) => k.eq(pick(school), values.map(pick));
    for (const f of ["pupils", "pa", "sa", "met"] as const) sumOf((c) => c[f]);
    for (const b of BANDS) sumOf((c) => c.bands[b]);
    for (const st of Object.keys(school.stages)) sumOf((c) => c.stages[st]);
    for (const se of Object.keys(school.sessions)) sumOf((c) => c.sessions[se]);
  }
  const kc = k.add("keyGroups.key-converters", s.keyGroups["key-converters"]);
  k.eq(kc, [school.bands["key-converter"]]);
  for (const [id, field] of [["persistent", "pa"], ["severe", "sa"], ["threshold-met", "met"]] as const) k.eq(k.add(`keyGroups.${id}`, s.keyGroups[id]), [school[field]]);
  return k;
}

/** Names of "c" cells that the equations fix (exact Gauss-Jordan over the unknowns). */
function recoverable(k: Known): string[] {
  const unknowns = k.cells.map((v, i) => (v === "c" ? i : -1)).filter((i) => i >= 0);
  const col = new Map(unknowns.map((u, i) => [u, i]));
  const rows: Frac[][] = [];
  const out = new Set<string>();
  for (const e of k.equations) {
    const row = new Array<Frac>(unknowns.length + 1).fill(frac(0n));
    let rhs = 0n;
    const term = (c: number, sign: bigint) => {
      const v = k.cells[c];
      if (v === "c") row[col.get(c)!] = frac(row[col.get(c)!].n + sign * row[col.get(c)!].d, row[col.get(c)!].d);
      else rhs -= sign * BigInt(v);
    };
    term(e.total, 1n);
    for (const p of e.parts) term(p, -1n);
    row[unknowns.length] = frac(rhs);
    if (row.slice(0, -1).every(isZero)) continue;
    // The plainest subtraction: one unknown in one equation.
    const nz = row.slice(0, -1).map((x, i) => (isZero(x) ? -1 : i)).filter((i) => i >= 0);
    if (nz.length === 1) out.add(k.names[unknowns[nz[0]]]);
    // Unknowns that must add up to 0 are each 0 (counts are never negative).
    if (rhs === 0n && nz.every((i) => row[i].n > 0n)) for (const i of nz) out.add(k.names[unknowns[i]]);
    if (rhs === 0n && nz.every((i) => row[i].n < 0n)) for (const i of nz) out.add(k.names[unknowns[i]]);
    rows.push(row);
  }
  let r = 0;
  const pivots: Array<[number, number]> = [];
  for (let c = 0; c < unknowns.length && r < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= r && !isZero(row[c]));
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p], rows[r]];
    const pv = rows[r][c];
    rows[r] = rows[r].map((x) => div(x, pv));
    for (let i = 0; i < rows.length; i++) if (i !== r && !isZero(rows[i][c])) {
      const f = rows[i][c];
      rows[i] = rows[i].map((x, j) => sub(x, mul(f, rows[r][j])));
    }
    pivots.push([c, r]);
    r++;
  }
  for (const [c, ri] of pivots) if (rows[ri].every((x, j) => j === c || j === unknowns.length || isZero(x))) out.add(k.names[unknowns[c]]);
  return [...out].sort();
}

function summaryOf(pupils: number, seed: number, name = `School ${seed}`) {
  const s = generateSchool({ pupils, seed });
  return summariseTracker(s, { name, phase: "secondary", createdAt: new Date("2026-03-16T09:00:00Z") });
}

// ---------------------------------------------------------------- tests

describe("suppression that holds (issue 24): no c can be worked out by subtraction", () => {
  test("the issue's school of 12 with one persistently absent pupil: the bands no longer give the 1 away", () => {
    // The issue: PA was c, and 12 - 5 (perfect) - 6 (expected) - 0 - 0 = 1 gave it back.
    const counts = [12, 5, 6, 0, 0, 1, 0, 1, 0]; // pupils, bands (perfect, expected, below, key converter, persistent, severe), PA, SA
    const [pupils, perfect, expected, below, kc, persistent, severe, pa, sa] = counts.map((_v, i) => i);
    const equations = [
      { total: pupils, parts: [perfect, expected, below, kc, persistent, severe] },
      { total: pa, parts: [persistent, severe] },
      { total: sa, parts: [severe] },
    ];
    // The old rule hid PA, SA and both PA bands, and nothing else:
    const old = counts.map((_v, i) => [persistent, severe, pa, sa].includes(i));
    expect(determinedCells(counts, old, equations)).toContain(pa);
    const hidden = suppress({ values: counts, equations, primary: counts.map((_v, i) => i === pa || i === persistent), locked: counts.map((_v, i) => i === pupils) });
    expect(determinedCells(counts, hidden, equations)).toEqual([]);
    expect(hidden[pa]).toBe(true);
    expect(hidden[pupils]).toBe(false);
  });

  test.each([[12, 3], [12, 8], [18, 21], [25, 4], [40, 7], [40, 11], [90, 5], [150, 2025]])(
    "a %i-pupil school (seed %i): no c in the summary can be derived from the other figures",
    (n, seed) => {
      const { summary } = summaryOf(n, seed);
      const k = summaryEquations(summary);
      // Small schools really have c cells: the check is not vacuous.
      if (n <= 40) expect(k.cells.filter((v) => v === "c").length).toBeGreaterThan(0);
      expect(recoverable(k)).toEqual([]);
    },
  );

  test("property: random schools of 6 to 60 pupils, every group column: no c recoverable", () => {
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 60 }), fc.integer({ min: 1, max: 1_000_000 }), (n, seed) => {
        const { summary } = summaryOf(n, seed);
        expect(recoverable(summaryEquations(summary))).toEqual([]);
      }),
      { numRuns: 25, seed: 24 },
    );
  });

  test("the trust's totals give nothing back: they add only the counts the schools published", () => {
    const schools = [summaryOf(12, 3, "Alpha").summary, summaryOf(40, 7, "Beta").summary, summaryOf(25, 4, "Gamma").summary];
    const d = buildTrustDashboard(schools, null);
    const k = collector();
    // Each school's published PA, with the trust's known total and count of schools hiding theirs.
    const cells = schools.map((s) => k.add(`${s.school.name}.PA`, s.figures.persistentAbsence));
    const known = schools.reduce((n, s) => n + (s.figures.persistentAbsence === "c" ? 0 : (s.figures.persistentAbsence as number)), 0);
    expect(d.trust.persistentAbsence.known).toBe(known);
    expect(d.trust.persistentAbsence.hiddenInSchools).toBe(schools.filter((s) => s.figures.persistentAbsence === "c").length);
    // A trust total that left a c in would be an equation over it: it has none, so nothing is fixed.
    if (d.trust.persistentAbsence.hiddenInSchools > 0) expect(d.trust.persistentAbsence.percent).toBeNull();
    expect(recoverable(k)).toEqual([]);
    expect(cells.length).toBe(3);
  });
});
