/**
 * Where the Word pane puts a letter. In Word: `Document.insertFileFromBase64` (WordApi 1.5) keeps the
 * letter's letterhead header and footer; older clients get the body only (`Body.insertFileFromBase64`,
 * WordApi 1.1); where the host allows (WordApi 1.3) each letter can open as a new document. The
 * evidence record of each letter goes into the document's custom properties. In a browser preview
 * the letter is downloaded instead.
 */
import { evidenceToTsv, LetterEvidence } from "../../letters/evidence";

export type Destination = "this-document" | "new-document" | "download";

export interface LetterTarget {
  /** Where letters can go here, best first, with what is lost in words. */
  destinations(): Array<{ value: Destination; label: string; note?: string }>;
  insertLetter(bytes: Uint8Array, fileName: string, destination: Destination): Promise<void>;
  /** Keep the evidence record with the document (Word), or nowhere (preview: the pane shows it). */
  recordEvidence(evidence: LetterEvidence): Promise<void>;
}

export type WordRun = <T>(batch: (context: Word.RequestContext) => Promise<T>) => Promise<T>;

/** Base64 without btoa's string limits on large files. */
export function toBase64(bytes: Uint8Array): string {
  let s = "";
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}

/** Word limits a custom property's text to 255 characters. */
export const PROPERTY_LIMIT = 255;

export class WordLetterTarget implements LetterTarget {
  syncCount = 0;
  constructor(
    private readonly run: WordRun = (batch) => Word.run(batch),
    private readonly isSetSupported: (name: string, version: string) => boolean = (n, v) => Office.context.requirements.isSetSupported(n, v),
  ) {}

  private async sync(ctx: Word.RequestContext) {
    this.syncCount++;
    await ctx.sync();
  }

  destinations() {
    const out: Array<{ value: Destination; label: string; note?: string }> = [];
    out.push({
      value: "this-document",
      label: "This document (replaces its content)",
      note: this.isSetSupported("WordApi", "1.5") ? undefined : "This version of Word inserts the body only: the letter's header and footer are not kept.",
    });
    if (this.isSetSupported("WordApi", "1.3")) out.push({ value: "new-document", label: "A new document for each letter" });
    return out;
  }

  async insertLetter(bytes: Uint8Array, _fileName: string, destination: Destination): Promise<void> {
    const base64 = toBase64(bytes);
    if (bytes.length > 4 * 1024 * 1024) throw new Error("The letter is larger than the 4 MB Word accepts from an add-in. Remove large images from the template.");
    await this.run(async (ctx) => {
      if (destination === "new-document") {
        ctx.application.createDocument(base64).open();
      } else if (this.isSetSupported("WordApi", "1.5")) {
        ctx.document.insertFileFromBase64(base64, Word.InsertLocation.replace, { importTheme: true, importStyles: true, importParagraphSpacing: true, importPageColor: true } as Word.InsertFileOptions);
      } else {
        ctx.document.body.insertFileFromBase64(base64, Word.InsertLocation.replace);
      }
      await this.sync(ctx);
    });
  }

  async recordEvidence(evidence: LetterEvidence): Promise<void> {
    if (!this.isSetSupported("WordApi", "1.3")) return;
    await this.run(async (ctx) => {
      const props = ctx.document.properties.customProperties;
      props.load("items");
      await this.sync(ctx);
      const n = props.items.filter((p) => p.key.startsWith("AttendanceToolkit.Letter.")).length + 1;
      props.add(`AttendanceToolkit.Letter.${n}`, evidenceToTsv(evidence).slice(0, PROPERTY_LIMIT));
      await this.sync(ctx);
    });
  }
}

/** The browser preview: letters are downloaded as .docx files. */
export class DownloadLetterTarget implements LetterTarget {
  constructor(private readonly save: (bytes: Uint8Array, fileName: string) => void) {}
  destinations() {
    return [{ value: "download" as Destination, label: "Download the letter (.docx)" }];
  }
  async insertLetter(bytes: Uint8Array, fileName: string): Promise<void> {
    this.save(bytes, fileName);
  }
  async recordEvidence(): Promise<void> {
    // The letter file carries its own evidence record in its properties.
  }
}
