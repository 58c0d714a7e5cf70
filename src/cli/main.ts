/**
 * `attendance-toolkit`: the command line over the same engine and file readers the panes use.
 * Exit status: 0 done (even with problems in the data), 2 the input or the command cannot be used.
 */
import { parseArgs } from "node:util";
import { analyse } from "../engine/analyse";
import { FatalInputError } from "../engine/dataset";
import { NEEDS_PUPIL_LIST } from "../import/grid";
import { writeAnalysisJson } from "../engine/output";
import { readMarksBytes } from "../files/read-file";
import { Io, pupilsOption, readInput, trackerPolicy, UsageError } from "./common";
import { fdTextSink, outputFailure } from "./stdout-sink";
import { tuneForInput } from "./runtime-tuning";

export type { Io } from "./common";
export { UsageError } from "./common";

const HELP = `attendance-toolkit: school attendance analysis for England

Usage:
  attendance-toolkit analyse FILE [--as-of YYYY-MM-DD] [--policy policy.json] [--pupils FILE] [--json]
      Analyse a marks file (wide, long or week-grid CSV, a MIS .xlsx export, or a tracker workbook).
      Without --json, prints a readable summary and one line a pupil. --pupils gives a pupil
      list (CSV or .xlsx with UPN and Adno or MIS ID) for an export with no UPN column.
  attendance-toolkit create-tracker OUT.xlsx [--from FILE [--pupils FILE]] [--force]
      Build a tracker workbook: empty, or filled from a marks file.
  attendance-toolkit letter TEMPLATE --tracker FILE --upn UPN [--parent N | --all-parents]
      --staff NAME [--field name=value ...] [--delivery email|hand|post] [--date D]
      [--from D [--to D]] [--as-of D] [--templates DIR] --out DIR
      One .docx per parent from the toolkit's letter templates (letter --list shows them),
      and evidence.tsv with a line for the tracker's Actions table for each letter.
      By hand: --handed-at "DATE TIME" (and --handed-to NAME with --parent N). The figures
      cover this school year, or --from D to --to D (or the as-of date).
  attendance-toolkit letters TEMPLATE --tracker FILE --group GROUP [--year Y] ... --out DIR
      The same for every pupil in a key group (threshold-met, persistent, severe,
      key-converters, close-to-threshold, unresolved-n, stage-1 ... stage-4), with a
      summary of the letters written and those held back, and why.
  attendance-toolkit evidence --tracker FILE --upn UPN [--as-of D] [--json] [--out PACK.docx]
      A pupil's chronology (attendance milestones and the actions log), readiness for a
      referral, Notices to Improve and penalty notices; with --out, the evidence pack for a
      referral as one .docx (section 444 checklist, chronology, register extract).
  attendance-toolkit review TRACKER [--as-of D] [--json]
      The weekly review: last week's list from the tracker's Weekly review sheet checked
      (done by which Actions entry, no longer needed and why, dropped, carried and why), then
      this week's new actions, most urgent first (today's first-day calls first), cut at what
      the team can do (weeklyReview.thisWeekActions); the rest are to watch.
  attendance-toolkit summary FILE --out SCHOOL.summary.json [--school NAME] [--urn URN]
      [--phase primary|secondary|special] [--as-of D] [--pupils FILE]
      The school's figures for the trust: aggregates only, small counts shown as c.
  attendance-toolkit trust FILES... --out trust.xlsx [--json] [--national FILE] [--target N]
      Every school side by side (summaries, or trackers the trust holds), with charts.
  attendance-toolkit report SUMMARY --out report.docx [--template FILE]
      A short attendance report for the local governing body, from a school summary.
  attendance-toolkit sample [--pupils N] [--seed N] [--until YYYY-MM-DD] [--out DIR]
      Write a realistic synthetic school (marks CSV, long CSV and tracker workbook).

Options:
  --pupils FILE    (analyse, create-tracker, letter, letters, evidence) a pupil list, CSV or .xlsx,
                   with UPN and Adno / Admission number / MIS ID / Student ID columns, to match
                   an export with no UPN column to UPNs
  -h, --help       this help
  -v, --version    the version
`;

// process.stdout and process.stderr are made when first used (making one costs a few ms), so they
// are touched only when a command writes to them: analyse --json writes through its own sink.
let stdoutUsed = false;
let stderrUsed = false;

function stdoutStream(): NodeJS.WriteStream {
  if (!stdoutUsed) {
    stdoutUsed = true;
    // `attendance-toolkit analyse big.csv | head` closes the pipe early: that is not an error.
    process.stdout.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code === "EPIPE") process.exit(0);
      // A full disk or a broken device: the output is incomplete, so say so and fail.
      process.stderr.write(`attendance-toolkit: ${outputFailure(e)}\n`);
      process.exit(2);
    });
  }
  return process.stdout;
}

const processIo: Io = {
  stdout: (s) => stdoutStream().write(s),
  stderr: (s) => {
    stderrUsed = true;
    process.stderr.write(s);
  },
  openStdout: () => fdTextSink(1),
};

/**
 * Whether stdout or stderr still holds text not yet handed to the system (a pipe whose reader is
 * slower than the writer), or a write to it failed.
 */
export function outputPending(): boolean {
  const held = (stream: NodeJS.WriteStream) => stream.writableLength > 0 || Boolean(stream.errored);
  return (stdoutUsed && held(process.stdout)) || (stderrUsed && held(process.stderr));
}

export async function run(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "analyse":
      case "analyze":
        return await analyseCommand(rest, io);
      case "create-tracker": {
        const { createTrackerCommand } = await import("./create-tracker-command");
        return await createTrackerCommand(rest, io);
      }
      case "sample": {
        const { sampleCommand } = await import("./sample-command");
        return await sampleCommand(rest, io);
      }
      case "letter":
      case "letters": {
        const { letterCommand } = await import("./letter-command");
        return await letterCommand(rest, io, command === "letters");
      }
      case "evidence": {
        const { evidenceCommand } = await import("./evidence-command");
        return await evidenceCommand(rest, io);
      }
      case "review": {
        const { reviewCommand } = await import("./review-command");
        return await reviewCommand(rest, io);
      }
      case "summary": {
        const { summaryCommand } = await import("./summary-command");
        return await summaryCommand(rest, io);
      }
      case "trust": {
        const { trustCommand } = await import("./trust-command");
        return await trustCommand(rest, io);
      }
      case "report": {
        const { reportCommand } = await import("./report-command");
        return await reportCommand(rest, io);
      }
      case "-v":
      case "--version":
        io.stdout(`${require("../../package.json").version}\n`);
        return 0;
      case undefined:
      case "-h":
      case "--help":
      case "help":
        io.stdout(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`"${command}" is not a command.`);
    }
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.stderr(`attendance-toolkit: ${(e as Error).message}\nRun "attendance-toolkit --help" for the commands.\n`);
      return 2;
    }
    if (e instanceof FatalInputError || e instanceof RangeError) {
      // The reader's sentence is the panes' too; here the pupil list is given with --pupils.
      const m = (e as Error).message;
      io.stderr(`attendance-toolkit: ${m.endsWith(NEEDS_PUPIL_LIST) ? `${m.slice(0, -NEEDS_PUPIL_LIST.length)}with --pupils FILE giving the UPN for each.` : m}\n`);
      return 2;
    }
    if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "EISDIR") {
      io.stderr(`attendance-toolkit: cannot open ${(e as NodeJS.ErrnoException).path ?? "the file"}: no such file.\n`);
      return 2;
    }
    throw e;
  }
}

async function analyseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "as-of": { type: "string" },
      policy: { type: "string" },
      pupils: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("analyse needs exactly one FILE.");
  const file = positionals[0];
  if (values["as-of"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["as-of"])) {
    throw new UsageError(`--as-of "${values["as-of"]}" must be a date written YYYY-MM-DD.`);
  }
  // Passed in a holder, never kept here: the reader lets go of the file's bytes once decoded (a
  // trust's export is hundreds of MB).
  const holder = { bytes: readInput(file) };
  tuneForInput(holder.bytes.length);
  const input = await readMarksBytes(holder, await pupilsOption(values.pupils));
  // A school's own settings in its tracker override the trust's policy.
  const fromSettings = trackerPolicy(input.settings, values.policy, io);
  const policy = fromSettings.policy;
  const asOf = values["as-of"] ?? fromSettings.asOf;
  if (values.json) {
    // Written as it goes: each pupil's figures leave as they are worked out (bounded memory for a trust's export).
    const out = io.openStdout?.() ?? { write: io.stdout, end: () => {} };
    const rest = writeAnalysisJson(input.dataset, { asOf, policy }, (text) => out.write(text));
    out.write("\n");
    out.end();
    for (const n of rest.notices) io.stderr(`attendance-toolkit: ${n}\n`);
    return 0;
  }
  const analysis = analyse(input.dataset, { asOf, policy });
  for (const n of analysis.notices) io.stderr(`attendance-toolkit: ${n}\n`);
  const { formatAnalysis } = await import("./format");
  io.stdout(formatAnalysis(analysis, file));
  return 0;
}
