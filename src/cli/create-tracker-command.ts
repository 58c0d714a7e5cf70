import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readMarksBytes } from "../files/read-file";
import { buildTracker, trackerToBuffer } from "../files/write-tracker";
import { summariseProblems } from "../engine/grid";
import { Io, pupilsOption, readInput, UsageError } from "./main";

export async function createTrackerCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, pupils: { type: "string" }, force: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new UsageError("create-tracker needs the OUT.xlsx file to write.");
  const out = positionals[0];
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`"${out}" must end in .xlsx.`);
  // Never overwrite a school's workbook by accident: it may hold marks and the actions log.
  if (existsSync(out) && !values.force) throw new UsageError(`${out} already exists; choose another name, or add --force to replace it.`);
  if (values.pupils && !values.from) throw new UsageError("--pupils goes with --from FILE (the marks it maps to UPNs).");
  // A file with no session that can be read is refused (exit 2): a tracker with no marks would say every pupil is fine.
  const source = values.from ? await readMarksBytes(readInput(values.from), await pupilsOption(values.pupils)) : null;
  const wb = buildTracker(source ?? {}, source?.dataset.problems ?? []);
  writeFileSync(out, await trackerToBuffer(wb));
  const ds = source?.dataset;
  for (const n of ds?.notices ?? []) io.stderr(`attendance-toolkit: ${n}\n`);
  io.stdout(ds ? `Wrote ${out}: ${ds.pupils.length} pupils, ${ds.sessions.length} sessions.\n` : `Wrote ${out}: an empty tracker.\n`);
  if (ds && ds.problems.length > 0) {
    io.stderr(`${ds.problems.length} problem(s) in ${values.from}; unreadable marks were kept as typed for you to correct:\n`);
    const lines = summariseProblems(ds.problems);
    for (const line of lines.slice(0, 20)) io.stderr(`  - ${line}\n`);
    if (lines.length > 20) io.stderr(`  ... and ${lines.length - 20} more.\n`);
  }
  return 0;
}
