import type { MeasureStatus, MeasureType } from '../assistance/measure.js';

/** The typed 帮扶 form as the cadre wrote it; the member is matched by name against the household later. */
export interface MeasureForm {
  type: MeasureType;
  /** A member's name; null = the whole household (全户, or none named). */
  member: string | null;
  department: string;
  amountYuan: number | null;
  /** A day the cadre named: year null when written as 12月5日 (this year, read in the county's time). */
  start: { year: number | null; month: number; day: number } | null;
  status: MeasureStatus | null;
  detail: string;
}
