import { mkdirSync, writeFileSync } from "node:fs";
import { formatIso, parseDate } from "../engine/dates";
import { checkOutDir, checkOutFile } from "./paths";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildTracker, trackerToBuffer } from "../files/write-tracker";
import { datasetToLongCsv, datasetToWideCsv, generateSchool } from "../sample/generate";
import { Io, UsageError } from "./common";

export async function sampleCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      pupils: { type: "string", default: "150" },
      seed: { type: "string", default: "2025" },
      until: { type: "string" },
      out: { type: "string", default: "sample" },
      "no-xlsx": { type: "boolean", default: false },
      "no-long": { type: "boolean", default: false },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0) throw new UsageError(`sample takes no file names; use --out DIR.`);
  const pupils = Number(values.pupils);
  const seed = Number(values.seed);
  if (!Number.isInteger(pupils) || pupils < 1 || pupils > 20000) throw new UsageError("--pupils must be a whole number from 1 to 20000.");
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be a whole number.");
  if (values.until !== undefined) {
    // A real day: 2026-02-30 has the right shape but is not a date.
    const day = /^\d{4}-\d{2}-\d{2}$/.test(values.until) ? parseDate(values.until) : null;
    if (day === null || formatIso(day) !== values.until) throw new UsageError(`--until "${values.until}" must be a real date written YYYY-MM-DD.`);
  }
  checkOutDir(values.out);
  const targets = [join(values.out, "sample-marks.csv"), ...(values["no-long"] ? [] : [join(values.out, "sample-marks-long.csv")]), ...(values["no-xlsx"] ? [] : [join(values.out, "sample-tracker.xlsx")])];
  for (const t of targets) checkOutFile(t, values.force);
  const school = generateSchool({ pupils, seed, until: values.until });
  mkdirSync(values.out, { recursive: true });
  const written: string[] = [];
  const wide = join(values.out, "sample-marks.csv");
  writeFileSync(wide, datasetToWideCsv(school.dataset));
  written.push(wide);
  if (!values["no-long"]) {
    const long = join(values.out, "sample-marks-long.csv");
    writeFileSync(long, datasetToLongCsv(school.dataset));
    written.push(long);
  }
  if (!values["no-xlsx"]) {
    const tracker = join(values.out, "sample-tracker.xlsx");
    writeFileSync(tracker, await trackerToBuffer(buildTracker(school)));
    written.push(tracker);
  }
  io.stdout(`A synthetic school of ${pupils} pupils and ${school.dataset.sessions.length} sessions (seed ${seed}):\n${written.map((w) => `  ${w}\n`).join("")}`);
  return 0;
}
