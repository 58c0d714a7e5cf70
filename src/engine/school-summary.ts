/**
 * The school summary a trust collects each half term: aggregates only, no pupil data (no UPN, name,
 * address, date of birth or any pupil's row), with small counts suppressed the way the DfE
 * suppresses them in its published school statistics.
 *
 * Format "attendance-toolkit-school-summary", version 1, documented in docs/trust.md and checked by
 * `readSchoolSummary` whenever a file is read.
 *
 * Suppression rule (SUPPRESSION below). The DfE's statistics on explore-education-statistics
 * (the "Pupil absence in schools in England" and "Pupil attendance in schools" releases) show `c`
 * ("confidential") in place of a figure that could identify a pupil. Following that practice and
 * the Government Statistical Service guidance on disclosure control the DfE applies to school data:
 *   - a count of pupils of 1 or 2 (below 3, not 0) is shown as "c", and so is any rate whose
 *     count is "c";
 *   - a group (a year, FSM "Yes", ...) of fewer than 3 pupils is shown as "c" in full, its session
 *     counts included, since sessions of one or two pupils are those pupils' attendance;
 *   - secondary suppression: where a breakdown adds up to a published total (bands, stages, the
 *     values of a group column) and exactly one cell is "c", the next smallest cell is hidden too,
 *     so the "c" cannot be worked out by subtraction; figures that count the same pupils (the
 *     severe band and SA, the persistent and severe bands and PA, the key-converter band and the
 *     key converters) are hidden together; across the values of a group column, a lone hidden
 *     PA, SA or threshold count takes the next smallest with it.
 * The school's own whole-school figures are published (a school of 3 or more pupils).
 */
import { ActionEntry, ACTION_TYPES, ActionType, effectiveEntries } from "./actions";
import { Analysis, PupilAnalysis } from "./analyse";
import { keyGroups as keyGroupsOf } from "./key-groups";
import { groupValue } from "./summary";
import { Band, BANDS, truncatedPercent } from "./measures";
import { Equation, suppress } from "./disclosure";

export const SUMMARY_FORMAT = "attendance-toolkit-school-summary";
export const SUMMARY_VERSION = 1;

export const SUPPRESSION = {
  symbol: "c" as const,
  /** Counts from 1 up to this are hidden. */
  hiddenUpTo: 2,
  rule:
    "Counts of 1 or 2 pupils are shown as c, with any rate built on them; a group of fewer than 3 pupils is shown as c in full; other figures are hidden too wherever a c could otherwise be worked out from the rest of the summary by any chain of subtractions (every equation between the figures is solved at once). A c may stand for any count, 0 included.",
  source:
    "The toolkit's own rule (docs/trust.md): the DfE's Pupil absence in schools in England release applies no suppression to its absence figures; the c symbol and the idea of complementary suppression follow the Government Statistical Service's disclosure-control practice.",
};

export type Hidden = "c";
export type Count = number | Hidden;

export interface SessionTotals {
  possible: number;
  attended: number;
  authorised: number;
  unauthorised: number;
}

export interface Figures {
  pupils: Count;
  /** Sessions of all the pupils in the group, up to the as-of date; "c" for a group below 3 pupils. */
  sessions: SessionTotals | Hidden;
  attendancePercent: number | null | Hidden;
  authorisedAbsencePercent: number | null | Hidden;
  unauthorisedAbsencePercent: number | null | Hidden;
  overallAbsencePercent: number | null | Hidden;
  persistentAbsence: Count;
  persistentAbsencePercent: number | null | Hidden;
  severeAbsence: Count;
  severeAbsencePercent: number | null | Hidden;
  thresholdMet: Count;
  bands: Record<Band, Count>;
  /** Pupils at each escalation stage ("0" is no stage). */
  stages: Record<string, Count>;
}

export interface SchoolSummaryFile {
  format: typeof SUMMARY_FORMAT;
  version: typeof SUMMARY_VERSION;
  createdAt: string;
  school: { name: string; urn: string; phase: Phase | null };
  asOf: string;
  period: { from: string; to: string };
  target: { minimumPercent: number; goalPercent: number };
  suppression: typeof SUPPRESSION;
  figures: Figures;
  keyGroups: Record<string, Count>;
  weekly: Array<{ weekStart: string; possible: number; attended: number; attendancePercent: number | null }>;
  groups: Array<{ column: string; label: string; values: Array<{ value: string } & Figures> }>;
  /** Actions logged this school year up to the as-of date, by type (counts of entries). */
  actions: Record<string, Count>;
}

export type Phase = "primary" | "secondary" | "special";
export const PHASES: readonly Phase[] = ["primary", "secondary", "special"];

const isHidden = (v: unknown): v is Hidden => v === "c";

/** 1 or 2 pupils: hidden. */
function primaryHidden(n: number): boolean {
  return n > 0 && n <= SUPPRESSION.hiddenUpTo;
}

/**
 * Which cells of a breakdown of a published total to hide: those of 1 or 2, and whatever else
 * keeps them from being found by subtraction from the total (complementary suppression).
 */
export function cellsToHide(counts: readonly number[]): boolean[] {
  const total = counts.length;
  const values = [...counts, counts.reduce((a, b) => a + b, 0)];
  const hidden = suppress({
    values,
    equations: [{ total, parts: counts.map((_c, i) => i) }],
    primary: values.map((n, i) => i < total && primaryHidden(n)),
    locked: values.map((_n, i) => i === total),
  });
  return hidden.slice(0, total);
}

interface RawFigures {
  pupils: number;
  sessions: SessionTotals;
  pa: number;
  sa: number;
  met: number;
  bands: Record<Band, number>;
  stages: Record<string, number>;
}

function rawFigures(pupils: readonly PupilAnalysis[], stageNumbers: readonly number[]): RawFigures {
  const sessions: SessionTotals = { possible: 0, attended: 0, authorised: 0, unauthorised: 0 };
  const bands = Object.fromEntries(BANDS.map((b) => [b, 0])) as Record<Band, number>;
  const stages = Object.fromEntries(stageNumbers.map((s) => [String(s), 0])) as Record<string, number>;
  let pa = 0;
  let sa = 0;
  let met = 0;
  for (const p of pupils) {
    sessions.possible += p.possibleSessions;
    sessions.attended += p.attendedSessions;
    sessions.authorised += p.authorisedAbsenceSessions;
    sessions.unauthorised += p.unauthorisedAbsenceSessions;
    if (p.persistentAbsence) pa++;
    if (p.severeAbsence) sa++;
    if (p.nationalThreshold.met) met++;
    if (p.band) bands[p.band]++;
    const key = String(p.stage.stage);
    stages[key] = (stages[key] ?? 0) + 1;
  }
  return { pupils: pupils.length, sessions, pa, sa, met, bands, stages };
}

/** Rates from sessions; every rate truncated to one decimal place as the contract does. */
export function sessionRates(s: SessionTotals) {
  return {
    attendancePercent: truncatedPercent(s.attended, s.possible),
    authorisedAbsencePercent: truncatedPercent(s.authorised, s.possible),
    unauthorisedAbsencePercent: truncatedPercent(s.unauthorised, s.possible),
    overallAbsencePercent: truncatedPercent(s.authorised + s.unauthorised, s.possible),
  };
}

const SESSION_FIELDS = ["possible", "attended", "authorised", "unauthorised"] as const;

/** The cells of one set of figures (the school, or one value of a group column) in the table. */
interface FigureCells {
  pupils: number;
  pa: number;
  sa: number;
  met: number;
  bands: Record<Band, number>;
  stages: Record<string, number>;
  sessions: Record<(typeof SESSION_FIELDS)[number], number>;
  /** Every cell above. */
  all: number[];
}

/**
 * Every published count of a summary as one table of cells and the equations between them, so that
 * `suppress` can hide the small counts and whatever would let them be worked out (see
 * disclosure.ts). The equations are those a reader of the summary knows:
 *   - in each set of figures: pupils = the sum of the bands = the sum of the stages;
 *     PA = persistent band + severe band; SA = severe band;
 *   - across the values of each group column: the school's pupils, sessions, PA, SA, threshold met,
 *     each band and each stage = the sum over the values;
 *   - the key converters (a key group) = the key-converter band.
 */
class SummaryTable {
  readonly values: number[] = [];
  readonly primary: boolean[] = [];
  readonly locked: boolean[] = [];
  readonly unitOf: Array<number[] | undefined> = [];
  /** The school's own figures are given up last when a cell must be hidden to protect another. */
  readonly priority: number[] = [];
  private level = 0;
  readonly equations: Equation[] = [];

  cell(value: number, options: { count?: boolean; locked?: boolean } = {}): number {
    this.values.push(value);
    this.primary.push(options.count !== false && !options.locked && primaryHidden(value));
    this.locked.push(options.locked ?? false);
    this.unitOf.push(undefined);
    this.priority.push(this.level);
    return this.values.length - 1;
  }

  /** A set of figures; `published` locks the pupils and sessions (the school's own, always shown). */
  figures(raw: RawFigures, stageKeys: readonly string[], published: boolean): FigureCells {
    this.level = published ? 1 : 0;
    const pupils = this.cell(raw.pupils, { locked: published });
    const sessions = Object.fromEntries(SESSION_FIELDS.map((k) => [k, this.cell(raw.sessions[k], { count: false, locked: published })])) as FigureCells["sessions"];
    const pa = this.cell(raw.pa);
    const sa = this.cell(raw.sa);
    const met = this.cell(raw.met);
    const bands = Object.fromEntries(BANDS.map((b) => [b, this.cell(raw.bands[b])])) as Record<Band, number>;
    const stages = Object.fromEntries(stageKeys.map((k) => [k, this.cell(raw.stages[k] ?? 0)])) as Record<string, number>;
    const all = [pupils, ...Object.values(sessions), pa, sa, met, ...Object.values(bands), ...Object.values(stages)];
    this.equations.push({ total: pupils, parts: Object.values(bands) });
    if (stageKeys.length > 0) this.equations.push({ total: pupils, parts: Object.values(stages) });
    this.equations.push({ total: pa, parts: [bands.persistent, bands.severe] });
    this.equations.push({ total: sa, parts: [bands.severe] });
    // A group value of 1 or 2 pupils is hidden in full: its sessions are those pupils' attendance.
    // Its pupils and sessions go together whichever of them is hidden.
    if (!published) {
      const block = all.slice();
      for (const c of [pupils, ...Object.values(sessions)]) this.unitOf[c] = block;
    }
    this.level = 0;
    return { pupils, pa, sa, met, bands, stages, sessions, all };
  }

  /** The school's figure is the sum of the values' figures, field by field. */
  sumsAcross(school: FigureCells, values: readonly FigureCells[]): void {
    const fields: Array<(f: FigureCells) => number> = [
      (f) => f.pupils,
      (f) => f.pa,
      (f) => f.sa,
      (f) => f.met,
      ...BANDS.map((b) => (f: FigureCells) => f.bands[b]),
      ...Object.keys(school.stages).map((k) => (f: FigureCells) => f.stages[k]),
      ...SESSION_FIELDS.map((k) => (f: FigureCells) => f.sessions[k]),
    ];
    for (const field of fields) this.equations.push({ total: field(school), parts: values.map(field) });
  }
}

function hiddenFigures(stageNumbers: readonly number[]): Figures {
  return {
    pupils: "c",
    sessions: "c",
    attendancePercent: "c",
    authorisedAbsencePercent: "c",
    unauthorisedAbsencePercent: "c",
    overallAbsencePercent: "c",
    persistentAbsence: "c",
    persistentAbsencePercent: "c",
    severeAbsence: "c",
    severeAbsencePercent: "c",
    thresholdMet: "c",
    bands: Object.fromEntries(BANDS.map((b) => [b, "c"])) as Record<Band, Count>,
    stages: Object.fromEntries(stageNumbers.map((s) => [String(s), "c"])),
  };
}

/** The figures as published: each hidden cell is "c", and so is every rate built on one. */
function publish(raw: RawFigures, cells: FigureCells, hidden: readonly boolean[], stageNumbers: readonly number[]): Figures {
  if (hidden[cells.pupils]) return hiddenFigures(stageNumbers);
  const count = (cell: number, n: number): Count => (hidden[cell] ? "c" : n);
  const rate = (cell: number, n: number): number | null | Hidden => (hidden[cell] ? "c" : truncatedPercent(n, raw.pupils));
  const sessionsHidden = SESSION_FIELDS.some((k) => hidden[cells.sessions[k]]);
  return {
    pupils: raw.pupils,
    sessions: sessionsHidden ? "c" : raw.sessions,
    ...(sessionsHidden
      ? { attendancePercent: "c", authorisedAbsencePercent: "c", unauthorisedAbsencePercent: "c", overallAbsencePercent: "c" }
      : sessionRates(raw.sessions)),
    persistentAbsence: count(cells.pa, raw.pa),
    persistentAbsencePercent: rate(cells.pa, raw.pa),
    severeAbsence: count(cells.sa, raw.sa),
    severeAbsencePercent: rate(cells.sa, raw.sa),
    thresholdMet: count(cells.met, raw.met),
    bands: Object.fromEntries(BANDS.map((b) => [b, count(cells.bands[b], raw.bands[b])])) as Record<Band, Count>,
    stages: Object.fromEntries(Object.entries(cells.stages).map(([k, c]) => [k, count(c, raw.stages[k] ?? 0)])),
  };
}

export interface SummaryOptions {
  school: { name: string; urn?: string; phase?: Phase | null };
  /** Actions from the tracker's log; only their number by type goes in the summary. */
  actions?: readonly ActionEntry[];
  createdAt?: Date;
}

/** The summary of one school's analysis. */
export function buildSchoolSummary(a: Analysis, options: SummaryOptions): SchoolSummaryFile {
  if (!a.asOf) throw new RangeError("The marks hold no sessions, so there is nothing to summarise.");
  const stageNumbers = [0, ...a.policy.stages.map((s) => s.stage)].sort((x, y) => x - y);
  const firstSession = a.dataset.sessions.length > 0 ? a.dataset.sessions[0].label.slice(0, 10) : a.asOf;

  const stageKeys = stageNumbers.map(String);
  const schoolRaw = rawFigures(a.pupils, stageNumbers);
  const table = new SummaryTable();
  // The school's own pupils and sessions are published, unless it has only 1 or 2 pupils.
  const schoolCells = table.figures(schoolRaw, stageKeys, !primaryHidden(schoolRaw.pupils));
  const groupCells = a.groups.map((g) => {
    const byValue = new Map<string, PupilAnalysis[]>();
    for (const v of g.values) byValue.set(v.value, []);
    for (const p of a.pupils) byValue.get(groupValue(p, g.column))?.push(p);
    const raws = g.values.map((v) => rawFigures(byValue.get(v.value) ?? [], stageNumbers));
    const complete = raws.reduce((n, r) => n + r.pupils, 0) === schoolRaw.pupils;
    // A column with one value for every pupil (CIN "No" for all) repeats the school's own figures:
    // the same cells, shown or hidden with the school's.
    if (complete && raws.length === 1) return { g, raws, cells: [schoolCells] };
    const cells = raws.map((r) => table.figures(r, stageKeys, false));
    // The sums hold only where every pupil has one of the values; otherwise they are not published facts.
    if (complete) table.sumsAcross(schoolCells, cells);
    return { g, raws, cells };
  });
  const keyGroupList = keyGroupsOf(a).filter((g) => g.id !== "absent-last-day");
  const keyGroupCells = new Map<string, number>();
  for (const g of keyGroupList) {
    if (g.id === "persistent") keyGroupCells.set(g.id, schoolCells.pa);
    else if (g.id === "severe") keyGroupCells.set(g.id, schoolCells.sa);
    else if (g.id === "threshold-met") keyGroupCells.set(g.id, schoolCells.met);
    else if (g.id === "key-converters") keyGroupCells.set(g.id, schoolCells.bands["key-converter"]);
    else keyGroupCells.set(g.id, table.cell(g.pupils.length));
  }
  const hidden = suppress(table);

  const figures = publish(schoolRaw, schoolCells, hidden, stageNumbers);
  const groups = groupCells.map(({ g, raws, cells }) => ({
    column: g.column,
    label: g.label,
    values: g.values.map((v, i) => ({ value: v.value, ...publish(raws[i], cells[i], hidden, stageNumbers) })),
  }));
  const keyGroups: Record<string, Count> = {};
  for (const g of keyGroupList) {
    const c = keyGroupCells.get(g.id)!;
    keyGroups[g.id] = hidden[c] ? "c" : table.values[c];
  }
  // Key groups the summary always carries, from the figures that count the same pupils.
  keyGroups["persistent"] = figures.persistentAbsence;
  keyGroups["severe"] = figures.severeAbsence;
  keyGroups["threshold-met"] = figures.thresholdMet;
  keyGroups["key-converters"] = figures.bands["key-converter"];

  const yearStart = a.calendar.schoolYearStart;
  const actionCounts = Object.fromEntries(ACTION_TYPES.map((t) => [t.type, 0])) as Record<ActionType, number>;
  const asOfDay = a.calendar.asOf;
  for (const e of effectiveEntries(options.actions ?? [])) {
    if (e.day >= yearStart && e.day <= asOfDay) actionCounts[e.type]++;
  }

  return {
    format: SUMMARY_FORMAT,
    version: SUMMARY_VERSION,
    createdAt: (options.createdAt ?? new Date()).toISOString(),
    school: { name: options.school.name, urn: options.school.urn ?? "", phase: options.school.phase ?? null },
    asOf: a.asOf,
    period: { from: firstSession < a.asOf ? firstSession : a.asOf, to: a.asOf },
    target: { minimumPercent: a.policy.targets.minimumPercent, goalPercent: a.policy.targets.goalPercent },
    suppression: SUPPRESSION,
    figures,
    keyGroups,
    weekly: a.weekly.map((w) => ({ weekStart: w.weekStart, possible: w.possibleSessions, attended: w.attendedSessions, attendancePercent: w.attendancePercent })),
    groups,
    actions: Object.fromEntries(Object.entries(actionCounts).map(([k, n]) => [k, primaryHidden(n) ? "c" : n])),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading: every field checked, each problem named in plain English.

export class SummaryFormatError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "SummaryFormatError";
  }
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function checkCount(v: unknown, where: string, errors: string[]): void {
  if (isHidden(v)) return;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.push(`${where} must be a whole number of 0 or more, or "c"; it is ${JSON.stringify(v)}.`);
  else if (primaryHidden(v)) errors.push(`${where} is ${v}: counts of 1 or 2 must be shown as "c" (small counts are suppressed).`);
}

function checkRate(v: unknown, where: string, errors: string[]): void {
  if (v === null || isHidden(v)) return;
  if (typeof v !== "number" || !(v >= 0 && v <= 100)) errors.push(`${where} must be a percentage from 0 to 100, null or "c"; it is ${JSON.stringify(v)}.`);
}

function checkFigures(f: unknown, where: string, errors: string[]): void {
  if (typeof f !== "object" || f === null) {
    errors.push(`${where} is missing.`);
    return;
  }
  const o = f as Record<string, unknown>;
  checkCount(o.pupils, `${where}: pupils`, errors);
  if (!isHidden(o.sessions)) {
    const s = o.sessions as Record<string, unknown> | undefined;
    if (!s || typeof s !== "object") errors.push(`${where}: sessions is missing.`);
    else
      for (const k of ["possible", "attended", "authorised", "unauthorised"]) {
        if (typeof s[k] !== "number" || !Number.isInteger(s[k]) || (s[k] as number) < 0) errors.push(`${where}: sessions.${k} must be a whole number of 0 or more.`);
      }
    if (s && typeof s.possible === "number" && (s.attended as number) + (s.authorised as number) + (s.unauthorised as number) !== s.possible)
      errors.push(`${where}: attended, authorised and unauthorised sessions do not add up to the possible sessions.`);
  }
  for (const k of ["attendancePercent", "authorisedAbsencePercent", "unauthorisedAbsencePercent", "overallAbsencePercent", "persistentAbsencePercent", "severeAbsencePercent"])
    checkRate(o[k], `${where}: ${k}`, errors);
  for (const k of ["persistentAbsence", "severeAbsence", "thresholdMet"]) checkCount(o[k], `${where}: ${k}`, errors);
  const bands = o.bands as Record<string, unknown> | undefined;
  if (!bands || typeof bands !== "object") errors.push(`${where}: bands is missing.`);
  else for (const b of BANDS) checkCount(bands[b], `${where}: bands.${b}`, errors);
  const stages = o.stages as Record<string, unknown> | undefined;
  if (!stages || typeof stages !== "object") errors.push(`${where}: stages is missing.`);
  else for (const [k, v] of Object.entries(stages)) checkCount(v, `${where}: stages.${k}`, errors);
}

/** Read and check a summary file; throws SummaryFormatError naming every problem and the file. */
export function readSchoolSummary(text: string, source = "the summary"): SchoolSummaryFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    throw new SummaryFormatError(`${source} is not a school summary: it is not JSON.`);
  }
  const o = doc as Record<string, unknown>;
  if (typeof o !== "object" || o === null || o.format !== SUMMARY_FORMAT)
    throw new SummaryFormatError(`${source} is not a school summary (it has no "format": "${SUMMARY_FORMAT}").`);
  if (o.version !== SUMMARY_VERSION)
    throw new SummaryFormatError(`${source} is a version ${JSON.stringify(o.version)} summary; this toolkit reads version ${SUMMARY_VERSION}. Update the add-in, or save the summary again.`);
  const errors: string[] = [];
  const school = o.school as Record<string, unknown> | undefined;
  if (!school || typeof school.name !== "string" || school.name.trim() === "") errors.push("school.name is missing.");
  if (school && school.phase !== null && !PHASES.includes(school.phase as Phase)) errors.push(`school.phase must be primary, secondary, special or null; it is ${JSON.stringify(school.phase)}.`);
  if (typeof o.asOf !== "string" || !ISO.test(o.asOf)) errors.push("asOf must be a date written YYYY-MM-DD.");
  const period = o.period as Record<string, unknown> | undefined;
  if (!period || typeof period.from !== "string" || !ISO.test(period.from) || typeof period.to !== "string" || !ISO.test(period.to))
    errors.push("period.from and period.to must be dates written YYYY-MM-DD.");
  checkFigures(o.figures, "figures", errors);
  if (!Array.isArray(o.weekly)) errors.push("weekly must be a list of weeks.");
  else
    o.weekly.forEach((w: Record<string, unknown>, i: number) => {
      if (typeof w?.weekStart !== "string" || !ISO.test(w.weekStart) || typeof w.possible !== "number" || typeof w.attended !== "number")
        errors.push(`weekly[${i}] must have weekStart (YYYY-MM-DD), possible and attended.`);
    });
  if (!Array.isArray(o.groups)) errors.push("groups must be a list.");
  else
    o.groups.forEach((g: Record<string, unknown>, i: number) => {
      if (typeof g?.column !== "string" || !Array.isArray(g.values)) errors.push(`groups[${i}] must have a column and a list of values.`);
      else (g.values as unknown[]).forEach((v, j) => checkFigures(v, `groups[${i}] (${g.column}) value ${j + 1}`, errors));
    });
  for (const [k, v] of Object.entries((o.keyGroups as Record<string, unknown>) ?? {})) checkCount(v, `keyGroups.${k}`, errors);
  for (const [k, v] of Object.entries((o.actions as Record<string, unknown>) ?? {})) checkCount(v, `actions.${k}`, errors);
  // A summary must never carry pupil data: refuse one that looks as if it does.
  const pupilField = findPupilField(doc);
  if (pupilField) errors.push(`it holds ${pupilField}, which is pupil data; a summary holds figures only.`);
  if (errors.length > 0) throw new SummaryFormatError(`${source} cannot be used: ${errors.slice(0, 8).join(" ")}${errors.length > 8 ? ` (and ${errors.length - 8} more problems)` : ""}`);
  return doc as SchoolSummaryFile;
}

const PUPIL_KEYS = /^(upn|surname|forename|name_of_pupil|dob|dateofbirth|address|postcode|pupils?list)$/i;
const UPN_VALUE = /\b[A-Z]\d{11}[0-9A-Z]\b/;

/** A key or value that would be pupil data (a UPN, a name or date-of-birth field), or null. */
export function findPupilField(doc: unknown, path = ""): string | null {
  if (typeof doc === "string") return UPN_VALUE.test(doc) ? `a UPN-like value at ${path || "the top"}` : null;
  if (Array.isArray(doc)) {
    for (let i = 0; i < doc.length; i++) {
      const r = findPupilField(doc[i], `${path}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (doc && typeof doc === "object") {
    for (const [k, v] of Object.entries(doc)) {
      if (PUPIL_KEYS.test(k)) return `a "${k}" field`;
      const r = findPupilField(v, path ? `${path}.${k}` : k);
      if (r) return r;
    }
  }
  return null;
}
