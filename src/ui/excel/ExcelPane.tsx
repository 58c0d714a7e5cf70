/** The Excel task pane: set up, analyse, and work from the key groups and the pupil card. */
import { summariseProblems } from "../../engine/grid";
import * as React from "react";
import {
  Button,
  Caption1,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Tab,
  TabList,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Policy } from "../../engine/policy";
import type { MarksMergePlan } from "../../files/merge-marks";
import type { TrackerStore } from "../../adapters/tracker-store";
import { Progress } from "../shared/Progress";
import { plural, sessionText } from "../shared/format";
import { KeyGroupsView, SummaryView, ThisWeekView } from "./views";
import { PupilCard } from "./PupilCard";
import { TrustView } from "./TrustView";
import { useTracker } from "./useTracker";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  conflicts: { maxHeight: "260px", overflowY: "auto" },
});

export interface ExcelPaneProps {
  store: TrackerStore;
  trustPolicy?: Policy;
  copyText: (text: string) => Promise<void>;
  /** Where the pane runs, shown to the user (for example "Browser preview: sample-tracker.xlsx"). */
  banner?: React.ReactNode;
}

type View = "summary" | "groups" | "pupil" | "week" | "trust" | "setup";

export function ExcelPane({ store, trustPolicy, copyText, banner }: ExcelPaneProps) {
  const s = useStyles();
  const t = useTracker(store, trustPolicy);
  const { state } = t;
  const [view, setView] = React.useState<View>("summary");
  const select = (upn: string) => {
    t.selectPupil(upn);
    setView("pupil");
  };
  // The card follows the row selected in the workbook.
  React.useEffect(() => {
    if (state.selectedUpn && state.analysis && view !== "setup") setView("pupil");
  }, [state.selectedUpn]); // eslint-disable-line react-hooks/exhaustive-deps
  const busy = state.progress !== null;
  return (
    <main className={s.root}>
      <Title3 as="h1">Attendance</Title3>
      {banner}
      {state.capabilities && state.capabilities.unavailable.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>This version of Excel cannot do everything: {state.capabilities.unavailable.join("; ")}.</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.actions}>
        <Button appearance="primary" onClick={() => void t.analyseTracker()} disabled={busy || state.hasTracker === false}>
          Analyse
        </Button>
        <Button onClick={() => setView("setup")} disabled={busy}>
          Set up and import
        </Button>
      </div>
      <Progress state={state.progress} />
      {busy && (
        <Button size="small" onClick={t.cancel}>
          Cancel
        </Button>
      )}
      {state.error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{state.error}</MessageBarBody>
        </MessageBar>
      )}
      {state.notice && (
        <MessageBar intent="success">
          <MessageBarBody>{state.notice}</MessageBarBody>
        </MessageBar>
      )}
      {state.policyProblems.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            Some settings could not be used, so the defaults apply: {state.policyProblems.map((p) => p.message).join(" ")}
          </MessageBarBody>
        </MessageBar>
      )}
      {state.hasTracker === false && view !== "setup" && (
        <MessageBar intent="info">
          <MessageBarBody>This workbook has no tracker yet. Use "Set up and import" to create the tracker sheets.</MessageBarBody>
        </MessageBar>
      )}
      <TabList selectedValue={view} onTabSelect={(_, d) => setView(d.value as View)} aria-label="Views" size="small" style={{ flexWrap: "wrap" }}>
        <Tab value="summary">Summary</Tab>
        <Tab value="groups">Key groups</Tab>
        <Tab value="pupil">Pupil</Tab>
        <Tab value="week">This week</Tab>
        <Tab value="trust">Trust</Tab>
        <Tab value="setup">Set up</Tab>
      </TabList>
      {view === "setup" ? (
        <SetupView
          canCreate={state.capabilities?.canCreateTracker ?? false}
          busy={busy}
          onCreate={() => void t.createTracker()}
          planImport={t.planImport}
          applyImport={t.applyImport}
        />
      ) : view === "trust" ? (
        <TrustView analysis={state.analysis} actions={state.data?.actions ?? []} copyText={copyText} />
      ) : !state.analysis ? (
        <Text as="p">Press Analyse to read the tracker and work out every pupil's attendance.</Text>
      ) : view === "summary" ? (
        <SummaryView analysis={state.analysis} />
      ) : view === "groups" ? (
        <KeyGroupsView analysis={state.analysis} onSelect={select} />
      ) : view === "week" ? (
        <ThisWeekView analysis={state.analysis} onSelect={select} onWrite={() => void t.writeThisWeek(state.analysis!)} canWrite={state.capabilities?.writesResults ?? false} />
      ) : state.selectedUpn && state.data ? (
        <PupilCard analysis={state.analysis} data={state.data} upn={state.selectedUpn} copyText={copyText} onLogAction={t.appendAction} />
      ) : (
        <Text as="p">Select a pupil's row in the workbook, or a pupil in a key group.</Text>
      )}
    </main>
  );
}

function SetupView({ canCreate, busy, onCreate, planImport, applyImport }: {
  canCreate: boolean;
  busy: boolean;
  onCreate: () => void;
  planImport: ReturnType<typeof useTracker>["planImport"];
  applyImport: ReturnType<typeof useTracker>["applyImport"];
}) {
  const s = useStyles();
  const [plan, setPlan] = React.useState<MarksMergePlan | null>(null);
  const [accepted, setAccepted] = React.useState<Set<string>>(new Set());
  const [fileError, setFileError] = React.useState<string | null>(null);
  const input = React.useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // The file reader (and exceljs for .xlsx) is loaded only when a file is imported.
      const { readMarksBytes } = await import(/* webpackChunkName: "files" */ "../../files/read-file");
      const incoming = await readMarksBytes(bytes);
      const p = await planImport(incoming.dataset);
      if (p) {
        setPlan(p);
        setAccepted(new Set());
      }
    } catch (e) {
      setFileError(e instanceof Error ? e.message : "The file could not be read.");
    } finally {
      if (input.current) input.current.value = "";
    }
  };
  const toggle = (key: string, on: boolean) =>
    setAccepted((a) => {
      const next = new Set(a);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <section aria-label="Set up">
      {canCreate && (
        <>
          <Subtitle2 as="h2" block>Create the tracker</Subtitle2>
          <Text as="p">Adds the Pupils, Contacts, Marks, Actions, Settings and Codes sheets that are missing. Existing sheets are not touched.</Text>
          <Button onClick={onCreate} disabled={busy}>
            Create tracker here
          </Button>
        </>
      )}
      <Subtitle2 as="h2" block>Import marks</Subtitle2>
      <Text as="p">A marks export from your MIS, as it is: CSV or Excel, one column a session, one row a mark, or one row a pupil a week. An export with no UPN column is matched to pupils by the Adno or MIS ID column of the Pupils sheet. New sessions and pupils are added; a mark that differs from the tracker is listed for you to decide.</Text>
      <input ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="Choose a marks file to import" onChange={(e) => void onFile(e.target.files?.[0])} disabled={busy} />
      {fileError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{fileError}</MessageBarBody>
        </MessageBar>
      )}
      {plan && (
        <div>
          <Text as="p" aria-live="polite">
            {plural(plan.newSessions.length, "new session")}, {plural(plan.newPupils.length, "new pupil")}, {plural(plan.fills.length, "empty cell")} to fill, {plural(plan.conflicts.length, "mark")} that differ
            {plan.problems.length > 0 ? `; ${plural(plan.problems.length, "problem")} in the file (those marks are not imported)` : ""}.
          </Text>
          {plan.conflicts.length > 0 && (
            <>
              <div className={s.actions}>
                <Button size="small" onClick={() => setAccepted(new Set(plan.conflicts.map((c) => c.key)))}>
                  Accept all
                </Button>
                <Button size="small" onClick={() => setAccepted(new Set())}>
                  Keep all
                </Button>
              </div>
              <div className={s.conflicts}>
                <Table size="small" aria-label="Marks that differ">
                  <TableHeader>
                    <TableRow>
                      <TableHeaderCell>Pupil</TableHeaderCell>
                      <TableHeaderCell>Session</TableHeaderCell>
                      <TableHeaderCell>Tracker</TableHeaderCell>
                      <TableHeaderCell>Import</TableHeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {plan.conflicts.slice(0, 500).map((c) => (
                      <TableRow key={c.key}>
                        <TableCell>{c.name || c.upn}</TableCell>
                        <TableCell>{sessionText(c.session)}</TableCell>
                        <TableCell>{c.existing.trim() === "" ? "(spaces only)" : c.existing.startsWith("=") ? `a formula (${c.existing})` : c.existing}</TableCell>
                        <TableCell>
                          <Checkbox checked={accepted.has(c.key)} onChange={(_, d) => toggle(c.key, d.checked === true)} label={`Use ${c.incoming}`} />
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
          <div className={s.actions}>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={async () => {
                const r = await applyImport(plan, accepted);
                if (r) setPlan(null);
              }}
            >
              Import {plan.conflicts.length > 0 ? `(replacing ${accepted.size} of ${plan.conflicts.length} differing)` : ""}
            </Button>
            <Button onClick={() => setPlan(null)}>Cancel</Button>
          </div>
          {plan.notices.length > 0 && (
            <MessageBar intent="info">
              <MessageBarBody>{plan.notices.join(" ")}</MessageBarBody>
            </MessageBar>
          )}
          {plan.problems.length > 0 && (
            <ul>
              {/* A flood of one problem is one line with a count and examples. */}
              {summariseProblems(plan.problems).slice(0, 20).map((line, i) => (
                <li key={i}>
                  <Caption1>{line}</Caption1>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
