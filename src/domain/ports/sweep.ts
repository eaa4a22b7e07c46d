import type { CaseState } from '../cases/case-lifecycle.js';
import type { HouseholdSignals, WarningScore } from '../triage/warning-score.js';
import type { DutySweepStore } from './pair-duties.js';

/** What the reminder sweep reads and writes. */
export interface DueTask {
  id: number;
  level: number;
  dueAt: Date;
  number: string;
  state: CaseState;
  green: boolean;
  who: string;
  /** The household's early-warning score (0 when unmatched). */
  score: number;
  holder: string;
  holderName: string;
  villageCadre: string | null;
  leader: string | null;
}

export interface DueHousehold {
  id: string;
  who: string;
  /** The visit to remind now: past its time and not reminded yet in this period of it (else null). */
  visitDueAt: Date | null;
  /** The call to remind now, as for the visit. */
  callDueAt: Date | null;
  score: number;
  helper: string | null;
  villageCadre: string | null;
}

/** A procedure step past its time, with the chain that may hold its role (the step's roles pick one). */
export interface DueProcedureStep {
  id: number;
  number: string;
  who: string;
  /** The step's key (village_review, notice, township_review, …). */
  step: string;
  dueAt: Date;
  green: boolean;
  score: number;
  helper: string | null;
  villageCadre: string | null;
  leader: string | null;
}

export interface ReminderRow {
  /** The item, a colon, and what tells this reminder from the item's others (its level or stage): remindersOf finds an item's keys by that prefix. */
  key: string;
  item: string;
  cadre: string;
  at: Date;
}

/** What a sweep reads and writes, in one transaction that no other sweep overlaps; a row a cadre is changing right now is skipped until the next sweep. */
export interface SweepStore {
  dueTasks(at: Date, greenOnly: boolean): Promise<DueTask[]>;
  /**
   * Households past their reminder time, moved on to `at + everyMs` in the same statement (one pass over
   * the due rows, however many: a province sweep has 100,000 of them), in order of their old reminder time.
   * The same statement records each visit and call it returns as reminded in its period (whole `everyMs`
   * since its due time), with no row of reminders: none is returned twice in a period, none without a
   * helper or village cadre to remind.
   */
  claimDueHouseholds(at: Date, everyMs: number): Promise<DueHousehold[]>;
  /** Open procedures whose running step is past its time (an orange warning to whose turn it is). */
  dueProcedureSteps?(at: Date): Promise<DueProcedureStep[]>;
  /** The pair-helpers' 8个一 (absent: not reminded). */
  readonly duties?: DutySweepStore;
  countyCadre(): Promise<string | null>;
  /** Inserts what is new and returns those keys; a key already there was sent before. */
  insertReminders(rows: ReminderRow[]): Promise<Set<string>>;
  advanceTasks(rows: Array<{ id: number; level: number; remindAt: Date }>): Promise<void>;
  /** Earlier reminders of these items, for "已提醒 张三 11月24日 10:00". */
  remindersOf(items: string[]): Promise<Array<{ item: string; key: string; name: string; at: Date }>>;
  insertDigests(rows: Array<{ cadre: string; content: string }>, at: Date): Promise<void>;
  /** Households whose score was computed before `before`, oldest first: their old signals leave the windows. */
  staleWarningScores(before: Date, limit: number): Promise<string[]>;
  householdSignals(householdIds: string[], now: Date): Promise<Map<string, HouseholdSignals>>;
  saveWarningScores(rows: Array<{ householdId: string; score: WarningScore }>, at: Date): Promise<void>;
}

/** A digest the sweep stored: one cadre's message of this sweep's items. */
export interface StoredDigest {
  id: number;
  /** The cadre's WeCom userid. */
  cadre: string;
  content: string;
}

/** Digests the sweep stored, waiting to be queued. */
export interface DigestQueueStore {
  /** The ids of a page of digests not yet queued. */
  unqueued(): Promise<number[]>;
  markQueued(ids: number[]): Promise<void>;
}
