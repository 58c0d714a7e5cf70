/**
 * `attendance-toolkit trust FILES... --out trust.xlsx [--json]`: every school side by side (issue 14).
 * FILES are school summaries, or trackers and exports where the trust holds them (summarised here,
 * exactly as the school would).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { basename, resolve } from "node:path";
import { parseArgs } from "node:util";
import { readNationalFigures, NationalFigures } from "../engine/national";
import { readSchoolSummary, SchoolSummaryFile, SummaryFormatError } from "../engine/school-summary";
import { buildTrustDashboard } from "../engine/trust";
import { readMarksBytes } from "../files/read-file";
import { summariseTracker } from "../trust/summarise";
import { buildTrustWorkbook } from "../trust/workbook";
import { Io, loadPolicy, readInput, UsageError } from "./common";
import { phaseOption } from "./summary-command";

export const DEFAULT_NATIONAL = resolve(__dirname, "../../assets/national/national-figures.json");

export function loadNational(path: string | undefined): NationalFigures {
  const file = path ?? DEFAULT_NATIONAL;
  return readNationalFigures(readFileSync(file, "utf8"), file);
}

/** Summaries from files: a .json is read as a summary; anything else as a tracker or export. */
export async function summariesFrom(files: string[], io: Io, opts: { policy?: string; phase?: string } = {}): Promise<SchoolSummaryFile[]> {
  const out: SchoolSummaryFile[] = [];
  let policy: ReturnType<typeof loadPolicy> | undefined;
  for (const f of files) {
    const bytes = readInput(f);
    const text = bytes.length > 0 && (bytes[0] === 0x7b || (bytes[0] === 0xef && bytes[3] === 0x7b)) ? new TextDecoder().decode(bytes) : null;
    if (text !== null && /\.json$/i.test(f)) {
      out.push(readSchoolSummary(text, f));
      continue;
    }
    policy ??= loadPolicy(opts.policy, io);
    const input = await readMarksBytes(bytes);
    const name = input.settings["school.name"]?.trim() || basename(f).replace(/\.[^.]+$/, "");
    out.push(summariseTracker(input, { policy, name, phase: phaseOption(opts.phase) }).summary);
  }
  return out;
}

export async function trustCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      json: { type: "boolean", default: false },
      national: { type: "string" },
      target: { type: "string" },
      policy: { type: "string" },
      phase: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError("trust needs the school summaries (or trackers) to put side by side.");
  if (!values.out && !values.json) throw new UsageError("trust needs --out trust.xlsx, or --json.");
  if (values.out && !/\.xlsx$/i.test(values.out)) throw new UsageError(`"${values.out}" must end in .xlsx.`);
  if (values.out && existsSync(values.out) && !values.force) throw new UsageError(`${values.out} already exists; choose another name, or add --force to replace it.`);
  const target = values.target === undefined ? undefined : Number(values.target);
  if (target !== undefined && !(target > 0 && target <= 100)) throw new UsageError("--target must be a percentage, such as 96.");
  let summaries: SchoolSummaryFile[];
  try {
    summaries = await summariesFrom(positionals, io, { policy: values.policy, phase: values.phase });
  } catch (e) {
    if (e instanceof SummaryFormatError) {
      io.stderr(`attendance-toolkit: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const national = loadNational(values.national);
  const dashboard = buildTrustDashboard(summaries, national, target);
  if (values.out) {
    writeFileSync(values.out, await buildTrustWorkbook(dashboard, national));
    io.stderr(`Wrote ${values.out}: ${dashboard.schools.length} schools, trust attendance ${dashboard.trust.attendancePercent}% (from ${dashboard.trust.sessions.possible} possible sessions).\n`);
  }
  if (values.json) {
    const { schools, ...rest } = dashboard;
    io.stdout(JSON.stringify({ ...rest, schools: schools.map(({ summary: _s, weekly: _w, ...row }) => row) }) + "\n");
  }
  for (const n of dashboard.notes) io.stderr(`Note: ${n}\n`);
  return 0;
}
