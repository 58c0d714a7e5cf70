/**
 * A school's own codes (SIMS sub-codes such as I01 or X03, a local 7) read as the national codes
 * they stand for, from the policy's `codeMap`, before any rule. Applied to the marks the reader could
 * not use (each reported as a problem with its pupil, session and value), so a mapped mark counts
 * exactly as if the register had held the national code. Reported once per code with a count.
 */
import { codeId, normaliseCode } from "./codes";
import { MarksDataset, Problem } from "./dataset";

export function applyCodeMap(ds: MarksDataset, codeMap: Record<string, string> | undefined): MarksDataset {
  if (!codeMap || Object.keys(codeMap).length === 0) return ds;
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
  for (const [from, c] of counts) notices.push(`"${from}" was read as ${c.to} (the policy's codeMap): ${c.n} mark${c.n === 1 ? "" : "s"}.`);
  return { ...ds, marks, problems, notices };
}
