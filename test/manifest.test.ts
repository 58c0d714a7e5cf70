/**
 * The manifest: valid against Microsoft's schemas offline (xmllint), one add-in for Excel and Word
 * with a ribbon button each, and the production build's URLs rewritten for a trust's host.
 */
import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { rewriteManifest, normaliseBase, providerName } = require("../scripts/manifest-url");

const ROOT = join(__dirname, "..");
const XSD = join(ROOT, "schemas/office-manifest-xsd/OfficeAppManifestV1_1.xsd");
const source = readFileSync(join(ROOT, "manifest.xml"), "utf8");

/** Schema checks need xmllint (skipped with a word without it, except in CI) and Microsoft's XSDs, which are in the project (schemas/). */
function xmllintAvailable(): boolean {
  const found = spawnSync("xmllint", ["--version"]).status === 0;
  if (!found && process.env.CI) throw new Error("xmllint is missing: .ci/run installs libxml2-utils.");
  if (!found) console.warn("Skipping schema validation: xmllint not installed (apt-get install libxml2-utils).");
  const schemas = existsSync(XSD);
  if (!schemas) throw new Error(`The manifest schemas are missing (${XSD}): they are part of the project.`);
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
    const built = rewriteManifest(source, "https://apps.trust.example/attendance", "Ashford Vale Academy Trust");
    expect(built).not.toContain("localhost");
    expect(built).toContain("<ProviderName>Ashford Vale Academy Trust</ProviderName>");
    expect(built).toContain('DefaultValue="https://apps.trust.example/attendance/excel.html"');
    expect(built).toContain("<AppDomain>https://apps.trust.example</AppDomain>");
    expect(validate(built).ok).toBe(true);
  });

  test("issue 22: a trust's build names the trust as the provider (ADDIN_PROVIDER_NAME), escaped, and refuses to build without it", () => {
    expect(() => rewriteManifest(source, "https://apps.trust.example/attendance/")).toThrow(/ADDIN_PROVIDER_NAME must be the trust's name/);
    expect(() => rewriteManifest(source, "https://apps.trust.example/attendance/", "x".repeat(251))).toThrow(/1 to 250 characters/);
    const built = rewriteManifest(source, "https://apps.trust.example/attendance/", "St Mary & St John <Trust>");
    expect(built).toContain("<ProviderName>St Mary &amp; St John &lt;Trust&gt;</ProviderName>");
    expect(providerName("  Ashford   Vale ")).toBe("Ashford Vale");
    // The development manifest keeps the project's name.
    expect(rewriteManifest(source, undefined)).toContain("<ProviderName>Attendance Toolkit</ProviderName>");
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

/**
 * A real production build (webpack CLI, as `npm run build:web` runs it) into a temporary folder for a
 * trust's address. Minification is switched off to keep this near 20 s; hashing, the pages, the
 * manifest rewrite and the chunking are what production does.
 */
describe("a production build for a trust's address (ADDIN_BASE_URL)", () => {
  const BASE = "https://apps.trust.example/attendance/";
  let out = "";
  let stats: { chunks: { initial: boolean; files: string[]; modules?: { name: string; modules?: { name: string }[] }[] }[] } | undefined;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), "addin-build-"));
    const env: NodeJS.ProcessEnv = { ...process.env, ADDIN_BASE_URL: BASE, ADDIN_PROVIDER_NAME: "Ashford Vale Academy Trust" };
    delete env.NODE_ENV; // jest sets "test"
    const args = [join(ROOT, "node_modules/webpack/bin/webpack.js"), "--mode", "production", "--output-path", join(out, "dist"), "--no-optimization-minimize", `--json=${join(out, "stats.json")}`];
    await new Promise<void>((resolve, reject) =>
      execFile(process.execPath, args, { cwd: ROOT, env, timeout: 170_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
        error ? reject(new Error(`webpack failed: ${error.message}\n${stdout}\n${stderr}`.slice(0, 4000))) : resolve(),
      ),
    );
    stats = JSON.parse(readFileSync(join(out, "stats.json"), "utf8"));
  }, 180_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test("dist/manifest.xml has every URL on the trust's address, AppDomain as its origin", () => {
    const xml = readFileSync(join(out, "dist/manifest.xml"), "utf8");
    expect(xml).not.toContain("localhost");
    const body = xml.replace(/<!--[\s\S]*?-->/g, "");
    const urls = [...body.matchAll(/https?:\/\/[^"<\s]+/g)].map((m) => m[0]).filter((u) => !u.startsWith("http://schemas.microsoft.com") && !u.startsWith("http://www.w3.org"));
    expect(urls.length).toBeGreaterThan(10);
    for (const u of urls) expect(u === "https://apps.trust.example" || u.startsWith(BASE)).toBe(true);
    expect(body).toContain(`<SourceLocation DefaultValue="${BASE}excel.html"/>`);
    expect(body).toContain(`<bt:Url id="Word.Url" DefaultValue="${BASE}word.html"/>`);
    expect(body).toContain("<AppDomain>https://apps.trust.example</AppDomain>");
    expect(body).toContain("<ProviderName>Ashford Vale Academy Trust</ProviderName>");
  });

  schema("the built manifest is valid against the XSD", () => {
    expect(validate(readFileSync(join(out, "dist/manifest.xml"), "utf8"))).toEqual({ ok: true, output: expect.stringContaining("validates") });
  });

  test("bundles have content-hashed names; icons and pages are there", () => {
    const files = readdirSync(join(out, "dist"));
    for (const name of ["excel", "word"]) expect(files.filter((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f))).toHaveLength(1);
    // React and Fluent in chunks named by the panes that load them first (webpack.config.js).
    for (const name of ["fluent-excel", "fluent-word", "fluent-excel-word"]) expect(files.filter((f) => new RegExp(`^${name}\\.[0-9a-f]{8}\\.js$`).test(f))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(".js")).every((f) => /\.[0-9a-f]{8}\.js$/.test(f))).toBe(true);
    for (const f of ["excel.html", "word.html", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-80.png", "assets/letter-16.png", "assets/letter-32.png", "assets/letter-80.png"]) {
      expect(existsSync(join(out, "dist", f))).toBe(true);
    }
  });

  test.each(["excel.html", "word.html"])("%s carries the strict CSP, office.js from the CDN and only its own entry", (page) => {
    const html = readFileSync(join(out, "dist", page), "utf8");
    expect(html).toMatch(/<html lang="?en-GB"?/);
    const csp = html.match(/<meta http-equiv="?Content-Security-Policy"? content="([^"]+)"/)?.[1];
    expect(csp).toBeDefined();
    const directives = new Map(csp!.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1)] as [string, string[]]));
    // office.js, and the one MicrosoftAjax file Office's older Windows host files load (issue 22, office-js #1005).
    expect(directives.get("script-src")).toEqual(["'self'", "https://appsforoffice.microsoft.com", "https://ajax.aspnetcdn.com/ajax/3.5/MicrosoftAjax.js"]);
    expect(directives.get("connect-src")).toEqual(["'self'"]);
    expect(directives.get("object-src")).toEqual(["'none'"]);
    expect(directives.get("base-uri")).toEqual(["'self'"]);
    expect(directives.get("img-src")).toEqual(expect.arrayContaining(["'self'", "data:"]));
    expect(directives.get("style-src")).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
    expect(directives.has("frame-ancestors")).toBe(false); // ignored in <meta>
    const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)/g)].map((m) => m[1]);
    // First the ES5 start-up check (issue 22: "needs a newer Office" in old hosts), then office.js.
    expect(scripts[0]).toMatch(/^startup\.[0-9a-f]{8}\.js$/);
    expect(scripts[1]).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    const own = page.replace(".html", "");
    const other = own === "excel" ? "word" : "excel";
    expect(scripts.some((s) => s.startsWith(`${own}.`))).toBe(true);
    expect(scripts.some((s) => s.startsWith(`${other}.`))).toBe(false);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>\s*\S/); // no inline script
  });

  test("exceljs, docxtemplater and pizzip are only in chunks loaded by import()", () => {
    const heavy = /node_modules[\\/](exceljs|docxtemplater|pizzip)[\\/]/;
    const names = (c: NonNullable<typeof stats>["chunks"][number]) => (c.modules ?? []).flatMap((m) => (m.modules ? m.modules.map((x) => x.name) : [m.name]));
    const initial = stats!.chunks.filter((c) => c.initial);
    const lazy = stats!.chunks.filter((c) => !c.initial);
    expect(initial.length).toBeGreaterThan(0);
    for (const c of initial) expect(names(c).filter((n) => heavy.test(n))).toEqual([]);
    expect(lazy.some((c) => names(c).some((n) => /exceljs/.test(n)))).toBe(true);
    expect(lazy.some((c) => names(c).some((n) => /docxtemplater/.test(n)))).toBe(true);
  });
});

export {};
