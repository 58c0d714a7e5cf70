/**
 * `attendance-toolkit report SUMMARY --out report.docx`: the attendance report for a local governing
 * body, from the school's summary (issue 14), in the trust's editable template.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { deflateSync } from "node:zlib";
import { nationalFor } from "../engine/national";
import { readSchoolSummary } from "../engine/school-summary";
import { xmlSafe } from "../letters/xml-safe";
import { renderReport, reportData, reportImages } from "../trust/report";
import { Io, readInput, UsageError } from "./common";
import { loadNational } from "./trust-command";

export const DEFAULT_REPORT_TEMPLATE = resolve(__dirname, "../../assets/trust/governors-report.docx");

export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      previous: { type: "string" },
      template: { type: "string" },
      national: { type: "string" },
      force: { type: "boolean", default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError("report needs exactly one SUMMARY (a school's .summary.json).");
  if (!values.out || !/\.docx$/i.test(values.out)) throw new UsageError("report needs --out REPORT.docx.");
  if (existsSync(values.out) && !values.force) throw new UsageError(`${values.out} already exists; choose another name, or add --force to replace it.`);
  const read = (f: string) => readSchoolSummary(new TextDecoder().decode(readInput(f)), f);
  const summary = read(positionals[0]);
  const previous = values.previous ? read(values.previous) : null;
  const national = nationalFor(loadNational(values.national), summary.school.phase);
  const input = { summary, previous, national };
  const template = readFileSync(values.template ?? DEFAULT_REPORT_TEMPLATE);
  const bytes = renderReport(template, reportData(input), reportImages(input, (d) => deflateSync(d)));
  writeFileSync(values.out, bytes);
  io.stdout(`Wrote ${values.out}: the attendance report for ${xmlSafe(summary.school.name)}, figures to ${summary.asOf}.\n`);
  return 0;
}
