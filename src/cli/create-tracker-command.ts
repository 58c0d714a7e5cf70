import { writeFileSync } from "node:fs";
import { checkOutFile } from "./paths";
import { parseArgs } from "node:util";
import { readMarksBytes } from "../files/read-file";
import { buildTracker, trackerToBuffer } from "../files/write-tracker";
import { Io, readInput, UsageError } from "./main";

export async function createTrackerCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { from: { type: "string" }, force: { type: "boolean", default: false } },
  });
  if (positionals.length !== 1) throw new UsageError("create-tracker needs the OUT.xlsx file to write.");
  const out = positionals[0];
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`"${out}" must end in .xlsx.`);
  // Never overwrite a school's workbook by accident: it may hold marks and the actions log.
  checkOutFile(out, values.force, "OUT.xlsx");
  const source = values.from ? await readMarksBytes(readInput(values.from)) : null;
  const wb = buildTracker(source ?? {}, source?.dataset.problems ?? []);
  writeFileSync(out, await trackerToBuffer(wb));
  const ds = source?.dataset;
  io.stdout(ds ? `Wrote ${out}: ${ds.pupils.length} pupils, ${ds.sessions.length} sessions.\n` : `Wrote ${out}: an empty tracker.\n`);
  if (ds && ds.problems.length > 0) {
    io.stderr(`${ds.problems.length} problem(s) in ${values.from}; unreadable marks were kept as typed for you to correct:\n`);
    for (const p of ds.problems.slice(0, 20)) io.stderr(`  - ${p.message}\n`);
    if (ds.problems.length > 20) io.stderr(`  ... and ${ds.problems.length - 20} more.\n`);
  }
  return 0;
}
