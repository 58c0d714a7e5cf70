/**
 * The live workbook, through Excel's JavaScript API. Every operation uses a small, fixed number of
 * `context.sync` calls: requests are batched, and large ranges are read and written in chunks that
 * stay under Excel on the web's 5 MB payload limit (one sync per chunk).
 *
 * The add-in never changes a cell it did not create: it only creates missing tracker sheets, appends
 * to the Actions table, adds imported marks (differing marks only when the user accepts them), and
 * replaces the sheets it owns (Analysis, Dashboard, This week), which it recognises by their ids
 * saved in the workbook's settings, never by name alone.
 */
import type { ActionInput } from "../../engine/actions";
import { nextActionId } from "../../engine/actions";
import { AnalysisCancelled, Analysis } from "../../engine/analyse";
import { currentCodes, markClassName } from "../../engine/codes";
import type { MarksDataset } from "../../engine/dataset";
import { formatIso } from "../../engine/dates";
import type { Grid } from "../../engine/grid";
import { columnLetter } from "../../engine/grid";
import { parseSessionHeader } from "../../engine/sessions";
import { conflictKey, MarksMergePlan, planMarksMerge } from "../../files/merge-marks";
import { TrackerData, trackerFromGrids } from "../../files/tracker";
import {
  ACTIONS_SHEET,
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
import { asText, Cell, chunkRows, MAX_READ_CELLS, readChunks, safeRow } from "../cells";
import type { CreateTrackerResult, Progress, StoreCapabilities, TrackerStore } from "../tracker-store";

/** `Excel.run`, injectable so tests can count syncs on a mock context. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

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

const OWNED_KEY = "attendanceToolkit.ownedSheets";
const DATE_HEADERS = new Set(["dob", "date"]);
const BAND_FILLS: Array<[string, string]> = [
  ["Perfect (100%)", "#C6EFCE"],
  ["Expected", "#E2F0D9"],
  ["Below expected", "#FFF2CC"],
  ["Key converter", "#FFE699"],
  ["Persistent absence", "#F8CBAD"],
  ["Severe absence", "#FF9999"],
];

/** Requirement sets the pane needs, and what is lost without each. */
export const EXCEL_REQUIREMENTS: Array<[string, string, string]> = [
  ["ExcelApi", "1.7", "reading and writing the tracker in chunks"],
  ["ExcelApi", "1.8", "code lists on the Marks sheet"],
  ["ExcelApi", "1.9", "selecting a pupil's row from the pane"],
];

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
    private readonly run: ExcelRun = (batch) => Excel.run(batch),
    private readonly settings: SettingsStore = officeSettings(),
    private readonly isSetSupported: (name: string, version: string) => boolean = (n, v) => Office.context.requirements.isSetSupported(n, v),
  ) {}

  private async sync(context: Excel.RequestContext): Promise<void> {
    this.syncCount++;
    await context.sync();
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
    });
  }

  async createTracker(progress?: Progress): Promise<CreateTrackerResult> {
    const defs: SheetDef[] = [PUPILS_SHEET, CONTACTS_SHEET, { name: MARKS_SHEET_NAME, table: MARKS_TABLE, note: "", columns: MARKS_ID_COLUMNS.map((h) => ({ header: h, width: 16, note: "" })) }, ACTIONS_SHEET, SETTINGS_SHEET, CODES_SHEET];
    return this.run(async (ctx) => {
      progress?.(0.1, "Checking the workbook");
      const found = defs.map((d) => {
        const ws = ctx.workbook.worksheets.getItemOrNullObject(d.name);
        ws.load("name");
        return ws;
      });
      await this.sync(ctx);
      const created: string[] = [];
      const kept: string[] = [];
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
        ws.freezePanes.freezeRows(1);
        if (def.name === MARKS_SHEET_NAME) ws.freezePanes.freezeAt(ws.getRange("A1:C1"));
        if (def.name === CONTACTS_SHEET.name && this.isSetSupported("ExcelApi", "1.8")) {
          for (const header of ["Parental responsibility", "Lives with pupil"]) {
            table.columns.getItem(header).getDataBodyRange().dataValidation.rule = { list: { inCellDropDown: true, source: "Y,N" } };
          }
        }
      });
      await this.sync(ctx);
      progress?.(1, "Done");
      return { created, kept };
    });
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
   * Read whole sheets as grids. All the sheets' cells are packed into requests of at most
   * MAX_READ_CELLS cells, so a school of any size takes ceil(cells / limit) syncs.
   */
  private async readGrids(ctx: Excel.RequestContext, sheets: SheetRead[], progress?: Progress, signal?: AbortSignal): Promise<Map<string, Grid>> {
    interface Piece {
      read: SheetRead;
      start: number;
      count: number;
      range?: Excel.Range;
    }
    const pieces: Piece[] = [];
    for (const r of sheets) for (const c of readChunks(r.used.rowCount, r.used.columnCount)) pieces.push({ read: r, ...c });
    // Pack pieces into requests.
    const batches: Piece[][] = [];
    let cells = 0;
    for (const p of pieces) {
      const n = p.count * p.read.used.columnCount;
      if (batches.length === 0 || cells + n > MAX_READ_CELLS) {
        batches.push([]);
        cells = 0;
      }
      batches[batches.length - 1].push(p);
      cells += n;
    }
    const rows = new Map<string, unknown[][]>();
    for (let b = 0; b < batches.length; b++) {
      if (signal?.aborted) throw new AnalysisCancelled();
      for (const p of batches[b]) {
        p.range = p.read.sheet.getRangeByIndexes(p.read.used.rowIndex + p.start, p.read.used.columnIndex, p.count, p.read.used.columnCount);
        p.range.load("values");
      }
      await this.sync(ctx);
      for (const p of batches[b]) {
        const list = rows.get(p.read.name) ?? [];
        list.push(...p.range!.values);
        rows.set(p.read.name, list);
        p.range = undefined;
      }
      progress?.(0.1 + (0.6 * (b + 1)) / batches.length, "Reading the tracker");
    }
    const grids = new Map<string, Grid>();
    for (const r of sheets) {
      const all = rows.get(r.name) ?? [];
      const header = (all[0] ?? []).map((v) => cellToText(v, false));
      const dateCols = new Set(header.flatMap((h, i) => (DATE_HEADERS.has(h.trim().toLowerCase()) ? [i] : [])));
      const body = all.slice(1).map((row) => row.map((v, i) => cellToText(v, dateCols.has(i))));
      grids.set(r.name, { header, rows: body, rowNumbers: body.map((_, i) => r.used.rowIndex + i + 2) });
    }
    return grids;
  }

  async read(progress?: Progress, signal?: AbortSignal): Promise<TrackerData> {
    return this.run(async (ctx) => {
      progress?.(0.05, "Finding the tracker sheets");
      const names = [MARKS_SHEET_NAME, PUPILS_SHEET.name, CONTACTS_SHEET.name, ACTIONS_SHEET.name, SETTINGS_SHEET.name];
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
      });
    });
  }

  async planImport(incoming: MarksDataset): Promise<MarksMergePlan> {
    return this.run(async (ctx) => {
      const sheets = await this.usedRanges(ctx, [MARKS_SHEET_NAME]);
      if (sheets.length === 0) throw new Error("This workbook has no Marks sheet. Use \"Create tracker here\" first.");
      const grid = (await this.readGrids(ctx, sheets)).get(MARKS_SHEET_NAME)!;
      return planMarksMerge(grid, incoming);
    });
  }

  async applyImport(plan: MarksMergePlan, accepted: ReadonlySet<string>, progress?: Progress): Promise<{ added: number; replaced: number }> {
    return this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItem(MARKS_TABLE);
      const header = table.getHeaderRowRange();
      header.load("values,columnIndex,rowIndex");
      const upnColumn = table.columns.getItem("UPN").getDataBodyRange();
      upnColumn.load("values");
      const sheet = table.worksheet;
      await this.sync(ctx);
      ctx.application.suspendApiCalculationUntilNextSync();
      const headers = header.values[0].map((h) => String(h));
      const rowOfUpn = new Map<string, number>();
      upnColumn.values.forEach((r, i) => {
        const upn = String(r[0] ?? "").trim();
        if (upn && !rowOfUpn.has(upn)) rowOfUpn.set(upn, i);
      });
      const colOf = new Map<string, number>();
      headers.forEach((h, i) => {
        const parsed = parseSessionHeader(h);
        if (parsed.kind === "session" && !colOf.has(parsed.session.label)) colOf.set(parsed.session.label, i);
      });
      let added = 0;
      let replaced = 0;
      const existingRows = upnColumn.values.length;
      // New sessions: whole columns, with the marks of pupils already there filled in.
      const fillsBySession = new Map<string, Map<number, string>>();
      const laterFills: Array<{ row: number; col: number; code: string }> = [];
      for (const f of plan.fills) {
        const row = rowOfUpn.get(f.upn);
        if (row === undefined) continue;
        const col = colOf.get(f.session);
        if (col === undefined) {
          const m = fillsBySession.get(f.session) ?? new Map<number, string>();
          m.set(row, f.code);
          fillsBySession.set(f.session, m);
        } else laterFills.push({ row, col, code: f.code });
      }
      plan.newSessions.forEach((s, i) => {
        const fills = fillsBySession.get(s.label) ?? new Map<number, string>();
        const values = [[s.label], ...Array.from({ length: existingRows }, (_, r) => [fills.get(r) ?? ""])];
        table.columns.add(undefined, values, s.label);
        colOf.set(s.label, headers.length + i);
        added += fills.size;
      });
      const width = headers.length + plan.newSessions.length;
      // Cells of existing columns: filled where empty; replaced only where the user accepted.
      const edits = [...laterFills];
      for (const c of plan.conflicts) {
        if (!accepted.has(conflictKey(c.upn, c.session))) continue;
        const row = rowOfUpn.get(c.upn);
        const col = colOf.get(c.session);
        if (row !== undefined && col !== undefined) {
          edits.push({ row, col, code: c.incoming });
          replaced++;
        }
      }
      added += laterFills.length;
      const body = table.getDataBodyRange();
      for (const e of edits) body.getCell(e.row, e.col).values = [[e.code]];
      progress?.(0.5, "Adding sessions and marks");
      await this.sync(ctx);
      // New pupils: rows appended to the table, in chunks under the payload limit.
      const upnIndex = headers.findIndex((h) => h.trim().toLowerCase() === "upn");
      const surnameIndex = headers.findIndex((h) => h.trim().toLowerCase() === "surname");
      const forenameIndex = headers.findIndex((h) => h.trim().toLowerCase() === "forename");
      const newRows: Cell[][] = plan.newPupils.map((p) => {
        const row: Cell[] = new Array(width).fill("");
        row[upnIndex] = asText(p.upn);
        if (surnameIndex >= 0) row[surnameIndex] = asText(p.surname);
        if (forenameIndex >= 0) row[forenameIndex] = asText(p.forename);
        for (const [label, code] of Object.entries(p.marks)) {
          row[colOf.get(label)!] = code;
          added++;
        }
        return row;
      });
      for (const chunk of chunkRows(newRows)) {
        if (chunk.rows.length === 0) continue;
        table.rows.add(undefined, chunk.rows.map((r) => r.map((c) => c ?? "")));
        await this.sync(ctx);
      }
      if (plan.newSessions.length > 0 && this.isSetSupported("ExcelApi", "1.8")) {
        const first = headers.length;
        const rows = existingRows + plan.newPupils.length;
        const range = sheet.getRangeByIndexes(header.rowIndex + 1, header.columnIndex + first, Math.max(rows, 1), plan.newSessions.length);
        range.dataValidation.rule = { list: { inCellDropDown: true, source: `=${CODES_SHEET.name}!$A$2:$A$${currentCodes().length + 1}` } };
        range.dataValidation.errorAlert = { showAlert: true, style: Excel.DataValidationAlertStyle.warning, title: "Not a register code", message: "Use a register code from the Codes sheet." };
        await this.sync(ctx);
      }
      progress?.(1, "Done");
      return { added, replaced };
    });
  }

  private ownedIds(): Record<string, string> {
    const v = this.settings.get(OWNED_KEY);
    return v && typeof v === "object" ? { ...(v as Record<string, string>) } : {};
  }

  /**
   * Replace the owned sheets `names` with fresh ones, in one sync after the check. A sheet of the
   * same name that the add-in did not create is never touched: the user is asked to rename it.
   */
  private async freshSheets(ctx: Excel.RequestContext, names: string[]): Promise<Excel.Worksheet[]> {
    const owned = this.ownedIds();
    const existing = names.map((name) => {
      const ws = ctx.workbook.worksheets.getItemOrNullObject(name);
      ws.load("id,name,position");
      return ws;
    });
    await this.sync(ctx);
    existing.forEach((ws, i) => {
      if (!ws.isNullObject && owned[names[i]] !== ws.id) {
        throw new SheetOwnershipError(`This workbook already has a sheet called "${names[i]}" that the add-in did not create. Rename it, and analyse again: the add-in writes its results to its own "${names[i]}" sheet.`);
      }
    });
    const fresh = names.map((name, i) => {
      const old = existing[i];
      if (!old.isNullObject) {
        old.name = `${name} (old)`;
        old.delete();
      }
      const ws = ctx.workbook.worksheets.add(name);
      if (!old.isNullObject) ws.position = old.position;
      ws.load("id");
      return ws;
    });
    return fresh;
  }

  private async remember(names: string[], sheets: Excel.Worksheet[]): Promise<void> {
    const owned = this.ownedIds();
    names.forEach((n, i) => (owned[n] = sheets[i].id));
    this.settings.set(OWNED_KEY, owned);
    await this.settings.save();
  }

  /** Queue a sheet table (header + rows) with formats; rows beyond the first chunk are written after syncs. */
  private writeTable(ws: Excel.Worksheet, t: SheetTable, tableName: string): Array<() => void> {
    const width = t.header.length;
    const total = t.rows.length;
    const all = ws.getRangeByIndexes(0, 0, 1 + Math.max(total, 1), width);
    ws.getRangeByIndexes(0, 0, 1, width).values = [t.header];
    const chunks = chunkRows(t.rows);
    const writes = chunks.map((c) => () => {
      if (c.rows.length > 0) ws.getRangeByIndexes(1 + c.start, 0, c.rows.length, width).values = c.rows.map(safeRow);
    });
    const body = total > 0 ? ws.getRangeByIndexes(1, 0, total, width) : null;
    // Formats first, then the first chunk of values: one request.
    if (body) {
      // One format a row: Excel wants the array to match the range's shape.
      for (const c of t.dateColumns) body.getColumn(c).numberFormat = t.rows.map(() => ["dd/mm/yyyy"]);
      for (const c of t.percentColumns) body.getColumn(c).numberFormat = t.rows.map(() => ["0.0%"]);
    }
    writes[0]();
    const table = ws.tables.add(all, true);
    table.name = tableName;
    table.style = "TableStyleLight9";
    ws.freezePanes.freezeRows(1);
    return writes.slice(1);
  }

  async writeAnalysis(analysis: Analysis, progress?: Progress, signal?: AbortSignal): Promise<void> {
    const names = [ANALYSIS_SHEET, DASHBOARD_SHEET];
    await this.run(async (ctx) => {
      progress?.(0.8, "Writing the analysis");
      const [ws, dash] = await this.freshSheets(ctx, names);
      ctx.application.suspendApiCalculationUntilNextSync();
      const table = analysisTable(analysis);
      const later = this.writeTable(ws, table, "AttendanceAnalysis");
      ws.freezePanes.freezeAt(ws.getRange("A1:C1"));
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
        // Stopping here leaves a partial Analysis sheet the add-in owns; the next run replaces it.
        if (signal?.aborted) throw new AnalysisCancelled();
        write();
        await this.sync(ctx);
        progress?.(0.9 + (0.1 * (n + 1)) / later.length, "Writing the analysis");
      }
      await this.remember(names, [ws, dash]);
      progress?.(1, "Done");
    });
  }

  private writeDashboard(ws: Excel.Worksheet, analysis: Analysis): void {
    const { title, blocks } = dashboardBlocks(analysis);
    ws.getRange("A1").values = [[title]];
    ws.getRange("A1").format.font.bold = true;
    ws.getRange("A1").format.font.size = 16;
    let row = 2;
    let chartTop = 2;
    for (const b of blocks) {
      ws.getRangeByIndexes(row, 0, 1, 1).values = [[b.title]];
      ws.getRangeByIndexes(row, 0, 1, 1).format.font.bold = true;
      const width = b.header.length;
      const range = ws.getRangeByIndexes(row + 1, 0, 1 + b.rows.length, width);
      range.values = [b.header, ...b.rows.map(safeRow)];
      ws.getRangeByIndexes(row + 1, 0, 1, width).format.font.bold = true;
      if (b.rows.length > 0) for (const c of b.percentColumns) ws.getRangeByIndexes(row + 2, c, b.rows.length, 1).numberFormat = b.rows.map(() => ["0.0%"]);
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
    const names = [THIS_WEEK_SHEET];
    await this.run(async (ctx) => {
      const [ws] = await this.freshSheets(ctx, names);
      const later = this.writeTable(ws, thisWeekTable(analysis), "ThisWeek");
      ws.getRange("A:J").format.autofitColumns();
      await this.sync(ctx);
      for (const write of later) {
        write();
        await this.sync(ctx);
      }
      await this.remember(names, [ws]);
    });
  }

  async appendAction(entry: ActionInput): Promise<string> {
    return this.run(async (ctx) => {
      const table = ctx.workbook.tables.getItemOrNullObject(ACTIONS_SHEET.table);
      table.load("name");
      await this.sync(ctx);
      if (table.isNullObject) throw new Error("This workbook has no Actions table. Use \"Create tracker here\" first.");
      const idColumn = table.columns.getItem("ID").getDataBodyRange();
      idColumn.load("values");
      // The row follows the table's own headers: trackers made before "Refers to" have one column fewer.
      const header = table.getHeaderRowRange();
      header.load("values");
      await this.sync(ctx);
      const id = entry.id || nextActionId(idColumn.values.map((r) => String(r[0] ?? "")));
      const byHeader: Record<string, string> = { ID: id, Date: entry.date, UPN: entry.upn, Action: entry.action, Detail: entry.detail, Parent: entry.parent, Staff: entry.staff, Outcome: entry.outcome, Notes: entry.notes, Supersedes: entry.supersedes, "Refers to": entry.refersTo ?? "" };
      const row = (header.values[0] ?? []).map((h) => byHeader[String(h).trim()] ?? "");
      table.rows.add(undefined, [row.map(asText)]);
      await this.sync(ctx);
      return id;
    });
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

  async onSelectedPupil(callback: (upn: string | null) => void): Promise<() => void> {
    const handler = async () => {
      try {
        await this.run(async (ctx) => {
          const sel = ctx.workbook.getSelectedRange();
          sel.load("rowIndex");
          const ws = ctx.workbook.worksheets.getActiveWorksheet();
          const header = ws.getRange("1:1").getUsedRangeOrNullObject(true);
          header.load("values,columnIndex");
          await this.sync(ctx);
          if (header.isNullObject || sel.rowIndex === 0) return callback(null);
          const col = header.values[0].findIndex((h) => String(h).trim().toLowerCase() === "upn");
          if (col < 0) return callback(null);
          const cell = ws.getCell(sel.rowIndex, header.columnIndex + col);
          cell.load("values");
          await this.sync(ctx);
          const upn = String(cell.values[0][0] ?? "").trim();
          callback(upn || null);
        });
      } catch {
        callback(null);
      }
    };
    const result = await this.run(async (ctx) => {
      const r = ctx.workbook.onSelectionChanged.add(handler);
      await this.sync(ctx);
      return r;
    });
    return () => {
      void Excel.run(result.context, async (ctx) => {
        result.remove();
        await ctx.sync();
      });
    };
  }
}
