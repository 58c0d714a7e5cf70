/**
 * Building a tracker workbook with exceljs: Excel tables with headers, the code validation list on
 * the marks, frozen panes, and the settings a school fills in. Text from files is written as text
 * (exceljs stores strings as strings, so "=SUM(...)" in a name never becomes a formula).
 */
import type { Workbook, Worksheet } from "exceljs";
import { currentCodes, markClassName, REGISTER_CODES } from "../engine/codes";
import { FatalInputError, MarksDataset, PUPIL_COLUMNS, Problem } from "../engine/dataset";
import { EXCEL_MAX_CELL_CHARS, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "./spreadsheet-text";
import { columnLetter } from "../import/grid";
import { parseDate, toDate } from "../engine/dates";
import { ActionRow, Contact, reviewRowCells, settingsFromGrid, TrackerGrids } from "./tracker";
import {
  ACTIONS_SHEET,
  actionRowCells,
  WEEKLY_REVIEW_SHEET,
  CODES_SHEET,
  CONTACTS_SHEET,
  DEFAULT_SETTINGS,
  MARKS_ID_COLUMNS,
  MARKS_SHEET_NAME,
  MARKS_TABLE,
  PUPILS_SHEET,
  SETTINGS_SHEET,
  SheetDef,
} from "./tracker-layout";

import type { ReviewItem } from "../engine/weekly-review";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcelJs = (): typeof import("exceljs") => require("exceljs");

export interface TrackerContent {
  dataset?: MarksDataset;
  contacts?: Contact[];
  actions?: ActionRow[];
  settings?: Record<string, string>;
  /** The weekly review's lists: the sheet is written only when there are some. */
  reviews?: ReviewItem[];
  /** Source rows the reader could not use (no UPN, a repeated UPN, an unreadable long-layout row), kept as typed. */
  unreadRows?: UnreadRows;
}

export interface UnreadRows {
  header: string[];
  rows: Array<{ row: number; why: string; cells: string[] }>;
}

export const UNREAD_ROWS_SHEET = "Unread rows";

/** The rows of a source grid that `problems` say were left out (a row named, no one mark), with why. */
export function unreadRowsFrom(grid: { header: string[]; rows: string[][]; rowNumbers?: number[] }, problems: Problem[]): UnreadRows {
  const why = new Map<number, string[]>();
  for (const p of problems) {
    if (p.row === undefined || p.session !== undefined || p.column !== undefined) continue;
    why.set(p.row, [...(why.get(p.row) ?? []), p.message]);
  }
  const rows: UnreadRows["rows"] = [];
  grid.rows.forEach((cells, i) => {
    const row = grid.rowNumbers?.[i] ?? i + 2;
    const reasons = why.get(row);
    if (reasons) rows.push({ row, why: reasons.join(" "), cells: cells.map((c) => String(c ?? "")) });
  });
  return { header: grid.header.map((h) => String(h ?? "")), rows };
}

const TABLE_STYLE = { theme: "TableStyleLight9", showRowStripes: true } as const;
const ACTION_TYPES = ["Call", "Letter", "Meeting", "Home visit", "Check-in", "Support offered", "Attendance contract", "Notice to Improve", "Penalty notice", "LA referral", "Prosecution"];

type CellIn = string | number | Date | null;

/** exceljs supports range-wide validation (`ws.dataValidations.add("D2:Z99", ...)`) but does not type it. */
function validations(ws: Worksheet): { add(address: string, validation: Record<string, unknown>): void } {
  return (ws as unknown as { dataValidations: { add(address: string, validation: Record<string, unknown>): void } }).dataValidations;
}

/**
 * Excel's own limits, checked before anything is written: a workbook beyond them would not open, and
 * text cut short would be lost without a word.
 */
function checkLimits(sheet: string, headers: string[], rows: CellIn[][]): void {
  if (headers.length > EXCEL_MAX_COLUMNS) {
    throw new FatalInputError(`The ${sheet} sheet would need ${headers.length.toLocaleString("en-GB")} columns, more than Excel's ${EXCEL_MAX_COLUMNS.toLocaleString("en-GB")}, so no tracker was written. Split the marks into shorter periods and try again.`);
  }
  if (rows.length + 1 > EXCEL_MAX_ROWS) throw new FatalInputError(`The ${sheet} sheet would need ${(rows.length + 1).toLocaleString("en-GB")} rows, more than Excel's ${EXCEL_MAX_ROWS.toLocaleString("en-GB")}, so no tracker was written.`);
  const long = (v: unknown) => typeof v === "string" && v.length > EXCEL_MAX_CELL_CHARS;
  const h = headers.findIndex(long);
  if (h >= 0) throw new FatalInputError(`The ${sheet} sheet: the heading of column ${columnLetter(h)} has more than ${EXCEL_MAX_CELL_CHARS.toLocaleString("en-GB")} characters, Excel's limit for a cell, so no tracker was written. Shorten it and try again.`);
  for (let r = 0; r < rows.length; r++) {
    const c = rows[r].findIndex(long);
    if (c >= 0) throw new FatalInputError(`The ${sheet} sheet, cell ${columnLetter(c)}${r + 2}: more than ${EXCEL_MAX_CELL_CHARS.toLocaleString("en-GB")} characters, Excel's limit for a cell, so no tracker was written. Shorten it in the source file and try again.`);
  }
}

function addTable(ws: Worksheet, name: string, headers: string[], rows: CellIn[][]): void {
  checkLimits(ws.name, headers, rows);
  // An Excel table needs at least one body row; an empty tracker gets one blank row to type into.
  const body = rows.length > 0 ? rows : [headers.map(() => null)];
  ws.addTable({
    name,
    ref: "A1",
    headerRow: true,
    style: TABLE_STYLE,
    columns: headers.map((h) => ({ name: h, filterButton: true })),
    rows: body as never[][],
  });
}

function setWidths(ws: Worksheet, def: SheetDef | null, widths?: number[]): void {
  const list = widths ?? def!.columns.map((c) => c.width);
  list.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
}

function dateCell(text: string): CellIn {
  const day = parseDate(text);
  return day === null ? text || null : toDate(day);
}

/** Build the tracker workbook; `problems` are marks from the source that could not be read, kept as typed. */
export function buildTracker(content: TrackerContent = {}, problems: Problem[] = []): Workbook {
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.Workbook();
  wb.creator = "Attendance Toolkit";
  wb.created = new Date(0);
  wb.modified = new Date(0);
  const ds = content.dataset;

  // Pupils
  const pupilsWs = wb.addWorksheet(PUPILS_SHEET.name, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  const extra = ds?.extraColumns ?? [];
  const pupilHeaders = [...PUPILS_SHEET.columns.map((c) => c.header), ...extra];
  addTable(
    pupilsWs,
    PUPILS_SHEET.table,
    pupilHeaders,
    (ds?.pupils ?? []).map((p) => [
      p.upn,
      ...PUPIL_COLUMNS.map((c) => (c.key === "dob" ? dateCell(p.details.dob ?? "") : p.details[c.key] ?? null)),
      // Own keys only: a column headed "__proto__" or "constructor" is a column like any other.
      ...extra.map((h) => (Object.prototype.hasOwnProperty.call(p.extra, h) ? p.extra[h] : null)),
    ]),
  );
  setWidths(pupilsWs, null, [...PUPILS_SHEET.columns.map((c) => c.width), ...extra.map(() => 14)]);
  pupilsWs.getColumn(7).numFmt = "dd/mm/yyyy";

  // Contacts
  const contactsWs = wb.addWorksheet(CONTACTS_SHEET.name, { views: [{ state: "frozen", xSplit: 1, ySplit: 1 }] });
  addTable(
    contactsWs,
    CONTACTS_SHEET.table,
    CONTACTS_SHEET.columns.map((c) => c.header),
    (content.contacts ?? []).map((c) => [
      c.upn,
      c.title,
      c.forename,
      c.surname,
      c.relationship,
      c.parentalResponsibility,
      c.livesWithPupil === null ? null : c.livesWithPupil ? "Y" : "N",
      c.address[0] ?? null,
      c.address[1] ?? null,
      c.address[2] ?? null,
      c.postcode,
      c.email,
      c.phone,
      c.preferredContact,
    ]),
  );
  setWidths(contactsWs, CONTACTS_SHEET);
  const contactRows = Math.max(1, content.contacts?.length ?? 0) + 1;
  for (const [colIndex, list] of [[6, '"Y,N"'], [7, '"Y,N"'], [14, '"Email,Post,By hand"']] as Array<[number, string]>) {
    validations(contactsWs).add(`${columnLetter(colIndex - 1)}2:${columnLetter(colIndex - 1)}${contactRows + 500}`, {
      type: "list",
      allowBlank: true,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: "warning",
      error: "Use one of the values in the list.",
    });
  }

  // Marks
  const marksWs = wb.addWorksheet(MARKS_SHEET_NAME, { views: [{ state: "frozen", xSplit: MARKS_ID_COLUMNS.length, ySplit: 1 }] });
  const sessions = ds?.sessions ?? [];
  const badCells = new Map<string, string>();
  for (const pr of problems) {
    if ((pr.kind === "unknown-code" || pr.kind === "legacy-code-after-2024") && pr.upn && pr.session) badCells.set(`${pr.upn}\u0000${pr.session}`, pr.value ?? "");
  }
  // Columns the reader could not use (an unreadable or repeated session header) are kept as typed.
  const unread = ds?.unreadColumns ?? [];
  const markRows: CellIn[][] = (ds?.pupils ?? []).map((p, i) => {
    const m = ds!.marks[i];
    const row: CellIn[] = [p.upn, p.details.surname ?? null, p.details.forename ?? null];
    for (let s = 0; s < sessions.length; s++) {
      const code = REGISTER_CODES[m[s]].code;
      // A mark the engine could not read is kept as typed, so nothing from the source is lost.
      row.push(code || badCells.get(`${p.upn}\u0000${sessions[s].label}`) || null);
    }
    for (const u of unread) row.push(u.values[p.upn] ?? null);
    return row;
  });
  const marksHeaders = [...MARKS_ID_COLUMNS, ...sessions.map((s) => s.label)];
  for (const u of unread) marksHeaders.push(uniqueHeader(u.header, marksHeaders));
  addTable(marksWs, MARKS_TABLE, marksHeaders, markRows);
  setWidths(marksWs, null, [16, 16, 16, ...sessions.map(() => 6)]);
  const codeCount = currentCodes().length;
  const firstMarkCol = columnLetter(MARKS_ID_COLUMNS.length);
  const lastMarkCol = columnLetter(MARKS_ID_COLUMNS.length + Math.max(sessions.length, 1) - 1);
  validations(marksWs).add(`${firstMarkCol}2:${lastMarkCol}${Math.max(markRows.length, 1) + 1}`, {
    type: "list",
    allowBlank: true,
    formulae: [`${CODES_SHEET.name}!$A$2:$A$${codeCount + 1}`],
    showErrorMessage: true,
    errorStyle: "warning",
    errorTitle: "Not a register code",
    error: "Use a register code from the Codes sheet (codes in force from 19 August 2024).",
  });

  // Actions
  const actionsWs = wb.addWorksheet(ACTIONS_SHEET.name, { views: [{ state: "frozen", ySplit: 1 }] });
  addTable(
    actionsWs,
    ACTIONS_SHEET.table,
    ACTIONS_SHEET.columns.map((c) => c.header),
    (content.actions ?? []).map((a) => actionRowCells(a, ACTIONS_SHEET.columns.map((c) => c.header)).map((v, i) => (i === 1 ? dateCell(v) : v || null))),
  );
  setWidths(actionsWs, ACTIONS_SHEET);
  actionsWs.getColumn(2).numFmt = "dd/mm/yyyy";
  validations(actionsWs).add(`D2:D${Math.max(1, content.actions?.length ?? 0) + 1000}`, {
    type: "list",
    allowBlank: true,
    formulae: [`"${ACTION_TYPES.join(",")}"`],
    showErrorMessage: true,
    errorStyle: "warning",
    error: "Use one of the action types in the list.",
  });

  // Rows the reader could not use, kept as typed with the reason, so nothing from the source is lost.
  if (content.unreadRows && content.unreadRows.rows.length > 0) {
    const u = content.unreadRows;
    const ws = wb.addWorksheet(UNREAD_ROWS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
    const header = ["Source row", "Why it was left out", ...u.header];
    const rows: CellIn[][] = u.rows.map((r) => [r.row, r.why, ...r.cells]);
    checkLimits(UNREAD_ROWS_SHEET, header, rows);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    setWidths(ws, null, [10, 60, ...u.header.map(() => 14)]);
  }

  // Weekly review, where there is one
  if (content.reviews && content.reviews.length > 0) {
    const reviewWs = wb.addWorksheet(WEEKLY_REVIEW_SHEET.name, { views: [{ state: "frozen", ySplit: 1 }] });
    addTable(reviewWs, WEEKLY_REVIEW_SHEET.table, WEEKLY_REVIEW_SHEET.columns.map((c) => c.header), content.reviews.map((r) => {
      const cells = reviewRowCells(r);
      return WEEKLY_REVIEW_SHEET.columns.map((c) => (c.header === "Week" || c.header === "First listed" ? dateCell(cells[c.header]) : cells[c.header] ?? ""));
    }));
    setWidths(reviewWs, WEEKLY_REVIEW_SHEET);
    reviewWs.getColumn(1).numFmt = "dd/mm/yyyy";
    reviewWs.getColumn(6).numFmt = "dd/mm/yyyy";
  }

  // Settings
  const settingsWs = wb.addWorksheet(SETTINGS_SHEET.name, { views: [{ state: "frozen", ySplit: 1 }] });
  const settings = content.settings ?? {};
  const known = new Set(DEFAULT_SETTINGS.map(([k]) => k));
  addTable(settingsWs, SETTINGS_SHEET.table, SETTINGS_SHEET.columns.map((c) => c.header), [
    ...DEFAULT_SETTINGS.map(([key, value, about]) => [key, settings[key] ?? value, about]),
    ...Object.entries(settings)
      .filter(([k]) => !known.has(k))
      .map(([k, v]) => [k, v, ""]),
  ]);
  setWidths(settingsWs, SETTINGS_SHEET);

  // Codes: the reference the validation list points at.
  const codesWs = wb.addWorksheet(CODES_SHEET.name, { views: [{ state: "frozen", ySplit: 1 }] });
  addTable(
    codesWs,
    CODES_SHEET.table,
    CODES_SHEET.columns.map((c) => c.header),
    currentCodes().map((c) => [c.code, describeClass(markClassName(c.markClass)), c.meaning]),
  );
  setWidths(codesWs, CODES_SHEET);
  return wb;
}

/** Excel table headers must be unique and not empty: a repeated or blank header gets a number. */
function uniqueHeader(header: string, taken: readonly string[]): string {
  const used = new Set(taken.map((h) => h.toLowerCase()));
  let name = header || "Unread column";
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${header || "Unread column"} (${n})`;
  return name;
}

function describeClass(name: string | null): string {
  switch (name) {
    case "attended":
      return "Present or approved activity";
    case "authorised":
      return "Authorised absence";
    case "unauthorised":
      return "Unauthorised absence";
    default:
      return "Not a possible session";
  }
}

export async function trackerToBuffer(wb: Workbook): Promise<Uint8Array> {
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}

/**
 * What a tracker holds that writing a new tracker over it would lose: its actions log, contacts,
 * weekly review lists and the settings the school has filled in, in words ("12 actions", ...); empty
 * when there is nothing of the school's own on those sheets (a new tracker's defaults).
 */
export function schoolRecordsIn(grids: TrackerGrids): string[] {
  const rowsWithContent = (grid: TrackerGrids["actions"]) => (grid?.rows ?? []).filter((r) => r.some((c) => String(c ?? "").trim() !== "")).length;
  const count = (n: number, one: string, many: string) => (n === 0 ? [] : [`${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`]);
  const defaults = new Map(DEFAULT_SETTINGS.map(([key, value]) => [key, value]));
  const settings = grids.settings ? settingsFromGrid(grids.settings) : {};
  const changed = Object.entries(settings).some(([key, value]) => value.trim() !== (defaults.get(key) ?? "").trim());
  return [
    ...count(rowsWithContent(grids.actions), "action in the actions log", "actions in the actions log"),
    ...count(rowsWithContent(grids.contacts), "contact", "contacts"),
    ...count(rowsWithContent(grids.review), "weekly review entry", "weekly review entries"),
    ...(changed ? ["the school's settings"] : []),
  ];
}
