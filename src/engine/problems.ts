/** The problems a reader found, summarised for people to read. */
import { Problem } from "./dataset";

/**
 * Problems for people to read: a flood of one problem (one kind, one value) is one line with a count
 * and the first few examples, so 400 copies of "I01 is not a register code" do not bury the rest.
 */
export function summariseProblems(problems: Problem[], examples = 3): string[] {
  const groups = new Map<string, Problem[]>();
  for (const p of problems) {
    const k = p.kind === "unknown-code" || p.kind === "legacy-code-after-2024" ? `${p.kind}|${(p.value ?? "").toUpperCase()}` : p.kind;
    const g = groups.get(k);
    if (g) g.push(p);
    else groups.set(k, [p]);
  }
  const out: string[] = [];
  for (const [, list] of groups) {
    if (list.length <= examples) {
      for (const p of list) out.push(p.message);
      continue;
    }
    const first = list[0];
    const where = (p: Problem) => [p.sheet ? `${p.sheet} sheet` : "", p.row !== undefined ? `row ${p.row}` : "", p.column ? `column ${p.column}` : "", p.session ?? ""].filter(Boolean).join(" ");
    const what =
      first.kind === "unknown-code"
        ? `"${first.value}" is not a register code (map it in the policy's codeMap if it is a school sub-code)`
        : first.kind === "legacy-code-after-2024"
          ? `"${first.value}" was withdrawn on 19 August 2024`
          : PROBLEM_TITLES[first.kind];
    out.push(`${what}: ${list.length} times, e.g. ${list.slice(0, examples).map(where).join("; ")}. First: ${first.message}`);
  }
  return out;
}

const PROBLEM_TITLES: Record<Problem["kind"], string> = {
  "unknown-code": "Marks that are not register codes",
  "legacy-code-after-2024": "Withdrawn codes after 19 August 2024",
  "duplicate-upn": "Rows that repeat a pupil",
  "missing-upn": "Rows with no pupil key",
  "bad-session-header": "Sessions that cannot be read",
  "duplicate-session": "Sessions given twice",
  "unknown-pupil": "Pupils not on the pupil list",
  "outside-time-on-roll": "Marks outside a pupil's time on roll",
  "damaged-text": "Text in the file that may be misread",
  "unreadable-cell": "Cells with no value that can be read",
};
