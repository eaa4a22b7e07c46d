import { localMidnight, localParts } from '../local-time.js';
import { instancesBetween } from './duty-period.js';
import { doneBy, type DutyRecord } from './duty-status.js';
import { dutyLines, type DutyLine } from './duty-text.js';
import type { PairHelperPolicy } from './pair-duty-policy.js';

/** A duty on a household's page: where this period stands, and the year so far (periods opened, done). */
export interface DutyYearLine<R extends DutyRecord = DutyRecord> extends DutyLine<R> {
  opened: number;
  done: number;
}

/** The eight duties of a household for the local year of `now`. */
export function dutyYear<R extends DutyRecord>(
  policy: PairHelperPolicy,
  records: readonly R[],
  now: Date,
  timeZone: string,
): DutyYearLine<R>[] {
  const yearStart = localMidnight(localParts(now, timeZone).year, 1, 1, timeZone);
  return dutyLines(policy, records, now, timeZone).map((l) => {
    const opened = instancesBetween(l.instance.duty, policy, yearStart, now, timeZone).filter((i) => i.opensAt <= now);
    return { ...l, opened: opened.length, done: opened.filter((i) => doneBy(i, records, policy)).length };
  });
}
