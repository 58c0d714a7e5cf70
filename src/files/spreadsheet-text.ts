/**
 * The one guard for text written where a spreadsheet will read it (workbook cells through Office.js,
 * evidence.tsv and the copy for the Actions sheet, CSV outputs, the Dashboard headers): text that
 * begins =, +, -, @, a tab or a line break would be read as a formula (formula injection), so it gets
 * a leading apostrophe, which Excel takes as "this is text" and does not show. A lone "+" or "-" is
 * not a formula (and "-" is a register code), so it is left alone.
 */
export function spreadsheetText(value: string): string {
  return /^[=@\t\r\n]|^[+-]./.test(value) ? `'${value}` : value;
}

/** Excel's limit on the characters in one cell. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
/** Excel's limits on columns and rows in a sheet. */
export const EXCEL_MAX_COLUMNS = 16_384;
export const EXCEL_MAX_ROWS = 1_048_576;
