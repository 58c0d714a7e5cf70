/** The browser preview: the same Excel pane on a tracker file opened in the page. */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Policy } from "../../engine/policy";
import type { FileTrackerStore } from "../../adapters/file-store";
import { ExcelPane } from "../../ui/excel/ExcelPane";
import { copyText, downloadBytes } from "../shared/platform";
import { readGridsOffThread, ReadOptions } from "../../adapters/read-worker";
import { Progress, ProgressState } from "../../ui/shared/Progress";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

async function openStore(name: string, bytes: Uint8Array, reading: ReadOptions): Promise<FileTrackerStore> {
  const { FileTrackerStore } = await import(/* webpackChunkName: "preview" */ "../../adapters/file-store");
  // Read in a Web Worker: progress, Cancel, and the page never frozen by a big workbook.
  return FileTrackerStore.open(name, bytes, (b) => readGridsOffThread(b, reading));
}

export function PreviewShell({ trustPolicy, policyBanner }: { trustPolicy: Policy; policyBanner?: React.ReactNode }) {
  const s = useStyles();
  const [store, setStore] = React.useState<FileTrackerStore | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState<AbortController | null>(null);
  const [progress, setProgress] = React.useState<ProgressState | null>(null);
  const open = React.useCallback(async (name: string, load: () => Promise<Uint8Array>) => {
    setError(null);
    const stop = new AbortController();
    setLoading(stop);
    setProgress({ fraction: 0.02, message: `Opening ${name}` });
    try {
      setStore(await openStore(name, await load(), { onProgress: (fraction, message) => setProgress({ fraction, message }), signal: stop.signal }));
    } catch (e) {
      if (!(e instanceof Error && e.name === "ReadCancelled")) setError(e instanceof Error ? e.message : "The file could not be opened.");
    } finally {
      setLoading(null);
      setProgress(null);
    }
  }, []);
  const openSample = React.useCallback(
    () =>
      open("sample-tracker.xlsx", async () => {
        const r = await fetch("assets/sample-tracker.xlsx");
        if (!r.ok) throw new Error("The bundled sample is missing from this build.");
        return new Uint8Array(await r.arrayBuffer());
      }),
    [open],
  );
  React.useEffect(() => {
    if (new URLSearchParams(window.location.search).get("sample") === "1") void openSample();
  }, [openSample]);

  const banner = store && (
    <div className={s.bar}>
      {policyBanner}
      <Text>Browser preview: {store.fileName}. Changes stay in this page until you download the tracker.</Text>
      <Button size="small" onClick={async () => downloadBytes(await store.download(), store.fileName.replace(/\.(csv|xlsx)$/i, "") + ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}>
        Download tracker
      </Button>
    </div>
  );
  if (store) return <ExcelPane store={store} trustPolicy={trustPolicy} copyText={copyText} banner={banner} />;
  return (
    <main className={s.root}>
      <Title3 as="h1">Attendance (browser preview)</Title3>
      {policyBanner}
      <Text as="p">Running outside Office (browser preview). Open a tracker workbook or a marks CSV to use the pane here; the file stays on this computer.</Text>
      <input type="file" accept=".xlsx,.csv" aria-label="Open a tracker or marks file" disabled={loading !== null} onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) void open(f.name, async () => new Uint8Array(await f.arrayBuffer()));
      }} />
      <div className={s.bar}>
        <Button onClick={() => void openSample()} disabled={loading !== null}>
          Open the bundled sample
        </Button>
      </div>
      <Progress state={progress} />
      {loading && (
        <div className={s.bar}>
          <Button size="small" onClick={() => loading.abort()}>
            Cancel opening the file
          </Button>
        </div>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
