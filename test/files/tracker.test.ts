/** The tracker workbook: built by create-tracker, read back exactly, text kept as text. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { analyse } from "../../src/engine/analyse";
import { analysisJson } from "../../src/engine/output";
import { run } from "../../src/cli/main";
import { buildTracker, trackerToBuffer } from "../../src/files/write-tracker";
import { readTrackerBytes } from "../../src/files/xlsx";
import { generateSchool } from "../../src/sample/generate";

const io = () => {
  const o = { out: "", err: "" };
  return { o, io: { stdout: (s: string) => void (o.out += s), stderr: (s: string) => void (o.err += s) } };
};

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "tracker-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("create-tracker builds the layout in the README", () => {
  test("an empty tracker: the six sheets, each an Excel table with frozen headers; the code list on Marks", async () => {
    const wb = await load(await trackerToBuffer(buildTracker()));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Pupils", "Contacts", "Marks", "Actions", "Settings", "Codes"]);
    for (const ws of wb.worksheets) {
      expect(Object.keys((ws as unknown as { tables: Record<string, unknown> }).tables)).toHaveLength(1);
      expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    }
    const marks = wb.getWorksheet("Marks")!;
    expect(marks.getRow(1).values).toEqual([undefined, "UPN", "Surname", "Forename"]);
    const dv = (marks as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    const rule = Object.values(dv)[0];
    expect(rule).toMatchObject({ type: "list", formulae: [expect.stringMatching(/^Codes!\$A\$2:\$A\$\d+$/)] });
    expect(wb.getWorksheet("Codes")!.getColumn(1).values).toEqual(expect.arrayContaining(["/", "L", "C1", "G", "Y7", "#"]));
    expect(wb.getWorksheet("Codes")!.getColumn(1).values).not.toContain("H");
    const tracker = await readTrackerBytes(await trackerToBuffer(buildTracker()));
    expect(tracker.dataset.pupils).toEqual([]);
  });

  test("a tracker from the sample school reads back with the same analysis, contacts and actions", async () => {
    const school = generateSchool({ pupils: 30, seed: 1, until: "2025-12-19" });
    const back = await readTrackerBytes(await trackerToBuffer(buildTracker(school)));
    expect(analysisJson(analyse(back.dataset)).pupils).toEqual(analysisJson(analyse(school.dataset)).pupils);
    expect(back.contacts.map((c) => [c.upn, c.email, c.livesWithPupil])).toEqual(school.contacts.map((c) => [c.upn, c.email, c.livesWithPupil]));
    expect(back.actions.map((a) => [a.id, a.date, a.supersedes])).toEqual(school.actions.map((a) => [a.id, a.date, a.supersedes]));
    expect(back.settings["school.name"]).toBe("Ashford Vale Academy");
  });

  test("text that starts with =, +, - or @ is stored as plain text, never a formula, and reads back unchanged", async () => {
    const school = generateSchool({ pupils: 2, seed: 3, until: "2025-09-19" });
    const tricky = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+44 7700 900123", "-1+2", "@SUM(A1)"];
    school.dataset.pupils[0].details.surname = tricky[0];
    school.contacts[0].phone = tricky[1];
    school.actions.push({ id: "A9999", date: "2025-09-19", upn: school.dataset.pupils[0].upn, action: "Call", detail: tricky[2], parent: "", staff: "Ms Patel", outcome: tricky[3], notes: "", supersedes: "", row: 0 });
    const bytes = await trackerToBuffer(buildTracker(school));
    const wb = await load(bytes);
    const cell = wb.getWorksheet("Pupils")!.getCell("B2");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.value).toBe(tricky[0]);
    const back = await readTrackerBytes(bytes);
    expect(back.dataset.pupils[0].details.surname).toBe(tricky[0]);
    expect(back.contacts[0].phone).toBe(tricky[1]);
    expect(back.actions.find((a) => a.id === "A9999")).toMatchObject({ detail: tricky[2], outcome: tricky[3] });
  });
});

describe("create-tracker on the command line", () => {
  test("from a marks CSV with an unreadable code: the code is kept as typed, and reported", async () => {
    const csv = join(dir, "marks.csv");
    writeFileSync(csv, "UPN,Surname,2025-01-13 AM,2025-01-13 PM\nA1,Khan,/,ZZ\nB2,Lee,/,/\n");
    const out = join(dir, "from-csv.xlsx");
    const { o, io: cap } = io();
    expect(await run(["create-tracker", out, "--from", csv], cap)).toBe(0);
    expect(o.out).toMatch(/2 pupils, 2 sessions/);
    expect(o.err).toMatch(/"ZZ"/);
    const wb = await load(readFileSync(out));
    expect(wb.getWorksheet("Marks")!.getCell("E2").value).toBe("ZZ");
    const back = await readTrackerBytes(readFileSync(out));
    expect(back.dataset.problems).toEqual([expect.objectContaining({ kind: "unknown-code", upn: "A1", value: "ZZ", sheet: "Marks" })]);
  });

  test("refuses to overwrite an existing workbook without --force, leaving it as it was", async () => {
    const out = join(dir, "existing.xlsx");
    writeFileSync(out, "precious");
    const { o, io: cap } = io();
    expect(await run(["create-tracker", out], cap)).toBe(2);
    expect(o.err).toMatch(/already exists/);
    expect(readFileSync(out, "utf8")).toBe("precious");
    expect(await run(["create-tracker", out, "--force"], io().io)).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});

describe("reading workbooks", () => {
  test("a MIS export without a Marks sheet is read from its first sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Export");
    ws.addRow(["UPN", "Surname", "2025-01-13 AM", "2025-01-13 PM"]);
    ws.addRow(["A1", "Khan", "/", "N"]);
    const t = await readTrackerBytes(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(analyse(t.dataset).pupils[0]).toMatchObject({ upn: "A1", possibleSessions: 2, unauthorisedAbsenceSessions: 1 });
  });

  test("a pupil with marks but no Pupils row keeps the marks and is reported", async () => {
    const school = generateSchool({ pupils: 3, seed: 5, until: "2025-09-12" });
    const wb = buildTracker(school);
    wb.getWorksheet("Pupils")!.spliceRows(4, 1);
    const t = await readTrackerBytes(await trackerToBuffer(wb));
    expect(t.dataset.pupils).toHaveLength(3);
    expect(t.dataset.problems).toEqual([expect.objectContaining({ kind: "unknown-pupil", upn: school.dataset.pupils[2].upn })]);
  });

  test("the Settings sheet changes the analysis (hours per session)", async () => {
    const school = generateSchool({ pupils: 5, seed: 8, until: "2025-10-17" });
    const file = join(dir, "settings.xlsx");
    writeFileSync(file, await trackerToBuffer(buildTracker({ ...school, settings: { ...school.settings, hoursPerSession: "2.5" } })));
    const { o, io: cap } = io();
    expect(await run(["analyse", file, "--json"], cap)).toBe(0);
    const p = JSON.parse(o.out).pupils.find((x: { learningLost: { sessions: number } }) => x.learningLost.sessions > 0);
    expect(p.learningLost.hours).toBe(p.learningLost.sessions * 2.5);
  });
});
