/**
 * The Word adapter on an honest mock of Word (issue 11 item 7, issue 9 item 5): the document's
 * content is a list of what was inserted, and `Replace` really replaces it; writes happen at sync;
 * custom properties are loaded before they can be read; an API newer than the client is missing.
 */
import { zipSync, unzipSync, strToU8, strFromU8 } from "fflate";
import { WordLetterTarget, toBase64, PROPERTY_LIMIT, LetterFile, LettersPartlyWritten, bodyHoldsLetter } from "../../src/adapters/word/word-target";
import type { LetterEvidence } from "../../src/letters/evidence";

(globalThis as any).Word = { InsertLocation: { replace: "Replace", end: "End", start: "Start" }, BreakType: { page: "Page" } };

/**
 * Word at WordApi 1.`version`. The document starts with another pupil's letter and record.
 * `timeOutAfterInserting`: the inserts (counted from 0) that Word on the web carries out and then
 * reports as failed (office-js #3040): the file is in the document, the rest of that request is not
 * done, and the sync throws.
 */
function mockWord(version = 9, options: { timeOutAfterInserting?: number[]; failInserting?: number[] } = {}) {
  let inserts = 0;
  const content: string[] = ["letter of pupil Z"];
  const props = new Map<string, string>([["Company", "x"], ["AttendanceToolkit.Letter.1", "record of pupil Z"]]);
  const opened: string[] = [];
  let queue: Array<() => void> = [];
  let syncs = 0;
  const has = (minor: number) => version >= minor;
  const insert = (b64: string, where: string) => {
    // Files are counted; a page break is not.
    const n = b64.startsWith("[") ? -1 : inserts++;
    if (options.failInserting?.includes(n)) throw Object.assign(new Error("Word could not insert the file."), { code: "GeneralException" });
    if (where === "Replace") content.splice(0, content.length, b64);
    else if (where === "End") content.push(b64);
    else if (where === "Start") content.unshift(b64);
    else throw new Error(`InvalidArgument: ${where}`);
  };
  const items: Array<{ key: string; value: string; delete(): void }> = [];
  let textLoaded = false;
  let itemsLoaded = false;
  const context: any = {
    document: {
      insertFileFromBase64: has(5) ? (b64: string, where: string) => void queue.push(() => insert(b64, where)) : undefined,
      body: {
        get text() {
          if (!textLoaded) throw new Error("PropertyNotLoaded: body.text");
          return content.map(wordText).join("\r");
        },
        load: (what: string) => void queue.push(() => void (textLoaded = textLoaded || what === "text")),
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
                  items.splice(0, items.length, ...[...props.entries()].map(([key, value]) => ({ key, value, delete: () => void queue.push(() => void props.delete(key)) })));
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
      for (const op of q) {
        const before = inserts;
        op();
        // Inserted, then reported as failed: the rest of the request is not carried out.
        if (inserts > before && options.timeOutAfterInserting?.includes(inserts - 1)) throw Object.assign(new Error("The request timed out."), { code: "GeneralException" });
      }
    },
  };
  const run = async (batch: (ctx: any) => Promise<any>) => batch(context);
  const isSetSupported = (name: string, v: string) => name === "WordApi" && Number(v.split(".")[1]) <= version;
  return { run, isSetSupported, content, props, opened, syncs: () => syncs };
}

/** What Word shows as the body text of an inserted file: its paragraphs (a .docx), or the base64 of anything else. */
function wordText(item: string): string {
  try {
    const xml = strFromU8(unzipSync(Uint8Array.from(Buffer.from(item, "base64")))["word/document.xml"]);
    return [...xml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map((p) => [...p[1].matchAll(/<w:t>([^<]*)<\/w:t>/g)].map((t) => t[1]).join("")).join("\r");
  } catch {
    return item.startsWith("[") ? "\f" : item;
  }
}

/** A small real .docx: the letter's paragraphs in word/document.xml. */
function docx(...paragraphs: string[]): Uint8Array {
  const body = paragraphs.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join("");
  return zipSync({ "word/document.xml": strToU8(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`) });
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

  test("the 4 MB limit is on the base64 Word receives, not the file (office-js #4697): a 3.5 MB letter (4.7 MB as base64) is refused before anything is written", async () => {
    const w = mockWord(9);
    const target = new WordLetterTarget(w.run as any, w.isSetSupported, false);
    await expect(target.writeLetters([{ ...two[0], bytes: new Uint8Array(3.5 * 1024 * 1024) }], "this-document")).rejects.toThrow(/4 MB Word accepts from an add-in \(4\.7 MB as Word receives it\)/);
    expect(w.content).toEqual(["letter of pupil Z"]);
    // Just under the limit once encoded: written.
    await target.writeLetters([{ ...two[0], bytes: new Uint8Array(3 * 1024 * 1024 - 3) }], "this-document");
    expect(w.content).toHaveLength(1);
    expect(w.content[0]).not.toBe("letter of pupil Z");
  });

  test("a letter over Word's 4 MB limit is refused with a plain message, before anything is written", async () => {
    const w = mockWord(9);
    await expect(new WordLetterTarget(w.run as any, w.isSetSupported, false).writeLetters([two[0], { ...two[1], bytes: new Uint8Array(5 * 1024 * 1024) }], "this-document")).rejects.toThrow(/4 MB/);
    expect(w.content).toEqual(["letter of pupil Z"]);
  });
});

describe("Word on the web: an insert reported as failed after the letter went in (office-js #3040)", () => {
  const letters: LetterFile[] = [
    { bytes: docx("Dear Mrs Khan", "Sara's attendance this year is 88.5%.", "Yours sincerely"), fileName: "letter-1.docx", evidence: evidence("A1", "Mrs Khan") },
    { bytes: docx("Dear Mr Khan", "Sara's attendance this year is 88.5%.", "Yours sincerely"), fileName: "letter-2.docx", evidence: evidence("A1", "Mr Khan") },
  ];
  const records = (w: ReturnType<typeof mockWord>) => [...w.props.entries()].filter(([k]) => k.startsWith("AttendanceToolkit.Letter.")).map(([k, v]) => [k, v.split("\t")[5]]);

  test("the double bites: the letter is in the document, its record is not, and the sync throws", async () => {
    const w = mockWord(9, { timeOutAfterInserting: [0] });
    await expect(
      w.run(async (ctx) => {
        ctx.document.insertFileFromBase64(toBase64(letters[0].bytes), "Replace");
        ctx.document.properties.customProperties.add("AttendanceToolkit.Letter.1", "x");
        await ctx.sync();
      }),
    ).rejects.toThrow(/timed out/);
    expect(w.content).toEqual([toBase64(letters[0].bytes)]);
    expect(w.props.has("AttendanceToolkit.Letter.1")).toBe(true); // pupil Z's, not ours
    expect(w.props.get("AttendanceToolkit.Letter.1")).toBe("record of pupil Z");
  });

  test.each([[[0]], [[1]], [[0, 1]]])("inserts %j time out after inserting: both letters are reported written, each with its evidence record, and the rest still goes in", async (timeOuts) => {
    const w = mockWord(9, { timeOutAfterInserting: timeOuts });
    const written = await new WordLetterTarget(w.run as any, w.isSetSupported, true).writeLetters(letters, "this-document");
    expect(written.map((l) => [l.fileName, l.recorded])).toEqual([["letter-1.docx", true], ["letter-2.docx", true]]);
    expect(w.content).toEqual([toBase64(letters[0].bytes), "[Page break]", toBase64(letters[1].bytes)]);
    expect(records(w)).toEqual([["AttendanceToolkit.Letter.1", "Mrs Khan"], ["AttendanceToolkit.Letter.2", "Mr Khan"]]);
  });

  test("an insert that really failed is reported as not written, with no record, and the letters before it are kept", async () => {
    const w = mockWord(9, { failInserting: [1] });
    const error = await new WordLetterTarget(w.run as any, w.isSetSupported, true).writeLetters(letters, "this-document").catch((e) => e);
    expect(error).toBeInstanceOf(LettersPartlyWritten);
    expect((error as LettersPartlyWritten).written.map((l) => l.fileName)).toEqual(["letter-1.docx"]);
    expect(error.message).toMatch(/1 of 2 letters were written/);
    expect(records(w)).toEqual([["AttendanceToolkit.Letter.1", "Mrs Khan"]]);
  });

  test("the check reads the letter's own text in order: a body holding only the first parent's letter does not pass for both", () => {
    const first = "Dear Mrs Khan\rSara's attendance this year is 88.5%.\rYours sincerely";
    const second = ["Dear Mr Khan", "Sara's attendance this year is 88.5%.", "Yours sincerely"];
    expect(bodyHoldsLetter(first, ["Dear Mrs Khan", "Sara's attendance this year is 88.5%.", "Yours sincerely", ...second])).toBe(false);
    expect(bodyHoldsLetter(`${first}\r\f\r${second.join("\r")}`, ["Dear Mrs Khan", "Sara's attendance this year is 88.5%.", "Yours sincerely", ...second])).toBe(true);
  });
});
