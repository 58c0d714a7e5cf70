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
import type { Delivery } from "../../engine/contact-rules";
import { formatIso, parseDate, todayInUk } from "../../engine/dates";
import type { PupilRecordV1 } from "../../files/pupil-record";
import { decodeRecord } from "../../files/pupil-record";
import { CatalogueEntry, lettersForRecord, suggestedFirst } from "../../letters/catalogue";
import type { MergeData } from "../../letters/merge-data";
import type { LetterEvidence } from "../../letters/evidence";
import { fieldLabel } from "../../letters/fields";
import { LettersPartlyWritten } from "../../adapters/word/word-target";
import type { Destination, LetterTarget, WrittenLetter } from "../../adapters/word/word-target";
import { GovernorsReport } from "./GovernorsReport";
import type { Policy } from "../../engine/policy";
import { fullName, percent, plural, ukDate } from "../shared/format";

/** A field's label as a school would write it: "Notice to Improve period weeks", not "Nti period weeks". */
function formLabel(path: string): string {
  return fieldLabel(path)
    .replace(/^the /, "")
    .replace(/\bnti\b/gi, "Notice to Improve")
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
  results: { maxHeight: "200px", overflowY: "auto" },
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

/** What the pane needs, passed in: no Office and no file system in the component. */
export interface WordPaneOps {
  target: LetterTarget;
  catalogue: CatalogueEntry[];
  /** Open a tracker file: returns a search over its pupils and the record builder. */
  openTracker(file: File, reading?: { onProgress?: (fraction: number, message: string) => void; signal?: AbortSignal }): Promise<{ pupils: PupilChoice[]; record(upn: string): { record: PupilRecordV1; readiness: Readiness; extra: Record<string, unknown>; factSource?: FactSource } }>;
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

const DATE_FIELD = /(date|Date|from|\.to|start|review|periodEnd)$/;

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

export function WordPane(ops: WordPaneOps) {
  const s = useStyles();
  const [record, setRecord] = React.useState<PupilRecordV1 | null>(null);
  const [readiness, setReadiness] = React.useState<Readiness | undefined>(undefined);
  // Chronology and register extract for the evidence pack: only a tracker file carries them.
  const [extra, setExtra] = React.useState<Record<string, unknown>>({});
  // The register and log behind the record, to check the facts a letter states (a pasted record has none: such letters are held back, saying why).
  const [factSource, setFactSource] = React.useState<FactSource | undefined>(undefined);
  const [tracker, setTracker] = React.useState<Awaited<ReturnType<WordPaneOps["openTracker"]>> | null>(null);
  const [query, setQuery] = React.useState("");
  const [pasted, setPasted] = React.useState("");
  const [error, setError] = React.useState<string | null>(null);
  const [progress, setProgress] = React.useState<ProgressState | null>(null);
  // While a tracker is being opened: stops the reading.
  const [opening, setOpening] = React.useState<AbortController | null>(null);
  const [letterId, setLetterId] = React.useState<string>("");
  const [parents, setParents] = React.useState<Set<number>>(new Set());
  const [delivery, setDelivery] = React.useState<Delivery>("post");
  const [handedTo, setHandedTo] = React.useState("");
  const [handedAt, setHandedAt] = React.useState("");
  const [destination, setDestination] = React.useState<Destination>(ops.target.destinations()[0].value);
  const [staff, setStaff] = React.useState("");
  const [letterDate, setLetterDate] = React.useState(formatIso(todayInUk()));
  const [fields, setFields] = React.useState<Record<string, string>>({});
  const [edits, setEdits] = React.useState<Record<string, string>>({});
  const [preview, setPreview] = React.useState<Record<string, string>>({});
  const [warnings, setWarnings] = React.useState<Array<Array<{ kind: string; message: string; blocks?: Delivery[] }>>>([]);
  const [done, setDone] = React.useState<Array<{ parent: string; evidence: LetterEvidence; tsv: string; recorded: boolean; note: string }>>([]);
  const [blocked, setBlocked] = React.useState<Array<{ parentName: string; reason: string }>>([]);
  const [copied, setCopied] = React.useState<string | null>(null);
  const [letterPreview, setLetterPreview] = React.useState<Preview | null>(null);

  const wanted = React.useMemo(() => (record ? lettersForRecord(record, ops.policy) : []), [record, ops.policy]);
  const suggested = React.useMemo(() => suggestedFirst(ops.catalogue, wanted), [ops.catalogue, wanted]);
  const suggestedIds = new Set(wanted);
  const entry = ops.catalogue.find((e) => e.id === letterId) ?? null;

  const usePupil = (r: PupilRecordV1, ready?: Readiness, more: Record<string, unknown> = {}, facts?: FactSource) => {
    setRecord(r);
    setFactSource(facts);
    setReadiness(ready);
    setExtra(more);
    setParents(new Set(r.parents.map((_, i) => i)));
    setDone([]);
    setBlocked([]);
    setLetterId(r.nextStep.letter ?? "");
  };

  // Prefill the form from the merge data whenever the pupil, letter or options change.
  React.useEffect(() => {
    if (!record || !entry) return;
    let cancelled = false;
    void ops.letters().then((lib) => {
      if (cancelled) return;
      const data = { ...lib.mergeDataFor(record, entry, Math.max(0, [...parents][0] ?? 0), { date: parseDate(letterDate) ?? todayInUk(), delivery, staff, fields, policy: ops.policy, readiness, factSource }), ...extra };
      const flat = flatten(data);
      // Lists (chronology, extract) count as filled when they have rows.
      for (const [k, v] of Object.entries(extra)) flat[k] = Array.isArray(v) && v.length > 0 ? `${v.length} rows` : "";
      setPreview(flat);
      setWarnings(lib.parentWarnings(record, entry));
    });
    return () => {
      cancelled = true;
    };
  }, [record, entry, parents, letterDate, delivery, staff, fields, ops, readiness, extra, factSource]);

  const required = entry ? ["school.name", "school.signatoryName", ...entry.required] : [];
  const valueOf = (path: string) => (path in fields ? fields[path] : path in edits ? edits[path] : preview[path] ?? "");
  const missing = required.filter((p) => valueOf(p).trim() === "");
  // Everything that stops the letter being written, said in one place beside the Write button.
  const blockers = [
    ...(missing.length > 0 ? [`fill in ${missing.map(fieldLabel).join(", ")}`] : []),
    ...(staff.trim() ? [] : ["give your name"]),
    ...(entry && entry.addressedTo !== "internal" && parents.size === 0 ? ["tick at least one parent"] : []),
    ...(delivery === "hand" && !handedTo.trim() ? ["say who it was handed to"] : []),
    ...(delivery === "hand" && !handedAt ? ["give the date and time it was handed over"] : []),
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
    try {
      const [lib, template] = await Promise.all([ops.letters(), ops.loadTemplate(entry)]);
      const result = lib.produceLetters(
        record,
        entry,
        template,
        { parents: entry.addressedTo === "internal" ? undefined : [...parents].sort(), date: parseDate(letterDate) ?? todayInUk(), delivery, staff, fields, policy: ops.policy, readiness, handedTo, handedAt: ukDateTime(handedAt), factSource },
        (built) => {
          const data = { ...built, ...extra };
          for (const [path, value] of Object.entries(edits)) setPath(data, path, value);
          return data;
        },
      );
      setProgress({ fraction: 0.5, message: result.letters.length === 1 ? "Writing the letter" : `Writing ${result.letters.length} letters` });
      // Only letters actually in a document are listed (and recorded); each says where its record is.
      const shown = (written: WrittenLetter[]) =>
        written.flatMap((w) => (w.evidence === null ? [] : [{ parent: result.letters.find((l) => l.fileName === w.fileName)?.parentName ?? "", evidence: w.evidence, tsv: lib.evidenceToTsv(w.evidence), recorded: w.recorded, note: w.note }]));
      try {
        setDone(shown(await ops.target.writeLetters(result.letters, destination)));
      } catch (e) {
        if (e instanceof LettersPartlyWritten) setDone(shown(e.written));
        throw e;
      }
      setBlocked(result.blocked);
    } catch (e) {
      setError(e instanceof Error ? e.message : "The letter could not be written.");
    } finally {
      setProgress(null);
    }
  };

  // The letter as it will be written, for the first parent ticked: same template, data and edits as Write.
  const showPreview = async () => {
    if (!record || !entry) return;
    const [lib, template] = await Promise.all([ops.letters(), ops.loadTemplate(entry)]);
    const first = entry.addressedTo === "internal" ? 0 : Math.min(...[...parents]);
    const parent = Number.isFinite(first) ? first : 0;
    // The same facts as Write: a letter whose facts fail is previewed as the sentence that holds it back.
    const options = { date: parseDate(letterDate) ?? todayInUk(), delivery, staff, fields, policy: ops.policy, readiness, factSource };
    const facts = lib.letterFacts(record, entry, entry.addressedTo === "internal" ? -1 : parent, options);
    if (facts.failures.length > 0) {
      setLetterPreview({ ok: false, message: facts.failures.join(" ") });
      return;
    }
    const data = { ...lib.mergeDataFor(record, entry, parent, options), ...extra } as MergeData;
    for (const [path, value] of Object.entries(edits)) setPath(data, path, value);
    setLetterPreview(await previewLetter(lib, template, data, required));
  };
  React.useEffect(() => setLetterPreview(null), [record, entry, parents, letterDate, delivery, staff, fields, edits, factSource]);

  const editable = Object.entries(preview).filter(([k]) => EDITABLE_GROUPS.includes(k.split(".")[0]) && !required.includes(k) && !(entry?.optional ?? []).includes(k));

  return (
    <main className={s.root}>
      <Title3 as="h1">Letters</Title3>
      {ops.banner}
      <Subtitle2 as="h2" block>
        1. The pupil
      </Subtitle2>
      <div className={s.row}>
        <input type="file" accept=".xlsx,.csv,.txt" aria-label="Open the tracker workbook, or a record file saved in Excel" onChange={(e) => void openFile(e.target.files?.[0])} />
        {ops.openSample && (
          <Button size="small" onClick={async () => void openFile(await ops.openSample!())}>
            Open the bundled sample
          </Button>
        )}
      </div>
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
          <Subtitle2 as="h2" block>
            2. The letter
          </Subtitle2>
          <Field label="Letter">
            <Dropdown value={entry?.title ?? ""} selectedOptions={[letterId]} onOptionSelect={(_, d) => { setLetterId(d.optionValue ?? ""); setFields({}); setEdits({}); }} placeholder="Choose a letter">
              {suggested.map((e) => (
                <Option key={e.id} value={e.id} text={e.title}>
                  {suggestedIds.has(e.id) ? `Suggested: ${e.title}` : e.title}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {entry && entry.addressedTo !== "internal" && (
            <fieldset style={{ border: "none", padding: 0, margin: 0, minWidth: 0 }}>
              <legend>
                <Subtitle2 as="h3">Parents (one letter each)</Subtitle2>
              </legend>
              {record.parents.length === 0 && <Text>No parent or carer is recorded on the Contacts sheet.</Text>}
              {record.parents.map((p, i) => (
                <div key={i}>
                  <Checkbox
                    checked={parents.has(i)}
                    label={`${[p.title, p.forename, p.surname].filter(Boolean).join(" ")} (${p.relationship || "parent"})`}
                    onChange={(_, d) =>
                      setParents((old) => {
                        const next = new Set(old);
                        if (d.checked) next.add(i);
                        else next.delete(i);
                        return next;
                      })
                    }
                  />
                  {(warnings[i] ?? []).map((w) => (
                    <MessageBar key={w.kind} intent="warning">
                      <MessageBarBody>{w.message}</MessageBarBody>
                    </MessageBar>
                  ))}
                </div>
              ))}
            </fieldset>
          )}
          {entry && (
            <>
              <Field label="How it will be delivered">
                <RadioGroup value={delivery} onChange={(_, d) => setDelivery(d.value as Delivery)} layout="horizontal">
                  <Radio value="email" label="Email" />
                  <Radio value="hand" label="By hand" />
                  <Radio value="post" label="First-class post" />
                </RadioGroup>
              </Field>
              {delivery === "hand" && (
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
              <div className={s.row}>
                <Field label="Letter date" required>
                  <Input type="date" value={letterDate} onChange={(_, d) => setLetterDate(d.value)} />
                </Field>
                <Field label="Your name" required validationMessage={staff.trim() ? undefined : "Who is sending the letter (for the evidence record)"} validationState={staff.trim() ? "none" : "warning"}>
                  <Input value={staff} onChange={(_, d) => setStaff(d.value)} />
                </Field>
              </div>
              <Subtitle2 as="h3" block>
                Letter details
              </Subtitle2>
              {[...entry.required, ...entry.optional].filter((path) => !(path in extra) && path !== "chronology" && path !== "extract").map((path) => {
                const isRequired = entry.required.includes(path);
                const isMissing = isRequired && valueOf(path).trim() === "";
                return (
                  <Field
                    key={path}
                    label={formLabel(path)}
                    required={isRequired}
                    hint={!fields[path] && preview[path] ? `Unless you change it: ${preview[path]}` : undefined}
                    validationMessage={isMissing ? "Needed for this letter" : undefined}
                    validationState={isMissing ? "error" : "none"}
                  >
                    <Input type={DATE_FIELD.test(path) ? "date" : "text"} value={fields[path] ?? ""} onChange={(_, d) => setFields((f) => ({ ...f, [path]: d.value }))} />
                  </Field>
                );
              })}
              <details>
                <summary>Check every field ({editable.length})</summary>
                {editable.map(([path, value]) => (
                  <Field key={path} label={formLabel(path)}>
                    <Input value={path in edits ? edits[path] : value} onChange={(_, d) => setEdits((e) => ({ ...e, [path]: d.value }))} />
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
              <Button onClick={() => void showPreview()} disabled={progress !== null}>
                {letterPreview ? "Refresh the preview" : "Preview the letter"}
              </Button>
              {letterPreview && (
                <section aria-label="Preview of the letter" className={s.preview}>
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
              <Button appearance="primary" disabled={blockers.length > 0 || progress !== null} onClick={() => void write()}>
                Write {entry.addressedTo === "internal" ? "the document" : plural(parents.size, "letter")}
              </Button>
            </>
          )}
          {blocked.map((b, i) => (
            <MessageBar key={i} intent="warning">
              <MessageBarBody>
                Not written for {b.parentName}: {b.reason}
              </MessageBarBody>
            </MessageBar>
          ))}
          {done.length > 0 && (
            <section aria-label="Letters written" className={s.results}>
              <Subtitle2 as="h3" block>
                {done.every((d) => d.recorded) ? "Written, with the evidence kept" : "Written"}
              </Subtitle2>
              <ul className={s.list}>
                {done.map((d, i) => (
                  <li key={i}>
                    <Badge appearance="tint" color="success">
                      {d.evidence.delivery}
                    </Badge>{" "}
                    {d.evidence.letterTitle} to {d.parent || "file"} on {d.evidence.date}. {d.note}
                  </li>
                ))}
              </ul>
              <Button
                size="small"
                onClick={async () => {
                  await ops.copyText(done.map((d) => d.tsv).join("\n") + "\n");
                  setCopied("Copied. In Excel, click the first empty row of the Actions table and paste.");
                }}
              >
                Copy for the Actions sheet
              </Button>
              {copied && <Caption1 aria-live="polite">{copied}</Caption1>}
            </section>
          )}
        </section>
      )}
      <GovernorsReport target={ops.target} destination={destination} loadTemplate={ops.loadReportTemplate ?? (async () => new Uint8Array(await (await fetch("assets/trust/governors-report.docx")).arrayBuffer()))} />
    </main>
  );
}
