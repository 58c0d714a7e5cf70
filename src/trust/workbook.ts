/**
 * The trust dashboard workbook: every school side by side against the trust's target and the
 * national figures, the ranking and change since the last summary, PA and SA by school and by group,
 * pupils by stage and the weekly trend per school, with Excel charts over the sheet's own ranges.
 * Text from the summaries (school names, group values) is written as text, never as a formula.
 */
import ExcelJS from "exceljs";
import { describeNational, NationalFigure, nationalAttendance, NationalFigures } from "../engine/national";
import { formatUkLong, formatUkShort, parseDate } from "../engine/dates";
import { SUPPRESSION } from "../engine/school-summary";
import { TrustDashboard, TrustCount } from "../engine/trust";
import { addCharts, ChartSpec } from "./charts";

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF1F4E79" } };
const HEADER_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: "FFFFFFFF" } };

export function colLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const range = (sheet: string, col: number, from: number, to: number) => `'${sheet.replace(/'/g, "''")}'!$${colLetter(col)}$${from}:$${colLetter(col)}$${to}`;

function header(ws: ExcelJS.Worksheet, row: number, labels: string[]): void {
  const r = ws.getRow(row);
  labels.forEach((l, i) => {
    const c = r.getCell(i + 1);
    c.value = l;
    c.fill = HEADER_FILL;
    c.font = HEADER_FONT;
    c.alignment = { wrapText: true, vertical: "top" };
  });
}

/** A percentage or "c" (suppressed) or blank (not known). */
const cellOf = (v: number | null | "c" | undefined): ExcelJS.CellValue => (v === undefined || v === null ? null : v);
const countText = (c: TrustCount) => (c.hiddenInSchools > 0 ? `${c.known} + c in ${c.hiddenInSchools} school${c.hiddenInSchools === 1 ? "" : "s"}` : c.known);
const ukLong = (iso: string) => {
  const d = parseDate(iso);
  return d === null ? iso : formatUkLong(d);
};
const ukShort = (iso: string) => {
  const d = parseDate(iso);
  return d === null ? iso : formatUkShort(d);
};
/** The national figure in a few words: "2023/24 school year", "autumn 2024/25 (estimate)". */
const nationalShort = (f: NationalFigure | null) =>
  f ? `${f.phase === "all" ? "all schools" : f.phase}, ${f.term === "full year" ? `${f.year} school year` : `${f.term} ${f.year}`}${f.source === "daily" ? " (estimate)" : ""}` : "";

/**
 * Print settings: landscape A4, repeated header rows, as many pages across as the sheet's width
 * needs (one for the narrow sheets; a wide sheet of many schools splits by columns, never shrunk
 * until it cannot be read), and the print area set to what is filled in.
 */
function printable(ws: ExcelJS.Worksheet, titleRows: string, lastCol: number, lastRow: number, firstColumns?: string): void {
  const widthChars = ws.columns.slice(0, lastCol).reduce((n, c) => n + (c.width ?? 10), 0);
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: Math.max(1, Math.ceil(widthChars / 250)),
    fitToHeight: 0,
    printArea: `A1:${colLetter(lastCol)}${lastRow}`,
    printTitlesRow: titleRows,
    ...(firstColumns ? { printTitlesColumn: firstColumns } : {}),
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: "&L&A&RPage &P of &N" };
}

export async function buildTrustWorkbook(d: TrustDashboard, national: NationalFigures | null): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Attendance Toolkit";
  wb.created = new Date(`${d.asOf}T12:00:00Z`);
  const charts: ChartSpec[] = [];
  const n = d.schools.length;
  const names = d.schools.map((s) => s.name);

  // 1. Schools side by side.
  const ws = wb.addWorksheet("Schools", { views: [{ state: "frozen", ySplit: 5 }] });
  ws.getCell("A1").value = "Trust attendance dashboard";
  ws.getCell("A1").font = { bold: true, size: 14 };
  const behind = d.schools.filter((s) => s.notComparable).length;
  ws.getCell("A2").value = `Figures to ${ukLong(d.asOf)}${behind > 0 ? ` (${behind} school${behind === 1 ? "'s" : "s'"} to an earlier date: not ranked)` : ""}; trust minimum target ${d.target.minimumPercent}% (goal ${d.target.goalPercent}%). Trust-wide rates are from all the schools' sessions, not an average of school percentages.`;
  const nat = d.national.all;
  ws.getCell("A3").value = nat ? `National: ${describeNational(nat)}: a different period from the schools' year to date.` : "National figures: not loaded.";
  const cols = ["Rank", "School", "Phase", "Figures to", "Pupils", "Attendance %", "Target %", "Against target (points)", "National attendance %", "National figure", "Authorised absence %", "Unauthorised absence %", "PA %", "SA %", "Threshold met (pupils)", "Last summary", "Attendance then %", "Change (points)"];
  header(ws, 5, cols);
  const first = 6;
  d.schools.forEach((s, i) => {
    const f = s.figures;
    ws.getRow(first + i).values = [
      s.rank ?? "not ranked",
      s.name,
      s.phase ?? "",
      s.notComparable ? `${ukShort(s.asOf)} (earlier)` : ukShort(s.asOf),
      f.pupils as number,
      cellOf(s.attendancePercent),
      d.target.minimumPercent,
      cellOf(s.againstTarget),
      cellOf(nationalAttendance(s.national)),
      nationalShort(s.national),
      cellOf(f.authorisedAbsencePercent),
      cellOf(f.unauthorisedAbsencePercent),
      cellOf(f.persistentAbsencePercent),
      cellOf(f.severeAbsencePercent),
      cellOf(f.thresholdMet),
      s.previous ? ukShort(s.previous.asOf) : "",
      cellOf(s.previous?.attendancePercent),
      cellOf(s.change),
    ];
  });
  const last = first + n - 1;
  const t = d.trust;
  const trustRow = ws.getRow(last + 1);
  trustRow.values = ["", "Trust (all pupils' sessions)", "", ukShort(d.asOf), t.pupils, cellOf(t.attendancePercent), d.target.minimumPercent, "", cellOf(nationalAttendance(nat)), nationalShort(nat), cellOf(t.authorisedAbsencePercent), cellOf(t.unauthorisedAbsencePercent), cellOf(t.persistentAbsence.percent), cellOf(t.severeAbsence.percent), countText(t.thresholdMet)];
  trustRow.font = { bold: true };
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 28 : i === 9 ? 22 : 11));
  d.notes.forEach((note, i) => (ws.getCell(`B${last + 2 + i}`).value = note));
  const chartTop = last + 3 + d.notes.length;
  const natValues = d.schools.map((s) => nationalAttendance(s.national));
  charts.push({
    sheet: 1,
    kind: "bar",
    title: "Attendance by school against the target and national figure",
    categoriesRef: range("Schools", 2, first, last),
    categories: names,
    series: [
      { name: "Attendance %", ref: range("Schools", 6, first, last), values: d.schools.map((s) => s.attendancePercent) },
      { name: "Target %", ref: range("Schools", 7, first, last), values: d.schools.map(() => d.target.minimumPercent), asLine: true, colour: "C00000" },
      { name: "National %", ref: range("Schools", 9, first, last), values: natValues, asLine: true, colour: "7F7F7F" },
    ],
    valueAxisTitle: "Attendance %",
    min: 80,
    max: 100,
    at: { col: 0, row: chartTop, width: 8, height: Math.max(16, n + 8) },
  });
  printable(ws, "5:5", cols.length, chartTop + Math.max(16, n + 8) + 1);

  // 2. PA and SA by school.
  const pa = wb.addWorksheet("PA and SA");
  header(pa, 1, ["School", "Pupils", "PA (pupils)", "PA %", "SA (pupils)", "SA %", "National PA %", "National SA %"]);
  d.schools.forEach((s, i) => {
    pa.getRow(2 + i).values = [s.name, s.figures.pupils as number, cellOf(s.figures.persistentAbsence), cellOf(s.figures.persistentAbsencePercent), cellOf(s.figures.severeAbsence), cellOf(s.figures.severeAbsencePercent), cellOf(s.national?.persistentAbsencePercent), cellOf(s.national?.severeAbsencePercent)];
  });
  pa.getRow(2 + n).values = ["Trust", t.pupils, countText(t.persistentAbsence), cellOf(t.persistentAbsence.percent), countText(t.severeAbsence), cellOf(t.severeAbsence.percent)];
  pa.getRow(2 + n).font = { bold: true };
  pa.getCell(`A${4 + n}`).value = `c: not shown, to protect small numbers (${SUPPRESSION.rule})`;
  pa.columns.forEach((c, i) => (c.width = i === 0 ? 32 : 14));
  printable(pa, "1:1", 8 + 1 + 9, Math.max(4 + n, 21));
  const numeric = (v: unknown) => (typeof v === "number" ? v : null);
  charts.push({
    sheet: 2,
    kind: "bar",
    title: "Persistent and severe absence by school (% of pupils)",
    categoriesRef: range("PA and SA", 1, 2, 1 + n),
    categories: names,
    series: [
      { name: "PA %", ref: range("PA and SA", 4, 2, 1 + n), values: d.schools.map((s) => numeric(s.figures.persistentAbsencePercent)) },
      { name: "SA %", ref: range("PA and SA", 6, 2, 1 + n), values: d.schools.map((s) => numeric(s.figures.severeAbsencePercent)), colour: "C55A11" },
    ],
    valueAxisTitle: "% of pupils",
    at: { col: 9, row: 0, width: 9, height: 20 },
  });

  // 3. Groups, across the trust and school by school.
  const gs = wb.addWorksheet("Groups", { views: [{ state: "frozen", ySplit: 1 }] });
  header(gs, 1, ["Group", "Value", "Pupils", "Attendance %", "PA %", "SA %", "Schools with c", ...names.map((nm) => `${nm}: attendance %`), ...names.map((nm) => `${nm}: PA %`)]);
  d.groups.forEach((g, i) => {
    const per = new Map(g.bySchool.map((b) => [b.school, b]));
    gs.getRow(2 + i).values = [
      g.label,
      g.value,
      g.pupils,
      cellOf(g.attendancePercent),
      cellOf(g.persistentAbsence.percent),
      cellOf(g.severeAbsence.percent),
      g.hiddenInSchools,
      ...names.map((nm) => cellOf(per.get(nm)?.attendancePercent)),
      ...names.map((nm) => cellOf(per.get(nm)?.persistentAbsencePercent)),
    ];
  });
  gs.columns.forEach((c, i) => (c.width = i < 2 ? 18 : 13));
  printable(gs, "1:1", 7 + 2 * n, 1 + d.groups.length, "A:B");

  // 4. Pupils by stage.
  const st = wb.addWorksheet("Stages");
  const stageKeys = Object.keys(t.stages);
  header(st, 1, ["School", ...stageKeys.map((k) => (k === "0" ? "No stage" : `Stage ${k}`))]);
  d.schools.forEach((s, i) => (st.getRow(2 + i).values = [s.name, ...stageKeys.map((k) => cellOf(s.figures.stages[k]))]));
  st.getRow(2 + n).values = ["Trust", ...stageKeys.map((k) => countText(t.stages[k]))];
  st.getRow(2 + n).font = { bold: true };
  st.columns.forEach((c, i) => (c.width = i === 0 ? 32 : 12));
  printable(st, "1:1", stageKeys.length + 1 + 1 + 9, Math.max(2 + n, 17, n + 9));
  const withStage = stageKeys.filter((k) => k !== "0");
  charts.push({
    sheet: 4,
    kind: "bar",
    stacked: true,
    horizontal: true,
    title: "Pupils at each escalation stage",
    categoriesRef: range("Stages", 1, 2, 1 + n),
    categories: names,
    series: withStage.map((k) => ({
      name: `Stage ${k}`,
      ref: range("Stages", 2 + stageKeys.indexOf(k), 2, 1 + n),
      values: d.schools.map((s) => numeric(s.figures.stages[k])),
    })),
    at: { col: stageKeys.length + 2, row: 0, width: 9, height: Math.max(16, n + 8) },
  });

  // 5. Weekly trend per school.
  const wk = wb.addWorksheet("Weekly", { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  header(wk, 1, ["Week beginning", ...names, "Trust"]);
  d.weekly.weeks.forEach((w, i) => {
    wk.getRow(2 + i).values = [w, ...d.weekly.bySchool.map((b) => cellOf(b.percent[i])), cellOf(d.weekly.trust[i])];
  });
  wk.columns.forEach((c, i) => (c.width = i === 0 ? 15 : 14));
  printable(wk, "1:1", n + 2, 1 + d.weekly.weeks.length, "A:A");
  const weeks = d.weekly.weeks.length;
  if (weeks > 0) {
    charts.push({
      sheet: 5,
      kind: "line",
      title: "Weekly attendance by school",
      categoriesRef: range("Weekly", 1, 2, 1 + weeks),
      categories: d.weekly.weeks,
      series: [
        ...d.weekly.bySchool.map((b, i) => ({ name: b.school, ref: range("Weekly", 2 + i, 2, 1 + weeks), values: b.percent })),
        { name: "Trust", ref: range("Weekly", 2 + n, 2, 1 + weeks), values: d.weekly.trust, colour: "000000" },
      ],
      valueAxisTitle: "Attendance %",
      min: 80,
      max: 100,
      at: { col: n + 3, row: 1, width: 12, height: 22 },
    });
  }

  // 6. National figures, with the year and the DfE publication of each.
  const nf = wb.addWorksheet("National");
  header(nf, 1, ["Year", "Term", "Phase", "Period covered", "Overall absence %", "Authorised %", "Unauthorised %", "PA %", "SA %", "Publication", "Release", "Section read", "Data", "Address", "Note"]);
  (national?.figures ?? []).forEach((f, i) => {
    nf.getRow(2 + i).values = [f.year, f.term, f.phase, f.period, cellOf(f.overallAbsencePercent), cellOf(f.authorisedAbsencePercent), cellOf(f.unauthorisedAbsencePercent), cellOf(f.persistentAbsencePercent), cellOf(f.severeAbsencePercent), f.publication, f.release, f.table, f.source === "daily" ? "Daily register data (estimate)" : "School census", f.url, f.note];
  });
  nf.columns.forEach((c, i) => (c.width = i >= 9 ? 30 : i === 3 ? 24 : 11));
  nf.eachRow((r) => (r.alignment = { wrapText: true, vertical: "top" }));
  printable(nf, "1:1", 15, 1 + (national?.figures.length ?? 0));

  // 7. About: what the figures are and what they are not.
  const ab = wb.addWorksheet("About");
  const lines = [
    "About this dashboard",
    "Built from each school's summary file: figures only, no pupil's name, UPN, address or date of birth.",
    `Small counts: ${SUPPRESSION.rule}`,
    `Source of the rule: ${SUPPRESSION.source}`,
    "Attendance % = attended sessions / possible sessions, truncated to one decimal place; the trust's rate is from all the schools' sessions.",
    "PA: absence of 10% or more of possible sessions; SA: 50% or more (DfE).",
    ...d.notes,
  ];
  lines.forEach((l, i) => (ab.getCell(`A${i + 1}`).value = l));
  ab.getCell("A1").font = { bold: true, size: 14 };
  ab.getColumn(1).width = 140;
  ab.eachRow((r) => (r.alignment = { wrapText: true, vertical: "top" }));
  printable(ab, "1:1", 1, lines.length);

  const buffer = new Uint8Array(await wb.xlsx.writeBuffer());
  return addCharts(buffer, charts);
}
