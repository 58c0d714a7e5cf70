/**
 * An honest mock of Excel's JavaScript API for the adapter tests (issue 11). It behaves as the
 * real request model does, so that the defects the kind mock hid now fail a test:
 *
 * - Nothing happens until `context.sync`: writes, sheet additions, deletions and loads are queued
 *   and run in order at sync, and a property read before it was loaded and synced throws
 *   PropertyNotLoaded.
 * - Each request's payload (the queued actions with their values) and each response (the loaded
 *   values) is measured in bytes of UTF-8 JSON; `maxRequestBytes` / `maxResponseBytes` keep the
 *   largest, for a test to assert under Excel on the web's limit.
 * - A value or number-format array whose shape differs from its range's fails the sync, as in Excel.
 * - `reopen()` gives every worksheet a new id, as Excel does between sessions and platforms.
 * - The client's ExcelApi version is set per workbook: an API newer than it is missing (undefined),
 *   as on an old client.
 * - `onBeforeSync` lets a test act as the user typing between two requests.
 */
type Rows = unknown[][];

export interface MockSheet {
  id: string;
  name: string;
  rows: Rows;
  /** Worksheet custom properties (ExcelApi 1.12). */
  props: Map<string, string>;
  /** Worksheet-scoped named items (ExcelApi 1.4). */
  names: Map<string, string>;
  charts: number;
  conditionalFormats: number;
  /** Number formats set, by "row,col". */
  numberFormats: Map<string, string>;
}

interface MockTable {
  name: string;
  sheet: MockSheet;
  top: number;
  left: number;
  /** Rows including the header. */
  height: number;
  width: number;
}

export interface MockWorkbook {
  /** Sheets by name (a rename moves the entry; the sheet object keeps its identity). */
  sheets: Map<string, MockSheet>;
  tables: Map<string, MockTable>;
  /** Names of sheets deleted, in order. */
  deleted: string[];
  syncs: number;
  /** Bytes of every request and response, in order, and the largest of each. */
  requests: number[];
  responses: number[];
  maxRequestBytes: number;
  maxResponseBytes: number;
  run: <T>(batch: (ctx: any) => Promise<T>, options?: RunOptions) => Promise<T>;
  settings: { get(k: string): unknown; set(k: string, v: unknown): void; save(): Promise<void> };
  /** The client's ExcelApi minor version (1.x). */
  apiVersion: number;
  isSetSupported: (name: string, version: string) => boolean;
  reopen(): void;
  onBeforeSync?: (syncNumber: number) => void;
  /** Opened for viewing only (a view-only link, or a file another app has locked): every write is AccessDenied. */
  readOnly: boolean;
  /** Sheets protected by the school (Review > Protect Sheet): writes to them are AccessDenied. */
  protectedSheets: Set<string>;
  /** The user is typing in a cell: a batch fails with InvalidOperationInCellEditMode unless run with delayForCellEdit (ExcelApi 1.11), which waits until they finish. */
  cellEditMode: boolean;
  /** Another workbook has the focus: freezing panes, adding, activating or selecting sheets fail with GeneralException (office-js #771, #2196). */
  otherWorkbookActive: boolean;
  /** Excel on the web refuses a request or response over 5 MB: RequestPayloadSizeLimitExceeded. */
  payloadLimitBytes: number;
  /** Workbook-scoped defined names (a table cannot take the name of one). */
  definedNames: Set<string>;
  /** The options each Excel.run was given, in order. */
  runOptions: RunOptions[];
  /** A co-author's (or the user's) sort of a sheet's rows below its header: tables keep their extent, cells move. */
  sortRows(sheet: string, compare: (a: unknown[], b: unknown[]) => number): void;
  /** A co-author inserts whole rows at `at` (0-based): cells below move down, a table spanning the row grows. */
  insertRows(sheet: string, at: number, rows: unknown[][]): void;
  /** The selection the user has made (sheet name and row), and a way to fire selection events. */
  selection: { sheet: string; row: number };
  select(sheet: string, row: number): void;
}

const bytesOf = (v: unknown) => Buffer.byteLength(JSON.stringify(v ?? null), "utf8");
/** Each queued action also carries its object path and ids in the real protocol. */
const ACTION_OVERHEAD = 120;

export interface RunOptions {
  delayForCellEdit?: boolean;
}

/**
 * What Office.js rejects a batch with: an OfficeExtension.Error (name "RichApi.Error") carrying a
 * `.code` from Excel's ErrorCodes (AccessDenied, ItemNotFound, InvalidArgument, GeneralException,
 * InvalidOperationInCellEditMode, RequestPayloadSizeLimitExceeded...). The message keeps the code in
 * front so a failing test says which.
 */
export class MockExcelError extends Error {
  override name = "RichApi.Error";
  readonly debugInfo: { code: string; message: string };
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.debugInfo = { code, message };
  }
}

export function fail(code: string, message: string): never {
  throw new MockExcelError(code, message);
}

/**
 * What Excel stores for a value typed or written into a cell: in a cell not formatted as text ("@"),
 * a string that reads as a number becomes that number (leading zeros lost), and one that reads as a
 * day and month ("7-1", "3/4") becomes a date serial, as Excel does on a UK system. A leading
 * apostrophe keeps text.
 */
export function asEntered(value: unknown, numberFormat: string | undefined): unknown {
  if (typeof value !== "string" || numberFormat === "@" || value.startsWith("'")) return value;
  if (/^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  const dm = /^(\d{1,2})[-/](\d{1,2})$/.exec(value.trim());
  if (dm && Number(dm[1]) >= 1 && Number(dm[1]) <= 31 && Number(dm[2]) >= 1 && Number(dm[2]) <= 12) return 46_023 + (Number(dm[2]) - 1) * 31 + Number(dm[1]);
  return value;
}

function notLoaded(what: string): never {
  fail("PropertyNotLoaded", `${what} was read before it was loaded and synced.`);
}

function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** "A1", "A1:C1", "A:J", "1:1" -> [row, col, rows, cols] on a 1,048,576 x 16,384 sheet. */
function parseAddress(address: string): [number, number, number, number] {
  const parts = address.replace(/\$/g, "").split(":");
  const one = (p: string): { r: number | null; c: number | null } => {
    const m = /^([A-Z]*)(\d*)$/i.exec(p);
    if (!m) fail("InvalidArgument", `address ${address}`);
    return { c: m[1] ? colIndex(m[1]) : null, r: m[2] ? Number(m[2]) - 1 : null };
  };
  const a = one(parts[0]);
  const b = one(parts[1] ?? parts[0]);
  const r0 = a.r ?? 0;
  const r1 = b.r ?? 1_048_575;
  const c0 = a.c ?? 0;
  const c1 = b.c ?? 16_383;
  return [r0, c0, r1 - r0 + 1, c1 - c0 + 1];
}

export function mockWorkbook(initial: Record<string, Rows>, tables: Record<string, { sheet: string }> = {}, apiVersion = 18): MockWorkbook {
  let idSeed = 0;
  const newId = () => `{sheet-${++idSeed}-${Math.random().toString(36).slice(2, 8)}}`;
  const makeSheet = (name: string, rows: Rows): MockSheet => ({ id: newId(), name, rows: rows.map((r) => [...r]), props: new Map(), names: new Map(), charts: 0, conditionalFormats: 0, numberFormats: new Map() });


  const settingsMap = new Map<string, unknown>();
  const handlers: Array<() => Promise<void>> = [];
  const wb: MockWorkbook = {
    sheets: new Map(Object.entries(initial).map(([name, rows]) => [name, makeSheet(name, rows)])),
    tables: new Map(),
    deleted: [],
    syncs: 0,
    requests: [],
    responses: [],
    maxRequestBytes: 0,
    maxResponseBytes: 0,
    run: async (batch, options) => {
      wb.runOptions.push(options ?? {});
      return batch(newContext(options ?? {}));
    },
    settings: { get: (k) => settingsMap.get(k), set: (k, v) => void settingsMap.set(k, v), save: async () => {} },
    apiVersion,
    isSetSupported: (name, version) => name === "ExcelApi" && Number(version.split(".")[1] ?? 0) <= wb.apiVersion,
    reopen() {
      for (const s of wb.sheets.values()) s.id = newId();
    },
    readOnly: false,
    protectedSheets: new Set(),
    cellEditMode: false,
    otherWorkbookActive: false,
    payloadLimitBytes: 5_000_000,
    definedNames: new Set(),
    runOptions: [],
    sortRows(name, compare) {
      const s = wb.sheets.get(name)!;
      const body = s.rows.slice(1).sort(compare);
      s.rows.splice(1, body.length, ...body);
    },
    insertRows(name, at, rows) {
      const s = wb.sheets.get(name)!;
      s.rows.splice(at, 0, ...rows.map((r) => [...r]));
      for (const t of wb.tables.values()) {
        if (t.sheet !== s) continue;
        if (at <= t.top) t.top += rows.length;
        else if (at < t.top + t.height) t.height += rows.length;
      }
    },
    selection: { sheet: "", row: 0 },
    select(sheet, row) {
      wb.selection = { sheet, row };
      for (const h of handlers) void h();
    },
  };
  const has = (minor: number) => wb.apiVersion >= minor;
  for (const [name, t] of Object.entries(tables)) {
    const sheet = wb.sheets.get(t.sheet)!;
    wb.tables.set(name, { name, sheet, top: 0, left: 0, height: sheet.rows.length, width: sheet.rows[0].length });
  }
  const width = (rows: Rows) => rows.reduce((w, r) => Math.max(w, r.length), 0);
  /** A write to a sheet the user cannot change fails at sync, as Excel does. */
  const guardWrite = (s: MockSheet) => {
    if (wb.readOnly) fail("AccessDenied", "The workbook is open for viewing only.");
    if (wb.protectedSheets.has(s.name)) fail("AccessDenied", `The sheet ${s.name} is protected.`);
  };
  const needFocus = (what: string) => {
    if (wb.otherWorkbookActive) fail("GeneralException", `There was an internal error while processing the request (${what} while another workbook has the focus).`);
  };
  const sheetByName = (name: string) => () => wb.sheets.get(name) ?? [...wb.sheets.values()].find((s) => s.name.toLowerCase() === name.toLowerCase()) ?? null;

  /** One request context per `run`, as Excel gives each Excel.run its own: its own queue of actions and proxies. */
  function newContext(options: RunOptions): any {
    const delayForCellEdit = options.delayForCellEdit === true;
    type Op = { bytes: number; run: () => number | void };
    let queue: Op[] = [];
    let live: Array<{ settle(): void }> = [];
    const queueOp = (bytes: number, run: () => number | void) => void queue.push({ bytes: bytes + ACTION_OVERHEAD, run });

    /** A proxy object's loaded state: values are captured when the load runs at sync. */
    class Loadable {
      protected data: Record<string, unknown> = {};
      protected synced = false;
      protected nullKnown: boolean | null = null;
      constructor(protected readonly what: string) {
        live.push(this);
      }
      /** After a sync, isNullObject can be read without a load (as Microsoft's examples do). */
      settle(): void {
        if (this.nullKnown === null) this.nullKnown = this.resolveNull();
      }
      protected resolveNull(): boolean {
        return false;
      }
      protected get(prop: string): unknown {
        if (!(prop in this.data)) notLoaded(`${this.what}.${prop}`);
        return this.data[prop];
      }
      get isNullObject(): boolean {
        if (this.nullKnown === null) notLoaded(`${this.what}.isNullObject`);
        return this.nullKnown!;
      }
    }

    type Coords = [number, number, number, number];
    class Range extends Loadable {
      private where: Coords | null | undefined;
      constructor(
        readonly sheetOf: () => MockSheet | null,
        private readonly locate: () => Coords | null,
      ) {
        super("Range");
      }
      /**
       * Where the range is: worked out when the request first uses it (a range got from a table, a
       * found cell or the rows below something is located as the request runs) and fixed from then
       * on, as a real Range object refers to the cells it was resolved to.
       */
      coords(): Coords | null {
        if (this.where === undefined) this.where = this.locate();
        return this.where;
      }
      protected resolveNull() {
        return !this.sheetOf() || !this.coords();
      }
      private at(): { s: MockSheet; c: Coords } {
        const s = this.sheetOf();
        const c = this.coords();
        if (!s || !c) fail("ItemNotFound", "the range's sheet or range does not exist.");
        return { s, c };
      }
      load(props: string) {
        const list = props.split(",").map((p) => p.trim());
        queueOp(bytesOf(list), () => {
          const s = this.sheetOf();
          const c = this.coords();
          this.nullKnown = !s || !c;
          if (!s || !c) return 0;
          const [r, col, nr, nc] = c;
          const out: Record<string, unknown> = {};
          for (const p of list) {
            // A cell may be a formula: { f: "=IF(...)", v: "" } (its value, and its formula).
            if (p === "values" || p === "formulas")
              out[p] = Array.from({ length: nr }, (_, i) =>
                Array.from({ length: nc }, (_, j) => {
                  const cell = s.rows[r + i]?.[col + j] ?? "";
                  return cell !== null && typeof cell === "object" ? (p === "values" ? (cell as any).v : (cell as any).f) : cell;
                }),
              );
            else if (p === "rowIndex") out[p] = r;
            else if (p === "columnIndex") out[p] = col;
            else if (p === "rowCount") out[p] = nr;
            else if (p === "columnCount") out[p] = nc;
            else if (p === "address") out[p] = `${s.name}!R${r + 1}C${col + 1}`;
          }
          Object.assign(this.data, out);
          return bytesOf(out);
        });
        return this;
      }
      get values(): any[][] {
        return this.get("values") as any[][];
      }
      set values(v: any[][]) {
        queueOp(bytesOf(v), () => {
          const { s, c } = this.at();
          guardWrite(s);
          const [r, col, nr, nc] = c;
          if (v.length !== nr || v.some((row) => row.length !== nc)) fail("InvalidArgument", `${v.length} x ${v[0]?.length ?? 0} values for a ${nr} x ${nc} range.`);
          v.forEach((row, i) => {
            s.rows[r + i] = s.rows[r + i] ?? [];
            row.forEach((cell, j) => (s.rows[r + i][col + j] = asEntered(cell, s.numberFormats.get(`${r + i},${col + j}`))));
          });
          // Excel's AutoExpansion: values written in the row directly below a table, inside its columns, join the table.
          for (const t of wb.tables.values()) if (t.sheet === s && r === t.top + t.height && col >= t.left && col + nc <= t.left + t.width) t.height += nr;
        });
      }
      get formulas(): any[][] {
        return this.get("formulas") as any[][];
      }
      set numberFormat(v: any[][]) {
        queueOp(bytesOf(v), () => {
          const { s, c } = this.at();
          guardWrite(s);
          const [r, col, nr, nc] = c;
          if (v.length !== nr || v.some((row) => row.length !== nc)) fail("InvalidArgument", `${v.length} x ${v[0]?.length ?? 0} number formats for a ${nr} x ${nc} range.`);
          v.forEach((row, i) => row.forEach((f, j) => s.numberFormats.set(`${r + i},${col + j}`, String(f))));
        });
      }
      get rowIndex(): number {
        return this.get("rowIndex") as number;
      }
      get columnIndex(): number {
        return this.get("columnIndex") as number;
      }
      get rowCount(): number {
        return this.get("rowCount") as number;
      }
      get columnCount(): number {
        return this.get("columnCount") as number;
      }
      private derive(f: (c: Coords) => Coords | null): Range {
        return new Range(this.sheetOf, () => {
          const c = this.coords();
          return c ? f(c) : null;
        });
      }
      getCell(i: number, j: number) {
        return this.derive(([r, c]) => [r + i, c + j, 1, 1]);
      }
      getColumn(j: number) {
        return this.derive(([r, c, nr]) => [r, c + j, nr, 1]);
      }
      getRow(i: number) {
        return this.derive(([r, c, , nc]) => [r + i, c, 1, nc]);
      }
      getEntireRow() {
        return this.derive(([r, , nr]) => [r, 0, nr, 16_384]);
      }
      getIntersectionOrNullObject(other: Range) {
        if (!has(4)) return undefined as any;
        return this.derive(([r, c, nr, nc]) => {
          const o = other.coords();
          if (!o) return null;
          const r0 = Math.max(r, o[0]);
          const c0 = Math.max(c, o[1]);
          const r1 = Math.min(r + nr, o[0] + o[2]);
          const c1 = Math.min(c + nc, o[1] + o[3]);
          return r1 > r0 && c1 > c0 ? [r0, c0, r1 - r0, c1 - c0] : null;
        });
      }
      clear() {
        queueOp(0, () => {
          const { s, c } = this.at();
          guardWrite(s);
          const [r, col, nr, nc] = c;
          for (let i = r; i < Math.min(s.rows.length, r + nr); i++) for (let j = col; j < Math.min(s.rows[i]?.length ?? 0, col + nc); j++) s.rows[i][j] = "";
          // Trailing empty rows are no longer used.
          while (s.rows.length > 0 && (s.rows[s.rows.length - 1] ?? []).every((v) => v === "" || v === null || v === undefined)) s.rows.pop();
          s.numberFormats.clear();
        });
      }
      get conditionalFormats() {
        if (!has(6)) return undefined;
        return {
          add: () => {
            queueOp(0, () => {
                const { s } = this.at();
                guardWrite(s);
                s.conditionalFormats++;
              });
            return sink();
          },
          clearAll: () =>
              queueOp(0, () => {
                const { s } = this.at();
                guardWrite(s);
                s.conditionalFormats = 0;
              }),
        };
      }
      get dataValidation() {
        return has(8) ? sink() : undefined;
      }
      get format() {
        return sink(() => guardWrite(this.at().s));
      }
      select() {
        queueOp(0, () => {
          this.at();
          needFocus("Range.select");
        });
      }
      /** The rows directly below this range (ExcelApi 1.2), resolved when the request runs. */
      getRowsBelow(count = 1) {
        return this.derive(([r, c, nr, nc]) => [r + nr, c, count, nc]);
      }
      getBoundingRect(other: Range) {
        return this.derive(([r, c, nr, nc]) => {
          const o = other.coords();
          if (!o) return null;
          const r0 = Math.min(r, o[0]);
          const c0 = Math.min(c, o[1]);
          return [r0, c0, Math.max(r + nr, o[0] + o[2]) - r0, Math.max(c + nc, o[1] + o[3]) - c0];
        });
      }
      getIntersection(other: Range) {
        return this.derive(([r, c, nr, nc]) => {
          const o = other.coords();
          if (!o) return null;
          const r0 = Math.max(r, o[0]);
          const c0 = Math.max(c, o[1]);
          const r1 = Math.min(r + nr, o[0] + o[2]);
          const c1 = Math.min(c + nc, o[1] + o[3]);
          if (!(r1 > r0 && c1 > c0)) fail("InvalidArgument", "the ranges do not intersect.");
          return [r0, c0, r1 - r0, c1 - c0];
        });
      }
      /**
       * The first cell whose value is `text` (ExcelApi 1.9), searched when the request runs: the
       * only way to find a row by its content in the same request that writes to it.
       */
      find(text: string, criteria: { completeMatch?: boolean; matchCase?: boolean } = {}) {
        if (!has(9)) return undefined as any;
        const sheetOf = this.sheetOf;
        return this.derive(([r, c, nr, nc]) => {
          const s = sheetOf()!;
          const want = criteria.matchCase ? text : text.toLowerCase();
          for (let i = r; i < Math.min(r + nr, s.rows.length); i++)
            for (let j = c; j < c + nc; j++) {
              const raw = s.rows[i]?.[j];
              // The common case first (a whole-cell match of the same text), without building strings.
              if (raw === text && criteria.completeMatch) return [i, j, 1, 1];
              const v = String(raw !== null && typeof raw === "object" ? (raw as any).v : (raw ?? ""));
              if (criteria.completeMatch && v.length !== text.length) continue;
              const got = criteria.matchCase ? v : v.toLowerCase();
              if (criteria.completeMatch ? got === want : got.includes(want)) return [i, j, 1, 1];
            }
          fail("ItemNotFound", "the text was not found.");
        });
      }
    }

    /** Anything else (fonts, fills, chart titles...): accepted, and counted as a small action. */
    function sink(check: () => void = () => undefined): any {
      const f = function () {};
      return new Proxy(f, {
        get: (_t, p) => (p === "then" ? undefined : sink(check)),
        set: (_t, _p, v) => {
          queueOp(bytesOf(v), check);
          return true;
        },
        apply: () => {
          queueOp(0, () => undefined);
          return sink();
        },
      });
    }

    class Sheet extends Loadable {
      private resolved: MockSheet | null | undefined;
      constructor(private readonly find: () => MockSheet | null) {
        super("Worksheet");
      }
      protected resolveNull() {
        return !this.state();
      }
      /** The sheet this proxy refers to, fixed when first used at sync (a rename keeps it). */
      state(): MockSheet | null {
        if (this.resolved === undefined) this.resolved = this.find();
        if (this.resolved && ![...wb.sheets.values()].includes(this.resolved)) return null;
        return this.resolved;
      }
      private need(): MockSheet {
        const s = this.state();
        if (!s) fail("ItemNotFound", "the worksheet does not exist.");
        return s;
      }
      load(props: string) {
        const list = props.split(",").map((p) => p.trim());
        queueOp(bytesOf(list), () => {
          const s = this.state();
          this.nullKnown = !s;
          if (!s) return 0;
          const out: Record<string, unknown> = {};
          for (const p of list) {
            if (p === "id") out.id = s.id;
            if (p === "name") out.name = s.name;
            if (p === "position") out.position = [...wb.sheets.values()].indexOf(s);
          }
          Object.assign(this.data, out);
          return bytesOf(out);
        });
        return this;
      }
      get id(): string {
        return this.get("id") as string;
      }
      get name(): string {
        return this.get("name") as string;
      }
      set name(v: string) {
        queueOp(bytesOf(v), () => {
          const s = this.need();
          guardWrite(s);
          wb.sheets.delete(s.name);
          s.name = v;
          wb.sheets.set(v, s);
        });
      }
      get position(): number {
        return this.get("position") as number;
      }
      set position(_v: number) {
        queueOp(8, () => void this.need());
      }
      delete() {
        queueOp(0, () => {
          const s = this.need();
          guardWrite(s);
          wb.sheets.delete(s.name);
          wb.deleted.push(s.name);
          for (const [n, t] of wb.tables) if (t.sheet === s) wb.tables.delete(n);
        });
      }
      activate() {
        queueOp(0, () => {
          this.need();
          needFocus("Worksheet.activate");
        });
      }
      getRangeByIndexes(r: number, c: number, nr: number, nc: number) {
        if (!has(7)) return undefined as any;
        return new Range(() => this.state(), () => [r, c, nr, nc]);
      }
      getRange(address?: string) {
        return new Range(() => this.state(), () => (address ? parseAddress(address) : [0, 0, 1_048_576, 16_384]));
      }
      getCell(r: number, c: number) {
        return new Range(() => this.state(), () => [r, c, 1, 1]);
      }
      getUsedRangeOrNullObject(_valuesOnly?: boolean) {
        if (!has(4)) return undefined as any;
        return new Range(
          () => this.state(),
          () => {
            const s = this.state();
            if (!s || s.rows.length === 0 || width(s.rows) === 0) return null;
            return [0, 0, s.rows.length, width(s.rows)];
          },
        );
      }
      get customProperties() {
        if (!has(12)) return undefined;
        return {
          add: (key: string, value: string) =>
            queueOp(bytesOf([key, value]), () => {
              guardWrite(this.need());
              this.need().props.set(key.toLowerCase(), value);
            }),
          getItemOrNullObject: (key: string) => {
            const owner = this;
            const item = new (class extends Loadable {
              constructor() {
                super("WorksheetCustomProperty");
              }
              load(_p: string) {
                queueOp(bytesOf(key), () => {
                  const v = owner.state()?.props.get(key.toLowerCase());
                  this.nullKnown = v === undefined;
                  this.data.value = v;
                  return bytesOf(v ?? null);
                });
                return this;
              }
              get value() {
                return this.get("value");
              }
            })();
            return item;
          },
        };
      }
      get names() {
        if (!has(4)) return undefined;
        return {
          add: (name: string, reference: string) =>
            queueOp(bytesOf([name, reference]), () => {
              guardWrite(this.need());
              this.need().names.set(name.toLowerCase(), reference);
            }),
          getItemOrNullObject: (name: string) => {
            const owner = this;
            const item = new (class extends Loadable {
              constructor() {
                super("NamedItem");
              }
              load(_p: string) {
                queueOp(bytesOf(name), () => {
                  const v = owner.state()?.names.get(name.toLowerCase());
                  this.nullKnown = v === undefined;
                  this.data.name = name;
                  return bytesOf(v ?? null);
                });
                return this;
              }
            })();
            return item;
          },
        };
      }
      private tablesCollection: any;
      private chartsCollection: any;
      get tables() {
        return (this.tablesCollection ??= this.makeTables());
      }
      get charts() {
        return (this.chartsCollection ??= this.makeCharts());
      }
      private makeTables() {
        const sheetTables = () => [...wb.tables.values()].filter((t) => t.sheet === this.state());
        const collection = {
          items: [] as any[],
          loaded: false,
          load: (_p: string) => {
            queueOp(8, () => {
              collection.items = sheetTables().map((t) => tableProxy(t.name, true).loadedAs(t.name));
              collection.loaded = true;
              return bytesOf(collection.items.map(() => "name"));
            });
          },
          add: (range: Range, _hasHeaders: boolean) => {
            let assigned: string | null = null;
            const t: MockTable = { name: `Table${wb.tables.size + 1}`, sheet: null as unknown as MockSheet, top: 0, left: 0, height: 0, width: 0 };
            queueOp(40, () => {
              const c = range.coords()!;
              t.sheet = this.need();
              guardWrite(t.sheet);
              [t.top, t.left, t.height, t.width] = c;
              for (const o of wb.tables.values()) if (o.sheet === t.sheet && !(o.top + o.height <= c[0] || c[0] + c[2] <= o.top || o.left + o.width <= c[1] || c[1] + c[3] <= o.left)) fail("InvalidArgument", `a table cannot overlap another table (${o.name} on ${o.sheet.name}; new on ${t.sheet.name}).`);
              wb.tables.set(t.name, t);
            });
            return new Proxy({} as any, {
              set: (_o, p, v) => {
                if (p === "name") {
                  assigned = v;
                  queueOp(bytesOf(v), () => {
                    if ((wb.tables.has(v) && wb.tables.get(v) !== t) || [...wb.definedNames].some((n) => n.toLowerCase() === String(v).toLowerCase())) fail("ItemAlreadyExists", `a table or name called ${v} already exists.`);
                    wb.tables.delete(t.name);
                    t.name = v;
                    wb.tables.set(v, t);
                  });
                } else queueOp(bytesOf(v), () => undefined);
                return true;
              },
              get: (_o, p) => (p === "name" ? assigned : p === "columns" ? tableProxy(() => t.name, false).columns : sink()),
            });
          },
        };
        return collection;
      }
      private makeCharts() {
        const collection = {
          items: [] as any[],
          load: (_p: string) => {
            queueOp(8, () => {
              const s = this.state();
              collection.items = Array.from({ length: s?.charts ?? 0 }, () => ({
                delete: () =>
                  queueOp(0, () => {
                    guardWrite(s!);
                    s!.charts--;
                  }),
              }));
              return 8 * collection.items.length;
            });
          },
          add: () => {
            queueOp(40, () => {
              guardWrite(this.need());
              this.need().charts++;
            });
            return sink();
          },
        };
        return collection;
      }
      get freezePanes() {
        if (!has(7)) return undefined;
        const pane = (what: string) => () => queueOp(0, () => needFocus(`WorksheetFreezePanes.${what}`));
        return { freezeRows: pane("freezeRows"), freezeAt: pane("freezeAt"), unfreeze: pane("unfreeze") };
      }
    }


    function tableProxy(nameOrFn: string | (() => string), orNull: boolean): any {
      const nameNow = () => (typeof nameOrFn === "string" ? nameOrFn : nameOrFn());
      let resolved: MockTable | null | undefined;
      const t = () => {
        if (resolved === undefined) resolved = wb.tables.get(nameNow()) ?? null;
        if (!resolved && !orNull) fail("ItemNotFound", `no table ${nameNow()}.`);
        return resolved;
      };
      const sheetOf = () => t()?.sheet ?? null;
      const self = new (class extends Loadable {
        constructor() {
          super("Table");
        }
        load(_p: string) {
          queueOp(8, () => {
            this.nullKnown = !t();
            this.data.name = t()?.name;
            return 16;
          });
          return this;
        }
        get name() {
          return this.get("name");
        }
        /** Loaded as an item of a collection (`tables.load("items/name")`). */
        loadedAs(name: string) {
          this.data.name = name;
          this.nullKnown = false;
          return this;
        }
        getHeaderRowRange() {
          return new Range(sheetOf, () => {
            const x = t();
            return x ? [x.top, x.left, 1, x.width] : null;
          });
        }
        getDataBodyRange() {
          return new Range(sheetOf, () => {
            const x = t();
            return x ? [x.top + 1, x.left, x.height - 1, x.width] : null;
          });
        }
        convertToRange() {
          queueOp(0, () => {
            const x = t();
            if (x) guardWrite(x.sheet);
            if (x) wb.tables.delete(x.name);
          });
        }
        /** The whole table, header included (ExcelApi 1.1), where it is when the request runs. */
        getRange() {
          return new Range(sheetOf, () => {
            const x = t();
            return x ? [x.top, x.left, x.height, x.width] : null;
          });
        }
        /** The table moved onto `range` (ExcelApi 1.13): the same table, so references to it hold. */
        resize(range: Range | string) {
          queueOp(40, () => {
            const x = t()!;
            guardWrite(x.sheet);
            const c = typeof range === "string" ? parseAddress(range) : range.coords()!;
            if (c[0] !== x.top) fail("InvalidArgument", "the header row must stay where it is.");
            [x.top, x.left, x.height, x.width] = c;
          });
        }
        get worksheet() {
          return new Sheet(() => t()?.sheet ?? null);
        }
        columns = {
          // A column found by its header when the request runs (a co-author may have moved it).
          getItem: (header: string) => {
            const at = (): [MockTable, number] => {
              const x = t()!;
              const j = (x.sheet.rows[x.top] ?? []).slice(x.left, x.left + x.width).findIndex((h) => String(h) === header);
              if (j < 0) fail("ItemNotFound", `no column ${header}.`);
              return [x, j];
            };
            return {
              getDataBodyRange: () =>
                new Range(sheetOf, () => {
                  const [x, j] = at();
                  return [x.top + 1, x.left + j, x.height - 1, 1];
                }),
              getRange: () =>
                new Range(sheetOf, () => {
                  const [x, j] = at();
                  return [x.top, x.left + j, x.height, 1];
                }),
            };
          },
          add: (_index: unknown, values: Rows | undefined, name?: string) => {
            queueOp(bytesOf(values ?? name), () => {
              const x = t()!;
              guardWrite(x.sheet);
              const col = x.left + x.width;
              // Without values (ExcelApi 1.4, a name instead): an empty column as tall as the table is when the request runs.
              const cells = values ?? [[name ?? `Column${x.width + 1}`], ...Array.from({ length: x.height - 1 }, () => [""])];
              if (cells.length !== x.height || cells.some((r) => r.length !== 1)) fail("InvalidArgument", `${cells.length} values for a table column of ${x.height} rows.`);
              cells.forEach((r, i) => {
                const row = (x.sheet.rows[x.top + i] = x.sheet.rows[x.top + i] ?? []);
                while (row.length < col) row.push("");
                row[col] = asEntered(r[0], undefined);
              });
              x.width++;
            });
          },
        };
        rows = {
          add: (_index: unknown, values: Rows) => {
            queueOp(bytesOf(values), () => {
              const x = t()!;
              guardWrite(x.sheet);
              if (values.some((r) => r.length !== x.width)) fail("InvalidArgument", `table rows of ${values[0]?.length} cells for a table ${x.width} wide.`);
              values.forEach((r, i) => (x.sheet.rows[x.top + x.height + i] = r.map((v) => asEntered(v, undefined))));
              x.height += values.length;
            });
          },
        };
      })();
      return self;
    }

    const context: any = {
      workbook: {
        worksheets: {
          getItemOrNullObject: (name: string) => new Sheet(sheetByName(name)),
          getItem: (name: string) => new Sheet(sheetByName(name)),
          add: (name: string) => {
            let made: MockSheet | null = null;
            queueOp(bytesOf(name), () => {
              if (wb.readOnly) fail("AccessDenied", "The workbook is open for viewing only.");
              needFocus("WorksheetCollection.add");
              if (sheetByName(name)()) fail("ItemAlreadyExists", `a sheet called ${name} already exists.`);
              made = makeSheet(name, []);
              wb.sheets.set(name, made);
            });
            return new Sheet(() => made);
          },
          getActiveWorksheet: () => new Sheet(() => wb.sheets.get(wb.selection.sheet) ?? null),
        },
        // Workbook-scoped defined names (ExcelApi 1.4).
        names: {
          getItemOrNullObject: (name: string) => {
            const item = new (class extends Loadable {
              constructor() {
                super("NamedItem");
              }
              load(_p: string) {
                queueOp(bytesOf(name), () => {
                  this.nullKnown = ![...wb.definedNames].some((n) => n.toLowerCase() === name.toLowerCase());
                  this.data.name = name;
                  return bytesOf(name);
                });
                return this;
              }
            })();
            return item;
          },
        },
        tables: {
          getItem: (name: string) => tableProxy(name, false),
          getItemOrNullObject: (name: string) => tableProxy(name, true),
        },
        getSelectedRange: () => new Range(() => wb.sheets.get(wb.selection.sheet) ?? null, () => [wb.selection.row, 0, 1, 1]),
        onSelectionChanged: {
          add: (h: () => Promise<void>) => {
            queueOp(0, () => void handlers.push(h));
            return { remove: () => handlers.splice(handlers.indexOf(h), 1), context };
          },
        },
      },
      application: {
        suspendApiCalculationUntilNextSync: () => {
          if (!has(6)) throw new TypeError("context.application.suspendApiCalculationUntilNextSync is not a function");
          queueOp(0, () => undefined);
        },
      },
      sync: async () => {
        wb.syncs++;
        wb.onBeforeSync?.(wb.syncs);
        const ops = queue;
        queue = [];
        if (wb.cellEditMode) {
          // With delayForCellEdit Excel holds the batch until the user leaves the cell; without it, the batch fails.
          if (!delayForCellEdit) fail("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
          wb.cellEditMode = false;
        }
        const request = ops.reduce((n, o) => n + o.bytes, 0);
        if (request > wb.payloadLimitBytes) fail("RequestPayloadSizeLimitExceeded", `The request payload (${request} bytes) is larger than the limit.`);
        let response = 0;
        for (const op of ops) response += op.run() || 0;
        if (response > wb.payloadLimitBytes) fail("RequestPayloadSizeLimitExceeded", `The response payload (${response} bytes) is larger than the limit.`);
        const settled = live;
        live = [];
        for (const l of settled) l.settle();
        wb.requests.push(request);
        wb.responses.push(response);
        wb.maxRequestBytes = Math.max(wb.maxRequestBytes, request);
        wb.maxResponseBytes = Math.max(wb.maxResponseBytes, response);
      },
    };
    return context;
  }
  return wb;
}
