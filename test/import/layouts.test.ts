/**
 * Issue 21 (the layout half): every export read right or refused with a sentence. Each case is a
 * fixture in test/import/fixtures/, made from the shape the issue saw; each test failed on the
 * reader before issue 21.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { FatalInputError, MarksDataset } from "../../src/engine/dataset";
import { analysisJson } from "../../src/engine/output";
import { policyFromJson } from "../../src/engine/policy";
import { readMarksBytes, readPupilListBytes } from "../../src/files/read-file";
import { ReadOptions } from "../../src/import/grid";
import { run } from "../../src/cli/main";
import { captureIo, tempDirFixture } from "../helpers/wide";

const FIXTURES = join(__dirname, "fixtures");
const fixture = (name: string) => join(FIXTURES, name);
const bytes = (name: string) => new Uint8Array(readFileSync(fixture(name)));
const read = async (name: string, options: ReadOptions = {}): Promise<MarksDataset> => (await readMarksBytes(bytes(name), options)).dataset;
const figures = (ds: MarksDataset, codeMap?: Record<string, string>) =>
  analysisJson(analyse(ds, codeMap ? { policy: policyFromJson(JSON.stringify({ codeMap })).policy } : {})).pupils.map((p) => ({
    upn: p.upn,
    possible: p.possibleSessions,
    attended: p.attendedSessions,
    authorised: p.authorisedAbsenceSessions,
    unauthorised: p.unauthorisedAbsenceSessions,
  }));
const tmp = tempDirFixture("issue21-layouts-");

describe("issue 21 item 1: in a long file only AM and PM rows are register sessions", () => {
  test("Bromcom BasicAttendance with lesson periods beside AM/PM rows: an ill pupil is ill, not 13 sessions unauthorised", async () => {
    const ds = await read("bromcom-basic-attendance.csv");
    expect(ds.sessions).toHaveLength(20);
    expect(figures(ds)).toEqual([
      { upn: "1001", possible: 20, attended: 0, authorised: 20, unauthorised: 0 },
      { upn: "1002", possible: 20, attended: 20, authorised: 0, unauthorised: 0 },
    ]);
    // No flood of "sessions given twice": the lesson rows are left out and named once.
    expect(ds.problems).toEqual([]);
    const lessons = (ds.notices ?? []).filter((n) => /lesson/.test(n));
    expect(lessons).toEqual(['60 rows with a lesson or other period in PeriodDisplayName ("P1", "Maths 8X1", "Period 5") were left out: only the AM and PM register sessions count.']);
  });

  test("a file of lesson rows only is refused, and the sentence says why", () => {
    const { readMarksGrid } = require("../../src/import/grid");
    const grid = { header: ["UPN", "Date", "Period", "Mark"], rows: [["A873412318002", "2025-09-08", "P1", "/"], ["A873412318002", "2025-09-08", "P2", "N"]] };
    expect(() => readMarksGrid(grid)).toThrow(/2 rows with a lesson or other period in Period \("P1", "P2"\) were left out/);
  });
});

describe("issue 21 item 2: rows that are not pupils", () => {
  test("a wide report's group headings, footer, page number and Power BI filter note are left out and listed once", async () => {
    const ds = await read("report-furniture-wide.csv");
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A873412318002", "B873412318003", "C873412318004", "D873412318005", "E873412318006"]);
    expect(ds.problems).toEqual([]);
    expect(ds.notices).toEqual([
      expect.stringMatching(/^5 rows are report text, not pupils .*row 2 \("Registration Group: 7RB"\), row 6 \("Registration Group: 7RC"\), row 9 \("Page 1 of 1"\), row 10 \("Report produced by Jane Bloggs on 27\/03\/2026"\), row 11 \("Applied filters: Year Group is 7, Academic Year is 2025\/26"\)\.$/),
    ]);
  });

  test("a long export keyed by admission number: its furniture rows are not pupils and raise no bad-date problems", async () => {
    const ds = await read("report-furniture-long.csv");
    expect(ds.pupils.map((p) => p.upn)).toEqual(["001001", "001002", "001003"]);
    expect(ds.problems).toEqual([]);
    expect(ds.notices?.some((n) => /^3 rows are report text, not pupils/.test(n))).toBe(true);
  });

  test("summary sends the trust the real pupils only, and create-tracker puts only them on the Pupils sheet", async () => {
    const out = join(tmp(), "school.summary.json");
    const io = captureIo();
    expect(await run(["summary", fixture("report-furniture-wide.csv"), "--school", "Test School", "--out", out, "--as-of", "2025-09-12"], io)).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8")).figures.pupils).toBe(5);
    const tracker = join(tmp(), "tracker.xlsx");
    const io2 = captureIo();
    expect(await run(["create-tracker", tracker, "--from", fixture("report-furniture-wide.csv")], io2)).toBe(0);
    expect(io2.out()).toMatch(/: 5 pupils, 10 sessions\./);
    const back = await readMarksBytes(new Uint8Array(readFileSync(tracker)));
    expect(back.dataset.pupils.map((p) => p.upn)).toEqual(["A873412318002", "B873412318003", "C873412318004", "D873412318005", "E873412318006"]);
  });

  test("the same header again (a report printed page by page) is skipped, never a pupil called UPN", async () => {
    const ds = await read("header-repeated-same.csv");
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A873412318002", "B873412318003", "C873412318004", "D873412318005", "E873412318006"]);
    expect(ds.problems).toEqual([]);
    expect(ds.notices).toEqual(["The header row appears again on row 4 (a report printed page by page): it was skipped."]);
  });

  test("a second header on other dates is refused with its row number, not read against the first header's dates", async () => {
    await expect(read("header-repeated-other-dates.csv")).rejects.toThrow(FatalInputError);
    await expect(read("header-repeated-other-dates.csv")).rejects.toThrow(/^Row 4 is a second header row with other columns than the first/);
  });
});

describe("issue 21 item 3: pupil keys", () => {
  test("a UPN in lower case with spaces is the same pupil", async () => {
    const ds = await read("upn-case-and-spaces.csv");
    expect(figures(ds)).toEqual([
      { upn: "A873412318002", possible: 4, attended: 2, authorised: 0, unauthorised: 2 },
      { upn: "B873412318003", possible: 4, attended: 4, authorised: 0, unauthorised: 0 },
    ]);
    expect(ds.problems).toEqual([]);
  });

  test("an admission number the pupil list gives two UPNs is listed and left out, never put on the first", async () => {
    const pupils = await readPupilListBytes(bytes("adno-pupils.csv"));
    const ds = await read("adno-marks.csv", { pupils, pupilsName: "adno-pupils.csv" });
    expect(ds.pupils.map((p) => p.upn)).toEqual(["A873412318002", "D873412318005"]);
    expect(ds.problems).toEqual([
      expect.objectContaining({
        kind: "unknown-pupil",
        row: 3,
        message: "Row 3 of the marks file has the Adno 1002, which adno-pupils.csv gives to 2 different UPNs (its rows 3 and 4). The row's marks were left out: correct adno-pupils.csv so each Adno has one UPN.",
      }),
    ]);
  });
});

describe("issue 21 item 4: the real shapes", () => {
  test("Bromcom's week entity: StartDate is the week, not an admission date", async () => {
    const ds = await read("bromcom-week-entity.csv");
    expect(ds.layout).toBe("week-grid");
    expect(ds.sessions).toHaveLength(20);
    expect(ds.pupils.every((p) => p.onRoll === undefined)).toBe(true);
    expect(figures(ds)).toEqual([
      { upn: "1001", possible: 20, attended: 16, authorised: 2, unauthorised: 2 },
      { upn: "1002", possible: 20, attended: 18, authorised: 0, unauthorised: 2 },
    ]);
  });

  test("Bromcom pupil lists keep the preferred names", async () => {
    const pupils = await readPupilListBytes(bytes("bromcom-pupils.csv"));
    const ds = await read("bromcom-week-entity.csv", { pupils });
    expect(ds.pupils.map((p) => [p.upn, p.details.forename, p.details.surname])).toEqual([
      ["A873412318002", "Aisha", "Khan"],
      ["B873412318003", "Tom", "Lee"],
    ]);
  });

  test('a row a pupil a day with "AM attendance code" and "PM attendance code" columns', async () => {
    const ds = await read("day-rows-am-pm-attendance-code.csv");
    expect(figures(ds)).toEqual([
      { upn: "A873412318002", possible: 10, attended: 10, authorised: 0, unauthorised: 0 },
      { upn: "B873412318003", possible: 10, attended: 0, authorised: 5, unauthorised: 5 },
    ]);
  });

  test("separate Date and Time columns: the time gives the session", async () => {
    const ds = await read("date-and-time-columns.csv");
    expect(ds.problems).toEqual([]);
    expect(ds.sessions.map((s) => s.label)).toEqual(["2025-09-08 AM", "2025-09-08 PM", "2025-09-09 AM", "2025-09-09 PM", "2025-09-10 AM", "2025-09-10 PM"]);
    expect(figures(ds)).toEqual([
      { upn: "A873412318002", possible: 6, attended: 3, authorised: 0, unauthorised: 3 },
      { upn: "B873412318003", possible: 6, attended: 6, authorised: 0, unauthorised: 0 },
    ]);
  });

  test("dates without a year are refused with a sentence, never read as a guessed year", async () => {
    await expect(read("dates-without-year.csv")).rejects.toThrow(/"08\/09 AM", which looks like a session but cannot be read: the date has no year \(the reader never guesses one\)/);
    const { readMarksGrid } = require("../../src/import/grid");
    const long = { header: ["UPN", "Date", "Session", "Mark"], rows: [["A873412318002", "08/09", "AM", "/"], ["A873412318002", "08/09/2025", "PM", "/"]] };
    const ds: MarksDataset = readMarksGrid(long);
    expect(ds.problems).toEqual([expect.objectContaining({ kind: "bad-session-header", row: 2, message: expect.stringContaining('"08/09", which has no year') })]);
  });

  test("SIMS sub-codes count by their published DfE parent (I01, I02 as I; X01 as X); the trust's codeMap overrides", async () => {
    const ds = await read("sims-sub-codes.csv");
    expect(figures(ds)).toEqual([
      { upn: "A873412318002", possible: 6, attended: 3, authorised: 3, unauthorised: 0 },
      // X is not a possible session; Q9 is still a problem (not a sub-code anyone published).
      { upn: "B873412318003", possible: 3, attended: 3, authorised: 0, unauthorised: 0 },
    ]);
    const a = analyse(ds);
    expect(a.notices).toEqual(expect.arrayContaining([expect.stringMatching(/^"I01" was read as I \(a SIMS sub-code, read as its DfE-agreed parent code; the policy's codeMap can map it otherwise\): 2 marks\.$/)]));
    expect(a.problems).toEqual([expect.objectContaining({ kind: "unknown-code", value: "Q9", message: expect.stringContaining("the policy's codeMap") })]);
    // The trust reads I02 (confirmed COVID-19) as M, say: its map wins.
    expect(figures(ds, { I02: "M" })[0]).toEqual({ upn: "A873412318002", possible: 6, attended: 3, authorised: 3, unauthorised: 0 });
    expect(analyse(ds, { policy: policyFromJson(JSON.stringify({ codeMap: { I02: "M" } })).policy }).notices).toEqual(expect.arrayContaining(['"I02" was read as M (the policy\'s codeMap): 1 mark.']));
  });
});

describe("issue 21 item 5: bounds", () => {
  test("a header repeating its sessions thousands of times is one problem with a count and examples, and keeps a bounded number of columns", () => {
    const { readMarksGrid } = require("../../src/import/grid");
    const sessions = ["2025-09-08 AM", "2025-09-08 PM", "2025-09-09 AM", "2025-09-09 PM"];
    const header = ["UPN", ...Array.from({ length: 2000 }, () => sessions).flat()];
    const rows = [["A873412318002", ...Array.from({ length: 2000 }, () => ["/", "/", "N", "N"]).flat()]];
    const ds: MarksDataset = readMarksGrid({ header, rows });
    expect(ds.sessions).toHaveLength(4);
    expect(ds.problems).toHaveLength(1);
    expect(ds.problems[0]).toMatchObject({ kind: "duplicate-session", value: "7996" });
    expect(ds.problems[0].message).toMatch(/^7,996 columns repeat sessions already in the file \(column F repeats the session 2025-09-08 AM, already in column B; .*only the first 500 are kept as typed/);
    expect(ds.unreadColumns!.length).toBe(500);
  });
});
