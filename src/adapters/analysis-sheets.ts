/**
 * What the add-in writes into the sheets it owns, as plain tables: one row a pupil (Analysis), the
 * school's figures and charts (Dashboard), and this week's actions (This week). Shared by the live
 * workbook and the browser preview, so both show the same thing.
 */
import type { Analysis, PupilAnalysis } from "../engine/analyse";
import { parseDate, formatUkLong } from "../engine/dates";
import { weeklyActions } from "../engine/key-groups";
import { BAND_LABELS, BANDS } from "../engine/measures";
import { ANALYSIS_SHEET, THIS_WEEK_SHEET } from "../files/tracker-layout";

import type { Cell } from "./cells";
export type { Cell };

/** Excel's serial number for a date (1900 date system), so dates sort and format as dates. */
export function excelSerial(iso: string | null): number | null {
  if (!iso) return null;
  const day = parseDate(iso);
  return day === null ? null : day + 25569;
}

export interface SheetTable {
  name: string;
  header: string[];
  rows: Cell[][];
  /** Column indexes holding dates (Excel serials) and percentages, for number formats. */
  dateColumns: number[];
  percentColumns: number[];
}

const yes = (b: boolean) => (b ? "Yes" : "");
const trendText = (p: PupilAnalysis) =>
  p.trend.direction === null ? "" : `${p.trend.direction[0].toUpperCase()}${p.trend.direction.slice(1)} (${p.trend.recentPercent?.toFixed(1) ?? "n/a"}% recently, ${p.trend.yearPercent?.toFixed(1) ?? "n/a"}% this year)`;

export const ANALYSIS_HEADER = [
  "UPN", "Surname", "Forename", "Year", "Reg", "Gender", "SEN", "FSM", "PP", "EAL", "CLA", "CIN", "CP",
  "Possible sessions", "Attended sessions", "Attendance %", "Band", "Persistent absence", "Severe absence",
  "Unauthorised in window", "Window start", "Threshold first met", "Stage", "Stage reason",
  "Days lost", "Hours lost", "4-week trend", "Days absent in a row", "Unresolved N", "Next step", "Owner", "Letter",
  // The forward look (engine/forward-look.ts), on estimated remaining sessions.
  "End of term % if attends every session", "End of year % if attends every session", "End of year % at recent rate",
  "Persistent absence by (at recent rate)", "Sessions in a row to above 90%",
];

/** The column of the Analysis table holding the band label, for conditional formatting. */
export const ANALYSIS_BAND_COLUMN = ANALYSIS_HEADER.indexOf("Band");

const f = (p: PupilAnalysis) => p.forwardLook;
const pct = (v: number | null) => (v === null ? null : v / 100);

export function analysisTable(a: Analysis): SheetTable {
  const rows = a.pupils.map((p) => {
    const d = p.details;
    return [
      p.upn, d.surname ?? "", d.forename ?? "", d.year ?? "", d.reg ?? "", d.gender ?? "", d.sen ?? "", d.fsm ?? "", d.pp ?? "", d.eal ?? "", d.cla ?? "", d.cin ?? "", d.cp ?? "",
      p.possibleSessions, p.attendedSessions, p.attendancePercent === null ? null : p.attendancePercent / 100, p.band ? BAND_LABELS[p.band] : "",
      yes(p.persistentAbsence), yes(p.severeAbsence), p.nationalThreshold.sessionsInCurrentWindow, excelSerial(p.nationalThreshold.currentWindowStart),
      excelSerial(p.nationalThreshold.firstMetOn), p.stage.stage || "", p.stage.reason, p.learningLost.days, p.learningLost.hours, trendText(p),
      p.consecutiveDaysAbsent || "", p.unresolvedN.overdue.length || "", p.nextStep.action, p.nextStep.owner, p.nextStep.letter ?? "",
      pct(f(p).endOfTerm.ifAttendsEverySession), pct(f(p).endOfYear.ifAttendsEverySession), pct(f(p).endOfYear.atRecentRate),
      excelSerial(f(p).persistentAbsenceOn), f(p).sessionsToReach[0]?.sessions ?? "",
    ] as Cell[];
  });
  const at = (h: string) => ANALYSIS_HEADER.indexOf(h);
  return {
    name: ANALYSIS_SHEET,
    header: ANALYSIS_HEADER,
    rows,
    dateColumns: [20, 21, at("Persistent absence by (at recent rate)")],
    percentColumns: [15, at("End of term % if attends every session"), at("End of year % if attends every session"), at("End of year % at recent rate")],
  };
}

export interface DashboardBlock {
  title: string;
  header: string[];
  rows: Cell[][];
  percentColumns: number[];
  chart?: { type: "column" | "line"; title: string; /** Columns (of this block) to plot: the first is the category. */ columns: [number, number] };
}

export function dashboardBlocks(a: Analysis): { title: string; blocks: DashboardBlock[] } {
  const s = a.summary;
  const blocks: DashboardBlock[] = [
    {
      title: "School summary",
      header: ["Measure", "Value"],
      rows: [
        ["Pupils", s.pupils],
        ["Attendance", pct(s.attendancePercent)],
        ["Persistent absence (pupils)", s.persistentAbsenceCount],
        ["Persistent absence rate", pct(s.persistentAbsenceRate)],
        ["Severe absence (pupils)", s.severeAbsenceCount],
        ["Severe absence rate", pct(s.severeAbsenceRate)],
        ["National threshold met (pupils)", s.nationalThresholdMetCount],
      ],
      percentColumns: [],
    },
    {
      title: "Pupils by band",
      header: ["Band", "Pupils"],
      rows: BANDS.map((b) => [BAND_LABELS[b], s.bands[b]]),
      percentColumns: [],
      chart: { type: "column", title: "Pupils by attendance band", columns: [0, 1] },
    },
  ];
  for (const g of a.groups) {
    blocks.push({
      title: `By ${g.label.toLowerCase()}`,
      header: [g.label, "Pupils", "Attendance", "Persistent absence", "PA rate", "Severe absence", "SA rate", "Threshold met"],
      rows: g.values.map((v) => [v.value, v.pupils, pct(v.attendancePercent), v.persistentAbsenceCount, pct(v.persistentAbsenceRate), v.severeAbsenceCount, pct(v.severeAbsenceRate), v.nationalThresholdMetCount]),
      percentColumns: [2, 4, 6],
    });
  }
  blocks.push({
    title: "Weekly attendance",
    header: ["Week starting", "Attendance"],
    rows: a.weekly.map((w) => [w.weekStart, pct(w.attendancePercent)]),
    percentColumns: [1],
    chart: { type: "line", title: "Attendance each school week", columns: [0, 1] },
  });
  const title = `Attendance dashboard as at ${a.asOf ? formatUkLong(parseDate(a.asOf)!) : "no date"}`;
  return { title, blocks };
}

export const THIS_WEEK_HEADER = ["Priority", "Owner", "Action", "UPN", "Pupil", "Year", "Reg", "Why", "Letter", "Done"];

export function thisWeekTable(a: Analysis): SheetTable {
  const rows = weeklyActions(a).map((w) => {
    const p = a.pupils[w.pupil];
    return [w.priority, w.owner, w.action, w.upn, [p.details.forename, p.details.surname].filter(Boolean).join(" "), p.details.year ?? "", p.details.reg ?? "", w.why, w.letter ?? "", ""] as Cell[];
  });
  return { name: THIS_WEEK_SHEET, header: THIS_WEEK_HEADER, rows, dateColumns: [], percentColumns: [] };
}
