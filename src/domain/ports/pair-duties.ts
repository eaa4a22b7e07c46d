import type { DutyRecord } from '../pair-duty/duty-status.js';
import type { PairDuty } from '../pair-duty/pair-duty-policy.js';

/** A record of a household's 8个一 with who made it (a 走访 / 电话 or a 8个一 record). */
export type DutyRecordRow = DutyRecord & { cadreName: string | null };

/** What the 8个一 commands read and write, inside the command's transaction. */
export interface PairDutyStore {
  /** The household's 8个一 records and its calls and visits since an instant, oldest first. */
  dutyRecords(householdId: string, since: { records: Date; contacts: Date }): Promise<DutyRecordRow[]>;
  /** The same for many households at once. */
  dutyRecordsOf(ids: string[], since: { records: Date; contacts: Date }): Promise<Map<string, DutyRecordRow[]>>;
  /** The households of these statuses whose duties the cadre owes (pair-helper, or village cadre where none), by id. */
  owedHouseholds(
    userid: string,
    statuses: readonly string[],
    limit: number,
  ): Promise<Array<{ id: string; headName: string; villageName: string }>>;
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

/** A household whose 8个一 the sweep looks at now, with who is reminded and its visit and call clocks. */
export interface DutyHousehold {
  id: string;
  who: string;
  status: string;
  score: number;
  /** The pair-helper, else the village cadre (as for visits). */
  cadre: string | null;
  visitDueAt: Date | null;
  callDueAt: Date | null;
}

/** What the sweep reads and writes of the 8个一, in its transaction. */
export interface DutySweepStore {
  /** Households due to be looked at by `at`, and those of these statuses never looked at; at most `limit`. */
  dutyHouseholds(at: Date, statuses: readonly string[], limit: number): Promise<DutyHousehold[]>;
  dutyRecordsOf(ids: string[], since: { records: Date; contacts: Date }): Promise<Map<string, DutyRecordRow[]>>;
  /** When to look at each again (null: not until its status makes it owed again). */
  advanceDutyHouseholds(rows: Array<{ id: string; remindAt: Date | null }>): Promise<void>;
}
