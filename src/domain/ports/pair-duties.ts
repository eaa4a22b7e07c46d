import type { DutyRecord } from '../pair-duty/duty-status.js';
import type { PairDuty } from '../pair-duty/pair-duty-policy.js';

/** A record of a household's 8个一 with who made it (a 走访 / 电话 or a 8个一 record). */
export type DutyRecordRow = DutyRecord & { cadreName: string | null };

/** What the 8个一 commands read and write, inside the command's transaction. */
export interface PairDutyStore {
  /** The household's 8个一 records and its calls and visits since an instant, oldest first. */
  dutyRecords(householdId: string, since: Date): Promise<DutyRecordRow[]>;
  /** Stores a duty done in a period; false when that duty of that period is on record already. */
  insertDutyRecord(r: {
    householdId: string;
    duty: PairDuty;
    period: string;
    cadre: string;
    at: Date;
    via: 'text' | 'card';
    note: string;
  }): Promise<boolean>;
}
