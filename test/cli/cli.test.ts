/**
 * The command line (README "Command line"; analysis contract §4, §5): exit statuses, messages, the
 * readable output, the policy file, the sample school, and the real binary as users run it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { run } from "../../src/cli/main";
import { readTrackerBytes } from "../../src/files/xlsx";
import { captureIo, tempDirFixture } from "../helpers/wide";

const ROOT = resolve(__dirname, "../..");
const BASIC = resolve(ROOT, "test/vectors/basic.csv");
const BASIC_UPNS = ["P0000000000001", "P0000000000002", "P0000000000003", "P0000000000004", "P0000000000005"];
const tmp = tempDirFixture("cli-test-");

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(tmp(), name);
  writeFileSync(path, content);
  return path;
}

describe("analyse: files that cannot be used (contract §4, README: one plain sentence on stderr and exit status 2)", () => {
  test("contract §4: a missing file is exit 2 with a message naming the file, nothing on stdout", async () => {
    const path = join(tmp(), "no-such-marks.csv");
    const r = await cli("analyse", path, "--json");
    expect(r).toEqual({ code: 2, out: "", err: `attendance-toolkit: cannot open ${path}: no such file.\n` });
  });

  test("contract §4: a folder given as FILE is exit 2 with a message naming it (not 'no such file')", async () => {
    const folder = join(tmp(), "a-folder");
    mkdirSync(folder);
    const r = await cli("analyse", folder);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(folder);
    expect(r.err).not.toMatch(/no such file/);
  });

  test("contract §4: no UPN column is exit 2, one plain line on stderr, nothing on stdout", async () => {
    const r = await cli("analyse", file("no-upn.csv", "Pupil,Surname,2025-01-13 AM\nA1,Khan,/\n"), "--json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toBe(
      "attendance-toolkit: The file has no UPN column. The first row must hold the column headers, one of them UPN (the pupil's unique pupil number), or an admission number or MIS id (Adno, Admission number, MIS ID, Student ID) with --pupils FILE giving the UPN for each.\n",
    );
  });

  test("issue 23: the same file in a pane: the sentence names no command-line option", async () => {
    const { readMarksGrid } = await import("../../src/import/grid");
    expect(() => readMarksGrid({ header: ["Pupil", "Surname", "2025-01-13 AM"], rows: [["A1", "Khan", "/"]] })).toThrow(/with a pupil list giving the UPN for each\.$/);
    expect(() => readMarksGrid({ header: ["Pupil", "Surname", "2025-01-13 AM"], rows: [["A1", "Khan", "/"]] })).not.toThrow(/--pupils/);
  });

  test("README: a semicolon-separated file is exit 2 and says semicolons", async () => {
    const r = await cli("analyse", file("semi.csv", "UPN;Surname;2025-01-13 AM\nA1;Khan;/\n"));
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/^attendance-toolkit: The file has no UPN column because its values are separated by semicolons/);
  });

  test("README: a PDF is exit 2 with a plain message", async () => {
    const r = await cli("analyse", file("marks.pdf", "%PDF-1.4\n1 0 obj\n"));
    expect(r).toEqual({ code: 2, out: "", err: "attendance-toolkit: This is a PDF, not a CSV or Excel file. Export the marks from your MIS as CSV or .xlsx.\n" });
  });
});

describe("usage errors (README: exit status 2)", () => {
  test("README: an unknown command is exit 2, naming it and pointing at --help", async () => {
    const r = await cli("analyze-everything", BASIC);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/"analyze-everything" is not a command/);
    expect(r.err).toMatch(/--help/);
  });

  test("contract §5: --as-of 13/01/2025 (not YYYY-MM-DD) is exit 2", async () => {
    const r = await cli("analyse", BASIC, "--as-of", "13/01/2025", "--json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/--as-of "13\/01\/2025" must be a date written YYYY-MM-DD/);
  });

  test("contract §5: --as-of 2025-02-30 (no such day) is exit 2", async () => {
    const r = await cli("analyse", BASIC, "--as-of", "2025-02-30", "--json");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toMatch(/2025-02-30/);
  });

  test("README: analyse with no FILE, or an unknown option, is exit 2", async () => {
    expect((await cli("analyse")).code).toBe(2);
    expect((await cli("analyse", BASIC, "--bogus")).code).toBe(2);
  });
});

describe("analyse output (contract §5)", () => {
  test("contract §5: a file with problems is exit 0 and the problems are in the JSON", async () => {
    const path = file("problems.csv", "UPN,Surname,2025-01-13 AM,2025-01-13 PM\nA1,Khan,/,ZZ\n,Lee,/,/\nB2,Ali,H,O\nB2,Ali,/,/\n");
    const r = await cli("analyse", path, "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const json = JSON.parse(r.out);
    expect(json.problems.map((p: Record<string, unknown>) => [p.kind, p.upn, p.row, p.session, p.value])).toEqual([
      ["unknown-code", "A1", 2, "2025-01-13 PM", "ZZ"],
      ["missing-upn", undefined, 3, undefined, undefined],
      ["legacy-code-after-2024", "B2", 4, "2025-01-13 AM", "H"],
      ["duplicate-upn", "B2", 5, undefined, "B2"],
    ]);
    for (const p of json.problems) expect(typeof p.message).toBe("string");
    expect(json.pupils.map((p: Record<string, unknown>) => [p.upn, p.possibleSessions, p.attendedSessions, p.unauthorisedAbsenceSessions])).toEqual([
      ["A1", 1, 1, 0],
      ["B2", 1, 0, 1],
    ]);
    expect(json.summary).toMatchObject({ pupils: 2, attendancePercent: 50 });
  });

  test("contract §5: --json prints one JSON object on stdout with the contract's fields", async () => {
    const r = await cli("analyse", BASIC, "--json");
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(1);
    const json = JSON.parse(r.out);
    expect(json.asOf).toBe("2025-11-21");
    expect(json.pupils.map((p: { upn: string }) => p.upn)).toEqual(BASIC_UPNS);
    expect(json.pupils[1]).toMatchObject({
      possibleSessions: 120,
      attendedSessions: 110,
      authorisedAbsenceSessions: 0,
      unauthorisedAbsenceSessions: 10,
      attendancePercent: 91.6,
      persistentAbsence: false,
      severeAbsence: false,
      band: "key-converter",
    });
    expect(json.summary).toMatchObject({ pupils: 5, attendancePercent: 93.8, persistentAbsenceCount: 2, severeAbsenceCount: 0, nationalThresholdMetCount: 2 });
    expect(json.problems).toEqual([]);
  });

  test("README: the readable output says 'Attendance analysis as at' a UK long date, with one line a pupil", async () => {
    const r = await cli("analyse", BASIC);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    const lines = r.out.split("\n");
    expect(lines[0]).toBe("Attendance analysis as at Friday 21 November 2025 (autumn term)");
    for (const upn of BASIC_UPNS) expect(lines.filter((l) => l.includes(upn))).toHaveLength(1);
    expect(lines.filter((l) => /^P\d{13}\s/.test(l))).toHaveLength(5);
    expect(r.out).toMatch(/School attendance\s+93\.8%/);
  });

  test("contract §3: --as-of moves the readable date and the figures", async () => {
    const r = await cli("analyse", BASIC, "--as-of", "2025-10-03");
    expect(r.out.split("\n")[0]).toBe("Attendance analysis as at Friday 3 October 2025 (autumn term)");
    const json = JSON.parse((await cli("analyse", BASIC, "--as-of", "2025-10-03", "--json")).out);
    expect(json.asOf).toBe("2025-10-03");
    expect(json.pupils[0].possibleSessions).toBe(50);
  });
});

describe("--policy (README: policy settings; an invalid value is a warning and the default is used)", () => {
  const hoursOfPupil3 = (out: string) => JSON.parse(out).pupils[2].learningLost as { sessions: number; hours: number };

  test("README: a valid policy is used (hoursPerSession 2.5)", async () => {
    const r = await cli("analyse", BASIC, "--json", "--policy", file("good.json", JSON.stringify({ hoursPerSession: 2.5 })));
    expect([r.code, r.err]).toEqual([0, ""]);
    expect(hoursOfPupil3(r.out)).toEqual({ sessions: 12, days: 6, hours: 30, schoolWeeks: 1.2 });
  });

  test("README: hoursPerSession -1 is a warning naming hoursPerSession and saying the default is used; exit 0", async () => {
    const path = file("bad.json", JSON.stringify({ hoursPerSession: -1 }));
    const r = await cli("analyse", BASIC, "--json", "--policy", path);
    expect(r.code).toBe(0);
    expect(r.err).toBe(`attendance-toolkit: ${path}: hoursPerSession is -1; it must be a number from 0.5 to 6. The default is used.\n`);
    expect(hoursOfPupil3(r.out).hours).toBe(39); // 12 sessions x the default 3.25
  });

  test("README: a policy file that is not JSON is a warning, and the defaults stand; exit 0", async () => {
    const path = file("not.json", "hoursPerSession: 2.5\n");
    const r = await cli("analyse", BASIC, "--json", "--policy", path);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(new RegExp(`^attendance-toolkit: ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: The policy file is not valid JSON`));
    expect(r.err).toMatch(/The default is used\.\n$/);
    expect(hoursOfPupil3(r.out).hours).toBe(39);
  });
});

describe("the trust's policy.json (README: without --policy, a policy.json in the current folder is used, and said so)", () => {
  test("README: ./policy.json is used and named on stderr", async () => {
    const here = process.cwd();
    const folder = join(tmp(), "trust");
    mkdirSync(folder);
    writeFileSync(join(folder, "policy.json"), JSON.stringify({ hoursPerSession: 2.5 }));
    process.chdir(folder);
    try {
      const r = await cli("analyse", BASIC, "--json");
      expect(r.code).toBe(0);
      expect(r.err).toBe("attendance-toolkit: using the trust policy in ./policy.json.\n");
      expect(JSON.parse(r.out).pupils[2].learningLost.hours).toBe(30);
    } finally {
      process.chdir(here);
    }
  });
});

describe("sample (README: a fixed seed gives the same school every time)", () => {
  const files = ["sample-marks.csv", "sample-marks-long.csv", "sample-tracker.xlsx"];
  let a: string;
  let b: string;
  beforeAll(async () => {
    a = join(tmp(), "sample-a");
    b = join(tmp(), "sample-b");
    expect((await cli("sample", "--pupils", "20", "--seed", "7", "--out", a)).code).toBe(0);
    expect((await cli("sample", "--pupils", "20", "--seed", "7", "--out", b)).code).toBe(0);
  });

  test("README: writes the three files", () => {
    for (const dir of [a, b]) for (const f of files) expect(existsSync(join(dir, f))).toBe(true);
    const wide = readFileSync(join(a, "sample-marks.csv"), "utf8").split("\n");
    expect(wide[0]).toMatch(/^UPN,Surname,Forename,Year,/);
    expect(wide.filter((l) => l !== "")).toHaveLength(21);
    expect(wide[0].split(",").filter((h) => / (AM|PM)$/.test(h))).toHaveLength(390);
  });

  test("README: running it twice with the same seed gives byte-identical CSVs, and the same tracker content", async () => {
    for (const f of files.slice(0, 2)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    const [ta, tb] = [await readTrackerBytes(readFileSync(join(a, files[2]))), await readTrackerBytes(readFileSync(join(b, files[2])))];
    expect(tb).toEqual(ta);
  });

  test("README: another seed gives another school", async () => {
    const c = join(tmp(), "sample-c");
    expect((await cli("sample", "--pupils", "20", "--seed", "8", "--out", c, "--no-xlsx", "--no-long")).code).toBe(0);
    expect(readFileSync(join(c, files[0]), "utf8")).not.toBe(readFileSync(join(a, files[0]), "utf8"));
    expect(existsSync(join(c, files[1]))).toBe(false);
    expect(existsSync(join(c, files[2]))).toBe(false);
  });

  test("contract §1: the sample's wide and long CSVs analyse to identical results", async () => {
    const wide = await cli("analyse", join(a, "sample-marks.csv"), "--json");
    const long = await cli("analyse", join(a, "sample-marks-long.csv"), "--json");
    expect([wide.code, long.code, wide.err, long.err]).toEqual([0, 0, "", ""]);
    const [w, l] = [JSON.parse(wide.out), JSON.parse(long.out)];
    // The long CSV carries only UPN, Date, Session and Mark, so pupil details (and groups by them) differ.
    const strip = (ps: Array<Record<string, unknown>>) => ps.map(({ details: _details, ...rest }) => rest);
    expect(w.pupils).toHaveLength(20);
    expect(strip(l.pupils)).toEqual(strip(w.pupils));
    expect(l.summary).toEqual(w.summary);
    expect(l.weekly).toEqual(w.weekly);
    expect(l.asOf).toBe(w.asOf);
    expect(w.asOf).toBe("2026-07-20");
  });

  test("README: bad sample options are usage errors (exit 2)", async () => {
    expect((await cli("sample", "--pupils", "lots", "--out", join(tmp(), "x"))).code).toBe(2);
    expect((await cli("sample", "--until", "20/12/2025", "--out", join(tmp(), "x"))).code).toBe(2);
    expect(existsSync(join(tmp(), "x"))).toBe(false);
  });
});

describe("the real binary, as users run it (README: Command line)", () => {
  const node = process.execPath;
  beforeAll(() => {
    if (!existsSync(join(ROOT, "lib/cli/main.js"))) {
      const built = spawnSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT, encoding: "utf8" });
      expect(built.status).toBe(0);
    }
  }, 120_000);

  test("contract §5: node bin/attendance-toolkit.js analyse test/vectors/basic.csv --json: exit 0, one JSON document", () => {
    const r = spawnSync(node, ["bin/attendance-toolkit.js", "analyse", "test/vectors/basic.csv", "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.pupils.map((p: { upn: string }) => p.upn)).toEqual(BASIC_UPNS);
    expect(json.summary).toMatchObject({ pupils: 5, attendancePercent: 93.8 });
  });

  test("contract §4: a fatal error through the real binary is exit status 2 with the message on stderr only", () => {
    const dir = mkdtempSync(join(tmpdir(), "cli-bin-"));
    try {
      writeFileSync(join(dir, "marks.csv"), "UPN\tSurname\t2025-01-13 AM\nA1\tKhan\t/\n");
      const r = spawnSync(node, [join(ROOT, "bin/attendance-toolkit.js"), "analyse", "marks.csv"], { cwd: dir, encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        "attendance-toolkit: The file has no UPN column because its values are separated by tabs. Save it as comma-separated CSV (in Excel: CSV UTF-8) and try again.\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
