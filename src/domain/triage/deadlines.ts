import type { Policy } from '../policy.js';
import type { Urgency } from './classify-report.js';

export interface TaskDeadlines {
  ackDueAt: Date;
  verifyDueAt: Date;
  decideDueAt: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Local weekday (0 = Sunday) of an instant in a time zone. */
function localWeekday(at: Date, timeZone: string): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at);
  return ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(name);
}

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

/** "11月24日 14:30" in local time, for cadres. */
export function formatLocal(at: Date, timeZone: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('zh-CN', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
      .formatToParts(at).map((x) => [x.type, x.value]),
  );
  return `${p.month}月${p.day}日 ${p.hour}:${p.minute}`;
}
