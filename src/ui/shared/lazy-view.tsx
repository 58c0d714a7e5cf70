/**
 * A view whose code loads when it is first opened (its own chunk), so a pane's first load carries
 * only what its first screen needs (issue 23: each pane under 250 KB of JavaScript gzipped). The
 * component keeps its props and name; state stays in the pane above it, so nothing typed is lost
 * while a chunk loads. Chunks come from the add-in's own origin (the page's CSP: script-src 'self').
 */
import * as React from "react";
import { Spinner } from "@fluentui/react-components";

export function lazyView<P extends object>(load: () => Promise<React.ComponentType<P>>, loading: string): React.FC<P> {
  const Lazy = React.lazy(async () => ({ default: await load() }));
  const View: React.FC<P> = (props) => (
    <React.Suspense fallback={<Spinner size="tiny" label={loading} />}>
      <Lazy {...(props as P & React.JSX.IntrinsicAttributes)} />
    </React.Suspense>
  );
  return View;
}
