/**
 * Reading .xlsx workbooks with exceljs: the toolkit's tracker (Pupils, Contacts, Marks, Actions,
 * Settings sheets) or a MIS export with the marks on its first sheet. exceljs is heavy (about 250 KB
 * gzip in a browser bundle), so callers load this module only when a workbook is opened.
 */
import type { Workbook, Worksheet, CellValue } from "exceljs";
import { FatalInputError } from "../engine/dataset";
import { Grid } from "../engine/grid";
import { TrackerData, TrackerGrids, trackerFromGrids } from "./tracker";
import { ACTIONS_SHEET, CONTACTS_SHEET, MARKS_SHEET_NAME, PUPILS_SHEET, SETTINGS_SHEET, WEEKLY_REVIEW_SHEET } from "./tracker-layout";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadExcelJs = (): typeof import("exceljs") => require("exceljs");

/** A cell's value as the text a person sees (dates as YYYY-MM-DD). */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join("");
    if ("formula" in v || "sharedFormula" in v) return cellText((v as { result?: CellValue }).result);
    if ("text" in v) return cellText((v as { text: CellValue }).text);
    if ("error" in v) return String((v as { error: string }).error);
  }
  return String(v);
}

/** A worksheet's used cells as a grid; the first row holds the headers. */
export function sheetToGrid(ws: Worksheet): Grid {
  const values = ws.getSheetValues() as unknown as Array<CellValue[] | undefined>;
  let headerRow = 0;
  for (let r = 1; r < values.length; r++) {
    if (values[r] && values[r]!.some((v) => cellText(v).trim() !== "")) {
      headerRow = r;
      break;
    }
  }
  if (headerRow === 0) return { header: [], rows: [], rowNumbers: [] };
  const toRow = (cells: CellValue[] | undefined): string[] => {
    const out: string[] = [];
    if (!cells) return out;
    // Row arrays are 1-based and sparse.
    for (let c = 1; c < cells.length; c++) out.push(cellText(cells[c]));
    return out;
  };
  const header = toRow(values[headerRow]);
  const rows: string[][] = [];
  const rowNumbers: number[] = [];
  for (let r = headerRow + 1; r < values.length; r++) {
    if (!values[r]) continue;
    rows.push(toRow(values[r]));
    rowNumbers.push(r);
  }
  return { header, rows, rowNumbers };
}

export async function loadWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const ExcelJS = loadExcelJs();
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs accepts a Buffer in Node and an ArrayBuffer in the browser.
    const data = typeof Buffer !== "undefined" ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.buffer;
    await wb.xlsx.load(data as ArrayBuffer);
  } catch {
    throw new FatalInputError("This file is not a CSV or Excel workbook that can be read (it may be another kind of file, damaged, or password-protected). Save it as .xlsx or CSV UTF-8 and try again.");
  }
  return wb;
}

function sheet(wb: Workbook, name: string): Worksheet | undefined {
  return wb.worksheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase());
}

/** Whether a workbook follows the toolkit's tracker layout (it has a Marks sheet). */
export function isTracker(wb: Workbook): boolean {
  return sheet(wb, MARKS_SHEET_NAME) !== undefined;
}

/** The sheets of a tracker as grids, or a plain marks workbook's first sheet as the marks. */
export function workbookToGrids(wb: Workbook): TrackerGrids {
  const marks = sheet(wb, MARKS_SHEET_NAME);
  if (!marks) {
    const first = wb.worksheets.find((w) => w.state !== "hidden" && w.state !== "veryHidden") ?? wb.worksheets[0];
    if (!first) throw new FatalInputError("The workbook has no worksheets.");
    return { marks: sheetToGrid(first), marksSheet: first.name };
  }
  const grid = (name: string) => {
    const ws = sheet(wb, name);
    return ws ? sheetToGrid(ws) : undefined;
  };
  return {
    marks: sheetToGrid(marks),
    pupils: grid(PUPILS_SHEET.name),
    contacts: grid(CONTACTS_SHEET.name),
    actions: grid(ACTIONS_SHEET.name),
    settings: grid(SETTINGS_SHEET.name),
    review: grid(WEEKLY_REVIEW_SHEET.name),
  };
}

/** Read a tracker, or a plain marks workbook (first sheet) as a tracker with no contacts or actions. */
export function workbookToTracker(wb: Workbook): TrackerData {
  return trackerFromGrids(workbookToGrids(wb));
}

export async function readTrackerBytes(bytes: Uint8Array): Promise<TrackerData> {
  return workbookToTracker(await loadWorkbook(bytes));
}
