/**
 * The Word pane's entry (the Letters pane): in Word, letters go into the document; in a browser tab
 * (the preview), they are downloaded. The tracker is read in a Web Worker; the letter engine
 * (docxtemplater) loads only when first needed.
 */
import { createRoot } from "react-dom/client";
import { FluentProvider, MessageBar, MessageBarBody, webLightTheme } from "@fluentui/react-components";
import { builtInCatalogue, CatalogueEntry } from "../../letters/catalogue";
import { DownloadLetterTarget, WordLetterTarget } from "../../adapters/word/word-target";
import { WordPane, WordPaneOps } from "../../ui/word/WordPane";
import { copyText, inOfficeWithoutOfficeJs, OFFICE_JS_BLOCKED, showPlainSentence, startupCheckFailed, waitForOffice, downloadBytes, isSetSupported, loadTrustPolicy } from "../shared/platform";
import type { Policy } from "../../engine/policy";
import { readMarksOffThread, ReadOptions } from "../../adapters/read-worker";

async function openTracker(file: File, trust: Policy, reading: ReadOptions = {}) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // The workbook is read in a Web Worker (progress, Cancel, the pane never frozen); the rest is quick.
  const [tracker, engine, { buildPupilRecord }, { evidencePackData }] = await Promise.all([
    readMarksOffThread(bytes, reading),
    import("../../engine/index"),
    import("../../files/pupil-record"),
    import("../../letters/evidence-pack"),
  ]);
  // The figures in steps, giving the page a turn between them (never one long freeze), and stoppable.
  await new Promise((r) => setTimeout(r, 0));
  const settings = engine.settingsToOverrides(tracker.settings);
  const policy = engine.resolvePolicy(settings.overrides, trust).policy;
  const analysis = await engine.analyseAsync(tracker.dataset, { asOf: settings.asOf, policy }, { signal: reading.signal, onProgress: (f) => reading.onProgress?.(0.92 + 0.07 * f, "Working out the figures") });
  const log = engine.readActionLog(tracker.actions);
  return {
    pupils: analysis.pupils.map((p) => ({ upn: p.upn, name: [p.details.forename, p.details.surname].filter(Boolean).join(" "), year: p.details.year ?? "" })),
    record(upn: string) {
      const i = analysis.pupils.findIndex((p) => p.upn === upn);
      const record = buildPupilRecord(analysis, i, tracker);
      const parents = record.parents.map((p) => [p.title, p.forename, p.surname].filter(Boolean).join(" "));
      const evidence = engine.pupilEvidence(analysis, i, log, parents);
      const entries = log.entries.filter((e) => e.upn === upn && e.supersededBy === null);
      return { record, readiness: evidence.readiness, extra: evidencePackData(analysis, i, evidence, tracker.contacts.filter((c) => c.upn === upn)), factSource: { analysis, pupilIndex: i, entries } };
    },
    // The same list as `letters --group` works from: the pupils whose next step this week is a letter.
    lettersDue: () =>
      engine.lettersDueThisWeek(analysis).map((d) => {
        const p = analysis.pupils[d.pupil];
        return { upn: d.upn, name: [p.details.forename, p.details.surname].filter(Boolean).join(" "), year: p.details.year ?? "", letters: d.letters, why: d.why };
      }),
  };
}

async function loadTemplate(entry: CatalogueEntry): Promise<Uint8Array> {
  const r = await fetch(`assets/letters/${encodeURIComponent(entry.file)}`);
  if (!r.ok) throw new Error(`The letter template ${entry.file} is missing from this installation.`);
  return new Uint8Array(await r.arrayBuffer());
}

async function main() {
  // The start-up script found this browser too old and has said so; office.js blocked in Office: say so.
  if (startupCheckFailed()) return;
  if (inOfficeWithoutOfficeJs()) return showPlainSentence(OFFICE_JS_BLOCKED);
  const root = createRoot(document.getElementById("root")!);
  const [host, trust] = await Promise.all([
    // Office can be slow to start: say so, and keep waiting (never fall back to the preview in Office).
    waitForOffice(),
    loadTrustPolicy(),
  ]);
  const inWord = host === "Word";
  const ops: WordPaneOps = {
    target: inWord ? new WordLetterTarget(undefined, isSetSupported) : new DownloadLetterTarget((bytes, name) => downloadBytes(bytes, name, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")),
    catalogue: builtInCatalogue(),
    openTracker: (file, reading) => openTracker(file, trust.policy, reading),
    letters: async () => {
      const [produce, render] = await Promise.all([import(/* webpackChunkName: "letters" */ "../../letters/produce"), import(/* webpackChunkName: "letters" */ "../../letters/render")]);
      return { ...produce, ...render };
    },
    loadTemplate,
    copyText,
    policy: trust.policy,
    openSample: inWord
      ? undefined
      : async () => {
          const r = await fetch("assets/sample-tracker.xlsx");
          return new File([await r.blob()], "sample-tracker.xlsx");
        },
    banner: (
      <>
        {!inWord && (
          <MessageBar intent="info">
            <MessageBarBody>Running outside Office (browser preview): letters are downloaded as Word files.</MessageBarBody>
          </MessageBar>
        )}
        {trust.problems.length > 0 && (
          <MessageBar intent="warning">
            <MessageBarBody>The trust's policy.json has problems, so the defaults are used for: {trust.problems.map((p) => p.message).join(" ")}</MessageBarBody>
          </MessageBar>
        )}
      </>
    ),
  };
  root.render(
    <FluentProvider theme={webLightTheme}>
      <WordPane {...ops} />
    </FluentProvider>,
  );
}

void main();
