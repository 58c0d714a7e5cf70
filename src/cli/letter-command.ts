/**
 * `letter` and `letters`: the toolkit's letters from a tracker, one .docx per parent, with an
 * evidence line for the Actions sheet (evidence.tsv) for every letter written.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join, sep } from "node:path";
import { parseArgs } from "node:util";
import { readActionLog } from "../engine/actions";
import { analyse, Analysis } from "../engine/analyse";
import { Delivery, deliveryRecordProblems, nowInUk } from "../engine/contact-rules";
import { analysisAsAt } from "../engine/case-record";
import { DayNumber, parseDate, todayInUk } from "../engine/dates";
import { pupilEvidence } from "../engine/evidence";
import { keyGroups } from "../engine/key-groups";
import { periodCounts } from "../engine/period";
import { resolvePolicy, settingsToOverrides } from "../engine/policy";
import { buildPupilRecord } from "../files/pupil-record";
import { readMarksBytes } from "../files/read-file";
import { TrackerData } from "../files/tracker";
import { builtInCatalogue, CatalogueEntry, mergeCatalogues, parseCustomCatalogue } from "../letters/catalogue";
import { produceLetters } from "../letters/produce";
import { checkTemplate, evidenceToTsv } from "../letters/render";
import { Io, loadPolicy, pupilsOption, readInput, UsageError } from "./common";
import { checkOutDir } from "./paths";

const TEMPLATES_DIR = join(__dirname, "../../assets/letters");

const OPTIONS = {
  tracker: { type: "string" },
  pupils: { type: "string" },
  upn: { type: "string" },
  parent: { type: "string" },
  "all-parents": { type: "boolean", default: false },
  field: { type: "string", multiple: true },
  delivery: { type: "string", default: "post" },
  staff: { type: "string" },
  date: { type: "string" },
  "as-of": { type: "string" },
  policy: { type: "string" },
  templates: { type: "string" },
  group: { type: "string" },
  year: { type: "string" },
  out: { type: "string" },
  list: { type: "boolean", default: false },
  "handed-to": { type: "string" },
  "handed-at": { type: "string" },
  from: { type: "string" },
  to: { type: "string" },
  force: { type: "boolean", default: false },
} as const;

/** Group names as people write them, for the key groups' ids. */
const GROUP_ALIASES: Record<string, string> = { "key-converter": "key-converters", "persistent-absence": "persistent", "severe-absence": "severe" };

function catalogue(dir: string | undefined, io: Io): { entries: CatalogueEntry[]; load: (e: CatalogueEntry) => Uint8Array } {
  let entries = builtInCatalogue();
  const custom = new Map<string, string>();
  if (dir) {
    const file = join(dir, "catalogue.json");
    if (!existsSync(file)) throw new UsageError(`${dir} has no catalogue.json (see docs/letters.md).`);
    const parsed = parseCustomCatalogue(readFileSync(file, "utf8"));
    for (const p of parsed.problems) io.stderr(`attendance-toolkit: ${p}\n`);
    const root = realpathSync(dir);
    for (const e of parsed.entries) {
      const path = join(dir, e.file);
      // A link inside the folder that points outside it is refused like a path that leaves it.
      if (existsSync(path) && !realpathSync(path).startsWith(root + sep)) {
        io.stderr(`attendance-toolkit: catalogue.json: "${e.file}" leads outside ${dir}; that letter was left out.\n`);
        parsed.entries = parsed.entries.filter((x) => x !== e);
        continue;
      }
      custom.set(e.id, path);
    }
    entries = mergeCatalogues(entries, parsed.entries);
  }
  return { entries, load: (e) => readFileSync(custom.get(e.id) ?? join(TEMPLATES_DIR, e.file)) };
}

/** --field name=value: names are letters, digits and dots, never an object's own machinery (__proto__, constructor). */
export function fields(list: readonly string[] | undefined): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const f of list ?? []) {
    const i = f.indexOf("=");
    if (i <= 0) throw new UsageError(`--field "${f}" must be written name=value, for example meeting.date=2026-03-20.`);
    const name = f.slice(0, i).trim();
    if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name) || name.split(".").some((p) => p === "__proto__" || p === "constructor" || p === "prototype")) {
      throw new UsageError(`--field "${name.slice(0, 60)}" is not a field name: use letters, digits and dots, for example meeting.date.`);
    }
    out[name] = f.slice(i + 1);
  }
  return out;
}

async function loadTracker(path: string, policyPath: string | undefined, asOf: string | undefined, io: Io, pupilsPath?: string): Promise<{ tracker: TrackerData; analysis: Analysis }> {
  const tracker = await readMarksBytes({ bytes: readInput(path) }, await pupilsOption(pupilsPath));
  const settings = settingsToOverrides(tracker.settings);
  const policy = resolvePolicy(settings.overrides, loadPolicy(policyPath, io)).policy;
  return { tracker, analysis: analyse(tracker.dataset, { asOf: asOf ?? settings.asOf, policy }) };
}

function pupilsInGroup(a: Analysis, asked: string, year: string | undefined): number[] {
  const group = GROUP_ALIASES[asked] ?? asked;
  const stage = /^stage-(\d+)$/.exec(group);
  let list: number[];
  if (stage) list = a.pupils.flatMap((p, i) => (p.stage.stage === Number(stage[1]) ? [i] : []));
  else {
    const g = keyGroups(a).find((k) => k.id === group);
    if (!g) throw new UsageError(`"${asked}" is not a key group. Use one of: ${keyGroups(a).map((k) => k.id).join(", ")}, or stage-1 to stage-4.`);
    list = g.pupils;
  }
  return year ? list.filter((i) => a.pupils[i].details.year === year) : list;
}

/** `--parent N`: the Nth parent on the Contacts sheet, a whole number from 1. */
function parentNumber(text: string | undefined): number {
  if (text === undefined) return 1;
  if (!/^\s*\d+\s*$/.test(text) || Number(text) < 1) throw new UsageError(`--parent "${text}" is not a parent number: give 1 for the first parent on the Contacts sheet, 2 for the second, and so on (or --all-parents).`);
  return Number(text);
}

function progressBar(io: Io, total: number): (done: number) => void {
  const tty = Boolean(process.stderr.isTTY);
  let lastTenth = -1;
  return (done) => {
    if (tty) {
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      process.stderr.write(`\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${done}/${total} pupils`);
      if (done === total) process.stderr.write("\n");
    } else {
      const tenth = Math.floor((done / Math.max(total, 1)) * 10);
      if (tenth !== lastTenth) {
        lastTenth = tenth;
        io.stderr(`${done}/${total} pupils\n`);
      }
    }
  };
}

export async function letterCommand(args: string[], io: Io, many: boolean): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: OPTIONS });
  const { entries, load } = catalogue(values.templates, io);
  if (values.list) {
    for (const e of entries) io.stdout(`${e.id.padEnd(40)} step ${String(e.step).padEnd(2)} ${e.addressedTo.padEnd(25)} ${e.title}${e.required.length ? ` (needs ${e.required.join(", ")})` : ""}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError(`${many ? "letters" : "letter"} needs the TEMPLATE id (see --list).`);
  const entry = entries.find((e) => e.id === positionals[0]);
  if (!entry) throw new UsageError(`"${positionals[0]}" is not a letter template. Run "attendance-toolkit letter --list" for the list.`);
  if (!values.tracker || !values.out) throw new UsageError("Give the tracker (--tracker FILE) and the folder to write to (--out DIR).");
  if (!["email", "hand", "post"].includes(values.delivery)) throw new UsageError("--delivery must be email, hand or post.");
  // The evidence record needs who sent the letters, and for letters handed over, when (toolkit.md).
  const datedAs = values.date && /^\d{4}-\d{2}-\d{2}$/.test(values.date) ? parseDate(values.date) ?? undefined : undefined;
  const recordProblems = deliveryRecordProblems(entry.addressedTo === "internal" ? "post" : (values.delivery as Delivery), { staff: values.staff ?? "", handedAt: values["handed-at"], letterDate: datedAs ?? todayInUk(), now: nowInUk() });
  if (recordProblems.length > 0) throw new UsageError(`${recordProblems.join(" ")} Give ${[!(values.staff ?? "").trim() ? "--staff NAME" : "", recordProblems.some((p) => /handed over/.test(p)) ? '--handed-at "16/03/2026 08:40"' : ""].filter(Boolean).join(" and ")}.`);
  if (values.parent !== undefined) parentNumber(values.parent);
  if (values.parent !== undefined && (many || values["all-parents"])) throw new UsageError("--parent N picks one parent for one letter: use it with letter, not with --all-parents or letters.");
  if (values["handed-to"] && (many || values["all-parents"])) throw new UsageError("--handed-to names the one parent a letter was handed to: use it with --parent N, not with --all-parents or letters.");
  const day = (name: "date" | "from" | "to"): DayNumber | undefined => {
    const v = values[name];
    if (v === undefined) return undefined;
    const d = /^\d{4}-\d{2}-\d{2}$/.test(v) ? parseDate(v) : null;
    if (d === null) throw new UsageError(`--${name} must be a date written YYYY-MM-DD.`);
    return d;
  };
  checkOutDir(values.out);
  const extra = fields(values.field);
  const letterDate = day("date");
  const from = day("from");
  const toAsked = day("to");
  if (toAsked !== undefined && from === undefined) throw new UsageError("--to needs --from: the period is from one date to another (without either, this school year).");
  const loaded = await loadTracker(values.tracker, values.policy, values["as-of"], io, values.pupils);
  const { tracker } = loaded;
  // A letter is true as at its date: marks after it do not exist for it (engine/case-record.ts).
  const analysis = analysisAsAt(loaded.analysis, letterDate ?? todayInUk());
  // The period the figures cover: this school year by default, or --from (to --to, or the as-of date).
  const to = toAsked ?? (analysis.asOf ? parseDate(analysis.asOf)! : undefined);
  if (from !== undefined && (to === undefined || from > to)) throw new UsageError("--from must be on or before --to (or the as-of date of the analysis).");
  let indexes: number[];
  if (many) {
    if (!values.group) throw new UsageError("letters needs --group, for example --group threshold-met.");
    indexes = pupilsInGroup(analysis, values.group, values.year);
  } else {
    if (!values.upn) throw new UsageError("letter needs --upn UPN.");
    const i = analysis.pupils.findIndex((p) => p.upn === values.upn!.trim());
    if (i < 0) throw new UsageError(`No pupil with the UPN ${values.upn} in ${values.tracker}.`);
    indexes = [i];
  }
  const template = load(entry);
  const problems = checkTemplate(template);
  if (problems.length > 0) throw new UsageError(`The template for "${entry.id}" (${entry.file}) cannot be used: ${problems.join(" ")} Open it in Word and correct it (see docs/letters.md).`);
  mkdirSync(values.out, { recursive: true });
  const log = readActionLog(tracker.actions);
  const date = letterDate ?? todayInUk();
  const parentChoice = values["all-parents"] || many ? undefined : [parentNumber(values.parent) - 1];
  const tick = many ? progressBar(io, indexes.length) : () => undefined;
  const evidenceFile = join(values.out, "evidence.tsv");
  let written = 0;
  let blockedCount = 0;
  // Files this run wrote: never overwritten by a later letter of the same run, even with --force.
  const writtenNow = new Set<string>();
  const t0 = Date.now();
  const chosen = entry;
  indexes.forEach((i, n) => {
    const record = buildPupilRecord(analysis, i, tracker);
    try {
      writePupil(record, i);
    } catch (e) {
      // One pupil's letter that cannot be made is held back with a sentence; the group run carries on.
      // A fault of the program itself (or of the disk) is not a pupil's problem: it stops the run.
      if (!(e instanceof Error) || (e as NodeJS.ErrnoException).code || e instanceof TypeError || e instanceof ReferenceError) throw e;
      io.stderr(`Not written: ${record.pupil.upn}: the letter could not be made (${e.message.slice(0, 200)}).\n`);
      blockedCount++;
    }
    tick(n + 1);
  });
  function writePupil(record: ReturnType<typeof buildPupilRecord>, i: number): void {
    const parents = record.parents.map((p) => [p.title, p.forename, p.surname].filter(Boolean).join(" "));
    const readiness = chosen.id === "section-444-checklist" ? pupilEvidence(analysis, i, log, parents).readiness : undefined;
    const entries = log.entries.filter((e) => e.upn === record.pupil.upn && e.supersededBy === null);
    const { letters, blocked } = produceLetters(record, chosen, template, {
      factSource: { analysis, pupilIndex: i, entries },
      parents: parentChoice,
      date,
      delivery: values.delivery as Delivery,
      staff: values.staff ?? "",
      fields: extra,
      policy: analysis.policy,
      readiness,
      handedTo: values["handed-to"],
      handedAt: values["handed-at"],
      period: from !== undefined && to !== undefined ? { from, to, counts: periodCounts(tracker.dataset, i, from, to) } : undefined,
    });
    for (const l of letters) {
      let path = join(values.out!, l.fileName);
      for (let n = 2; writtenNow.has(path); n++) path = join(values.out!, l.fileName.replace(/\.docx$/, ` (${n}).docx`));
      // An existing letter is replaced only with --force, as on every command.
      if (existsSync(path) && !values.force) {
        io.stderr(`Not written: ${record.pupil.upn}: ${path} already exists; add --force to replace it.\n`);
        blockedCount++;
        continue;
      }
      writeFileSync(path, l.bytes);
      writtenNow.add(path);
      // The log line only for a letter that is on disk.
      if (existsSync(path)) appendFileSync(evidenceFile, evidenceToTsv(l.evidence) + "\n");
      // "No email held" matters only when emailing (and then the letter is not written at all).
      for (const w of l.warnings) if (w.kind !== "no-email") io.stderr(`Check: ${record.pupil.upn}: ${w.message}\n`);
      written++;
    }
    // One line per pupil: the same reason for both parents is said once.
    const byReason = new Map<string, string[]>();
    for (const b of blocked) {
      byReason.set(b.reason, [...(byReason.get(b.reason) ?? []), b.parentName]);
      blockedCount++;
    }
    if (byReason.size > 0) io.stderr(`Not written: ${record.pupil.upn}: ${[...byReason].map(([reason, names]) => `${names.join(" and ")}: ${reason}`).join(" ")}\n`);
  }
  io.stdout(`${written} letter${written === 1 ? "" : "s"} written to ${values.out} in ${((Date.now() - t0) / 1000).toFixed(1)} s${blockedCount ? `; ${blockedCount} not written (see above)` : ""}.${written ? ` Paste ${evidenceFile} into the tracker's Actions table to log them.` : ""}\n`);
  // A single letter asked for and not written is a failure the caller (or a script) must see.
  return !many && blockedCount > 0 ? 2 : 0;
}
