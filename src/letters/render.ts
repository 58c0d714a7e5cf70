/**
 * Filling a letter template with docxtemplater. A required field left empty blocks the letter with
 * a plain message; a tag with no value is never printed as "undefined"; the evidence record goes
 * into the document's custom properties.
 */
import Docxtemplater from "docxtemplater";
import PizZip from "pizzip";
import { DELIVERY_TEXT } from "../engine/contact-rules";
import type { LetterEvidence } from "./evidence";
import { fieldLabel } from "./fields";
export { fieldLabel, FIELD_LABELS } from "./fields";
import { readCustomProperties, setCustomProperties } from "./ooxml";
import { getPath, MergeData } from "./merge-data";
import { xmlSafe } from "./xml-safe";
export { xmlSafe } from "./xml-safe";

export class LetterBlockedError extends Error {
  constructor(
    message: string,
    readonly fields: string[],
  ) {
    super(message);
    this.name = "LetterBlockedError";
  }
}

const empty = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (Array.isArray(v) && v.length === 0);

/** The required fields left empty, as paths. */
export function missingFields(data: MergeData, required: readonly string[]): string[] {
  return required.filter((p) => empty(getPath(data, p)));
}

/**
 * Tags may use dots (`{pupil.fullName}`); inside a loop, a name is looked up in the loop's item
 * first, then outwards, so a row can also use the letter's fields.
 */

function dottedParser(tag: string) {
  const path = tag.trim() === "." ? [] : tag.trim().split(".");
  const lookup = (scope: unknown) =>
    path.reduce<unknown>((o, k) => (o !== null && typeof o === "object" && Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined), scope);
  return {
    get(scope: unknown, context?: { scopeList?: unknown[] }) {
      if (path.length === 0) return scope;
      const scopes = context?.scopeList ?? [scope];
      for (let i = scopes.length - 1; i >= 0; i--) {
        const v = lookup(scopes[i]);
        // Control characters (\x01, \x0B...) cannot be in a .docx at all: Word calls the file corrupt.
        if (typeof v === "string") return xmlSafe(v);
        if (v !== undefined) return v;
      }
      return undefined;
    },
  };
}

/** A template that cannot be used at all (not a Word document, or a tag broken when it was edited). */
export class TemplateUnusableError extends Error {
  constructor(readonly problems: string[]) {
    super(`This letter template cannot be used: ${problems.join(" ")}`);
    this.name = "TemplateUnusableError";
  }
}

/** docxtemplater's own explanations of what is wrong with a template, one sentence each. */
function templateProblems(e: unknown): string[] {
  const err = e as { message?: string; properties?: { explanation?: string; errors?: Array<{ message?: string; properties?: { explanation?: string } }> } };
  const list = err.properties?.errors?.length ? err.properties.errors : [err];
  const out = list.map((x) => x.properties?.explanation ?? x.message ?? "unknown problem").map((m) => (/[.!?]$/.test(m) ? m : `${m}.`));
  return [...new Set(out)];
}

function openTemplate(template: Uint8Array, options: Docxtemplater.DXT.ConstructorOptions): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw new TemplateUnusableError(["It is not a Word document (.docx)."]);
  }
  if (!zip.file("word/document.xml")) throw new TemplateUnusableError(["It is not a Word document (.docx): it has no word/document.xml."]);
  try {
    // Errors are reported as sentences, not logged to the console as JSON.
    return new Docxtemplater(zip, { ...options, errorLogging: false });
  } catch (e) {
    throw new TemplateUnusableError(templateProblems(e));
  }
}

/** What is wrong with a template (e.g. a trust's own, edited in Word), in sentences; empty when usable. */
export function checkTemplate(template: Uint8Array): string[] {
  try {
    openTemplate(template, { paragraphLoop: true, linebreaks: true, parser: dottedParser as never });
    return [];
  } catch (e) {
    if (e instanceof TemplateUnusableError) return e.problems;
    throw e;
  }
}

export const EVIDENCE_PROPERTY = "AttendanceToolkit.Letter";

export interface RenderOutput {
  bytes: Uint8Array;
}

/**
 * Fill `template` with `data`. Throws LetterBlockedError for required fields left empty or tags with
 * no value (that one letter is held back), and TemplateUnusableError for a broken template (no
 * letter can be written from it).
 */
export function renderLetter(template: Uint8Array, data: MergeData, required: readonly string[], evidence?: LetterEvidence): RenderOutput {
  const missing = missingFields(data, required);
  if (missing.length > 0) {
    throw new LetterBlockedError(`This letter needs ${missing.map(fieldLabel).join(", ")} before it can be written.`, missing);
  }
  const unfilled = new Set<string>();
  const doc = openTemplate(template, {
    paragraphLoop: true,
    linebreaks: true,
    parser: dottedParser as never,
    nullGetter(part: { module?: string; value?: string }) {
      // An empty condition or loop is simply not shown; an empty value is a gap in the letter.
      if (!part.module) unfilled.add(part.value ?? "?");
      return "";
    },
  });
  try {
    doc.render(data);
  } catch (e) {
    throw new TemplateUnusableError(templateProblems(e));
  }
  if (unfilled.size > 0) {
    const list = [...unfilled];
    throw new LetterBlockedError(`This letter has no value for ${list.map(fieldLabel).join(", ")}. Fill it in before writing the letter.`, list);
  }
  const out = doc.getZip();
  if (evidence) setCustomProperties(out, { [EVIDENCE_PROPERTY]: JSON.stringify(evidence) });
  return { bytes: out.generate({ type: "uint8array", compression: "DEFLATE" }) };
}

/** The evidence record a letter carries, if any. */
export function readLetterEvidence(docx: Uint8Array): LetterEvidence | null {
  const raw = readCustomProperties(new PizZip(docx))[EVIDENCE_PROPERTY];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LetterEvidence;
  } catch {
    return null;
  }
}

export { evidenceToAction, evidenceToTsv } from "./evidence";
export type { LetterEvidence } from "./evidence";
export { DELIVERY_TEXT };
