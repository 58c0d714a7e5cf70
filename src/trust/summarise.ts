/**
 * A school's summary from its tracker (or a MIS export): the same analysis the school sees, with the
 * school's own settings over the trust policy, then aggregates only.
 */
import { readActionLog } from "../engine/actions";
import { analyse, Analysis } from "../engine/analyse";
import { DEFAULT_POLICY, Policy, resolvePolicy, settingsToOverrides } from "../engine/policy";
import { buildSchoolSummary, Phase, SchoolSummaryFile } from "../engine/school-summary";
import type { TrackerData } from "../files/tracker";

export interface SummariseOptions {
  policy?: Policy;
  asOf?: string;
  /** The school's name; by default the tracker's settings (school.name). */
  name?: string;
  urn?: string;
  phase?: Phase | null;
  createdAt?: Date;
}

export function analyseTracker(input: Pick<TrackerData, "dataset" | "settings">, options: SummariseOptions = {}): Analysis {
  let policy = options.policy ?? DEFAULT_POLICY;
  const fromSettings = settingsToOverrides(input.settings);
  if (Object.keys(fromSettings.overrides).length > 0) policy = resolvePolicy(fromSettings.overrides, policy).policy;
  return analyse(input.dataset, { asOf: options.asOf ?? fromSettings.asOf, policy });
}

export function summariseTracker(input: Pick<TrackerData, "dataset" | "settings" | "actions">, options: SummariseOptions = {}): { analysis: Analysis; summary: SchoolSummaryFile } {
  const analysis = analyseTracker(input, options);
  const name = options.name?.trim() || analysis.policy.school.name.trim() || input.settings["school.name"]?.trim() || "";
  if (!name) throw new RangeError("The school has no name: give --school NAME, or fill school.name in the tracker's Settings sheet.");
  const log = readActionLog(input.actions);
  const summary = buildSchoolSummary(analysis, {
    school: { name, urn: options.urn ?? input.settings["school.urn"] ?? "", phase: options.phase ?? phaseOf(input.settings["school.phase"]) },
    actions: log.entries,
    createdAt: options.createdAt,
  });
  return { analysis, summary };
}

function phaseOf(v: string | undefined): Phase | null {
  const p = (v ?? "").trim().toLowerCase();
  return p === "primary" || p === "secondary" || p === "special" ? p : null;
}
