/**
 * The letter as it will be written, as text for the pane: the same template and renderer as Write
 * (so a trust's own wording shows), then the paragraphs of the document read back out of the .docx.
 */
import type { MergeData } from "../../letters/merge-data";

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'" };

/** The paragraphs of a .docx's main document, in order (table cells each a paragraph). */
export async function docxParagraphs(docx: Uint8Array): Promise<string[]> {
  const PizZip = (await import(/* webpackChunkName: "letters" */ "pizzip")).default;
  const xml = new PizZip(docx).file("word/document.xml")?.asText() ?? "";
  return xml
    .split(/<\/w:p>/)
    .map((p) =>
      p
        .replace(/<w:tab\/>/g, "\t")
        .replace(/<w:br\/>/g, "\n")
        .replace(/<[^>]+>/g, "")
        .replace(/&(amp|lt|gt|quot|apos);/g, (m) => ENTITIES[m])
        .trim(),
    )
    .filter((p) => p !== "");
}

export type Preview = { ok: true; paragraphs: string[] } | { ok: false; message: string };

export async function previewLetter(
  lib: { renderLetter(template: Uint8Array, data: MergeData, required: readonly string[]): { bytes: Uint8Array } },
  template: Uint8Array,
  data: MergeData,
  required: readonly string[],
): Promise<Preview> {
  try {
    return { ok: true, paragraphs: await docxParagraphs(lib.renderLetter(template, data, required).bytes) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : "The letter cannot be previewed." };
  }
}
