/** The Excel pane's views: summary, key groups, this week. */
import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Option,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableCellLayout,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { Analysis } from "../../engine/analyse";
import { keyGroups, KeyGroupId, weeklyActions } from "../../engine/key-groups";
import { BAND_LABELS } from "../../engine/measures";
import { groupValue } from "../../engine/summary";
import { fullName, percent, plural, ukLongDate } from "../shared/format";
import { WeeklyChart } from "../shared/WeeklyChart";
import { NationalLine } from "./TrustView";

const useStyles = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalM} 0` },
  figure: { display: "flex", flexDirection: "column", padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  filters: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", margin: `${tokens.spacingVerticalS} 0` },
  row: { cursor: "pointer" },
  problems: { maxHeight: "160px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  const s = useStyles();
  return (
    <div className={s.figure} role="group" aria-label={`${label}: ${value}${note ? `, ${note}` : ""}`}>
      <Caption1>{label}</Caption1>
      <span className={s.big}>{value}</span>
      {note && <Caption1>{note}</Caption1>}
    </div>
  );
}

export function SummaryView({ analysis }: { analysis: Analysis }) {
  const s = useStyles();
  const sum = analysis.summary;
  const [showProblems, setShowProblems] = React.useState(false);
  return (
    <section aria-label="Summary">
      <Subtitle2 as="h2" block>As at {ukLongDate(analysis.asOf)}</Subtitle2>
      <div className={s.figures}>
        <Figure label="Attendance" value={percent(sum.attendancePercent)} note={`${plural(sum.pupils, "pupil")}`} />
        <Figure label="Persistent absence" value={String(sum.persistentAbsenceCount)} note={percent(sum.persistentAbsenceRate)} />
        <Figure label="Severe absence" value={String(sum.severeAbsenceCount)} note={percent(sum.severeAbsenceRate)} />
        <Figure label="National threshold met" value={String(sum.nationalThresholdMetCount)} note="pupils" />
      </div>
      <NationalLine attendancePercent={sum.attendancePercent} />
      <WeeklyChart weeks={analysis.weekly} title="School attendance each school week" expectedFrom={analysis.policy.bands.expectedFrom} persistentAt={analysis.policy.bands.keyConverterAbove} floor={Math.min(80, Math.floor(Math.min(...analysis.weekly.map((w) => w.attendancePercent ?? 100)) / 10) * 10)} />
      <Table size="small" aria-label="Pupils by band">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Band</TableHeaderCell>
            <TableHeaderCell>Pupils</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {Object.entries(sum.bands).map(([band, n]) => (
            <TableRow key={band}>
              <TableCell>{BAND_LABELS[band as keyof typeof BAND_LABELS]}</TableCell>
              <TableCell>{n}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {analysis.problems.length > 0 && (
        <div>
          <Button appearance="subtle" onClick={() => setShowProblems((v) => !v)} aria-expanded={showProblems}>
            {plural(analysis.problems.length, "problem")} in the marks {showProblems ? "(hide)" : "(show)"}
          </Button>
          {showProblems && (
            <ul className={s.problems}>
              {analysis.problems.slice(0, 200).map((p, i) => (
                <li key={i}>
                  <Caption1>{p.message}</Caption1>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

export function PupilTable({ analysis, rows, onSelect, label }: { analysis: Analysis; rows: number[]; onSelect: (upn: string) => void; label: string }) {
  const s = useStyles();
  const shown = rows.slice(0, 300);
  return (
    <>
      <Table size="small" aria-label={label}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Pupil</TableHeaderCell>
            <TableHeaderCell>Year</TableHeaderCell>
            <TableHeaderCell>Attendance</TableHeaderCell>
            <TableHeaderCell>Window</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((i) => {
            const p = analysis.pupils[i];
            const select = () => onSelect(p.upn);
            return (
              <TableRow
                key={p.upn}
                className={s.row}
                tabIndex={0}
                onClick={select}
                onKeyDown={(e) => {
                  if (e.key === "Enter" || e.key === " ") {
                    e.preventDefault();
                    select();
                  }
                }}
                aria-label={`${fullName(p.details) || p.upn}, year ${p.details.year ?? "not given"}, attendance ${percent(p.attendancePercent)}. Press Enter to open.`}
              >
                <TableCell>
                  <TableCellLayout description={p.upn}>{fullName(p.details) || p.upn}</TableCellLayout>
                </TableCell>
                <TableCell>{p.details.year ?? ""}</TableCell>
                <TableCell>{percent(p.attendancePercent)}</TableCell>
                <TableCell>{p.nationalThreshold.sessionsInCurrentWindow}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      {rows.length > shown.length && <Caption1>Showing the first {shown.length} of {rows.length}. Filter by year or group to narrow the list.</Caption1>}
    </>
  );
}

export function KeyGroupsView({ analysis, onSelect }: { analysis: Analysis; onSelect: (upn: string) => void }) {
  const s = useStyles();
  const groups = React.useMemo(() => keyGroups(analysis), [analysis]);
  const [groupId, setGroupId] = React.useState<KeyGroupId>("threshold-met");
  const [year, setYear] = React.useState("");
  const [reg, setReg] = React.useState("");
  // Any other group (SEN, FSM, PP, EAL, CLA, CIN, CP, gender, a trust's own columns), as the dashboard groups them.
  const otherGroups = analysis.groups.filter((g) => g.column !== "year" && g.column !== "reg");
  const [groupColumn, setGroupColumn] = React.useState("");
  const [groupVal, setGroupVal] = React.useState("");
  const groupDef = otherGroups.find((g) => g.column === groupColumn);
  const years = React.useMemo(() => [...new Set(analysis.pupils.map((p) => p.details.year ?? "").filter(Boolean))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)), [analysis]);
  const regs = React.useMemo(() => [...new Set(analysis.pupils.filter((p) => !year || p.details.year === year).map((p) => p.details.reg ?? "").filter(Boolean))].sort(), [analysis, year]);
  const group = groups.find((g) => g.id === groupId)!;
  const rows = group.pupils.filter(
    (i) =>
      (!year || analysis.pupils[i].details.year === year) &&
      (!reg || analysis.pupils[i].details.reg === reg) &&
      (!groupDef || !groupVal || groupValue(analysis.pupils[i], groupDef.column) === groupVal),
  );
  return (
    <section aria-label="Key groups">
      <div className={s.filters}>
        <Field label="Key group">
          <Dropdown value={`${group.label} (${group.pupils.length})`} selectedOptions={[groupId]} onOptionSelect={(_, d) => setGroupId(d.optionValue as KeyGroupId)}>
            {groups.map((g) => (
              <Option key={g.id} value={g.id} text={`${g.label} (${g.pupils.length})`}>
                {`${g.label} (${g.pupils.length})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Year">
          <Dropdown value={year || "All years"} selectedOptions={[year]} onOptionSelect={(_, d) => { setYear(d.optionValue ?? ""); setReg(""); }}>
            <Option value="">All years</Option>
            {years.map((y) => (
              <Option key={y} value={y}>{y}</Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Reg group">
          <Dropdown value={reg || "All groups"} selectedOptions={[reg]} onOptionSelect={(_, d) => setReg(d.optionValue ?? "")}>
            <Option value="">All groups</Option>
            {regs.map((r) => (
              <Option key={r} value={r}>{r}</Option>
            ))}
          </Dropdown>
        </Field>
        {otherGroups.length > 0 && (
          <Field label="Other group">
            <Dropdown value={groupDef ? groupDef.label : "Any"} selectedOptions={[groupColumn]} onOptionSelect={(_, d) => { setGroupColumn(d.optionValue ?? ""); setGroupVal(""); }}>
              <Option value="">Any</Option>
              {otherGroups.map((g) => (
                <Option key={g.column} value={g.column}>{g.label}</Option>
              ))}
            </Dropdown>
          </Field>
        )}
        {groupDef && (
          <Field label={groupDef.label}>
            <Dropdown value={groupVal || "All"} selectedOptions={[groupVal]} onOptionSelect={(_, d) => setGroupVal(d.optionValue ?? "")}>
              <Option value="">All</Option>
              {groupDef.values.map((g) => (
                <Option key={g.value} value={g.value}>{`${g.value} (${g.pupils})`}</Option>
              ))}
            </Dropdown>
          </Field>
        )}
      </div>
      <Caption1>{group.description}.</Caption1>
      <Text as="p" aria-live="polite">
        {plural(rows.length, "pupil")}
      </Text>
      <PupilTable analysis={analysis} rows={rows} onSelect={onSelect} label={group.label} />
    </section>
  );
}

export function ThisWeekView({ analysis, onSelect, onWrite, canWrite }: { analysis: Analysis; onSelect: (upn: string) => void; onWrite: () => void; canWrite: boolean }) {
  const s = useStyles();
  const actions = React.useMemo(() => weeklyActions(analysis), [analysis]);
  const owners = [...new Set(actions.map((a) => a.owner))];
  const [owner, setOwner] = React.useState("");
  const shown = actions.filter((a) => !owner || a.owner === owner);
  return (
    <section aria-label="This week's actions">
      <div className={s.filters}>
        <Field label="Owner">
          <Dropdown value={owner || "Everyone"} selectedOptions={[owner]} onOptionSelect={(_, d) => setOwner(d.optionValue ?? "")}>
            <Option value="">Everyone</Option>
            {owners.map((o) => (
              <Option key={o} value={o}>{o}</Option>
            ))}
          </Dropdown>
        </Field>
        {canWrite && (
          <Button onClick={onWrite} appearance="secondary">
            Write to the "This week" sheet
          </Button>
        )}
      </div>
      <Text as="p">{plural(shown.length, "action")} for the weekly review, most urgent first.</Text>
      <Table size="small" aria-label="This week's actions">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Owner</TableHeaderCell>
            <TableHeaderCell>Action</TableHeaderCell>
            <TableHeaderCell>Pupil</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.slice(0, 300).map((a) => {
            const p = analysis.pupils[a.pupil];
            return (
              <TableRow key={a.upn} className={s.row} tabIndex={0} onClick={() => onSelect(a.upn)} onKeyDown={(e) => (e.key === "Enter" ? onSelect(a.upn) : undefined)}>
                <TableCell>
                  <Badge appearance="tint" color={a.priority <= 2 ? "danger" : a.priority <= 4 ? "warning" : "informative"}>
                    {a.owner}
                  </Badge>
                </TableCell>
                <TableCell>
                  <TableCellLayout description={a.why}>{a.action}</TableCellLayout>
                </TableCell>
                <TableCell>{fullName(p.details) || p.upn}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}
