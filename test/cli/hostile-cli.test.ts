/**
 * Issue 12, "What was seen": every crash, hang and silent loss of the command line, each with the
 * plain sentence (exit 2) or the right result now. On the old code these threw stack traces, hung,
 * polluted Object.prototype, or wrote a wrong result without a word.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { analyse } from "../../src/engine/analyse";
import { DEFAULT_POLICY, resolvePolicy, settingsToOverrides } from "../../src/engine/policy";
import { buildPupilRecord } from "../../src/files/pupil-record";
import { readMarksBytes } from "../../src/files/read-file";
import { builtInCatalogue, parseCustomCatalogue } from "../../src/letters/catalogue";
import { produceLetters } from "../../src/letters/produce";
import { evidenceToTsv } from "../../src/letters/render";
import { captureIo, tempDirFixture, utf8 } from "../helpers/wide";

const ROOT = join(__dirname, "../..");
const SAMPLE = join(ROOT, "samples/sample-tracker.xlsx");
const BASIC = join(ROOT, "test/vectors/basic.csv");
const tmp = tempDirFixture("hostile-cli-");

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const onLinux = process.platform === "linux" ? test : test.skip;

describe("only ordinary files are read; outputs the same on every command", () => {
  onLinux("analyse /dev/zero: refused at once, not read for ever", async () => {
    const r = await cli("analyse", "/dev/zero");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not an ordinary file/);
  });

  onLinux("--out under /proc: refused (create-tracker, sample, evidence, letter)", async () => {
    expect((await cli("create-tracker", "/proc/self/x.xlsx")).err).toMatch(/system folder/);
    expect((await cli("sample", "--pupils", "2", "--out", "/proc/self/fd")).err).toMatch(/system folder/);
    expect((await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165", "--out", "/proc/self/pack.docx")).err).toMatch(/system folder/);
    const r = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--out", "/proc/self/fd");
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/system folder/) });
  });

  test("--out naming an existing file: refused without --force on every command, replaced with it", async () => {
    const existing = join(tmp(), "existing.docx");
    writeFileSync(existing, "keep me");
    const ev = await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165", "--staff", "Ms Patel", "--out", existing);
    expect(ev).toMatchObject({ code: 2, err: expect.stringMatching(/already exists.*--force/) });
    expect(readFileSync(existing, "utf8")).toBe("keep me");
    expect((await cli("evidence", "--tracker", SAMPLE, "--upn", "F873412318165", "--staff", "Ms Patel", "--out", existing, "--force")).code).toBe(0);
    expect(readFileSync(existing).subarray(0, 2).toString()).toBe("PK");

    const letter = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--out", existing);
    expect(letter).toMatchObject({ code: 2, err: expect.stringMatching(/is a file, not a folder/) });

    const dir = join(tmp(), "sample");
    expect((await cli("sample", "--pupils", "3", "--no-xlsx", "--out", dir)).code).toBe(0);
    const again = await cli("sample", "--pupils", "3", "--no-xlsx", "--out", dir);
    expect(again).toMatchObject({ code: 2, err: expect.stringMatching(/already exists.*--force/) });
    expect((await cli("sample", "--pupils", "3", "--no-xlsx", "--out", dir, "--force")).code).toBe(0);

    const out = join(tmp(), "letters");
    const args = ["letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412317206", "--staff", "Ms Patel", "--date", "2026-03-16", "--parent", "2", "--out", out];
    expect((await cli(...args)).out).toMatch(/^1 letter written/);
    const twice = await cli(...args);
    expect(twice.out).toMatch(/^0 letters written.*1 not written/);
    expect(twice.err).toMatch(/already exists; add --force/);
    expect((await cli(...args, "--force")).out).toMatch(/^1 letter written/);
  });
});

describe("arguments that used to be misread", () => {
  test('--field "__proto__.polluted=yes" is refused and never touches Object.prototype', async () => {
    const r = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--field", "__proto__.polluted=yes", "--out", join(tmp(), "p"));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/is not a field name/) });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test("--parent 0 is not parent 1", async () => {
    const r = await cli("letter", "notice-to-improve", "--tracker", SAMPLE, "--upn", "T873412316124", "--staff", "Ms Patel", "--parent", "0", "--out", join(tmp(), "p0"));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/--parent "0" is not a parent number/) });
  });

  test("sample --until 2026-02-30 is not a date", async () => {
    const r = await cli("sample", "--until", "2026-02-30", "--out", join(tmp(), "s"));
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/must be a real date/) });
  });
});

describe("create-tracker: Excel's limits", () => {
  test("more than 16,384 columns: a sentence, not a crash", async () => {
    // One session column, so the file is readable marks (a file with none is refused before this).
    const header = ["UPN", "Surname", "Forename", "2025-09-08 AM", ...Array.from({ length: 16_400 }, (_, i) => `Note ${i}`)];
    const src = join(tmp(), "wide.csv");
    writeFileSync(src, `${header.join(",")}\nA123456789012,Smith,Ann,/${",x".repeat(16_400)}\n`);
    const r = await cli("create-tracker", join(tmp(), "wide.xlsx"), "--from", src);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/more than Excel's 16,384/) });
    expect(existsSync(join(tmp(), "wide.xlsx"))).toBe(false);
  });

  test("a cell over 32,767 characters is refused with where it is, not written cut or whole", async () => {
    const src = join(tmp(), "long.csv");
    writeFileSync(src, `UPN,Surname,Forename,2025-09-08 AM\nA123456789012,${"S".repeat(40_000)},Ann,/\n`);
    const r = await cli("create-tracker", join(tmp(), "long.xlsx"), "--from", src);
    expect(r).toMatchObject({ code: 2, err: expect.stringMatching(/Pupils sheet, cell B2: more than 32,767 characters/) });
  });
});

describe("letters with control characters in names", () => {
  test("a \\x01 in a name gives a valid .docx (the character left out), not 'corrupt characters'", async () => {
    const tracker = await readMarksBytes(readFileSync(SAMPLE));
    const settings = settingsToOverrides(tracker.settings);
    const analysis = analyse(tracker.dataset, { asOf: settings.asOf, policy: resolvePolicy(settings.overrides, DEFAULT_POLICY).policy });
    const i = analysis.pupils.findIndex((p) => p.upn === "T873412316124");
    const record = buildPupilRecord(analysis, i, tracker);
    record.pupil.forename = `Jo\x01\x0B\x0C\x1Fe`;
    const entry = builtInCatalogue().find((e) => e.id === "attendance-monitoring")!;
    const template = readFileSync(join(ROOT, "assets/letters", entry.file));
    const { letters, blocked } = produceLetters(record, entry, template, { parents: [1], date: 20_000 as never, delivery: "post", staff: "Ms Patel", policy: analysis.policy });
    expect(blocked).toEqual([]);
    expect(letters.length).toBeGreaterThan(0);
    const xml = new PizZip(letters[0].bytes).file("word/document.xml")!.asText();
    expect(xml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F]/);
    expect(xml).toContain("Joe");
  });
});

describe("text for spreadsheets is guarded (formula injection)", () => {
  test("evidence.tsv and the copy for the Actions sheet: fields beginning =, +, -, @ go out as text", () => {
    const line = evidenceToTsv({ date: "2026-03-16", upn: "=HYPERLINK(\"x\")", letterTitle: "@SUM(A1)", parent: "+44 7700", staff: "-1+2", delivery: "post", reference: "r", handedTo: "", handedAt: "" } as never);
    const cells = line.split("\t");
    expect(cells).toContain(`'=HYPERLINK("x")`);
    expect(cells).toContain("'@SUM(A1)");
    expect(cells).toContain("'+44 7700");
    expect(cells).toContain("'-1+2");
  });
});

describe("templates stay inside the trust's folder", () => {
  test("catalogue.json naming ../outside/evil.docx is refused with a sentence", () => {
    const { entries, problems } = parseCustomCatalogue(JSON.stringify([{ id: "evil", title: "Evil", file: "../outside/evil.docx" }, { id: "abs", title: "Abs", file: "/etc/evil.docx" }]));
    expect(entries).toEqual([]);
    expect(problems.join(" ")).toMatch(/leaves the templates folder/);
  });

  onLinux("a link in the folder that leads outside it is left out, with a sentence", async () => {
    const trust = join(tmp(), "trust");
    const outside = join(tmp(), "outside");
    mkdirSync(trust);
    mkdirSync(outside);
    writeFileSync(join(outside, "evil.docx"), readFileSync(join(ROOT, "assets/letters/attendance-monitoring.docx")));
    symlinkSync(join(outside, "evil.docx"), join(trust, "evil.docx"));
    writeFileSync(join(trust, "catalogue.json"), JSON.stringify([{ id: "attendance-monitoring", title: "Replaced", file: "evil.docx" }]));
    const r = await cli("letter", "--list", "--templates", trust);
    expect(r.err).toMatch(/leads outside/);
    expect(r.out).not.toMatch(/Replaced/);
  });
});

test("the basic vector still reads (the readers' happy path)", async () => {
  expect((await cli("analyse", BASIC, "--json")).code).toBe(0);
  expect(utf8("x")).toHaveLength(1);
});

describe("create-tracker keeps every row it cannot use (issue 12: dropped without a word before)", () => {
  test("rows with a repeated or missing UPN go on the 'Unread rows' sheet as typed, with why, and are listed", async () => {
    const { openWorkbook } = await import("../../src/files/xlsx");
    const src = join(tmp(), "dups.csv");
    writeFileSync(src, "UPN,Surname,Forename,2025-09-08 AM\nA123456789012,Smith,Ann,/\nA123456789012,Smyth,Anne,N\n,Nobody,Here,/\nB123456789012,Jones,Bob,\\\n");
    const out = join(tmp(), "dups.xlsx");
    const r = await cli("create-tracker", out, "--from", src);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/2 row\(s\) of .* kept as typed on the "Unread rows" sheet.*rows 3, 4/);
    const grid = openWorkbook(readFileSync(out)).readSheet("Unread rows");
    expect(grid.header).toEqual(["Source row", "Why it was left out", "UPN", "Surname", "Forename", "2025-09-08 AM"]);
    expect(grid.rows.map((row) => [row[0], ...row.slice(2)])).toEqual([
      ["3", "A123456789012", "Smyth", "Anne", "N"],
      ["4", "", "Nobody", "Here", "/"],
    ]);
    expect(grid.rows[0][1]).toMatch(/UPN/);
  });
});
