/**
 * This week's letters (issue 23): the pupils whose next step this week is a letter (the engine's
 * lettersDueThisWeek, as `letters --group` on the command line), each with the letter the facts allow
 * and each parent's delivery from their Preferred contact; written in turn, pupil by pupil, with a
 * summary of what was written and what was held back, and why. A letter the facts hold back is never
 * offered: the row says why before anything is pressed. Loaded when a tracker is opened (own chunk).
 */
import * as React from "react";
import { Badge, Button, Caption1, MessageBar, MessageBarBody, Spinner, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { Readiness } from "../../engine/readiness";
import type { FactSource } from "../../engine/letter-facts";
import { Delivery, preferredDelivery } from "../../engine/contact-rules";
import { parseDate, todayInUk } from "../../engine/dates";
import type { PupilRecordV1 } from "../../files/pupil-record";
import type { CatalogueEntry } from "../../letters/catalogue";
import type { LetterEvidence } from "../../letters/evidence";
import type { Destination, LetterTarget } from "../../adapters/word/word-target";
import type { Policy } from "../../engine/policy";
import { plural, ukDate } from "../shared/format";
import { Progress, ProgressState } from "../shared/Progress";

/** A pupil on this week's list (from the opened tracker). */
export interface LetterDueRow {
  upn: string;
  name: string;
  year: string;
  /** The letters the pupil's step suggests, most fitting first. */
  letters: string[];
  why: string;
}

type Lib = typeof import("../../letters/produce") & typeof import("../../letters/render");
type Opened = { record: PupilRecordV1; readiness: Readiness; extra: Record<string, unknown>; factSource?: FactSource };

interface ParentPlan {
  index: number;
  name: string;
  delivery: Delivery;
  /** Why this parent's letter will not be written (delivery or facts), or null. */
  held: string | null;
}

interface Row extends LetterDueRow {
  entry: CatalogueEntry | null;
  heldBack: Array<{ title: string; reason: string }>;
  parents: ParentPlan[];
}

const DELIVERY_WORDS: Record<Delivery, string> = { email: "email", hand: "by hand", post: "post" };

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  box: { maxHeight: "360px", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, padding: tokens.spacingHorizontalS },
  heading: { margin: 0 },
  row: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "center" },
  summary: { minHeight: "24px", cursor: "pointer", fontSize: tokens.fontSizeBase200 },
});

export function ThisWeekLetters(props: {
  due: LetterDueRow[];
  openRecord(upn: string): Opened;
  catalogue: CatalogueEntry[];
  letters(): Promise<Lib>;
  loadTemplate(entry: CatalogueEntry): Promise<Uint8Array>;
  target: LetterTarget;
  destination: Destination;
  policy: Policy;
  staff: string;
  letterDate: string;
  onOpen(upn: string, letter: string | null): void;
}) {
  const s = useStyles();
  const [rows, setRows] = React.useState<Row[] | null>(null);
  const [progress, setProgress] = React.useState<ProgressState | null>(null);
  const [summary, setSummary] = React.useState<{ written: Array<{ pupil: string; evidence: LetterEvidence; tsv: string }>; held: Array<{ pupil: string; reason: string }>; error?: string } | null>(null);
  const summaryHeading = React.useRef<HTMLHeadingElement>(null);
  const date = parseDate(props.letterDate) ?? todayInUk();

  // Which letter each pupil gets, and for whom, by the same checks as Write (facts, then each parent's delivery).
  React.useEffect(() => {
    let cancelled = false;
    setRows(null);
    void props.letters().then((lib) => {
      if (cancelled) return;
      setRows(
        props.due.map((d) => {
          const opened = props.openRecord(d.upn);
          const r = opened.record;
          const candidates = d.letters.map((id) => props.catalogue.find((e) => e.id === id)).filter((e): e is CatalogueEntry => !!e);
          const options = { date, delivery: "post" as Delivery, staff: props.staff, fields: {}, policy: props.policy, readiness: opened.readiness, factSource: opened.factSource };
          const choice = lib.letterTheFactsAllow(r, candidates, options);
          const entry = candidates.find((e) => e.id === choice.id) ?? null;
          const warnings = entry ? lib.parentWarnings(r, entry) : [];
          const parents: ParentPlan[] =
            !entry || entry.addressedTo === "internal"
              ? []
              : r.parents.map((p, i) => {
                  const delivery = preferredDelivery(p.preferredContact) ?? "post";
                  const facts = lib.letterFacts(r, entry, i, { ...options, delivery }).failures;
                  const handOver = delivery === "hand" ? "Their preferred contact is by hand: write it from the form, saying when it was handed over." : null;
                  return { index: i, name: [p.title, p.forename, p.surname].filter(Boolean).join(" ") || `parent ${i + 1}`, delivery, held: lib.cannotReceive(r, entry, i, delivery, warnings) ?? handOver ?? (facts.length > 0 ? facts.join(" ") : null) };
                });
          return { ...d, entry, heldBack: choice.heldBack.map((h) => ({ title: h.title, reason: h.reason })), parents };
        }),
      );
    });
    return () => {
      cancelled = true;
    };
    // Worked out again when the list, the letter's date or the writer changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [props.due, props.letterDate, props.staff]);

  React.useEffect(() => {
    if (summary) summaryHeading.current?.focus();
  }, [summary]);

  const toWrite = (rows ?? []).flatMap((r) => (r.entry && r.entry.addressedTo !== "internal" ? r.parents.filter((p) => p.held === null).map((p) => ({ row: r, parent: p })) : []));
  const pupilsToWrite = new Set(toWrite.map((w) => w.row.upn)).size;
  const needs = props.staff.trim() ? null : "give your name at the top";

  const writeAll = async () => {
    if (!rows) return;
    const lib = await props.letters();
    const written: NonNullable<typeof summary>["written"] = [];
    const held: NonNullable<typeof summary>["held"] = [];
    const templates = new Map<string, Uint8Array>();
    let error: string | undefined;
    // In turn, one pupil at a time: progress for each, and a failure for one pupil never stops the rest.
    for (let n = 0; n < rows.length; n++) {
      const row = rows[n];
      const pupil = `${row.name || row.upn} (${row.upn})`;
      setProgress({ fraction: n / rows.length, message: `Writing the letters for pupil ${n + 1} of ${rows.length}` });
      if (!row.entry) {
        for (const h of row.heldBack) held.push({ pupil, reason: `${h.title}: ${h.reason}` });
        continue;
      }
      for (const p of row.parents) if (p.held) held.push({ pupil, reason: `${row.entry.title} to ${p.name}: ${p.held}` });
      const chosen = row.parents.filter((p) => p.held === null);
      if (chosen.length === 0) continue;
      try {
        const opened = props.openRecord(row.upn);
        const template = templates.get(row.entry.id) ?? (await props.loadTemplate(row.entry));
        templates.set(row.entry.id, template);
        const letters = [];
        for (const p of chosen) {
          const result = lib.produceLetters(opened.record, row.entry, template, { parents: [p.index], date, delivery: p.delivery, staff: props.staff, fields: {}, policy: props.policy, readiness: opened.readiness, factSource: opened.factSource }, (data) => ({ ...data, ...opened.extra }));
          letters.push(...result.letters);
          for (const b of result.blocked) held.push({ pupil, reason: `${row.entry.title} to ${b.parentName}: ${b.reason}` });
        }
        const done = letters.length > 0 ? await props.target.writeLetters(letters, props.destination) : [];
        for (const w of done) if (w.evidence) written.push({ pupil, evidence: w.evidence, tsv: lib.evidenceToTsv(w.evidence) });
      } catch (e) {
        held.push({ pupil, reason: e instanceof Error ? e.message : "The letters could not be written." });
      }
      // A breath between pupils: the progress is drawn, and a browser preview's downloads are not dropped as a burst.
      await new Promise((r) => setTimeout(r, 150));
    }
    setProgress(null);
    setSummary({ written, held, error });
  };

  return (
    <section aria-labelledby="this-week-letters">
      <Subtitle2 as="h2" id="this-week-letters" block>
        This week's letters
      </Subtitle2>
      {rows === null ? (
        <Spinner size="tiny" label={`Checking the letters for ${plural(props.due.length, "pupil")}`} />
      ) : rows.length === 0 ? (
        <Text block>No pupil's next step this week is a letter.</Text>
      ) : (
        <>
          <Caption1 block>Each letter is the one the facts allow; each parent's delivery is their preferred contact on the Contacts sheet.</Caption1>
          <div className={s.box} role="region" aria-label="Pupils who need a letter this week" tabIndex={0}>
            <ul className={s.list}>
              {rows.map((r) => (
                <li key={r.upn}>
                  <Text block>
                    <strong>{r.name || r.upn}</strong> ({r.upn}), Year {r.year}: {r.entry ? r.entry.title : "no letter the facts allow"}
                  </Text>
                  {r.heldBack.length > 0 && (
                    // Why, in the record's words, one click away: the list stays short enough to scan.
                    <details>
                      <summary className={s.summary}>Held back: {r.heldBack.map((h) => h.title).join("; ")}</summary>
                      {r.heldBack.map((h) => (
                        <Caption1 key={h.title} block>
                          {h.title}: {h.reason}
                        </Caption1>
                      ))}
                    </details>
                  )}
                  {r.parents.map((p) => (
                    <Caption1 key={p.index} block>
                      {p.held ? (
                        <>
                          <Badge appearance="tint" color="warning">
                            Not written
                          </Badge>{" "}
                          {p.name}: {p.held}
                        </>
                      ) : (
                        <>
                          <Badge appearance="tint" color="brand">
                            {DELIVERY_WORDS[p.delivery]}
                          </Badge>{" "}
                          {p.name}
                        </>
                      )}
                    </Caption1>
                  ))}
                  <Button size="small" onClick={() => props.onOpen(r.upn, r.entry?.id ?? null)} aria-label={`Open in the form: ${r.name || r.upn}`}>
                    Open in the form
                  </Button>
                </li>
              ))}
            </ul>
          </div>
          {needs && toWrite.length > 0 && (
            <MessageBar intent="error">
              <MessageBarBody>To write this week's letters: {needs}.</MessageBarBody>
            </MessageBar>
          )}
          <div className={s.row}>
            <Button appearance="primary" disabled={toWrite.length === 0 || needs !== null || progress !== null} onClick={() => void writeAll()}>
              {toWrite.length === 0 ? "No letters to write" : `Write ${plural(toWrite.length, "letter")} for ${plural(pupilsToWrite, "pupil")}`}
            </Button>
          </div>
          <Progress state={progress} />
        </>
      )}
      {summary && (
        <section aria-label="This week's letters: summary" role="region" tabIndex={0} className={s.box}>
          <h3 ref={summaryHeading} tabIndex={-1} className={s.heading}>
            <Subtitle2>
              Written: {plural(summary.written.length, "letter")}. Held back: {plural(summary.held.length, "letter")}.
            </Subtitle2>
          </h3>
          {summary.written.length > 0 && (
            <ul className={s.list} aria-label="Written">
              {summary.written.map((w, i) => (
                <li key={i}>
                  {w.evidence.letterTitle} to {w.evidence.parent || "file"} ({w.pupil}), {DELIVERY_WORDS[w.evidence.delivery]}, dated {ukDate(w.evidence.date)}
                </li>
              ))}
            </ul>
          )}
          {summary.held.length > 0 && (
            <ul className={s.list} aria-label="Held back">
              {summary.held.map((h, i) => (
                <li key={i}>
                  {h.pupil}: {h.reason}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </section>
  );
}
