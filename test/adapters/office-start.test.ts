/**
 * Issue 11 items 2 and 6: real Office is never turned into the browser preview by a slow start,
 * and following the selection costs one round trip per settled selection.
 */
import { detectHost } from "../../src/taskpane/shared/platform";
import { ExcelTrackerStore } from "../../src/adapters/excel/excel-store";
import { mockWorkbook } from "./excel-mock";

describe("start-up", () => {
  afterEach(() => {
    delete (globalThis as any).Office;
    jest.useRealTimers();
  });

  test("Office.onReady answering after 10 seconds still gives Excel (not the preview), and the pane is told it is waiting", async () => {
    jest.useFakeTimers();
    (globalThis as any).Office = {
      HostType: { Excel: "Excel", Word: "Word" },
      onReady: (cb: (info: { host: string | null }) => void) => new Promise<void>((resolve) => setTimeout(() => resolve(cb({ host: "Excel" })), 10_000)),
    };
    let slow = false;
    const host = detectHost(() => (slow = true));
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(host).resolves.toBe("Excel");
    expect(slow).toBe(true);
  });

  test("outside Office, office.js answers with no host: the preview", async () => {
    (globalThis as any).Office = { HostType: { Excel: "Excel", Word: "Word" }, onReady: async (cb: (info: { host: null }) => void) => cb({ host: null }) };
    await expect(detectHost()).resolves.toBeNull();
    delete (globalThis as any).Office;
    await expect(detectHost()).resolves.toBeNull();
  });
});

describe("following the selection", () => {
  test("ten selection events in quick succession make one round trip, and report the settled row's UPN", async () => {
    const wb = mockWorkbook({ Analysis: [["UPN", "Surname"], ["A1", "Khan"], ["B2", "Lee"], ["C3", "Ali"]] });
    const store = new ExcelTrackerStore(wb.run, wb.settings, wb.isSetSupported);
    const seen: Array<string | null> = [];
    await store.onSelectedPupil((upn) => seen.push(upn), 20);
    const before = wb.syncs;
    for (let i = 0; i < 10; i++) wb.select("Analysis", 1 + (i % 3));
    await new Promise((r) => setTimeout(r, 100));
    expect(wb.syncs - before).toBe(1);
    expect(seen).toEqual(["A1"]);
    wb.select("Analysis", 0);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(["A1", null]);
  });
});
