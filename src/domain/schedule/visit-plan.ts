import type { Policy } from '../policy.js';
import type { HouseholdStatus } from '../types.js';

/** How often a household is visited and called, in days (null: not scheduled). */
export interface VisitPlan {
  visitEveryDays: number | null;
  callEveryDays: number | null;
}

/** 观察对象: not monitored, with a per-capita income at or above the monitoring line and below the observation line. */
export function isObserved(h: { status: HouseholdStatus; incomePerCapita?: number | null }, policy: Policy): boolean {
  const income = h.incomePerCapita ?? null;
  return (
    h.status !== 'monitored' &&
    income !== null &&
    income >= policy.lines.monitoring &&
    income < policy.lines.observation
  );
}

/**
 * Open risk: ≥N visits a week; risk removed: ≥M a week; other 脱贫户: a call a month and a visit a quarter
 * (the pair-helper's "8个一"). Ordinary households are not on a schedule. A 观察对象 (income between the
 * lines, known only when given) is visited at least every `observation.visitEveryDays`.
 */
export function visitPlan(
  h: { status: HouseholdStatus; riskOpen: boolean; incomePerCapita?: number | null },
  policy: Policy,
): VisitPlan {
  const v = policy.visits;
  if (h.status === 'monitored')
    return { visitEveryDays: 7 / (h.riskOpen ? v.openRiskPerWeek : v.removedRiskPerWeek), callEveryDays: null };
  const observed = isObserved(h, policy) ? policy.observation.visitEveryDays : null;
  if (h.status === 'lifted')
    return {
      visitEveryDays: Math.min(v.liftedVisitEveryDays, observed ?? Number.POSITIVE_INFINITY),
      callEveryDays: v.liftedCallEveryDays,
    };
  return { visitEveryDays: observed, callEveryDays: null };
}

/** The plans of all three kinds at once, for set-based SQL. */
export function visitPlans(policy: Policy) {
  return {
    openRisk: visitPlan({ status: 'monitored', riskOpen: true }, policy),
    removedRisk: visitPlan({ status: 'monitored', riskOpen: false }, policy),
    lifted: visitPlan({ status: 'lifted', riskOpen: false }, policy),
  };
}

const DAY = 86_400_000;
const later = (at: Date, days: number | null) => (days === null ? null : new Date(at.getTime() + days * DAY));

/** After a home visit both clocks restart (a visit is also a contact); after a call only the call's. */
export function dueAfterContact(
  kind: 'visit' | 'call',
  plan: VisitPlan,
  at: Date,
): { visitDueAt?: Date | null; callDueAt?: Date | null } {
  return kind === 'visit'
    ? { visitDueAt: later(at, plan.visitEveryDays), callDueAt: later(at, plan.callEveryDays) }
    : { callDueAt: later(at, plan.callEveryDays) };
}

/** A new plan (纳入 with open risk, or risk removed) starts its clocks now. */
export function dueForNewPlan(plan: VisitPlan, at: Date): { visitDueAt: Date | null; callDueAt: Date | null } {
  return { visitDueAt: later(at, plan.visitEveryDays), callDueAt: later(at, plan.callEveryDays) };
}
