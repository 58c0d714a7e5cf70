/**
 * The live workbook, through Excel's JavaScript API. Every operation uses a small, fixed number of
 * `context.sync` calls: requests are batched, and large ranges are read and written in chunks that
 * stay under Excel on the web's 5 MB payload limit (one sync per chunk).
 *
 * The add-in never changes a cell it did not create: it only creates missing tracker sheets, appends
 * to the Actions table, adds imported marks (differing marks only when the user accepts them, and
 * only where the cell still holds what the user saw), and rewrites the sheets it owns (Analysis,
 * Dashboard, This week) in place, so the school's own formulas and charts that point at them keep
 * working.
 *
 * Its own sheets are recognised by a marker stored in the sheet itself, which survives closing the
 * workbook and moving it between Windows, Mac and the web (a worksheet's id does not: Microsoft
 * keeps it constant within a session only): a worksheet custom property (ExcelApi 1.12) and a
 * worksheet-scoped name `AttendanceToolkit_Sheet` (ExcelApi 1.4, the fallback for older clients;
 * both are written, either is accepted). A sheet without the marker is never touched.
 */
import type { ActionInput } from "../../engine/actions";
import type { ReviewItem } from "../../engine/weekly-review";
import { uniqueActionId } from "../../engine/actions";
import { appendRows, RowByHeader } from "./append-rows";
import { ExcelErrorContext, excelErrorCode, explainExcelError } from "./excel-errors";
import { AnalysisCancelled, Analysis } from "../../engine/analyse";
import { currentCodes, markClassName } from "../../engine/codes";
import type { MarksDataset } from "../../engine/dataset";
import { formatIso } from "../../engine/dates";
import type { Grid } from "../../import/grid";
import { columnLetter } from "../../import/grid";
import { parseSessionHeader } from "../../import/session-headers";
import { conflictKey, MarksMergePlan, planMarksMerge } from "../../files/merge-marks";
import { reviewRowCells, TrackerData, trackerFromGrids } from "../../files/tracker";
import {
  ACTIONS_SHEET,
  ACTION_COLUMN_FIELDS,
  WEEKLY_REVIEW_SHEET,
  ANALYSIS_SHEET,
  CODES_SHEET,
  DASHBOARD_SHEET,
  THIS_WEEK_SHEET,
  CONTACTS_SHEET,
  DEFAULT_SETTINGS,
  MARKS_ID_COLUMNS,
  MARKS_SHEET_NAME,
  MARKS_TABLE,
  PUPILS_SHEET,
  SETTINGS_SHEET,
  SheetDef,
} from "../../files/tracker-layout";
import { analysisTable, ANALYSIS_BAND_COLUMN, dashboardBlocks, SheetTable, thisWeekTable } from "../analysis-sheets";
import { asText, Cell, chunkRows, jsonBytes, MAX_READ_CELLS, MAX_REQUEST_BYTES, rowBytes, safeRow } from "../cells";
import type { MarkConflict } from "../../files/merge-marks";
import type { CreateTrackerResult, Progress, StoreCapabilities, TrackerStore } from "../tracker-store";

/** `Excel.run` (with its options), injectable so tests can count syncs on a mock context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: { delayForCellEdit?: boolean }) => Promise<T>;

const officeRun: ExcelRun = (batch, options) => (options ? Excel.run(options as Excel.RunOptions, batch) : Excel.run(batch));

/** Where the add-in remembers which sheets it owns: the workbook's own settings, saved in the file. */
export interface SettingsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  save(): Promise<void>;
}

export function officeSettings(): SettingsStore {
  const s = Office.context.document.settings;
  return {
    get: (k) => s.get(k),
    set: (k, v) => s.set(k, v),
    save: () => new Promise((resolve, reject) => s.saveAsync((r) => (r.status === Office.AsyncResultStatus.Succeeded ? resolve() : reject(new Error("The add-in's settings could not be saved in the workbook."))))),
  };
}

/** Sheet ids saved by versions before 0.2: valid only within the session that saved them. */
const LEGACY_OWNED_KEY = "attendanceToolkit.ownedSheets";
/** The marker on each sheet the add-in owns: a worksheet custom property (ExcelApi 1.12)... */
export const OWNER_PROPERTY = "AttendanceToolkit.Sheet";
/** ...and a worksheet-scoped name (ExcelApi 1.4), which every client the pane supports has. */
export const OWNER_NAME = "AttendanceToolkit_Sheet";
const DATE_HEADERS = new Set(["dob", "date"]);
/** The Analysis table's name, which a school's own formulas may refer to. */
export const ANALYSIS_TABLE = "AttendanceAnalysis";
const BAND_FILLS: Array<[string, string]> = [
  ["Perfect (100%)", "#C6EFCE"],
  ["Expected", "#E2F0D9"],
  ["Below expected", "#FFF2CC"],
  ["Key converter", "#FFE699"],
  ["Persistent absence", "#F8CBAD"],
  ["Severe absence", "#FF9999"],
];

/**
 * Requirement sets, and what is lost without each (Microsoft's ExcelApi requirement sets):
 * 1.7 is the floor (getRangeByIndexes for chunked reads and writes, freezePanes 1.7; used ranges,
 * *OrNullObject, worksheet names and range intersections 1.4; conditional formats and
 * suspendApiCalculationUntilNextSync 1.6; selecting a row 1.1). 1.8 adds the register-code lists.
 * 1.12 adds the worksheet custom property that marks the add-in's sheets; below it the worksheet-scoped
 * name does the same job, so nothing is lost.
 */
export const MIN_EXCEL_API = "1.7";
export const EXCEL_REQUIREMENTS: Array<[string, string, string]> = [
  ["ExcelApi", MIN_EXCEL_API, "reading and analysing the tracker, and writing the results"],
  ["ExcelApi", "1.8", "code lists on the Marks sheet"],
];
const TOO_OLD = `This needs Excel with ExcelApi ${MIN_EXCEL_API} (Excel 2019 or later, Microsoft 365, Excel on the web, or Excel for Mac 16.17 or later). Update Excel to use the add-in in this workbook; until then, use the browser preview with a tracker file.`;

export class SheetOwnershipError extends Error {}

/** Text of a cell for the tracker readers; serial dates in date columns become YYYY-MM-DD. */
function cellToText(v: unknown, isDate: boolean): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" && isDate && v > 1 && v < 2958466) return formatIso(Math.round(v) - 25569);
  return String(v);
}

interface SheetRead {
  name: string;
  sheet: Excel.Worksheet;
  used: Excel.Range;
}

export class ExcelTrackerStore implements TrackerStore {
  /** Number of `context.sync` calls made, for tests and the pane's diagnostics. */
  syncCount = 0;

  constructor(
    private readonly excelRun: ExcelRun = officeRun,
    private readonly settings: SettingsStore = officeSettings(),
    private readonly isSetSupported: (name: string, version: string) => boolean = (n, v) => Office.context.requirements.isSetSupported(n, v),
    /** The clock, for the day in a new entry's ID. */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * One Excel.run. Where the client has it (ExcelApi 1.11), `delayForCellEdit` makes Excel hold the
   * batch while the user is typing in a cell instead of failing it. Excel's errors come back as
   * sentences (excel-errors.ts) naming what the add-in was doing and on which sheet.
   */
  private async run<T>(batch: (context: Excel.RequestContext) => Promise<T>, where: ExcelErrorContext = { doing: "finish" }): Promise<T> {
    const options = this.isSetSupported("ExcelApi", "1.11") ? { delayForCellEdit: true } : undefined;
    try {
      return await this.excelRun(batch, options);
    } catch (e) {
      throw explainExcelError(e, where);
    }
  }

  /**
   * Finishing touches (frozen header rows, selecting a row) in a request of their own, after the
   * work is written: Excel refuses them while another workbook has the focus (GeneralException),
   * and the work must not be lost for want of them. One sync; a refusal is ignored.
   */
  private async cosmetic(ctx: Excel.RequestContext, queue: () => void): Promise<void> {
    try {
      queue();
      await this.sync(ctx);
    } catch (e) {
      if (excelErrorCode(e) === null) throw e;
    }
  }

  private async sync(context: Excel.RequestContext): Promise<void> {
    this.syncCount++;
    await context.sync();
  }

  /** Refuse, with a sentence, on a client below the floor, before anything is queued. */
  private requireExcel(): void {
    if (!this.isSetSupported("ExcelApi", MIN_EXCEL_API)) throw new Error(TOO_OLD);
  }

  async capabilities(): Promise<StoreCapabilities> {
    const unavailable = EXCEL_REQUIREMENTS.filter(([n, v]) => !this.isSetSupported(n, v)).map(([n, v, what]) => `${what} (needs ${n} ${v}; update Excel)`);
    return { label: "this workbook", canCreateTracker: true, writesResults: true, unavailable };
  }

  async hasTracker(): Promise<boolean> {
    return this.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(MARKS_SHEET_NAME);
      ws.load("name");
      await this.sync(ctx);
      return !ws.isNullObject;
    }, { doing: "look for the tracker" });
  }

  async createTracker(progress?: Progress): Promise<CreateTrackerResult> {
    this.requireExcel();
    const defs: SheetDef[] = [PUPILS_SHEET, CONTACTS_SHEET, { name: MARKS_SHEET_NAME, table: MARKS_TABLE, note: "", columns: MARKS_ID_COLUMNS.map((h) => ({ header: h, width: 16, note: "" })) }, ACTIONS_SHEET, SETTINGS_SHEET, CODES_SHEET];
    return this.run(async (ctx) => {
      progress?.(0.1, "Checking the workbook");
      const found = defs.map((d) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(d.name);
        ws.load("name");
        return ws;
      });
      // A table or defined name elsewhere already called Pupils, Actions...: found before anything is added,
      // rather than Excel refusing the table's name half-way (a tracker with some sheets and not others).
      const tablesNamed = defs.map((d) => ctx.workbook.tables.getItemOrNullObject(d.table));
      const namesNamed = defs.map((d) => ctx.workbook.names.getItemOrNullObject(d.table));
      for (const t of tablesNamed) t.load("name");
      for (const n of namesNamed) n.load("name");
      await this.sync(ctx);
      // The add-in finds its tables by these names (and so may the school's formulas): it does not take another.
      const clashes = defs.filter((_, i) => found[i].isNullObject && (!tablesNamed[i].isNullObject || !namesNamed[i].isNullObject)).map((d) => `"${d.table}"`);
      if (clashes.length > 0) {
        throw new Error(`This workbook already has a table or name called ${clashes.join(" and ")}, which the tracker's own tables need, so nothing was added. Rename yours (click in the table > Table Design > Table Name, or Formulas > Name Manager), then use "Create tracker here" again.`);
      }
      const created: string[] = [];
      const kept: string[] = [];
      const frozen: Array<() => void> = [];
      progress?.(0.4, "Creating the tracker sheets");
      defs.forEach((def, i) => {
        if (!found[i].isNullObject) {
          kept.push(def.name);
          return;
        }
        created.push(def.name);
        const ws = ctx.workbook.worksheets.add(def.name);
        const headers = def.columns.map((c) => c.header);
        const body: Cell[][] =
          def.name === SETTINGS_SHEET.name
            ? DEFAULT_SETTINGS.map(([k, v, about]) => [k, v, about])
            : def.name === CODES_SHEET.name
              ? currentCodes().map((c) => [c.code, markClassName(c.markClass) ?? "", c.meaning])
              : [];
        const range = ws.getRangeByIndexes(0, 0, 1 + Math.max(body.length, 1), headers.length);
        const values = [headers, ...(body.length > 0 ? body.map(safeRow) : [headers.map(() => "")])];
        range.values = values;
        const table = ws.tables.add(range, true);
        table.name = def.table;
        table.style = "TableStyleLight9";
        def.columns.forEach((c, col) => {
          ws.getRangeByIndexes(0, col, 1, 1).format.columnWidth = c.width * 7;
        });
        frozen.push(() => {
          ws.freezePanes.freezeRows(1);
          if (def.name === MARKS_SHEET_NAME) ws.freezePanes.freezeAt(ws.getRange("A1:C1"));
        });
        if (def.name === CONTACTS_SHEET.name && this.isSetSupported("ExcelApi", "1.8")) {
          for (const header of ["Parental responsibility", "Lives with pupil"]) {
            table.columns.getItem(header).getDataBodyRange().dataValidation.rule = { list: { inCellDropDown: true, source: "Y,N" } };
          }
        }
      });
      await this.sync(ctx);
      await this.cosmetic(ctx, () => frozen.forEach((f) => f()));
      progress?.(1, "Done");
      return { created, kept };
    }, { doing: "create the tracker sheets" });
  }

  /** Used ranges of the tracker's sheets, in one sync. */
  private async usedRanges(ctx: Excel.RequestContext, names: string[]): Promise<SheetRead[]> {
    const reads = names.map((name) => {
      const sheet = ctx.workbook.worksheets.getItemOrNullObject(name);
      const used = sheet.getUsedRangeOrNullObject(true);
      used.load("rowIndex,columnIndex,rowCount,columnCount");
      return { name, sheet, used };
    });
    await this.sync(ctx);
    return reads.filter((r) => !r.sheet.isNullObject && !r.used.isNullObject);
  }

  /**
   * Read whole sheets as grids, in requests sized in bytes: each response is kept under
   * MAX_REQUEST_BYTES from the largest row seen so far on that sheet (the first request of a sheet
   * reads at most 500 rows and assumes 12 bytes a cell), and under MAX_READ_CELLS cells (Excel may return null beyond 5 million).
   * `formulas` reads a formula's text instead of its result (Import: a formula is never "empty").
   */
  private async readGrids(ctx: Excel.RequestContext, sheets: SheetRead[], progress?: Progress, signal?: AbortSignal, what: "values" | "formulas" = "values"): Promise<Map<string, Grid>> {
    const state = sheets.map((read) => ({ read, next: 0, rowBytes: Math.max(1, read.used.columnCount) * 12, measured: false, rows: [] as unknown[][] }));
    const total = sheets.reduce((n, r) => n + r.used.rowCount, 0);
    let done = 0;
    while (state.some((st) => st.next < st.read.used.rowCount)) {
      if (signal?.aborted) throw new AnalysisCancelled();
      let bytes = 0;
      let cells = 0;
      const pieces: Array<{ st: (typeof state)[number]; start: number; count: number; range: Excel.Range }> = [];
      for (const st of state) {
        const left = st.read.used.rowCount - st.next;
        if (left <= 0) continue;
        const cols = Math.max(1, st.read.used.columnCount);
        // Until a sheet's rows have been seen, read at most 500 of them: long text (notes, addresses) is sized from those.
        const fit = Math.min(left, st.measured ? left : 500, Math.floor((MAX_REQUEST_BYTES - bytes) / st.rowBytes), Math.floor((MAX_READ_CELLS - cells) / cols));
        const count = pieces.length === 0 ? Math.max(1, fit) : fit;
        if (count <= 0) break;
        const range = st.read.sheet.getRangeByIndexes(st.read.used.rowIndex + st.next, st.read.used.columnIndex, count, st.read.used.columnCount);
        range.load(what);
        pieces.push({ st, start: st.next, count, range });
        bytes += count * st.rowBytes;
        cells += count * cols;
        st.next += count;
      }
      await this.sync(ctx);
      for (const p of pieces) {
        const got = what === "values" ? p.range.values : p.range.formulas;
        // The header row (long session labels) is read once: size later requests by the rows below it.
        let largest = 0;
        got.forEach((row, i) => {
          if (i > 0 || p.start > 0 || got.length === 1) largest = Math.max(largest, rowBytes(row));
        });
        // A fifth more than the largest row seen, for rows further down that are a little longer.
        p.st.rowBytes = Math.max(p.st.measured ? p.st.rowBytes : 1, Math.ceil(largest * 1.2));
        p.st.measured = true;
        for (const row of got) p.st.rows.push(row);
        done += p.count;
      }
      progress?.(0.1 + (0.6 * done) / Math.max(1, total), "Reading the tracker");
    }
    const grids = new Map<string, Grid>();
    for (const { read: r, rows: all } of state) {
      const header = (all[0] ?? []).map((v) => cellToText(v, false));
      const dateCols = new Set(header.flatMap((h, i) => (DATE_HEADERS.has(h.trim().toLowerCase()) ? [i] : [])));
      const body = all.slice(1).map((row) => row.map((v, i) => cellToText(v, dateCols.has(i))));
      grids.set(r.name, { header, rows: body, rowNumbers: body.map((_, i) => r.used.rowIndex + i + 2) });
    }
    return grids;
  }

  async read(progress?: Progress, signal?: AbortSignal): Promise<TrackerData> {
    this.requireExcel();
    return this.run(async (ctx) => {
      progress?.(0.05, "Finding the tracker sheets");
      const names = [MARKS_SHEET_NAME, PUPILS_SHEET.name, CONTACTS_SHEET.name, ACTIONS_SHEET.name, SETTINGS_SHEET.name, WEEKLY_REVIEW_SHEET.name];
      const sheets = await this.usedRanges(ctx, names);
      if (!sheets.some((s) => s.name === MARKS_SHEET_NAME)) {
        throw new Error("This workbook has no Marks sheet. Use \"Create tracker here\" first, then \"Import marks\".");
      }
      const grids = await this.readGrids(ctx, sheets, progress, signal);
      progress?.(0.75, "Checking the marks");
      return trackerFromGrids({
        marks: grids.get(MARKS_SHEET_NAME)!,
        pupils: grids.get(PUPILS_SHEET.name),
        contacts: grids.get(CONTACTS_SHEET.name),
        actions: grids.get(ACTIONS_SHEET.name),
        settings: grids.get(SETTINGS_SHEET.name),
        review: grids.get(WEEKLY_REVIEW_SHEET.name),
      });
    }, { doing: "read the tracker" });
  }

  async planImport(incoming: MarksDataset): Promise<MarksMergePlan> {
    this.requireExcel();
    return this.run(async (ctx) => {
      // The Pupils sheet maps an export keyed by admission number or MIS id to UPNs.
      const sheets = await this.usedRanges(ctx, [MARKS_SHEET_NAME, PUPILS_SHEET.name]);
      const marks = sheets.filter((s) => s.name === MARKS_SHEET_NAME);
      if (marks.length === 0) throw new Error("This workbook has no Marks sheet. Use \"Create tracker here\" first.");
      // Formulas, not values: a cell holding a formula is not empty, even when it shows nothing.
      const grid = (await this.readGrids(ctx, marks, undefined, undefined, "formulas")).get(MARKS_SHEET_NAME)!;
      const pupils = sheets.filter((s) => s.name === PUPILS_SHEET.name);
      const pupilsGrid = pupils.length ? (await this.readGrids(ctx, pupils)).get(PUPILS_SHEET.name) : undefined;
      return planMarksMerge(grid, incoming, pupilsGrid);
    }, { doing: "check the marks to import", sheet: MARKS_SHEET_NAME });
  }

  /**
   * Apply a plan. The Marks sheet is read again first: a cell the plan would fill that is no longer
   * empty, or a differing mark the user accepted that has changed since, is left as it is and
   * returned in `changed`.
   *
   * Nothing is written at a row number read earlier: a co-author (or the user) may sort, filter or
   * insert rows between two requests. Each pupil's row is found by UPN in the request that writes
   * to it (`Range.find`, ExcelApi 1.9), and each session's column by its header in the table;
   * new session columns are added by name, new pupils below the table (append-rows.ts). On a
   * client before ExcelApi 1.9, marks are written by position with the UPN column and header read
   * in the same request, before the writes: if they moved, that request's cells are put back as
   * they were and the import stops with a sentence. Requests are sized in bytes.
   */
  async applyImport(plan: MarksMergePlan, accepted: ReadonlySet<string>, progress?: Progress): Promise<{ added: number; replaced: number; changed: MarkConflict[] }> {
    this.requireExcel();
    return this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem(MARKS_TABLE);
      const header = table.getHeaderRowRange();
      header.load("values");
      const reads = await this.usedRanges(ctx, [MARKS_SHEET_NAME]);
      progress?.(0.1, "Checking the marks again");
      const grid = (await this.readGrids(ctx, reads, undefined, undefined, "formulas")).get(MARKS_SHEET_NAME)!;
      const headers = header.values[0].map((h) => String(h));
      const lower = grid.header.map((h) => h.trim().toLowerCase());
      const upnCol = lower.indexOf("upn");
      const rowOf = new Map<string, number>();
      grid.rows.forEach((r, i) => {
        const upn = String(r[upnCol] ?? "").trim();
        if (upn && !rowOf.has(upn)) rowOf.set(upn, i);
      });
      const gridColOf = new Map<string, number>();
      grid.header.forEach((h, j) => {
        const parsed = parseSessionHeader(h);
        if (parsed.kind === "session" && !gridColOf.has(parsed.session.label)) gridColOf.set(parsed.session.label, j);
      });
      // Column order in the table once the new sessions are added at its end: runs of adjacent sessions go in one range.
      const finalHeader = [...headers, ...plan.newSessions.map((s) => s.label)];
      const tableColOf = new Map<string, { index: number; header: string }>();
      finalHeader.forEach((h, j) => {
        const parsed = parseSessionHeader(h);
        if (parsed.kind === "session" && !tableColOf.has(parsed.session.label)) tableColOf.set(parsed.session.label, { index: j, header: h });
      });
      const cellNow = (upn: string, session: string) => {
        const r = rowOf.get(upn);
        const c = gridColOf.get(session);
        return r === undefined || c === undefined ? "" : String(grid.rows[r][c] ?? "");
      };
      const changed: MarkConflict[] = [];
      let added = 0;
      let replaced = 0;
      const byPupil = new Map<string, Map<number, string>>();
      const put = (upn: string, session: string, code: string) => {
        const col = tableColOf.get(session);
        if (!col) return false;
        const m = byPupil.get(upn) ?? new Map<number, string>();
        m.set(col.index, code);
        byPupil.set(upn, m);
        return true;
      };
      // A pupil of the plan not in the re-read (a row inserted above pushed theirs past what was read) is
      // not written blind: listed as changed, so the pane says to import again, which finds them.
      const unseen = (upn: string, session: string, incoming: string) => changed.push({ key: conflictKey(upn, session), upn, name: "", session, existing: "", incoming });
      for (const f of plan.fills) {
        if (!rowOf.has(f.upn)) {
          unseen(f.upn, f.session, f.code);
          continue;
        }
        const now = cellNow(f.upn, f.session);
        if (now !== "") changed.push({ key: conflictKey(f.upn, f.session), upn: f.upn, name: "", session: f.session, existing: now, incoming: f.code });
        else if (put(f.upn, f.session, f.code)) added++;
      }
      for (const c of plan.conflicts) {
        if (!accepted.has(conflictKey(c.upn, c.session))) continue;
        if (!rowOf.has(c.upn) || !gridColOf.has(c.session)) {
          unseen(c.upn, c.session, c.incoming);
          continue;
        }
        const now = cellNow(c.upn, c.session);
        if (now !== c.existing) changed.push({ ...c, existing: now });
        else if (put(c.upn, c.session, c.incoming)) replaced++;
      }
      // Each pupil's marks as runs of adjacent columns: one range a run.
      const runs: Array<{ upn: string; first: number; codes: string[] }> = [];
      for (const [upn, cols] of byPupil) {
        const sorted = [...cols.keys()].sort((a, b) => a - b);
        for (let i = 0; i < sorted.length; ) {
          let j = i + 1;
          while (j < sorted.length && sorted[j] === sorted[j - 1] + 1) j++;
          runs.push({ upn, first: sorted[i], codes: sorted.slice(i, j).map((c) => cols.get(c)!) });
          i = j;
        }
      }
      progress?.(0.3, "Adding sessions and marks");
      // New sessions' columns, by name, as tall as the table is when the request runs.
      ctx.application.suspendApiCalculationUntilNextSync();
      for (const s of plan.newSessions) table.columns.add(undefined, undefined, s.label);
      let pending = 200 * plan.newSessions.length;
      if (this.isSetSupported("ExcelApi", "1.9")) {
        await this.writeRunsByUpn(ctx, table, headers, finalHeader, runs, pending);
      } else {
        await this.writeRunsByPosition(ctx, table, headers, grid, reads[0].used, rowOf, runs, pending);
      }
      pending = 0;
      // New pupils: added below the table by its header (now with the new sessions), in requests under the limit.
      progress?.(0.7, "Adding new pupils");
      const upnHeader = headers.find((h) => h.trim().toLowerCase() === "upn") ?? "UPN";
      const records: RowByHeader[] = plan.newPupils.map((p) => {
        const record: Record<string, Cell> = { [upnHeader]: p.upn, Surname: p.surname, Forename: p.forename };
        for (const [label, code] of Object.entries(p.marks)) {
          const col = tableColOf.get(label);
          if (col) record[col.header] = code;
          added++;
        }
        return record;
      });
      if (records.length > 0) await appendRows(table, MARKS_SHEET_NAME, records, () => this.sync(ctx));
      if (plan.newSessions.length > 0 && this.isSetSupported("ExcelApi", "1.8")) {
        // Each new column found by its header when this request runs.
        for (const s of plan.newSessions) {
          const range = table.columns.getItem(s.label).getDataBodyRange();
          range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${CODES_SHEET.name}!$A$2:$A$${currentCodes().length + 1}` } };
          range.dataValidation.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.warning, title: "Not a register code", message: "Use a register code from the Codes sheet." };
        }
        await this.sync(ctx);
      }
      progress?.(1, "Done");
      return { added, replaced, changed };
    }, { doing: "import the marks", sheet: MARKS_SHEET_NAME });
  }

  /**
   * Marks written where each pupil's row is when the request runs: the UPN found in the table's UPN
   * column (ExcelApi 1.9), the run's columns found by their headers, and their intersection written.
   * A request is sent before it would pass the byte budget.
   */
  private async writeRunsByUpn(ctx: Excel.RequestContext, table: Excel.Table, headers: string[], finalHeader: string[], runs: ReadonlyArray<{ upn: string; first: number; codes: string[] }>, pending: number): Promise<void> {
    const upnHeader = headers.find((h) => h.trim().toLowerCase() === "upn") ?? "UPN";
    let upnColumn = table.columns.getItem(upnHeader).getDataBodyRange();
    let columns = new Map<string, Excel.Range>();
    const column = (h: string) => {
      let c = columns.get(h);
      if (!c) columns.set(h, (c = table.columns.getItem(h).getDataBodyRange()));
      return c;
    };
    let rowOfUpn = new Map<string, Excel.Range>();
    for (const run of runs) {
      const bytes = jsonBytes(run.codes) + 600;
      if (pending > 0 && pending + bytes > MAX_REQUEST_BYTES) {
        await this.sync(ctx);
        pending = 0;
        // Proxies are per request: a later request finds rows and columns again.
        upnColumn = table.columns.getItem(upnHeader).getDataBodyRange();
        columns = new Map();
        rowOfUpn = new Map();
      }
      if (pending === 0) ctx.application.suspendApiCalculationUntilNextSync();
      let row = rowOfUpn.get(run.upn);
      if (!row) rowOfUpn.set(run.upn, (row = upnColumn.find(run.upn, { completeMatch: true, matchCase: false }).getEntireRow()));
      const first = column(finalHeader[run.first]);
      const span = run.codes.length === 1 ? first : first.getBoundingRect(column(finalHeader[run.first + run.codes.length - 1]));
      row.getIntersection(span).values = [run.codes];
      pending += bytes;
    }
    if (pending > 0) await this.sync(ctx);
  }

  /**
   * Before ExcelApi 1.9 (Excel 2019) there is no finding a row in the request that writes it: marks
   * are written by position, and the UPN column and header are read in the same request, before the
   * writes, with the cells about to be written. If a row or column moved, those cells are put back
   * in the next request and the import stops with a sentence.
   */
  private async writeRunsByPosition(ctx: Excel.RequestContext, table: Excel.Table, headers: string[], grid: Grid, used: Excel.Range, rowOf: Map<string, number>, runs: ReadonlyArray<{ upn: string; first: number; codes: string[] }>, pending: number): Promise<void> {
    const sheet = table.worksheet;
    const upnAt = grid.header.findIndex((h) => h.trim().toLowerCase() === "upn");
    const expectedUpns = grid.rows.map((r) => [String(r[upnAt] ?? "")]);
    const expectedHeader = grid.header;
    // The table's first column in the sheet, as read: its columns follow in order.
    const firstCol = used.columnIndex + grid.header.findIndex((h) => h === headers[0]);
    let batch: Array<{ range: Excel.Range; before: Excel.Range; values: string[][] }> = [];
    const send = async () => {
      const upns = sheet.getRangeByIndexes(used.rowIndex + 1, used.columnIndex + upnAt, Math.max(1, grid.rows.length), 1);
      const head = sheet.getRangeByIndexes(used.rowIndex, used.columnIndex, 1, grid.header.length);
      upns.load("values");
      head.load("values");
      for (const w of batch) w.before.load("formulas");
      for (const w of batch) w.range.values = w.values;
      await this.sync(ctx);
      const moved = upns.values.some((r, i) => String(r[0] ?? "") !== expectedUpns[i]?.[0]) || head.values[0].some((h, j) => String(h ?? "") !== expectedHeader[j]);
      if (moved) {
        for (const w of batch) w.range.values = w.before.formulas;
        await this.sync(ctx);
        throw new Error("Rows or columns on the Marks sheet were moved (sorted, inserted or deleted) while the marks were being imported, so the marks of that step were taken out again. Import again: it checks the sheet afresh and adds only what is missing.");
      }
      batch = [];
    };
    for (const run of runs) {
      const r = rowOf.get(run.upn)!;
      const range = sheet.getRangeByIndexes(used.rowIndex + 1 + r, firstCol + run.first, 1, run.codes.length);
      const bytes = 2 * jsonBytes(run.codes) + 600;
      if (pending > 0 && pending + bytes > MAX_REQUEST_BYTES) {
        await send();
        pending = 0;
      }
      batch.push({ range, before: sheet.getRangeByIndexes(used.rowIndex + 1 + r, firstCol + run.first, 1, run.codes.length), values: [run.codes] });
      pending += bytes;
    }
    if (batch.length > 0 || pending > 0) await send();
  }

  private legacyIds(): Record<string, string> {
    const v = this.settings.get(LEGACY_OWNED_KEY);
    return v && typeof v === "object" ? { ...(v as Record<string, string>) } : {};
  }

  /**
   * The add-in's own sheets `names`, ready to be written: an existing one (recognised by its
   * marker) is emptied in place (charts, conditional formats, values and formats cleared), a missing
   * one is added and marked in the same request, so a run stopped at any point leaves sheets the
   * next run recognises. Its table called `keepTables[i]` is kept (and resized by writeTable) where
   * the client can resize tables (ExcelApi 1.13), so the school's structured references to it
   * (=AttendanceAnalysis[Attendance %]) hold; other tables are turned back into ranges. A sheet of the
   * same name that the add-in did not create is never touched: the user is asked to rename it. Two syncs.
   */
  private async ownSheets(ctx: Excel.RequestContext, names: string[], signal?: AbortSignal, keepTables: Array<string | null> = []): Promise<Array<{ ws: Excel.Worksheet; table: Excel.Table | null }>> {
    const withProperty = this.isSetSupported("ExcelApi", "1.12");
    const canResize = this.isSetSupported("ExcelApi", "1.13");
    const found = names.map((name) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("id,name");
      return ws;
    });
    await this.sync(ctx);
    const checks = found.map((ws) => {
      if (ws.isNullObject) return null;
      const property = withProperty ? ws.customProperties.getItemOrNullObject(OWNER_PROPERTY) : null;
      property?.load("value");
      const name = ws.names.getItemOrNullObject(OWNER_NAME);
      name.load("name");
      ws.tables.load("items/name");
      ws.charts.load("items/name");
      return { property, name };
    });
    await this.sync(ctx);
    const legacy = this.legacyIds();
    found.forEach((ws, i) => {
      const c = checks[i];
      if (!c) return;
      const marked = (c.property !== null && !c.property.isNullObject) || !c.name.isNullObject;
      // Sheets made before the marker existed: their saved id holds only within the session that saved it.
      if (!marked && legacy[names[i]] !== ws.id) {
        throw new SheetOwnershipError(`This workbook already has a sheet called "${names[i]}" that the add-in did not create, so the figures were not written to the workbook. Rename your "${names[i]}" sheet (right-click its tab > Rename), then analyse again: the add-in writes its results to its own "${names[i]}" sheet.`);
      }
    });
    if (signal?.aborted) throw new AnalysisCancelled();
    return names.map((sheetName, i) => {
      const old = found[i];
      const c = checks[i];
      const ws = c ? old : ctx.workbook.worksheets.add(sheetName);
      let table: Excel.Table | null = null;
      if (c) {
        for (const t of ws.tables.items) {
          if (canResize && t.name === keepTables[i]) table = t;
          else t.convertToRange();
        }
        for (const chart of ws.charts.items) chart.delete();
        const all = ws.getRange();
        all.conditionalFormats.clearAll();
        all.clear("All");
      }
      if (withProperty && (!c || c.property === null || c.property.isNullObject)) ws.customProperties.add(OWNER_PROPERTY, sheetName);
      if (!c || c.name.isNullObject) ws.names.add(OWNER_NAME, "=TRUE", "Marks this sheet as the Attendance Toolkit's own: it rewrites the sheet each time it analyses.");
      return { ws, table };
    });
  }

  /**
   * Queue a sheet table (header + rows); rows beyond the first chunk are written after syncs. Every
   * chunk sets its number formats before its values in the same request: text cells "@" (so "7-1"
   * stays a form name, not 7 January, and "0123" keeps its zero), dates and percentages their
   * formats. Chunks are sized on values and formats together, so no request passes the limit
   * (one request of formats for every row passed 5 MB at about 37,000 pupils). A kept table is
   * resized over the new rows; otherwise one is made.
   */
  private writeTable(ws: Excel.Worksheet, t: SheetTable, tableName: string, kept: Excel.Table | null = null): Array<() => void> {
    const width = t.header.length;
    const total = t.rows.length;
    const all = ws.getRangeByIndexes(0, 0, 1 + Math.max(total, 1), width);
    const head = ws.getRangeByIndexes(0, 0, 1, width);
    head.numberFormat = [t.header.map(() => "@")];
    head.values = [safeRow(t.header)];
    const kinds = t.header.map((_, c) => (t.dateColumns.includes(c) ? "dd/mm/yyyy" : t.percentColumns.includes(c) ? "0.0%" : "General"));
    const formatOf = (row: readonly Cell[]) => row.map((v, c) => (typeof v === "string" ? "@" : kinds[c]));
    // Sized as values and formats together: each row's cells, then its formats.
    const paired = t.rows.map((r) => [...r, ...formatOf(r)] as Cell[]);
    const chunks = chunkRows(paired);
    const writes = chunks.map((c) => () => {
      if (c.rows.length === 0) return;
      const range = ws.getRangeByIndexes(1 + c.start, 0, c.rows.length, width);
      range.numberFormat = c.rows.map((r) => r.slice(width) as string[]);
      range.values = c.rows.map((r) => safeRow(r.slice(0, width)));
    });
    writes[0]();
    if (kept) {
      // The same table, over the new extent: formulas that name it keep working.
      kept.resize(all);
    } else {
      const table = ws.tables.add(all, true);
      table.name = tableName;
      table.style = "TableStyleLight9";
    }
    return writes.slice(1);
  }

  async writeAnalysis(analysis: Analysis, progress?: Progress, signal?: AbortSignal): Promise<void> {
    this.requireExcel();
    const names = [ANALYSIS_SHEET, DASHBOARD_SHEET];
    await this.run(async (ctx) => {
      progress?.(0.8, "Writing the analysis");
      const [{ ws, table: kept }, { ws: dash }] = await this.ownSheets(ctx, names, signal, [ANALYSIS_TABLE, null]);
      ctx.application.suspendApiCalculationUntilNextSync();
      const table = analysisTable(analysis);
      const later = this.writeTable(ws, table, ANALYSIS_TABLE, kept);
      if (table.rows.length > 0) {
        const bandCells = ws.getRangeByIndexes(1, ANALYSIS_BAND_COLUMN - 1, table.rows.length, 2);
        const bandCol = columnLetter(ANALYSIS_BAND_COLUMN);
        for (const [label, colour] of BAND_FILLS) {
          const cf = bandCells.conditionalFormats.add(Excel.ConditionalFormatType.custom);
          cf.custom.rule.formula = `=$${bandCol}2="${label}"`;
          cf.custom.format.fill.color = colour;
        }
      }
      ws.getRangeByIndexes(0, 0, 1, table.header.length).format.autofitColumns();
      this.writeDashboard(dash, analysis);
      await this.sync(ctx);
      for (const [n, write] of later.entries()) {
        // Stopping here leaves a partial Analysis sheet, already marked as the add-in's: the next run rewrites it.
        if (signal?.aborted) throw new AnalysisCancelled();
        write();
        await this.sync(ctx);
        progress?.(0.9 + (0.1 * (n + 1)) / later.length, "Writing the analysis");
      }
      // Frozen headers last, on their own: refused while another workbook has the focus, and not worth the figures.
      await this.cosmetic(ctx, () => {
        ws.freezePanes.freezeRows(1);
        ws.freezePanes.freezeAt(ws.getRange("A1:C1"));
      });
      progress?.(1, "Done");
    }, { doing: "write the Analysis and Dashboard sheets", sheet: names });
  }

  private writeDashboard(ws: Excel.Worksheet, analysis: Analysis): void {
    const { title, blocks } = dashboardBlocks(analysis);
    const titleCell = ws.getRange("A1");
    titleCell.numberFormat = [["@"]];
    titleCell.values = [[asText(title)]];
    titleCell.format.font.bold = true;
    titleCell.format.font.size = 16;
    let row = 2;
    let chartTop = 2;
    for (const b of blocks) {
      // Titles and headers can carry a policy's groupColumns name: guarded like every other text.
      const blockTitle = ws.getRangeByIndexes(row, 0, 1, 1);
      blockTitle.numberFormat = [["@"]];
      blockTitle.values = [[asText(b.title)]];
      blockTitle.format.font.bold = true;
      const width = b.header.length;
      const range = ws.getRangeByIndexes(row + 1, 0, 1 + b.rows.length, width);
      // Text as text ("7-1" is a form, not a date), percentages as percentages, set before the values.
      range.numberFormat = [b.header.map(() => "@"), ...b.rows.map((r) => r.map((v, c) => (typeof v === "string" ? "@" : b.percentColumns.includes(c) ? "0.0%" : "General")))];
      range.values = [safeRow(b.header), ...b.rows.map(safeRow)];
      ws.getRangeByIndexes(row + 1, 0, 1, width).format.font.bold = true;
      if (b.chart && b.rows.length > 0) {
        const data = ws.getRangeByIndexes(row + 1, b.chart.columns[0], 1 + b.rows.length, 2);
        const chart = ws.charts.add(b.chart.type === "line" ? Excel.ChartType.line : Excel.ChartType.columnClustered, data, Excel.ChartSeriesBy.columns);
        chart.title.text = b.chart.title;
        chart.legend.visible = false;
        chart.setPosition(ws.getRangeByIndexes(chartTop, 10, 1, 1), ws.getRangeByIndexes(chartTop + 16, 17, 1, 1));
        chartTop += 18;
      }
      row += b.rows.length + 3;
    }
    ws.getRangeByIndexes(0, 0, row, 9).format.autofitColumns();
  }

  async writeThisWeek(analysis: Analysis): Promise<void> {
    this.requireExcel();
    const names = [THIS_WEEK_SHEET];
    await this.run(async (ctx) => {
      const [{ ws, table: kept }] = await this.ownSheets(ctx, names, undefined, ["ThisWeek"]);
      const later = this.writeTable(ws, thisWeekTable(analysis), "ThisWeek", kept);
      ws.getRange("A:J").format.autofitColumns();
      await this.sync(ctx);
      for (const write of later) {
        write();
        await this.sync(ctx);
      }
      await this.cosmetic(ctx, () => ws.freezePanes.freezeRows(1));
    }, { doing: "write the This week sheet", sheet: THIS_WEEK_SHEET });
  }

  /**
   * One entry added to the Actions log, safe with other people logging at the same time: an ID
   * nobody else can be given (the day and a random part, not "highest + 1"), written with
   * `Range.values` below the table by the table's own headers, and read back. Four syncs.
   */
  async appendAction(entry: ActionInput): Promise<string> {
    return this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItemOrNullObject(ACTIONS_SHEET.table);
      table.load("name");
      await this.sync(ctx);
      if (table.isNullObject) throw new Error("This workbook has no Actions table. Use \"Create tracker here\" first.");
      // The IDs already in the log, so a new one is never one of them (the random part covers a colleague logging now).
      const ids = table.columns.getItem("ID").getDataBodyRange();
      ids.load("values");
      await this.sync(ctx);
      const id = entry.id || uniqueActionId(this.now(), new Set(ids.values.map((r) => String(r[0] ?? "").trim())));
      // By header, from the one column map: a tracker made before the typed columns has fewer, a later one may have more.
      const full = { ...entry, id } as unknown as Record<string, unknown>;
      const record: RowByHeader = Object.fromEntries(ACTION_COLUMN_FIELDS.map(([h, f]) => [h, String(full[f] ?? "")]));
      await appendRows(table, ACTIONS_SHEET.name, [record], () => this.sync(ctx));
      return id;
    }, { doing: "add the entry to the actions log", sheet: ACTIONS_SHEET.name });
  }

  /**
   * The week's review list, added below the earlier ones in the Weekly review table (made by the
   * add-in the first time; a sheet of that name it did not make is left alone), with the same
   * co-authoring-safe append as the actions log. Each row follows the table's own headers; a table
   * made before the Kind, Because, Status, Reason and Done by columns gets them first (it is the
   * add-in's own table). Two syncs the first time, four after.
   */
  async saveWeeklyReview(items: readonly ReviewItem[]): Promise<void> {
    await this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItemOrNullObject(WEEKLY_REVIEW_SHEET.table);
      const existing = ctx.workbook.worksheets.getItemOrNullObject(WEEKLY_REVIEW_SHEET.name);
      table.load("name");
      existing.load("name");
      await this.sync(ctx);
      const headers = WEEKLY_REVIEW_SHEET.columns.map((c) => c.header);
      if (!table.isNullObject) {
        if (items.length === 0) return;
        const header = table.getHeaderRowRange();
        header.load("values");
        const body = table.getDataBodyRange();
        body.load("rowCount");
        await this.sync(ctx);
        const names = (header.values[0] ?? []).map((h) => String(h ?? "").trim());
        // The columns this version adds, empty for the rows already there.
        for (const h of headers.filter((x) => !names.includes(x))) table.columns.add(undefined, [[h], ...Array.from({ length: body.rowCount }, () => [""])], h);
        await appendRows(table, WEEKLY_REVIEW_SHEET.name, items.map(reviewRowCells), () => this.sync(ctx));
        return;
      }
      if (!existing.isNullObject) throw new Error(`This workbook already has a sheet called "${WEEKLY_REVIEW_SHEET.name}" that the add-in did not make. Rename it, then save the review again.`);
      // The first list goes in with the header, as one range that becomes the table.
      const rows = items.map((i) => {
        const cells = reviewRowCells(i);
        return headers.map((h) => asText(cells[h] ?? ""));
      });
      const ws = ctx.workbook.worksheets.add(WEEKLY_REVIEW_SHEET.name);
      const body = rows.length > 0 ? rows : [headers.map(() => "")];
      const range = ws.getRangeByIndexes(0, 0, 1 + body.length, headers.length);
      range.numberFormat = [headers, ...body].map((r) => r.map(() => "@"));
      range.values = [headers, ...body];
      const created = ws.tables.add(range, true);
      created.name = WEEKLY_REVIEW_SHEET.table;
      created.style = "TableStyleLight9";
      await this.sync(ctx);
      await this.cosmetic(ctx, () => ws.freezePanes.freezeRows(1));
    }, { doing: "save the weekly review", sheet: WEEKLY_REVIEW_SHEET.name });
  }

  async selectPupil(upn: string): Promise<void> {
    await this.run(async (ctx) => {
      for (const name of [ANALYSIS_SHEET, PUPILS_SHEET.name]) {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
        const used = ws.getUsedRangeOrNullObject(true);
        const column = used.getColumn(0);
        column.load("values,rowIndex");
        used.load("columnCount");
        await this.sync(ctx);
        if (ws.isNullObject || used.isNullObject) continue;
        const i = column.values.findIndex((r) => String(r[0]).trim() === upn);
        if (i < 0) continue;
        ws.activate();
        ws.getRangeByIndexes(column.rowIndex + i, 0, 1, used.columnCount).select();
        await this.sync(ctx);
        return;
      }
    });
  }

  /**
   * Follow the selection: Excel fires an event for every cell the user passes over, and queues at
   * most 50 batches, so the look-up waits until the selection has settled for `settleMs`, then
   * makes one round trip (the active sheet's header and the selected row, in one request). A
   * look-up overtaken by a newer selection reports nothing.
   */
  async onSelectedPupil(callback: (upn: string | null) => void, settleMs = 250): Promise<() => void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let generation = 0;
    const lookUp = async (gen: number) => {
      try {
        const upn = await this.run(async (ctx) => {
          const sel = ctx.workbook.getSelectedRange();
          sel.load("rowIndex");
          const used = ctx.workbook.worksheets.getActiveWorksheet().getUsedRangeOrNullObject(true);
          used.load("rowIndex");
          const header = used.getRow(0);
          header.load("values");
          const row = used.getIntersectionOrNullObject(sel.getRow(0).getEntireRow());
          row.load("values");
          await this.sync(ctx);
          if (used.isNullObject || row.isNullObject || sel.rowIndex <= used.rowIndex) return null;
          const col = header.values[0].findIndex((h) => String(h).trim().toLowerCase() === "upn");
          return col < 0 ? null : String(row.values[0][col] ?? "").trim() || null;
        });
        if (gen === generation) callback(upn);
      } catch {
        if (gen === generation) callback(null);
      }
    };
    const handler = async () => {
      const gen = ++generation;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void lookUp(gen), settleMs);
    };
    const result = await this.run(async (ctx) => {
      const r = ctx.workbook.onSelectionChanged.add(handler);
      await this.sync(ctx);
      return r;
    });
    return () => {
      generation++;
      if (timer !== undefined) clearTimeout(timer);
      void Excel.run(result.context, async (ctx) => {
        result.remove();
        await ctx.sync();
      });
    };
  }
}
