import { z } from 'zod';
import { localParts } from '../local-time.js';

/** ?month=2026-11 for the monthly report; absent, the month in progress. */
export const MonthQuerySchema = z.object({
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份应写成 2026-11 这样的格式')
    .optional(),
});

/** The month containing `at` as "2026-11", and the `count` months before it, newest first. */
export function recentMonthKeys(at: Date, count: number, timeZone: string): string[] {
  const p = localParts(at, timeZone);
  return Array.from({ length: count }, (_, i) => {
    const t = p.year * 12 + p.month - 1 - i;
    return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
  });
}
