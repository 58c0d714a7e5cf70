import { ActionInput, readActionLog, validateAction, nextActionId, effectiveEntries } from "../../src/engine/actions";
import { pupilEvidence } from "../../src/engine/evidence";
import { improvementPeriodEnd } from "../../src/engine/notice-to-improve";
import { nextPenaltyNotice, penaltyNotices } from "../../src/engine/penalty-notices";
import { DEFAULT_POLICY } from "../../src/engine/policy";
import { parseDate } from "../../src/engine/dates";
import { marksOn, present, run, school, weekdays, wholeDays } from "./build";

let seq = 0;
function entry(date: string, action: string, detail = "", more: Partial<ActionInput> = {}): ActionInput {
  seq++;
  return { id: `A${String(seq).padStart(4, "0")}`, date, upn: "P1", action, detail, parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "", ...more };
}
const d = (s: string) => parseDate(s)!;

describe("penalty notices per parent per child (rules.md: £160, £80 within 21 days, second £160, no third within 3 years)", () => {
  const log = (inputs: ActionInput[]) => effectiveEntries(readActionLog(inputs).entries);

  test("worked case: a third notice within 3 years is refused, while a withdrawn one is not counted", () => {
    const entries = log([
      entry("2024-10-01", "Penalty notice", "Issued", { parent: "Mrs Sarah Khan" }),
      entry("2024-10-20", "Penalty notice", "Withdrawn", { parent: "Mrs Sarah Khan" }),
      entry("2025-01-10", "Penalty notice", "Issued", { parent: "Mrs Sarah Khan" }),
      entry("2025-01-25", "Penalty notice", "Paid", { parent: "Mrs Sarah Khan" }),
      entry("2025-06-02", "Penalty notice", "Issued", { parent: "Mrs Sarah Khan" }),
    ]);
    const notices = penaltyNotices(entries, d("2026-01-12"), DEFAULT_POLICY);
    expect(notices.map((n) => [n.issuedOn, n.sequence, n.status, n.amount, n.amountDue])).toEqual([
      ["2024-10-01", 1, "withdrawn", 160, 0],
      ["2025-01-10", 1, "paid", 160, 80], // the withdrawn notice does not count: this is a first notice, paid within 21 days
      ["2025-06-02", 2, "overdue", 160, 160], // second within 3 years: £160, no reduction, 28 days to pay
    ]);
    const third = nextPenaltyNotice(notices, "Mrs Sarah Khan", d("2026-01-12"), DEFAULT_POLICY);
    expect(third.allowed).toBe(false);
    expect(third.reason).toMatch(/no further notice may be issued within 3 years/);
    // Notices are per parent: the other parent may still receive a first notice.
    expect(nextPenaltyNotice(notices, "Mr Imran Khan", d("2026-01-12"), DEFAULT_POLICY)).toMatchObject({ allowed: true, sequence: 1, amount: 160, reducedAmount: 80 });
  });

  test("three years after the first notice, a notice is allowed again", () => {
    const entries = log([
      entry("2023-01-09", "Penalty notice", "Issued", { parent: "Mr Lee" }),
      entry("2024-02-05", "Penalty notice", "Issued", { parent: "Mr Lee" }),
    ]);
    const notices = penaltyNotices(entries, d("2026-01-12"), DEFAULT_POLICY);
    // On 12 January 2026 only the 2024 notice is within 3 years: a second notice.
    expect(nextPenaltyNotice(notices, "Mr Lee", d("2026-01-12"), DEFAULT_POLICY)).toMatchObject({ allowed: true, sequence: 2, amount: 160, reducedAmount: null });
    expect(nextPenaltyNotice(notices, "Mr Lee", d("2026-01-08"), DEFAULT_POLICY).allowed).toBe(false);
  });

  test("paid on day 22 is the full £160; unpaid after 28 days is overdue", () => {
    const entries = log([entry("2025-03-03", "Penalty notice", "Issued", { parent: "Ms Brown" }), entry("2025-03-25", "Penalty notice", "Paid", { parent: "Ms Brown" })]);
    const [n] = penaltyNotices(entries, d("2025-04-30"), DEFAULT_POLICY);
    expect(n).toMatchObject({ reducedIfPaidBy: "2025-03-24", payBy: "2025-03-31", status: "paid", amountDue: 160 });
    const [m] = penaltyNotices(log([entry("2025-03-03", "Penalty notice", "Issued", { parent: "Ms Brown" })]), d("2025-04-01"), DEFAULT_POLICY);
    expect(m.status).toBe("overdue");
  });
});

// Autumn 2025 with half-term 27-31 October.
const autumn = weekdays("2025-09-01", "2025-12-19", [["2025-10-27", "2025-10-31"]]);

describe("Notice to Improve improvement period (rules.md: 6 school weeks, policy)", () => {
  test("worked case: a period that spans a half-term ends a week later", () => {
    const a = run(school(autumn, { P1: present }));
    // Issued Monday 13 October: school weeks after it are 20 Oct, 3, 10, 17, 24 Nov, 1 Dec (27 Oct is half-term).
    expect(improvementPeriodEnd(d("2025-10-13"), a.calendar, 6)).toEqual({ end: d("2025-12-01"), provisional: false });
    // Issued 8 September, no holiday inside: six weeks later to the day.
    expect(improvementPeriodEnd(d("2025-09-08"), a.calendar, 6)).toEqual({ end: d("2025-10-20"), provisional: false });
  });

  test("weeks after the last marks are taken as school weeks, and the end is provisional", () => {
    const a = run(school(autumn, { P1: present }), { asOf: "2025-11-14" });
    expect(improvementPeriodEnd(d("2025-11-03"), a.calendar, 6)).toEqual({ end: d("2025-12-15"), provisional: true });
  });

  test("unauthorised absence during the period decides whether the improvement was met", () => {
    const issued = entry("2025-10-13", "Notice to Improve", "Issued", { parent: "Mrs Khan", upn: "P1" });
    const ds = school(autumn, {
      P1: present,
      P2: marksOn("O", ["2025-11-05 AM"]),
      P3: marksOn("G", ["2025-11-05 AM"]),
    });
    const a = run(ds);
    const logFor = (upn: string) => readActionLog([{ ...issued, upn }]);
    const met = pupilEvidence(a, 0, logFor("P1")).noticesToImprove[0];
    expect(met).toMatchObject({ status: "met", periodStart: "2025-10-14", periodEnd: "2025-12-01", unauthorisedSessions: [] });
    const notMet = pupilEvidence(a, 1, logFor("P2")).noticesToImprove[0];
    expect(notMet).toMatchObject({ status: "not-met", unauthorisedSessions: [{ session: "2025-11-05 AM", code: "O" }] });
    const early = pupilEvidence(run(ds, { asOf: "2025-11-10" }), 2, logFor("P3")).noticesToImprove[0];
    expect(early.status).toBe("not-being-met");
    expect(early.message).toMatch(/issued early once the parent has been told/);
  });
});

describe("chronology: milestones from the marks merged with the actions log (issue 5)", () => {
  test("worked case: a correction supersedes an entry; both stay in the timeline, the old one marked", () => {
    const ds = school(autumn, { P1: marksOn("O", wholeDays(autumn.slice(20, 27))) });
    const a = run(ds);
    const log = readActionLog([
      { ...entry("2025-09-30", "Call", "First-day call", { outcome: "Spoke to father" }), id: "A0001" },
      { ...entry("2025-10-07", "Meeting", "Declining attendance meeting", { parent: "Mr Khan" }), id: "A0002" },
      { ...entry("2025-10-08", "Call", "First-day call", { outcome: "Spoke to mother, not father", supersedes: "A0001" }), id: "A0003" },
    ]);
    const items = pupilEvidence(a, 0, log).chronology;
    const titles = items.map((i) => `${i.date} ${i.title}${i.supersededBy ? ` (superseded by ${i.supersededBy})` : ""}`);
    // Absent (O) every day from Monday 29 September to Tuesday 7 October: worked by hand.
    expect(titles).toEqual([
      "2025-09-29 First absence this school year",
      "2025-09-29 Trust ladder: reached Stage 1: first-day call", // half a day absent
      "2025-09-30 Call (superseded by A0003)",
      "2025-10-01 Became persistently absent", // 6 of 44 sessions missed
      "2025-10-01 Trust ladder: reached Stage 2: tutor meeting", // 3 days in the autumn term
      "2025-10-03 National threshold met", // the 10th unauthorised session
      "2025-10-06 Trust ladder: reached Stage 3: year leader meeting", // 6 days
      "2025-10-07 Meeting",
      "2025-10-08 Call",
      "2025-12-15 No longer persistently absent", // 14 of 146 sessions missed
    ]);
    const correction = items.find((i) => i.entryId === "A0003")!;
    expect(correction.supersedes).toBe("A0001");
  });
});

describe("support-first readiness for a referral (toolkit.md step 9)", () => {
  const ds = school(autumn, { P1: marksOn("O", wholeDays(autumn.slice(40, 50))) });
  const a = run(ds);
  const base = [
    entry("2025-10-28", "Call", "First-day call"),
    entry("2025-11-03", "Support offered", "Mentoring"),
    entry("2025-11-10", "Meeting", "Declining attendance meeting", { parent: "Mrs Khan" }),
  ];

  test("worked case without a contract: missing, with the reason it matters", () => {
    const r = pupilEvidence(a, 0, readActionLog(base)).readiness;
    expect(r.ready).toBe(false);
    expect(r.missing).toEqual(["Attendance contract", "Notice to Improve"]);
    expect(r.steps.find((s) => s.step === 8)!.message).toMatch(/no recorded reason why/);
  });

  test("worked case with a contract and a Notice to Improve: ready", () => {
    const r = pupilEvidence(a, 0, readActionLog([...base, entry("2025-11-17", "Attendance contract", "Agreed", { parent: "Mrs Khan" }), entry("2025-12-01", "Notice to Improve", "Issued", { parent: "Mrs Khan" })])).readiness;
    expect(r.missing).toEqual([]);
    expect(r.ready).toBe(true);
    expect(r.steps.find((s) => s.step === 8)!.status).toBe("evidenced");
  });

  test("no contract, with the reason recorded, counts as a rationale", () => {
    const r = pupilEvidence(a, 0, readActionLog([...base, entry("2025-11-17", "Attendance contract", "Not appropriate", { notes: "Parent in hospital; contract deferred by the LA" })])).readiness;
    expect(r.steps.find((s) => s.step === 8)).toMatchObject({ status: "rationale" });
  });

  test("a superseded entry is not evidence", () => {
    const wrong = { ...entry("2025-11-17", "Attendance contract", "Agreed"), id: "X1" };
    const fix = { ...entry("2025-11-18", "Call", "Correction: the contract meeting did not happen", { supersedes: "X1" }), id: "X2" };
    const r = pupilEvidence(a, 0, readActionLog([...base, wrong, fix])).readiness;
    expect(r.steps.find((s) => s.step === 8)!.status).toBe("missing");
  });
});

describe("actions log entries are validated with clear messages, append-only", () => {
  test("unknown action, bad date, missing UPN and staff, contract detail, penalty notice without a parent", () => {
    const p = validateAction({ id: "A9", date: "31/02/2025", upn: "", action: "Text message", detail: "", parent: "", staff: "", outcome: "", notes: "", supersedes: "", row: 12 });
    expect(p.map((x) => x.field)).toEqual(["upn", "date", "action", "staff"]);
    expect(p[2].message).toMatch(/Actions row 12 has the action "Text message".*Use one of: Call, Letter/);
    const c = validateAction({ ...entry("2025-01-06", "Attendance contract", "Signed"), row: 3 });
    expect(c[0].message).toMatch(/Offered, Agreed, Declined, Reviewed, Broken/);
    const pn = validateAction(entry("2025-01-06", "Penalty notice", "Issued"));
    expect(pn[0]).toMatchObject({ field: "parent" });
  });

  test("a supersession must name an entry in the log; repeated IDs are refused; the next ID follows the highest", () => {
    const log = readActionLog([{ ...entry("2025-01-06", "Call"), id: "A0001" }, { ...entry("2025-01-07", "Call", "", { supersedes: "A0099" }), id: "A0002" }, { ...entry("2025-01-08", "Call"), id: "A0001" }]);
    expect(log.entries.map((e) => e.id)).toEqual(["A0001"]);
    expect(log.problems.map((p) => p.field)).toEqual(["supersedes", "id"]);
    expect(nextActionId(["A0001", "A0041", "x"])).toBe("A0042");
  });
});

describe("issue 9, item 6: readiness, notices and parents", () => {
  // 10 sessions of O in the week of 3 November and the next (rules.md: threshold met), then present.
  const ds = school(autumn, { P1: marksOn("O", wholeDays(["2025-11-03", "2025-11-04", "2025-11-05", "2025-11-06", "2025-11-07"])), P2: marksOn("G", wholeDays(["2025-09-08", "2025-09-09", "2025-09-10", "2025-09-11", "2025-09-12"])) });
  const a = run(ds);
  const support = [entry("2025-10-28", "Call", "First-day call"), entry("2025-11-03", "Support offered", "Mentoring"), entry("2025-11-10", "Meeting", "Declining attendance meeting"), entry("2025-11-17", "Attendance contract", "Agreed")];

  test("a withdrawn Notice to Improve never counts as evidence (toolkit.md step 9)", () => {
    const issued = { ...entry("2025-11-20", "Notice to Improve", "Issued", { parent: "Mrs Ann Able" }), id: "N1" };
    const withdrawn = entry("2025-11-24", "Notice to Improve", "Withdrawn", { parent: "Mrs Ann Able", refersTo: "N1" });
    const r = pupilEvidence(a, 0, readActionLog([...support, issued, withdrawn])).readiness;
    expect(r.ready).toBe(false);
    expect(r.steps.find((s) => s.step === 9)).toMatchObject({ status: "missing", evidence: [] });
  });

  test("a Withdrawn row withdraws the notice it names (Refers to), not another; without the column, that parent's latest", () => {
    const first = { ...entry("2025-10-06", "Notice to Improve", "Issued", { parent: "Mrs Ann Able" }), id: "N1" };
    const second = { ...entry("2025-11-20", "Notice to Improve", "Issued", { parent: "Mrs Ann Able" }), id: "N2" };
    const named = entry("2025-12-01", "Notice to Improve", "Withdrawn", { parent: "Mrs Ann Able", refersTo: "N1" });
    expect(pupilEvidence(a, 0, readActionLog([first, second, named])).noticesToImprove.map((n) => n.id)).toEqual(["N2"]);
    const older = entry("2025-12-01", "Notice to Improve", "Withdrawn", { parent: "Ann Able" });
    expect(pupilEvidence(a, 0, readActionLog([first, second, older])).noticesToImprove.map((n) => n.id)).toEqual(["N1"]);
    // Penalty notices likewise: the Paid row names the first notice.
    const p1 = { ...entry("2025-09-01", "Penalty notice", "Issued", { parent: "Mr Lee" }), id: "PN1" };
    const p2 = { ...entry("2025-10-01", "Penalty notice", "Issued", { parent: "Mr Lee" }), id: "PN2" };
    const paid = entry("2025-10-10", "Penalty notice", "Paid", { parent: "Mr Lee", refersTo: "PN1" });
    const notices = penaltyNotices(effectiveEntries(readActionLog([p1, p2, paid]).entries), d("2025-10-12"), DEFAULT_POLICY);
    expect(notices.map((n) => [n.id, n.status])).toEqual([["PN1", "paid"], ["PN2", "unpaid"]]);
    expect(validateAction({ ...paid, refersTo: "NOPE" }, new Set(["PN1"]))[0].message).toMatch(/refers to entry NOPE, which is not in the log/);
  });

  test("holiday only is judged from the sessions that met the threshold, so it does not flip with no new marks; nextStep agrees", () => {
    // P2: 10 sessions of G in September, then present: the current window later holds none.
    for (const asOf of ["2025-09-19", "2025-11-28"]) {
      const b = run(ds, { asOf });
      const r = pupilEvidence(b, 1, readActionLog(support.map((e) => ({ ...e, upn: "P2" })))).readiness;
      expect({ asOf, step9: r.steps.find((s) => s.step === 9)!.status }).toEqual({ asOf, step9: "not-needed" });
    }
    const now = run(ds, { asOf: "2025-09-19" }).pupils[1].nextStep;
    expect(now.letter).toBeNull();
    expect(now.action).toMatch(/penalty notice referral .* a Notice to Improve is not used for holiday/);
    // P1 (O, not holiday): a Notice to Improve is needed, then and later.
    expect(run(ds, { asOf: "2025-12-19" }).pupils[0].nationalThreshold.met).toBe(true);
    expect(pupilEvidence(run(ds, { asOf: "2025-12-19" }), 0, readActionLog(support)).readiness.steps.find((s) => s.step === 9)!.status).toBe("missing");
    expect(run(ds, { asOf: "2025-11-07" }).pupils[0].nextStep.letter).toBe("notice-to-improve");
  });

  test("a third penalty notice within 3 years is flagged as not allowed (rules.md), not shown as unpaid with £0 due", () => {
    const entries = effectiveEntries(readActionLog([entry("2024-10-01", "Penalty notice", "Issued", { parent: "Mrs Sarah Khan" }), entry("2025-01-10", "Penalty notice", "Issued", { parent: "Sarah Khan" }), entry("2025-06-02", "Penalty notice", "Issued", { parent: "Mrs Sarah Khan" })]).entries);
    const n = penaltyNotices(entries, d("2025-06-10"), DEFAULT_POLICY);
    expect(n.map((x) => [x.sequence, x.status])).toEqual([[1, "overdue"], [2, "overdue"], [3, "not-allowed"]]);
    expect(n[2].flag).toMatch(/^Not allowed: .*no further notice may be issued within 3 years/);
  });

  test("parents are identified by their Contacts entry: \"Ann Able\" is \"Mrs Ann Able\"; a name matching no contact is reported", () => {
    const log = readActionLog([entry("2025-11-10", "Penalty notice", "Issued", { parent: "Ann Able" }), entry("2025-11-11", "Call", "", { parent: "Mrs Able" }), entry("2025-11-12", "Call", "", { parent: "Mr Zed Other" })]);
    const e = pupilEvidence(a, 0, log, ["Mrs Ann Able", "Mr Ben Able"]);
    expect(e.nextPenaltyNotice.map((n) => [n.parent, n.sequence])).toEqual([["Mrs Ann Able", 2], ["Mr Ben Able", 1], ["Mr Zed Other", 1]]);
    expect(e.parentProblems).toEqual([expect.stringMatching(/names the parent "Mr Zed Other", who is not on the Contacts sheet for P1/)]);
  });
});

test("issue 23: a new entry dated after today is refused with a sentence (\"Call on Sat 1 May 2027\" was accepted)", () => {
  const { validateAction } = require("../../src/engine/actions") as typeof import("../../src/engine/actions");
  const { parseDate } = require("../../src/engine/dates") as typeof import("../../src/engine/dates");
  const input = { id: "", date: "2027-05-01", upn: "P1", action: "Call", detail: "", parent: "", staff: "Ms Patel", outcome: "", notes: "", supersedes: "" };
  const today = parseDate("2026-12-07")!;
  expect(validateAction(input, undefined, today)).toEqual([
    expect.objectContaining({ field: "date", message: "The entry is dated 01/05/2027, after today (07/12/2026): an action is logged once it has happened." }),
  ]);
  expect(validateAction({ ...input, date: "2026-12-07" }, undefined, today)).toEqual([]);
});
