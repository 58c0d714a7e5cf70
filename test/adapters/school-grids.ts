import { REGISTER_CODES } from "../../src/engine/codes";
import { MarksDataset } from "../../src/engine/dataset";
import { generateSchool } from "../../src/sample/generate";

/** A synthetic school as the tracker's sheets hold it (header row + rows of cell values). */
export function marksGridFromSchool(pupils: number): { sheets: Record<string, unknown[][]>; dataset: MarksDataset } {
  const school = generateSchool({ pupils, seed: 11 });
  const ds = school.dataset;
  const marks = [
    ["UPN", "Surname", "Forename", ...ds.sessions.map((s) => s.label)],
    ...ds.pupils.map((p, i) => [p.upn, p.details.surname ?? "", p.details.forename ?? "", ...Array.from(ds.marks[i], (c) => REGISTER_CODES[c].code)]),
  ];
  const pupilsSheet = [["UPN", "Surname", "Forename", "Year", "Reg"], ...ds.pupils.map((p) => [p.upn, p.details.surname, p.details.forename, p.details.year, p.details.reg])];
  return { sheets: { Marks: marks, Pupils: pupilsSheet }, dataset: ds };
}
