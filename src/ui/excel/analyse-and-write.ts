/**
 * Analyse the tracker, then write the results: the analysis is kept even when writing it fails (a
 * view-only workbook, a protected sheet, the school's own sheet called "Dashboard"), and the reason
 * comes back as the adapter's sentence, naming the sheet and what to do. No React and no Office
 * here: the pane's hook calls it with its store.
 */
import { analyseAsync, Analysis, AnalysisCancelled } from "../../engine/analyse";
import { DEFAULT_POLICY, Policy, PolicyProblem, resolvePolicy, settingsToOverrides } from "../../engine/policy";
import type { TrackerData } from "../../files/tracker";
import type { Progress, TrackerStore } from "../../adapters/tracker-store";

export interface AnalysedTracker {
  data: TrackerData;
  analysis: Analysis;
  policyProblems: PolicyProblem[];
  /** Why the results are not in the workbook, for staff; null when they were written. */
  writeError: string | null;
}

const text = (e: unknown) => (e instanceof Error && e.message ? e.message : "Something went wrong. Try again; if it keeps happening, tell your IT team.");

/**
 * Read, analyse, and write. `shown` is called with the analysis as soon as it is worked out, before
 * the write starts, so the pane can show the figures while Excel is still being written to.
 */
export async function analyseAndWrite(store: TrackerStore, trustPolicy: Policy = DEFAULT_POLICY, progress?: Progress, signal?: AbortSignal, shown?: (r: Omit<AnalysedTracker, "writeError">) => void): Promise<AnalysedTracker> {
  const data = await store.read(progress, signal);
  const settings = settingsToOverrides(data.settings);
  const resolved = resolvePolicy(settings.overrides, trustPolicy);
  // In steps, so a large school does not freeze the pane, with progress and cancel.
  const analysis = await analyseAsync(data.dataset, { asOf: settings.asOf, policy: resolved.policy }, { signal, onProgress: (f) => progress?.(0.75 + 0.1 * f, `Applying the attendance rules (${Math.round(f * 100)}%)`) });
  const policyProblems = [...settings.problems, ...resolved.problems];
  shown?.({ data, analysis, policyProblems });
  try {
    await store.writeAnalysis(analysis, progress, signal);
    return { data, analysis, policyProblems, writeError: null };
  } catch (e) {
    if (e instanceof AnalysisCancelled) throw e;
    return { data, analysis, policyProblems, writeError: `The figures are shown here, but they could not be written to the workbook. ${text(e)}` };
  }
}
