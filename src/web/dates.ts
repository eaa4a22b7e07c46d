import { localDateString, localParts } from '../domain/local-time.js';

/** "2026-11-24 14:30" in local time: the console always shows the year (lists span years). */
export function dateTime(at: Date | null | undefined, timeZone: string): string {
  if (!at) return '';
  const p = localParts(at, timeZone);
  return `${localDateString(at, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "2026-11-24". */
export const dateOnly = (at: Date | null | undefined, timeZone: string) => (at ? localDateString(at, timeZone) : '');

const DAY = 86_400_000;
/** How long ago, in whole days ("3 天"), for overdue columns. */
export const daysSince = (at: Date, now: Date) => `${Math.max(0, Math.floor((now.getTime() - at.getTime()) / DAY))} 天`;
