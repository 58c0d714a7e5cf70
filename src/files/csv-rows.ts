/**
 * CSV text (RFC 4180, comma-separated) read one record at a time, so a big export is never held as a
 * grid of cells: a 255,000-pupil file is about a hundred million cells, 880 MB as an array of strings.
 *
 * Hand-written rather than papaparse, measured on a 117 MB long export (3.9 million records): this
 * reader 0.39 s, papaparse's step mode 2.1 s and its chunk mode 5.4 s. The rules are papaparse's:
 * - a field in double quotes may hold commas, line breaks and `""` for one quote;
 * - a quote inside an unquoted field is kept as typed;
 * - spaces between a closing quote and the comma are ignored;
 * - LF, CRLF or CR ends a record; a final line break does not start one more.
 * A quoted field whose quote closes in the middle of it (`"Smith" Jr`, papaparse's InvalidQuotes) is
 * where papaparse and a spreadsheet part: papaparse runs on to the next closing quote, rows later,
 * taking other pupils' cells into this one. Here it is read as LibreOffice Calc reads it (checked
 * against it): if the field closes properly further along the same line, up to there with the
 * stray quote kept as typed (`"O"Neil",` is `O"Neil`); otherwise the field as typed, quotes and
 * all, up to the next comma or line end. Either way the record never runs into the next line, and
 * the record is reported (`onBadQuotes`) so that staff check it.
 */
import { FatalInputError } from "../engine/dataset";
import type { Problem } from "../engine/dataset";
import { columnLetter } from "../import/grid";
import type { RowSource } from "../import/grid";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;
const SPACE = 32;
/** Lines at least this long with no quote are split natively (a wide export's row of 390 sessions). */
const SPLIT_FROM = 256;

export function unclosedQuoteMessage(record: number): string {
  return `The file has a quotation mark that is never closed (row ${record}), so the rows after it cannot be read. Correct the file and try again.`;
}

/** A record with a quote closing in the middle of a field: its index (0 = the header) and the field's column. */
export type BadQuotes = (index: number, column: number) => void;

/** The sentence for a record whose quotes close in the middle of a cell (row: header = 1). */
export function badQuotesProblem(row: number, column: string): Problem {
  return {
    kind: "damaged-text",
    row,
    column,
    value: "quotation mark",
    message: `Row ${row}, column ${column}: a quotation mark closes in the middle of the cell, so the cell was read as typed, up to the next comma, as a spreadsheet reads it. Check this row in the file.`,
  };
}

/**
 * Call `fn` with each record's cells and its index (the first record is 0), from `start` (a character
 * offset past any byte-order mark). Returning false stops the reading.
 */
export function forEachCsvRecord(text: string, fn: (cells: string[], index: number) => boolean | void, start = 0, onBadQuotes?: BadQuotes): void {
  const end = text.length;
  let pos = start;
  let index = 0;
  // Where the next quote and carriage return are: a line with neither (nearly every line of an
  // export) is split by the engine's own String.split, many times faster than a character loop.
  let nextQuote = -1;
  let nextCr = -1;
  while (pos < end) {
    if (nextQuote < pos) nextQuote = indexOrEnd(text, '"', pos);
    if (nextCr < pos) nextCr = indexOrEnd(text, "\r", pos);
    const lf = indexOrEnd(text, "\n", pos);
    let cells: string[];
    if (lf - pos < SPLIT_FROM) {
      // A short line (a long export's row a mark): the character loop is as quick, and its cells share the text.
      cells = [];
      pos = readRecord(text, pos, end, cells, index, onBadQuotes);
    } else if (nextQuote > lf && (nextCr > lf || nextCr === lf - 1) && lf < end) {
      cells = text.slice(pos, nextCr === lf - 1 ? lf - 1 : lf).split(",");
      pos = lf + 1;
    } else if (nextQuote >= end && nextCr >= end && lf >= end) {
      // The last line, with no line break after it.
      cells = text.slice(pos, end).split(",");
      pos = end;
    } else {
      cells = [];
      pos = readRecord(text, pos, end, cells, index, onBadQuotes);
    }
    if (fn(cells, index++) === false) return;
  }
}

function indexOrEnd(text: string, ch: string, from: number): number {
  const i = text.indexOf(ch, from);
  return i < 0 ? text.length : i;
}

/** The first line break (CR or LF) at or after `from`, or the end of the text. */
function lineEnd(text: string, from: number): number {
  const lf = indexOrEnd(text, "\n", from);
  const cr = text.indexOf("\r", from);
  return cr >= 0 && cr < lf ? cr : lf;
}

/** Where an unquoted field that starts at `pos` ends: the next comma or line break. */
function fieldEnd(text: string, pos: number, end: number): number {
  let e = pos;
  while (e < end) {
    const k = text.charCodeAt(e);
    if (k === COMMA || k === LF || k === CR) break;
    e++;
  }
  return e;
}

/** One record from `pos`, character by character (quotes, or a carriage return alone): its cells and where the next starts. */
function readRecord(text: string, pos: number, end: number, cells: string[], index: number, onBadQuotes?: BadQuotes): number {
  for (;;) {
    let ch = text.charCodeAt(pos);
    if (ch === QUOTE) {
      // A quoted field: up to the quote that is followed by a comma, a line end or the end of the text.
      let value = "";
      let from = pos + 1;
      // Past a quote that closes mid-field, the proper close is looked for only up to this line's end.
      let limit = -1;
      let asTyped = false;
      for (;;) {
        const q = text.indexOf('"', from);
        if (limit >= 0 && (q < 0 || q >= limit)) {
          asTyped = true;
          break;
        }
        if (q < 0) throw new FatalInputError(unclosedQuoteMessage(index + 1));
        const next = text.charCodeAt(q + 1);
        if (next === QUOTE) {
          value += text.slice(from, q + 1);
          from = q + 2;
          continue;
        }
        let after = q + 1;
        while (text.charCodeAt(after) === SPACE) after++;
        const stop = text.charCodeAt(after);
        if (after >= end || stop === COMMA || stop === LF || stop === CR) {
          value += text.slice(from, q);
          pos = after;
          break;
        }
        // A quote closing in the middle of the field: kept as typed if the field closes properly later
        // on this line; a field already over a line break is not looked into further.
        if (limit < 0) {
          onBadQuotes?.(index, cells.length);
          limit = lineEnd(text, pos);
          if (limit < q) {
            asTyped = true;
            break;
          }
        }
        value += text.slice(from, q + 1);
        from = q + 1;
      }
      if (asTyped) {
        // The field as typed, quotes and all, up to the next comma or line end.
        const e = fieldEnd(text, pos, end);
        value = text.slice(pos, e);
        pos = e;
      }
      cells.push(value);
    } else {
      const e = fieldEnd(text, pos, end);
      cells.push(text.slice(pos, e));
      pos = e;
    }
    ch = text.charCodeAt(pos);
    if (ch === COMMA) {
      pos++;
      // A comma at the very end of the text still ends with an empty field.
      if (pos >= end) {
        cells.push("");
        return pos;
      }
      continue;
    }
    if (ch === CR) {
      pos++;
      if (text.charCodeAt(pos) === LF) pos++;
    } else if (ch === LF) pos++;
    return pos;
  }
}

/** Where the records start: past a byte-order mark. */
export function csvStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * Problems found while reading the text (quotes closing mid-cell, bytes that were not text), each
 * record once however many passes are made: the marks reader adds them to its own.
 */
export class TextProblems {
  readonly list: Problem[] = [];
  private readonly seen = new Set<number>();
  constructor(private readonly flagReplaced = false) {}

  readonly badQuotes: BadQuotes = (index, column) => {
    if (this.seen.has(index)) return;
    this.seen.add(index);
    this.list.push(badQuotesProblem(index + 1, columnLetter(column)));
  };

  /** A record holding U+FFFD where the decoder replaced bytes that were not text (only when it did). */
  check(cells: string[], index: number): void {
    if (!this.flagReplaced || this.seen.has(-1 - index)) return;
    for (let c = 0; c < cells.length; c++) {
      if (cells[c].indexOf("\uFFFD") < 0) continue;
      this.seen.add(-1 - index);
      this.list.push(replacedBytesProblem(index + 1, columnLetter(c)));
      return;
    }
  }
}

/** The sentence for a row where bytes that are not UTF-8 text were replaced by � (row: header = 1). */
export function replacedBytesProblem(row: number, column: string): Problem {
  return {
    kind: "damaged-text",
    row,
    column,
    value: "damaged characters",
    message: `Row ${row}, column ${column}: the file has bytes here that are not UTF-8 text (a damaged character), shown as \uFFFD; the rest of the row was read. Check this row in the file, or save the file again as CSV UTF-8.`,
  };
}

/**
 * The records after the header, read again from the text on each pass (the reader passes once or
 * twice), with the header record held. Problems in the text are gathered in `problems` as the
 * records are read.
 */
export class CsvRows implements RowSource {
  readonly header: string[];
  private readonly found: TextProblems;
  constructor(
    private readonly text: string,
    replaced = false,
  ) {
    this.found = new TextProblems(replaced);
    let header: string[] = [];
    forEachCsvRecord(
      text,
      (cells) => {
        header = cells;
        this.found.check(cells, 0);
        return false;
      },
      csvStart(text),
      this.found.badQuotes,
    );
    this.header = header;
  }

  /** The problems found so far (each record once); complete after one whole pass. */
  get problems(): Problem[] {
    return this.found.list;
  }

  each(fn: (cells: string[], index: number) => boolean | void, from = 0): void {
    const found = this.found;
    forEachCsvRecord(
      this.text,
      (cells, i) => {
        if (i === 0 || i - 1 < from) return;
        found.check(cells, i);
        return fn(cells, i - 1);
      },
      csvStart(this.text),
      found.badQuotes,
    );
  }
}
