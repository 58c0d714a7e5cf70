/** The Excel task pane: set up, analyse, and work from the key groups and the pupil card. */
import { summariseProblems } from "../../engine/problems";
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
import type { KeyGroupId } from "../../engine/key-groups";
import type { MarksMergePlan } from "../../files/merge-marks";
import type { TrackerStore } from "../../adapters/tracker-store";
import { Progress, ProgressState } from "../shared/Progress";
import { readMarksOffThread } from "../../adapters/read-worker";
import { agree, count, plural, sessionText } from "../shared/format";
import { GroupListState, initialGroupList, initialWeekList, WeekListState } from "./list-state";
import { KeyGroupsView, PupilCard, PupilSearch, SummaryView, ThisWeekView, TrustView } from "./lazy-views";
import { useTracker } from "./useTracker";

const useStyles = makeStyles({
  root: {
    padding: tokens.spacingHorizontalM,
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    // Fluent marks a focused input with a thin underline only: every field gets a clear ring too.
    "& .fui-Input:focus-within, & .fui-Textarea:focus-within, & .fui-Dropdown:focus-within, & .fui-Combobox:focus-within, & .fui-SpinButton:focus-within": {
      outline: `2px solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: "1px",
    },
    "& button:focus-visible, & [role=row]:focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "-2px" },
  },
  actions: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
  conflicts: { maxHeight: "260px", overflowY: "auto" },
  // Every view is a tab, always in the same place: the row wraps at a narrow pane rather than hiding
  // a view under "More" or moving the tabs about.
  tabs: { minWidth: 0, flexWrap: "wrap", rowGap: tokens.spacingVerticalXXS },
  // Narrow padding so the daily views fit side by side at the default 350 px pane.
  tab: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  back: { alignSelf: "flex-start" },
  messages: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  cell: { overflowWrap: "anywhere" },
});

const VIEWS: Array<{ id: View; label: string }> = [
  { id: "summary", label: "Summary" },
  { id: "week", label: "This week" },
  { id: "groups", label: "Key groups" },
  { id: "pupil", label: "Pupil" },
  { id: "trust", label: "Trust" },
];
/** Set up is reached from its own button ("Set up and import"), so the tabs keep to the daily views. */
const SETUP_LABEL = "Set up";

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
  const [view, setViewState] = React.useState<View>("summary");
  // Where "Back" on the pupil card returns to: the view the pupil was chosen from.
  const [cameFrom, setCameFrom] = React.useState<View | null>(null);
  // Set when a pupil is chosen: the card moves focus to its heading once it is on screen (its code may
  // still be loading when the view changes), then clears it.
  const [focusCard, setFocusCard] = React.useState(false);
  // The lists' state lives here, above the views: opening a pupil and pressing Back, changing view or
  // pressing Analyse keeps the key group, filters, sort and "show more", and every allocation.
  const [groupList, setGroupList] = React.useState<GroupListState>(() => initialGroupList());
  const [weekList, setWeekList] = React.useState<WeekListState>(initialWeekList);
  const setView = (v: View) => {
    if (v === "pupil" && view !== "pupil") setCameFrom(view);
    setViewState(v);
  };
  const select = (upn: string) => {
    t.selectPupil(upn);
    setFocusCard(true);
    setView("pupil");
  };
  // The card follows the row selected in the workbook.
  React.useEffect(() => {
    if (state.selectedUpn && state.analysis && view !== "setup") setView("pupil");
  }, [state.selectedUpn]); // eslint-disable-line react-hooks/exhaustive-deps
  const busy = state.progress !== null;
  // A result or an error is brought into view where it appears, not left at the top out of sight.
  const messages = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    if (state.error || state.notice) messages.current?.scrollIntoView?.({ block: "nearest" });
  }, [state.error, state.notice]);
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
      <div ref={messages} className={s.messages}>
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
      </div>
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
      <TabList className={s.tabs} selectedValue={view === "setup" ? null : view} onTabSelect={(_, d) => setView(d.value as View)} aria-label="Views" size="small">
        {VIEWS.map((v) => (
          <Tab key={v.id} className={s.tab} value={v.id}>{v.label}</Tab>
        ))}
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
        <SummaryView analysis={state.analysis} onOpenGroup={(g: KeyGroupId) => { setGroupList(initialGroupList(g)); setView("groups"); }} />
      ) : view === "groups" ? (
        <KeyGroupsView analysis={state.analysis} onSelect={select} list={groupList} setList={setGroupList} />
      ) : view === "week" ? (
        <ThisWeekView analysis={state.analysis} data={state.data} list={weekList} setList={setWeekList} onSave={t.saveWeeklyReview} onSelect={select} onWrite={() => void t.writeThisWeek(state.analysis!)} canWrite={state.capabilities?.writesResults ?? false} />
      ) : (
        <>
          <PupilSearch analysis={state.analysis} onSelect={select} />
          {cameFrom && cameFrom !== "pupil" && (
            <Button className={s.back} size="small" appearance="subtle" onClick={() => setViewState(cameFrom)}>
              ← Back to {(VIEWS.find((v) => v.id === cameFrom)?.label ?? SETUP_LABEL).toLowerCase()}
            </Button>
          )}
          {state.selectedUpn && state.data ? (
            <PupilCard analysis={state.analysis} data={state.data} upn={state.selectedUpn} copyText={copyText} onLogAction={t.appendAction} focusHeading={focusCard} onHeadingFocused={() => setFocusCard(false)} />
          ) : (
            <Text as="p">Find a pupil by name or UPN, select their row in the workbook, or choose one in a key group.</Text>
          )}
        </>
      )}
    </main>
  );
}

/** Differing marks listed at a time: enough to work through, few enough for the pane to stay quick. */
const CONFLICTS_PAGE = 200;

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
  const [shownCount, setShownCount] = React.useState(CONFLICTS_PAGE);
  const [fileError, setFileError] = React.useState<string | null>(null);
  const [reading, setReading] = React.useState<AbortController | null>(null);
  const [readProgress, setReadProgress] = React.useState<ProgressState | null>(null);
  const input = React.useRef<HTMLInputElement>(null);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setFileError(null);
    const stop = new AbortController();
    setReading(stop);
    setReadProgress({ fraction: 0.02, message: `Reading ${file.name}` });
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Read in a Web Worker: progress, Cancel, and the pane never frozen by a big export.
      const incoming = await readMarksOffThread(bytes, { onProgress: (fraction, message) => setReadProgress({ fraction, message }), signal: stop.signal });
      setReadProgress({ fraction: 0.95, message: "Comparing with the tracker" });
      const p = await planImport(incoming.dataset);
      if (p) {
        setPlan(p);
        setAccepted(new Set());
        setShownCount(CONFLICTS_PAGE);
      }
    } catch (e) {
      if (!(e instanceof Error && e.name === "ReadCancelled")) setFileError(e instanceof Error ? e.message : "The file could not be read.");
    } finally {
      setReading(null);
      setReadProgress(null);
      if (input.current) input.current.value = "";
    }
  };
  const shown = (p: MarksMergePlan) => p.conflicts.slice(0, shownCount);
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
      <input ref={input} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" aria-label="Choose a marks file to import" onChange={(e) => void onFile(e.target.files?.[0])} disabled={busy || reading !== null} />
      <Progress state={readProgress} />
      {reading && (
        <Button size="small" onClick={() => reading.abort()}>
          Cancel reading the file
        </Button>
      )}
      {fileError && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{fileError}</MessageBarBody>
        </MessageBar>
      )}
      {plan && (
        <div>
          <Text as="p" aria-live="polite">
            {plural(plan.newSessions.length, "new session")}, {plural(plan.newPupils.length, "new pupil")}, {plural(plan.fills.length, "empty cell")} to fill, {plural(plan.conflicts.length, "mark")} that {agree(plan.conflicts.length, "differs", "differ")} from the tracker
            {plan.problems.length > 0 ? `; ${plural(plan.problems.length, "problem")} in the file (those marks are not imported)` : ""}.
          </Text>
          {plan.conflicts.length > 0 && (
            <>
              <Caption1 aria-live="polite">
                {shown(plan).length < plan.conflicts.length
                  ? `Showing ${count(shown(plan).length)} of ${count(plan.conflicts.length)} differing marks. Only the ones you tick are replaced; the others keep the tracker's mark.`
                  : `All ${count(plan.conflicts.length)} differing ${agree(plan.conflicts.length, "mark is", "marks are")} listed. Only the ones you tick are replaced.`}
              </Caption1>
              <div className={s.actions}>
                <Button size="small" onClick={() => setAccepted((a) => new Set([...a, ...shown(plan).map((c) => c.key)]))}>
                  {shown(plan).length < plan.conflicts.length ? `Tick the ${count(shown(plan).length)} shown` : "Tick all"}
                </Button>
                <Button size="small" onClick={() => setAccepted(new Set())}>
                  Untick all
                </Button>
                {shown(plan).length < plan.conflicts.length && (
                  <Button size="small" onClick={() => setShownCount((n) => n + CONFLICTS_PAGE)}>
                    Show {count(Math.min(CONFLICTS_PAGE, plan.conflicts.length - shown(plan).length))} more
                  </Button>
                )}
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
                    {shown(plan).map((c) => (
                      <TableRow key={c.key}>
                        <TableCell className={s.cell}>{c.name || c.upn}</TableCell>
                        <TableCell className={s.cell}>{sessionText(c.session)}</TableCell>
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
              Import {plan.conflicts.length > 0 ? `(replacing ${count(accepted.size)} of ${count(plan.conflicts.length)} differing)` : ""}
            </Button>
            <Button onClick={() => setPlan(null)}>Cancel</Button>
          </div>
          {plan.notices.length > 0 && (
            <MessageBar intent="info">
              <MessageBarBody>{plan.notices.join(" ")}</MessageBarBody>
            </MessageBar>
          )}
          {plan.problems.length > 0 && (
            <ul aria-label="Problems in the file">
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
