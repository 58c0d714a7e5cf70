/**
 * A school's own codes (SIMS sub-codes such as I01 or X03, a local 7) read as the national codes
 * they stand for, from the policy's `codeMap`, before any rule. Applied to the marks the reader could
 * not use (each reported as a problem with its pupil, session and value), so a mapped mark counts
 * exactly as if the register had held the national code. Reported once per code with a count.
 */
import { codeId, normaliseCode } from "./codes";
import { MarksDataset, Problem } from "./dataset";

/**
 * SIMS's session sub-codes agreed with the DfE, each read as its published parent code unless the
 * trust's codeMap says otherwise. Source: SIMS (ESS), "COVID-19 related SIMS attendance subcodes",
 * 8 March 2021, simsforschools.com/index.php/news/146 (the Autumn 2020 attendance sub-codes patch):
 * "added following consultation with the DfE ... only reflected in School Census in terms of their
 * aggregation into attendance session code totals": I01 Illness, I02 Illness (confirmed COVID-19)
 * to I; X01 non-compulsory school age, X02 to X07 (self-isolating, quarantine, shielding,
 * Government advice not to attend) to X. See docs/exports.md.
 */
export const SIMS_SUB_CODES: Readonly<Record<string, string>> = {
  I01: "I",
  I02: "I",
  X01: "X",
  X02: "X",
  X03: "X",
  X04: "X",
  X05: "X",
  X06: "X",
  X07: "X",
};

export function applyCodeMap(ds: MarksDataset, trustMap: Record<string, string> | undefined): MarksDataset {
  // The trust's own map wins over the published parents (a trust may read X02 as I, say).
  const trustKeys = new Set(Object.keys(trustMap ?? {}).map((k) => k.trim().toUpperCase()));
  const codeMap: Record<string, string> = { ...trustMap };
  for (const [from, to] of Object.entries(SIMS_SUB_CODES)) if (!trustKeys.has(from)) codeMap[from] = to;
  const map = new Map(Object.entries(codeMap).map(([from, to]) => [from.trim().toUpperCase(), codeId(normaliseCode(to))]));
  const hits = ds.problems.some((p) => (p.kind === "unknown-code" || p.kind === "legacy-code-after-2024") && map.get(normaliseCode(p.value ?? "")) !== undefined);
  if (!hits) return ds;
  const pupilIndex = new Map<string, number>();
  ds.pupils.forEach((p, i) => {
    if (!pupilIndex.has(p.upn)) pupilIndex.set(p.upn, i);
  });
  const sessionIndex = new Map(ds.sessions.map((s, i) => [s.label, i]));
  const marks = ds.marks.slice();
  const copied = new Set<number>();
  const counts = new Map<string, { to: string; n: number }>();
  const problems: Problem[] = [];
  for (const p of ds.problems) {
    if (p.kind === "unknown-code" || p.kind === "legacy-code-after-2024") {
      const from = normaliseCode(p.value ?? "");
      const id = map.get(from);
      const pi = p.upn === undefined ? undefined : pupilIndex.get(p.upn);
      const si = p.session === undefined ? undefined : sessionIndex.get(p.session);
      if (id !== undefined && pi !== undefined && si !== undefined) {
        if (!copied.has(pi)) {
          marks[pi] = marks[pi].slice();
          copied.add(pi);
        }
        marks[pi][si] = id;
        const c = counts.get(from) ?? { to: normaliseCode(codeMap[Object.keys(codeMap).find((k) => k.trim().toUpperCase() === from)!]), n: 0 };
        c.n++;
        counts.set(from, c);
        continue;
      }
    }
    problems.push(p);
  }
  const notices = [...(ds.notices ?? [])];
  for (const [from, c] of counts) {
    const why = trustKeys.has(from) ? "the policy's codeMap" : "a SIMS sub-code, read as its DfE-agreed parent code; the policy's codeMap can map it otherwise";
    notices.push(`"${from}" was read as ${c.to} (${why}): ${c.n} mark${c.n === 1 ? "" : "s"}.`);
  }
  return { ...ds, marks, problems, notices };
}
