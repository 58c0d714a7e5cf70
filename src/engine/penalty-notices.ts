/**
 * Penalty notices, per parent per child (national framework from 19 August 2024): a first notice is
 * £160, reduced to £80 if paid within 21 days (28 days to pay); a second to the same parent for the
 * same child within 3 years is £160 with no reduction; no third within 3 years (the local authority
 * considers prosecution or other action instead). Withdrawn notices do not count.
 */
import { ActionEntry } from "./actions";
import { sameParent } from "./contact-rules";
import { DayNumber, dayFromParts, formatIso, toDate } from "./dates";
import { Policy } from "./policy";

export interface PenaltyNotice {
  id: string;
  parent: string;
  issuedOn: string;
  /** 1 for a first notice within the period, 2 for a second. */
  sequence: number;
  amount: number;
  /** The reduced amount and its deadline (first notices only). */
  reducedAmount: number | null;
  reducedIfPaidBy: string | null;
  payBy: string;
  /** "not-allowed": a third notice within the period, which the national framework does not allow. */
  status: "unpaid" | "paid" | "withdrawn" | "overdue" | "not-allowed";
  /** Why the notice is flagged (a third within 3 years), for the evidence and the pane. */
  flag?: string;
  paidOn: string | null;
  /** What the parent owes (or paid): the reduced amount if paid in time. */
  amountDue: number;
}

export interface NextNotice {
  allowed: boolean;
  sequence: number;
  amount: number | null;
  reducedAmount: number | null;
  reason: string;
}

/** The same calendar day `years` earlier (29 February falls back to 28 February). */
export function yearsBefore(day: DayNumber, years: number): DayNumber {
  const d = toDate(day);
  const y = d.getUTCFullYear() - years;
  return dayFromParts(y, d.getUTCMonth() + 1, d.getUTCDate()) ?? dayFromParts(y, d.getUTCMonth() + 1, d.getUTCDate() - 1)!;
}


/** Every penalty notice in one pupil's effective entries, with payments and withdrawals applied, as at `asOf`. */
export function penaltyNotices(entries: readonly ActionEntry[], asOf: DayNumber, policy: Policy): PenaltyNotice[] {
  const pn = policy.penaltyNotice;
  const notices: PenaltyNotice[] = [];
  // A Paid or Withdrawn row names the notice it refers to (Refers to); in an older tracker, that
  // parent's latest open notice issued on or before it.
  const open = (e: ActionEntry) =>
    e.refersTo ? notices.find((n) => n.id === e.refersTo && (n.status === "unpaid" || n.status === "not-allowed")) : [...notices].reverse().find((n) => sameParent(n.parent, e.parent) && n.status === "unpaid" && n.issuedOn <= formatIso(e.day));
  for (const e of entries) {
    if (e.type !== "penalty-notice" || e.day > asOf) continue;
    if (e.detail === "Issued") {
      const next = nextPenaltyNotice(notices, e.parent, e.day, policy);
      if (!next.allowed) {
        notices.push({ id: e.id, parent: e.parent, issuedOn: e.date, sequence: next.sequence, amount: 0, reducedAmount: null, reducedIfPaidBy: null, payBy: formatIso(e.day + pn.payWithinDays), status: "not-allowed", paidOn: null, amountDue: 0, flag: `Not allowed: ${next.reason}` });
        continue;
      }
      notices.push({
        id: e.id,
        parent: e.parent,
        issuedOn: e.date,
        sequence: next.sequence,
        amount: next.amount ?? 0,
        reducedAmount: next.reducedAmount,
        reducedIfPaidBy: next.reducedAmount !== null ? formatIso(e.day + pn.reducedIfPaidWithinDays) : null,
        payBy: formatIso(e.day + pn.payWithinDays),
        status: "unpaid",
        paidOn: null,
        amountDue: next.amount ?? 0,
      });
    } else {
      const n = open(e);
      if (!n) continue;
      if (e.detail === "Withdrawn") {
        n.status = "withdrawn";
        n.amountDue = 0;
      } else {
        n.status = "paid";
        n.paidOn = e.date;
        if (n.reducedIfPaidBy !== null && e.date <= n.reducedIfPaidBy) n.amountDue = n.reducedAmount!;
      }
    }
  }
  for (const n of notices) if (n.status === "unpaid" && formatIso(asOf) > n.payBy) n.status = "overdue";
  return notices;
}

/**
 * Whether a notice may be issued to `parent` on `day`, and for how much: count that parent's notices
 * for this child issued in the 3 years before, leaving out withdrawn ones.
 */
export function nextPenaltyNotice(notices: readonly PenaltyNotice[], parent: string, day: DayNumber, policy: Policy): NextNotice {
  const pn = policy.penaltyNotice;
  const from = formatIso(yearsBefore(day, pn.periodYears));
  const counted = notices.filter((n) => sameParent(n.parent, parent) && n.status !== "withdrawn" && n.status !== "not-allowed" && n.issuedOn > from && n.issuedOn <= formatIso(day));
  const sequence = counted.length + 1;
  if (sequence > pn.maxInPeriod) {
    return {
      allowed: false,
      sequence,
      amount: null,
      reducedAmount: null,
      reason: `${parent} has had ${counted.length} penalty notices for this child in the last ${pn.periodYears} years (${counted.map((n) => n.issuedOn).join(", ")}); no further notice may be issued within ${pn.periodYears} years. The local authority considers prosecution or other action instead.`,
    };
  }
  if (sequence === 1) {
    return {
      allowed: true,
      sequence,
      amount: pn.firstAmount,
      reducedAmount: pn.firstReducedAmount,
      reason: `A first notice: £${pn.firstAmount}, reduced to £${pn.firstReducedAmount} if paid within ${pn.reducedIfPaidWithinDays} days (${pn.payWithinDays} days to pay).`,
    };
  }
  return {
    allowed: true,
    sequence,
    amount: pn.secondAmount,
    reducedAmount: null,
    reason: `A second notice within ${pn.periodYears} years: £${pn.secondAmount}, with no reduction (${pn.payWithinDays} days to pay).`,
  };
}
