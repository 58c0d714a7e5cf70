/**
 * `attendance-toolkit summary FILE --out SCHOOL.summary.json`: the school's figures for the trust,
 * aggregates only (issue 14). Small counts are suppressed; nothing about a named pupil is written.
 */
import { existsSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { PHASES, Phase } from "../engine/school-summary";
import { readMarksBytes } from "../files/read-file";
import { summariseTracker } from "../trust/summarise";
import { Io, loadPolicy, pupilsOption, readInput, UsageError } from "./common";

export function phaseOption(v: string | undefined): Phase | null {
  if (v === undefined) return null;
  const p = v.trim().toLowerCase();
  if (!(PHASES as readonly string[]).includes(p)) throw new UsageError(`--phase must be primary, secondary or special, not "${v}".`);
  return p as Phase;
}

export async function summaryCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      school: { type: "string" },
      urn: { type: "string" },
      phase: { type: "string" },
      "as-of": { type: "string" },
      policy: { type: "string" },
      pupils: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("summary needs exactly one FILE (the tracker or a marks export).");
  if (!values.out) throw new UsageError("summary needs --out SCHOOL.summary.json.");
  if (!/\.json$/i.test(values.out)) throw new UsageError(`"${values.out}" must end in .json.`);
  if (existsSync(values.out) && !values.force) throw new UsageError(`${values.out} already exists; choose another name, or add --force to replace it.`);
  if (values["as-of"] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values["as-of"])) throw new UsageError(`--as-of "${values["as-of"]}" must be a date written YYYY-MM-DD.`);
  const input = await readMarksBytes({ bytes: readInput(positionals[0]) }, await pupilsOption(values.pupils));
  const { summary } = summariseTracker(input, {
    policy: loadPolicy(values.policy, io),
    asOf: values["as-of"],
    name: values.school,
    urn: values.urn,
    phase: phaseOption(values.phase),
  });
  // Which pupil key was used (an export with no UPN column), as analyse says it.
  for (const n of input.dataset.notices ?? []) io.stderr(`attendance-toolkit: ${n}\n`);
  writeFileSync(values.out, JSON.stringify(summary, null, 1) + "\n");
  const f = summary.figures;
  io.stdout(
    `Wrote ${values.out}: ${summary.school.name}, figures to ${summary.asOf}: ${f.pupils} pupils, attendance ${f.attendancePercent}%, ` +
      `PA ${f.persistentAbsence === "c" ? "c" : f.persistentAbsence}, SA ${f.severeAbsence === "c" ? "c" : f.severeAbsence}. ` +
      `Figures only: no pupil's name, UPN, address or date of birth; counts of 1 or 2 are shown as c.\n`,
  );
  return 0;
}
