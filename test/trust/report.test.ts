/**
 * Issue 14: the governors' report from a school summary: the figures are the summary's, the change
 * since the last summary is stated from both, the charts are real PNG images in the document, the
 * template is the committed, editable one, and nothing about a named pupil appears.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { inflateSync } from "node:zlib";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { buildReportTemplate, ukDate } from "../../src/trust/report";
import { captureIo, tempDirFixture } from "../helpers/wide";

const ROOT = resolve(__dirname, "../..");
const tmp = tempDirFixture("trust-report-");
const have = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;

function summaryFile(name: string, until?: string) {
  const school = generateSchool({ pupils: 180, seed: 31, until });
  const { summary } = summariseTracker(school, { name: "Oak Lane Academy", phase: "primary" });
  const path = join(tmp(), name);
  writeFileSync(path, JSON.stringify(summary));
  return { school, summary, path };
}

const documentText = (docx: Uint8Array) =>
  new PizZip(docx)
    .file("word/document.xml")!
    .asText()
    .replace(/<\/w:p>/g, "\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

describe("report command", () => {
  test("the committed template is the one the code builds (npm run build:cli && node scripts/build-trust-report.js)", () => {
    expect(Buffer.from(buildReportTemplate()).equals(readFileSync(join(ROOT, "assets/trust/governors-report.docx")))).toBe(true);
  });

  test("UK dates, long as in the letters", () => {
    // Issue 24: long dates, as the letters write them.
    expect(ukDate("2026-03-13")).toBe("13 March 2026");
  });

  test("headline figures, target, national with its year, change since last time, groups, stages and actions; two PNG charts; no pupil data", async () => {
    const now = summaryFile("now.summary.json");
    const before = summaryFile("before.summary.json", "2026-02-13");
    const out = join(tmp(), "report.docx");
    const io = captureIo();
    expect(await run(["report", now.path, "--previous", before.path, "--out", out], io)).toBe(0);
    const bytes = readFileSync(out);
    const text = documentText(bytes);
    const f = now.summary.figures;
    expect(text).toContain(`Oak Lane Academy: figures to ${ukDate(now.summary.asOf)}`);
    expect(text).toContain(`Attendance was ${(f.attendancePercent as number).toFixed(1)}%`);
    expect(text).toMatch(/the trust's minimum of 96%/);
    expect(text).toMatch(/national figure of 94\.5% \(primary schools, the 2023\/24 school year\)\. This school's figures cover /);
    expect(text).toContain(`At the last summary (figures to ${ukDate(before.summary.asOf)}) attendance was ${(before.summary.figures.attendancePercent as number).toFixed(1)}%`);
    expect(text).toMatch(/Stage 4/);
    expect(text).not.toMatch(/[{}]/);
    for (const p of now.school.dataset.pupils) {
      expect(text.includes(p.upn)).toBe(false);
      if (p.details.surname && p.details.surname.length > 3) expect(text.includes(` ${p.details.surname} `)).toBe(false);
    }
    const zip = new PizZip(bytes);
    for (const m of ["word/media/trust-chart1.png", "word/media/trust-chart2.png"]) {
      const png = zip.file(m)!.asUint8Array();
      expect(Array.from(png.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      // The image data inflates to a width x height RGB raster: a real picture, not a stub.
      const w = Buffer.from(png).readUInt32BE(16);
      const h = Buffer.from(png).readUInt32BE(20);
      const idat = Buffer.from(png).indexOf("IDAT");
      const len = Buffer.from(png).readUInt32BE(idat - 4);
      expect(inflateSync(Buffer.from(png.slice(idat + 4, idat + 4 + len))).length).toBe((w * 3 + 1) * h);
    }
    expect(zip.file("word/_rels/document.xml.rels")!.asText()).toContain('Target="media/trust-chart1.png"');
    expect(zip.file("[Content_Types].xml")!.asText()).toContain('Extension="png"');
    expect(zip.file("word/document.xml")!.asText()).toContain('r:embed="rIdTrustChart1"');

    if (have("soffice") && have("pdftotext")) {
      const r = spawnSync("soffice", [`-env:UserInstallation=file://${join(tmp(), "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", tmp(), out], { encoding: "utf8", timeout: 180_000 });
      expect(r.status).toBe(0);
      const pdf = spawnSync("pdftotext", [join(tmp(), "report.pdf"), "-"], { encoding: "utf8" }).stdout;
      expect(pdf).toMatch(/Attendance report for the local governing body/);
      expect(pdf).toMatch(/Groups furthest from the target/);
    }
  }, 200_000);

  test("a summary that is not one is refused with the file named, exit 2", async () => {
    const bad = join(tmp(), "bad.summary.json");
    writeFileSync(bad, JSON.stringify({ format: "something-else" }));
    const io = captureIo();
    expect(await run(["report", bad, "--out", join(tmp(), "x.docx")], io)).toBe(2);
    expect(io.err()).toContain(`${bad} is not a school summary`);
  });
});
