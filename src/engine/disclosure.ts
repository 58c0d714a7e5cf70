/**
 * Disclosure control for published counts: which cells of a table of related counts to show as "c"
 * so that no hidden count can be worked out from the ones shown.
 *
 * A table is a list of cells (whole-number counts) and the equations that tie them together, each
 * "total = sum of parts" (the pupils of a school are the sum of its bands; PA is the persistent
 * band plus the severe band; a school's PA is the sum of its year groups' PA; ...). Anyone holding
 * the published figures knows these equations. Hiding the small counts (primary suppression) is not
 * enough: where the other cells of an equation are shown, a hidden one is their difference, and
 * equations chain (bands give PA; PA gives the severe band). So after the primary cells are hidden,
 * `suppress` asks the question an attacker would (is any hidden cell fixed by the equations and the
 * shown cells?) and, while one is, hides one more shown cell next to it (complementary suppression),
 * the smallest first, as statistical offices do. The question is answered exactly, by linear algebra
 * over every equation at once, not equation by equation: "every subtraction" and every chain of them.
 *
 * A "c" may hide any count, 0 included: a count hidden with another (the severe band beside a hidden
 * PA) can be 0. A set of hidden cells whose shown total is 0 would all be 0, so that is checked too.
 */

export interface Equation {
  /** Cell index of the total. */
  total: number;
  /** Cell indexes of the parts. */
  parts: readonly number[];
}

export interface DisclosureTable {
  /** The true counts, one a cell. */
  values: readonly number[];
  equations: readonly Equation[];
  /** Cells hidden from the start (counts of 1 or 2, and what is hidden with them). */
  primary: readonly boolean[];
  /** Cells that are always shown (a school's own pupils and sessions). */
  locked?: readonly boolean[];
  /**
   * Cells hidden together: hiding one cell of a unit hides all of it (a group of pupils hidden in
   * full, its sessions with it). `unitOf[i]` lists the cells of i's unit; absent means i alone.
   */
  unitOf?: ReadonlyArray<readonly number[] | undefined>;
  /**
   * Which shown cells to give up first when one more must be hidden: lower first (a group's count
   * before the school's own headline figure), then the smallest count. Absent: all alike.
   */
  priority?: readonly number[];
}

/** Cells that are hidden and yet fixed by the equations and the shown cells (a leak). */
export function determinedCells(values: readonly number[], hidden: readonly boolean[], equations: readonly Equation[]): number[] {
  const found = new Set<number>();
  for (const component of hiddenComponents(hidden, equations)) for (const i of determinedIn(values, hidden, component)) found.add(i);
  return [...found].sort((a, b) => a - b);
}

/** Which cells to show as "c". */
export function suppress(table: DisclosureTable): boolean[] {
  const { values, equations } = table;
  const hidden = table.primary.slice();
  const locked = table.locked ?? [];
  const hideUnit = (i: number) => {
    for (const j of table.unitOf?.[i] ?? [i]) hidden[j] = true;
  };
  for (let i = 0; i < hidden.length; i++) if (hidden[i]) hideUnit(i);
  const byCell = equationsByCell(values.length, equations);
  // Each round hides at least one more cell, so this ends; the bound is only a guard.
  for (let round = 0; round <= values.length; round++) {
    // The plain subtractions first (one hidden cell in an equation), equation by equation: cheap,
    // and they fix most leaks; then the whole system is asked.
    let local = true;
    while (local) {
      local = false;
      for (const e of equations) {
        const cells = cellsOf(e);
        const shut = cells.filter((c) => hidden[c]);
        if (shut.length !== 1) continue;
        const pick = smallestShown(cells, values, hidden, locked, table.priority);
        if (pick >= 0) {
          hideUnit(pick);
          local = true;
        }
      }
    }
    const leaks = determinedCells(values, hidden, equations);
    if (leaks.length === 0) break;
    const leak = leaks[0];
    const candidate = pickComplement(leak, values, hidden, locked, equations, byCell, table.priority);
    if (candidate < 0) break; // Nothing left to hide next to it (cannot happen with a shown total).
    hideUnit(candidate);
  }
  return hidden;
}

/**
 * The shown cell to hide next to a leaking one: from the equations that hold the leak first, then
 * from those of the hidden cells joined to it; the smallest non-zero count, then a 0.
 */
function pickComplement(
  leak: number,
  values: readonly number[],
  hidden: readonly boolean[],
  locked: readonly boolean[],
  equations: readonly Equation[],
  byCell: number[][],
  priority?: readonly number[],
): number {
  const near = new Set(byCell[leak]);
  const component = new Set<number>([leak]);
  const queue = [leak];
  const reached = new Set<number>();
  while (queue.length > 0) {
    const c = queue.pop()!;
    for (const e of byCell[c]) {
      if (reached.has(e)) continue;
      reached.add(e);
      for (const k of cellsOf(equations[e])) if (hidden[k] && !component.has(k)) {
        component.add(k);
        queue.push(k);
      }
    }
  }
  for (const pool of [near, reached]) {
    const pick = smallestShown([...pool].flatMap((e) => cellsOf(equations[e])), values, hidden, locked, priority);
    if (pick >= 0) return pick;
  }
  return -1;
}

/** The shown, unlocked cell of the lowest priority with the smallest non-zero count (then a 0), or -1. */
function smallestShown(cells: readonly number[], values: readonly number[], hidden: readonly boolean[], locked: readonly boolean[], priority?: readonly number[]): number {
  let best = -1;
  const rank = (k: number) => [priority?.[k] ?? 0, values[k] > 0 ? 0 : 1, values[k], k];
  for (const k of cells) {
    if (hidden[k] || locked[k]) continue;
    if (best < 0) {
      best = k;
      continue;
    }
    const x = rank(k);
    const y = rank(best);
    for (let i = 0; i < x.length; i++) {
      if (x[i] === y[i]) continue;
      if (x[i] < y[i]) best = k;
      break;
    }
  }
  return best;
}

function cellsOf(e: Equation): number[] {
  return [e.total, ...e.parts];
}

function equationsByCell(n: number, equations: readonly Equation[]): number[][] {
  const byCell: number[][] = Array.from({ length: n }, () => []);
  equations.forEach((e, i) => {
    for (const c of cellsOf(e)) if (!byCell[c].includes(i)) byCell[c].push(i);
  });
  return byCell;
}

/** Hidden cells grouped by the equations that join them, each with those equations. */
function hiddenComponents(hidden: readonly boolean[], equations: readonly Equation[]): Array<{ cells: number[]; equations: Equation[] }> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const relevant = equations.filter((e) => cellsOf(e).some((c) => hidden[c]));
  for (const e of relevant) {
    const hs = cellsOf(e).filter((c) => hidden[c]);
    for (const c of hs) if (!parent.has(c)) parent.set(c, c);
    for (let i = 1; i < hs.length; i++) {
      const a = find(hs[0]);
      const b = find(hs[i]);
      if (a !== b) parent.set(a, b);
    }
  }
  const groups = new Map<number, { cells: number[]; equations: Equation[] }>();
  for (const c of parent.keys()) {
    const r = find(c);
    let g = groups.get(r);
    if (!g) groups.set(r, (g = { cells: [], equations: [] }));
    g.cells.push(c);
  }
  for (const e of relevant) {
    const first = cellsOf(e).find((c) => hidden[c])!;
    groups.get(find(first))!.equations.push(e);
  }
  return [...groups.values()];
}

/**
 * Within one component: reduce the equations (hidden cells as unknowns, shown cells moved to the
 * right-hand side) to reduced row echelon form; an unknown is fixed when its pivot row holds no
 * other unknown. Rows are sparse (an equation names a few cells), so they are kept as maps and
 * reduced one at a time against the pivot rows so far. Coefficients stay small rationals built from
 * 0/±1 rows, so a tolerance far below them stands in for exact arithmetic (the tests check the
 * result with exact arithmetic).
 */
function determinedIn(values: readonly number[], hidden: readonly boolean[], component: { cells: number[]; equations: Equation[] }): number[] {
  const EPS = 1e-9;
  const found = new Set<number>();
  // Pivot rows by their pivot cell; each row maps cell -> coefficient (the right-hand side is not
  // needed to know whether a cell is fixed).
  const pivots = new Map<number, Map<number, number>>();
  for (const e of component.equations) {
    let row = new Map<number, number>();
    let rhs = 0;
    const term = (c: number, sign: number) => {
      if (hidden[c]) row.set(c, (row.get(c) ?? 0) + sign);
      else rhs -= sign * values[c];
    };
    term(e.total, 1);
    for (const p of e.parts) term(p, -1);
    for (const [c, v] of row) if (Math.abs(v) <= EPS) row.delete(c);
    if (row.size === 0) continue;
    // Hidden cells that must add up to 0 (all on one side, none negative) are each 0.
    const coeffs = [...row.values()];
    if (rhs === 0 && (coeffs.every((v) => v > 0) || coeffs.every((v) => v < 0))) for (const c of row.keys()) found.add(c);
    // Reduce against the pivot rows so far.
    for (;;) {
      let hit = -1;
      for (const c of row.keys()) if (pivots.has(c)) {
        hit = c;
        break;
      }
      if (hit < 0) break;
      const f = row.get(hit)!;
      const next = new Map(row);
      for (const [c, v] of pivots.get(hit)!) {
        const x = (next.get(c) ?? 0) - f * v;
        if (Math.abs(x) <= EPS) next.delete(c);
        else next.set(c, x);
      }
      row = next;
    }
    if (row.size === 0) continue;
    let pivot = -1;
    for (const c of row.keys()) if (pivot < 0 || c < pivot) pivot = c;
    const pv = row.get(pivot)!;
    for (const [c, v] of row) row.set(c, v / pv);
    // Keep the form reduced: take the new pivot out of every other pivot row.
    for (const [, other] of pivots) {
      const f = other.get(pivot);
      if (f === undefined) continue;
      for (const [c, v] of row) {
        const x = (other.get(c) ?? 0) - f * v;
        if (Math.abs(x) <= EPS) other.delete(c);
        else other.set(c, x);
      }
    }
    pivots.set(pivot, row);
  }
  for (const [c, row] of pivots) if (row.size === 1) found.add(c);
  return [...found];
}
