import { parseArgs } from "node:util";
import { readActionLog } from "../engine/actions";
import { analyse } from "../engine/analyse";
import { formatUkShort, parseDate } from "../engine/dates";
import { buildWeeklyReview, reviewJson, ReviewLine, REVIEW_KINDS } from "../engine/weekly-review";
import { readMarksBytes } from "../files/read-file";
import { Io, readInput, trackerPolicy, UsageError } from "./common";
import { pupilName } from "./format";

/**
 * `review TRACKER [--as-of D] [--json]`: this week's review, as the Excel pane's This week view shows
 * it (the same engine function): last week's saved list (the tracker's Weekly review sheet) checked
 * against the actions log and the pupils' marks, then this week's new actions, most urgent first.
 */
export async function reviewCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      "as-of": { type: "string" },
      policy: { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("review needs exactly one TRACKER (the tracker workbook, .xlsx).");
  const file = positionals[0];
  const asOfArg = values["as-of"];
  if (asOfArg !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(asOfArg) || parseDate(asOfArg) === null)) {
    throw new UsageError(`--as-of "${asOfArg}" must be a date written YYYY-MM-DD.`);
  }
  const input = await readMarksBytes({ bytes: readInput(file) });
  if (input.kind !== "xlsx") throw new UsageError(`${file} is a marks file, not a tracker: the review needs the tracker workbook (its Actions and Weekly review sheets).`);
  const { policy, asOf } = trackerPolicy(input.settings, values.policy, io);
  const analysis = analyse(input.dataset, { asOf: asOfArg ?? asOf, policy });
  for (const n of analysis.notices) io.stderr(`attendance-toolkit: ${n}\n`);
  const log = readActionLog(input.actions);
  for (const p of log.problems) io.stderr(`attendance-toolkit: ${p.message} The entry was left out.\n`);
  const review = buildWeeklyReview(analysis, log, input.reviews ?? []);
  if (values.json) {
    io.stdout(`${JSON.stringify(reviewJson(review), null, 2)}\n`);
    return 0;
  }
  const names = new Map(analysis.pupils.map((p) => [p.upn, pupilName(p)]));
  const who = (l: ReviewLine) => `${names.get(l.upn) || l.upn} (${l.upn})`;
  const line = (l: ReviewLine) => `  ${who(l)}: ${l.action}. ${REVIEW_KINDS[l.kind].label}; ${l.allocatedTo || `${l.owner}, not allocated`}.\n      ${l.reason}\n`;
  const week = formatUkShort(parseDate(review.week)!);
  const out: string[] = [`Weekly review: week of ${week}\n`];
  out.push(review.previousWeek ? `Last week's list (week of ${formatUkShort(parseDate(review.previousWeek)!)}) checked against the actions log and the marks.\n` : "No review saved for an earlier week: nothing to follow up yet.\n");
  const section = (title: string, lines: ReviewLine[]) => {
    if (lines.length === 0) return;
    out.push(`\n${title} (${lines.length.toLocaleString("en-GB")})\n`);
    for (const l of lines) out.push(line(l));
  };
  section("Done", review.closed.filter((l) => l.status === "done"));
  section("No longer needed", review.closed.filter((l) => l.status === "no-longer-needed"));
  section("Dropped", review.closed.filter((l) => l.status === "dropped"));
  section("This week, most urgent first", review.open.filter((l) => l.horizon === "this-week"));
  section("To watch (beyond what the team can do this week)", review.open.filter((l) => l.horizon === "watch"));
  if (review.open.length === 0) out.push("\nNo open actions this week.\n");
  io.stdout(out.join(""));
  return 0;
}
