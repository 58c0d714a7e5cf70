/**
 * Merging a MIS marks export into the tracker's Marks sheet. New sessions and new pupils are added
 * and empty cells filled; a mark that differs from one already there is never silently overwritten:
 * it is listed for the user to accept or keep.
 */
import { REGISTER_CODES } from "../engine/codes";
import { MarksDataset, Problem } from "../engine/dataset";
import { Grid, mapPupilKeys } from "../import/grid";
import { parseSessionHeader } from "../import/session-headers";
import { Session, sessionOrdinal } from "../engine/sessions";

export interface MarkConflict {
  /** `UPN|2025-01-13 AM`: the key the user's choices are kept under. */
  key: string;
  upn: string;
  name: string;
  session: string;
  existing: string;
  incoming: string;
}

export interface MarksMergePlan {
  /** Sessions to add as columns, in date order. */
  newSessions: Session[];
  /** Pupils to add as rows, with their marks by session label. */
  newPupils: Array<{ upn: string; surname: string; forename: string; marks: Record<string, string> }>;
  /** Empty cells of pupils already there that the import fills. */
  fills: Array<{ upn: string; session: string; code: string }>;
  conflicts: MarkConflict[];
  unchanged: number;
  /** Problems in the imported file: its unreadable marks are not imported. */
  problems: Problem[];
  /** What the reader did, once each (e.g. which column identified the pupils). */
  notices: string[];
}

export const conflictKey = (upn: string, session: string) => `${upn}|${session}`;

/**
 * Plan the merge of `incoming` into the Marks sheet's cells (`existing`: header row and rows as text).
 * An export keyed by an admission number or MIS id is first matched to UPNs through `pupils` (the
 * tracker's Pupils sheet), as the command line does with --pupils.
 */
export function planMarksMerge(existing: Grid, incoming: MarksDataset, pupils?: Grid): MarksMergePlan {
  if (incoming.pupilKey && !incoming.pupilKey.mapped && pupils && pupils.header.length > 0) mapPupilKeys(incoming, { pupils, pupilsName: "the Pupils sheet" });
  const lower = existing.header.map((h) => String(h ?? "").trim().toLowerCase());
  const upnCol = lower.indexOf("upn");
  const columnOf = new Map<string, number>();
  existing.header.forEach((h, i) => {
    const parsed = parseSessionHeader(String(h ?? ""));
    if (parsed.kind === "session" && !columnOf.has(parsed.session.label)) columnOf.set(parsed.session.label, i);
  });
  const rowOf = new Map<string, string[]>();
  if (upnCol >= 0) {
    for (const row of existing.rows) {
      // UPNs are capitals and digits (DfE): a tracker row typed " a873412318002 " is the same pupil.
      const upn = String(row[upnCol] ?? "").trim().toUpperCase();
      if (upn && !rowOf.has(upn)) rowOf.set(upn, row);
    }
  }
  const newSessions = incoming.sessions.filter((s) => !columnOf.has(s.label)).sort((a, b) => sessionOrdinal(a.day, a.pm) - sessionOrdinal(b.day, b.pm));
  const plan: MarksMergePlan = { newSessions, newPupils: [], fills: [], conflicts: [], unchanged: 0, problems: incoming.problems, notices: incoming.notices ?? [] };
  incoming.pupils.forEach((pupil, p) => {
    const marks = incoming.marks[p];
    const row = rowOf.get(pupil.upn.trim().toUpperCase());
    const name = [pupil.details.forename, pupil.details.surname].filter(Boolean).join(" ");
    if (!row) {
      const out: Record<string, string> = {};
      incoming.sessions.forEach((s, i) => {
        if (marks[i]) out[s.label] = REGISTER_CODES[marks[i]].code;
      });
      plan.newPupils.push({ upn: pupil.upn, surname: pupil.details.surname ?? "", forename: pupil.details.forename ?? "", marks: out });
      return;
    }
    incoming.sessions.forEach((s, i) => {
      if (!marks[i]) return;
      const code = REGISTER_CODES[marks[i]].code;
      const col = columnOf.get(s.label);
      // Only a truly empty cell is filled: one holding spaces, or a formula (even one showing
      // nothing), is the school's, and is listed for the user to decide.
      const raw = col === undefined ? "" : String(row[col] ?? "");
      if (raw === "") plan.fills.push({ upn: pupil.upn, session: s.label, code });
      else if (raw.trim().toUpperCase() === code) plan.unchanged++;
      else plan.conflicts.push({ key: conflictKey(pupil.upn, s.label), upn: pupil.upn, name, session: s.label, existing: raw, incoming: code });
    });
  });
  return plan;
}

/** The merged Marks sheet as a grid (for a tracker held in memory): nothing is lost, choices applied. */
export function applyMarksMerge(existing: Grid, plan: MarksMergePlan, accepted: ReadonlySet<string>): { grid: Grid; added: number; replaced: number } {
  const header = [...existing.header.map((h) => String(h ?? "")), ...plan.newSessions.map((s) => s.label)];
  const width = header.length;
  const lower = header.map((h) => h.trim().toLowerCase());
  const upnCol = lower.indexOf("upn");
  const colOf = new Map<string, number>();
  header.forEach((h, i) => {
    const parsed = parseSessionHeader(h);
    if (parsed.kind === "session" && !colOf.has(parsed.session.label)) colOf.set(parsed.session.label, i);
  });
  const rows = existing.rows.map((r) => {
    const copy = r.map((c) => String(c ?? ""));
    while (copy.length < width) copy.push("");
    return copy;
  });
  const rowIndex = new Map<string, number>();
  rows.forEach((r, i) => {
    const upn = r[upnCol]?.trim();
    if (upn && !rowIndex.has(upn)) rowIndex.set(upn, i);
  });
  let added = 0;
  let replaced = 0;
  for (const f of plan.fills) {
    rows[rowIndex.get(f.upn)!][colOf.get(f.session)!] = f.code;
    added++;
  }
  for (const c of plan.conflicts) {
    if (!accepted.has(c.key)) continue;
    rows[rowIndex.get(c.upn)!][colOf.get(c.session)!] = c.incoming;
    replaced++;
  }
  const surnameCol = lower.indexOf("surname");
  const forenameCol = lower.indexOf("forename");
  for (const p of plan.newPupils) {
    const r = new Array<string>(width).fill("");
    r[upnCol] = p.upn;
    if (surnameCol >= 0) r[surnameCol] = p.surname;
    if (forenameCol >= 0) r[forenameCol] = p.forename;
    for (const [label, code] of Object.entries(p.marks)) {
      r[colOf.get(label)!] = code;
      added++;
    }
    rows.push(r);
  }
  return { grid: { header, rows }, added, replaced };
}
