/** The pupil card: follows the selected row; figures, weekly chart, the threshold window, stage, chronology, log action, Copy for Word. */
import * as React from "react";
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Divider,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  Subtitle1,
  Subtitle2,
  Textarea,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { ACTION_DETAILS, ACTION_FIELD_LABELS, ACTION_FIELDS, ACTION_TYPES, actionTypeOf, ActionFieldName, ActionInput, CALL_DIRECTIONS, readActionLog, splitNames, validateAction, ActionProblem } from "../../engine/actions";
import type { Analysis } from "../../engine/analyse";
import { formatIso, todayInUk } from "../../engine/dates";
import { WeekdayAbsence, weekdayPattern } from "../../engine/patterns";
import { pupilEvidence } from "../../engine/evidence";
import { BAND_LABELS } from "../../engine/measures";
import { pupilWeeklyAttendance } from "../../engine/summary";
import { buildPupilRecord, encodeRecord } from "../../files/pupil-record";
import type { TrackerData } from "../../files/tracker";
import { count, fullName, percent, plural, sessionText, ukDate } from "../shared/format";
import { letterTitle } from "../shared/letter-titles";
import { WeeklyChart } from "../shared/WeeklyChart";

const useStyles = makeStyles({
  grid: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, margin: `${tokens.spacingVerticalS} 0` },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  superseded: { textDecorationLine: "line-through", color: tokens.colorNeutralForeground3 },
  form: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  buttons: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", margin: `${tokens.spacingVerticalS} 0` },
});

export interface PupilCardProps {
  analysis: Analysis;
  data: TrackerData;
  upn: string;
  copyText: (text: string) => Promise<void>;
  onLogAction: (entry: ActionInput) => Promise<unknown>;
  /** Move focus to the card's heading once it is shown (after a pupil is chosen). */
  focusHeading?: boolean;
  onHeadingFocused?: () => void;
}

export function PupilCard({ analysis, data, upn, copyText, onLogAction, focusHeading = false, onHeadingFocused }: PupilCardProps) {
  const s = useStyles();
  // After a pupil is chosen, focus lands on the card's heading, so a keyboard or screen-reader user is
  // on what they opened rather than at the top of the page; done here, once the card is on screen.
  React.useEffect(() => {
    const heading = focusHeading ? document.getElementById("pupil-card-heading") : null;
    if (!heading) return;
    heading.focus();
    onHeadingFocused?.();
  });
  const index = analysis.pupils.findIndex((p) => p.upn === upn);
  const [copied, setCopied] = React.useState<string | null>(null);
  const [fallback, setFallback] = React.useState<string | null>(null);
  const log = React.useMemo(() => readActionLog(data.actions), [data.actions]);
  const parents = React.useMemo(() => data.contacts.filter((c) => c.upn === upn).map((c) => [c.title, c.forename, c.surname].filter(Boolean).join(" ")), [data.contacts, upn]);
  const evidence = React.useMemo(() => (index >= 0 ? pupilEvidence(analysis, index, log, parents) : null), [analysis, index, log, parents]);
  const weeks = React.useMemo(() => (index >= 0 ? pupilWeeklyAttendance(analysis.calendar, analysis.dataset.marks[index]) : []), [analysis, index]);
  if (index < 0 || !evidence) {
    return <MessageBar intent="info"><MessageBarBody>The selected row's UPN is not in the last analysis. Analyse again to include new pupils.</MessageBarBody></MessageBar>;
  }
  const p = analysis.pupils[index];
  const t = p.nationalThreshold;
  const copy = async () => {
    const text = encodeRecord(buildPupilRecord(analysis, index, data));
    try {
      await copyText(text);
      setFallback(null);
      setCopied("Copied. In Word, open the Letters pane and paste the record.");
    } catch {
      // Office on the web blocks the clipboard in the pane's frame: the record is shown to copy by hand, or saved as a file.
      setFallback(text);
      setCopied("The clipboard is blocked here. Select the record below and copy it (Ctrl+C, or Cmd+C on a Mac), or save it as a file and open that file in the Word pane.");
    }
  };
  const saveRecord = () => {
    if (!fallback) return;
    const url = URL.createObjectURL(new Blob([fallback], { type: "text/plain" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `pupil-record-${p.upn}.txt`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <section aria-label={`Pupil: ${fullName(p.details) || p.upn}`}>
      <Subtitle1 as="h2" block id="pupil-card-heading" tabIndex={-1}>{fullName(p.details) || p.upn}</Subtitle1>
      <Caption1>
        Year {p.details.year ?? "?"}{p.details.reg ? ` · ${p.details.reg}` : ""} · UPN {p.upn}
      </Caption1>
      <div className={s.grid}>
        <Body1>Attendance</Body1>
        <Body1>
          <strong>{percent(p.attendancePercent)}</strong> {p.band && <Badge appearance="tint" color={p.band === "severe" || p.band === "persistent" ? "danger" : p.band === "key-converter" ? "warning" : "success"}>{BAND_LABELS[p.band]}</Badge>}
        </Body1>
        <Body1>Sessions</Body1>
        <Body1>
          {count(p.attendedSessions)} of {plural(p.possibleSessions, "session")} attended; {count(p.authorisedAbsenceSessions)} authorised and {count(p.unauthorisedAbsenceSessions)} unauthorised absence
        </Body1>
        <Body1>Learning lost</Body1>
        <Body1>
          {plural(p.learningLost.days, "day")}, {plural(p.learningLost.hours, "hour")} ({plural(p.learningLost.schoolWeeks, "school week")})
        </Body1>
        <Body1>Trend</Body1>
        <Body1>{p.trend.direction ? `${p.trend.direction}: ${percent(p.trend.recentPercent)} in the last ${analysis.policy.trend.recentSchoolWeeks} school weeks, ${percent(p.trend.yearPercent)} this year` : "Not enough school weeks yet"}</Body1>
        {p.consecutiveDaysAbsent > 0 && (
          <>
            <Body1>Absent now</Body1>
            <Body1>{plural(p.consecutiveDaysAbsent, "day")} in a row</Body1>
          </>
        )}
        <Body1>Weekdays</Body1>
        <Body1>{weekdayText(p.absenceByWeekday)}</Body1>
      </div>
      <WeeklyChart weeks={weeks} title="Attendance each school week" expectedFrom={analysis.policy.bands.expectedFrom} persistentAt={analysis.policy.bands.keyConverterAbove} />

      <ForwardLookSection analysis={analysis} index={index} />

      <Divider />
      <Subtitle2 as="h3" block>National threshold</Subtitle2>
      <Body1 as="p">
        {t.sessionsInCurrentWindow >= analysis.policy.nationalThreshold.sessions
          ? `${plural(t.sessionsInCurrentWindow, "unauthorised session")} in the ${analysis.policy.nationalThreshold.schoolWeeks} school weeks from ${ukDate(t.currentWindowStart)} (the threshold is ${analysis.policy.nationalThreshold.sessions}).`
          : `${t.sessionsInCurrentWindow} of the ${analysis.policy.nationalThreshold.sessions} unauthorised sessions that meet the threshold, in the ${analysis.policy.nationalThreshold.schoolWeeks} school weeks from ${ukDate(t.currentWindowStart)}.`}
        {t.firstMetOn ? ` First met on ${ukDate(t.firstMetOn)}.` : ""}
      </Body1>
      {t.countedSessions.length > 0 && (
        <ul className={s.list} aria-label="Unauthorised sessions in the window">
          {t.countedSessions.map((c) => (
            <li key={c.session}>
              <Caption1>
                {sessionText(c.session)}: {c.code}
              </Caption1>
            </li>
          ))}
        </ul>
      )}

      <Divider />
      <Subtitle2 as="h3" block>{p.stage.stage > 0 ? p.stage.name : "No stage reached"}</Subtitle2>
      <Body1 as="p">{p.stage.reason}</Body1>
      {p.stage.changeReason && <Body1 as="p">Changed since last week: {p.stage.changeReason}</Body1>}
      <MessageBar intent={p.nextStep.priority <= 2 ? "warning" : "info"}>
        <MessageBarBody>
          <strong>Next step ({p.nextStep.owner}):</strong> {p.nextStep.action}. {p.nextStep.why}
          {p.nextStep.letter ? ` Suggested letter: ${letterTitle(p.nextStep.letter)}.` : ""}
        </MessageBarBody>
      </MessageBar>
      <div className={s.buttons}>
        <Button appearance="primary" onClick={copy}>
          Copy for Word
        </Button>
      </div>
      {copied && <Caption1 aria-live="polite">{copied}</Caption1>}
      {fallback && (
        <>
          <Field label="The pupil's record, to copy into the Word pane">
            <Textarea readOnly value={fallback} resize="vertical" onFocus={(e) => e.currentTarget.select()} />
          </Field>
          <div className={s.buttons}>
            <Button onClick={saveRecord}>Save record file</Button>
          </div>
        </>
      )}

      <Divider />
      <Subtitle2 as="h3" block>Readiness for a referral</Subtitle2>
      <ul className={s.list} aria-label="Support-first steps">
        {evidence.readiness.steps.map((st) => (
          <li key={st.step}>
            <Caption1>
              <strong>{st.status === "evidenced" ? "Done" : st.status === "rationale" ? "Reason recorded" : st.status === "not-needed" ? "Not needed" : st.required ? "Missing" : "None yet"}:</strong> {st.name}. {st.message}
            </Caption1>
          </li>
        ))}
      </ul>

      <Subtitle2 as="h3" block>Chronology</Subtitle2>
      <ol className={s.list} aria-label="Chronology">
        {evidence.chronology.map((c, i) => (
          <li key={i} className={c.supersededBy ? s.superseded : undefined}>
            <Caption1>
              {ukDate(c.date)} <strong>{c.title}</strong>
              {c.detail ? `: ${c.detail}` : ""}
              {c.staff ? ` (${c.staff})` : ""}
              {c.supersededBy ? ` (corrected by ${c.supersededBy})` : ""}
            </Caption1>
          </li>
        ))}
      </ol>

      <Divider />
      <LogActionForm upn={p.upn} parents={parents} entries={log.entries.filter((e) => e.upn === p.upn).map((e) => ({ id: e.id, text: `${ukDate(e.date)}: ${ACTION_TYPES.find((a) => a.type === e.type)?.label ?? e.type}${e.detail ? `, ${e.detail}` : ""}${e.staff ? ` (${e.staff})` : ""}` }))} knownIds={new Set(log.entries.map((e) => e.id))} onSubmit={onLogAction} />
    </section>
  );
}

/** The weekday pattern (engine/patterns.ts) in a sentence, or where absence falls when there is none. */
function weekdayText(days: readonly WeekdayAbsence[]): string {
  const absent = days.reduce((t, d) => t + d.absentSessions, 0);
  if (absent === 0) return "No absence this school year";
  const pattern = weekdayPattern(days);
  const each = (d: WeekdayAbsence) => `${d.weekday}s ${count(d.absentSessions)} of ${plural(d.possibleSessions, "session")}`;
  if (pattern.length === 0) return `No weekday stands out (${days.filter((d) => d.absentSessions > 0).map(each).join("; ")})`;
  return `Absence falls most on ${pattern.map((d) => `${d.weekday}s`).join(" and ")}: ${pattern.map(each).join("; ")}, at least twice the rate on other days`;
}

/** Where the pupil is heading (engine/forward-look.ts), in sentences a family could be told. */
function ForwardLookSection({ analysis, index }: { analysis: Analysis; index: number }) {
  const s = useStyles();
  const p = analysis.pupils[index];
  const f = p.forwardLook;
  const name = p.details.forename || "The pupil";
  const weeks = analysis.policy.trend.recentSchoolWeeks;
  const termEnd = ukDate(f.remaining.termEnds);
  // "about" only when the end of term is estimated (no calendar in the settings).
  const about = f.remaining.estimated ? "about " : "";
  const lines: string[] = [];
  if (f.remaining.term > 0)
    lines.push(`Attending every session until the end of term (${about}${termEnd}): ${percent(f.endOfTerm.ifAttendsEverySession)}.${f.endOfTerm.atRecentRate !== null ? ` At the last ${plural(weeks, "school week")}' rate (${percent(f.recentPercent)}): ${percent(f.endOfTerm.atRecentRate)}.` : ""}`);
  if (f.remaining.year > 0)
    lines.push(`By the end of the school year: ${percent(f.endOfYear.ifAttendsEverySession)} attending every session${f.endOfYear.atRecentRate !== null ? `, ${percent(f.endOfYear.atRecentRate)} at the recent rate` : ""}.`);
  if (f.persistentAbsenceOn) lines.push(`At the recent rate, ${name} would be persistently absent from about ${ukDate(f.persistentAbsenceOn)}.`);
  for (const r of f.sessionsToReach) {
    const goal = r.kind === "above" ? `above ${r.percent}%` : `${r.percent}%`;
    if (r.sessions === 0) continue;
    if (r.sessions === null || !r.withinYear) lines.push(`${name} cannot get ${goal} this school year.`);
    else lines.push(`${plural(r.sessions, "session")} in a row (${plural(Math.ceil(r.sessions / 2), "school day")}) to get ${r.kind === "above" ? "back " : ""}${goal}.`);
  }
  return (
    <>
      <Divider />
      <Subtitle2 as="h3" block>Where attendance is heading</Subtitle2>
      <ul className={s.list} aria-label="Where attendance is heading">
        {lines.map((l) => (
          <li key={l}>
            <Body1>{l}</Body1>
          </li>
        ))}
      </ul>
      <Caption1 block>
        {f.left
          ? `${name} has left${f.remaining.leavingDate ? ` (${ukDate(f.remaining.leavingDate)})` : ""}: no projection is made.`
          : `${f.remaining.estimated ? "Estimated: no school calendar in the settings, so the usual holidays are assumed" : "From the school calendar"} (${plural(f.remaining.term, "session")} left this term, ${count(f.remaining.year)} this year, to ${ukDate(f.remaining.yearEnds)}).`}
      </Caption1>
    </>
  );
}

/** The entry without any kind's typed fields (when the kind of action changes). */
function withoutFields(e: ActionInput): ActionInput {
  const out = { ...e };
  for (const f of Object.keys(ACTION_FIELD_LABELS) as ActionFieldName[]) delete out[f];
  return out;
}

const FIELD_HINTS: Partial<Record<ActionFieldName, string>> = {
  invited: "Each parent invited: a letter may say a parent did not attend only if they were invited",
  attended: "Each parent who came: only they are thanked for attending",
  agreed: "What was agreed, in the words the summary letter will use",
  direction: "Outgoing: the school called; Incoming: the parent called",
  periodStart: "First day of the improvement period (on or after the notice's date)",
  periodEnd: "Last day of the improvement period",
  improvement: "What sufficient improvement means for this parent",
};

/** One typed field of the chosen kind of action (engine/actions.ts ACTION_FIELDS). */
function TypedField({ field, value, parents, error, onChange }: { field: ActionFieldName; value: string; parents: string[]; error?: string; onChange: (v: string) => void }) {
  const label = ACTION_FIELD_LABELS[field];
  const hint = FIELD_HINTS[field];
  if (field === "invited" || field === "attended") {
    const chosen = splitNames(value);
    return (
      <Field label={label} hint={hint} validationMessage={error}>
        <Dropdown multiselect value={chosen.join("; ")} selectedOptions={chosen} placeholder="Choose the parents" onOptionSelect={(_, d) => onChange(d.selectedOptions.join("; "))}>
          {parents.map((p) => (
            <Option key={p} value={p}>{p}</Option>
          ))}
        </Dropdown>
      </Field>
    );
  }
  if (field === "direction") {
    return (
      <Field label={label} hint={hint} validationMessage={error}>
        <Dropdown value={value} selectedOptions={[value]} placeholder="Choose" onOptionSelect={(_, d) => onChange(d.optionValue ?? "")}>
          {CALL_DIRECTIONS.map((d) => (
            <Option key={d} value={d}>{d}</Option>
          ))}
        </Dropdown>
      </Field>
    );
  }
  const date = field === "reviewDate" || field === "periodStart" || field === "periodEnd";
  return (
    <Field label={label} hint={hint} validationMessage={error}>
      {date ? <Input type="date" value={value} onChange={(_, d) => onChange(d.value)} /> : <Textarea value={value} onChange={(_, d) => onChange(d.value)} />}
    </Field>
  );
}

function LogActionForm({ upn, parents, entries, knownIds, onSubmit }: { upn: string; parents: string[]; entries: Array<{ id: string; text: string }>; knownIds: Set<string>; onSubmit: (e: ActionInput) => Promise<unknown> }) {
  const s = useStyles();
  const empty = (): ActionInput => ({ id: "", date: formatIso(todayInUk()), upn, action: "Call", detail: "", parent: "", staff: "", outcome: "", notes: "", supersedes: "" });
  const [entry, setEntry] = React.useState<ActionInput>(empty);
  const [problems, setProblems] = React.useState<ActionProblem[]>([]);
  const [added, setAdded] = React.useState<string | null>(null);
  React.useEffect(() => setEntry((e) => ({ ...empty(), staff: e.staff })), [upn]); // eslint-disable-line react-hooks/exhaustive-deps
  const type = actionTypeOf(entry.action);
  const details = type ? ACTION_DETAILS[type] : undefined;
  const set = (k: keyof ActionInput) => (_: unknown, d: { value?: string; optionValue?: string }) => setEntry((e) => ({ ...e, [k]: d.optionValue ?? d.value ?? "" }));
  const error = (field: keyof ActionInput) => problems.find((p) => p.field === field)?.message;
  const submit = async (ev: React.FormEvent) => {
    ev.preventDefault();
    const found = validateAction(entry, knownIds, todayInUk());
    setProblems(found);
    if (found.length > 0) return;
    setAdded(null);
    await onSubmit(entry);
    // Said beside the button pressed, not only in the banner at the top of the pane.
    setAdded(`Added to the actions log: ${entry.action}${entry.detail ? `, ${entry.detail}` : ""} on ${ukDate(entry.date)}.`);
    setEntry((e) => ({ ...empty(), staff: e.staff }));
  };
  return (
    <form className={s.form} onSubmit={submit} aria-label="Log an action">
      <Subtitle2 as="h3" block>Log an action</Subtitle2>
      <Field label="Action" required validationMessage={error("action")}>
        <Dropdown value={entry.action} selectedOptions={[entry.action]} onOptionSelect={(_, d) => setEntry((e) => ({ ...withoutFields(e), action: d.optionValue ?? "", detail: "" }))}>
          {ACTION_TYPES.map((t) => (
            <Option key={t.type} value={t.label}>{t.label}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Detail" required={details !== undefined} validationMessage={error("detail")}>
        {details ? (
          <Dropdown value={entry.detail} selectedOptions={[entry.detail]} onOptionSelect={set("detail")} placeholder="Choose">
            {details.map((d) => (
              <Option key={d} value={d}>{d}</Option>
            ))}
          </Dropdown>
        ) : (
          <Input value={entry.detail} onChange={set("detail")} />
        )}
      </Field>
      <Field label="Date" required validationMessage={error("date")} hint="The date it happened">
        <Input type="date" value={entry.date} onChange={set("date")} />
      </Field>
      <Field label={type === "call" ? "With whom" : "Parent"} validationMessage={error("parent")}>
        <Dropdown value={entry.parent} selectedOptions={[entry.parent]} onOptionSelect={set("parent")} placeholder="Not about one parent">
          <Option value="">Not about one parent</Option>
          {parents.map((p) => (
            <Option key={p} value={p}>{p}</Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Staff member" required validationMessage={error("staff")}>
        <Input value={entry.staff} onChange={set("staff")} />
      </Field>
      {(type ? ACTION_FIELDS[type] ?? [] : [])
        .filter((f) => f !== "letter")
        .map((f) => (
          <TypedField key={f} field={f} value={entry[f] ?? ""} parents={parents} error={error(f)} onChange={(v) => setEntry((e) => ({ ...e, [f]: v }))} />
        ))}
      <Field label="Outcome">
        <Input value={entry.outcome} onChange={set("outcome")} />
      </Field>
      <Field label="Notes">
        <Textarea value={entry.notes} onChange={set("notes")} />
      </Field>
      <Field label="Corrects entry" hint="A correction is a new entry; the old one stays in the log, marked as corrected." validationMessage={error("supersedes")}>
        <Dropdown value={entries.find((e) => e.id === entry.supersedes)?.text ?? "None"} selectedOptions={[entry.supersedes]} onOptionSelect={set("supersedes")}>
          <Option value="">None</Option>
          {entries.map((e) => (
            <Option key={e.id} value={e.id} text={e.text}>{e.text}</Option>
          ))}
        </Dropdown>
      </Field>
      <div className={s.buttons}>
        <Button type="submit" appearance="primary">
          Add to the actions log
        </Button>
      </div>
      <Caption1 aria-live="polite">{added}</Caption1>
    </form>
  );
}
