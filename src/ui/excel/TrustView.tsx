/**
 * The Excel pane's "Trust" view (issue 14): save this school's summary for the trust (figures only,
 * small counts suppressed), and open schools' summary files to see them side by side against the
 * trust's target and the national figures. Also the national figure line shown in the Summary view.
 */
import * as React from "react";
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import nationalJson from "../../../assets/national/national-figures.json";
import { readActionLog, ActionInput } from "../../engine/actions";
import type { Analysis } from "../../engine/analyse";
import { describeNational, nationalAttendance, nationalFor, NationalFigures, readNationalFigures } from "../../engine/national";
import { buildSchoolSummary, Phase, readSchoolSummary, SchoolSummaryFile } from "../../engine/school-summary";
import { buildTrustDashboard, TrustDashboard } from "../../engine/trust";
import { percent, ukLongDate } from "../shared/format";

let nationalCache: NationalFigures | null = null;
/** The national figures bundled with the add-in (the trust updates assets/national/national-figures.json). */
export function bundledNational(): NationalFigures {
  nationalCache ??= readNationalFigures(JSON.stringify(nationalJson), "national-figures.json");
  return nationalCache;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: `${tokens.spacingVerticalS} 0` },
  scroll: { overflowX: "auto" },
});

/** One line under the school's figures: the national figure for comparison, saying which year. */
export function NationalLine({ attendancePercent, phase = null }: { attendancePercent: number | null; phase?: Phase | null }) {
  const f = nationalFor(bundledNational(), phase);
  const att = nationalAttendance(f);
  if (!f || att === null) return null;
  const diff = attendancePercent === null ? null : Math.round((attendancePercent - att) * 10) / 10;
  return (
    <Caption1 as="p" block>
      National attendance {percent(att)}
      {f.persistentAbsencePercent !== null ? `, persistent absence ${percent(f.persistentAbsencePercent)}` : ""}: {describeNational(f)}.
      {diff !== null ? ` This school is ${diff === 0 ? "level with it" : `${Math.abs(diff).toFixed(1)} points ${diff > 0 ? "above" : "below"}`}.` : ""}
    </Caption1>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const fileSafe = (s: string) => s.replace(/[^A-Za-z0-9 _-]+/g, "").trim().replace(/\s+/g, "-") || "school";

export function TrustView({ analysis, actions, copyText }: { analysis: Analysis | null; actions: readonly ActionInput[]; copyText: (text: string) => Promise<void> }) {
  const s = useStyles();
  const [name, setName] = React.useState(analysis?.policy.school.name ?? "");
  const [urn, setUrn] = React.useState("");
  const [phase, setPhase] = React.useState<Phase | "">("");
  const [saved, setSaved] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [summaries, setSummaries] = React.useState<SchoolSummaryFile[]>([]);
  const [fileProblems, setFileProblems] = React.useState<string[]>([]);
  const input = React.useRef<HTMLInputElement>(null);

  const makeSummary = (): SchoolSummaryFile | null => {
    setError(null);
    if (!analysis) return null;
    if (!name.trim()) {
      setError("Give the school's name first.");
      return null;
    }
    try {
      return buildSchoolSummary(analysis, { school: { name: name.trim(), urn: urn.trim(), phase: phase || null }, actions: readActionLog(actions).entries });
    } catch (e) {
      setError(e instanceof Error ? e.message : "The summary could not be made.");
      return null;
    }
  };

  const onFiles = async (files: FileList | null) => {
    if (!files) return;
    const ok: SchoolSummaryFile[] = [];
    const problems: string[] = [];
    for (const f of Array.from(files)) {
      try {
        ok.push(readSchoolSummary(await f.text(), f.name));
      } catch (e) {
        problems.push(e instanceof Error ? e.message : `${f.name} could not be read.`);
      }
    }
    setSummaries((prev) => [...prev, ...ok]);
    setFileProblems(problems);
    if (input.current) input.current.value = "";
  };

  let dashboard: TrustDashboard | null = null;
  let dashError: string | null = null;
  if (summaries.length > 0) {
    try {
      dashboard = buildTrustDashboard(summaries, bundledNational());
    } catch (e) {
      dashError = e instanceof Error ? e.message : "The summaries could not be put together.";
    }
  }

  return (
    <section aria-label="Trust">
      <Subtitle2 as="h2" block>
        Save summary for the trust
      </Subtitle2>
      {!analysis ? (
        <Text as="p">Press Analyse first: the summary is made from this workbook's figures.</Text>
      ) : (
        <div className={s.form}>
          <Text as="p">
            Figures only, as at {ukLongDate(analysis.asOf)}: attendance, absence, persistent and severe absence, bands, stages, groups and weekly attendance. No pupil's name, UPN, address or
            date of birth; counts of 1 or 2 pupils are shown as c.
          </Text>
          <Field label="School name" required>
            <Input value={name} onChange={(_, d) => setName(d.value)} />
          </Field>
          <Field label="URN (optional)">
            <Input value={urn} onChange={(_, d) => setUrn(d.value)} />
          </Field>
          <Field label="Phase">
            <Dropdown value={phase ? phase[0].toUpperCase() + phase.slice(1) : "Not given"} selectedOptions={[phase]} onOptionSelect={(_, d) => setPhase((d.optionValue ?? "") as Phase | "")}>
              <Option value="">Not given</Option>
              <Option value="primary">Primary</Option>
              <Option value="secondary">Secondary</Option>
              <Option value="special">Special</Option>
            </Dropdown>
          </Field>
          <div>
            <Button
              appearance="primary"
              onClick={() => {
                const sum = makeSummary();
                if (!sum) return;
                const file = `${fileSafe(sum.school.name)}-${sum.asOf}.summary.json`;
                download(file, JSON.stringify(sum, null, 1) + "\n");
                setSaved(`Saved ${file}. Send it to the trust as you agreed (it holds no pupil data).`);
              }}
            >
              Save summary for the trust
            </Button>{" "}
            <Button
              onClick={async () => {
                const sum = makeSummary();
                if (!sum) return;
                await copyText(JSON.stringify(sum));
                setSaved("The summary is on the clipboard: paste it into a file named SCHOOL.summary.json.");
              }}
            >
              Copy summary
            </Button>
          </div>
          {saved && (
            <MessageBar intent="success">
              <MessageBarBody>{saved}</MessageBarBody>
            </MessageBar>
          )}
          {error && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{error}</MessageBarBody>
            </MessageBar>
          )}
        </div>
      )}

      <Subtitle2 as="h2" block>
        Schools side by side
      </Subtitle2>
      <Text as="p">Open the summary files the schools sent (you can choose several at once). The trust's rates are worked out from all the schools' sessions.</Text>
      <input ref={input} type="file" multiple accept=".json,application/json" aria-label="Choose school summary files" onChange={(e) => void onFiles(e.target.files)} />
      {summaries.length > 0 && (
        <Button size="small" onClick={() => setSummaries([])}>
          Clear the schools
        </Button>
      )}
      {[...fileProblems, ...(dashError ? [dashError] : [])].map((p, i) => (
        <MessageBar key={i} intent="error" role="alert">
          <MessageBarBody>{p}</MessageBarBody>
        </MessageBar>
      ))}
      {dashboard && <TrustTable d={dashboard} />}
    </section>
  );
}

function TrustTable({ d }: { d: TrustDashboard }) {
  const s = useStyles();
  const cell = (v: number | null | "c") => (v === "c" ? "c" : percent(v));
  const signed = (v: number | null) => (v === null ? "" : `${v > 0 ? "+" : ""}${v.toFixed(1)}`);
  return (
    // Focusable, so the wide table can be scrolled from the keyboard.
    <div className={s.scroll} tabIndex={0} role="region" aria-label="Trust figures">
      <Text as="p">
        Figures to {ukLongDate(d.asOf)}; minimum target {d.target.minimumPercent}%. Trust attendance {percent(d.trust.attendancePercent)} ({d.trust.pupils} pupils)
        {d.national.all ? `; national ${percent(nationalAttendance(d.national.all))} (${describeNational(d.national.all)})` : ""}.
      </Text>
      <Table size="small" aria-label="Schools side by side">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Rank</TableHeaderCell>
            <TableHeaderCell>School</TableHeaderCell>
            <TableHeaderCell>Attendance</TableHeaderCell>
            <TableHeaderCell>Against target</TableHeaderCell>
            <TableHeaderCell>National</TableHeaderCell>
            <TableHeaderCell>PA</TableHeaderCell>
            <TableHeaderCell>SA</TableHeaderCell>
            <TableHeaderCell>Change</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {d.schools.map((r) => (
            <TableRow key={r.key}>
              <TableCell>{r.rank}</TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell>{percent(r.attendancePercent)}</TableCell>
              <TableCell>{signed(r.againstTarget)}</TableCell>
              <TableCell>{percent(nationalAttendance(r.national))}</TableCell>
              <TableCell>{cell(r.figures.persistentAbsencePercent)}</TableCell>
              <TableCell>{cell(r.figures.severeAbsencePercent)}</TableCell>
              <TableCell>{r.previous ? `${signed(r.change)} since ${ukLongDate(r.previous.asOf)}` : "first summary"}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell></TableCell>
            <TableCell>
              <strong>Trust</strong>
            </TableCell>
            <TableCell>{percent(d.trust.attendancePercent)}</TableCell>
            <TableCell></TableCell>
            <TableCell>{percent(nationalAttendance(d.national.all))}</TableCell>
            <TableCell>{d.trust.persistentAbsence.percent === null ? "see schools" : percent(d.trust.persistentAbsence.percent)}</TableCell>
            <TableCell>{d.trust.severeAbsence.percent === null ? "see schools" : percent(d.trust.severeAbsence.percent)}</TableCell>
            <TableCell></TableCell>
          </TableRow>
        </TableBody>
      </Table>
      {d.notes.map((n, i) => (
        <Caption1 key={i} as="p" block>
          {n}
        </Caption1>
      ))}
    </div>
  );
}
