/**
 * The attendance report for a local governing body, from a school summary (issue 14): headline
 * figures against the target and national, change since the last summary, the groups furthest from
 * the target, pupils by stage and the actions taken, with two charts as images. The wording lives in
 * a docxtemplater template the trust can edit (assets/trust/governors-report.docx), like the letters.
 * Everything stated comes from the summary; where a figure is suppressed or not known, the report
 * says so instead of guessing.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { ACTION_TYPES } from "../engine/actions";
import { describeNational, nationalAttendance, NationalFigure } from "../engine/national";
import { Count, SchoolSummaryFile, SUPPRESSION } from "../engine/school-summary";
import { groupValueInWords } from "../engine/summary";
import { comparedPeriods } from "../engine/national";
import { formatUkLong, parseDate } from "../engine/dates";
import { Block, buildDocx } from "../letters/ooxml";
import { xmlSafe, xmlSafeData } from "../letters/xml-safe";
import { barsChart, encodePng, encodePngAsync, Raster, weeklyChart } from "./chart-image";

/** A UK date in the letters' long form, e.g. 13 March 2026 (the report reads like the letters). */
export function ukDate(iso: string): string {
  const d = parseDate(iso);
  return d === null ? iso : formatUkLong(d);
}

const pct = (v: number | null | "c" | undefined) => (v === "c" ? "c (small number)" : v === null || v === undefined ? "not known" : `${v.toFixed(1)}%`);
const count = (v: Count | undefined) => (v === "c" ? "c" : v === undefined ? "0" : String(v));

const withPupils = (rate: number | null | "c", n: Count) => (n === "c" || rate === "c" ? "c (not shown, to protect small numbers)" : `${pct(rate)} (${n} pupils)`);

/** Points between two percentages, in words. */
function against(value: number | null, other: number | null, what: string): string {
  if (value === null || other === null) return "";
  const d = Math.round((value - other) * 10) / 10;
  if (d === 0) return `level with ${what}`;
  return `${Math.abs(d).toFixed(1)} percentage points ${d > 0 ? "above" : "below"} ${what}`;
}

export interface ReportInput {
  summary: SchoolSummaryFile;
  previous?: SchoolSummaryFile | null;
  national?: NationalFigure | null;
}

export interface ReportImages {
  weekly: Uint8Array;
  groups: Uint8Array | null;
}

export function reportData(input: ReportInput) {
  const { summary: s, previous: prev, national } = input;
  const f = s.figures;
  const target = s.target.minimumPercent;
  const att = typeof f.attendancePercent === "number" ? f.attendancePercent : null;
  const natAtt = nationalAttendance(national ?? null);
  const prevAtt = prev && typeof prev.figures.attendancePercent === "number" ? prev.figures.attendancePercent : null;

  const headline =
    att === null
      ? "The marks hold no possible sessions, so there is no attendance figure."
      : `Attendance was ${att.toFixed(1)}%, ${against(att, target, `the trust's minimum of ${target}%`)}` +
        (natAtt !== null && national ? `, and ${against(att, natAtt, `the national figure of ${natAtt.toFixed(1)}% (${national.phase === "all" ? "all schools" : `${national.phase} schools`}, ${national.term === "full year" ? `the ${national.year} school year` : `${national.term} term ${national.year}`})`)}` : "") +
        "." +
        (natAtt !== null && national ? ` ${comparedPeriods(s.period.from, s.period.to, national)}` : "");
  let change = "No earlier summary was given, so there is no change to report.";
  if (prev && prevAtt !== null && att !== null) {
    const d = Math.round((att - prevAtt) * 10) / 10;
    change = `At the last summary (figures to ${ukDate(prev.asOf)}) attendance was ${prevAtt.toFixed(1)}%; it is now ${att.toFixed(1)}%, ${d === 0 ? "unchanged" : `${d > 0 ? "up" : "down"} ${Math.abs(d).toFixed(1)} percentage points`}.`;
    const pa = (x: SchoolSummaryFile) => x.figures.persistentAbsencePercent;
    if (typeof pa(prev) === "number" && typeof pa(s) === "number")
      change += ` Persistent absence went from ${(pa(prev) as number).toFixed(1)}% to ${(pa(s) as number).toFixed(1)}% of pupils.`;
  }

  // Groups furthest below the target, from sessions, hidden groups left out (and said so).
  const candidates: Array<{ group: string; pupils: number; attendance: number; below: number; pa: string }> = [];
  let hiddenGroups = 0;
  // Registration groups are too small and too easily named for a governors' paper.
  for (const g of s.groups.filter((x) => x.column !== "reg")) {
    for (const v of g.values) {
      if (v.sessions === "c" || typeof v.pupils !== "number") {
        hiddenGroups++;
        continue;
      }
      if (v.sessions.possible === 0) continue;
      const exact = (v.sessions.attended * 100) / v.sessions.possible;
      candidates.push({ group: `${g.label}: ${groupValueInWords(g.column, v.value)}`, pupils: v.pupils, attendance: v.attendancePercent as number, below: Math.round((target - exact) * 10) / 10, pa: pct(v.persistentAbsencePercent) });
    }
  }
  candidates.sort((a, b) => b.below - a.below || a.group.localeCompare(b.group));
  const groups = candidates.filter((c) => c.below > 0).slice(0, 6).map((c, i) => ({ n: String(i + 1), ...c, attendance: `${c.attendance.toFixed(1)}%`, below: c.below.toFixed(1), pupils: String(c.pupils) }));

  const stages = Object.entries(f.stages)
    .sort((a, b) => Number(a[0]) - Number(b[0]))
    .map(([k, v]) => ({ stage: k === "0" ? "No stage reached" : `Stage ${k}`, pupils: count(v) }));
  const actions = ACTION_TYPES.map((t) => ({ action: t.label, number: count(s.actions[t.type]) })).filter((a) => a.number !== "0");

  return {
    schoolName: s.school.name,
    asOfText: ukDate(s.asOf),
    periodText: `${ukDate(s.period.from)} to ${ukDate(s.period.to)}`,
    pupils: count(f.pupils),
    target: `${target}%`,
    attendance: pct(f.attendancePercent),
    authorised: pct(f.authorisedAbsencePercent),
    unauthorised: pct(f.unauthorisedAbsencePercent),
    pa: withPupils(f.persistentAbsencePercent, f.persistentAbsence),
    sa: withPupils(f.severeAbsencePercent, f.severeAbsence),
    met: count(f.thresholdMet),
    nationalYear: national ? (national.term === "full year" ? `${national.year} school year${national.source === "daily" ? ", estimate" : ""}` : `${national.term} ${national.year}`) : "not loaded",
    nationalAttendance: natAtt === null ? "not known" : `${natAtt.toFixed(1)}%`,
    nationalAuthorised: pct(national?.authorisedAbsencePercent ?? null),
    nationalUnauthorised: pct(national?.unauthorisedAbsencePercent ?? null),
    nationalPa: pct(national?.persistentAbsencePercent ?? null),
    nationalSa: pct(national?.severeAbsencePercent ?? null),
    headline,
    change,
    groups,
    hasGroups: groups.length > 0,
    noGroups: groups.length === 0 ? "No group with figures to show is below the target." : "",
    groupsNote: hiddenGroups > 0 ? `${hiddenGroups} group${hiddenGroups === 1 ? " has" : "s have"} fewer than 3 pupils and ${hiddenGroups === 1 ? "is" : "are"} not shown.` : "",
    stages,
    actions,
    noActions: actions.length === 0 ? "No actions were logged in the tracker this school year." : "",
    weeklyCaption: `Attendance each school week (weeks numbered from the first week of the figures); red dashes: the ${target}% target${natAtt !== null ? `; grey dashes: national ${natAtt.toFixed(1)}%` : ""}.`,
    groupsCaption: "Attendance of the groups in the table above, in the same order; red dashes: the target.",
    suppressionNote: `Small counts: ${SUPPRESSION.rule}`,
    nationalNote: national ? `National figures: ${describeNational(national)}, ${national.table}${national.url ? `, ${national.url}` : ""}.` : "National figures were not loaded.",
  };
}

export type ReportData = ReturnType<typeof reportData>;

function reportRasters(input: ReportInput): { weekly: Raster; groups: Raster | null } {
  const s = input.summary;
  const target = s.target.minimumPercent;
  const natAtt = nationalAttendance(input.national ?? null);
  const values = s.weekly.map((w) => w.attendancePercent);
  const known = values.filter((v): v is number => v !== null);
  const low = Math.min(80, ...known, natAtt ?? 100);
  const min = Math.max(0, Math.floor(low / 5) * 5);
  const weekly = weeklyChart({ values, target, national: natAtt, min, max: 100 });
  const groupValues = reportData(input).groups.map((g) => parseFloat(g.attendance));
  const gmin = Math.max(0, Math.floor(Math.min(80, ...groupValues) / 5) * 5);
  return { weekly, groups: groupValues.length > 0 ? barsChart(groupValues, target, gmin, 100) : null };
}

export function reportImages(input: ReportInput, deflate: (d: Uint8Array) => Uint8Array): ReportImages {
  const r = reportRasters(input);
  return { weekly: encodePng(r.weekly, deflate), groups: r.groups ? encodePng(r.groups, deflate) : null };
}

/** In a pane: the browser's own zlib (CompressionStream "deflate"). */
export async function reportImagesAsync(input: ReportInput, deflate: (d: Uint8Array) => Promise<Uint8Array>): Promise<ReportImages> {
  const r = reportRasters(input);
  return { weekly: await encodePngAsync(r.weekly, deflate), groups: r.groups ? await encodePngAsync(r.groups, deflate) : null };
}

function pngSize(png: Uint8Array): { w: number; h: number } {
  const v = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { w: v.getUint32(16), h: v.getUint32(20) };
}

/** A picture, as a paragraph of its own, scaled to the text width. */
function imageXml(rid: string, id: number, png: Uint8Array, alt: string): string {
  const { w, h } = pngSize(png);
  const cx = 5_760_000; // 16 cm
  const cy = Math.round((cx * h) / w);
  const esc = (t: string) => xmlSafe(t).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  return (
    `<w:p><w:pPr><w:keepNext/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" distT="0" distB="0" distL="0" distR="0">` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:docPr id="${id}" name="Chart ${id}" descr="${esc(alt)}"/><wp:cNvGraphicFramePr/>` +
    `<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">` +
    `<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr><pic:cNvPr id="${id}" name="chart${id}.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>` +
    `</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`
  );
}

export class ReportTemplateError extends RangeError {}

/** Fill the template with the report's figures and put the chart images in. */
export function renderReport(template: Uint8Array, data: ReportData, images: ReportImages): Uint8Array {
  let zip: PizZip;
  let doc: Docxtemplater;
  try {
    zip = new PizZip(template);
    doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, errorLogging: false, nullGetter: () => "" });
  } catch (e) {
    const errors = (e as { properties?: { errors?: Array<{ properties?: { explanation?: string } }> } }).properties?.errors ?? [];
    throw new ReportTemplateError(`The report template cannot be used: ${errors.map((x) => x.properties?.explanation).filter(Boolean).join(" ") || (e as Error).message}`);
  }
  // The figures' text (a school name with a stray control character) through the letters' guard:
  // XML cannot hold such characters, and docxtemplater stopped with a stack trace.
  doc.render({
    ...xmlSafeData(data),
    weeklyChart: imageXml("rIdTrustChart1", 9101, images.weekly, data.weeklyCaption),
    groupsChart: images.groups ? imageXml("rIdTrustChart2", 9102, images.groups, data.groupsCaption) : "",
  });
  const out = doc.getZip();
  out.file("word/media/trust-chart1.png", images.weekly);
  let rels = out.file("word/_rels/document.xml.rels")!.asText();
  const rel = (id: string, target: string) => `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="${target}"/>`;
  rels = rels.replace("</Relationships>", `${rel("rIdTrustChart1", "media/trust-chart1.png")}</Relationships>`);
  if (images.groups) {
    out.file("word/media/trust-chart2.png", images.groups);
    rels = rels.replace("</Relationships>", `${rel("rIdTrustChart2", "media/trust-chart2.png")}</Relationships>`);
  }
  out.file("word/_rels/document.xml.rels", rels);
  const types = out.file("[Content_Types].xml")!.asText();
  if (!/Extension="png"/i.test(types)) out.file("[Content_Types].xml", types.replace("</Types>", `<Default Extension="png" ContentType="image/png"/></Types>`));
  return out.generate({ type: "uint8array", compression: "DEFLATE" });
}

/** The template's wording: the trust edits the .docx built from it (scripts/build-trust-report.js). */
export function reportTemplateBlocks(): Block[] {
  return [
    { p: "Attendance report for the local governing body", bold: true },
    { p: "**{schoolName}**: figures to {asOfText} ({periodText}), {pupils} pupils." },
    { h: "Headline figures" },
    {
      fixedTable: {
        header: true,
        widths: [34, 22, 16, 28],
        rows: [
          ["Measure", "This school", "Trust target", "National ({nationalYear})"],
          ["Attendance", "{attendance}", "{target}", "{nationalAttendance}"],
          ["Authorised absence", "{authorised}", "", "{nationalAuthorised}"],
          ["Unauthorised absence", "{unauthorised}", "", "{nationalUnauthorised}"],
          ["Persistent absence (10% or more missed)", "{pa}", "", "{nationalPa}"],
          ["Severe absence (50% or more missed)", "{sa}", "", "{nationalSa}"],
          ["Pupils who have met the national threshold for a penalty notice", "{met}", "", ""],
        ],
      },
    },
    { p: "{headline}" },
    { h: "Change since last time" },
    { p: "{change}" },
    { h: "Attendance week by week" },
    { p: "{@weeklyChart}", keepNext: true },
    { p: "{weeklyCaption}" },
    { h: "Groups furthest from the target" },
    { p: "{noGroups}", keepNext: true },
    { table: { header: ["", "Group", "Pupils", "Attendance", "Points below target", "Persistent absence"], row: ["{n}", "{group}", "{pupils}", "{attendance}", "{below}", "{pa}"], loop: "groups", widths: [5, 29, 11, 19, 18, 18] } },
    { p: "{@groupsChart}", keepNext: true },
    { p: "{groupsCaption} {groupsNote}" },
    { h: "Pupils by stage" },
    { table: { header: ["Stage", "Pupils"], row: ["{stage}", "{pupils}"], loop: "stages", widths: [70, 30] } },
    { h: "Actions taken this school year" },
    { p: "{noActions}", keepNext: true },
    { table: { header: ["Action", "Number logged"], row: ["{action}", "{number}"], loop: "actions", widths: [70, 30] } },
    { h: "About these figures" },
    { p: "The figures come from the school's summary for the trust, which holds no pupil's name, UPN, address or date of birth. Attendance is attended sessions as a share of possible sessions, to one decimal place." },
    { p: "{suppressionNote}" },
    { p: "{nationalNote}" },
  ];
}

export function buildReportTemplate(): Uint8Array {
  return buildDocx({
    title: "Attendance report for the local governing body",
    body: reportTemplateBlocks(),
    header: [],
    footer: [{ p: "Attendance Toolkit: report for governors. Figures only; no pupil data." }],
    properties: { "AttendanceToolkit.TemplateId": "governors-report" },
  });
}
