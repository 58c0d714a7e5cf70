/**
 * The project's copies of shared material (issue 22: a lone clone runs everything, nothing skipped):
 * the contract's test vectors (test/vectors) and Microsoft's manifest schemas
 * (schemas/office-manifest-xsd). Each copy is checked against the checksums committed with it
 * (test/shared-copies.sha256), in every clone, and against ../shared itself where ../shared is beside
 * the project (as in CI), so neither can drift from the contract or from Microsoft's schemas.
 * After a deliberate update from ../shared: `sha256sum test/vectors/* schemas/office-manifest-xsd/* > test/shared-copies.sha256`.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..");
const SUMS = join(ROOT, "test/shared-copies.sha256");
const COPIES = [
  { copy: "test/vectors", shared: "../shared/vectors" },
  { copy: "schemas/office-manifest-xsd", shared: "../shared/office-manifest-xsd" },
];

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** `sha256sum` lines: hash, two spaces, the path from the project's root. */
export function readSums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split("\n").filter((l) => l.trim() !== "")) {
    const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
    if (!m) throw new Error(`test/shared-copies.sha256: a line that is not "hash  path": ${line}`);
    sums.set(m[2], m[1]);
  }
  return sums;
}

describe.each(COPIES)("the project's copy in $copy", ({ copy, shared }) => {
  const files = readdirSync(join(ROOT, copy)).sort();
  const sums = readSums(readFileSync(SUMS, "utf8"));

  test("every file matches its committed checksum, and no file is missing or extra", () => {
    const listed = [...sums.keys()].filter((p) => p.startsWith(`${copy}/`)).map((p) => p.slice(copy.length + 1)).sort();
    expect(files).toEqual(listed);
    for (const f of files) expect({ f, sha256: sha256(join(ROOT, copy, f)) }).toEqual({ f, sha256: sums.get(`${copy}/${f}`) });
  });

  test(`is the same as ${shared} where ../shared is beside the project (CI), else the checksums above stand`, () => {
    const dir = join(ROOT, shared);
    if (!existsSync(dir)) {
      if (process.env.CI === "true") throw new Error(`${shared} is missing: CI runs with ../shared beside the project.`);
      return; // a lone clone: the committed checksums are the check
    }
    expect(files).toEqual(readdirSync(dir).sort());
    for (const f of files) expect({ f, same: sha256(join(ROOT, copy, f)) === sha256(join(dir, f)) }).toEqual({ f, same: true });
  });

  test("the check can fail: a changed byte gives another checksum", () => {
    const f = join(ROOT, copy, files[0]);
    const changed = Buffer.concat([readFileSync(f), Buffer.from(" ")]);
    expect(createHash("sha256").update(changed).digest("hex")).not.toBe(sums.get(`${copy}/${files[0]}`));
  });
});
