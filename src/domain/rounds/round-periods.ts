import { localMidnight, localParts, localWeek } from '../local-time.js';
import type { RoundPolicy } from './round-policy.js';

/** 排查 (a village, weekly) or 核实 (a township, every half month). */
export type RoundKind = 'village' | 'township';

export const ROUND_LABEL: Record<RoundKind, string> = { village: '周排查', township: '半月核实' };

/** A round's period [start, end) and when its answer is due. */
export interface RoundPeriod {
  start: Date;
  end: Date;
  deadline: Date;
}

/** The local half month containing an instant: the 1st to the 16th, or the 16th to the next 1st. */
export function halfMonth(at: Date, timeZone: string): { start: Date; end: Date } {
  const p = localParts(at, timeZone);
  const first = p.day < 16;
  return {
    start: localMidnight(p.year, p.month, first ? 1 : 16, timeZone),
    end: first ? localMidnight(p.year, p.month, 16, timeZone) : localMidnight(p.year, p.month + 1, 1, timeZone),
  };
}

/** `days` local days after `start` (00:00), never past `end`. */
function dueAfter(start: Date, end: Date, days: number, timeZone: string): Date {
  const p = localParts(start, timeZone);
  const due = localMidnight(p.year, p.month, p.day + days, timeZone);
  return due < end ? due : end;
}

/** The period of the round of this kind that is running at `at`, with its deadline from the policy. */
export function roundPeriod(kind: RoundKind, at: Date, rules: RoundPolicy, timeZone: string): RoundPeriod {
  const { start, end } = kind === 'village' ? localWeek(at, timeZone) : halfMonth(at, timeZone);
  const days = kind === 'village' ? rules.village.answerDays : rules.township.answerDays;
  return { start, end, deadline: dueAfter(start, end, days, timeZone) };
}

/** The month before the one containing `at`, keyed "2026-11": what the 1st's 一月一分析 covers. */
export function previousMonthKey(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  const y = p.month === 1 ? p.year - 1 : p.year;
  const m = p.month === 1 ? 12 : p.month - 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
