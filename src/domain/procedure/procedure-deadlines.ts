import { formatLocal } from '../local-time.js';
import type { Policy } from '../policy.js';
import { addWorkingDays } from '../triage/deadlines.js';
import { currentStep, type Procedure } from './procedure.js';
import { STEP_LABEL } from './procedure-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When the running step is due: working days from its start (a green case's county confirmation: hours). */
export function stepDueAt(p: Procedure, policy: Policy, timeZone: string): Date | null {
  const step = currentStep(p);
  if (!step) return null;
  if (step === 'county_confirm' && p.green && !p.confirmedAt)
    return new Date(p.firstClueAt.getTime() + policy.procedure.greenConfirmHours * HOUR);
  return addWorkingDays(p.stepStartedAt, policy.procedure.stepWorkingDays[step], timeZone);
}

/**
 * When the whole procedure is due: an identification within the days after the first clue and the
 * working days of the whole procedure, whichever comes first; an exit within the working days.
 */
export function procedureDueAt(p: Procedure, policy: Policy, timeZone: string): Date {
  const d = policy.procedure;
  const byWorkingDays = addWorkingDays(p.firstClueAt, d.totalWorkingDays, timeZone);
  if (p.kind === 'exit' || p.green) return byWorkingDays;
  const byDays = new Date(p.firstClueAt.getTime() + d.identifyWithinDays * DAY);
  return byDays < byWorkingDays ? byDays : byWorkingDays;
}

/** The orange warnings of an open procedure at an instant (empty = on time). */
export function overdueWarnings(p: Procedure, now: Date, policy: Policy, timeZone: string): string[] {
  const step = currentStep(p);
  if (!step) return [];
  const out: string[] = [];
  const due = stepDueAt(p, policy, timeZone)!;
  if (now > due) out.push(`「${STEP_LABEL[step]}」已超时（应于 ${formatLocal(due, timeZone)} 前完成）`);
  const all = procedureDueAt(p, policy, timeZone);
  // A green case is already included: its checks are held to the working-day limit only.
  if (now > all)
    out.push(`${p.kind === 'exit' ? '风险消除' : '识别认定'}程序已超过时限（${formatLocal(all, timeZone)}）`);
  return out;
}
