/**
 * The Word task pane: a pupil's record (from the tracker file, or pasted from the Excel pane), the
 * letters suggested for their stage first, one letter per parent by the contact rules, a form with
 * every field, and the evidence record of each letter.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
  Divider,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Text,
  Textarea,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Readiness } from "../../engine/readiness";
import type { FactSource } from "../../engine/letter-facts";
import { Delivery, DELIVERY_TEXT, preferredDelivery } from "../../engine/contact-rules";
import { formatIso, parseDate, todayInUk } from "../../engine/dates";
import type { PupilRecordV1 } from "../../files/pupil-record";
import { decodeRecord } from "../../files/pupil-record";
import { CatalogueEntry, lettersForRecord, suggestedFirst } from "../../letters/catalogue";
import type { MergeData } from "../../letters/merge-data";
import type { LetterEvidence } from "../../letters/evidence";
import { fieldLabel, isDateField } from "../../letters/fields";
import { LettersPartlyWritten } from "../../adapters/word/word-target";
import type { Destination, LetterTarget, WrittenLetter } from "../../adapters/word/word-target";
import { lazyView } from "../shared/lazy-view";
import type { LetterDueRow } from "./ThisWeekLetters";

// Views that open later load their code then (issue 23: the pane's first load under 250 KB gzipped).
const GovernorsReport = lazyView(async () => (await import(/* webpackChunkName: "word-report" */ "./GovernorsReport")).GovernorsReport, "Loading the governors' report");
const ThisWeekLetters = lazyView(async () => (await import(/* webpackChunkName: "word-week" */ "./ThisWeekLetters")).ThisWeekLetters, "Loading this week's letters");
import type { Policy } from "../../engine/policy";
import { fullName, percent, plural, ukDate } from "../shared/format";

/** A field's label on the form: the plain label (letters/fields.ts) without its leading "the". */
function formLabel(path: string): string {
  return fieldLabel(path)
    .replace(/^the /, "")
    .replace(/^./, (c) => c.toUpperCase());
}

/** `2026-03-16T08:40` (the picker's value) as `16/03/2026 08:40`, the form the evidence record keeps. */
function ukDateTime(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})/.exec(local);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}` : local;
}
import { Progress, ProgressState } from "../shared/Progress";
import { Preview, previewLetter } from "./letter-preview";

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "end" },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  results: { maxHeight: "320px", overflowY: "auto" },
  fieldset: { border: "none", padding: 0, margin: 0, minWidth: 0 },
  parent: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, marginBottom: tokens.spacingVerticalS },
  message: { marginTop: tokens.spacingVerticalXXS },
  heading: { margin: 0, ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  // 24 px targets (WCAG 2.2 target size): the pupil buttons and the "Check every field" summary.
  pupilButton: { minHeight: "24px", textAlign: "left", justifyContent: "flex-start", height: "auto" },
  summary: { minHeight: "24px", display: "list-item", cursor: "pointer" },
  file: { minHeight: "24px", maxWidth: "100%" },
  tsv: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase100 },
  preview: { maxHeight: "320px", overflowY: "auto", padding: tokens.spacingHorizontalS, border: `1px solid ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground1, overflowWrap: "anywhere" },
  previewPara: { margin: `0 0 ${tokens.spacingVerticalXS} 0`, whiteSpace: "pre-wrap", fontSize: tokens.fontSizeBase200 },
});

/** A pupil found in an opened tracker file. */
export interface PupilChoice {
  upn: string;
  name: string;
  year: string;
}

/** A tracker opened in the pane: its pupils, a pupil's record, and this week's letters (engine/letters-due.ts). */
export interface OpenedTracker {
  pupils: PupilChoice[];
  record(upn: string): { record: PupilRecordV1; readiness: Readiness; extra: Record<string, unknown>; factSource?: FactSource };
  lettersDue(): LetterDueRow[];
}

/** What the pane needs, passed in: no Office and no file system in the component. */
export interface WordPaneOps {
  target: LetterTarget;
  catalogue: CatalogueEntry[];
  /** Open a tracker file: returns a search over its pupils and the record builder. */
  openTracker(file: File, reading?: { onProgress?: (fraction: number, message: string) => void; signal?: AbortSignal }): Promise<OpenedTracker>;
  /** The letter engine, loaded when the first letter is written (docxtemplater). */
  letters(): Promise<typeof import("../../letters/produce") & typeof import("../../letters/render")>;
  loadTemplate(entry: CatalogueEntry): Promise<Uint8Array>;
  /** The governors' report template; by default fetched from the add-in's assets. */
  loadReportTemplate?: () => Promise<Uint8Array>;
  copyText(text: string): Promise<void>;
  policy: Policy;
  banner?: React.ReactNode;
  /** Open the bundled sample tracker (browser preview only). */
  openSample?: () => Promise<File>;
}


function flatten(data: unknown, prefix = "", out: Record<string, string> = {}): Record<string, string> {
  if (data === null || data === undefined) return out;
  if (Array.isArray(data)) return out;
  if (typeof data === "object") {
    for (const [k, v] of Object.entries(data as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return out;
  }
  out[prefix] = String(data);
  return out;
}

function setPath(data: MergeData, path: string, value: string): void {
  const parts = path.split(".");
  let o = data as Record<string, unknown>;
  for (const p of parts.slice(0, -1)) o = (o[p] ?? (o[p] = {})) as Record<string, unknown>;
  o[parts[parts.length - 1]] = value;
}

const EDITABLE_GROUPS = ["pupil", "school", "attendance", "threshold", "nti", "penalty"];

/** What stops one parent's letter being written, known before Write: the delivery, or the facts. */
interface ParentStatus {
  cannot: string | null;
  facts: string[];
}

const NO_FIELDS: Record<string, string> = {};

export function WordPane(ops: WordPaneOps) {
  const s = useStyles();
  const [record, setRecord] = React.useState<PupilRecordV1 | null>(null);
  const [readiness, setReadiness] = React.useState<Readiness | undefined>(undefined);
  // Chronology and register extract for the evidence pack: only a tracker file carries them.
  const [extra, setExtra] = React.useState<Record<string, unknown>>({});
  // The register and log behind the record, to check the facts a letter states (a pasted record has none: such letters are held back, saying why).
  const [factSource, setFactSource] = React.useState<FactSource | undefined>(undefined);
  const [tracker, setTracker] = React.useState<OpenedTracker | null>(null);
  const [query, setQuery] = React.useState("");
  const [pasted, setPasted] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<ProgressState | null>(null);
  // While a tracker is being opened: stops the reading.
  const [opening, setOpening] = React.useState<AbortController | null>(null);
  const [letterId, setLetterId] = React.useState<string>("");
  // The letters the facts hold back for this pupil, with why (never the suggestion).
  const [heldBack, setHeldBack] = React.useState<Array<{ id: string; title: string; reason: string }>>([]);
  const [parents, setParents] = React.useState<Set<number>>(new Set());
  // Each parent's delivery, from their Preferred contact on the Contacts sheet.
  const [deliveries, setDeliveries] = React.useState<Record<number, Delivery>>({});
  const [handedTo, setHandedTo] = React.useState("");
  const [handedAt, setHandedAt] = React.useState("");
  const [destination, setDestination] = React.useState<Destination>(ops.target.destinations()[0].value);
  const [staff, setStaff] = React.useState("");
  const [letterDate, setLetterDate] = React.useState(formatIso(todayInUk()));
  // What was typed, kept per letter: one letter's fields never show (or block) in another's form.
  const [fieldsByLetter, setFieldsByLetter] = React.useState<Record<string, Record<string, string>>>({});
  const [editsByLetter, setEditsByLetter] = React.useState<Record<string, Record<string, string>>>({});
  const fields = fieldsByLetter[letterId] ?? NO_FIELDS;
  const edits = editsByLetter[letterId] ?? NO_FIELDS;
  const setField = (path: string, value: string) => setFieldsByLetter((all) => ({ ...all, [letterId]: { ...(all[letterId] ?? {}), [path]: value } }));
  const setEdit = (path: string, value: string) => setEditsByLetter((all) => ({ ...all, [letterId]: { ...(all[letterId] ?? {}), [path]: value } }));
  const [preview, setPreview] = React.useState<Record<string, string>>({});
  const [warnings, setWarnings] = React.useState<Array<Array<{ kind: string; message: string; blocks?: Delivery[] }>>>([]);
  // Per parent (index; -1 for a document not addressed to a parent): what holds the letter back.
  const [status, setStatus] = React.useState<Record<number, ParentStatus> | null>(null);
  const [done, setDone] = React.useState<Array<{ parent: string; evidence: LetterEvidence; tsv: string; recorded: boolean; note: string }>>([]);
  const [blocked, setBlocked] = React.useState<Array<{ parentName: string; reason: string }>>([]);
  const [copied, setCopied] = React.useState<string | null>(null);
  const [letterPreview, setLetterPreview] = React.useState<Preview | null>(null);
  // Focus goes to the next thing to do (the letter after choosing a pupil, the result after Write).
  const letterHeading = React.useRef<HTMLHeadingElement>(null);
  const resultHeading = React.useRef<HTMLHeadingElement>(null);
  const [focusNext, setFocusNext] = React.useState<"letter" | "result" | null>(null);

  const wanted = React.useMemo(() => (record ? lettersForRecord(record, ops.policy) : []), [record, ops.policy]);
  const suggested = React.useMemo(() => suggestedFirst(ops.catalogue, wanted), [ops.catalogue, wanted]);
  const heldIds = new Set(heldBack.map((h) => h.id));
  const suggestedIds = new Set(wanted.filter((id) => !heldIds.has(id)));
  const entry = ops.catalogue.find((e) => e.id === letterId) ?? null;
  const internal = entry?.addressedTo === "internal";
  const deliveryOf = (i: number): Delivery => deliveries[i] ?? "post";
  const firstParent = [...parents].sort((a, b) => a - b)[0];
  // The merge data and preview follow the first parent ticked, with their delivery.
  const delivery: Delivery = internal || firstParent === undefined ? "post" : deliveryOf(firstParent);

  const usePupil = (r: PupilRecordV1, ready?: Readiness, more: Record<string, unknown> = {}, facts?: FactSource, letter?: string) => {
    setRecord(r);
    setFactSource(facts);
    setReadiness(ready);
    setExtra(more);
    setParents(new Set(r.parents.map((_, i) => i)));
    setDeliveries(Object.fromEntries(r.parents.map((p, i) => [i, preferredDelivery(p.preferredContact) ?? "post"])));
    setFieldsByLetter({});
    setEditsByLetter({});
    setDone([]);
    setBlocked([]);
    setHeldBack([]);
    setStatus(null);
    setLetterId(letter ?? "");
    setFocusNext("letter");
    if (letter) return;
    // The suggestion is the first letter for the pupil's step whose facts hold: a letter the facts hold back is never suggested.
    const candidates = lettersForRecord(r, ops.policy).map((id) => ops.catalogue.find((e) => e.id === id)).filter((e): e is CatalogueEntry => !!e);
    if (candidates.length === 0) return;
    void ops.letters().then((lib) => {
      const choice = lib.letterTheFactsAllow(r, candidates, { date: parseDate(letterDate) ?? todayInUk(), delivery: "post", staff, fields: {}, policy: ops.policy, readiness: ready, factSource: facts });
      setHeldBack(choice.heldBack);
      setLetterId((current) => (current === "" ? choice.id ?? "" : current));
    });
  };

  React.useEffect(() => {
    if (focusNext === "letter" && record) letterHeading.current?.focus();
    if (focusNext === "result" && (done.length > 0 || blocked.length > 0)) resultHeading.current?.focus();
    if ((focusNext === "letter" && record) || (focusNext === "result" && (done.length > 0 || blocked.length > 0))) setFocusNext(null);
  }, [focusNext, record, done, blocked]);

  // Prefill the form from the merge data, and find what holds each parent's letter back, whenever the pupil, letter or options change.
  React.useEffect(() => {
    if (!record || !entry) return;
    let cancelled = false;
    void ops.letters().then((lib) => {
      if (cancelled) return;
      const options = { date: parseDate(letterDate) ?? todayInUk(), delivery, staff, fields, policy: ops.policy, readiness, factSource };
      const data = { ...lib.mergeDataFor(record, entry, Math.max(0, firstParent ?? 0), options), ...extra };
      const flat = flatten(data);
      // Lists (chronology, extract) count as filled when they have rows.
      for (const [k, v] of Object.entries(extra)) flat[k] = Array.isArray(v) && v.length > 0 ? `${v.length} rows` : "";
      setPreview(flat);
      const w = lib.parentWarnings(record, entry);
      setWarnings(w);
      const targets = entry.addressedTo === "internal" ? [-1] : record.parents.map((_, i) => i);
      setStatus(
        Object.fromEntries(
          targets.map((i) => [
            i,
            {
              cannot: i >= 0 ? lib.cannotReceive(record, entry, i, deliveryOf(i), w) : null,
              facts: lib.letterFacts(record, entry, i, { ...options, delivery: i >= 0 ? deliveryOf(i) : "post" }).failures,
            },
          ]),
        ),
      );
    });
    return () => {
      cancelled = true;
    };
    // deliveryOf reads deliveries
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [record, entry, parents, letterDate, delivery, deliveries, staff, fields, ops, readiness, extra, factSource]);

  // The field list of the chosen letter: each field once (a template may list one as both required and optional).
  const formFields = entry ? [...new Set([...entry.required, ...entry.optional])].filter((path) => !(path in extra) && path !== "chronology" && path !== "extract") : [];
  const required = entry ? [...new Set(["school.name", "school.signatoryName", ...entry.required])] : [];
  const valueOf = (path: string) => (path in fields ? fields[path] : path in edits ? edits[path] : preview[path] ?? "");
  const missing = required.filter((p) => valueOf(p).trim() === "");
  // The letters that will be written: ticked parents who can receive their delivery and whose facts hold.
  const targets = !entry ? [] : internal ? [-1] : [...parents].sort((a, b) => a - b);
  const willWrite = status === null ? [] : targets.filter((i) => status[i] && status[i].cannot === null && status[i].facts.length === 0);
  const heldFor = status === null ? [] : targets.filter((i) => !willWrite.includes(i));
  const handParents = internal ? [] : targets.filter((i) => deliveryOf(i) === "hand");
  // Everything that stops the letter being written, said in one place beside the Write button.
  const blockers = [
    ...(missing.length > 0 ? [`fill in ${missing.map(fieldLabel).join(", ")}`] : []),
    ...(staff.trim() ? [] : ["give your name"]),
    ...(entry && !internal && parents.size === 0 ? ["tick at least one parent"] : []),
    ...(entry && targets.length > 0 && status !== null && willWrite.length === 0 ? [internal ? "the facts it states must hold (see above)" : "at least one parent must be able to receive it (see above)"] : []),
    ...(handParents.length > 0 && !handedTo.trim() ? ["say who it was handed to"] : []),
    ...(handParents.length > 0 && !handedAt ? ["give the date and time it was handed over"] : []),
    ...(parseDate(letterDate) === null ? ["give the letter's date"] : []),
  ];
  // Figures more than a week older than the letter's date are flagged before the letter quotes them.
  const asOfDay = record?.asOf ? parseDate(record.asOf) : null;
  const letterDay = parseDate(letterDate);
  const stale = asOfDay !== null && letterDay !== null && letterDay - asOfDay > 7 ? letterDay - asOfDay : null;

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    // A record file saved from the Excel pane (where the clipboard was blocked).
    if (/\.txt$/i.test(file.name)) {
      const r = decodeRecord(await file.text());
      if (!r.ok) setError(r.message);
      else usePupil(r.record);
      return;
    }
    const stop = new AbortController();
    setOpening(stop);
    setProgress({ fraction: 0.02, message: `Opening ${file.name}` });
    try {
      const opened = await ops.openTracker(file, { onProgress: (fraction, message) => setProgress({ fraction, message }), signal: stop.signal });
      setTracker(opened);
      setRecord(null);
    } catch (e) {
      if (e instanceof Error && (e.name === "ReadCancelled" || e.name === "AnalysisCancelled")) setError(null);
      else setError(e instanceof Error ? e.message : "The tracker could not be opened.");
    } finally {
      setOpening(null);
      setProgress(null);
    }
  };

  const matches = tracker && query.trim().length >= 2 ? tracker.pupils.filter((p) => `${p.name} ${p.upn}`.toLowerCase().includes(query.trim().toLowerCase())).slice(0, 20) : [];

  const write = async () => {
    if (!record || !entry) return;
    setError(null);
    setDone([]);
    setBlocked([]);
    setProgress({ fraction: 0.2, message: "Writing the letters" });
    const held: Array<{ parentName: string; reason: string }> = [];
    try {
      const [lib, template] = await Promise.all([ops.letters(), ops.loadTemplate(entry)]);
      // One run per parent, each with the delivery chosen for them (their Preferred contact unless changed).
      const letters: Awaited<ReturnType<typeof lib.produceLetters>>["letters"] = [];
      for (const i of targets) {
        const d: Delivery = i >= 0 ? deliveryOf(i) : "post";
        const result = lib.produceLetters(
          record,
          entry,
          template,
          { parents: internal ? undefined : [i], date: parseDate(letterDate) ?? todayInUk(), delivery: d, staff, fields, policy: ops.policy, readiness, handedTo: d === "hand" ? handedTo : undefined, handedAt: d === "hand" ? ukDateTime(handedAt) : undefined, factSource },
          (built) => {
            const data = { ...built, ...extra };
            for (const [path, value] of Object.entries(edits)) setPath(data, path, value);
            return data;
          },
        );
        letters.push(...result.letters);
        held.push(...result.blocked);
      }
      setProgress({ fraction: 0.5, message: letters.length === 1 ? "Writing the letter" : `Writing ${letters.length} letters` });
      // Only letters actually in a document are listed (and recorded); each says where its record is.
      const shown = (written: WrittenLetter[]) =>
        written.flatMap((w) => (w.evidence === null ? [] : [{ parent: letters.find((l) => l.fileName === w.fileName)?.parentName ?? "", evidence: w.evidence, tsv: lib.evidenceToTsv(w.evidence), recorded: w.recorded, note: w.note }]));
      try {
        if (letters.length > 0) setDone(shown(await ops.target.writeLetters(letters, destination)));
      } catch (e) {
        if (e instanceof LettersPartlyWritten) setDone(shown(e.written));
        throw e;
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : "The letter could not be written.");
    } finally {
      setBlocked(held);
      setProgress(null);
      setFocusNext("result");
    }
  };

  // The letter as it will be written, for the first parent who will receive it: same template, data and edits as Write.
  const showPreview = async () => {
    if (!record || !entry) return;
    const [lib, template] = await Promise.all([ops.letters(), ops.loadTemplate(entry)]);
    const parent = internal ? 0 : willWrite[0] ?? firstParent ?? 0;
    // The same facts as Write: a letter whose facts fail is previewed as the sentence that holds it back.
    const options = { date: parseDate(letterDate) ?? todayInUk(), delivery: internal ? "post" as Delivery : deliveryOf(parent), staff, fields, policy: ops.policy, readiness, factSource };
    const facts = lib.letterFacts(record, entry, internal ? -1 : parent, options);
    if (facts.failures.length > 0) {
      setLetterPreview({ ok: false, message: facts.failures.join(" ") });
      return;
    }
    const data = { ...lib.mergeDataFor(record, entry, parent, options), ...extra } as MergeData;
    for (const [path, value] of Object.entries(edits)) setPath(data, path, value);
    setLetterPreview(await previewLetter(lib, template, data, required));
  };
  React.useEffect(() => setLetterPreview(null), [record, entry, parents, letterDate, deliveries, staff, fields, edits, factSource]);

  const editable = Object.entries(preview).filter(([k]) => EDITABLE_GROUPS.includes(k.split(".")[0]) && !required.includes(k) && !(entry?.optional ?? []).includes(k));
  const parentLabel = (p: PupilRecordV1["parents"][number]) => [p.title, p.forename, p.surname].filter(Boolean).join(" ");

  return (
    <main className={s.root}>
      <Title3 as="h1">Letters</Title3>
      {ops.banner}
      <div className={s.row}>
        <Field label="Your name" required hint="Who is sending the letters (for the evidence record)">
          <Input value={staff} onChange={(_, d) => setStaff(d.value)} />
        </Field>
        <Field label="Letter date" required>
          <Input type="date" value={letterDate} onChange={(_, d) => setLetterDate(d.value)} />
        </Field>
      </div>
      <Subtitle2 as="h2" block>
        1. The pupil
      </Subtitle2>
      <div className={s.row}>
        <input type="file" className={s.file} accept=".xlsx,.csv,.txt" aria-label="Open the tracker workbook, or a record file saved in Excel" onChange={(e) => void openFile(e.target.files?.[0])} />
        {ops.openSample && (
          <Button size="small" onClick={async () => void openFile(await ops.openSample!())}>
            Open the bundled sample
          </Button>
        )}
      </div>
      {tracker && (
        <ThisWeekLetters
          key={tracker.pupils.length}
          due={tracker.lettersDue()}
          openRecord={tracker.record}
          catalogue={ops.catalogue}
          letters={ops.letters}
          loadTemplate={ops.loadTemplate}
          target={ops.target}
          destination={destination}
          policy={ops.policy}
          staff={staff}
          letterDate={letterDate}
          onOpen={(upn: string, letter: string | null) => {
            const r = tracker.record(upn);
            usePupil(r.record, r.readiness, r.extra, r.factSource, letter ?? undefined);
          }}
        />
      )}
      {tracker && (
        <Field label="Search by name or UPN" hint={`${plural(tracker.pupils.length, "pupil")} in the tracker`}>
          <Input value={query} onChange={(_, d) => setQuery(d.value)} aria-label="Search by name or UPN" />
        </Field>
      )}
      {matches.length > 0 && (
        <ul className={s.list} aria-label="Matching pupils">
          {matches.map((p) => (
            <li key={p.upn}>
              <Button
                appearance="transparent"
                className={s.pupilButton}
                onClick={() => {
                  const r = tracker!.record(p.upn);
                  usePupil(r.record, r.readiness, r.extra, r.factSource);
                  setQuery("");
                }}
              >
                {p.name || p.upn} ({p.upn}), Year {p.year}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Field label="Or paste the record copied in Excel">
        <Textarea value={pasted} onChange={(_, d) => setPasted(d.value)} resize="vertical" />
      </Field>
      <div className={s.row}>
        <Button
          size="small"
          disabled={pasted.trim() === ""}
          onClick={() => {
            const r = decodeRecord(pasted);
            if (!r.ok) setError(r.message);
            else {
              setError(null);
              usePupil(r.record);
              setPasted("");
            }
          }}
        >
          Use the pasted record
        </Button>
      </div>
      <Progress state={progress} />
      {opening && (
        <Button size="small" onClick={() => opening.abort()}>
          Cancel opening the file
        </Button>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {record && (
        <section aria-label={`Pupil: ${fullName(record.pupil)}`}>
          <Text as="p" block>
            <strong>{fullName(record.pupil) || record.pupil.upn}</strong> ({record.pupil.upn}), Year {record.pupil.year}: attendance {percent(record.figures.attendancePercent)}, {record.stage.stage > 0 ? record.stage.name : "no stage"}.
          </Text>
          <Caption1 block>Suggested next step: {record.nextStep.action}</Caption1>
          <Divider />
          <h2 ref={letterHeading} tabIndex={-1} className={s.heading}>
            <Subtitle2>2. The letter</Subtitle2>
          </h2>
          {heldBack.map((h) => (
            <MessageBar key={h.id} intent="warning" className={s.message}>
              <MessageBarBody>
                <strong>{h.title}</strong> is not suggested: the facts hold it back. {h.reason}
              </MessageBarBody>
            </MessageBar>
          ))}
          <Field label="Letter">
            <Dropdown value={entry?.title ?? ""} selectedOptions={[letterId]} onOptionSelect={(_, d) => setLetterId(d.optionValue ?? "")} placeholder="Choose a letter">
              {suggested.map((e) => (
                <Option key={e.id} value={e.id} text={e.title}>
                  {suggestedIds.has(e.id) ? `Suggested: ${e.title}` : heldIds.has(e.id) ? `Held back: ${e.title}` : e.title}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {entry && internal && status?.[-1] && status[-1].facts.length > 0 && (
            <MessageBar intent="error" className={s.message}>
              <MessageBarBody>Held back: {status[-1].facts.join(" ")}</MessageBarBody>
            </MessageBar>
          )}
          {entry && !internal && (
            <fieldset className={s.fieldset}>
              <legend>
                <Subtitle2 as="h3">Parents (one letter each)</Subtitle2>
              </legend>
              {record.parents.length === 0 && <Text>No parent or carer is recorded on the Contacts sheet.</Text>}
              {record.parents.map((p, i) => {
                const st = status?.[i];
                const ticked = parents.has(i);
                return (
                  <div key={i} className={s.parent}>
                    <Checkbox
                      checked={ticked}
                      label={`${parentLabel(p)} (${p.relationship || "parent"})`}
                      onChange={(_, d) =>
                        setParents((old) => {
                          const next = new Set(old);
                          if (d.checked) next.add(i);
                          else next.delete(i);
                          return next;
                        })
                      }
                    />
                    {ticked && (
                      <Field label={`How it goes to ${parentLabel(p) || `parent ${i + 1}`}`} hint={preferredDelivery(p.preferredContact) ? `Preferred contact: ${p.preferredContact}` : "No preferred contact on the Contacts sheet"}>
                        <RadioGroup value={deliveryOf(i)} onChange={(_, d) => setDeliveries((old) => ({ ...old, [i]: d.value as Delivery }))} layout="horizontal">
                          <Radio value="email" label="Email" />
                          <Radio value="hand" label="By hand" />
                          <Radio value="post" label="Post" />
                        </RadioGroup>
                      </Field>
                    )}
                    {ticked && st && (st.cannot || st.facts.length > 0) && (
                      <MessageBar intent="error" className={s.message}>
                        <MessageBarBody>
                          Not written for {parentLabel(p) || `parent ${i + 1}`}: {st.cannot ? `${st.cannot} Choose another way to send it, or untick this parent.` : st.facts.join(" ")}
                        </MessageBarBody>
                      </MessageBar>
                    )}
                    {(warnings[i] ?? [])
                      .filter((w) => !(ticked && st?.cannot && w.blocks?.includes(deliveryOf(i))))
                      .map((w) => (
                        <MessageBar key={w.kind} intent="warning" className={s.message}>
                          <MessageBarBody>{w.message}</MessageBarBody>
                        </MessageBar>
                      ))}
                  </div>
                );
              })}
            </fieldset>
          )}
          {entry && (
            <>
              {handParents.length > 0 && (
                <div className={s.row}>
                  <Field label="Handed to" required>
                    <Input value={handedTo} onChange={(_, d) => setHandedTo(d.value)} />
                  </Field>
                  <Field label="Date and time handed over" required validationMessage={handedAt ? undefined : "When the letter was handed over (for the evidence record)"} validationState={handedAt ? "none" : "warning"}>
                    {/* A real date-time picker: free text let "yesterday" through into the evidence. */}
                    <Input type="datetime-local" value={handedAt} max={`${formatIso(todayInUk())}T23:59`} onChange={(_, d) => setHandedAt(d.value)} />
                  </Field>
                </div>
              )}
              <Subtitle2 as="h3" block>
                Letter details
              </Subtitle2>
              {formFields.map((path) => {
                const isRequired = entry.required.includes(path);
                const isMissing = isRequired && valueOf(path).trim() === "";
                return (
                  <Field
                    key={`${letterId}:${path}`}
                    label={formLabel(path)}
                    required={isRequired}
                    hint={!fields[path] && preview[path] ? `Unless you change it: ${preview[path]}` : undefined}
                    validationMessage={isMissing ? "Needed for this letter" : undefined}
                    validationState={isMissing ? "error" : "none"}
                  >
                    {/* Every date a date picker: free text let "tomorrow" into a Notice's period. */}
                    <Input type={isDateField(path) ? "date" : "text"} value={fields[path] ?? ""} onChange={(_, d) => setField(path, d.value)} />
                  </Field>
                );
              })}
              <details>
                <summary className={s.summary}>Check every field ({editable.length})</summary>
                {editable.map(([path, value]) => (
                  <Field key={`${letterId}:${path}`} label={formLabel(path)}>
                    <Input value={path in edits ? edits[path] : value} onChange={(_, d) => setEdit(path, d.value)} />
                  </Field>
                ))}
              </details>
              <Divider />
              <Subtitle2 as="h2" block>
                3. Write
              </Subtitle2>
              <Field label="Where the letter goes">
                <RadioGroup value={destination} onChange={(_, d) => setDestination(d.value as Destination)}>
                  {ops.target.destinations().map((d) => (
                    <Radio key={d.value} value={d.value} label={d.note ? `${d.label}. ${d.note}` : d.label} />
                  ))}
                </RadioGroup>
              </Field>
              {stale !== null && (
                <MessageBar intent="warning">
                  <MessageBarBody>
                    The figures are as at {ukDate(record.asOf)}, {plural(stale, "day")} before the letter's date. Analyse the tracker again, or date the letter nearer to the figures, so the letter does not quote old attendance as current.
                  </MessageBarBody>
                </MessageBar>
              )}
              {blockers.length > 0 && (
                <MessageBar intent="error">
                  <MessageBarBody>To write this letter: {blockers.join("; ")}.</MessageBarBody>
                </MessageBar>
              )}
              {!internal && heldFor.length > 0 && willWrite.length > 0 && (
                <Caption1 block>
                  {plural(willWrite.length, "letter")} will be written; not for {heldFor.map((i) => parentLabel(record.parents[i]) || `parent ${i + 1}`).join(" and ")} (see above).
                </Caption1>
              )}
              <Button onClick={() => void showPreview()} disabled={progress !== null}>
                {letterPreview ? "Refresh the preview" : "Preview the letter"}
              </Button>
              {letterPreview && (
                // A scroll box the keyboard reaches (axe: scrollable-region-focusable).
                <section aria-label="Preview of the letter" role="region" tabIndex={0} className={s.preview}>
                  {letterPreview.ok ? (
                    letterPreview.paragraphs.map((para, i) => (
                      <p key={i} className={s.previewPara}>
                        {para}
                      </p>
                    ))
                  ) : (
                    <Caption1>{letterPreview.message}</Caption1>
                  )}
                </section>
              )}
              <Button appearance="primary" disabled={blockers.length > 0 || progress !== null || status === null || willWrite.length === 0} onClick={() => void write()}>
                {internal ? "Write the document" : `Write ${plural(willWrite.length, "letter")}`}
              </Button>
            </>
          )}
          {(done.length > 0 || blocked.length > 0) && (
            <section aria-label="Letters written" className={s.results} role="region" tabIndex={0}>
              <h3 ref={resultHeading} tabIndex={-1} className={s.heading}>
                <Subtitle2>{done.length === 0 ? "Nothing written" : done.every((d) => d.recorded) ? "Written, with the evidence kept" : "Written"}</Subtitle2>
              </h3>
              <ul className={s.list}>
                {done.map((d, i) => (
                  <li key={i}>
                    <Badge appearance="tint" color="success">
                      {DELIVERY_TEXT[d.evidence.delivery] ? d.evidence.delivery === "email" ? "Email" : d.evidence.delivery === "hand" ? "By hand" : "Post" : d.evidence.delivery}
                    </Badge>{" "}
                    {d.evidence.letterTitle} to {d.parent || "file"}, dated {ukDate(d.evidence.date)}. {d.note}
                  </li>
                ))}
              </ul>
              {blocked.map((b, i) => (
                <MessageBar key={i} intent="warning">
                  <MessageBarBody>
                    Not written for {b.parentName}: {b.reason}
                  </MessageBarBody>
                </MessageBar>
              ))}
              {done.length > 0 && (
                <Button
                  size="small"
                  onClick={async () => {
                    await ops.copyText(done.map((d) => d.tsv).join("\n") + "\n");
                    setCopied("Copied. In Excel, click the first empty row of the Actions table and paste.");
                  }}
                >
                  Copy for the Actions sheet
                </Button>
              )}
              {copied && <Caption1 aria-live="polite">{copied}</Caption1>}
            </section>
          )}
        </section>
      )}
      <GovernorsReport target={ops.target} destination={destination} loadTemplate={ops.loadReportTemplate ?? (async () => new Uint8Array(await (await fetch("assets/trust/governors-report.docx")).arrayBuffer()))} />
    </main>
  );
}
