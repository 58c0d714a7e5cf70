/**
 * Issue 21: a control character in a school name (typed into a MIS, copied from a web page) crashed
 * `report` with a stack trace and made the trust workbook's chart XML invalid (Excel calls the file
 * corrupt). Both now go through the letters' guard (src/letters/xml-safe.ts), one for all.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import PizZip from "pizzip";
import { run } from "../../src/cli/main";
import { xmlSafe } from "../../src/letters/render";
import { xmlSafe as guard } from "../../src/letters/xml-safe";
import { generateSchool } from "../../src/sample/generate";
import { summariseTracker } from "../../src/trust/summarise";
import { captureIo, tempDirFixture } from "../helpers/wide";

const tmp = tempDirFixture("trust-control-");
const FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
const xmllint = spawnSync("sh", ["-c", "command -v xmllint"]).status === 0;
if (!xmllint && process.env.CI) throw new Error("xmllint is needed: .ci/run installs libxml2-utils.");

function summaryFile(file: string, name: string, seed: number): string {
  const { summary } = summariseTracker(generateSchool({ pupils: 60, seed }), { name, phase: "secondary" });
  const path = join(tmp(), file);
  writeFileSync(path, JSON.stringify(summary));
  return path;
}

/** Every XML part of an Office file is well-formed: no forbidden character, and xmllint agrees where installed. */
function expectWellFormed(bytes: Uint8Array, parts: RegExp): string[] {
  const zip = new PizZip(bytes);
  const names = Object.keys(zip.files).filter((f) => parts.test(f));
  expect(names.length).toBeGreaterThan(0);
  for (const f of names) {
    const xml = zip.file(f)!.asText();
    expect(FORBIDDEN.test(xml)).toBe(false);
    if (xmllint) {
      const path = join(tmp(), "part.xml");
      writeFileSync(path, xml);
      const r = spawnSync("xmllint", ["--noout", path], { encoding: "utf8" });
      expect(r.stderr).toBe("");
    }
  }
  return names.map((f) => zip.file(f)!.asText());
}

test("the letters, the report and the charts share one guard", () => {
  expect(xmlSafe).toBe(guard);
});

test("report: a school name with control characters gives a valid document, not a stack trace", async () => {
  const path = summaryFile("ctl.summary.json", "Oak\u0001Lane\u000b Academy", 31);
  const out = join(tmp(), "report.docx");
  const io = captureIo();
  expect(await run(["report", path, "--out", out], io)).toBe(0);
  expect(io.out()).toContain("the attendance report for OakLane Academy");
  const [document] = expectWellFormed(readFileSync(out), /^word\/document\.xml$/);
  expect(document).toContain("OakLane Academy");
});

test("trust: the charts' XML stays valid with a control character in a school name", async () => {
  const a = summaryFile("a.summary.json", "Ash\u0001Vale\u001f Academy", 32);
  const b = summaryFile("b.summary.json", "Birch Primary", 33);
  const out = join(tmp(), "trust.xlsx");
  expect(await run(["trust", a, b, "--out", out], captureIo())).toBe(0);
  const charts = expectWellFormed(readFileSync(out), /^xl\/(charts|drawings)\/[^/]+\.xml$/);
  expect(charts.some((x) => x.includes("AshVale Academy"))).toBe(true);
});
