/**
 * What every command shares: the streams it writes to, the usage error, the --pupils and --policy
 * options. Commands import these from here, never from main.ts (which imports the commands).
 */
import { existsSync } from "node:fs";
import { basename } from "node:path";
import { ReadOptions } from "../import/grid";
import { DEFAULT_POLICY, Policy, policyFromJson, PolicyProblem, resolvePolicy, settingsToOverrides } from "../engine/policy";
import { readInput } from "./paths";
import type { TextSink } from "./stdout-sink";

export { readInput };

/** A mistake in the command itself (exit 2, with a pointer to --help). */
export class UsageError extends Error {}

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /**
   * For output of many megabytes (analyse --json): a sink that writes as it goes. Without it the
   * text goes to stdout() piece by piece, which is what the tests' string-collecting Io does.
   */
  openStdout?: () => TextSink;
}

/** The --pupils FILE option of every command that reads marks, as reader options. */
export async function pupilsOption(path: string | undefined): Promise<ReadOptions> {
  if (!path) return {};
  const { readPupilListBytes } = await import("../files/read-file");
  return { pupils: await readPupilListBytes(readInput(path)), pupilsName: basename(path) };
}

/**
 * The trust policy: the file given with --policy, or else a policy.json in the current folder (as
 * served beside the add-in); problems are warnings, and the defaults stand in.
 */
export function loadPolicy(path: string | undefined, io: Io): Policy {
  if (!path && existsSync("policy.json")) {
    path = "policy.json";
    io.stderr("attendance-toolkit: using the trust policy in ./policy.json.\n");
  }
  if (!path) return DEFAULT_POLICY;
  const result = policyFromJson(new TextDecoder().decode(readInput(path, 10_000_000)));
  reportPolicyProblems(result.problems, path, io);
  return result.policy;
}

/**
 * The trust's policy (--policy or ./policy.json) with a tracker's own Settings sheet over it, its
 * problems reported; and the Settings sheet's as-of date, where it has one.
 */
export function trackerPolicy(settings: Record<string, string>, policyPath: string | undefined, io: Io): { policy: Policy; asOf?: string } {
  let policy = loadPolicy(policyPath, io);
  const fromSettings = settingsToOverrides(settings);
  if (Object.keys(fromSettings.overrides).length > 0 || fromSettings.problems.length > 0) {
    const resolved = resolvePolicy(fromSettings.overrides, policy);
    reportPolicyProblems([...fromSettings.problems, ...resolved.problems], "Settings sheet", io);
    policy = resolved.policy;
  }
  return { policy, asOf: fromSettings.asOf };
}

export function reportPolicyProblems(problems: PolicyProblem[], source: string, io: Io): void {
  for (const p of problems) io.stderr(`attendance-toolkit: ${source}: ${p.message} The default is used.\n`);
}
