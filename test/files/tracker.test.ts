/**
 * The tracker workbook (README "The tracker workbook", src/files/tracker-layout.ts): built by
 * `buildTracker` / `create-tracker`, read back by `readTrackerBytes` with nothing lost, text kept as
 * text, and its Settings sheet used by the analysis.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { analyse } from "../../src/engine/analyse";
import { currentCodes } from "../../src/engine/codes";
import { analysisJson } from "../../src/engine/output";
import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";
import { readTrackerBytes } from "../../src/files/xlsx";
import { ACTIONS_SHEET, CODES_SHEET, CONTACTS_SHEET, PUPILS_SHEET, SETTINGS_SHEET } from "../../src/files/tracker-layout";
import { generateSchool } from "../../src/sample/generate";
import { captureIo, tempDirFixture } from "../helpers/wide";

const tmp = tempDirFixture("tracker-test-");

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

interface TableModel {
  name: string;
  tableRef: string;
  headerRow: boolean;
  columns: Array<{ name: string }>;
}
/** exceljs types `getTables()` wrongly; at run time it is the sheet's Table objects. */
const tables = (ws: ExcelJS.Worksheet): TableModel[] => (ws.getTables() as unknown as Array<{ model: TableModel }>).map((t) => t.model);

type Validation = { type: string; formulae: string[]; allowBlank?: boolean };
const validationsOf = (ws: ExcelJS.Worksheet): Record<string, Validation> =>
  (ws as unknown as { dataValidations: { model: Record<string, Validation> } }).dataValidations.model;

/** [possible, attended, authorised, unauthorised] by UPN. */
const countsByUpn = (a: ReturnType<typeof analyse>) =>
  Object.fromEntries(a.pupils.map((p) => [p.upn, [p.possibleSessions, p.attendedSessions, p.authorisedAbsenceSessions, p.unauthorisedAbsenceSessions]]));

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("an empty tracker (README: the tracker workbook)", () => {
  let wb: ExcelJS.Workbook;
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await trackerToBuffer(buildTracker());
    wb = await load(bytes);
  });

  test("README: the sheets Pupils, Contacts, Marks, Actions, Settings, Codes, in that order", () => {
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Pupils", "Contacts", "Marks", "Actions", "Settings", "Codes"]);
  });

  test("README: each sheet holds one Excel table, named for it, with the layout's headers", () => {
    const expected: Record<string, string[]> = {
      Pupils: PUPILS_SHEET.columns.map((c) => c.header),
      Contacts: CONTACTS_SHEET.columns.map((c) => c.header),
      Marks: ["UPN", "Surname", "Forename"],
      Actions: ACTIONS_SHEET.columns.map((c) => c.header),
      Settings: SETTINGS_SHEET.columns.map((c) => c.header),
      Codes: CODES_SHEET.columns.map((c) => c.header),
    };
    for (const ws of wb.worksheets) {
      const t = tables(ws);
      expect(t).toHaveLength(1);
      expect(t[0]).toMatchObject({ name: ws.name, headerRow: true });
      expect(t[0].tableRef).toMatch(/^A1:[A-Z]+\d+$/);
      expect(t[0].columns.map((c) => c.name)).toEqual(expected[ws.name]);
    }
  });

  test("README (tracker workbook): the header row is frozen on every sheet (and the UPN columns on Pupils and Marks)", () => {
    for (const ws of wb.worksheets) {
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    expect(wb.getWorksheet("Marks")!.views[0]).toMatchObject({ xSplit: 3 });
    expect(wb.getWorksheet("Pupils")!.views[0]).toMatchObject({ xSplit: 1 });
  });

  test("README (Marks: a validation list offers the codes in force): a list data validation on the Marks sheet points at the codes on the Codes sheet (no legacy codes)", () => {
    const codes = currentCodes().map((c) => c.code);
    expect(codes).toHaveLength(34);
    const rules = Object.values(validationsOf(wb.getWorksheet("Marks")!));
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) expect(r).toMatchObject({ type: "list", formulae: [`Codes!$A$2:$A$${codes.length + 1}`] });
    const codesWs = wb.getWorksheet("Codes")!;
    const column = codesWs.getColumn(1).values.slice(2);
    expect(column).toEqual(codes);
    for (const legacy of ["H", "F", "J", "Y"]) expect(column).not.toContain(legacy);
  });

  test("README: an empty tracker reads back as no pupils, no problems, no contacts or actions, and the default settings", async () => {
    const t = await readTrackerBytes(bytes);
    expect(t.dataset.pupils).toEqual([]);
    expect(t.dataset.problems).toEqual([]);
    expect(t.contacts).toEqual([]);
    expect(t.actions).toEqual([]);
    expect(Object.keys(t.settings)).toEqual(expect.arrayContaining(["school.name", "hoursPerSession", "asOf"]));
    expect(Object.values(t.settings).every((v) => v === "")).toBe(true);
  });
});

describe("a tracker from the sample school reads back with nothing lost (README)", () => {
  const school = generateSchool({ pupils: 30, seed: 1, until: "2025-12-19" });
  let bytes: Uint8Array;
  let back: Awaited<ReturnType<typeof readTrackerBytes>>;
  beforeAll(async () => {
    bytes = await trackerToBuffer(buildTracker(school));
    back = await readTrackerBytes(bytes);
  });

  test("contract §5: the read-back dataset gives the identical analysisJson", () => {
    expect(back.dataset.problems).toEqual([]);
    expect(back.dataset.sessions.map((s) => s.label)).toEqual(school.dataset.sessions.map((s) => s.label));
    const [orig, again] = [analysisJson(analyse(school.dataset)), analysisJson(analyse(back.dataset))];
    expect(again.pupils).toEqual(orig.pupils);
    expect(again.summary).toEqual(orig.summary);
    expect(again).toEqual(orig);
    expect(orig.pupils).toHaveLength(30);
  });

  test("README: the same contacts: count, emails and livesWithPupil (and every other field)", () => {
    expect(back.contacts).toHaveLength(school.contacts.length);
    expect(back.contacts.map((c) => c.email)).toEqual(school.contacts.map((c) => c.email));
    expect(back.contacts.map((c) => c.livesWithPupil)).toEqual(school.contacts.map((c) => c.livesWithPupil));
    expect(back.contacts.some((c) => c.livesWithPupil === false)).toBe(true);
    expect(back.contacts).toEqual(school.contacts);
  });

  test("README: the same actions: ids, supersedes (and every other field)", () => {
    expect(back.actions.map((a) => a.id)).toEqual(school.actions.map((a) => a.id));
    expect(back.actions.map((a) => a.supersedes)).toEqual(school.actions.map((a) => a.supersedes));
    expect(back.actions.filter((a) => a.supersedes !== "")).toHaveLength(1);
    expect(back.actions).toEqual(school.actions);
  });

  test("README: the school's settings and the pass-through House column come back", () => {
    expect(back.settings).toMatchObject(school.settings);
    expect(back.dataset.extraColumns).toEqual(["House"]);
    expect(back.dataset.pupils.map((p) => p.extra)).toEqual(school.dataset.pupils.map((p) => p.extra));
  });

  test("README (Marks: a validation list offers the codes in force): the code validation covers every mark cell of the Marks sheet", async () => {
    const ws = (await load(bytes)).getWorksheet("Marks")!;
    const rules = validationsOf(ws);
    const lastColumn = ws.getRow(1).cellCount; // UPN, Surname, Forename and one column a session
    expect(lastColumn).toBe(3 + school.dataset.sessions.length);
    const lastLetter = ws.getColumn(lastColumn).letter;
    for (const address of ["D2", `${lastLetter}2`, "D31", `${lastLetter}31`]) {
      expect(rules[address]).toMatchObject({ type: "list", formulae: ["Codes!$A$2:$A$35"] });
    }
  });
});

describe("text that looks like a formula is kept as text (src/files/write-tracker.ts: text from files is written as text)", () => {
  const tricky = ['=HYPERLINK("http://evil.example","click")', "+44 7700 900123", "-1+2", "@SUM(A1:A9)"];
  const school = generateSchool({ pupils: 4, seed: 3, until: "2025-09-19" });
  tricky.forEach((t, i) => (school.dataset.pupils[i].details.surname = t));
  const upn = school.dataset.pupils[0].upn;
  tricky.forEach((t, i) =>
    school.actions.push({ id: `X${i}`, date: "2025-09-19", upn, action: "Call", detail: "Check-in", parent: "", staff: "Ms Patel", outcome: "", notes: t, supersedes: "", row: 0 }),
  );
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await trackerToBuffer(buildTracker(school));
  });

  test("write-tracker.ts: surnames on Pupils and Marks and notes on Actions are plain string cells with the exact text", async () => {
    const wb = await load(bytes);
    const notesCol = ACTIONS_SHEET.columns.findIndex((c) => c.header === "Notes") + 1;
    const actionsWs = wb.getWorksheet("Actions")!;
    const actionRows = actionsWs.getColumn(1).values.map((v, r) => [v, r] as const).filter(([v]) => typeof v === "string" && v.startsWith("X"));
    expect(actionRows).toHaveLength(4);
    const cells = [
      ...tricky.map((_, i) => wb.getWorksheet("Pupils")!.getCell(i + 2, 2)),
      ...tricky.map((_, i) => wb.getWorksheet("Marks")!.getCell(i + 2, 2)),
      ...actionRows.map(([, r]) => actionsWs.getCell(r, notesCol)),
    ];
    expect(cells.map((c) => c.value)).toEqual([...tricky, ...tricky, ...tricky]);
    for (const c of cells) {
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
    }
  });

  test("write-tracker.ts: the saved sheets hold no formula at all (no <f> element in any worksheet)", () => {
    const zip = new PizZip(Buffer.from(bytes));
    const sheets = zip.file(/^xl\/worksheets\/sheet\d+\.xml$/);
    expect(sheets).toHaveLength(6);
    for (const f of sheets) expect(f.asText()).not.toMatch(/<f[ >]/);
  });

  test("write-tracker.ts: the text reads back unchanged", async () => {
    const back = await readTrackerBytes(bytes);
    expect(back.dataset.pupils.map((p) => p.details.surname)).toEqual(tricky);
    expect(back.actions.filter((a) => a.id.startsWith("X")).map((a) => a.notes)).toEqual(tricky);
  });
});

describe("create-tracker on the command line", () => {
  test("README/contract §4: an unreadable code in the marks CSV is kept as typed in its Marks cell, and reported", async () => {
    const csv = join(tmp(), "marks.csv");
    writeFileSync(csv, "UPN,Surname,Notes,2025-01-13 AM,2025-01-13 PM,2025-01-14 AM\nA1,Khan,keep me,/,ZZ,h\nB2,Lee,,/,/,N\n");
    const out = join(tmp(), "from-csv.xlsx");
    const r = await cli("create-tracker", out, "--from", csv);
    expect(r.code).toBe(0);
    expect(r.out).toBe(`Wrote ${out}: 2 pupils, 3 sessions.\n`);
    expect(r.err).toMatch(/^2 problem\(s\) in .*marks\.csv; unreadable marks were kept as typed/);
    expect(r.err).toMatch(/"ZZ" \(row 2, column E, 2025-01-13 PM\) is not a register code/);
    expect(r.err).toMatch(/"h" \(row 2, column F, 2025-01-14 AM\) was withdrawn/);

    const bytes = readFileSync(out);
    const marks = (await load(bytes)).getWorksheet("Marks")!;
    expect(marks.getRow(1).values).toEqual([undefined, "UPN", "Surname", "Forename", "2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM"]);
    expect(marks.getRow(2).values).toEqual([undefined, "A1", "Khan", undefined, "/", "ZZ", "h"]);
    expect(marks.getRow(3).values).toEqual([undefined, "B2", "Lee", undefined, "/", "/", "N"]);

    const back = await readTrackerBytes(bytes);
    expect(back.dataset.problems.map((p) => [p.kind, p.sheet, p.upn, p.session, p.value])).toEqual([
      ["unknown-code", "Marks", "A1", "2025-01-13 PM", "ZZ"],
      ["legacy-code-after-2024", "Marks", "A1", "2025-01-14 AM", "h"],
    ]);
    expect(back.dataset.pupils[0].extra).toEqual({ Notes: "keep me" });
    expect(countsByUpn(analyse(back.dataset))).toEqual({ A1: [1, 1, 0, 0], B2: [3, 2, 0, 1] });
  });

  // README: "Marks it cannot read are kept as typed, and listed." Marks under a session header that
  // cannot be read are marks it cannot read; today the whole column is left out of the workbook.
  test("README: marks under an unreadable session header are kept as typed in the Marks sheet, and listed again when it is read", async () => {
    const csv = join(tmp(), "bad-header.csv");
    writeFileSync(csv, "UPN,Surname,2025-01-13 AM,2025-02-30 AM\nA1,Khan,/,O\nB2,Lee,/,N\n");
    const out = join(tmp(), "bad-header.xlsx");
    const r = await cli("create-tracker", out, "--from", csv);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/"2025-02-30 AM"/);
    const marks = (await load(readFileSync(out))).getWorksheet("Marks")!;
    const header = marks.getRow(1).values as unknown[];
    const col = header.indexOf("2025-02-30 AM");
    expect(col).toBeGreaterThan(0);
    expect([marks.getCell(2, col).value, marks.getCell(3, col).value]).toEqual(["O", "N"]);
    const back = await readTrackerBytes(readFileSync(out));
    expect(back.dataset.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", value: "2025-02-30 AM", sheet: "Marks" })]);
  });

  test("README: refuses to overwrite an existing file without --force (exit 2), leaving its bytes as they were", async () => {
    const out = join(tmp(), "existing.xlsx");
    const precious = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 250, 251, 0, 7]);
    writeFileSync(out, precious);
    const r = await cli("create-tracker", out);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/already exists/);
    expect(r.err).toMatch(/--force/);
    expect(readFileSync(out).equals(precious)).toBe(true);

    const csv = join(tmp(), "one.csv");
    writeFileSync(csv, "UPN,2025-01-13 AM\nA1,/\n");
    expect((await cli("create-tracker", out, "--from", csv)).code).toBe(2);
    expect(readFileSync(out).equals(precious)).toBe(true);

    expect((await cli("create-tracker", out, "--from", csv, "--force")).code).toBe(0);
    expect((await readTrackerBytes(readFileSync(out))).dataset.pupils.map((p) => p.upn)).toEqual(["A1"]);
  });

  test("README: the output must be an .xlsx file name (exit 2, nothing written)", async () => {
    const out = join(tmp(), "tracker.csv");
    expect((await cli("create-tracker", out)).code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe("reading workbooks that are not (quite) trackers", () => {
  test("contract §1: a workbook with no Marks sheet is read from its first sheet (a MIS export in the wide layout)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Export");
    ws.addRow(["UPN", "Surname", "Year", "2025-01-13 AM", "2025-01-13 PM", "14/01/2025 AM"]);
    ws.addRow(["A1", "Khan", 9, "/", "N", "L"]);
    ws.addRow(["B2", "Lee", 10, "I", "\\", "/"]);
    wb.addWorksheet("Notes").addRow(["UPN", "2025-01-13 AM"]);
    const t = await readTrackerBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.dataset.problems).toEqual([]);
    expect(t.dataset.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM"]);
    expect(t.dataset.pupils.map((p) => [p.upn, p.details])).toEqual([
      ["A1", { surname: "Khan", year: "9" }],
      ["B2", { surname: "Lee", year: "10" }],
    ]);
    expect(countsByUpn(analyse(t.dataset))).toEqual({ A1: [3, 2, 0, 1], B2: [3, 2, 1, 0] });
  });

  test("contract §1: a MIS export in the long layout with real Excel dates in the Date column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["UPN", "Date", "Session", "Mark"]);
    ws.addRow(["A1", new Date(Date.UTC(2025, 0, 13)), "AM", "/"]);
    ws.addRow(["A1", new Date(Date.UTC(2025, 0, 13)), "PM", "O"]);
    ws.addRow(["A1", "14/01/2025", "Morning", "U"]);
    const t = await readTrackerBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.dataset.layout).toBe("long");
    expect(t.dataset.sessions.map((s) => s.label)).toEqual(["2025-01-13 AM", "2025-01-13 PM", "2025-01-14 AM"]);
    expect(countsByUpn(analyse(t.dataset))).toEqual({ A1: [3, 1, 0, 2] });
  });

  // dataset.ts: Problem.sheet is "Worksheet, when the source is a workbook".
  test("contract §4: a problem in a MIS export names the export's own sheet and its sheet row, not a Marks sheet it does not have", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Export");
    ws.addRow(["UPN", "2025-01-13 AM"]);
    ws.addRow(["A1", "/"]);
    ws.addRow(["B2", "ZZ"]);
    const t = await readTrackerBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(t.dataset.problems).toHaveLength(1);
    expect(t.dataset.problems[0]).toMatchObject({ kind: "unknown-code", upn: "B2", row: 3, column: "B", value: "ZZ" });
    expect(t.dataset.problems[0].sheet).toBe("Export");
    expect(t.dataset.problems[0].message).not.toMatch(/Marks sheet/);
  });

  test("src/files/tracker.ts (no marks are lost): a Marks row for a pupil missing from the Pupils sheet keeps its marks and is reported as unknown-pupil", async () => {
    const school = generateSchool({ pupils: 4, seed: 5, until: "2025-10-10" });
    const wb = buildTracker(school);
    const missing = school.dataset.pupils[1].upn;
    const pupilsWs = wb.getWorksheet("Pupils")!;
    expect(pupilsWs.getCell("A3").value).toBe(missing);
    pupilsWs.spliceRows(3, 1);
    const t = await readTrackerBytes(await trackerToBuffer(wb));
    const upns = school.dataset.pupils.map((p) => p.upn);
    // Pupils sheet order first, then the unknown pupil.
    expect(t.dataset.pupils.map((p) => p.upn)).toEqual([upns[0], upns[2], upns[3], missing]);
    expect(t.dataset.problems).toEqual([
      { kind: "unknown-pupil", sheet: "Marks", upn: missing, row: 3, message: expect.stringContaining("not on the Pupils sheet") },
    ]);
    expect(countsByUpn(analyse(t.dataset))).toEqual(countsByUpn(analyse(school.dataset)));
    expect(countsByUpn(analyse(t.dataset))[missing][0]).toBeGreaterThan(0);
  });
});

describe("the Settings sheet changes the analysis (README: Settings; contract §5 through the command line)", () => {
  const school = generateSchool({ pupils: 6, seed: 8, until: "2025-10-17" });
  type Pupil = { upn: string; learningLost: { sessions: number; hours: number } };
  async function analyseTracker(name: string, settings: Record<string, string>) {
    const file = join(tmp(), name);
    writeFileSync(file, await trackerToBuffer(buildTracker({ ...school, settings: { ...school.settings, ...settings } })));
    return cli("analyse", file, "--json");
  }

  test("README: hoursPerSession = 2.5 gives learningLost.hours = sessions x 2.5 (the default is 3.25)", async () => {
    const withSetting = await analyseTracker("hours.xlsx", { hoursPerSession: "2.5" });
    const without = await analyseTracker("plain.xlsx", {});
    expect([withSetting.code, withSetting.err, without.code, without.err]).toEqual([0, "", 0, ""]);
    const a: Pupil[] = JSON.parse(withSetting.out).pupils;
    const b: Pupil[] = JSON.parse(without.out).pupils;
    expect(a.map((p) => p.learningLost.sessions)).toEqual(b.map((p) => p.learningLost.sessions));
    expect(a.some((p) => p.learningLost.sessions > 0)).toBe(true);
    for (const p of a) expect(p.learningLost.hours).toBe(Math.round(p.learningLost.sessions * 2.5 * 100) / 100);
    for (const p of b) expect(p.learningLost.hours).toBe(Math.round(p.learningLost.sessions * 3.25 * 100) / 100);
  });

  test("README: a setting that cannot be used is a warning naming it, and the default stands", async () => {
    const r = await analyseTracker("bad-hours.xlsx", { hoursPerSession: "lots" });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/Settings sheet: hoursPerSession is "lots"; it must be a number\. The default is used\./);
    const p: Pupil[] = JSON.parse(r.out).pupils;
    for (const x of p) expect(x.learningLost.hours).toBe(Math.round(x.learningLost.sessions * 3.25 * 100) / 100);
  });

  test("README: asOf in the Settings sheet sets the as-of date", async () => {
    const r = await analyseTracker("asof.xlsx", { asOf: "2025-09-26" });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).asOf).toBe("2025-09-26");
  });
});

describe("create-tracker --force onto a tracker (issue 21)", () => {
  test("a tracker with actions, contacts and settings is refused with a sentence, and left as it was", async () => {
    const out = join(tmp(), "school.xlsx");
    const csv = join(tmp(), "marks.csv");
    writeFileSync(csv, "UPN,Surname,2025-01-13 AM\nA1,Khan,/\n");
    expect((await cli("create-tracker", out, "--from", csv)).code).toBe(0);
    // The school's own records, as the pane or Excel would add them.
    const wb = await load(readFileSync(out));
    wb.getWorksheet("Actions")!.addRow(["A-1", "2025-01-14", "A1", "Phone call", "Spoke to mum", "Mrs Khan", "JB", "", "", ""]);
    wb.getWorksheet("Contacts")!.addRow(["A1", "Mrs", "Sara", "Khan", "Mother"]);
    const settings = wb.getWorksheet("Settings")!;
    settings.eachRow((row) => {
      if (row.getCell(1).value === "school.name") row.getCell(2).value = "Oak Lane Academy";
    });
    writeFileSync(out, new Uint8Array(await wb.xlsx.writeBuffer()));
    const before = readFileSync(out);

    const r = await cli("create-tracker", out, "--from", csv, "--force");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/school\.xlsx is a tracker holding 1 action in the actions log, 1 contact and the school's settings: a new tracker written over it would lose them, so nothing was written, even with --force/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(readFileSync(out).equals(before)).toBe(true);
    const kept = await readTrackerBytes(readFileSync(out));
    expect(kept.actions).toHaveLength(1);
    expect(kept.contacts).toHaveLength(1);
    expect(kept.settings["school.name"]).toBe("Oak Lane Academy");
  });

  test("a new tracker (nothing of the school's own yet) is replaced with --force", async () => {
    const out = join(tmp(), "fresh.xlsx");
    expect((await cli("create-tracker", out)).code).toBe(0);
    const csv = join(tmp(), "marks2.csv");
    writeFileSync(csv, "UPN,Surname,2025-01-13 AM\nB2,Lee,N\n");
    expect((await cli("create-tracker", out, "--from", csv, "--force")).code).toBe(0);
    expect((await readTrackerBytes(readFileSync(out))).dataset.pupils.map((p) => p.upn)).toEqual(["B2"]);
  });
});
