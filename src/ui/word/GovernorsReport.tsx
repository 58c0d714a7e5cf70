/**
 * The Word pane's governors' report (issue 14): open a school summary (and, for the change since
 * last time, the one before), and write the report from the trust's template into Word. The same
 * report as `attendance-toolkit report`; the charts are drawn in the pane and compressed with the
 * browser's own CompressionStream.
 */
import * as React from "react";
import { Button, Caption1, Field, MessageBar, MessageBarBody, Subtitle2, Text } from "@fluentui/react-components";
import nationalJson from "../../../assets/national/national-figures.json";
import type { Destination, LetterTarget } from "../../adapters/word/word-target";
import { nationalFor, readNationalFigures } from "../../engine/national";
import { readSchoolSummary, SchoolSummaryFile } from "../../engine/school-summary";

async function deflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function GovernorsReport({ target, destination, loadTemplate }: { target: LetterTarget; destination: Destination; loadTemplate: () => Promise<Uint8Array> }) {
  const [summary, setSummary] = React.useState<SchoolSummaryFile | null>(null);
  const [previous, setPrevious] = React.useState<SchoolSummaryFile | null>(null);
  const [message, setMessage] = React.useState<{ intent: "error" | "success"; text: string } | null>(null);
  const [busy, setBusy] = React.useState(false);
  const open = async (file: File | undefined, set: (s: SchoolSummaryFile | null) => void) => {
    setMessage(null);
    if (!file) return;
    try {
      set(readSchoolSummary(await file.text(), file.name));
    } catch (e) {
      set(null);
      setMessage({ intent: "error", text: e instanceof Error ? e.message : `${file.name} could not be read.` });
    }
  };
  const write = async () => {
    if (!summary) return;
    setBusy(true);
    setMessage(null);
    try {
      const { renderReport, reportData, reportImagesAsync } = await import(/* webpackChunkName: "trust-report" */ "../../trust/report");
      const national = nationalFor(readNationalFigures(JSON.stringify(nationalJson)), summary.school.phase);
      const input = { summary, previous, national };
      const bytes = renderReport(await loadTemplate(), reportData(input), await reportImagesAsync(input, deflate));
      await target.writeLetters([{ bytes, fileName: `Attendance report ${summary.school.name} ${summary.asOf}.docx`, evidence: null }], destination);
      setMessage({ intent: "success", text: `The attendance report for ${summary.school.name} (figures to ${summary.asOf}) is written.` });
    } catch (e) {
      setMessage({ intent: "error", text: e instanceof Error ? e.message : "The report could not be written." });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Report for governors">
      <Subtitle2 as="h2" block>
        Report for governors
      </Subtitle2>
      <Text as="p">From a school's summary for the trust (figures only): headline figures against the target and national, change since last time, groups, stages and actions, with charts.</Text>
      <Field label="The school's summary">
        <input type="file" style={{ minHeight: "24px", maxWidth: "100%" }} accept=".json,application/json" aria-label="Open the school's summary" onChange={(e) => void open(e.target.files?.[0], setSummary)} />
      </Field>
      <Field label="The summary before it (optional, for the change since last time)">
        <input type="file" style={{ minHeight: "24px", maxWidth: "100%" }} accept=".json,application/json" aria-label="Open the previous summary" onChange={(e) => void open(e.target.files?.[0], setPrevious)} />
      </Field>
      {summary && <Caption1 block>{summary.school.name}, figures to {summary.asOf}{previous ? `; compared with ${previous.asOf}` : ""}.</Caption1>}
      <Button appearance="primary" disabled={!summary || busy} onClick={() => void write()}>
        Make the governors' report
      </Button>
      {message && (
        <MessageBar intent={message.intent} role={message.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{message.text}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
