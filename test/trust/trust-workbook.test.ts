/**
 * Issue 14: the trust dashboard workbook, written by the `trust` command from school summaries made
 * by the `summary` command: its figures equal each school's own analysis, the trust's from sessions,
 * and it opens in LibreOffice Calc with its charts present (done when).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { buildTrackerBytes } from "./helpers";
import { captureIo, tempDirFixture } from "../helpers/wide";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";

const tmp = tempDirFixture("trust-workbook-");
const have = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const calc = have("soffice") && existsSync("/usr/lib/libreoffice/program/libsclo.so");
if (!calc && process.env.CI) throw new Error("LibreOffice Calc is needed: .ci/run installs libreoffice-calc-nogui.");
if (!calc) console.warn("Skipping the LibreOffice Calc check: soffice or Calc is not installed.");

async function cli(...argv: string[]) {
  const io = captureIo();
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const SCHOOLS = [
  { name: "Brook Primary", pupils: 60, seed: 3, phase: "primary" },
  { name: "Hill Academy", pupils: 250, seed: 8, phase: "secondary" },
  { name: "Vale School", pupils: 120, seed: 21, phase: "secondary" },
];

describe("trust command: summaries in, dashboard workbook out", () => {
  let xlsx: string;
  const analyses: Record<string, ReturnType<typeof summariseTracker>["analysis"]> = {};

  beforeAll(async () => {
    const files: string[] = [];
    for (const s of SCHOOLS) {
      const tracker = join(tmp(), `${s.seed}.xlsx`);
      const school = generateSchool({ pupils: s.pupils, seed: s.seed });
      writeFileSync(tracker, await buildTrackerBytes(school));
      analyses[s.name] = summariseTracker(school, { name: s.name }).analysis;
      const out = join(tmp(), `${s.seed}.summary.json`);
      const r = await cli("summary", tracker, "--school", s.name, "--phase", s.phase, "--out", out);
      expect(r).toMatchObject({ code: 0 });
      expect(r.out).toMatch(/Figures only: no pupil's name, UPN, address or date of birth/);
      files.push(out);
    }
    xlsx = join(tmp(), "trust.xlsx");
    const r = await cli("trust", ...files, "--out", xlsx);
    expect(r.code).toBe(0);
  }, 120_000);

  test("the Schools sheet: each school's pupils and attendance % equal its own analysis; the trust row from sessions", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Schools")!;
    const header = (ws.getRow(5).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    let att = 0;
    let pos = 0;
    for (let r = 6; r < 6 + SCHOOLS.length; r++) {
      const name = ws.getRow(r).getCell(col("School")).value as string;
      const a = analyses[name].summary;
      expect({ name, pupils: ws.getRow(r).getCell(col("Pupils")).value, pct: ws.getRow(r).getCell(col("Attendance %")).value }).toEqual({ name, pupils: a.pupils, pct: a.attendancePercent });
      att += a.attendedSessions;
      pos += a.possibleSessions;
    }
    const trust = ws.getRow(6 + SCHOOLS.length);
    expect(trust.getCell(col("School")).value).toBe("Trust (all pupils' sessions)");
    expect(trust.getCell(col("Attendance %")).value).toBe(Math.floor((att * 1000) / pos) / 10);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Schools", "PA and SA", "Groups", "Stages", "Weekly", "National", "About"]);
  });

  test("the package holds four charts over the sheet's own ranges", () => {
    const zip = new PizZip(readFileSync(xlsx));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(4);
    expect(zip.file("xl/charts/chart1.xml")!.asText()).toContain("<c:f>'Schools'!$F$6:$F$8</c:f>");
    expect(zip.file("[Content_Types].xml")!.asText()).toContain("drawingml.chart+xml");
  });

  (calc ? test : test.skip)("LibreOffice Calc opens the dashboard and its four charts are there, reading the right ranges", () => {
    const dir = tmp();
    const r = spawnSync("soffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "ods", "--outdir", dir, xlsx], { encoding: "utf8", timeout: 180_000 });
    expect(r.status).toBe(0);
    const ods = new PizZip(readFileSync(join(dir, "trust.ods")));
    const content = ods.file("content.xml")!.asText();
    const objects = [...content.matchAll(/<draw:object [^>]*draw:notify-on-update-of-ranges="([^"]*)"/g)].map((m) => m[1]);
    expect(objects).toHaveLength(4);
    expect(objects[0]).toContain("Schools.F6:Schools.F8");
    expect(objects.some((o) => o.includes("Weekly.B2"))).toBe(true);
    // Each embedded object is a chart with its series.
    const chartObjects = Object.keys(ods.files).filter((f) => /^Object \d+\/content\.xml$/.test(f));
    expect(chartObjects).toHaveLength(4);
    for (const f of chartObjects) {
      const xml = ods.file(f)!.asText();
      expect(xml).toMatch(/<chart:chart /);
      expect((xml.match(/<chart:series /g) ?? []).length).toBeGreaterThanOrEqual(2);
    }
  }, 200_000);
});
