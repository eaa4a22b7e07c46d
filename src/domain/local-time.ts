/** Wall-clock reading of instants in a time zone (the county's), without a date library. */

const DAY = 86_400_000;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  weekday: number;
  hour: number;
  minute: number;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

// Making a DateTimeFormat costs far more than using one: one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();
const formatIn = (timeZone: string) => {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    formats.set(timeZone, f);
  }
  return f;
};

// A sweep reads the same instants over and over (100,000 households due at one time, in 13,000 digests),
// and formatToParts is slow: each zone keeps its readings, emptied when they pass a bound.
const READINGS_KEPT = 10_000;
const readings = new Map<string, Map<number, Readonly<LocalParts>>>();

export function localParts(at: Date, timeZone: string): Readonly<LocalParts> {
  let zone = readings.get(timeZone);
  if (!zone) {
    zone = new Map();
    readings.set(timeZone, zone);
  }
  const known = zone.get(at.getTime());
  if (known) return known;
  const p = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  const parts = Object.freeze({
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: WEEKDAYS.indexOf(p.weekday!),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
  });
  if (zone.size >= READINGS_KEPT) zone.clear();
  zone.set(at.getTime(), parts);
  return parts;
}

/** Local weekday, 0 = Sunday. */
export const localWeekday = (at: Date, timeZone: string) => localParts(at, timeZone).weekday;

/** Minutes since local midnight. */
export function localMinutes(at: Date, timeZone: string): number {
  const p = localParts(at, timeZone);
  return p.hour * 60 + p.minute;
}

/** The instant of local midnight on a calendar day (month 1–12; days past the month's end roll over). */
export function localMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  // The zone's offset at the guess, read back from the wall clock; twice, in case the first crossed a DST change.
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), timeZone);
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - t;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}

/** The local week (Monday 00:00 to the next Monday 00:00) that contains an instant. */
export function localWeek(at: Date, timeZone: string): { start: Date; end: Date } {
  const p = localParts(at, timeZone);
  const back = (p.weekday + 6) % 7;
  const start = localMidnight(p.year, p.month, p.day - back, timeZone);
  const end = localMidnight(p.year, p.month, p.day - back + 7, timeZone);
  return { start, end };
}

/** The last whole local week before an instant: the one a Monday-morning bulletin reports on. */
export function previousLocalWeek(at: Date, timeZone: string): { start: Date; end: Date } {
  return localWeek(new Date(localWeek(at, timeZone).start.getTime() - DAY), timeZone);
}

/** "11月24日 14:30" in local time, for cadres. */
export function formatLocal(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${formatLocalDate(at, timeZone)} ${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** "11月24日". */
export function formatLocalDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.month}月${p.day}日`;
}

/** "2026-11-23": the local calendar date. */
export function localDateString(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}
