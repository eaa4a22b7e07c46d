import type { BulletinRow } from '../schedule/bulletin.js';
import type { DutyHouseholdRecords } from '../pair-duty/duty-bulletin.js';

export type Week = { start: Date; end: Date };

export interface BulletinStore {
  townships(): Promise<Array<{ id: string; name: string }>>;
  /** Figures for the week, counted as they stood at `asOf` (the week's end, or now while it runs). */
  rows(townshipId: string, week: Week, asOf: Date): Promise<BulletinRow[]>;
  /** Stores a township's bulletin for a week unless one is there already; true when stored now. */
  save(townshipId: string, weekStart: Date, content: string, at: Date): Promise<boolean>;
  /** The township's households of these statuses with their 8个一 records since an instant (absent: 8个一 not counted). */
  dutyHouseholds?(
    townshipId: string,
    statuses: readonly string[],
    since: { records: Date; contacts: Date },
  ): Promise<DutyHouseholdRecords[]>;
}

export interface StoredBulletin {
  townshipId: string;
  weekStart: Date;
  content: string;
  to: string[];
}

/** Bulletins stored by the weekly run, waiting to be queued to their township leaders. */
export interface BulletinQueueStore {
  /** A page of bulletins not yet queued, each with its recipients. */
  unqueued(): Promise<StoredBulletin[]>;
  markQueued(rows: StoredBulletin[]): Promise<void>;
}
