/**
 * Issue 20, item 3: one typed log. What the tool writes (evidence.tsv, the panes' Log an action) is
 * read back as the same kind of entry with the same fields; older trackers still read.
 */
import { ACTION_FIELDS, readActionLog } from "../../src/engine/actions";
import { parseDate } from "../../src/engine/dates";
import { actionsFromGrid } from "../../src/files/tracker";
import { ACTIONS_SHEET, actionRowCells } from "../../src/files/tracker-layout";
import { evidenceToAction, evidenceToTsv, LetterEvidence } from "../../src/letters/evidence";

const HEADER = ACTIONS_SHEET.columns.map((c) => c.header);
/** The Actions table's header before the typed columns (and before "Refers to"). */
const OLD_HEADER = ["ID", "Date", "UPN", "Action", "Detail", "Parent", "Staff", "Outcome", "Notes", "Supersedes"];

const nti: LetterEvidence = {
  upn: "P1",
  pupil: "Ollie O'Brien",
  parent: "Ms Zara O'Brien",
  letterId: "notice-to-improve",
  letterTitle: "Notice to Improve (national threshold met)",
  date: "2026-03-16",
  delivery: "post",
  staff: "Ms Patel",
  reference: "P1-notice-to-improve-2026-03-16",
  record: { periodStart: "2026-03-17", periodEnd: "2026-05-01", improvement: "no further unauthorised absence." },
};

/** evidence.tsv lines pasted under a table with this header, read back as the tracker reader does. */
function paste(header: string[], lines: string[]) {
  const rows = lines.map((l) => l.split("\t").slice(0, header.length));
  return readActionLog(actionsFromGrid({ header, rows }));
}

test("a Notice to Improve's evidence line reads back as a Notice to Improve, with its period and what improvement means", () => {
  const log = paste(HEADER, [evidenceToTsv(nti)]);
  expect(log.problems).toEqual([]);
  expect(log.entries).toHaveLength(1);
  expect(log.entries[0]).toMatchObject({
    type: "notice-to-improve",
    detail: "Issued",
    parent: "Ms Zara O'Brien",
    periodStart: parseDate("2026-03-17"),
    periodEnd: parseDate("2026-05-01"),
    improvement: "no further unauthorised absence.",
    letter: "notice-to-improve",
  });
});

test("the line earlier versions wrote (Action Letter, the Notice's title) is read as a Notice to Improve too", () => {
  const old = ["", "2026-03-16", "P1", "Letter", "Notice to Improve (national threshold met)", "Ms Zara O'Brien", "Ms Patel", "Posted first class", "Ref. x", ""].join("\t");
  const log = paste(OLD_HEADER, [old]);
  expect(log.problems).toEqual([]);
  expect(log.entries[0]).toMatchObject({ type: "notice-to-improve", detail: "Issued", parent: "Ms Zara O'Brien", periodStart: null });
});

test("every other letter reads back as a Letter naming its template", () => {
  const e = { ...nti, letterId: "discussion-summary", letterTitle: "Summary of our discussion", record: undefined };
  const log = paste(HEADER, [evidenceToTsv(e)]);
  expect(log.entries[0]).toMatchObject({ type: "letter", detail: "Summary of our discussion", letter: "discussion-summary" });
});

test("a meeting and a call keep their typed fields through the table; an older tracker's row of ten columns still reads", () => {
  const meeting = { id: "A0001", date: "2026-02-02", upn: "P1", action: "Meeting", detail: "Declining attendance meeting", parent: "", staff: "Mr Hughes", outcome: "Targets agreed", notes: "", supersedes: "", invited: "Ms Zara O'Brien; Mr Reuben O'Brien", attended: "Ms Zara O'Brien", agreed: "Mentoring twice a week", reviewDate: "2026-03-02" };
  const call = { id: "A0002", date: "2026-02-03", upn: "P1", action: "Call", detail: "", parent: "Mr Reuben O'Brien", staff: "Miss Campbell", outcome: "Could not attend, asked to rearrange", notes: "", supersedes: "", direction: "Incoming" };
  const log = readActionLog(actionsFromGrid({ header: HEADER, rows: [actionRowCells(meeting, HEADER), actionRowCells(call, HEADER)] }));
  expect(log.problems).toEqual([]);
  expect(log.entries[0]).toMatchObject({ type: "meeting", invited: ["Ms Zara O'Brien", "Mr Reuben O'Brien"], attended: ["Ms Zara O'Brien"], agreed: "Mentoring twice a week", reviewDay: parseDate("2026-03-02") });
  expect(log.entries[1]).toMatchObject({ type: "call", direction: "Incoming", parent: "Mr Reuben O'Brien" });
  // The same row under an older header is as wide as that header, and reads without the new fields.
  const oldRow = actionRowCells(meeting, OLD_HEADER);
  expect(oldRow).toHaveLength(OLD_HEADER.length);
  const old = readActionLog(actionsFromGrid({ header: OLD_HEADER, rows: [oldRow] }));
  expect(old.problems).toEqual([]);
  expect(old.entries[0]).toMatchObject({ type: "meeting", invited: [], attended: [] });
});

test("typed fields are checked: a period ending before it starts, a start before the notice, a field of another kind, a direction that is not one", () => {
  const base = { id: "A1", date: "2026-03-16", upn: "P1", detail: "Issued", parent: "Ms Zara O'Brien", staff: "Ms Patel", outcome: "", notes: "", supersedes: "" };
  const log = readActionLog([
    { ...base, action: "Notice to Improve", periodStart: "2026-03-17", periodEnd: "2026-03-10" },
    { ...base, id: "A2", action: "Notice to Improve", periodStart: "2026-03-02", periodEnd: "2026-04-24" },
    { ...base, id: "A3", action: "Call", detail: "", invited: "Ms Zara O'Brien" },
    { ...base, id: "A4", action: "Call", detail: "", direction: "sideways" },
  ]);
  expect(log.entries).toEqual([]);
  expect(log.problems.map((p) => p.field)).toEqual(["periodEnd", "periodStart", "invited", "direction"]);
  expect(log.problems[0].message).toMatch(/ends \(2026-03-10\) on or before it starts/);
});

test("every typed field has a column in the tracker layout", () => {
  for (const f of new Set(Object.values(ACTION_FIELDS).flat())) {
    expect(actionRowCells({ ...evidenceToAction(nti), [f]: "marker" }, HEADER)).toContain("marker");
  }
});
