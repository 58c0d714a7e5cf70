/**
 * Where the Word pane puts a letter. In Word: `Document.insertFileFromBase64` (WordApi 1.5) keeps the
 * letter's letterhead header and footer; older clients get the body only (`Body.insertFileFromBase64`,
 * WordApi 1.1); where the host allows (WordApi 1.3, not on the web) each letter opens as a new
 * document. Several letters never overwrite one another: in this document they follow one another,
 * each from a new page. The evidence record of each letter is kept with that letter: in its own new
 * document, or in this document's custom properties (whose earlier records go with the content they
 * described). In a browser preview the letter is downloaded instead.
 */
import { evidenceToTsv, LetterEvidence } from "../../letters/evidence";

export type Destination = "this-document" | "new-document" | "download";

export interface LetterFile {
  bytes: Uint8Array;
  fileName: string;
  /** A letter's evidence record; null for a document that records no contact (the governors' report). */
  evidence: LetterEvidence | null;
}

/** A letter that is now in a document (or downloaded), and whether its evidence record was kept with it. */
export interface WrittenLetter {
  fileName: string;
  evidence: LetterEvidence | null;
  /** The evidence record is in the letter's own document. */
  recorded: boolean;
  /** Where the record is, or why it is not, in a sentence for the pane. */
  note: string;
}

export interface LetterTarget {
  /** Where letters can go here, best first, with what is lost in words. */
  destinations(): Array<{ value: Destination; label: string; note?: string }>;
  /**
   * Write the letters: several never overwrite one another. Returns the letters actually written,
   * in order, each with whether its evidence record is in its own document. A failure part-way
   * throws an error whose `written` lists the letters written before it.
   */
  writeLetters(letters: readonly LetterFile[], destination: Destination): Promise<WrittenLetter[]>;
}

export class LettersPartlyWritten extends Error {
  constructor(message: string, readonly written: WrittenLetter[]) {
    super(message);
  }
}

export type WordRun = <T>(batch: (context: Word.RequestContext) => Promise<T>) => Promise<T>;

/** Base64 without btoa's string limits on large files. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/** Word limits a custom property's text to 255 characters: a longer record is kept in parts. */
export const PROPERTY_LIMIT = 255;
export const EVIDENCE_KEY = "AttendanceToolkit.Letter.";
/**
 * Word refuses an inserted file over about 4 MB, counted on the base64 text the add-in sends, which
 * is a third larger than the file (office-js #4697): the check is on that length.
 */
export const WORD_LIMIT_BASE64 = 4 * 1024 * 1024;

/** The length of a file's base64 text, without building it. */
export function base64Length(bytes: number): number {
  return 4 * Math.ceil(bytes / 3);
}

/**
 * The paragraphs of a letter's text, from its .docx (word/document.xml), spaces collapsed; null when
 * the bytes are not a .docx that can be read. Used only after Word reported a failed insert, to see
 * whether the letter is there all the same, so fflate is loaded only then.
 */
export async function letterParagraphs(bytes: Uint8Array): Promise<string[] | null> {
  try {
    const { unzipSync, strFromU8 } = await import("fflate");
    const xml = unzipSync(bytes, { filter: (f) => f.name === "word/document.xml" })["word/document.xml"];
    if (!xml) return null;
    const body = strFromU8(xml);
    const paragraphs = [...body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
      collapse(decodeXml([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => (t[1] === undefined ? " " : t[1])).join(""))),
    );
    const text = paragraphs.filter((p) => p !== "");
    return text.length > 0 ? text : null;
  } catch {
    return null;
  }
}

function decodeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: "<", gt: ">", quot: '"', apos: "'", amp: "&" })[e]!);
}

function collapse(s: string): string {
  return s.replace(/[\s\u00a0]+/g, " ").trim();
}

/**
 * Whether the document's body text holds these paragraphs, in order. Word's body text separates
 * paragraphs with "\r"; spaces are compared collapsed.
 */
export function bodyHoldsLetter(bodyText: string, paragraphs: readonly string[]): boolean {
  const text = collapse(bodyText.replace(/[\r\n\v\f]/g, " "));
  let at = 0;
  for (const p of paragraphs) {
    const i = text.indexOf(p, at);
    if (i < 0) return false;
    at = i + p.length;
  }
  return true;
}

/** A record in parts of at most PROPERTY_LIMIT characters: `...Letter.3`, then `...Letter.3.2`, ... */
export function evidenceProperties(n: number, evidence: LetterEvidence): Array<[string, string]> {
  const text = evidenceToTsv(evidence);
  const out: Array<[string, string]> = [];
  for (let i = 0; i * PROPERTY_LIMIT < text.length || i === 0; i++) out.push([i === 0 ? `${EVIDENCE_KEY}${n}` : `${EVIDENCE_KEY}${n}.${i + 1}`, text.slice(i * PROPERTY_LIMIT, (i + 1) * PROPERTY_LIMIT)]);
  return out;
}

export function isWordOnTheWeb(): boolean {
  try {
    return typeof Office !== "undefined" && Office.context.platform === Office.PlatformType.OfficeOnline;
  } catch {
    return false;
  }
}

/**
 * Word. Requirement sets: Body.insertFileFromBase64 and Body.insertBreak WordApi 1.1;
 * Document.insertFileFromBase64 (keeps the letterhead header and footer) WordApi 1.5; the
 * document's custom properties (the evidence record) and Application.createDocument WordApi 1.3.
 * A new document for each letter is offered on Windows and Mac only: on the web createDocument
 * asks to save to the cloud and often opens nothing, or reuses one tab (office-js#5507, #3096).
 */
export class WordLetterTarget implements LetterTarget {
  syncCount = 0;
  constructor(
    private readonly run: WordRun = (batch) => Word.run(batch),
    private readonly isSetSupported: (name: string, version: string) => boolean = (n, v) => Office.context.requirements.isSetSupported(n, v),
    private readonly onTheWeb: boolean = isWordOnTheWeb(),
  ) {}

  private async sync(ctx: Word.RequestContext) {
    this.syncCount++;
    await ctx.sync();
  }

  destinations() {
    const out: Array<{ value: Destination; label: string; note?: string }> = [];
    const notes = [
      this.isSetSupported("WordApi", "1.5") ? "" : "This version of Word inserts the body only: the letter's header and footer are not kept.",
      this.isSetSupported("WordApi", "1.3") ? "" : "This version of Word cannot keep the evidence record in the document (it needs WordApi 1.3): copy it for the Actions sheet after writing.",
    ].filter(Boolean);
    out.push({ value: "this-document", label: "This document (replaces its content; several letters follow one another, each from a new page)", note: notes.length > 0 ? notes.join(" ") : undefined });
    if (this.isSetSupported("WordApi", "1.3") && !this.onTheWeb) out.push({ value: "new-document", label: "A new document for each letter" });
    return out;
  }

  async writeLetters(letters: readonly LetterFile[], destination: Destination): Promise<WrittenLetter[]> {
    const big = letters.find((l) => base64Length(l.bytes.length) > WORD_LIMIT_BASE64);
    if (big) throw new Error(`The letter ${big.fileName} is larger than the 4 MB Word accepts from an add-in (${(base64Length(big.bytes.length) / 1024 / 1024).toFixed(1)} MB as Word receives it). Remove large images from the template.`);
    if (destination === "new-document" && !this.destinations().some((d) => d.value === "new-document")) {
      throw new Error("This version of Word cannot open a new document for each letter. Choose \"This document\": the letters follow one another, each from a new page.");
    }
    if (destination === "download") throw new Error("Letters are downloaded only in the browser preview.");
    const written: WrittenLetter[] = [];
    try {
      if (destination === "new-document") {
        for (const l of letters) {
          await this.run(async (ctx) => {
            ctx.application.createDocument(toBase64(l.bytes)).open();
            await this.sync(ctx);
          });
          // The letter file carries its own evidence record in its document properties.
          written.push({ fileName: l.fileName, evidence: l.evidence, recorded: true, note: "The evidence record is in the letter's own document." });
        }
        return written;
      }
      const withProperties = this.isSetSupported("WordApi", "1.3");
      let next = 0;
      let oldRecordsRemoved = false;
      while (next < letters.length) {
        try {
          await this.run(async (ctx) => {
            const props = withProperties ? ctx.document.properties.customProperties : null;
            if (props && !oldRecordsRemoved) {
              props.load("items/key");
              await this.sync(ctx);
              // The document's content is replaced: records of the letters it held (perhaps another pupil's) go with them.
              for (const item of props.items) if (item.key.startsWith(EVIDENCE_KEY)) item.delete();
              oldRecordsRemoved = true;
            }
            for (; next < letters.length; next++) {
              const n = next;
              const l = letters[n];
              const where = n === 0 ? Word.InsertLocation.replace : Word.InsertLocation.end;
              if (n > 0) ctx.document.body.insertBreak(Word.BreakType.page, Word.InsertLocation.end);
              const base64 = toBase64(l.bytes);
              if (this.isSetSupported("WordApi", "1.5")) {
                ctx.document.insertFileFromBase64(base64, where as "Replace" | "End", { importTheme: true, importStyles: true, importParagraphSpacing: true, importPageColor: true } as Word.InsertFileOptions);
              } else {
                ctx.document.body.insertFileFromBase64(base64, where as "Replace" | "End");
              }
              if (props && l.evidence) for (const [key, value] of evidenceProperties(n + 1, l.evidence)) props.add(key, value);
              // One letter a request: each may be up to 4 MB.
              await this.sync(ctx);
              written.push(this.written(l, props !== null));
            }
          });
        } catch (e) {
          // Word on the web can report a failed (timed-out) insert after inserting the letter (office-js
          // #3040): look at the document before saying what was written, keep the record of each
          // letter that is there, and go on with the rest.
          if (!oldRecordsRemoved && withProperties) throw e;
          if (!(await this.lettersAreThere(letters.slice(0, next + 1), withProperties))) throw e;
          written.push(this.written(letters[next], withProperties));
          next++;
        }
      }
      return written;
    } catch (e) {
      if (e instanceof LettersPartlyWritten) throw e;
      const why = e instanceof Error && e.message ? e.message : "Word refused the letter.";
      throw new LettersPartlyWritten(written.length > 0 ? `${why} ${written.length} of ${letters.length} letters were written before this; the rest were not.` : why, written);
    }
  }

  private written(l: LetterFile, recorded: boolean): WrittenLetter {
    return {
      fileName: l.fileName,
      evidence: l.evidence,
      recorded: recorded && l.evidence !== null,
      note: recorded ? "The evidence record is in this document's properties." : "Not recorded in the document: this version of Word cannot keep it (it needs WordApi 1.3). Copy it for the Actions sheet.",
    };
  }

  /**
   * After Word reported a failed insert of the last of `letters`: is it in the document all the same?
   * The body must hold every letter so far, in order (so a second parent's letter, the same but for
   * the name, is not mistaken for the first). If so, the last one's evidence record is made sure of
   * (added where the failed request did not add it). One request to read, one more to add a record.
   */
  private async lettersAreThere(letters: readonly LetterFile[], withProperties: boolean): Promise<boolean> {
    const texts = await Promise.all(letters.map((l) => letterParagraphs(l.bytes)));
    if (texts.some((t) => t === null)) return false;
    const last = letters[letters.length - 1];
    try {
      return await this.run(async (ctx) => {
        const body = ctx.document.body;
        body.load("text");
        const props = withProperties ? ctx.document.properties.customProperties : null;
        props?.load("items/key,items/value");
        await this.sync(ctx);
        if (!bodyHoldsLetter(body.text, texts.flatMap((t) => t!))) return false;
        if (props && last.evidence) {
          const have = new Map(props.items.map((i) => [i.key, String(i.value)]));
          const want = evidenceProperties(letters.length, last.evidence);
          if (want.some(([k, v]) => have.get(k) !== v)) {
            for (const [k, v] of want) props.add(k, v);
            await this.sync(ctx);
          }
        }
        return true;
      });
    } catch {
      return false;
    }
  }
}

/** The browser preview: letters are downloaded as .docx files, each carrying its evidence record. */
export class DownloadLetterTarget implements LetterTarget {
  constructor(private readonly save: (bytes: Uint8Array, fileName: string) => void) {}
  destinations() {
    return [{ value: "download" as Destination, label: "Download the letter (.docx)" }];
  }
  async writeLetters(letters: readonly LetterFile[]): Promise<WrittenLetter[]> {
    return letters.map((l) => {
      this.save(l.bytes, l.fileName);
      return { fileName: l.fileName, evidence: l.evidence, recorded: true, note: "The evidence record is in the downloaded letter's properties." };
    });
  }
}
