/**
 * Issue 22 item 3 (old hosts): the start-up script parses as ES5, so it runs in Internet Explorer 11
 * and EdgeHTML (Office 2016/2019) and can say "needs a newer Office"; the shipped bundles hold no
 * syntax beyond the build's target (ES2021, webpack.config.js), which every browser of a supported
 * Office parses (WebView2, Safari on a supported macOS). Parsed with acorn at those levels.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "acorn";

const ROOT = join(__dirname, "..");
const DIST = join(ROOT, "dist");
const STARTUP = join(ROOT, "src/taskpane/startup.js");

function syntaxError(code: string, ecmaVersion: 5 | 2021): string | null {
  try {
    parse(code, { ecmaVersion, sourceType: "script" });
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("the start-up script (src/taskpane/startup.js)", () => {
  const source = readFileSync(STARTUP, "utf8");

  test("parses as ES5 (Internet Explorer 11 runs it)", () => {
    expect(syntaxError(source, 5)).toBeNull();
  });

  test("the ES5 check can fail: a const or an arrow function is refused at ES5", () => {
    expect(syntaxError(`${source}\nconst x = () => 1;`, 5)).toMatch(/Unexpected|reserved/);
  });

  test("uses no built-in that Internet Explorer 11 lacks before it has decided (no Array.prototype.includes, forEach over NodeList, Object.assign...)", () => {
    const code = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    // The names checked are quoted strings; these calls would throw in IE 11 itself.
    for (const modern of [".includes(", "Object.assign(", "Array.from(", ".replaceChildren(", "Object.entries(", ".append("]) {
      expect({ modern, used: code.includes(modern) }).toEqual({ modern, used: false });
    }
  });
});

describe("the shipped bundles (dist/, from npm run build)", () => {
  const built = existsSync(join(DIST, "excel.html"));
  if (!built && process.env.CI) throw new Error("dist/ is missing: npm test builds it before jest.");
  if (!built) console.warn("Skipped: the bundles' syntax check (dist/ not built: npm run build:web).");
  const t = built ? test : test.skip;
  const scripts = built ? readdirSync(DIST).filter((f) => f.endsWith(".js")) : [];

  t("every .js file parses at the target, ES2021 (no class static blocks, class fields or other ES2022 syntax)", () => {
    expect(scripts.length).toBeGreaterThan(3);
    const failures = scripts
      .filter((f) => !f.startsWith("startup."))
      .map((f) => ({ file: f, error: syntaxError(readFileSync(join(DIST, f), "utf8"), 2021) }))
      .filter((r) => r.error !== null);
    expect(failures).toEqual([]);
  });

  t("the shipped start-up script (minified) is still ES5, and each pane page runs it first, before office.js and the bundles", () => {
    const startup = scripts.filter((f) => /^startup\.[0-9a-f]{8}\.js$/.test(f));
    expect(startup).toHaveLength(1);
    const shipped = readFileSync(join(DIST, startup[0]), "utf8");
    expect(syntaxError(shipped, 5)).toBeNull();
    expect(shipped).toContain("needs a newer Office");
    for (const page of ["excel.html", "word.html"]) {
      const html = readFileSync(join(DIST, page), "utf8");
      const tags = [...html.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
      expect(tags[0]).toMatch(new RegExp(`src="?${startup[0].replace(".", "\\.")}`));
      expect(tags[0]).not.toMatch(/defer|async/); // runs as soon as it is read
      expect(tags[1]).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
    }
  });
});
