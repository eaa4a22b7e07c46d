import { localMidnight, localParts } from '../local-time.js';
import type { DutyRule, PairDuty, PairHelperPolicy } from './pair-duty-policy.js';

const DAY = 86_400_000;

/** One duty for one period of one household: when it opens, is due, is reminded first, and when its period ends. */
export interface DutyInstance {
  duty: PairDuty;
  /** '2026', '2026-Q4' or '2026-12'. */
  period: string;
  start: Date;
  end: Date;
  opensAt: Date;
  dueAt: Date;
  soonAt: Date;
}

/** The instance of a duty whose period (local calendar) contains an instant. */
export function dutyInstanceAt(duty: PairDuty, policy: PairHelperPolicy, at: Date, timeZone: string): DutyInstance {
  const rule: DutyRule = policy.duties[duty];
  const { year, month } = localParts(at, timeZone);
  const day1 = (m: number) => localMidnight(year, m, 1, timeZone);
  let period: string;
  let start: Date;
  let end: Date;
  let opensAt: Date;
  let dueAt: Date;
  if (rule.period === 'month') {
    period = `${year}-${String(month).padStart(2, '0')}`;
    [start, end] = [day1(month), day1(month + 1)];
    [opensAt, dueAt] = [start, end];
  } else if (rule.period === 'quarter') {
    const q = Math.floor((month - 1) / 3);
    period = `${year}-Q${q + 1}`;
    [start, end] = [day1(3 * q + 1), day1(3 * q + 4)];
    [opensAt, dueAt] = [start, end];
  } else {
    period = String(year);
    [start, end] = [day1(1), day1(13)];
    [opensAt, dueAt] = [day1(rule.fromMonth ?? 1), day1((rule.dueMonth ?? 12) + 1)];
  }
  const lead = (rule.remindDaysBefore ?? policy.remindDaysBefore) * DAY;
  const soonAt = new Date(Math.max(opensAt.getTime(), dueAt.getTime() - lead));
  return { duty, period, start, end, opensAt, dueAt, soonAt };
}

/** The instance of the period after this one. */
export const nextInstance = (i: DutyInstance, policy: PairHelperPolicy, timeZone: string) =>
  dutyInstanceAt(i.duty, policy, i.end, timeZone);

/** The instances whose periods overlap [from, to), oldest first. */
export function instancesBetween(
  duty: PairDuty,
  policy: PairHelperPolicy,
  from: Date,
  to: Date,
  timeZone: string,
): DutyInstance[] {
  const out: DutyInstance[] = [];
  for (let i = dutyInstanceAt(duty, policy, from, timeZone); i.start < to; i = nextInstance(i, policy, timeZone))
    out.push(i);
  return out;
}
