/**
 * The Word adapter on an honest mock of Word (issue 11 item 7, issue 9 item 5): the document's
 * content is a list of what was inserted, and `Replace` really replaces it; writes happen at sync;
 * custom properties are loaded before they can be read; an API newer than the client is missing.
 */
import { WordLetterTarget, toBase64, PROPERTY_LIMIT, LetterFile } from "../../src/adapters/word/word-target";
import type { LetterEvidence } from "../../src/letters/evidence";

(globalThis as any).Word = { InsertLocation: { replace: "Replace", end: "End", start: "Start" }, BreakType: { page: "Page" } };

/** Word at WordApi 1.`version`; `web` for Word on the web. The document starts with another pupil's letter and record. */
function mockWord(version = 9) {
  const content: string[] = ["letter of pupil Z"];
  const props = new Map<string, string>([["Company", "x"], ["AttendanceToolkit.Letter.1", "record of pupil Z"]]);
  const opened: string[] = [];
  let queue: Array<() => void> = [];
  let syncs = 0;
  const has = (minor: number) => version >= minor;
  const insert = (b64: string, where: string) => {
    if (where === "Replace") content.splice(0, content.length, b64);
    else if (where === "End") content.push(b64);
    else if (where === "Start") content.unshift(b64);
    else throw new Error(`InvalidArgument: ${where}`);
  };
  const items: Array<{ key: string; delete(): void }> = [];
  let itemsLoaded = false;
  const context: any = {
    document: {
      insertFileFromBase64: has(5) ? (b64: string, where: string) => void queue.push(() => insert(b64, where)) : undefined,
      body: {
        insertFileFromBase64: (b64: string, where: string) => void queue.push(() => insert(b64, where)),
        insertBreak: (kind: string, where: string) => void queue.push(() => insert(`[${kind} break]`, where)),
      },
      properties: has(3)
        ? {
            customProperties: {
              get items() {
                if (!itemsLoaded) throw new Error("PropertyNotLoaded: customProperties.items");
                return items;
              },
              load: () =>
                void queue.push(() => {
                  items.splice(0, items.length, ...[...props.keys()].map((key) => ({ key, delete: () => void queue.push(() => void props.delete(key)) })));
                  itemsLoaded = true;
                }),
              add: (key: string, value: string) =>
                void queue.push(() => {
                  if (value.length > PROPERTY_LIMIT) throw new Error("InvalidArgument: a custom property's text is at most 255 characters.");
                  props.set(key, value);
                }),
            },
          }
        : undefined,
    },
    application: has(3) ? { createDocument: (b64: string) => ({ open: () => void queue.push(() => void opened.push(b64)) }) } : undefined,
    sync: async () => {
      syncs++;
      const q = queue;
      queue = [];
      for (const op of q) op();
    },
  };
  const run = async (batch: (ctx: any) => Promise<any>) => batch(context);
  const isSetSupported = (name: string, v: string) => name === "WordApi" && Number(v.split(".")[1]) <= version;
  return { run, isSetSupported, content, props, opened, syncs: () => syncs };
}

const evidence = (upn: string, parent: string): LetterEvidence => ({ upn, pupil: "Sara Khan", parent, letterId: "attendance-monitoring", letterTitle: "Attendance monitoring letter", date: "2026-03-16", delivery: "post", staff: "Ms Patel", reference: `${upn}-attendance-monitoring-2026-03-16` });
const letter = (n: number, parent: string): LetterFile => ({ bytes: new Uint8Array([80, 75, 3, 4, n]), fileName: `letter-${n}.docx`, evidence: evidence("A1", parent) });
const two = [letter(1, "Mrs Khan"), letter(2, "Mr Khan")];

describe.each([
  ["lowest supported, WordApi 1.1", 1],
  ["WordApi 1.3", 3],
  ["latest, WordApi 1.9", 9],
])("Word adapter (%s)", (_label, version) => {
  test("two letters into this document: both are there, one after the other from a new page", async () => {
    const w = mockWord(version);
    const written = await new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters(two, "this-document");
    expect(w.content).toEqual([toBase64(two[0].bytes), "[Page break]", toBase64(two[1].bytes)]);
    expect(written.map((l) => l.evidence?.parent)).toEqual(["Mrs Khan", "Mr Khan"]);
  });

  test("evidence is recorded only where the document can keep it, for exactly the letters in it, and the pane is told which", async () => {
    const w = mockWord(version);
    const written = await new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters(two, "this-document");
    const records = [...w.props.entries()].filter(([k]) => k.startsWith("AttendanceToolkit.Letter."));
    if (version >= 3) {
      // The other pupil's record went with the content it described; these two letters' records are kept.
      expect(records.map(([k]) => k)).toEqual(["AttendanceToolkit.Letter.1", "AttendanceToolkit.Letter.2"]);
      expect(records.map(([, v]) => v.split("\t")[5])).toEqual(["Mrs Khan", "Mr Khan"]);
      expect(written.every((l) => l.recorded)).toBe(true);
    } else {
      // The record of pupil Z cannot be removed either, but no letter is reported as recorded.
      expect(written.every((l) => !l.recorded && /WordApi 1\.3/.test(l.note))).toBe(true);
    }
    expect(w.props.get("Company")).toBe("x");
  });

  test("a new document for each letter is offered only where the host can (WordApi 1.3, not the web), and refused with a sentence otherwise", async () => {
    const desktop = mockWord(version);
    const target = new WordLetterTarget(desktop.run as any, desktop.isSetSupported, false);
    if (version >= 3) {
      await target.writeLetters(two, "new-document");
      expect(desktop.opened).toEqual(two.map((l) => toBase64(l.bytes)));
      expect(desktop.content).toEqual(["letter of pupil Z"]);
    } else {
      expect(target.destinations().map((d) => d.value)).toEqual(["this-document"]);
      await expect(target.writeLetters(two, "new-document")).rejects.toThrow(/cannot open a new document/);
    }
    const web = mockWord(version);
    const onWeb = new WordLetterTarget(web.run as any, web.isSetSupported, true);
    expect(onWeb.destinations().map((d) => d.value)).toEqual(["this-document"]);
    await expect(onWeb.writeLetters(two, "new-document")).rejects.toThrow(/Choose "This document"/);
    expect(web.opened).toEqual([]);
  });
});

describe("Word adapter details", () => {
  test("the mock is honest: the earlier pane's loop (each letter inserted with Replace) keeps only the last letter, so a test would catch it", async () => {
    const w = mockWord(9);
    await w.run(async (ctx) => {
      for (const l of two) {
        ctx.document.insertFileFromBase64(toBase64(l.bytes), "Replace");
        await ctx.sync();
      }
    });
    expect(w.content).toEqual([toBase64(two[1].bytes)]);
  });

  test("WordApi 1.5: the whole document is inserted (headers and footers kept); before it, the body only and the pane says so", async () => {
    const w = mockWord(9);
    await new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters([two[0]], "this-document");
    expect(w.content).toEqual([toBase64(two[0].bytes)]);
    const old = new WordLetterTarget(mockWord(1).run as any, mockWord(1).isSetSupported, false);
    expect(old.destinations()[0].note).toMatch(/header and footer are not kept/);
    expect(old.destinations()[0].note).toMatch(/cannot keep the evidence record/);
  });

  test("a record longer than Word's 255-character property is kept whole, in parts, not cut", async () => {
    const w = mockWord(9);
    const long = { ...two[0], evidence: { ...evidence("A1", "Mrs Khan"), handedTo: "Mrs Khan", handedAt: "2026-03-16 15:20", staff: "Ms Patel, Deputy Designated Safeguarding Lead and Attendance Champion for the trust's secondary phase".repeat(2) } };
    await new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters([long], "this-document");
    const parts = [...w.props.entries()].filter(([k]) => k.startsWith("AttendanceToolkit.Letter.1")).map(([, v]) => v);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join("")).toContain("Attendance Champion for the trust's secondary phase".repeat(1));
    expect(parts.join("").split("\t")[6]).toBe(long.evidence.staff);
  });

  test("a letter over Word's 4 MB limit is refused with a plain message, before anything is written", async () => {
    const w = mockWord(9);
    await expect(new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters([two[0], { ...two[1], bytes: new Uint8Array(5 * 1024 * 1024) }], "this-document")).rejects.toThrow(/4 MB/);
    expect(w.content).toEqual(["letter of pupil Z"]);
  });
});
