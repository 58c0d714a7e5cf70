import { existsSync, writeFileSync } from "node:fs";
import { checkOutFile } from "./paths";
import { parseArgs } from "node:util";
import { readGridsBytes } from "../files/read-file";
import { TrackerData, trackerFromGrids } from "../files/tracker";
import { buildTracker, schoolRecordsIn, trackerToBuffer, UNREAD_ROWS_SHEET, unreadRowsFrom } from "../files/write-tracker";
import { readMarksGrid } from "../import/grid";
import { summariseProblems } from "../engine/problems";
import { FatalInputError } from "../engine/dataset";
import { sniffFile } from "../files/decode";
import { Io, pupilsOption, readInput, UsageError } from "./common";

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
  checkOutFile(out, values.force, "OUT.xlsx");
  if (values.force && existsSync(out)) await refuseToEmptyTracker(out);
  if (values.pupils && !values.from) throw new UsageError("--pupils goes with --from FILE (the marks it maps to UPNs).");
  let source: TrackerData | null = null;
  let unreadRows;
  if (values.from) {
    const options = await pupilsOption(values.pupils);
    const grids = await readGridsBytes(readInput(values.from));
    // A file with no session that can be read is refused (exit 2): a tracker with no marks would say every pupil is fine.
    source = grids.kind === "xlsx" ? trackerFromGrids(grids, options) : { dataset: readMarksGrid(grids.marks, options), contacts: [], actions: [], settings: {} };
    unreadRows = unreadRowsFrom(grids.marks, source.dataset.problems);
  }
  const wb = buildTracker({ ...(source ?? {}), unreadRows }, source?.dataset.problems ?? []);
  writeFileSync(out, await trackerToBuffer(wb));
  const ds = source?.dataset;
  for (const n of ds?.notices ?? []) io.stderr(`attendance-toolkit: ${n}\n`);
  io.stdout(ds ? `Wrote ${out}: ${ds.pupils.length} pupils, ${ds.sessions.length} sessions.\n` : `Wrote ${out}: an empty tracker.\n`);
  if (unreadRows && unreadRows.rows.length > 0) {
    io.stdout(`${unreadRows.rows.length} row(s) of ${values.from} could not be used and are kept as typed on the "${UNREAD_ROWS_SHEET}" sheet, with the reason: rows ${unreadRows.rows.slice(0, 20).map((r) => r.row).join(", ")}${unreadRows.rows.length > 20 ? ", ..." : ""}.\n`);
  }
  if (ds && ds.problems.length > 0) {
    io.stderr(`${ds.problems.length} problem(s) in ${values.from}; unreadable marks were kept as typed for you to correct:\n`);
    const lines = summariseProblems(ds.problems);
    for (const line of lines.slice(0, 20)) io.stderr(`  - ${line}\n`);
    if (lines.length > 20) io.stderr(`  ... and ${lines.length - 20} more.\n`);
  }
  return 0;
}

/**
 * --force replaces a file, but never a school's records: a tracker whose actions log, contacts,
 * weekly review or settings hold anything is refused with a sentence (they used to be emptied
 * without a word). A file that is not a workbook the toolkit can read is replaced as asked.
 */
async function refuseToEmptyTracker(out: string): Promise<void> {
  const bytes = readInput(out);
  let kind: string;
  try {
    kind = sniffFile(bytes);
  } catch {
    return;
  }
  if (kind !== "xlsx") return;
  let kept: string[];
  try {
    const grids = await readGridsBytes(bytes);
    kept = schoolRecordsIn(grids);
  } catch (e) {
    // A workbook the toolkit cannot read holds no log it could use: replaced as asked.
    if (e instanceof FatalInputError) return;
    throw e;
  }
  if (kept.length === 0) return;
  const list = kept.length === 1 ? kept[0] : `${kept.slice(0, -1).join(", ")} and ${kept[kept.length - 1]}`;
  throw new FatalInputError(`${out} is a tracker holding ${list}: a new tracker written over it would lose them, so nothing was written, even with --force. Give another file name, or move ${out} aside first.`);
}
