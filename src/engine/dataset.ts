/** The marks of a school, read from any source, in the one shape the engine analyses. */
import { DayNumber } from "./dates";
import { Session } from "./sessions";

/** Pupil columns the contract recognises, with the key each is kept under. */
export const PUPIL_COLUMNS = [
  { key: "surname", header: "Surname", label: "Surname" },
  { key: "forename", header: "Forename", label: "Forename" },
  { key: "year", header: "Year", label: "Year group" },
  { key: "reg", header: "Reg", label: "Registration group" },
  { key: "gender", header: "Gender", label: "Gender" },
  { key: "dob", header: "DOB", label: "Date of birth" },
  { key: "sen", header: "SEN", label: "SEN" },
  { key: "fsm", header: "FSM", label: "FSM" },
  { key: "pp", header: "PP", label: "Pupil premium" },
  { key: "eal", header: "EAL", label: "EAL" },
  { key: "cla", header: "CLA", label: "Looked after (CLA)" },
  { key: "cin", header: "CIN", label: "Child in need (CIN)" },
  { key: "cp", header: "CP", label: "Child protection (CP)" },
] as const;

export type PupilColumnKey = (typeof PUPIL_COLUMNS)[number]["key"];

export type PupilDetails = Partial<Record<PupilColumnKey, string>>;

export interface PupilRecord {
  upn: string;
  /** Row in the source (header = row 1), so staff can find it. */
  row: number;
  details: PupilDetails;
  /** Pass-through columns, by their header as written in the file. */
  extra: Record<string, string>;
  /**
   * Time on roll, from admission and leaving date columns (the file's or the Pupils sheet's):
   * sessions before `from` or after `to` do not count for the pupil.
   */
  onRoll?: { from?: DayNumber; to?: DayNumber };
}

export type ProblemKind =
  | "unknown-code"
  | "legacy-code-after-2024"
  | "duplicate-upn"
  | "missing-upn"
  | "bad-session-header"
  | "duplicate-session"
  | "unknown-pupil"
  | "outside-time-on-roll"
  /** Text the file's reader could not be sure of: a quote closing mid-cell, bytes that are not text. */
  | "damaged-text"
  /** A workbook cell that holds no readable value: a formula never calculated, a shared text that is not there. */
  | "unreadable-cell";

export interface Problem {
  kind: ProblemKind;
  /** Worksheet, when the source is a workbook. */
  sheet?: string;
  upn?: string;
  /** Row in the source, header = row 1. */
  row?: number;
  /** Column, as a spreadsheet letter (wide files). */
  column?: string;
  session?: string;
  value?: string;
  message: string;
}

export interface MarksDataset {
  /** Unique sessions in date order. */
  sessions: Session[];
  pupils: PupilRecord[];
  /** Per pupil, per session index: a register code id (0 = no mark, or a mark left out as a problem). */
  marks: Uint8Array[];
  problems: Problem[];
  /** Pass-through column headers, in file order. */
  extraColumns: string[];
  /**
   * Columns left out of the figures (a session header that cannot be read, or a session given
   * twice), with their cells by UPN, so that a tracker built from the file keeps them as typed.
   */
  unreadColumns?: Array<{ header: string; values: Record<string, string> }>;
  layout: "wide" | "long" | "week-grid";
  /**
   * What the reader did that staff should know, once each (not per cell): which column identified
   * the pupils, codes read through the policy's codeMap. Shown on the command line and in the pane.
   */
  notices?: string[];
  /** Set when the file had no UPN column and pupils were keyed by this column (an admission number, a MIS id). */
  pupilKey?: { column: string; mapped: boolean };
}

/** The input cannot be read at all: a clear sentence for the user, and exit status 2 on the command line. */
export class FatalInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FatalInputError";
  }
}
