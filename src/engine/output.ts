/** The `analyse --json` document of the analysis contract (section 5), with added fields. */
import { Analysis, analyseEach, AnalyseOptions, PupilAnalysis } from "./analyse";
import { MarksDataset } from "./dataset";
import { summariseProblems } from "./problems";

export interface ContractPupil {
  upn: string;
  possibleSessions: number;
  attendedSessions: number;
  authorisedAbsenceSessions: number;
  unauthorisedAbsenceSessions: number;
  attendancePercent: number | null;
  persistentAbsence: boolean;
  severeAbsence: boolean;
  band: string | null;
  nationalThreshold: PupilAnalysis["nationalThreshold"];
  [more: string]: unknown;
}

/** The contract's fields first, in its order, then the toolkit's further fields. */
export function pupilJson(p: PupilAnalysis): ContractPupil {
  return {
    upn: p.upn,
    possibleSessions: p.possibleSessions,
    attendedSessions: p.attendedSessions,
    authorisedAbsenceSessions: p.authorisedAbsenceSessions,
    unauthorisedAbsenceSessions: p.unauthorisedAbsenceSessions,
    attendancePercent: p.attendancePercent,
    persistentAbsence: p.persistentAbsence,
    severeAbsence: p.severeAbsence,
    band: p.band,
    nationalThreshold: p.nationalThreshold,
    details: p.details,
    learningLost: p.learningLost,
    thisSchoolYear: p.thisSchoolYear,
    stage: p.stage,
    trend: p.trend,
    consecutiveDaysAbsent: p.consecutiveDaysAbsent,
    absenceByWeekday: p.absenceByWeekday,
    unresolvedN: p.unresolvedN,
    nextStep: p.nextStep,
    forwardLook: p.forwardLook,
  };
}

export function analysisJson(a: Analysis) {
  return { ...analysisJsonHead(a), pupils: a.pupils.map(pupilJson), ...analysisJsonTail(a) };
}

/** The document's fields around the pupils, in order; defined once so the streamed form cannot drift. */
function analysisJsonHead(a: Pick<Analysis, "asOf">) {
  return { asOf: a.asOf };
}

function analysisJsonTail(a: Omit<Analysis, "pupils">) {
  return {
    summary: a.summary,
    problems: a.problems,
    // The problems for people to read: a flood of one problem is one line with a count and examples.
    problemSummary: summariseProblems(a.problems),
    notices: a.notices,
    groups: a.groups,
    weekly: a.weekly,
  };
}

/**
 * The same document as JSON.stringify(analysisJson(a)), in pieces of about a thousand pupils, so a
 * 255,000-pupil export never needs one string of hundreds of megabytes (V8 refuses strings over
 * about 512 MB: "Invalid string length").
 */
export function* analysisJsonChunks(a: Analysis, perChunk = 1000): Generator<string> {
  const head = JSON.stringify(analysisJsonHead(a));
  yield `${head.slice(0, -1)},"pupils":[`;
  for (let i = 0; i < a.pupils.length; i += perChunk) {
    const part = a.pupils.slice(i, i + perChunk).map((p) => JSON.stringify(pupilJson(p)));
    yield (i > 0 ? "," : "") + part.join(",");
  }
  yield "]";
  yield* tailChunks(a, perChunk);
}

function* tailChunks(a: Omit<Analysis, "pupils">, perChunk: number): Generator<string> {
  for (const [key, value] of Object.entries(analysisJsonTail(a))) {
    if (!Array.isArray(value) || value.length <= perChunk * 10) {
      yield `,${JSON.stringify(key)}:${JSON.stringify(value)}`;
      continue;
    }
    yield `,${JSON.stringify(key)}:[`;
    for (let i = 0; i < value.length; i += perChunk * 10) {
      yield (i > 0 ? "," : "") + value.slice(i, i + perChunk * 10).map((p) => JSON.stringify(p)).join(",");
    }
    yield "]";
  }
  yield "}";
}

/**
 * Analyse and write the `analyse --json` document as it goes: each pupil is written as soon as it is
 * analysed and not kept, so memory stays bounded whatever the number of pupils. The text is the
 * same as JSON.stringify(analysisJson(analyse(dataset, options))). Returns the analysis without
 * its pupils (the summaries, problems and notices).
 */
export function writeAnalysisJson(dataset: MarksDataset, options: AnalyseOptions, write: (text: string) => void): Omit<Analysis, "pupils"> {
  let first = true;
  const rest = analyseEach(dataset, options, {
    start: (asOf) => {
      const head = JSON.stringify(analysisJsonHead({ asOf }));
      write(`${head.slice(0, -1)},"pupils":[`);
    },
    // One pupil at a time and nothing joined: the writer buffers (the command line's writes into
    // one reused buffer), so no string of many pupils is ever made.
    pupil: (p) => {
      if (!first) write(",");
      first = false;
      write(JSON.stringify(pupilJson(p)));
    },
  });
  write("]");
  for (const chunk of tailChunks(rest, 1000)) write(chunk);
  return rest;
}
