/**
 * The manifest: valid against Microsoft's schemas offline (xmllint), one add-in for Excel and Word
 * with a ribbon button each, and the production build's URLs rewritten for a trust's host.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest, normaliseBase } = require("../scripts/manifest-url");

const ROOT = join(__dirname, "..");
const XSD = join(ROOT, "../shared/office-manifest-xsd/OfficeAppManifestV1_1.xsd");
const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");

function xmllintAvailable(): boolean {
  const found = spawnSync("xmllint", ["--version"]).status === 0;
  if (!found && process.env.CI) throw new Error("xmllint is missing: .ci/run installs libxml2-utils.");
  if (!found) console.warn("Skipping schema validation: xmllint not installed (apt-get install libxml2-utils).");
  return found;
}

function validate(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "manifest-"));
  const file = join(dir, "manifest.xml");
  writeFileSync(file, xml);
  const r = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
}

const schema = xmllintAvailable() ? test : test.skip;

describe("manifest.xml", () => {
  schema("the source manifest is valid against the XSD (offline, xmllint)", () => {
    expect(validate(source)).toEqual({ ok: true, output: expect.stringContaining("validates") });
  });

  schema("a broken manifest is caught (the check can fail)", () => {
    const broken = source.replace("<ProviderName>", "<Provider>").replace("</ProviderName>", "</Provider>");
    expect(validate(broken).ok).toBe(false);
  });

  test("one add-in for both hosts: Workbook and Document, each with its own button and page", () => {
    expect(source).toMatch(/<Host Name="Workbook"\/>/);
    expect(source).toMatch(/<Host Name="Document"\/>/);
    expect(source).toMatch(/<Host xsi:type="Workbook">[\s\S]*<OfficeTab id="TabHome">[\s\S]*AttendanceToolkit\.Attendance[\s\S]*<\/Host>/);
    expect(source).toMatch(/<Host xsi:type="Document">[\s\S]*<OfficeTab id="TabHome">[\s\S]*AttendanceToolkit\.Letters[\s\S]*<\/Host>/);
    expect(source).toContain('<bt:Url id="Excel.Url" DefaultValue="https://localhost:3000/excel.html"/>');
    expect(source).toContain('<bt:Url id="Word.Url" DefaultValue="https://localhost:3000/word.html"/>');
    // Requirements naming both ExcelApi and WordApi would block the add-in everywhere.
    expect(source).not.toMatch(/<Requirements>/);
  });

  test("every URL in the source manifest is on https://localhost:3000/", () => {
    const urls = [...source.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.startsWith("http://schemas.microsoft.com") && !u.startsWith("http://www.w3.org"));
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u.startsWith("https://localhost:3000")).toBe(true);
  });

  schema("the production manifest for a trust's address: every URL rewritten, still valid", () => {
    const built = rewriteManifest(source, "https://apps.trust.example/attendance");
    expect(built).not.toContain("localhost");
    expect(built).toContain('DefaultValue="https://apps.trust.example/attendance/excel.html"');
    expect(built).toContain("<AppDomain>https://apps.trust.example</AppDomain>");
    expect(validate(built).ok).toBe(true);
  });

  test("the base address must be https", () => {
    expect(normaliseBase("https://apps.trust.example/attendance//")).toBe("https://apps.trust.example/attendance/");
    expect(() => normaliseBase("http://apps.trust.example/")).toThrow(/https/);
    expect(() => normaliseBase('https://x.example/"><script>')).toThrow(/https/);
  });
});

describe("the built add-in (dist/, from npm run build)", () => {
  const dist = join(ROOT, "dist");
  const built = existsSync(join(dist, "manifest.xml"));
  const t = built ? test : test.skip;
  if (!built && process.env.CI) throw new Error("dist/ is missing: npm test builds it before jest.");

  schema("dist/manifest.xml is valid", () => {
    if (!built) return;
    expect(validate(readFileSync(join(dist, "manifest.xml"), "utf8")).ok).toBe(true);
  });

  t("bundles have hashed names, every page carries the Content-Security-Policy, and office.js comes from Microsoft's CDN only", () => {
    const files = readdirSync(dist);
    expect(files.filter((f) => /^excel\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => /^word\.[0-9a-f]{8}\.js$/.test(f))).toHaveLength(1);
    for (const page of ["excel.html", "word.html", "commands.html", "help.html"]) {
      const html = readFileSync(join(dist, page), "utf8");
      expect(html).toMatch(/http-equiv="?Content-Security-Policy"?/);
      expect(html).toMatch(/default-src 'self'/);
      expect(html).toMatch(/object-src 'none'/);
      if (page !== "help.html") expect(html).toMatch(/connect-src 'self';/);
      const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)/g)].map((m) => m[1]);
      for (const src of scripts) expect(src === "https://appsforoffice.microsoft.com/lib/1/hosted/office.js" || !/^https?:/.test(src)).toBe(true);
    }
  });
});

export {};
