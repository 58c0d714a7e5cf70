/**
 * The letter catalogue: the toolkit's templates, and a trust's own from a folder with a
 * catalogue.json (see docs/letters.md).
 */
import type { Policy } from "../engine/policy";
import type { PupilRecordV1 } from "../files/pupil-record";
import { isLetterFact, LETTER_FACTS, LetterFactId } from "../engine/letter-facts";
import { TEMPLATES, LetterTemplate, AddressedTo } from "./templates";
import { lettersForStep } from "../engine/letters-due";

/** A template as the catalogue knows it: everything but the wording, and the file it is in. */
export type CatalogueEntry = Omit<LetterTemplate, "body"> & { file: string };

export function builtInCatalogue(): CatalogueEntry[] {
  return TEMPLATES.map(({ body: _body, ...entry }) => ({ ...entry, file: `${entry.id}.docx` }));
}

/** Read a trust's catalogue.json: its entries replace built-in ones with the same id, or add new ones. */
export function parseCustomCatalogue(text: string): { entries: CatalogueEntry[]; problems: string[] } {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { entries: [], problems: [`catalogue.json is not valid JSON: ${(e as Error).message}`] };
  }
  if (!Array.isArray(raw)) return { entries: [], problems: ["catalogue.json must be a list of letters."] };
  const entries: CatalogueEntry[] = [];
  raw.forEach((r: Record<string, unknown>, i) => {
    const at = `catalogue.json entry ${i + 1}`;
    if (typeof r?.id !== "string" || !/^[a-z0-9-]+$/.test(r.id)) return problems.push(`${at}: "id" must be lower-case letters, digits and hyphens.`);
    if (typeof r.title !== "string" || !r.title) return problems.push(`${at}: "title" is needed.`);
    if (typeof r.file !== "string" || !/\.docx$/i.test(r.file)) return problems.push(`${at}: "file" must name a .docx in the same folder.`);
    // The trust's folder only: no folders, no "..", no absolute paths (a template from elsewhere is refused).
    if (!isPlainFileName(r.file)) return problems.push(`${at}: "file" ${JSON.stringify(r.file.slice(0, 80))} leaves the templates folder; name a .docx in the same folder as catalogue.json, without a path.`);
    const addressedTo = (r.addressedTo ?? "each-parent") as AddressedTo;
    if (!["each-parent", "parent-living-with-pupil", "internal"].includes(addressedTo)) return problems.push(`${at}: "addressedTo" must be each-parent, parent-living-with-pupil or internal.`);
    const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : []);
    // A trust's letter declares the facts its wording asserts, as the toolkit's do; one the engine
    // cannot check would let the letter say what the record may not show, so the entry is refused.
    const facts = list(r.facts);
    const unknown = facts.filter((f) => !isLetterFact(f));
    if (unknown.length > 0) return problems.push(`${at}: "facts" names ${unknown.map((f) => `"${f}"`).join(", ")}, which the toolkit cannot check. Use any of: ${Object.keys(LETTER_FACTS).join(", ")}.`);
    // A trust's replacement for a toolkit letter keeps that letter's facts unless it declares its own.
    const builtIn = TEMPLATES.find((x) => x.id === r.id);
    const declared = (r.facts === undefined && builtIn ? builtIn.facts : facts) as LetterFactId[];
    entries.push({ id: r.id, title: r.title, step: Number(r.step) || 0, stepName: typeof r.stepName === "string" ? r.stepName : "", addressedTo, required: list(r.required), optional: list(r.optional), facts: declared, file: r.file });
  });
  return { entries, problems };
}

/** A file name with no folder part: the template must be in the catalogue's own folder. */
export function isPlainFileName(name: string): boolean {
  return name.length <= 255 && !/[\\/:\x00-\x1F]/.test(name) && name !== "." && name !== ".." && !name.startsWith("..");
}

export function mergeCatalogues(base: CatalogueEntry[], custom: CatalogueEntry[]): CatalogueEntry[] {
  const byId = new Map(base.map((e) => [e.id, e]));
  for (const e of custom) byId.set(e.id, e);
  return [...byId.values()];
}

/** The letters a pupil's record suggests: the next step's, then the stage's (policy ladder; engine/letters-due.ts). */
export function lettersForRecord(record: Pick<PupilRecordV1, "nextStep" | "stage">, policy: Policy): string[] {
  return lettersForStep(record.nextStep, record.stage, policy);
}

/** Letters suggested for a pupil's stage and next step, first. */
export function suggestedFirst(entries: CatalogueEntry[], suggested: Array<string | null>): CatalogueEntry[] {
  const want = suggested.filter((x): x is string => !!x);
  return [...entries].sort((a, b) => {
    const ia = want.indexOf(a.id);
    const ib = want.indexOf(b.id);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib) || a.step - b.step;
  });
}
