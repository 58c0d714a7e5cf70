/**
 * Which rows of an export are pupils. Reports put other text where the pupil key should be: a
 * footer ("Report produced by ... on 27/03/2026", "Page 1 of 1"), a group heading ("Registration
 * Group: 7RB"), a Power BI "Applied filters: ..." note, the header row again (two reports pasted
 * together, or a printed report's header on every page). Such a row carries no marks and its key is
 * not shaped like the file's pupil keys, so it is left out and listed once, never made a pupil.
 */
import { FatalInputError, MarksDataset } from "../engine/dataset";
import { headerRole, normHeader } from "./headers";

/**
 * The DfE's UPN: a check letter, 11 digits and a last character that is a digit, or a letter for a
 * temporary UPN (DfE "Unique pupil numbers (UPNs)", the UPN's format). Compared upper-cased.
 */
const UPN_SHAPE = /^[A-Z]\d{11}[0-9A-Z]$/;

/**
 * A key as the reader compares it: trimmed, and a UPN upper-cased (the DfE's UPN is capitals and
 * digits, so ` a873412318002 ` is A873412318002). Text that cannot be a UPN (one word with a digit)
 * is kept as written, so a "Total" or a footer is quoted as the file has it.
 */
export function pupilKey(raw: unknown, isUpn: boolean): string {
  const t = String(raw ?? "").trim();
  return isUpn && /\d/.test(t) && !/\s/.test(t) ? t.toUpperCase() : t;
}

/** A key's shape: each run of letters `A`, of digits `9`, other characters kept (`S-501` is `A-9`). */
export function keyShape(key: string): string {
  return key.replace(/\s+/g, " ").replace(/[A-Za-z]+/g, "A").replace(/[0-9]+/g, "9");
}

/**
 * Pupils read with no mark at all whose key is not shaped like the keys of the pupils that have
 * marks (UPN-shaped where the file's keys are UPNs) are report text, not pupils: they are taken out
 * of the dataset, with the problems raised on their rows, and listed in one notice.
 */
export function dropFurniture(ds: MarksDataset, hasMarks: ArrayLike<number | boolean>, keyIsUpn: boolean): void {
  const unmarked: number[] = [];
  for (let p = 0; p < ds.pupils.length; p++) if (!hasMarks[p]) unmarked.push(p);
  if (unmarked.length === 0) return;
  const shapes = new Set<string>();
  let marked = 0;
  let upnShaped = 0;
  for (let p = 0; p < ds.pupils.length; p++) {
    if (!hasMarks[p]) continue;
    marked++;
    const key = ds.pupils[p].upn;
    if (UPN_SHAPE.test(key)) upnShaped++;
    shapes.add(keyShape(key));
  }
  // A file that has UPNs: most of its marked keys are UPN-shaped.
  const upnFile = keyIsUpn && marked > 0 && upnShaped * 2 >= marked;
  const plausible = (key: string) => {
    if (upnFile) return UPN_SHAPE.test(key);
    // With no pupil marked (a pupil list, a register not yet taken), any one-word key is an id.
    if (marked === 0) return !/\s/.test(key);
    return shapes.has(keyShape(key));
  };
  const dropped = new Set<number>();
  for (const p of unmarked) if (!plausible(ds.pupils[p].upn)) dropped.add(p);
  if (dropped.size === 0) return;
  const keys = new Set<string>();
  const listed: string[] = [];
  const rows = new Set<number>();
  for (const p of dropped) {
    const { upn, row } = ds.pupils[p];
    keys.add(upn);
    rows.add(row);
    if (listed.length < 5) listed.push(`row ${row} ("${upn.length > 60 ? `${upn.slice(0, 57)}...` : upn}")`);
  }
  const keep = (_: unknown, p: number) => !dropped.has(p);
  ds.pupils = ds.pupils.filter(keep);
  ds.marks = ds.marks.filter(keep);
  // The rows' own problems (a footer repeated on every page is a "repeated pupil", its blank date a bad date) go with them.
  ds.problems = ds.problems.filter((pr) => {
    if (pr.upn === undefined || !keys.has(pr.upn)) return true;
    if (pr.row !== undefined) rows.add(pr.row);
    return false;
  });
  if (ds.unreadColumns) for (const c of ds.unreadColumns) for (const k of keys) delete c.values[k];
  const n = rows.size;
  (ds.notices ??= []).push(
    `${n} row${n === 1 ? " is" : "s are"} report text, not pupils (no marks, and not a ${upnFile ? "UPN" : "pupil key like the others"}), so ${n === 1 ? "it was" : "they were"} left out: ${listed.join(", ")}${n > listed.length ? ", ..." : ""}.`,
  );
}

/**
 * The header row seen again among the data rows. The same header (a printed report's header on each
 * page) is skipped with one notice; a header with other columns (a second report pasted below the
 * first, on other dates) cannot be read against the first one's columns, so the file is refused with
 * the row number rather than read wrong.
 */
export class RepeatedHeader {
  private keyHeader: string;
  private header: string[];
  private expectSecond = -1;
  skipped: number[] = [];
  constructor(
    private headerRows: string[][],
    keyCol: number,
  ) {
    this.header = headerRows[0].map((h) => String(h ?? "").trim());
    this.keyHeader = normHeader(this.header[keyCol] ?? "");
  }

  /** Whether this row is the header again (true: skip it). Throws when it is a different header. */
  check(cells: string[], key: string, row: number): boolean {
    if (this.expectSecond === row) {
      this.expectSecond = -1;
      if (sameCells(cells, this.headerRows[1])) {
        this.skipped.push(row);
        return true;
      }
      throw this.refuse(row - 1);
    }
    // Cheap first: a pupil key has digits, a header's key cell does not.
    if (key === "" || /\d/.test(key)) return false;
    const n = normHeader(key);
    if (n !== this.keyHeader) {
      const role = headerRole(key);
      if (!role || (role.kind !== "upn" && role.kind !== "pupilId")) return false;
    }
    if (!sameCells(cells, this.headerRows[0])) throw this.refuse(row);
    this.skipped.push(row);
    if (this.headerRows.length === 2) this.expectSecond = row + 1;
    return true;
  }

  notice(): string | undefined {
    const n = this.skipped.length;
    if (n === 0) return undefined;
    return `The header row appears again on row${n === 1 ? "" : "s"} ${this.skipped.slice(0, 5).join(", ")}${n > 5 ? ", ..." : ""} (a report printed page by page): ${n === 1 ? "it was" : "they were"} skipped.`;
  }

  private refuse(row: number): FatalInputError {
    return new FatalInputError(
      `Row ${row} is a second header row with other columns than the first: the file holds two reports one after the other, and the rows after row ${row} cannot be read against the first header's sessions. Save each report as a file of its own and read them one at a time.`,
    );
  }
}

function sameCells(a: string[], b: string[] | undefined): boolean {
  if (!b) return false;
  const width = Math.max(a.length, b.length);
  for (let i = 0; i < width; i++) if (String(a[i] ?? "").trim() !== String(b[i] ?? "").trim()) return false;
  return true;
}
