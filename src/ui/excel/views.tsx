/** The Excel pane's views: summary, key groups, this week. */
import * as React from "react";
import {
  Button,
  Caption1,
  Combobox,
  Dropdown,
  Field,
  MessageBar,
  MessageBarBody,
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
  mergeClasses,
  tokens,
} from "@fluentui/react-components";
import type { Analysis, PupilAnalysis } from "../../engine/analyse";
import { parseDate } from "../../engine/dates";
import { keyGroups, KeyGroupId } from "../../engine/key-groups";
import { BAND_LABELS } from "../../engine/measures";
import { groupValue, SEN_PROVISION_SHORT } from "../../engine/summary";
import { termComparison } from "../../engine/term-comparison";
import { count, fullName, percent, plural, rate, ukDate, ukLongDate } from "../shared/format";
import { WeeklyChart } from "../shared/WeeklyChart";
import { NationalLine } from "./TrustView";

const useStyles = makeStyles({
  figures: { display: "grid", gridTemplateColumns: "1fr 1fr", gap: tokens.spacingHorizontalM, margin: `${tokens.spacingVerticalM} 0` },
  figure: { display: "flex", flexDirection: "column", padding: tokens.spacingHorizontalS, backgroundColor: tokens.colorNeutralBackground2, borderRadius: tokens.borderRadiusMedium },
  big: { fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  filters: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", margin: `${tokens.spacingVerticalS} 0` },
  row: { cursor: "pointer" },
  problems: { maxHeight: "160px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL },
  table: { tableLayout: "auto", width: "100%" },
  nameCol: { width: "auto" },
  numCol: { width: "5.5em", textAlign: "end" },
  wrap: { overflowWrap: "anywhere", minWidth: 0 },
  wide: { flexBasis: "100%" },
  narrow: { minWidth: "120px" },
  description: { color: tokens.colorNeutralForeground2, margin: 0 },
  countLine: { display: "flex", alignItems: "center", gap: tokens.spacingHorizontalS, flexWrap: "wrap", margin: `${tokens.spacingVerticalXS} 0` },
  figureButton: { border: "none", textAlign: "start", cursor: "pointer", font: "inherit", color: "inherit", ":hover": { backgroundColor: tokens.colorNeutralBackground2Hover } },
  notes: { margin: `0 0 ${tokens.spacingVerticalS} 0`, paddingLeft: tokens.spacingHorizontalL },
  badge: { height: "auto", minHeight: "20px", whiteSpace: "normal", alignSelf: "flex-start", maxWidth: "100%" },
  pupilCol: { width: "35%" },
  allocate: { minWidth: "0", maxWidth: "100%" },
  pupilButton: { padding: 0, minWidth: 0, textAlign: "start", justifyContent: "flex-start", overflowWrap: "anywhere", height: "auto" },
  lastWeek: { margin: `${tokens.spacingVerticalXS} 0` },
  selfEnd: { alignSelf: "flex-end" },
  action: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, minWidth: 0, overflowWrap: "anywhere" },
});

function Figure({ label, value, note, onOpen }: { label: string; value: string; note?: string; onOpen?: () => void }) {
  const s = useStyles();
  const body = (
    <>
      <Caption1>{label}</Caption1>
      <span className={s.big}>{value}</span>
      {note && <Caption1>{note}</Caption1>}
    </>
  );
  // A headline that stands for pupils opens them: the figure is a button to its key group.
  return onOpen ? (
    // The visible words are the button's name (WCAG 2.5.3); the spaces keep them apart when read.
    <button type="button" className={mergeClasses(s.figure, s.figureButton)} onClick={onOpen} title="Open these pupils">
      <Caption1>{label}</Caption1> <span className={s.big}>{value}</span> {note && <Caption1>{note}</Caption1>}
    </button>
  ) : (
    <div className={s.figure} role="group" aria-label={`${label}: ${value}${note ? `, ${note}` : ""}`}>
      {body}
    </div>
  );
}

export function SummaryView({ analysis, onOpenGroup }: { analysis: Analysis; onOpenGroup?: (id: KeyGroupId) => void }) {
  const s = useStyles();
  const sum = analysis.summary;
  const [showProblems, setShowProblems] = React.useState(false);
  const terms = React.useMemo(() => termComparison(analysis.weekly, analysis.calendar, analysis.policy), [analysis]);
  const minimum = analysis.policy.targets.minimumPercent;
  const open = (id: KeyGroupId) => (onOpenGroup ? () => onOpenGroup(id) : undefined);
  const points = (a: number, b: number) => {
    const d = Math.round((a - b) * 10) / 10;
    return d === 0 ? "the same as" : `${Math.abs(d).toFixed(1)} points ${d > 0 ? "above" : "below"}`;
  };
  const severeInPa = sum.severeAbsenceCount;
  return (
    <section aria-label="Summary">
      <Subtitle2 as="h2" block>As at {ukLongDate(analysis.asOf)}</Subtitle2>
      <div className={s.figures}>
        <Figure label="Attendance" value={percent(sum.attendancePercent)} note={plural(sum.pupils, "pupil")} />
        <Figure label="Persistent absence" value={count(sum.persistentAbsenceCount)} note={`${rate(sum.persistentAbsenceCount, sum.pupils)} of pupils`} onOpen={open("persistent")} />
        <Figure label="Severe absence" value={count(sum.severeAbsenceCount)} note={`${rate(sum.severeAbsenceCount, sum.pupils)} of pupils`} onOpen={open("severe")} />
        <Figure label="National threshold met" value={count(sum.nationalThresholdMetCount)} note={sum.nationalThresholdMetCount === 1 ? "pupil" : "pupils"} onOpen={open("threshold-met")} />
      </div>
      <NationalLine attendancePercent={sum.attendancePercent} from={analysis.dataset.sessions[0]?.label.slice(0, 10) ?? analysis.asOf ?? ""} to={analysis.asOf ?? ""} />
      {sum.attendancePercent !== null && (
        <ul className={s.notes} aria-label="Compared with">
          <li>
            <Text>
              Attendance is {points(sum.attendancePercent, minimum)} the trust's minimum of {minimum}% (the goal is {analysis.policy.targets.goalPercent}%).
            </Text>
          </li>
          {terms.lastTerm && terms.thisTerm.attendancePercent !== null && terms.lastTerm.attendancePercent !== null && (
            <li>
              <Text>
                {terms.thisTerm.name} so far: {percent(terms.thisTerm.attendancePercent)}, {points(terms.thisTerm.attendancePercent, terms.lastTerm.attendancePercent)} the {terms.lastTerm.name.toLowerCase()} ({percent(terms.lastTerm.attendancePercent)}).
              </Text>
            </li>
          )}
        </ul>
      )}
      <WeeklyChart weeks={analysis.weekly} title="School attendance each school week" expectedFrom={analysis.policy.bands.expectedFrom} persistentAt={analysis.policy.bands.keyConverterAbove} floor={Math.min(80, Math.floor(Math.min(...analysis.weekly.map((w) => w.attendancePercent ?? 100)) / 10) * 10)} />
      <Table size="small" aria-label="Pupils by band" className={s.table}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Band</TableHeaderCell>
            <TableHeaderCell className={s.numCol}>Pupils</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {Object.entries(sum.bands).map(([band, n]) => (
            <TableRow key={band}>
              <TableCell>{BAND_LABELS[band as keyof typeof BAND_LABELS]}</TableCell>
              <TableCell className={s.numCol}>{count(n)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Caption1 block>
        Each pupil is in one band. Persistent absence ({count(sum.persistentAbsenceCount)}) counts every pupil absent for 10% or more of sessions
        {severeInPa > 0 ? `, so it includes the ${plural(severeInPa, "pupil")} in severe absence; the band table shows them under severe absence only` : ""}.
      </Caption1>
      {analysis.problems.length > 0 && (
        <div>
          <Button appearance="subtle" onClick={() => setShowProblems((v) => !v)} aria-expanded={showProblems}>
            {plural(analysis.problems.length, "problem")} in the marks {showProblems ? "(hide)" : "(show)"}
          </Button>
          {showProblems && (
            <>
              {analysis.problems.length > 200 && <Caption1 block>The first 200 of {count(analysis.problems.length)} problems; the Analysis sheet and the command line list them all.</Caption1>}
              <ul className={s.problems}>
                {analysis.problems.slice(0, 200).map((p, i) => (
                  <li key={i}>
                    <Caption1>{p.message}</Caption1>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </section>
  );
}

export type SortKey = "need" | "name" | "attendance" | "extra";
export type SortState = { key: SortKey; ascending: boolean };

/** The column a key group adds beside attendance, where it means something for that group. */
export interface ExtraColumn {
  header: string;
  /** Said once above the table, so the column is never unexplained. */
  explained: string;
  value: (p: PupilAnalysis, i: number) => string;
  /** For sorting; larger is more urgent. */
  sortValue: (p: PupilAnalysis, i: number) => number;
}

/** A group's value as staff say it: SEN codes in words, the rest as the tracker has them. */
export const groupValueText = (column: string, value: string) => (column === "sen" ? SEN_PROVISION_SHORT[value.toUpperCase()] ?? value : value);

export function PupilTable({ analysis, rows, onSelect, label, extra, needOrder, sortState, limitState }: {
  analysis: Analysis;
  /** The order and "show more" held by the pane (so Back restores them); kept here when not given. */
  sortState?: [SortState, (s: SortState) => void];
  limitState?: [number, (n: number) => void];
  rows: number[];
  onSelect: (upn: string) => void;
  label: string;
  extra?: ExtraColumn;
  /** Most in need first: the default order. */
  needOrder?: (a: number, b: number) => number;
}) {
  const s = useStyles();
  const ownSort = React.useState<SortState>({ key: "need", ascending: true });
  const ownLimit = React.useState(PAGE);
  const [sort, setSort] = sortState ?? ownSort;
  const [limit, setLimit] = limitState ?? ownLimit;
  const sorted = React.useMemo(() => {
    const ps = analysis.pupils;
    const byAttendance = (a: number, b: number) => (ps[a].attendancePercent ?? 101) - (ps[b].attendancePercent ?? 101);
    const compare: Record<SortKey, (a: number, b: number) => number> = {
      need: needOrder ?? byAttendance,
      name: (a, b) => (ps[a].details.surname ?? "").localeCompare(ps[b].details.surname ?? "") || (ps[a].details.forename ?? "").localeCompare(ps[b].details.forename ?? ""),
      attendance: byAttendance,
      extra: (a, b) => (extra ? extra.sortValue(ps[b], b) - extra.sortValue(ps[a], a) : 0),
    };
    const out = [...rows].sort((a, b) => compare[sort.key](a, b) || a - b);
    return sort.ascending ? out : out.reverse();
  }, [analysis, rows, sort, extra, needOrder]);
  const shown = sorted.slice(0, limit);
  const header = (key: SortKey, text: string, className?: string) => {
    const active = sort.key === key;
    return (
      <TableHeaderCell
        className={className}
        sortable
        sortDirection={active ? (sort.ascending ? "ascending" : "descending") : undefined}
        onClick={() => setSort({ key, ascending: active ? !sort.ascending : true })}
      >
        {text}
      </TableHeaderCell>
    );
  };
  return (
    <>
      <Caption1 block>
        {rows.length === 0
          ? ""
          : `${shown.length < rows.length ? `Showing ${count(shown.length)} of ${count(rows.length)}` : `All ${plural(rows.length, "pupil")}`}, ${sort.key === "need" ? "most in need first" : "sorted by the column you chose"}. Choose a heading to sort.`}
        {extra && rows.length > 0 ? ` ${extra.explained}` : ""}
      </Caption1>
      {rows.length > 0 && (
        <Table size="small" aria-label={label} sortable className={s.table}>
          <TableHeader>
            <TableRow>
              {header("name", "Pupil", s.nameCol)}
              {header("attendance", "Attendance", s.numCol)}
              {extra && header("extra", extra.header, s.numCol)}
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
                  aria-label={`${fullName(p.details) || p.upn}, year ${p.details.year ?? "not given"}, attendance ${percent(p.attendancePercent)}${extra ? `, ${extra.header.toLowerCase()} ${extra.value(p, i)}` : ""}. Press Enter to open.`}
                >
                  <TableCell className={s.nameCol}>
                    <TableCellLayout className={s.wrap} description={`Year ${p.details.year ?? "?"}${p.details.reg ? ` · ${p.details.reg}` : ""} · ${p.upn}`}>{fullName(p.details) || p.upn}</TableCellLayout>
                  </TableCell>
                  <TableCell className={s.numCol}>{percent(p.attendancePercent)}</TableCell>
                  {extra && <TableCell className={mergeClasses(s.numCol, s.wrap)}>{extra.value(p, i)}</TableCell>}
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {shown.length < rows.length && (
        <Button size="small" onClick={() => setLimit(limit + PAGE)}>
          Show {count(Math.min(PAGE, rows.length - shown.length))} more
        </Button>
      )}
    </>
  );
}

import { GroupListState, initialGroupList, PAGE } from "./list-state";
export type { GroupListState };
export { initialGroupList };

export function KeyGroupsView({ analysis, onSelect, list, setList }: {
  analysis: Analysis;
  onSelect: (upn: string) => void;
  list: GroupListState;
  setList: React.Dispatch<React.SetStateAction<GroupListState>>;
}) {
  const s = useStyles();
  const groups = React.useMemo(() => keyGroups(analysis), [analysis]);
  const { groupId, year, reg, groupColumn, groupVal } = list;
  const set = (p: Partial<GroupListState>) => setList((l) => ({ ...l, ...p }));
  // A new group starts in its own order, from the top.
  const setGroupId = (g: KeyGroupId) => set({ groupId: g, sort: { key: "need", ascending: true }, limit: PAGE });
  const setReg = (r: string) => set({ reg: r, limit: PAGE });
  const setGroupVal = (v: string) => set({ groupVal: v, limit: PAGE });
  // Any other group (SEN, FSM, PP, EAL, CLA, CIN, CP, gender, a trust's own columns), as the dashboard groups them.
  const otherGroups = analysis.groups.filter((g) => g.column !== "year" && g.column !== "reg");
  const groupDef = otherGroups.find((g) => g.column === groupColumn);
  const years = React.useMemo(() => [...new Set(analysis.pupils.map((p) => p.details.year ?? "").filter(Boolean))].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)), [analysis]);
  const regs = React.useMemo(() => [...new Set(analysis.pupils.filter((p) => !year || p.details.year === year).map((p) => p.details.reg ?? "").filter(Boolean))].sort(), [analysis, year]);
  const group = groups.find((g) => g.id === groupId)!;
  const rows = React.useMemo(
    () =>
      group.pupils.filter(
        (i) =>
          (!year || analysis.pupils[i].details.year === year) &&
          (!reg || analysis.pupils[i].details.reg === reg) &&
          (!groupDef || !groupVal || groupValue(analysis.pupils[i], groupDef.column) === groupVal),
      ),
    [analysis, group, year, reg, groupDef, groupVal],
  );
  const filtered = Boolean(year || reg || groupColumn);
  const clear = () => set({ year: "", reg: "", groupColumn: "", groupVal: "", limit: PAGE });
  const extra = React.useMemo(() => extraColumnFor(analysis, groupId), [analysis, groupId]);
  const needOrder = React.useMemo(() => needOrderFor(analysis, groupId), [analysis, groupId]);
  return (
    <section aria-label="Key groups">
      <div className={s.filters}>
        <Field label="Key group" className={s.wide}>
          <Dropdown value={`${group.label} (${count(group.pupils.length)})`} selectedOptions={[groupId]} onOptionSelect={(_, d) => setGroupId(d.optionValue as KeyGroupId)}>
            {groups.map((g) => (
              <Option key={g.id} value={g.id} text={`${g.label} (${count(g.pupils.length)})`}>
                {`${g.label} (${count(g.pupils.length)})`}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Year">
          <Dropdown className={s.narrow} value={year || "All years"} selectedOptions={[year]} onOptionSelect={(_, d) => set({ year: d.optionValue ?? "", reg: "", limit: PAGE })}>
            <Option value="">All years</Option>
            {years.map((y) => (
              <Option key={y} value={y}>{y}</Option>
            ))}
          </Dropdown>
        </Field>
        <Field label="Reg group">
          <Dropdown className={s.narrow} value={reg || "All groups"} selectedOptions={[reg]} onOptionSelect={(_, d) => setReg(d.optionValue ?? "")}>
            <Option value="">All groups</Option>
            {regs.map((r) => (
              <Option key={r} value={r}>{r}</Option>
            ))}
          </Dropdown>
        </Field>
        {otherGroups.length > 0 && (
          <Field label="Other group">
            <Dropdown className={s.narrow} value={groupDef ? groupDef.label : "Any"} selectedOptions={[groupColumn]} onOptionSelect={(_, d) => set({ groupColumn: d.optionValue ?? "", groupVal: "", limit: PAGE })}>
              <Option value="">Any</Option>
              {otherGroups.map((g) => (
                <Option key={g.column} value={g.column}>{g.label}</Option>
              ))}
            </Dropdown>
          </Field>
        )}
        {groupDef && (
          <Field label={groupDef.label}>
            <Dropdown className={s.narrow} value={groupVal ? groupValueText(groupDef.column, groupVal) : "All"} selectedOptions={[groupVal]} onOptionSelect={(_, d) => setGroupVal(d.optionValue ?? "")}>
              <Option value="">All</Option>
              {groupDef.values.map((g) => (
                <Option key={g.value} value={g.value} text={`${groupValueText(groupDef.column, g.value)} (${count(g.pupils)})`}>{`${groupValueText(groupDef.column, g.value)} (${count(g.pupils)})`}</Option>
              ))}
            </Dropdown>
          </Field>
        )}
      </div>
      <Text as="p" block className={s.description}>{group.description}.</Text>
      <div className={s.countLine}>
        <Text weight="semibold" aria-live="polite">
          {plural(rows.length, "pupil")}
        </Text>
        {filtered && (
          <Button size="small" appearance="subtle" onClick={clear}>
            Clear filters
          </Button>
        )}
      </div>
      {rows.length === 0 && (
        <MessageBar intent="info">
          <MessageBarBody>
            {group.pupils.length === 0 ? "No pupil is in this group today." : `None of the ${plural(group.pupils.length, "pupil")} in this group match the filters. Clear the filters to see them all.`}
          </MessageBarBody>
        </MessageBar>
      )}
      <PupilTable
        analysis={analysis}
        rows={rows}
        onSelect={onSelect}
        label={group.label}
        extra={extra}
        needOrder={needOrder}
        sortState={[list.sort, (sort) => set({ sort })]}
        limitState={[list.limit, (limit) => set({ limit })]}
      />
    </section>
  );
}

/** The group-specific column: only where it tells staff something for that group. */
function extraColumnFor(analysis: Analysis, id: KeyGroupId): ExtraColumn | undefined {
  const t = analysis.policy.nationalThreshold;
  if (id === "threshold-met")
    return {
      header: "First met",
      explained: `First met: the day the pupil first had ${t.sessions} unauthorised sessions within ${t.schoolWeeks} school weeks.`,
      value: (p) => shortDate(p.nationalThreshold.firstMetOn),
      sortValue: (p) => -(parseDate(p.nationalThreshold.firstMetOn ?? "") ?? Infinity),
    };
  if (id === "close-to-threshold")
    return {
      header: "In window",
      explained: `In window: unauthorised sessions counted for the national threshold in the last ${t.schoolWeeks} school weeks (${t.sessions} meets it).`,
      value: (p) => `${p.nationalThreshold.sessionsInCurrentWindow} of ${t.sessions}`,
      sortValue: (p) => p.nationalThreshold.sessionsInCurrentWindow,
    };
  if (id === "declining")
    return {
      header: "Recent",
      explained: `Recent: attendance over the last ${analysis.policy.trend.recentSchoolWeeks} school weeks.`,
      value: (p) => percent(p.trend.recentPercent),
      sortValue: (p) => -(p.trend.recentPercent ?? 101),
    };
  if (id === "heading-for-persistent-absence")
    return {
      header: "Persistent by",
      explained: `Persistent by: the estimated day the pupil would reach 10% absence if they carry on at their rate of the last ${analysis.policy.trend.recentSchoolWeeks} school weeks.`,
      value: (p) => shortDate(p.forwardLook.persistentAbsenceOn),
      sortValue: (p) => -(parseDate(p.forwardLook.persistentAbsenceOn ?? "") ?? Infinity),
    };
  if (id === "stage-changed")
    return {
      header: "Last week",
      explained: "Last week: the stage at the end of last week, on that week's term thresholds (a new term's thresholds can change the stage with no new absence); the pupil card gives the reason.",
      value: (p) => (p.stage.lastWeek > 0 ? `Stage ${p.stage.lastWeek}` : "None"),
      sortValue: (p) => p.stage.lastWeek,
    };
  if (id === "unresolved-n")
    return {
      header: "Overdue N",
      explained: `Overdue N: N marks still without a reason after ${analysis.policy.unresolvedN.afterSchoolDays} school days.`,
      value: (p) => String(p.unresolvedN.overdue.length),
      sortValue: (p) => p.unresolvedN.overdue.length,
    };
  return undefined;
}

/** Most in need first, by the measure the group is about; lowest attendance breaks ties. */
function needOrderFor(analysis: Analysis, id: KeyGroupId): (a: number, b: number) => number {
  const ps = analysis.pupils;
  const att = (i: number) => ps[i].attendancePercent ?? 101;
  if (id === "threshold-met" || id === "close-to-threshold")
    return (a, b) => ps[b].nationalThreshold.sessionsInCurrentWindow - ps[a].nationalThreshold.sessionsInCurrentWindow || att(a) - att(b);
  if (id === "stage-changed") return (a, b) => ps[b].stage.stage - ps[a].stage.stage || att(a) - att(b);
  if (id === "heading-for-persistent-absence") return (a, b) => (ps[a].forwardLook.persistentAbsenceOn ?? "").localeCompare(ps[b].forwardLook.persistentAbsenceOn ?? "") || att(a) - att(b);
  if (id === "unresolved-n") return (a, b) => ps[b].unresolvedN.overdue.length - ps[a].unresolvedN.overdue.length || att(a) - att(b);
  return (a, b) => att(a) - att(b);
}

/** `13 Mar 2026`: a date in a narrow column. */
const shortDate = (iso: string | null) => (iso ? ukDate(iso).slice(4) : "");

/** Find a pupil by name or UPN: the Excel pane's way to a pupil card without the workbook. */
export function PupilSearch({ analysis, onSelect }: { analysis: Analysis; onSelect: (upn: string) => void }) {
  const [query, setQuery] = React.useState("");
  const q = query.trim().toLowerCase();
  const matches = React.useMemo(() => {
    if (q.length < 2) return [];
    return analysis.pupils.filter((p) => p.upn.toLowerCase().includes(q) || fullName(p.details).toLowerCase().includes(q)).slice(0, 20);
  }, [analysis, q]);
  return (
    <Field label="Find a pupil" hint={q.length >= 2 && matches.length === 0 ? "No pupil matches. Try part of the name or the UPN." : undefined}>
      <Combobox
        freeform
        placeholder="Name or UPN"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onOptionSelect={(_, d) => {
          if (d.optionValue) {
            setQuery("");
            onSelect(d.optionValue);
          }
        }}
      >
        {matches.map((p) => (
          <Option key={p.upn} value={p.upn} text={fullName(p.details) || p.upn}>
            {`${fullName(p.details) || p.upn} (Year ${p.details.year ?? "?"}, ${p.upn})`}
          </Option>
        ))}
      </Combobox>
    </Field>
  );
}
