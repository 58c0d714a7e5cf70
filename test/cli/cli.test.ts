/** The command line: exit codes, messages, the readable table, the policy file, and the real binary. */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../../src/cli/main";

const ROOT = join(__dirname, "../..");
const BASIC = join(ROOT, "../shared/vectors/basic.csv");
let dir: string;
beforeAll(() => (dir = mkdtempSync(join(tmpdir(), "cli-"))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...args: string[]) {
  let out = "";
  let err = "";
  const code = await run(args, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}

describe("attendance-toolkit analyse", () => {
  test("a missing file: exit 2, naming the file", async () => {
    const r = await cli("analyse", join(dir, "nope.csv"));
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toMatch(/cannot open .*nope\.csv/);
  });

  test("no UPN column: exit 2, one plain sentence on stderr, nothing on stdout", async () => {
    const f = join(dir, "noupn.csv");
    writeFileSync(f, "Name,2025-01-13 AM\nA,/\n");
    expect(await cli("analyse", f, "--json")).toEqual({ code: 2, out: "", err: expect.stringMatching(/^attendance-toolkit: The file has no UPN column\./) });
  });

  test("usage errors: unknown command, a UK-format --as-of, no file", async () => {
    expect((await cli("analyze-all")).code).toBe(2);
    expect(await cli("analyse", BASIC, "--as-of", "13/01/2025")).toMatchObject({ code: 2, err: expect.stringMatching(/YYYY-MM-DD/) });
    expect((await cli("analyse")).code).toBe(2);
  });

  test("problems do not change the exit status: they are in the JSON", async () => {
    const f = join(dir, "problems.csv");
    writeFileSync(f, "UPN,2025-01-13 AM\nA1,Q9\n,/\n");
    const r = await cli("analyse", f, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).problems.map((p: { kind: string }) => p.kind)).toEqual(["unknown-code", "missing-upn"]);
  });

  test("the readable table: UK long date, school figures, one line a pupil", async () => {
    const r = await cli("analyse", BASIC);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Attendance analysis as at Friday 21 November 2025 \(autumn term\)/);
    expect(r.out).toMatch(/School attendance\s+93\.8%/);
    expect(r.out.split("\n").filter((l) => /^P00000000000\d\d/.test(l))).toHaveLength(5);
  });

  test("--as-of moves the analysis", async () => {
    const r = JSON.parse((await cli("analyse", BASIC, "--json", "--as-of", "2025-10-03")).out);
    expect(r.asOf).toBe("2025-10-03");
    expect(r.pupils[0].possibleSessions).toBe(50);
  });

  test("--policy: valid values are used, invalid ones named on stderr with the default kept", async () => {
    const good = join(dir, "good.json");
    writeFileSync(good, JSON.stringify({ hoursPerSession: 2.5 }));
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ hoursPerSession: -1 }));
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "hours: 3");
    const g = await cli("analyse", BASIC, "--json", "--policy", good);
    expect(JSON.parse(g.out).pupils[2].learningLost.hours).toBe(30);
    const b = await cli("analyse", BASIC, "--json", "--policy", bad);
    expect(b.code).toBe(0);
    expect(b.err).toMatch(/hoursPerSession is -1; it must be a number from 0\.5 to 6\. The default is used\./);
    expect(JSON.parse(b.out).pupils[2].learningLost.hours).toBe(39);
    expect((await cli("analyse", BASIC, "--json", "--policy", notJson)).err).toMatch(/not valid JSON/);
  });
});

describe("attendance-toolkit sample", () => {
  test("writes the three files; a fixed seed gives the same school; wide and long agree", async () => {
    const a = join(dir, "a");
    const b = join(dir, "b");
    expect((await cli("sample", "--pupils", "20", "--seed", "7", "--until", "2025-10-24", "--out", a)).code).toBe(0);
    expect((await cli("sample", "--pupils", "20", "--seed", "7", "--until", "2025-10-24", "--out", b, "--no-xlsx")).code).toBe(0);
    for (const f of ["sample-marks.csv", "sample-marks-long.csv", "sample-tracker.xlsx"]) expect(existsSync(join(a, f))).toBe(true);
    expect(readFileSync(join(a, "sample-marks.csv"), "utf8")).toBe(readFileSync(join(b, "sample-marks.csv"), "utf8"));
    const wide = JSON.parse((await cli("analyse", join(a, "sample-marks.csv"), "--json")).out);
    const long = JSON.parse((await cli("analyse", join(a, "sample-marks-long.csv"), "--json")).out);
    const strip = (ps: Array<Record<string, unknown>>) => ps.map(({ details, ...rest }) => rest);
    expect(strip(long.pupils)).toEqual(strip(wide.pupils));
    expect(long.summary).toEqual(wide.summary);
  });

  test("bad options are usage errors", async () => {
    expect((await cli("sample", "--pupils", "lots")).code).toBe(2);
  });
});

describe("the real binary, as users run it", () => {
  beforeAll(() => {
    if (!existsSync(join(ROOT, "lib/cli/main.js"))) spawnSync("npx", ["tsc", "-p", "tsconfig.cli.json"], { cwd: ROOT });
  });
  test("npx attendance-toolkit analyse basic.csv --json", () => {
    const r = spawnSync(process.execPath, ["bin/attendance-toolkit.js", "analyse", BASIC, "--json"], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).pupils).toHaveLength(5);
  });
  test("a fatal error: exit status 2 and the message on stderr", () => {
    const f = join(dir, "semi.csv");
    writeFileSync(f, "UPN;Surname\nA1;Khan\n");
    const r = spawnSync(process.execPath, ["bin/attendance-toolkit.js", "analyse", f], { cwd: ROOT, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/semicolons/);
  });
});

describe("the trust's policy.json", () => {
  test("a policy.json in the current folder is used, and said so", async () => {
    const here = process.cwd();
    const folder = mkdtempSync(join(tmpdir(), "policy-"));
    writeFileSync(join(folder, "policy.json"), JSON.stringify({ hoursPerSession: 2.5 }));
    process.chdir(folder);
    try {
      const r = await cli("analyse", BASIC, "--json");
      expect(r.err).toMatch(/using the trust policy in \.\/policy\.json/);
      expect(JSON.parse(r.out).pupils[2].learningLost.hours).toBe(30);
    } finally {
      process.chdir(here);
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
