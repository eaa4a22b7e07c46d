import type { MissedRound } from '../rounds/missed-rounds.js';
import type { RoundKind } from '../rounds/round-periods.js';
import type { RoundItem, RoundView } from '../rounds/round-view.js';

/** A round to store, with its checklist. Who gets it is the store's: the chain above the place. */
export interface NewRound {
  kind: RoundKind;
  /** The village (排查) or the township (核实). */
  placeId: string;
  townshipId: string;
  periodStart: Date;
  periodEnd: Date;
  deadline: Date;
  items: RoundItem[];
}

/** A county's 一月一分析 message, stored before it is queued, with the county office's members. */
export interface StoredMonthlyDigest {
  month: string;
  content: string;
  to: string[];
}

/** What the scheduled screening rounds read and write (adapter: src/store/screening-round-store.ts). */
export interface ScreeningRoundStore {
  villages(): Promise<Array<{ id: string; townshipId: string }>>;
  townships(): Promise<Array<{ id: string; name: string }>>;
  countyName(): Promise<string>;
  /** Whether the place already has its round of this period (its checklist is then not read again). */
  roundExists(kind: RoundKind, placeId: string, periodStart: Date): Promise<boolean>;
  /**
   * A village's 排查 list: households whose visit or call falls due before `deadline` (or is past), with
   * an open case or 观察 item, or with department warnings since `signalsSince` that opened no case.
   */
  villageChecklist(villageId: string, deadline: Date, signalsSince: Date): Promise<RoundItem[]>;
  /** A township's 脱贫户 and 监测户 (the records 核实 samples from), each with its village and last contact. */
  townshipRecords(townshipId: string): Promise<Array<RoundItem & { villageId: string }>>;
  /** Stores the round unless the place has one for the period; its id when stored now. */
  createRound(round: NewRound, at: Date): Promise<number | null>;
  /** Rounds stored and not yet queued, with their lists and recipients. */
  unqueuedRounds(): Promise<RoundView[]>;
  markRoundsQueued(ids: number[], at: Date): Promise<void>;
  monthlyDigestStored(month: string): Promise<boolean>;
  /** Stores a month's digest unless there is one; true when stored now. */
  saveMonthlyDigest(month: string, content: string, at: Date): Promise<boolean>;
  unqueuedMonthlyDigests(): Promise<StoredMonthlyDigest[]>;
  markMonthlyDigestsQueued(months: string[], at: Date): Promise<void>;
}

/** Answers to rounds, inside a cadre command's transaction (part of CadreStore). */
export interface RoundAnswerStore {
  /** The round, locked, when the cadre is one of its recipients. */
  roundFor(userid: string, roundId: number): Promise<RoundView | null>;
  /** The cadre's rounds not answered yet, newest first, locked. */
  openRoundsOf(userid: string): Promise<RoundView[]>;
  /**
   * The cadre's round whose place holds the household, locked: the one running at `at`, else the newest
   * not answered; null when none does.
   */
  roundCovering(userid: string, householdId: string, at: Date): Promise<RoundView | null>;
  /** Marks the round answered (the first answer stays) and adds the findings. */
  answerRound(
    roundId: number,
    answer: { by: string; at: Date; outcome: 'clear' | 'found'; findings: number },
  ): Promise<void>;
}

/** Rounds missed in a township, for the bulletin. */
export interface MissedRoundReads {
  /** Rounds of the township due in (from, to] and by `asOf`, not answered by their deadline (late answers until `asOf`). */
  missedRounds(townshipId: string, from: Date, to: Date, asOf: Date): Promise<MissedRound[]>;
}
