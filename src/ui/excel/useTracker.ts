/**
 * The Excel pane's state and operations: read the tracker, analyse it, write the results, import
 * marks, log actions. The store (live workbook or file) is passed in; nothing here calls Office.
 */
import * as React from "react";
import { count, plural, ukDate } from "../shared/format";
import type { ActionInput } from "../../engine/actions";
import type { ReviewItem } from "../../engine/weekly-review";
import { Analysis, AnalysisCancelled } from "../../engine/analyse";
import { analyseAndWrite } from "./analyse-and-write";
import { DEFAULT_POLICY, Policy, PolicyProblem } from "../../engine/policy";
import type { MarksDataset } from "../../engine/dataset";
import type { MarksMergePlan } from "../../files/merge-marks";
import type { TrackerData } from "../../files/tracker";
import type { StoreCapabilities, TrackerStore } from "../../adapters/tracker-store";
import type { ProgressState } from "../shared/Progress";

export interface TrackerState {
  capabilities: StoreCapabilities | null;
  hasTracker: boolean | null;
  data: TrackerData | null;
  analysis: Analysis | null;
  policyProblems: PolicyProblem[];
  progress: ProgressState | null;
  error: string | null;
  notice: string | null;
  selectedUpn: string | null;
}

const initial: TrackerState = {
  capabilities: null,
  hasTracker: null,
  data: null,
  analysis: null,
  policyProblems: [],
  progress: null,
  error: null,
  notice: null,
  selectedUpn: null,
};

/** Errors shown to staff: plain English, and never a pupil's details (the message is the adapter's own). */
function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m || "Something went wrong. Try again; if it keeps happening, tell your IT team.";
}

export function useTracker(store: TrackerStore, trustPolicy: Policy = DEFAULT_POLICY) {
  const [state, setState] = React.useState<TrackerState>(initial);
  const patch = React.useCallback((p: Partial<TrackerState>) => setState((s) => ({ ...s, ...p })), []);
  const progress = React.useCallback((fraction: number, message: string) => patch({ progress: { fraction, message } }), [patch]);

  React.useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void (async () => {
      try {
        const [capabilities, hasTracker] = await Promise.all([store.capabilities(), store.hasTracker()]);
        if (cancelled) return;
        patch({ capabilities, hasTracker });
        stop = await store.onSelectedPupil((upn) => {
          if (upn) setState((s) => ({ ...s, selectedUpn: upn }));
        });
      } catch (e) {
        patch({ error: errorText(e) });
      }
    })();
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [store, patch]);

  const controller = React.useRef<AbortController | null>(null);
  const run = React.useCallback(
    async <T,>(work: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => {
      controller.current = new AbortController();
      patch({ error: null, notice: null, progress: { fraction: 0, message: "Starting" } });
      try {
        return await work(controller.current.signal);
      } catch (e) {
        if (e instanceof AnalysisCancelled) patch({ notice: "Cancelled. Nothing in the tracker was changed; the add-in's own sheets are rewritten on the next run." });
        else patch({ error: errorText(e) });
        return undefined;
      } finally {
        controller.current = null;
        patch({ progress: null });
      }
    },
    [patch],
  );
  const cancel = React.useCallback(() => controller.current?.abort(), []);

  const analyseTracker = React.useCallback(
    () =>
      run(async (signal) => {
        const r = await analyseAndWrite(store, trustPolicy, progress, signal, (shown) => patch({ ...shown, hasTracker: true }));
        const caps = await store.capabilities();
        if (r.writeError) patch({ error: r.writeError, notice: r.analysis.notices.join(" ") || null });
        else patch({ notice: [caps.writesResults ? "The Analysis and Dashboard sheets are up to date." : "", ...r.analysis.notices].filter(Boolean).join(" ") || null });
        return r.analysis;
      }),
    [run, store, progress, trustPolicy, patch],
  );

  const createTracker = React.useCallback(
    () =>
      run(async () => {
        const r = await store.createTracker(progress);
        patch({
          hasTracker: true,
          notice: r.created.length > 0 ? `Created the sheets ${r.created.join(", ")}.${r.kept.length > 0 ? ` Left ${r.kept.join(", ")} as they were.` : ""}` : "The tracker sheets are already here; nothing was changed.",
        });
      }),
    [run, store, progress, patch],
  );

  const planImport = React.useCallback((incoming: MarksDataset) => run(() => store.planImport(incoming)), [run, store]);

  const applyImport = React.useCallback(
    (plan: MarksMergePlan, accepted: ReadonlySet<string>) =>
      run(async () => {
        const r = await store.applyImport(plan, accepted, progress);
        // Cells typed in since the plan was made were left alone: say which, so nothing is lost quietly.
        const changed = r.changed.length > 0 ? ` ${r.changed.length} ${r.changed.length === 1 ? "cell was" : "cells were"} changed in the workbook after the import was checked and ${r.changed.length === 1 ? "was" : "were"} left as ${r.changed.length === 1 ? "it is" : "they are"}: ${r.changed.slice(0, 10).map((c) => `${c.upn} ${c.session}`).join(", ")}${r.changed.length > 10 ? ", ..." : ""}. Import again to review them.` : "";
        patch({ notice: `Imported ${count(r.added)} ${r.added === 1 ? "mark" : "marks"}${r.replaced > 0 ? ` and replaced ${count(r.replaced)} you accepted` : ""}.${changed} Analyse to update the figures.` });
        return r;
      }),
    [run, store, progress, patch],
  );

  const writeThisWeek = React.useCallback(
    (analysis: Analysis) =>
      run(async () => {
        await store.writeThisWeek(analysis);
        patch({ notice: "This week's actions are on the \"This week\" sheet." });
      }),
    [run, store, patch],
  );

  const appendAction = React.useCallback(
    (entry: ActionInput) =>
      run(async () => {
        const id = await store.appendAction(entry);
        // The log only grows: add the entry here rather than reading the whole tracker again.
        setState((s) => (s.data ? { ...s, data: { ...s.data, actions: [...s.data.actions, { ...entry, id, row: s.data.actions.length + 2 }] } } : s));
        patch({ notice: `Added to the actions log: ${entry.action} on ${ukDate(entry.date)} (entry ${id}).` });
      }),
    [run, store, patch],
  );

  const saveWeeklyReview = React.useCallback(
    (items: readonly ReviewItem[]) =>
      run(async () => {
        if (!store.saveWeeklyReview) throw new Error("This tracker cannot keep the weekly review yet; the list stays in the pane until it is closed.");
        await store.saveWeeklyReview(items);
        // As the sheet reads back: a later row for the same week, pupil and action wins.
        const key = (r: ReviewItem) => `${r.week}\u0000${r.upn}\u0000${r.action}`;
        const saved = new Set(items.map(key));
        setState((s) => (s.data ? { ...s, data: { ...s.data, reviews: [...(s.data.reviews ?? []).filter((r) => !saved.has(key(r))), ...items] } } : s));
        patch({ notice: `Saved to the Weekly review sheet: ${plural(items.length, "action")}.` });
      }),
    [run, store, patch],
  );

  const selectPupil = React.useCallback(
    (upn: string) => {
      patch({ selectedUpn: upn });
      void store.selectPupil(upn).catch(() => undefined);
    },
    [store, patch],
  );

  return { state, cancel, analyseTracker, createTracker, planImport, applyImport, writeThisWeek, appendAction, saveWeeklyReview, selectPupil, dismiss: () => patch({ error: null, notice: null }) };
}
