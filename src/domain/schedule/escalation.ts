import { localMinutes } from '../local-time.js';
import type { Policy } from '../policy.js';

export type Recipient = 'holder' | 'village' | 'township' | 'county';

const HOUR = 3_600_000;

/**
 * The k-th reminder of an overdue task (k from 0): to its holder for the first N, then up the chain
 * one level per reminder, then the county office again and again until someone acts.
 */
export function escalationStep(k: number, policy: Policy): { to: Recipient; nextInMs: number } {
  const r = policy.reminders;
  const up = k - r.remindersBeforeEscalating;
  const to: Recipient = up < 0 ? 'holder' : up === 0 ? 'village' : up === 1 ? 'township' : 'county';
  return { to, nextInMs: r.intervalsHours[Math.min(k, r.intervalsHours.length - 1)]! * HOUR };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Within the quiet hours (which may wrap midnight, e.g. 21:00–07:30)? */
export function inQuietHours(at: Date, quiet: { start: string; end: string }, timeZone: string): boolean {
  const m = localMinutes(at, timeZone);
  const s = minutes(quiet.start);
  const e = minutes(quiet.end);
  return s <= e ? m >= s && m < e : m >= s || m < e;
}
