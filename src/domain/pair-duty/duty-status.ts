import { dutyInstanceAt, nextInstance, type DutyInstance } from './duty-period.js';
import { PAIR_DUTIES, type PairDuty, type PairHelperPolicy } from './pair-duty-policy.js';

const DAY = 86_400_000;

/** Something on record that does a duty: a 8个一 record of that duty, or a 走访 / 电话 (per the duty's countsFrom). */
export type DutyRecord = { duty: PairDuty; at: Date } | { contact: 'visit' | 'call'; at: Date };

/** not_open: before it opens; open: open and not yet near its time; soon: within the reminder lead; overdue: past its time with its period still running; missed: its period ended undone. */
export type DutyStatus = 'done' | 'not_open' | 'open' | 'soon' | 'overdue' | 'missed';

/** Whether a record does this duty. */
export function counts(r: DutyRecord, duty: PairDuty, policy: PairHelperPolicy): boolean {
  return 'duty' in r ? r.duty === duty : policy.duties[duty].countsFrom.includes(r.contact);
}

/** The first record that does this instance (within its period), if any. */
export function doneBy<R extends DutyRecord>(
  i: DutyInstance,
  records: readonly R[],
  policy: PairHelperPolicy,
): R | undefined {
  return records
    .filter((r) => counts(r, i.duty, policy) && r.at >= i.start && r.at < i.end)
    .sort((a, b) => a.at.getTime() - b.at.getTime())[0];
}

export function statusAt(i: DutyInstance, done: boolean, at: Date): DutyStatus {
  if (done) return 'done';
  if (at < i.opensAt) return 'not_open';
  if (at < i.soonAt) return 'open';
  if (at < i.dueAt) return 'soon';
  return at < i.end ? 'overdue' : 'missed';
}

/** Each duty's period at an instant and the one after: the same for every household, so a sweep works it out once. */
export type DutyCalendar = ReadonlyArray<{ current: DutyInstance; next: DutyInstance }>;

export function dutyCalendar(policy: PairHelperPolicy, at: Date, timeZone: string): DutyCalendar {
  return PAIR_DUTIES.map((duty) => {
    const current = dutyInstanceAt(duty, policy, at, timeZone);
    return { current, next: nextInstance(current, policy, timeZone) };
  });
}

/** A duty to remind now: its key part says which reminder of it this is (soon once, overdue every N days). */
export interface DutyReminder {
  duty: PairDuty;
  period: string;
  dueAt: Date;
  overdue: boolean;
  stage: string;
}

/**
 * What a household's duties need at an instant: the reminders due (the current period of each duty, due
 * soon or overdue and not done) and when to look again (the next time any of them changes stage).
 * `covered` leaves out a duty another clock already reminds (a visit or call schedule due no later).
 */
export function dutyReminders(
  policy: PairHelperPolicy,
  records: readonly DutyRecord[],
  at: Date,
  timeZone: string,
  covered: (i: DutyInstance) => boolean = () => false,
  calendar: DutyCalendar = dutyCalendar(policy, at, timeZone),
): { reminders: DutyReminder[]; next: Date } {
  const every = policy.overdueRemindEveryDays * DAY;
  const reminders: DutyReminder[] = [];
  let next = Number.POSITIVE_INFINITY;
  const later = (t: number) => {
    if (t > at.getTime() && t < next) next = t;
  };
  for (const { current: i, next: following } of calendar) {
    const { duty } = i;
    later(following.soonAt.getTime());
    const status = statusAt(i, doneBy(i, records, policy) !== undefined, at);
    if (status === 'done' || status === 'missed') continue;
    if (status === 'not_open' || status === 'open') {
      later(i.soonAt.getTime());
      continue;
    }
    const late = status === 'overdue' ? Math.floor((at.getTime() - i.dueAt.getTime()) / every) : -1;
    const again = i.dueAt.getTime() + (late + 1) * every;
    if (again < i.end.getTime()) later(status === 'soon' ? i.dueAt.getTime() : again);
    if (!covered(i))
      reminders.push({
        duty,
        period: i.period,
        dueAt: i.dueAt,
        overdue: status === 'overdue',
        stage: status === 'soon' ? 'soon' : `late${late}`,
      });
  }
  return { reminders, next: new Date(next) };
}

/**
 * The earliest instants the records of a household's duties at `at` can come from: 8个一 records from the
 * longest period's start, contacts from the start of the longest period a contact counts for.
 */
export function recordsSince(policy: PairHelperPolicy, at: Date, timeZone: string): { records: Date; contacts: Date } {
  const start = (duties: readonly PairDuty[]) =>
    new Date(Math.min(at.getTime(), ...duties.map((d) => dutyInstanceAt(d, policy, at, timeZone).start.getTime())));
  return {
    records: start(PAIR_DUTIES),
    contacts: start(PAIR_DUTIES.filter((d) => policy.duties[d].countsFrom.length > 0)),
  };
}
