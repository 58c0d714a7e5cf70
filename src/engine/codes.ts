/**
 * Register codes for England.
 *
 * Current codes come from the School Attendance (Pupil Registration) (England) Regulations 2024, in
 * force from 19 August 2024. Legacy codes (H, F, J, Y) were withdrawn or changed on that date: they are
 * still valid on older sessions, so a file spanning the change keeps its history.
 */

/** What a mark counts as. The numeric values index count arrays. */
export const MarkClass = {
  None: 0,
  Attended: 1,
  Authorised: 2,
  Unauthorised: 3,
  NotPossible: 4,
} as const;
export type MarkClass = (typeof MarkClass)[keyof typeof MarkClass];

export type MarkClassName = "attended" | "authorised" | "unauthorised" | "not-possible";

export interface RegisterCode {
  code: string;
  markClass: MarkClass;
  meaning: string;
  /** Valid only on sessions before the 2024 regulations. */
  legacy: boolean;
}

/** The day the 2024 regulations took effect (`H`, `F`, `J`, `Y` withdrawn; `C1`, `C2`, `J1`, `K`, `Q`, `Y1`..`Y7` new). */
export const CODES_2024_EFFECTIVE = "2024-08-19";

const current: Array<[string, MarkClass, string]> = [
  ["/", MarkClass.Attended, "Present (AM)"],
  ["\\", MarkClass.Attended, "Present (PM)"],
  ["L", MarkClass.Attended, "Late, arrived before the register closed"],
  ["B", MarkClass.Attended, "Attending any other approved educational activity"],
  ["K", MarkClass.Attended, "Attending education provision arranged by the local authority"],
  ["P", MarkClass.Attended, "Participating in a supervised sporting activity"],
  ["V", MarkClass.Attended, "Attending an educational visit or trip"],
  ["W", MarkClass.Attended, "Attending work experience"],
  ["C", MarkClass.Authorised, "Leave of absence for exceptional circumstances"],
  ["C1", MarkClass.Authorised, "Leave of absence for a regulated performance or employment abroad"],
  ["C2", MarkClass.Authorised, "Leave of absence for a part-time timetable"],
  ["E", MarkClass.Authorised, "Suspended or permanently excluded, no alternative provision"],
  ["I", MarkClass.Authorised, "Illness (not medical or dental appointment)"],
  ["J1", MarkClass.Authorised, "Leave of absence to attend an interview"],
  ["M", MarkClass.Authorised, "Medical or dental appointment"],
  ["R", MarkClass.Authorised, "Religious observance"],
  ["S", MarkClass.Authorised, "Study leave"],
  ["T", MarkClass.Authorised, "Parent travelling for occupational purposes"],
  ["G", MarkClass.Unauthorised, "Holiday not granted by the school"],
  ["N", MarkClass.Unauthorised, "Reason for absence not yet established"],
  ["O", MarkClass.Unauthorised, "Absent in other or unknown circumstances"],
  ["U", MarkClass.Unauthorised, "Arrived in school after the register closed"],
  ["D", MarkClass.NotPossible, "Dual registered, attending another school"],
  ["X", MarkClass.NotPossible, "Not required to be in school (not of compulsory school age)"],
  ["Q", MarkClass.NotPossible, "Unable to attend because of a lack of access arrangements"],
  ["Y1", MarkClass.NotPossible, "Unable to attend because transport is not available"],
  ["Y2", MarkClass.NotPossible, "Unable to attend because of widespread travel disruption"],
  ["Y3", MarkClass.NotPossible, "Unable to attend because part of the school premises is closed"],
  ["Y4", MarkClass.NotPossible, "Unable to attend because the whole school site is closed unexpectedly"],
  ["Y5", MarkClass.NotPossible, "Unable to attend because the pupil is in criminal justice detention"],
  ["Y6", MarkClass.NotPossible, "Unable to attend in accordance with public health guidance or law"],
  ["Y7", MarkClass.NotPossible, "Unable to attend because of any other unavoidable cause"],
  ["Z", MarkClass.NotPossible, "Pupil not on admission register"],
  ["#", MarkClass.NotPossible, "Planned whole-school closure"],
];

const legacy: Array<[string, MarkClass, string]> = [
  ["H", MarkClass.Authorised, "Agreed family holiday (withdrawn 19 August 2024; now C)"],
  ["F", MarkClass.Authorised, "Agreed extended family holiday (withdrawn 19 August 2024)"],
  ["J", MarkClass.Attended, "Approved educational activity (before 19 August 2024; now J1 for interviews)"],
  ["Y", MarkClass.NotPossible, "Enforced closure (before 19 August 2024; now Y1 to Y7)"],
];

/**
 * Every code, indexed by a small integer id so that marks can be stored one byte each.
 * Id 0 is "no mark".
 */
export const REGISTER_CODES: readonly RegisterCode[] = [
  { code: "", markClass: MarkClass.None, meaning: "No mark", legacy: false },
  ...current.map(([code, markClass, meaning]) => ({ code, markClass, meaning, legacy: false })),
  ...legacy.map(([code, markClass, meaning]) => ({ code, markClass, meaning, legacy: true })),
];

export const NO_MARK = 0;

const idByCode = new Map<string, number>(REGISTER_CODES.map((c, i) => [c.code, i]));

/** Id of the planned whole-school closure code, which does not make a session a school session. */
export const CLOSURE_ID = idByCode.get("#")!;

/** Class of each code id, for counting without a lookup by string. */
export const CLASS_BY_ID: Uint8Array = Uint8Array.from(REGISTER_CODES.map((c) => c.markClass));

/** Legacy flag of each code id. */
export const LEGACY_BY_ID: Uint8Array = Uint8Array.from(REGISTER_CODES.map((c) => (c.legacy ? 1 : 0)));

/** The id of a normalised (trimmed, upper-case) code, or undefined if it is not a register code. */
export function codeId(code: string): number | undefined {
  return idByCode.get(code);
}

/** Normalise a cell: codes are trimmed and case-insensitive. */
export function normaliseCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export function markClassName(markClass: MarkClass): MarkClassName | null {
  switch (markClass) {
    case MarkClass.Attended:
      return "attended";
    case MarkClass.Authorised:
      return "authorised";
    case MarkClass.Unauthorised:
      return "unauthorised";
    case MarkClass.NotPossible:
      return "not-possible";
    default:
      return null;
  }
}

/** Codes a person can enter today, for validation lists and help text. */
export function currentCodes(): RegisterCode[] {
  return REGISTER_CODES.filter((c) => c.code !== "" && !c.legacy);
}

export function describeCode(code: string): RegisterCode | undefined {
  const id = idByCode.get(normaliseCode(code));
  return id === undefined ? undefined : REGISTER_CODES[id];
}
