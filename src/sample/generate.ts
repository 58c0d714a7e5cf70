/**
 * A realistic synthetic school for demos, tests and benchmarks: a 2025-26 English school year with
 * half-terms, holidays, INSET days and a snow day; mostly good attenders, key converters, persistent
 * and severe absentees, term-time holidays, lates after registers close, unresolved N marks and
 * national-threshold cases; parents (some apart, some with a shared family inbox) and an actions log.
 * The same seed always gives the same school.
 */
import { codeId, REGISTER_CODES } from "../engine/codes";
import { DayNumber, formatIso, parseDate, weekday } from "../engine/dates";
import { MarksDataset, PupilRecord } from "../engine/dataset";
import { makeSession, Session } from "../engine/sessions";
import { csvField } from "../files/csv";
import { ActionRow, Contact } from "../files/tracker";
import { FORENAMES_F, FORENAMES_M, STAFF, STREETS, SURNAMES, TOWN } from "./names";
import { Random } from "./random";

export interface SampleOptions {
  pupils: number;
  seed: number;
  /** Last day with marks (YYYY-MM-DD); by default the end of the school year. */
  until?: string;
}

export interface SampleSchool {
  dataset: MarksDataset;
  contacts: Contact[];
  actions: ActionRow[];
  settings: Record<string, string>;
}

const d = (s: string) => parseDate(s)!;
const TERMS: Array<[string, string]> = [
  ["2025-09-01", "2025-12-19"],
  ["2026-01-05", "2026-03-27"],
  ["2026-04-13", "2026-07-20"],
];
const HOLIDAYS: Array<[string, string]> = [
  ["2025-10-27", "2025-10-31"],
  ["2026-02-16", "2026-02-20"],
  ["2026-05-04", "2026-05-04"],
  ["2026-05-25", "2026-05-29"],
];
/** Planned whole-school closures (`#`): INSET days. */
const INSET = new Set(["2025-09-01", "2025-09-02", "2026-01-05", "2026-06-01", "2026-07-20"].map(d));
/** The whole site closed unexpectedly (`Y4`). */
const SNOW_DAY = d("2026-01-13");

/** The school days of 2025-26 (195 days, 390 sessions including INSET), up to `until`. */
export function schoolDays(until?: DayNumber): DayNumber[] {
  const days: DayNumber[] = [];
  for (const [from, to] of TERMS) {
    for (let day = d(from); day <= d(to); day++) {
      if (weekday(day) > 4) continue;
      if (HOLIDAYS.some(([a, b]) => day >= d(a) && day <= d(b))) continue;
      if (until !== undefined && day > until) continue;
      days.push(day);
    }
  }
  return days;
}

const ID = (c: string) => codeId(c)!;
const [AM, PM, LATE, LATE_AFTER, ILL, MEDICAL, OTHER, NOT_YET, HOLIDAY, EXCLUDED, PART_TIME, DUAL, NOT_ON_ROLL, CLOSED, SITE_CLOSED, STUDY, WORK, VISIT, AUTH_LEAVE] = [
  "/", "\\", "L", "U", "I", "M", "O", "N", "G", "E", "C2", "D", "Z", "#", "Y4", "S", "W", "V", "C",
].map(ID);

interface Archetype {
  name: string;
  weight: number;
  /** Share of days absent, range. */
  rate: [number, number];
  reasons: Array<readonly [number, number]>;
  lateChance: number;
  lateAfterCloseChance: number;
}

const ARCHETYPES: Archetype[] = [
  { name: "excellent", weight: 34, rate: [0.002, 0.015], reasons: [[ILL, 85], [MEDICAL, 15]], lateChance: 0.01, lateAfterCloseChance: 0 },
  { name: "good", weight: 24, rate: [0.015, 0.035], reasons: [[ILL, 80], [MEDICAL, 12], [OTHER, 8]], lateChance: 0.02, lateAfterCloseChance: 0.002 },
  { name: "below", weight: 12, rate: [0.04, 0.05], reasons: [[ILL, 75], [MEDICAL, 10], [OTHER, 15]], lateChance: 0.04, lateAfterCloseChance: 0.005 },
  { name: "key-converter", weight: 12, rate: [0.055, 0.095], reasons: [[ILL, 65], [MEDICAL, 10], [OTHER, 20], [AUTH_LEAVE, 5]], lateChance: 0.06, lateAfterCloseChance: 0.01 },
  { name: "persistent", weight: 8, rate: [0.11, 0.3], reasons: [[ILL, 66], [OTHER, 16], [MEDICAL, 10], [EXCLUDED, 2], [HOLIDAY, 6]], lateChance: 0.08, lateAfterCloseChance: 0.02 },
  { name: "severe", weight: 2, rate: [0.5, 0.75], reasons: [[OTHER, 50], [ILL, 40], [MEDICAL, 5], [HOLIDAY, 5]], lateChance: 0.05, lateAfterCloseChance: 0.05 },
];

const CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

/** A UPN in the DfE format: check letter, LA number, establishment number, year, serial. */
export function makeUpn(la: number, establishment: number, year: number, serial: number): string {
  const digits = `${String(la).padStart(3, "0")}${String(establishment).padStart(4, "0")}${String(year % 100).padStart(2, "0")}${String(serial).padStart(3, "0")}`;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(digits[i]) * (i + 2);
  return CHECK_LETTERS[sum % 23] + digits;
}

export function generateSchool(options: SampleOptions): SampleSchool {
  const rng = new Random(options.seed);
  const until = options.until ? parseDate(options.until) ?? undefined : undefined;
  const days = schoolDays(until);
  const sessions: Session[] = [];
  for (const day of days) sessions.push(makeSession(day, false), makeSession(day, true));
  const lastDay = days[days.length - 1] ?? d("2025-09-01");
  const recentFrom = days[Math.max(0, days.length - 20)] ?? lastDay;
  const pupils: PupilRecord[] = [];
  const marks: Uint8Array[] = [];
  const contacts: Contact[] = [];
  const actions: ActionRow[] = [];
  const visitDays = new Map<string, DayNumber>();
  for (const y of ["7", "8", "9", "10", "11"]) visitDays.set(y, days[rng.int(10, Math.max(10, days.length - 5))] ?? lastDay);

  for (let p = 0; p < options.pupils; p++) {
    const year = String(7 + (p % 5));
    const reg = `${year}${"ABCDE"[rng.int(0, 4)]}`;
    const female = rng.chance(0.5);
    const forename = rng.pick(female ? FORENAMES_F : FORENAMES_M);
    const surname = rng.pick(SURNAMES);
    // Year 7 in 2025-26 was born between September 2013 and August 2014.
    const dob = formatIso(d(`${2025 - Number(year) - 5}-09-01`) + rng.int(0, 364));
    const disadvantaged = rng.chance(0.26);
    const sen = rng.weighted([["N", 84], ["K", 13], ["E", 3]] as const);
    const details = {
      surname,
      forename,
      year,
      reg,
      gender: female ? "F" : "M",
      dob,
      sen,
      fsm: disadvantaged && rng.chance(0.85) ? "Y" : "N",
      pp: disadvantaged ? "Y" : "N",
      eal: rng.chance(0.15) ? "Y" : "N",
      cla: rng.chance(0.01) ? "Y" : "N",
      cin: rng.chance(0.03) ? "Y" : "N",
      cp: rng.chance(0.015) ? "Y" : "N",
    };
    // Serials are unique within a year group's allocation year; a large school moves to another establishment number.
    const serialIndex = Math.floor(p / 5);
    const upn = makeUpn(873, 4123 + Math.floor(serialIndex / 999), 2025 - Number(year), ((serialIndex * 41) % 999) + 1);
    pupils.push({ upn, row: p + 2, details, extra: { House: rng.pick(["Brunel", "Curie", "Seacole", "Turing"]) } });

    // Disadvantage and SEN go with higher absence, as national data shows.
    const archetype = rng.weighted(ARCHETYPES.map((a) => [a, a.weight * (a.rate[0] > 0.1 && (disadvantaged || sen !== "N") ? 2 : 1)] as const));
    const rate = archetype.rate[0] + rng.next() * (archetype.rate[1] - archetype.rate[0]);
    const holidayWeek = rng.chance(0.05);
    const shortHoliday = !holidayWeek && rng.chance(0.04);
    const declining = rng.chance(0.07);
    const dual = rng.chance(0.01);
    const partTime = archetype.name === "severe" && rng.chance(0.3);
    const joinsFrom = rng.chance(0.02) ? d("2026-01-06") : null;
    const m = new Uint8Array(sessions.length);
    const holidayStart = holidayWeek || shortHoliday ? rng.int(5, Math.max(5, days.length - 6)) : -1;
    const holidayLength = holidayWeek ? 5 : rng.int(2, 3);
    let spell = 0;
    let spellCode = ILL;
    const firstAbsences: DayNumber[] = [];

    days.forEach((day, i) => {
      const s = i * 2;
      const iso = formatIso(day);
      if (INSET.has(day)) {
        m[s] = m[s + 1] = CLOSED;
        return;
      }
      if (day === SNOW_DAY) {
        m[s] = m[s + 1] = SITE_CLOSED;
        return;
      }
      if (joinsFrom !== null && day < joinsFrom) {
        m[s] = m[s + 1] = NOT_ON_ROLL;
        return;
      }
      if (dual && weekday(day) === 2) {
        m[s] = m[s + 1] = DUAL;
        return;
      }
      if (visitDays.get(year) === day) {
        m[s] = m[s + 1] = VISIT;
        return;
      }
      if (year === "11" && iso >= "2026-05-11" && iso <= "2026-06-19" && rng.chance(0.3)) {
        m[s] = m[s + 1] = STUDY;
        return;
      }
      if (year === "10" && iso >= "2026-06-29" && iso <= "2026-07-03") {
        m[s] = m[s + 1] = WORK;
        return;
      }
      if (holidayStart >= 0 && i >= holidayStart && i < holidayStart + holidayLength) {
        m[s] = m[s + 1] = HOLIDAY;
        return;
      }
      const r = declining && day >= recentFrom ? Math.min(0.8, rate * 4 + 0.05) : rate;
      if (spell === 0 && rng.chance(r / 1.6)) {
        spell = rng.pick([1, 1, 1, 2, 2, 3]);
        spellCode = rng.weighted(archetype.reasons);
      }
      if (spell > 0) {
        spell--;
        if (firstAbsences.length < 12) firstAbsences.push(day);
        let code = spellCode;
        // Reasons are still being chased for the latest absences; a few older ones never were.
        if ((code === OTHER || code === ILL) && (day >= days[Math.max(0, days.length - 3)] ? rng.chance(0.6) : rng.chance(0.03))) code = NOT_YET;
        if (code === MEDICAL) {
          m[s] = MEDICAL;
          m[s + 1] = PM;
          return;
        }
        m[s] = m[s + 1] = code;
        return;
      }
      if (partTime) {
        m[s] = AM;
        m[s + 1] = PART_TIME;
        return;
      }
      m[s] = rng.chance(archetype.lateAfterCloseChance) ? LATE_AFTER : rng.chance(archetype.lateChance) ? LATE : AM;
      m[s + 1] = PM;
    });
    marks.push(m);

    // Parents and carers: one row each.
    const address = [`${rng.int(1, 180)} ${rng.pick(STREETS)}`, "", TOWN];
    const postcode = `AV${rng.int(1, 9)} ${rng.int(1, 9)}${"ABDEFGHJLNPQRSTUWXYZ"[rng.int(0, 19)]}${"ABDEFGHJLNPQRSTUWXYZ"[rng.int(0, 19)]}`;
    const shared = rng.chance(0.06);
    const twoParents = rng.chance(0.7);
    const apart = twoParents && rng.chance(0.18);
    const noAddress = rng.chance(0.03);
    const parent = (n: number): Contact => {
      const mother = n === 0;
      const title = mother ? rng.pick(["Mrs", "Ms", "Miss", "Mrs", "Dr"]) : rng.pick(["Mr", "Mr", "Mr", "Mx"]);
      const pf = rng.pick(mother ? FORENAMES_F : FORENAMES_M);
      const ps = n === 1 && apart && rng.chance(0.5) ? rng.pick(SURNAMES) : surname;
      const livesWith = !(n === 1 && apart);
      const addr = livesWith ? address : [`${rng.int(1, 99)} ${rng.pick(STREETS)}`, "", TOWN];
      const handle = `${pf}.${ps}`.toLowerCase().replace(/[^a-z.]/g, "");
      return {
        upn,
        title,
        forename: pf,
        surname: ps,
        relationship: mother ? "Mother" : "Father",
        parentalResponsibility: "Y",
        livesWithPupil: livesWith,
        address: noAddress && n === 0 ? [] : addr.filter((x) => x),
        postcode: noAddress && n === 0 ? "" : livesWith ? postcode : `AV${rng.int(1, 9)} ${rng.int(1, 9)}QT`,
        email: shared ? `the${surname.toLowerCase().replace(/[^a-z]/g, "")}family@example.net` : `${handle}${rng.int(1, 99)}@example.com`,
        phone: `07700 900${String(rng.int(0, 999)).padStart(3, "0")}`,
        preferredContact: rng.pick(["Email", "Email", "Post"]),
        row: 0,
      };
    };
    contacts.push(parent(0));
    if (twoParents) contacts.push(parent(1));

    // The log of what the school did: first-day calls, then letters and meetings as absence grew.
    const staff = rng.pick(STAFF);
    if (firstAbsences.length > 0) {
      actions.push(action(firstAbsences[0], upn, "Call", "First-day call", contacts[contacts.length - (twoParents ? 2 : 1)], staff, "Spoke to parent: pupil unwell", ""));
    }
    if (firstAbsences.length >= 6) {
      actions.push(action(firstAbsences[5] + 3, upn, "Letter", "Initial attendance support", contacts[contacts.length - (twoParents ? 2 : 1)], staff, "Sent by email", ""));
    }
    if (firstAbsences.length >= 10) {
      actions.push(action(firstAbsences[9] + 7, upn, "Meeting", "Declining attendance meeting", contacts[contacts.length - (twoParents ? 2 : 1)], "Mr Hughes", "Parent attended; targets agreed", "Support: mentoring offered"));
    }
  }
  actions.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  actions.forEach((a, i) => (a.id = `A${String(i + 1).padStart(4, "0")}`));
  // One correction, as staff make them: a new entry superseding a wrong one, never an edit.
  if (actions.length > 3) {
    const wrong = actions[2];
    actions.push({ ...wrong, id: `A${String(actions.length + 1).padStart(4, "0")}`, outcome: `${wrong.outcome} (corrected: spoke to the other parent)`, supersedes: wrong.id, row: 0 });
  }
  const visible = actions.filter((a) => a.date <= formatIso(lastDay));
  contacts.forEach((c, i) => (c.row = i + 2));
  visible.forEach((a, i) => (a.row = i + 2));

  return {
    dataset: { sessions, pupils, marks, problems: [], extraColumns: ["House"], layout: "wide" },
    contacts,
    actions: visible,
    settings: {
      "school.name": "Ashford Vale Academy",
      "school.address": "School Lane, Ashford Vale, AV1 1AA",
      "school.phone": "01632 960000",
      "school.email": "attendance@ashfordvale.example.org",
      "school.signatoryName": "Ms J. Okafor",
      "school.signatoryRole": "Attendance Lead",
    },
  };
}

/** Staff act on school days: a date that falls at a weekend moves to the Monday. */
function onWeekday(day: DayNumber): DayNumber {
  const w = weekday(day);
  return w > 4 ? day + (7 - w) : day;
}

function action(day: DayNumber, upn: string, type: string, detail: string, parent: Contact, staff: string, outcome: string, notes: string): ActionRow {
  return {
    id: "",
    date: formatIso(onWeekday(day)),
    upn,
    action: type,
    detail,
    parent: `${parent.title} ${parent.forename} ${parent.surname}`,
    staff,
    outcome,
    notes,
    supersedes: "",
    row: 0,
  };
}

/** The wide CSV of the analysis contract. */
export function datasetToWideCsv(ds: MarksDataset): string {
  const esc = csvField;
  const cols = ["UPN", "Surname", "Forename", "Year", "Reg", "Gender", "DOB", "SEN", "FSM", "PP", "EAL", "CLA", "CIN", "CP"];
  const keys = ["surname", "forename", "year", "reg", "gender", "dob", "sen", "fsm", "pp", "eal", "cla", "cin", "cp"] as const;
  const lines = [[...cols, ...ds.extraColumns, ...ds.sessions.map((s) => s.label)].map(esc).join(",")];
  const codes = REGISTER_CODES.map((c) => esc(c.code));
  ds.pupils.forEach((p, i) => {
    const m = ds.marks[i];
    const cells = [esc(p.upn), ...keys.map((k) => esc(p.details[k] ?? "")), ...ds.extraColumns.map((h) => esc(p.extra[h] ?? ""))];
    for (let s = 0; s < m.length; s++) cells.push(codes[m[s]]);
    lines.push(cells.join(","));
  });
  return lines.join("\n") + "\n";
}

/** The long CSV of the analysis contract: one row a mark. */
export function datasetToLongCsv(ds: MarksDataset): string {
  const lines = ["UPN,Date,Session,Mark"];
  ds.pupils.forEach((p, i) => {
    const m = ds.marks[i];
    ds.sessions.forEach((s, j) => {
      const code = REGISTER_CODES[m[j]].code;
      if (code) lines.push(`${p.upn},${formatIso(s.day)},${s.pm ? "PM" : "AM"},${code === "\\" ? "\\" : code}`);
    });
  });
  return lines.join("\n") + "\n";
}
