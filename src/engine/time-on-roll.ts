/** Time on roll: the sessions before a pupil's admission or after their leaving do not count for them. */
import { MarksDataset, PupilRecord } from "./dataset";
import { formatIso } from "./dates";

/**
 * Sessions outside a pupil's time on roll (before admission, after leaving) do not count for them.
 * A mark found there is left out and reported once for the pupil, with how many and the first.
 */
export function applyTimeOnRoll(ds: MarksDataset): void {
  const off = (roll: PupilRecord["onRoll"], day: number) => roll !== undefined && ((roll.from !== undefined && day < roll.from) || (roll.to !== undefined && day > roll.to));
  // A code the reader could not use (I01, waiting for the policy's codeMap) outside the time on roll
  // is a mark outside it too: counted here, so the codeMap cannot bring it back into the figures.
  const pupilOf = new Map<string, number>();
  ds.pupils.forEach((p, i) => pupilOf.set(p.upn, pupilOf.get(p.upn) ?? i));
  const sessionOf = new Map(ds.sessions.map((s, i) => [s.label, i]));
  const unreadOff = new Set<string>();
  ds.problems = ds.problems.filter((pr) => {
    if ((pr.kind !== "unknown-code" && pr.kind !== "legacy-code-after-2024") || pr.upn === undefined || pr.session === undefined) return true;
    const p = pupilOf.get(pr.upn);
    const s = sessionOf.get(pr.session);
    if (p === undefined || s === undefined || !off(ds.pupils[p].onRoll, ds.sessions[s].day)) return true;
    unreadOff.add(`${p}:${s}`);
    return false;
  });
  ds.pupils.forEach((pupil, p) => {
    const roll = pupil.onRoll;
    if (!roll || (roll.from === undefined && roll.to === undefined)) return;
    const m = ds.marks[p];
    let count = 0;
    let first = -1;
    for (let s = 0; s < ds.sessions.length; s++) {
      const day = ds.sessions[s].day;
      if (off(roll, day)) {
        if (m[s] !== 0 || unreadOff.has(`${p}:${s}`)) {
          if (first < 0) first = s;
          count++;
          m[s] = 0;
        }
      }
    }
    if (count === 0) return;
    const span = `${roll.from !== undefined ? `admitted ${formatIso(roll.from)}` : ""}${roll.from !== undefined && roll.to !== undefined ? ", " : ""}${roll.to !== undefined ? `left ${formatIso(roll.to)}` : ""}`;
    ds.problems.push({
      kind: "outside-time-on-roll",
      upn: pupil.upn,
      row: pupil.row,
      session: ds.sessions[first].label,
      value: String(count),
      message: `${count} mark${count === 1 ? "" : "s"} for row ${pupil.row} fall outside the pupil's time on roll (${span}), the first on ${ds.sessions[first].label}. They were left out of every count; check the admission and leaving dates.`,
    });
  });
}
