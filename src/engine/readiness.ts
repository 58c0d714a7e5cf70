/**
 * Support-first readiness for a referral: which roadmap steps (shared/domain/toolkit.md) have
 * evidence in the actions log, and which are missing. A referral must include copies of attendance
 * contracts or a clear rationale why none was made; legal intervention only when support has been
 * exhausted or not engaged with.
 */
import { ActionEntry } from "./actions";
import { NoticeToImproveStatus } from "./notice-to-improve";
import { PupilAnalysis } from "./analyse";

export interface ReadinessStep {
  step: number;
  name: string;
  required: boolean;
  status: "evidenced" | "rationale" | "missing" | "not-needed";
  /** Ids of the entries that are the evidence. */
  evidence: string[];
  message: string;
}

export interface Readiness {
  steps: ReadinessStep[];
  /** Every required step evidenced, or a rationale recorded. */
  ready: boolean;
  missing: string[];
}

const has = (entries: readonly ActionEntry[], test: (e: ActionEntry) => boolean) => entries.filter(test).map((e) => e.id);

/**
 * `holidayOnly`: the sessions that met the threshold are all term-time holiday (G), judged from the
 * window that met it (engine/letter-facts.ts), not from the current window, so it does not change
 * with no new marks.
 */
export function referralReadiness(pupil: PupilAnalysis, entries: readonly ActionEntry[], notices: readonly NoticeToImproveStatus[], holidayOnly = false, metOnlyWithN = false): Readiness {
  // Only entries that still count (not superseded), for this pupil.
  const mine = entries.filter((e) => e.upn === pupil.upn && e.supersededBy === null);
  const step = (n: number, name: string, required: boolean, evidence: string[], missing: string, found: string): ReadinessStep => ({
    step: n,
    name,
    required,
    status: evidence.length > 0 ? "evidenced" : "missing",
    evidence,
    message: evidence.length > 0 ? found.replace("{n}", String(evidence.length)).replace(/\((s|es)\)/g, evidence.length === 1 ? "" : "$1") : missing,
  });
  const steps: ReadinessStep[] = [
    step(1, "Contact with parents", true, has(mine, (e) => ["call", "letter", "meeting", "home-visit"].includes(e.type)), "No contact with the parents is recorded.", "{n} recorded contact(s) with the parents."),
    step(3, "Absence call-backs", false, has(mine, (e) => e.type === "call"), "No absence call-back is recorded.", "{n} call(s) recorded."),
    step(5, "Pupil check-ins", false, has(mine, (e) => e.type === "pupil-check-in"), "No check-in with the pupil is recorded.", "{n} check-in(s) recorded."),
    step(6, "Early help and initial concern conversation", true, has(mine, (e) => e.type === "support-offered" || (e.type === "letter" && /initial attendance support|discussion summary/i.test(e.detail))), "No support offered is recorded (early help, mentoring, transport, health or SEND referral...).", "{n} record(s) of support offered."),
    step(7, "Declining attendance meeting", true, has(mine, (e) => e.type === "meeting" || e.type === "home-visit"), "No meeting with the family is recorded.", "{n} meeting(s) or home visit(s) recorded."),
  ];
  const contract = has(mine, (e) => e.type === "attendance-contract" && e.detail !== "Not appropriate");
  const rationale = mine.filter((e) => e.type === "attendance-contract" && e.detail === "Not appropriate" && (e.notes !== "" || e.outcome !== ""));
  steps.push({
    step: 8,
    name: "Attendance contract",
    required: true,
    status: contract.length > 0 ? "evidenced" : rationale.length > 0 ? "rationale" : "missing",
    evidence: contract.length > 0 ? contract : rationale.map((e) => e.id),
    message:
      contract.length > 0
        ? `${contract.length} attendance contract ${contract.length === 1 ? "entry" : "entries"} recorded.`
        : rationale.length > 0
          ? `No contract; the reason is recorded: ${rationale[rationale.length - 1].notes || rationale[rationale.length - 1].outcome}`
          : "No attendance contract and no recorded reason why: a referral must include the contract or a clear rationale why none was made.",
  });
  // A Notice to Improve comes before a penalty notice where the threshold is met, but is not used
  // where support is not appropriate, such as term-time holiday.
  // Met only by counting unresolved N marks is not met (the policy holds legal steps on them).
  const t = { met: pupil.nationalThreshold.met && !metOnlyWithN };
  // Only notices still standing: a withdrawn Notice to Improve is no evidence.
  const ntiEntries = notices.map((n) => n.id);
  steps.push({
    step: 9,
    name: "Notice to Improve",
    required: t.met && !holidayOnly,
    status: !t.met || holidayOnly ? "not-needed" : ntiEntries.length > 0 ? "evidenced" : "missing",
    evidence: ntiEntries,
    message: !t.met
      ? metOnlyWithN
        ? "The national threshold is reached only by counting unresolved N marks: not met until their reasons are recorded."
        : "The national threshold has not been met."
      : holidayOnly
        ? "Not used where the absence is term-time holiday."
        : ntiEntries.length > 0
          ? notices.map((n) => n.message).join(" ") || `${ntiEntries.length} Notice to Improve issued.`
          : "The national threshold is met and no Notice to Improve is recorded.",
  });
  const missing = steps.filter((s) => s.required && s.status === "missing").map((s) => s.name);
  return { steps, ready: missing.length === 0, missing };
}
