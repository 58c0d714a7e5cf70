/**
 * The weekly review (issue 23): last week's list checked, this week's list most urgent first and cut
 * at what the team can do, allocation one by one or several at once, a filter by named person, and
 * closing or dropping an action by hand with a reason. Every allocation is saved as it is made; the
 * list's state lives in the pane above this view, so opening a pupil and coming back loses nothing.
 */
import * as React from "react";
import {
  Badge,
  Button,
  Caption1,
  Checkbox,
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
import type { Analysis } from "../../engine/analyse";
import { readActionLog } from "../../engine/actions";
import { formatIso, todayInUk } from "../../engine/dates";
import { buildWeeklyReview, closeByHand, ReviewItem, ReviewLine, reviewRows, REVIEW_KINDS, staffList } from "../../engine/weekly-review";
import type { TrackerData } from "../../files/tracker";
import { count, fullName, plural, ukDate } from "../shared/format";

import { initialWeekList, NOT_ALLOCATED, WATCH_PAGE, WeekListState } from "./list-state";
export type { WeekListState };
export { initialWeekList, NOT_ALLOCATED };

const useStyles = makeStyles({
  filters: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap", alignItems: "flex-end", margin: `${tokens.spacingVerticalS} 0` },
  narrow: { minWidth: "140px", maxWidth: "100%" },
  scroll: { maxHeight: "200px", overflowY: "auto", margin: 0, paddingLeft: tokens.spacingHorizontalL, ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  item: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, padding: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowWrap: "anywhere", minWidth: 0 },
  top: { display: "flex", gap: tokens.spacingHorizontalXS, alignItems: "flex-start", flexWrap: "wrap" },
  badges: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
  pupil: { minHeight: "24px", padding: `0 ${tokens.spacingHorizontalXXS}`, minWidth: 0, height: "auto", textAlign: "start", justifyContent: "flex-start", overflowWrap: "anywhere" },
  line: { borderTop: `2px solid ${tokens.colorBrandStroke1}`, marginTop: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalXS },
  row: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap", alignItems: "center" },
  allocate: { minWidth: "0", maxWidth: "100%", flexGrow: 1 },
});

const lineKey = (l: { upn: string; action: string }) => `${l.upn}\u0000${l.action}`;

const STATUS_WORDS: Record<ReviewLine["status"], string> = { new: "New", carried: "Carried", done: "Done", "no-longer-needed": "No longer needed", dropped: "Dropped" };

export function ThisWeekView({ analysis, data, list, setList, onSelect, onWrite, canWrite, onSave }: {
  analysis: Analysis;
  data: TrackerData | null;
  list: WeekListState;
  setList: React.Dispatch<React.SetStateAction<WeekListState>>;
  onSelect: (upn: string) => void;
  onWrite: () => void;
  canWrite: boolean;
  onSave: (items: readonly ReviewItem[]) => Promise<unknown>;
}) {
  const s = useStyles();
  const log = React.useMemo(() => readActionLog(data?.actions ?? []), [data?.actions]);
  // What the pane holds (allocations, closings) counts as saved: the review is built with it.
  const held = React.useMemo(() => Object.values(list.closings), [list.closings]);
  const review = React.useMemo(() => buildWeeklyReview(analysis, log, [...(data?.reviews ?? []), ...held]), [analysis, log, data?.reviews, held]);
  const staff = React.useMemo(() => staffList((data?.settings?.["Staff"] ?? "").split(/[,;]/), log), [data?.settings, log]);
  const withHeld = (l: ReviewLine): ReviewLine => ({ ...l, allocatedTo: list.allocations[lineKey(l)] ?? l.allocatedTo });
  const open = review.open.map(withHeld);
  const closed = review.closed.map(withHeld);
  const savedThisWeek = (data?.reviews ?? []).some((r) => r.week === review.week);
  const [closing, setClosing] = React.useState<{ key: string; reason: string; error: string } | null>(null);
  const [bulkTo, setBulkTo] = React.useState("");

  // Saved as made: the first change of the week saves the whole list with it, later ones their rows.
  const save = (changed: ReviewItem[]) => {
    const rows = reviewRows({ ...review, open, closed });
    const byKey = new Map(changed.map((c) => [lineKey(c), c]));
    void onSave(savedThisWeek ? changed : rows.map((r) => byKey.get(lineKey(r)) ?? r));
  };
  const allocate = (lines: ReviewLine[], to: string) => {
    if (lines.length === 0) return;
    setList((l) => ({ ...l, allocations: { ...l.allocations, ...Object.fromEntries(lines.map((x) => [lineKey(x), to])) }, selected: [] }));
    save(reviewRows({ ...review, open: lines.map((x) => ({ ...x, allocatedTo: to })), closed: [] }));
  };
  const closeLine = (l: ReviewLine, how: "dropped" | "no-longer-needed") => {
    if (!closing) return;
    try {
      const row = closeByHand(l, how, closing.reason, "", formatIso(todayInUk()));
      setList((x) => ({ ...x, closings: { ...x.closings, [lineKey(l)]: row }, selected: x.selected.filter((k) => k !== lineKey(l)) }));
      setClosing(null);
      save([row]);
    } catch (e) {
      setClosing({ ...closing, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const index = React.useMemo(() => new Map(analysis.pupils.map((p, i) => [p.upn, i])), [analysis]);
  const nameOf = (upn: string) => {
    const i = index.get(upn);
    return i === undefined ? upn : fullName(analysis.pupils[i].details) || upn;
  };
  const mine = (l: ReviewLine) => !list.person || (list.person === NOT_ALLOCATED ? !l.allocatedTo : l.allocatedTo === list.person);
  const thisWeek = open.filter((l) => l.horizon === "this-week" && mine(l));
  const watch = open.filter((l) => l.horizon === "watch" && mine(l));
  const watchShown = watch.slice(0, list.watchShown);
  const selected = new Set(list.selected);
  const people = [...new Set([...staff, ...open.map((l) => l.allocatedTo).filter(Boolean)])];
  const lastWeek = { done: closed.filter((l) => l.status === "done"), gone: closed.filter((l) => l.status === "no-longer-needed"), dropped: closed.filter((l) => l.status === "dropped"), carried: open.filter((l) => l.status === "carried") };
  const unallocated = open.filter((l) => !l.allocatedTo).length;

  const row = (l: ReviewLine) => {
    const k = lineKey(l);
    const isClosing = closing?.key === k;
    return (
      <li key={k} className={s.item}>
        <div className={s.top}>
          <Checkbox
            checked={selected.has(k)}
            aria-label={`Select ${l.action} for ${nameOf(l.upn)}`}
            onChange={(_, d) => setList((x) => ({ ...x, selected: d.checked ? [...x.selected, k] : x.selected.filter((y) => y !== k) }))}
          />
          <Button appearance="transparent" size="small" className={s.pupil} onClick={() => onSelect(l.upn)}>
            {nameOf(l.upn)}
          </Button>
        </div>
        <Text>{l.action}</Text>
        <div className={s.badges}>
          <Badge appearance="tint" shape="rounded" color={l.status === "carried" ? "danger" : "informative"}>{STATUS_WORDS[l.status]}</Badge>
          <Badge appearance="outline" shape="rounded">{REVIEW_KINDS[l.kind].label}</Badge>
        </div>
        <Caption1>For: {l.owner}. {l.status === "carried" ? `${l.reason} First listed in the week of ${ukDate(l.firstListed)}.` : l.reason}</Caption1>
        <div className={s.row}>
          <Dropdown
            size="small"
            className={s.allocate}
            aria-label={`Allocate ${l.action} for ${nameOf(l.upn)} to`}
            value={l.allocatedTo || "Not allocated"}
            selectedOptions={[l.allocatedTo]}
            onOptionSelect={(_, d) => allocate([l], d.optionValue ?? "")}
          >
            <Option value="">Not allocated</Option>
            {people.map((n) => (
              <Option key={n} value={n}>{n}</Option>
            ))}
          </Dropdown>
          <Button size="small" onClick={() => setClosing(isClosing ? null : { key: k, reason: "", error: "" })} aria-expanded={isClosing}>
            Close or drop
          </Button>
        </div>
        {isClosing && (
          <div className={s.row}>
            <Field label="Why" validationMessage={closing.error || undefined} className={s.allocate}>
              <Input value={closing.reason} onChange={(_, d) => setClosing({ ...closing, reason: d.value, error: "" })} />
            </Field>
            <Button size="small" onClick={() => closeLine(l, "no-longer-needed")}>Close: no longer needed</Button>
            <Button size="small" onClick={() => closeLine(l, "dropped")}>Drop</Button>
          </div>
        )}
      </li>
    );
  };

  return (
    <section aria-label="This week's actions">
      <Subtitle2 as="h2" block>Weekly review: week of {ukDate(review.week)}</Subtitle2>
      {review.previousWeek ? (
        <details>
          <summary>
            Last week: {count(lastWeek.done.length)} done, {count(lastWeek.gone.length)} no longer needed, {count(lastWeek.dropped.length)} dropped, {count(lastWeek.carried.length)} carried
          </summary>
          {/* A scroll box: reachable by keyboard and named for a screen reader. */}
          <ul className={s.scroll} tabIndex={0} role="region" aria-label="Last week's actions">
            {[...lastWeek.done, ...lastWeek.gone, ...lastWeek.dropped, ...lastWeek.carried].map((l) => (
              <li key={`${l.status}${lineKey(l)}`}>
                <Caption1>
                  <strong>{STATUS_WORDS[l.status]}:</strong> {nameOf(l.upn)}, {l.action}
                  {l.allocatedTo ? ` (${l.allocatedTo})` : ""}. {l.reason}
                </Caption1>
              </li>
            ))}
          </ul>
        </details>
      ) : (
        <Caption1 block>No review saved for an earlier week, so there is nothing to follow up yet.</Caption1>
      )}
      <div className={s.filters}>
        <Field label="Whose actions">
          <Dropdown className={s.narrow} value={list.person === NOT_ALLOCATED ? "Not allocated" : list.person || "Everyone"} selectedOptions={[list.person]} onOptionSelect={(_, d) => setList((x) => ({ ...x, person: d.optionValue ?? "", watchShown: WATCH_PAGE }))}>
            <Option value="">Everyone</Option>
            <Option value={NOT_ALLOCATED}>Not allocated</Option>
            {people.map((n) => (
              <Option key={n} value={n}>{n}</Option>
            ))}
          </Dropdown>
        </Field>
        <Button appearance="primary" onClick={() => void onSave(reviewRows({ ...review, open, closed }))}>
          Save this week's review
        </Button>
        {canWrite && (
          <Button onClick={onWrite} appearance="secondary">
            Write to the "This week" sheet
          </Button>
        )}
      </div>
      {list.selected.length > 0 && (
        <div className={s.filters} role="group" aria-label="Allocate the selected actions">
          <Field label={`Allocate the ${plural(list.selected.length, "selected action")} to`}>
            <Dropdown className={s.narrow} value={bulkTo || "Choose a person"} selectedOptions={[bulkTo]} onOptionSelect={(_, d) => setBulkTo(d.optionValue ?? "")}>
              {people.map((n) => (
                <Option key={n} value={n}>{n}</Option>
              ))}
            </Dropdown>
          </Field>
          <Button disabled={!bulkTo} onClick={() => allocate(open.filter((l) => selected.has(lineKey(l))), bulkTo)}>
            Allocate
          </Button>
          <Button appearance="subtle" onClick={() => setList((x) => ({ ...x, selected: [] }))}>
            Clear selection
          </Button>
        </div>
      )}
      {staff.length === 0 && <Caption1 block>To allocate actions, list your staff in the Settings sheet under "Staff" (names separated by commas), or log actions with a member of staff.</Caption1>}
      <Text as="p">
        This week: {plural(review.thisWeek, "action")}, most urgent first (today's first-day calls first); {open.length > review.thisWeek ? `${count(open.length - review.thisWeek)} more to watch` : "none to watch"}. {unallocated > 0 ? `${count(unallocated)} not yet allocated.` : "All allocated."}
        {list.person ? ` Showing ${list.person === NOT_ALLOCATED ? "those not allocated" : `${list.person}'s`}.` : ""}
      </Text>
      <ul className={s.list} aria-label="This week">
        {thisWeek.map(row)}
      </ul>
      {thisWeek.length === 0 && <Caption1 block>No action this week{list.person ? " for this person" : ""}.</Caption1>}
      <div className={s.line}>
        <Subtitle2 as="h3" block>To watch ({count(watch.length)})</Subtitle2>
        <Caption1 block>Beyond what the team can do this week ({plural(analysis.policy.weeklyReview.thisWeekActions, "action")}, the weeklyReview.thisWeekActions setting): look at them when this week's are done.</Caption1>
        <ul className={s.list} aria-label="To watch">
          {watchShown.map(row)}
        </ul>
        {watchShown.length < watch.length && (
          <Button size="small" onClick={() => setList((x) => ({ ...x, watchShown: x.watchShown + WATCH_PAGE }))}>
            Show {count(Math.min(WATCH_PAGE, watch.length - watchShown.length))} more
          </Button>
        )}
      </div>
      {closed.length > 0 && !review.previousWeek && (
        <MessageBar intent="info">
          <MessageBarBody>{plural(closed.length, "action")} closed this week: {closed.map((l) => `${nameOf(l.upn)} (${STATUS_WORDS[l.status].toLowerCase()})`).join(", ")}.</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
