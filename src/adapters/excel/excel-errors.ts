/**
 * Excel's error codes, in plain sentences for the pane: the one place that reads
 * `OfficeExtension.Error.code`. Office.js rejects a batch with an error whose `code` is one of
 * Excel's ErrorCodes and whose message is written for developers; staff get what happened, on
 * which sheet, and what to do. No cell values are repeated (they may be a pupil's).
 */

/** Where the add-in was working when Excel refused, for the sentence. */
export interface ExcelErrorContext {
  /** What the add-in was doing, as staff would say it: "write the analysis", "add the action". */
  doing: string;
  /** The sheet (or sheets) it was writing, when there is one. */
  sheet?: string | readonly string[];
}

/** An Excel error explained: `message` is the sentence for staff, `code` Excel's own. */
export class ExcelProblem extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = "ExcelProblem";
  }
}

/** Excel's error code on an OfficeExtension.Error (or its debugInfo), or null for any other error. */
export function excelErrorCode(e: unknown): string | null {
  if (!e || typeof e !== "object") return null;
  const o = e as { code?: unknown; debugInfo?: { code?: unknown } };
  if (typeof o.code === "string" && o.code) return o.code;
  if (o.debugInfo && typeof o.debugInfo.code === "string" && o.debugInfo.code) return o.debugInfo.code;
  return null;
}

const names = (sheet: string | readonly string[]) => (typeof sheet === "string" ? [sheet] : [...sheet]).map((n) => `"${n}"`).join(" or ");
const quoted = (sheet?: string | readonly string[]) => (sheet && sheet.length > 0 ? `the ${names(sheet)} sheet` : "the workbook");

/** The sentence for an Excel error code. */
export function explainExcelCode(code: string, where: ExcelErrorContext): string {
  const on = quoted(where.sheet);
  switch (code) {
    case "AccessDenied":
      return `Excel would not let the add-in ${where.doing}: ${on} is protected, or the workbook is open for viewing only. Unprotect the sheet (Review > Unprotect Sheet), or open the workbook for editing (in Excel on the web: Editing, not Viewing), then try again.`;
    case "InvalidOperationInCellEditMode":
      return `Excel is waiting for you to finish typing in a cell, so the add-in could not ${where.doing}. Press Enter or Esc, then try again.`;
    case "ItemAlreadyExists":
      return `The add-in could not ${where.doing}: this workbook already has a sheet, table or name called ${where.sheet && where.sheet.length > 0 ? names(where.sheet) : "what it needs"}. Rename yours, then try again.`;
    case "RequestPayloadSizeLimitExceeded":
    case "PayloadTooLarge":
      return `Excel refused a request from the add-in as too large while it tried to ${where.doing}. Nothing you typed was changed. Please tell your IT team (the add-in keeps every request under Excel's 5 MB limit, so this is a fault to report).`;
    case "GeneralException":
      return `Excel could not ${where.doing}. This often happens when another workbook was clicked while the add-in worked: click in this workbook, then try again. If it keeps happening, close and reopen the workbook.`;
    case "ItemNotFound":
    case "InvalidReference":
      return `Excel could not ${where.doing}: a sheet or table the add-in uses was renamed, moved or removed while it worked. Check ${on}, then try again.`;
    case "InvalidArgument":
    case "InvalidBinding":
      return `Excel could not ${where.doing}: ${on} changed while the add-in was writing (rows or columns moved, inserted or removed). Try again: it writes again from what is there now.`;
    case "Conflict":
    case "EditConflict":
      return `Someone else changed ${on} at the same moment, so Excel could not ${where.doing}. Try again.`;
    case "ActivityLimitReached":
    case "RequestAborted":
    case "ServiceNotAvailable":
    case "Timeout":
      return `Excel is busy or lost its connection, so the add-in could not ${where.doing}. Wait a moment, then try again.`;
    case "UnsupportedOperation":
    case "ApiNotFound":
      return `This version of Excel cannot ${where.doing}. Update Excel (or use Excel on the web), then try again.`;
    case "InsertDeleteConflict":
      return `Excel could not ${where.doing}: it would have moved cells in a table or merged cells on ${on}. Try again after moving them.`;
    default:
      return `Excel could not ${where.doing} (Excel said: ${code}). Try again; if it keeps happening, tell your IT team the words in brackets.`;
  }
}

/** An Excel error as an ExcelProblem with its sentence; any other error is returned as it was. */
export function explainExcelError(e: unknown, where: ExcelErrorContext): unknown {
  const code = excelErrorCode(e);
  if (code === null || e instanceof ExcelProblem) return e;
  return new ExcelProblem(explainExcelCode(code, where), code);
}
