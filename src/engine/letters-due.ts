/**
 * This week's letters: the pupils whose next step (stage, threshold, facts) asks for a letter, and
 * the letters their record suggests. One function behind the Word pane's "This week's letters" and
 * the command line; which letter the facts then allow is checked by the letter engine
 * (letters/produce.ts, letterTheFactsAllow), never here.
 */
import type { Analysis } from "./analyse";
import { weeklyActions } from "./key-groups";
import type { Policy } from "./policy";

/** The letters a pupil's step suggests: the next step's letter, then the letter of the stage (the policy's ladder). */
export function lettersForStep(nextStep: { letter: string | null }, stage: { stage: number }, policy: Policy): string[] {
  const stageLetter = stage.stage > 0 ? policy.stages.find((s) => s.stage === stage.stage)?.letter ?? null : null;
  return [nextStep.letter, stageLetter].filter((x, i, all): x is string => !!x && all.indexOf(x) === i);
}

export interface LetterDue {
  /** Index into analysis.pupils. */
  pupil: number;
  upn: string;
  /** The letters suggested, the next step's first. */
  letters: string[];
  /** Why this week (the next step's reason). */
  why: string;
  /** 1 is most urgent. */
  priority: number;
}

/** The pupils whose next step this week is a letter, most urgent first (the week's actions, weeklyActions). */
export function lettersDueThisWeek(a: Analysis): LetterDue[] {
  return weeklyActions(a)
    .filter((w) => w.letter !== null)
    .map((w) => ({ pupil: w.pupil, upn: w.upn, why: w.why, priority: w.priority, letters: lettersForStep(a.pupils[w.pupil].nextStep, a.pupils[w.pupil].stage, a.policy) }));
}
