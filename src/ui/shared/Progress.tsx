import { Field, ProgressBar } from "@fluentui/react-components";

export interface ProgressState {
  fraction: number;
  message: string;
}

/** A progress bar with its message read out by screen readers. */
export function Progress({ state }: { state: ProgressState | null }) {
  if (!state) return null;
  return (
    <Field validationMessage={state.message} validationState="none" aria-live="polite">
      <ProgressBar value={Math.max(0, Math.min(1, state.fraction))} aria-label={state.message} />
    </Field>
  );
}
