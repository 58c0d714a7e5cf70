/** The Word adapter on office-addin-mock: where a letter goes on each version of Word, and its evidence in the document's properties. */
import { OfficeMockObject } from "office-addin-mock";
import { WordLetterTarget, toBase64, PROPERTY_LIMIT } from "../../src/adapters/word/word-target";
import type { LetterEvidence } from "../../src/letters/evidence";

(globalThis as any).Word = { InsertLocation: { replace: "Replace", end: "End", start: "Start" } };

function mockWord() {
  const calls: Array<[string, ...unknown[]]> = [];
  const props: Array<{ key: string; value: string }> = [{ key: "Company", value: "x" }, { key: "AttendanceToolkit.Letter.1", value: "old" }];
  let syncs = 0;
  const context = new OfficeMockObject({
    document: {
      insertFileFromBase64: (b64: string, where: string) => void calls.push(["document.insertFileFromBase64", b64, where]),
      body: { insertFileFromBase64: (b64: string, where: string) => void calls.push(["body.insertFileFromBase64", b64, where]) },
      properties: {
        customProperties: {
          items: props,
          add: (key: string, value: string) => void props.push({ key, value }),
        },
      },
    },
    application: { createDocument: (b64: string) => ({ open: () => void calls.push(["createDocument.open", b64]) }) },
  }) as any;
  const realSync = context.sync.bind(context);
  context.sync = async () => {
    syncs++;
    await realSync();
  };
  const run = async (batch: (ctx: any) => Promise<any>) => batch(context);
  return { run, calls, props, syncs: () => syncs };
}

const evidence: LetterEvidence = { upn: "A1", pupil: "Sara Khan", parent: "Mrs Khan", letterId: "attendance-monitoring", letterTitle: "Attendance monitoring letter", date: "2026-03-16", delivery: "post", staff: "Ms Patel", reference: "A1-attendance-monitoring-2026-03-16" };
const bytes = new Uint8Array([80, 75, 3, 4, 1, 2, 3]);

describe("Word adapter", () => {
  test("WordApi 1.5: the whole document is inserted (headers and footers kept), in one sync", async () => {
    const w = mockWord();
    const target = new WordLetterTarget(w.run as any, () => true);
    await target.insertLetter(bytes, "x.docx", "this-document");
    expect(w.calls).toEqual([["document.insertFileFromBase64", toBase64(bytes), "Replace"]]);
    expect(w.syncs()).toBe(1);
    expect(target.destinations().map((d) => d.value)).toEqual(["this-document", "new-document"]);
  });

  test("before WordApi 1.5: the body only, and the pane says the header and footer are not kept", async () => {
    const w = mockWord();
    const target = new WordLetterTarget(w.run as any, (_n, v) => v === "1.1");
    await target.insertLetter(bytes, "x.docx", "this-document");
    expect(w.calls).toEqual([["body.insertFileFromBase64", toBase64(bytes), "Replace"]]);
    expect(target.destinations()).toEqual([{ value: "this-document", label: "This document (replaces its content)", note: expect.stringMatching(/header and footer are not kept/) }]);
  });

  test("a new document for each letter where the host allows", async () => {
    const w = mockWord();
    await new WordLetterTarget(w.run as any, () => true).insertLetter(bytes, "x.docx", "new-document");
    expect(w.calls).toEqual([["createDocument.open", toBase64(bytes)]]);
  });

  test("the evidence record is added to the document's custom properties, numbered after earlier letters", async () => {
    const w = mockWord();
    await new WordLetterTarget(w.run as any, () => true).recordEvidence(evidence);
    const added = w.props[w.props.length - 1];
    expect(added.key).toBe("AttendanceToolkit.Letter.2");
    expect(added.value.split("\t")).toEqual(["", "2026-03-16", "A1", "Letter", "Attendance monitoring letter", "Mrs Khan", "Ms Patel", "Posted first class", "Ref. A1-attendance-monitoring-2026-03-16", ""]);
    expect(added.value.length).toBeLessThanOrEqual(PROPERTY_LIMIT);
  });

  test("a letter over Word's 4 MB limit is refused with a plain message", async () => {
    const w = mockWord();
    await expect(new WordLetterTarget(w.run as any, () => true).insertLetter(new Uint8Array(5 * 1024 * 1024), "x.docx", "this-document")).rejects.toThrow(/4 MB/);
  });
});
