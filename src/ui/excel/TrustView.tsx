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
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import nationalJson from "../../../assets/national/national-figures.json";
import { readActionLog, ActionInput } from "../../engine/actions";
import type { Analysis } from "../../engine/analyse";
import { comparedPeriods, describeNational, nationalAttendance, nationalFor, NationalFigures, readNationalFigures } from "../../engine/national";
import { buildSchoolSummary, Phase, readSchoolSummary, SchoolSummaryFile } from "../../engine/school-summary";
import { buildTrustDashboard, TrustDashboard } from "../../engine/trust";
import { count, percent, ukLongDate } from "../shared/format";

let nationalCache: NationalFigures | null = null;
/** The national figures bundled with the add-in (the trust updates assets/national/national-figures.json). */
export function bundledNational(): NationalFigures {
  nationalCache ??= readNationalFigures(JSON.stringify(nationalJson), "national-figures.json");
  return nationalCache;
}

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, margin: `${tokens.spacingVerticalS} 0` },
  cards: { listStyleType: "none", padding: 0, margin: `${tokens.spacingVerticalS} 0`, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
  flag: { color: tokens.colorPaletteDarkOrangeForeground1 },
  facts: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 9em) minmax(0, 1fr)",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    "& dd": { margin: 0, overflowWrap: "anywhere" },
    "& dt": { color: tokens.colorNeutralForeground3 },
  },
});

/**
 * One line under the school's figures: the national figure for comparison, saying which period each
 * side covers (a year to March beside a whole school year is said to be so).
 */
export function NationalLine({ attendancePercent, phase = null, from, to }: { attendancePercent: number | null; phase?: Phase | null; from: string; to: string }) {
  const f = nationalFor(bundledNational(), phase);
  const att = nationalAttendance(f);
  if (!f || att === null) return null;
  const diff = attendancePercent === null ? null : Math.round((attendancePercent - att) * 10) / 10;
  return (
    <Caption1 as="p" block>
      National attendance {percent(att)}
      {f.persistentAbsencePercent !== null ? `, persistent absence ${percent(f.persistentAbsencePercent)}` : ""}: {describeNational(f)}.
      {diff !== null ? ` This school is ${diff === 0 ? "level with it" : `${Math.abs(diff).toFixed(1)} percentage points ${diff > 0 ? "above" : "below"}`}.` : ""} {comparedPeriods(from, to, f)}
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
            date of birth; counts of 1 or 2 pupils, and any figure they could be worked out from, are shown as c.
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

/**
 * Schools side by side, one card a school: at 320 px a table of eight columns cannot be read, and
 * every figure carries its unit ("93.8%", "2.1 percentage points below the 96% target").
 */
function TrustTable({ d }: { d: TrustDashboard }) {
  const s = useStyles();
  const share = (v: number | null | "c") => (v === "c" ? "c (not shown, to protect small numbers)" : `${percent(v)} of pupils`);
  const points = (v: number) => `${Math.abs(v).toFixed(1)} percentage point${Math.abs(v) === 1 ? "" : "s"}`;
  const againstTarget = (v: number | null) =>
    v === null ? "" : v === 0 ? `on the ${d.target.minimumPercent}% target` : `${points(v)} ${v > 0 ? "above" : "below"} the ${d.target.minimumPercent}% target`;
  const change = (v: number | null) => (v === null ? "" : v === 0 ? "no change" : `${v > 0 ? "up" : "down"} ${points(v)}`);
  return (
    <div>
      <Text as="p">
        Figures to {ukLongDate(d.asOf)}; minimum target {d.target.minimumPercent}%. Trust attendance {percent(d.trust.attendancePercent)} ({count(d.trust.pupils)} pupils)
        {d.national.all ? `; national ${percent(nationalAttendance(d.national.all))} (${describeNational(d.national.all)}: a different period from the schools' year to date)` : ""}.
      </Text>
      <ol className={s.cards} aria-label="Schools side by side">
        {d.schools.map((r) => (
          <li key={r.key} className={s.card}>
            <Text as="h3" weight="semibold" block>
              {r.rank !== null ? `${r.rank}. ` : ""}
              {r.name}
            </Text>
            {r.notComparable && (
              <Text as="p" block className={s.flag}>
                Not ranked: {r.notComparable.replace(/: not ranked with the others$/, "")}.
              </Text>
            )}
            <dl className={s.facts}>
              <dt>Attendance</dt>
              <dd>
                {percent(r.attendancePercent)}
                {r.againstTarget !== null ? `, ${againstTarget(r.againstTarget)}` : ""}
              </dd>
              {r.national && (
                <>
                  <dt>National</dt>
                  <dd>
                    {percent(nationalAttendance(r.national))} ({r.national.phase === "all" ? "all schools" : `${r.national.phase} schools`},{" "}
                    {r.national.term === "full year" ? `${r.national.year} school year` : `${r.national.term} ${r.national.year}`}
                    {r.national.source === "daily" ? ", estimate" : ""})
                  </dd>
                </>
              )}
              <dt>Persistent absence</dt>
              <dd>{share(r.figures.persistentAbsencePercent)}</dd>
              <dt>Severe absence</dt>
              <dd>{share(r.figures.severeAbsencePercent)}</dd>
              <dt>Change</dt>
              <dd>{r.previous ? `${change(r.change)} since ${ukLongDate(r.previous.asOf)}` : "first summary"}</dd>
            </dl>
          </li>
        ))}
        <li className={s.card}>
          <Text as="h3" weight="semibold" block>
            Trust
          </Text>
          <dl className={s.facts}>
            <dt>Attendance</dt>
            <dd>{percent(d.trust.attendancePercent)} (all schools' sessions)</dd>
            <dt>Persistent absence</dt>
            <dd>{d.trust.persistentAbsence.percent === null ? "see the schools (some counts are c)" : share(d.trust.persistentAbsence.percent)}</dd>
            <dt>Severe absence</dt>
            <dd>{d.trust.severeAbsence.percent === null ? "see the schools (some counts are c)" : share(d.trust.severeAbsence.percent)}</dd>
          </dl>
        </li>
      </ol>
      {d.notes.map((n, i) => (
        <Caption1 key={i} as="p" block>
          {n}
        </Caption1>
      ))}
    </div>
  );
}
