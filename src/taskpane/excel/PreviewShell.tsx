/** The browser preview: the same Excel pane on a tracker file opened in the page. */
import * as React from "react";
import { Button, MessageBar, MessageBarBody, Text, Title3, makeStyles, tokens } from "@fluentui/react-components";
import type { Policy } from "../../engine/policy";
import type { FileTrackerStore } from "../../adapters/file-store";
import { ExcelPane } from "../../ui/excel/ExcelPane";
import { copyText, downloadBytes } from "../shared/platform";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  bar: { display: "flex", gap: tokens.spacingHorizontalS, alignItems: "center", flexWrap: "wrap" },
});

async function openStore(name: string, bytes: Uint8Array): Promise<FileTrackerStore> {
  const { FileTrackerStore } = await import(/* webpackChunkName: "preview" */ "../../adapters/file-store");
  return FileTrackerStore.open(name, bytes);
}

export function PreviewShell({ trustPolicy, policyBanner }: { trustPolicy: Policy; policyBanner?: React.ReactNode }) {
  const s = useStyles();
  const [store, setStore] = React.useState<FileTrackerStore | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [loading, setLoading] = React.useState(false);
  const open = React.useCallback(async (name: string, load: () => Promise<Uint8Array>) => {
    setError(null);
    setLoading(true);
    try {
      setStore(await openStore(name, await load()));
    } catch (e) {
      setError(e instanceof Error ? e.message : "The file could not be opened.");
    } finally {
      setLoading(false);
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
      <input type="file" accept=".xlsx,.csv" aria-label="Open a tracker or marks file" disabled={loading} onChange={(e) => {
        const f = e.target.files?.[0];
        if (f) void open(f.name, async () => new Uint8Array(await f.arrayBuffer()));
      }} />
      <div className={s.bar}>
        <Button onClick={() => void openSample()} disabled={loading}>
          Open the bundled sample
        </Button>
      </div>
      {loading && <Text aria-live="polite">Opening…</Text>}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </main>
  );
}
