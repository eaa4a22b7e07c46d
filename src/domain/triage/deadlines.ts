import type { Policy } from '../policy.js';
import type { Urgency } from './classify-report.js';
import { localWeekday } from '../local-time.js';

export interface TaskDeadlines {
  ackDueAt: Date;
  verifyDueAt: Date;
  decideDueAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Adds n working days (Saturdays and Sundays skipped; public holidays are a policy matter for later). */
export function addWorkingDays(from: Date, n: number, timeZone: string): Date {
  let t = from.getTime();
  let left = n;
  while (left > 0) {
    t += DAY;
    const wd = localWeekday(new Date(t), timeZone);
    if (wd !== 0 && wd !== 6) left--;
  }
  return new Date(t);
}

/** 签收 within hours (2 h on the 绿色通道), home verification within working days, decision within days. */
export function taskDeadlines(now: Date, urgency: Urgency, policy: Policy, timeZone: string): TaskDeadlines {
  const d = policy.deadlinesHours;
  return {
    ackDueAt: new Date(now.getTime() + (urgency === 'green' ? d.acknowledgeGreen : d.acknowledge) * HOUR),
    verifyDueAt: addWorkingDays(now, d.verifyWorkingDays, timeZone),
    decideDueAt: new Date(now.getTime() + d.decideDays * DAY),
  };
}

/**
 * 观察: the lighter task: 签收 within days, the income checked at home within a month, the decision
 * (纳入 or not) the usual decision time after that. Never the 绿色通道's hours.
 */
export function observationDeadlines(now: Date, policy: Policy): TaskDeadlines {
  const o = policy.observation;
  return {
    ackDueAt: new Date(now.getTime() + o.acknowledgeDays * DAY),
    verifyDueAt: new Date(now.getTime() + o.verifyDays * DAY),
    decideDueAt: new Date(now.getTime() + (o.verifyDays + policy.deadlinesHours.decideDays) * DAY),
  };
}
