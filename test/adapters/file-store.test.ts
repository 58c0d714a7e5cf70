import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyse } from "../../src/engine/analyse";
import { nextActionId } from "../../src/engine/actions";
import { readMarksGrid } from "../../src/import/grid";
import { conflictKey, planMarksMerge } from "../../src/files/merge-marks";
import { FileTrackerStore } from "../../src/adapters/file-store";
import { csvTextToGrid } from "../../src/files/csv";
import { readTrackerBytes } from "../../src/files/xlsx";

const marksCsv = (rows: string[]) => readMarksGrid(csvTextToGrid(rows.join("\n")));

describe("import marks: new sessions and pupils added, differing marks listed, never silently overwritten (issue 3)", () => {
  const existing = csvTextToGrid(["UPN,Surname,Forename,2025-01-06 AM,2025-01-06 PM", "A1,Khan,Sara,/,", "B2,Lee,Tom,/,\\"].join("\n"));
  const incoming = marksCsv(["UPN,Surname,Forename,2025-01-06 AM,2025-01-06 PM,2025-01-07 AM", "A1,Khan,Sara,/,I,O", "B2,Lee,Tom,N,\\,/", "C3,Ali,Zara,/,\\,/"]);
  const plan = planMarksMerge(existing, incoming);

  test("the plan: one new session, one new pupil, fills of empty cells, one conflict, one unchanged pair", () => {
    expect(plan.newSessions.map((s) => s.label)).toEqual(["2025-01-07 AM"]);
    expect(plan.newPupils).toEqual([{ upn: "C3", surname: "Ali", forename: "Zara", marks: { "2025-01-06 AM": "/", "2025-01-06 PM": "\\", "2025-01-07 AM": "/" } }]);
    expect(plan.fills).toEqual([
      { upn: "A1", session: "2025-01-06 PM", code: "I" },
      { upn: "A1", session: "2025-01-07 AM", code: "O" },
      { upn: "B2", session: "2025-01-07 AM", code: "/" },
    ]);
    expect(plan.conflicts).toEqual([{ key: "B2|2025-01-06 AM", upn: "B2", name: "Tom Lee", session: "2025-01-06 AM", existing: "/", incoming: "N" }]);
    expect(plan.unchanged).toBe(2);
  });

  test("applying in the file store keeps a differing mark unless the user accepts it", async () => {
    const keep = new FileTrackerStore("t.csv", { marks: existing });
    await keep.applyImport(plan, new Set());
    const kept = (await keep.read()).dataset;
    expect(kept.sessions.map((s) => s.label)).toEqual(["2025-01-06 AM", "2025-01-06 PM", "2025-01-07 AM"]);
    expect(kept.pupils.map((p) => p.upn)).toEqual(["A1", "B2", "C3"]);
    const b2 = kept.marks[1];
    expect(analyse(kept).pupils[1].attendedSessions).toBe(3); // "/" kept on 6 January AM
    expect(b2.length).toBe(3);

    const take = new FileTrackerStore("t.csv", { marks: existing });
    const result = await take.applyImport(plan, new Set([conflictKey("B2", "2025-01-06 AM")]));
    expect(result).toEqual({ added: 6, replaced: 1, changed: [] });
    expect(analyse((await take.read()).dataset).pupils[1].unauthorisedAbsenceSessions).toBe(1);
  });
});

describe("the file store behind the browser preview", () => {
  test("reads the sample tracker as the xlsx reader does, appends actions with the next ID, and downloads the changed tracker", async () => {
    const bytes = readFileSync(join(__dirname, "../../samples/sample-tracker.xlsx"));
    const store = await FileTrackerStore.open("sample-tracker.xlsx", bytes);
    const data = await store.read();
    const direct = await readTrackerBytes(bytes);
    expect(data.dataset.pupils.length).toBe(direct.dataset.pupils.length);
    expect(data.actions.length).toBe(direct.actions.length);
    const upn = data.dataset.pupils[0].upn;
    await store.appendAction({ id: "", date: "2026-03-13", upn, action: "Call", detail: "First-day call", parent: "", staff: "Ms Patel", outcome: "=HYPERLINK(\"x\")", notes: "", supersedes: "" });
    const after = await store.read();
    const last = after.actions[after.actions.length - 1];
    expect(last.id).toBe(nextActionId(direct.actions.map((a) => a.id)));
    expect(direct.actions.map((a) => a.id)).not.toContain(last.id);
    expect(last.outcome).toBe("=HYPERLINK(\"x\")");
    const round = await readTrackerBytes(await store.download());
    expect(round.actions.length).toBe(direct.actions.length + 1);
    expect(round.actions[round.actions.length - 1].outcome).toBe("=HYPERLINK(\"x\")");
  });

  test("selecting a pupil reaches the pane's listener", async () => {
    const store = new FileTrackerStore("t.csv", { marks: csvTextToGrid("UPN\nA1") });
    const seen: Array<string | null> = [];
    const stop = await store.onSelectedPupil((u) => seen.push(u));
    await store.selectPupil("A1");
    stop();
    await store.selectPupil("A2");
    expect(seen).toEqual(["A1"]);
  });
});
