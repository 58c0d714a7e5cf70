/**
 * Reading .xlsx workbooks: the toolkit's tracker (Pupils, Contacts, Marks, Actions, Settings sheets)
 * or a MIS export with the marks on its first sheet, through the bounded streaming reader in
 * xlsx-reader.ts (exceljs is kept for writing workbooks only).
 */
import { FatalInputError } from "../engine/dataset";
import { TrackerData, TrackerGrids, trackerFromGrids } from "./tracker";
import { ACTIONS_SHEET, CONTACTS_SHEET, MARKS_SHEET_NAME, PUPILS_SHEET, SETTINGS_SHEET, WEEKLY_REVIEW_SHEET } from "./tracker-layout";
import { XLSX_LIMITS, XlsxLimits, XlsxReader } from "./xlsx-reader";

export function openWorkbook(bytes: Uint8Array, limits: XlsxLimits = XLSX_LIMITS, onProgress?: (fraction: number) => void): XlsxReader {
  return new XlsxReader(bytes, limits, onProgress);
}

function sheetName(wb: XlsxReader, name: string): string | undefined {
  return wb.sheets.find((w) => w.name.trim().toLowerCase() === name.toLowerCase())?.name;
}

/** Whether a workbook follows the toolkit's tracker layout (it has a Marks sheet). */
export function isTracker(wb: XlsxReader): boolean {
  return sheetName(wb, MARKS_SHEET_NAME) !== undefined;
}

/** The sheets of a tracker as grids, or a plain marks workbook's first visible sheet as the marks. */
export function workbookToGrids(wb: XlsxReader): TrackerGrids {
  const marks = sheetName(wb, MARKS_SHEET_NAME);
  if (!marks) {
    const first = wb.sheets.find((w) => w.state !== "hidden" && w.state !== "veryHidden") ?? wb.sheets[0];
    if (!first) throw new FatalInputError("The workbook has no worksheets.");
    return { marks: wb.readSheet(first.name), marksSheet: first.name };
  }
  const grid = (name: string) => {
    const found = sheetName(wb, name);
    return found ? wb.readSheet(found) : undefined;
  };
  return {
    marks: wb.readSheet(marks),
    pupils: grid(PUPILS_SHEET.name),
    contacts: grid(CONTACTS_SHEET.name),
    actions: grid(ACTIONS_SHEET.name),
    settings: grid(SETTINGS_SHEET.name),
    review: grid(WEEKLY_REVIEW_SHEET.name),
  };
}

/** Read a tracker, or a plain marks workbook (first sheet) as a tracker with no contacts or actions. */
export function workbookToTracker(wb: XlsxReader): TrackerData {
  return trackerFromGrids(workbookToGrids(wb));
}

export async function readTrackerBytes(bytes: Uint8Array, onProgress?: (fraction: number) => void): Promise<TrackerData> {
  return workbookToTracker(openWorkbook(bytes, XLSX_LIMITS, onProgress));
}
