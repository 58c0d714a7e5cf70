/**
 * One pupil's record as it moves from the Excel pane to the Word pane ("Copy for Word"): Office gives
 * the two hosts no shared storage, so the user carries it on the clipboard.
 *
 * Text format, version 1 (documented in the README):
 *
 *     ATTENDANCE-TOOLKIT-RECORD v1
 *     {"version":1,...one line of JSON...}
 *     END crc32=1a2b3c4d length=1234
 *
 * The CRC-32 and the length are of the JSON line's UTF-8 bytes, so a truncated or altered paste is
 * caught before any letter is written from it.
 */
import type { Analysis, PupilAnalysis } from "../engine/analyse";
import type { Policy } from "../engine/policy";
import type { ActionRow, Contact, TrackerData } from "./tracker";

export const RECORD_HEADER = "ATTENDANCE-TOOLKIT-RECORD v1";

export interface PupilRecordV1 {
  version: 1;
  /** When the record was copied, ISO date-time. */
  createdAt: string;
  asOf: string | null;
  school: Policy["school"];
  pupil: { upn: string } & PupilAnalysis["details"];
  parents: Array<Omit<Contact, "row" | "upn">>;
  figures: {
    possibleSessions: number;
    attendedSessions: number;
    authorisedAbsenceSessions: number;
    unauthorisedAbsenceSessions: number;
    attendancePercent: number | null;
    persistentAbsence: boolean;
    severeAbsence: boolean;
    band: PupilAnalysis["band"];
    learningLost: PupilAnalysis["learningLost"];
    thisSchoolYear: PupilAnalysis["thisSchoolYear"];
    nationalThreshold: PupilAnalysis["nationalThreshold"];
    trend: PupilAnalysis["trend"];
    /** Where attendance is heading (engine/forward-look.ts); absent from records made before it. */
    forwardLook?: PupilAnalysis["forwardLook"];
  };
  stage: { stage: number; name: string; reason: string };
  nextStep: PupilAnalysis["nextStep"];
  actions: Array<Omit<ActionRow, "row">>;
}

/** The record of pupil `index` of an analysis, with the tracker's contacts and actions for that pupil. */
export function buildPupilRecord(analysis: Analysis, index: number, tracker: Pick<TrackerData, "contacts" | "actions">, now: Date = new Date()): PupilRecordV1 {
  const p = analysis.pupils[index];
  const strip = <T extends { row: number }>(x: T): Omit<T, "row"> => {
    const { row: _row, ...rest } = x;
    return rest;
  };
  return {
    version: 1,
    createdAt: now.toISOString(),
    asOf: analysis.asOf,
    school: analysis.policy.school,
    pupil: { upn: p.upn, ...p.details },
    parents: tracker.contacts.filter((c) => c.upn === p.upn).map((c) => {
      const { upn: _upn, ...rest } = strip(c);
      return rest;
    }),
    figures: {
      possibleSessions: p.possibleSessions,
      attendedSessions: p.attendedSessions,
      authorisedAbsenceSessions: p.authorisedAbsenceSessions,
      unauthorisedAbsenceSessions: p.unauthorisedAbsenceSessions,
      attendancePercent: p.attendancePercent,
      persistentAbsence: p.persistentAbsence,
      severeAbsence: p.severeAbsence,
      band: p.band,
      learningLost: p.learningLost,
      thisSchoolYear: p.thisSchoolYear,
      nationalThreshold: p.nationalThreshold,
      trend: p.trend,
      forwardLook: p.forwardLook,
    },
    stage: { stage: p.stage.stage, name: p.stage.name, reason: p.stage.reason },
    nextStep: p.nextStep,
    actions: tracker.actions.filter((a) => a.upn === p.upn).map(strip),
  };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function encodeRecord(record: PupilRecordV1): string {
  const json = JSON.stringify(record);
  const bytes = new TextEncoder().encode(json);
  return `${RECORD_HEADER}\n${json}\nEND crc32=${crc32(bytes).toString(16).padStart(8, "0")} length=${bytes.length}\n`;
}

export type DecodeResult = { ok: true; record: PupilRecordV1 } | { ok: false; message: string };

/** Read a pasted record; every failure is a sentence the user can act on. */
export function decodeRecord(text: string): DecodeResult {
  const lines = text.replace(/\r\n?/g, "\n").trim().split("\n");
  const start = lines.findIndex((l) => l.trim() === RECORD_HEADER);
  if (start < 0) {
    const other = lines.find((l) => l.startsWith("ATTENDANCE-TOOLKIT-RECORD"));
    return {
      ok: false,
      message: other
        ? `This record was copied by a different version of the add-in (${other.trim()}); update the add-in in both Excel and Word.`
        : "This is not a pupil record. In Excel, select the pupil and use \"Copy for Word\", then paste here.",
    };
  }
  const json = lines[start + 1] ?? "";
  const end = /^END crc32=([0-9a-f]{8}) length=(\d+)$/.exec((lines[start + 2] ?? "").trim());
  if (!end) return { ok: false, message: "The record is cut short (its last line is missing). Copy it again in Excel and paste all of it." };
  const bytes = new TextEncoder().encode(json);
  if (bytes.length !== Number(end[2]) || crc32(bytes) !== parseInt(end[1], 16)) {
    return { ok: false, message: "The record was changed or cut short after it was copied (its checksum does not match). Copy it again in Excel." };
  }
  let record: PupilRecordV1;
  try {
    record = JSON.parse(json) as PupilRecordV1;
  } catch {
    return { ok: false, message: "The record cannot be read. Copy it again in Excel." };
  }
  if (record.version !== 1 || !record.pupil?.upn) return { ok: false, message: "The record is incomplete. Copy it again in Excel." };
  return { ok: true, record };
}
