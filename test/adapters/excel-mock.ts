/**
 * A mock Excel for adapter tests, built on office-addin-mock: reads follow Office.js's load/sync
 * rules (a value read before load and sync is an error string, as the mock returns it), every
 * `context.sync` is counted, and writes land in an in-memory workbook the test can inspect.
 */
import { OfficeMockObject } from "office-addin-mock";

type Rows = unknown[][];

export interface MockWorkbook {
  sheets: Map<string, { id: string; rows: Rows; tables: string[] }>;
  tables: Map<string, { sheet: string; header: string[]; rows: Rows }>;
  syncs: number;
  run: <T>(batch: (ctx: any) => Promise<T>) => Promise<T>;
  settings: { get(k: string): unknown; set(k: string, v: unknown): void; save(): Promise<void> };
}

/** Anything: a write-only stand-in for formats, charts, validation... that accepts every call. */
function sink(): any {
  const f = function () {};
  return new Proxy(f, {
    get: (_t, p) => (p === "then" ? undefined : sink()),
    set: () => true,
    apply: () => sink(),
  });
}

export function mockWorkbook(initial: Record<string, Rows>, tables: Record<string, { sheet: string }> = {}): MockWorkbook {
  const wb: MockWorkbook = {
    sheets: new Map(Object.entries(initial).map(([name, rows], i) => [name, { id: `sheet-${i}`, rows: rows.map((r) => [...r]), tables: [] }])),
    tables: new Map(),
    syncs: 0,
    run: async (batch) => batch(context),
    settings: (() => {
      const s = new Map<string, unknown>();
      return { get: (k: string) => s.get(k), set: (k: string, v: unknown) => void s.set(k, v), save: async () => {} };
    })(),
  };
  for (const [name, t] of Object.entries(tables)) {
    const rows = wb.sheets.get(t.sheet)!.rows;
    wb.tables.set(name, { sheet: t.sheet, header: rows[0].map(String), rows });
  }
  let live: OfficeMockObject[] = [];
  let nextId = 100;
  /** A mock object; `statics` are returned as they are (navigation to other mocks, and isNullObject). */
  const track = (data: Record<string, unknown>, statics: Record<string, unknown> = {}, register = true): any => {
    // isNullObject needs no load in Office.js once any property of the object is loaded and synced.
    const { isNullObject, ...rest } = data;
    const m = new OfficeMockObject(rest);
    if (register) live.push(m);
    // Unknown members (format, conditionalFormats, freezePanes...) are write-only sinks.
    return new Proxy(m, {
      get: (t, p) => {
        if (p === "isNullObject") return isNullObject ?? false;
        if (typeof p === "string" && p in statics) return statics[p];
        if (!(p in t)) return p === "then" ? undefined : sink();
        const v = (t as any)[p];
        // The mock's own methods (load, sync) work on the object itself, not through this proxy.
        return typeof v === "function" ? v.bind(t) : v;
      },
    });
  };
  const width = (rows: Rows) => rows.reduce((w, r) => Math.max(w, r.length), 0);

  function rangeOn(sheet: string, r: number, c: number, nr: number, nc: number): any {
    const rows = () => wb.sheets.get(sheet)!.rows;
    const m = track({
      values: rows().slice(r, r + nr).map((row) => Array.from({ length: nc }, (_, j) => row[c + j] ?? "")),
      rowIndex: r,
      columnIndex: c,
      rowCount: nr,
      columnCount: nc,
      getCell: (i: number, j: number) => rangeOn(sheet, r + i, c + j, 1, 1),
      getColumn: (j: number) => rangeOn(sheet, r, c + j, nr, 1),
    });
    return new Proxy(m, {
      get: (t, p) => {
        const v = (t as any)[p];
        return typeof v === "function" ? v.bind(t) : v;
      },
      set: (t, p, v) => {
        if (p === "values") {
          const target = rows();
          (v as Rows).forEach((row, i) => {
            target[r + i] = target[r + i] ?? [];
            row.forEach((cell, j) => (target[r + i][c + j] = cell));
          });
        }
        (t as any)[p] = v;
        return true;
      },
    });
  }

  function sheetMock(name: string): any {
    const s = wb.sheets.get(name);
    const exists = s !== undefined;
    return track({
      isNullObject: !exists,
      name,
      id: s?.id ?? "",
      position: 0,
      getUsedRangeOrNullObject: () => {
        const rows = wb.sheets.get(name)?.rows ?? [];
        const used = rows.length > 0 && width(rows) > 0;
        return track({ isNullObject: !exists || !used, rowIndex: 0, columnIndex: 0, rowCount: rows.length, columnCount: width(rows) });
      },
      getRangeByIndexes: (r: number, c: number, nr: number, nc: number) => rangeOn(name, r, c, nr, nc),
      getRange: () => sink(),
      activate: () => {},
      delete: () => {
        wb.sheets.delete(name);
      },
      tables: {
        add: (range: any, _hasHeaders: boolean) => {
          const t = { name: "" };
          return new Proxy(t, {
            set: (target, p, v) => {
              if (p === "name") {
                wb.tables.set(v, { sheet: name, header: (wb.sheets.get(name)!.rows[0] ?? []).map(String), rows: wb.sheets.get(name)!.rows });
                wb.sheets.get(name)!.tables.push(v);
              }
              (target as any)[p] = v;
              return true;
            },
            get: (target, p) => (p in target ? (target as any)[p] : sink()),
          });
        },
      },
      charts: { add: () => sink() },
      freezePanes: { freezeRows: () => {}, freezeAt: () => {} },
    });
  }

  function tableMock(name: string, orNull: boolean): any {
    const t = wb.tables.get(name);
    if (!t && !orNull) throw new Error(`no table ${name}`);
    const rows = () => wb.sheets.get(t!.sheet)!.rows;
    return track({
      isNullObject: !t,
      name,
      getHeaderRowRange: () => rangeOn(t!.sheet, 0, 0, 1, width(rows())),
      getDataBodyRange: () => rangeOn(t!.sheet, 1, 0, rows().length - 1, width(rows())),
      columns: {
        getItem: (header: string) => {
          const j = rows()[0].findIndex((h) => String(h) === header);
          return track({ getDataBodyRange: () => rangeOn(t!.sheet, 1, j, rows().length - 1, 1) });
        },
        add: (_index: unknown, values: Rows) => {
          rows().forEach((row, i) => row.push(values[i]?.[0] ?? ""));
        },
      },
      rows: {
        add: (_index: unknown, values: Rows) => {
          for (const v of values) rows().push([...v]);
        },
      },
    }, { worksheet: t ? sheetMock(t.sheet) : undefined });
  }

  const context: any = track({
    workbook: {
      worksheets: {
        getItemOrNullObject: (name: string) => sheetMock(name),
        getItem: (name: string) => sheetMock(name),
        add: (name: string) => {
          wb.sheets.set(name, { id: `sheet-${nextId++}`, rows: [], tables: [] });
          return sheetMock(name);
        },
        getActiveWorksheet: () => sink(),
      },
      tables: {
        getItem: (name: string) => tableMock(name, false),
        getItemOrNullObject: (name: string) => tableMock(name, true),
      },
      getSelectedRange: () => sink(),
      onSelectionChanged: { add: () => ({ remove: () => {}, context: {} }) },
    },
    application: { suspendApiCalculationUntilNextSync: () => {} },
    sync: async () => {
      wb.syncs++;
      const pending = live;
      live = [];
      for (const m of pending) await m.sync();
    },
  }, {}, false);
  return wb;
}
