import { readFileSync, writeFileSync } from "node:fs";
import { checkOutFile } from "./paths";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readActionLog } from "../engine/actions";
import { analyse } from "../engine/analyse";
import { formatUkLong, parseDate, todayInUk } from "../engine/dates";
import { pupilEvidence, PupilEvidence } from "../engine/evidence";
import { resolvePolicy, settingsToOverrides } from "../engine/policy";
import { readMarksBytes } from "../files/read-file";
import { Io, loadPolicy, pupilsOption, readInput, UsageError } from "./common";
import { pupilName } from "./format";

/** `evidence --tracker FILE --upn UPN [--json]`: a pupil's chronology and readiness for a referral. */
export async function evidenceCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tracker: { type: "string" },
      pupils: { type: "string" },
      upn: { type: "string" },
      "as-of": { type: "string" },
      policy: { type: "string" },
      json: { type: "boolean", default: false },
      out: { type: "string" },
      staff: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length > 0 || !values.tracker || !values.upn) throw new UsageError("evidence needs --tracker FILE and --upn UPN.");
  if (values.out) {
    if (!/\.docx$/i.test(values.out)) throw new UsageError("--out must name a .docx file for the evidence pack.");
    // Checked before the work, as on every command: an existing file is replaced only with --force.
    checkOutFile(values.out, values.force);
  }
  const input = await readMarksBytes({ bytes: readInput(values.tracker) }, await pupilsOption(values.pupils));
  const settings = settingsToOverrides(input.settings);
  const policy = resolvePolicy(settings.overrides, loadPolicy(values.policy, io)).policy;
  const analysis = analyse(input.dataset, { asOf: values["as-of"] ?? settings.asOf, policy });
  const index = analysis.pupils.findIndex((p) => p.upn === values.upn!.trim());
  if (index < 0) throw new UsageError(`No pupil with the UPN ${values.upn} in ${values.tracker}.`);
  const log = readActionLog(input.actions);
  for (const p of log.problems) io.stderr(`attendance-toolkit: ${p.message} The entry was left out.\n`);
  const parents = input.contacts.filter((c) => c.upn === values.upn!.trim());
  const evidence = pupilEvidence(analysis, index, log, parents);
  if (values.out) {
    if (!/\.docx$/i.test(values.out)) throw new UsageError("--out must name a .docx file for the evidence pack.");
    const { buildPupilRecord } = await import("../files/pupil-record");
    const { produceLetters } = await import("../letters/produce");
    const { templateById } = await import("../letters/templates");
    const { evidencePackData } = await import("../letters/evidence-pack");
    const tpl = templateById("evidence-pack")!;
    const upn = values.upn!.trim();
    const entries = log.entries.filter((e) => e.upn === upn && e.supersededBy === null);
    const extra = evidencePackData(analysis, index, evidence, input.contacts.filter((c) => c.upn === upn), entries, { name: policy.school?.signatoryName ?? input.settings["school.signatoryName"], role: policy.school?.signatoryRole ?? input.settings["school.signatoryRole"] });
    const result = produceLetters(
      buildPupilRecord(analysis, index, input),
      tpl,
      readFileSync(join(__dirname, "../../assets/letters/evidence-pack.docx")),
      { date: todayInUk(), delivery: "hand", staff: values.staff ?? "", policy, readiness: evidence.readiness },
      (data) => ({ ...data, ...extra }),
    );
    if (result.letters.length === 0) throw new UsageError(result.blocked.map((b) => b.reason).join(" "));
    writeFileSync(values.out, result.letters[0].bytes);
    io.stdout(`Evidence pack written to ${values.out}: the section 444 checklist, ${evidence.chronology.length} chronology entries and ${extra.extract.length} school weeks of marks.\n`);
    return 0;
  }
  if (values.json) io.stdout(JSON.stringify(evidence) + "\n");
  else io.stdout(formatEvidence(evidence, pupilName(analysis.pupils[index]), analysis.asOf));
  return 0;
}

export function formatEvidence(e: PupilEvidence, name: string, asOf: string | null): string {
  const out: string[] = [];
  out.push(`Evidence for ${name || e.upn} (${e.upn}), as at ${asOf ? formatUkLong(parseDate(asOf)!) : "no date"}`);
  out.push("");
  out.push(`Readiness for a referral: ${e.readiness.ready ? "every required step has evidence" : `missing: ${e.readiness.missing.join(", ")}`}`);
  for (const s of e.readiness.steps) {
    const mark = { evidenced: "[x]", rationale: "[r]", missing: s.required ? "[ ]" : "[-]", "not-needed": "[n/a]" }[s.status];
    out.push(`  ${mark.padEnd(6)}${s.step}. ${s.name}: ${s.message}`);
  }
  if (e.noticesToImprove.length > 0) {
    out.push("");
    out.push("Notices to Improve:");
    for (const n of e.noticesToImprove) out.push(`  ${n.issuedOn} to ${n.parent}: ${n.message}`);
  }
  if (e.penaltyNotices.length > 0 || e.nextPenaltyNotice.length > 0) {
    out.push("");
    out.push("Penalty notices:");
    for (const n of e.penaltyNotices) out.push(n.status === "not-allowed" ? `  ${n.issuedOn} to ${n.parent}: notice ${n.sequence}, NOT ALLOWED: ${n.flag}` : `  ${n.issuedOn} to ${n.parent}: notice ${n.sequence}, £${n.amount}, ${n.status}${n.paidOn ? ` on ${n.paidOn} (£${n.amountDue})` : ""}`);
    for (const n of e.nextPenaltyNotice) out.push(`  Next for ${n.parent}: ${n.reason}`);
  }
  if (e.parentProblems.length > 0) {
    out.push("");
    out.push("Parents to check:");
    for (const p of e.parentProblems) out.push(`  ${p}`);
  }
  out.push("");
  out.push("Chronology:");
  for (const c of e.chronology) {
    const who = [c.parent, c.staff].filter(Boolean).join("; ");
    const sup = c.supersededBy ? ` [superseded by ${c.supersededBy}]` : c.supersedes ? ` [corrects ${c.supersedes}]` : "";
    out.push(`  ${c.date}  ${c.title}${c.detail ? `: ${c.detail}` : ""}${who ? ` (${who})` : ""}${sup}`);
  }
  return out.join("\n") + "\n";
}
