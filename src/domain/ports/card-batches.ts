import type { CaseState } from '../cases/case-lifecycle.js';

/** A new task's card as routing sees it. */
export interface CardRoute {
  taskId: number;
  cadre: string;
  green: boolean;
  /** Held or sent in a summary before (a retried triage job): routing leaves it alone. */
  handled: boolean;
}

/** A held card waiting for its summary. */
export interface HeldCard {
  taskId: number;
  green: boolean;
  heldAt: Date;
}

/** What routing and flushing task cards read and write, inside one transaction. */
export interface CardBatchStore {
  routes(taskIds: number[]): Promise<CardRoute[]>;
  /** Of these cadres, those with cards held right now (a summary is being gathered). */
  cadresHolding(cadres: string[]): Promise<string[]>;
  hold(rows: Array<{ taskId: number; cadre: string; green: boolean }>, at: Date): Promise<void>;
  /** The cadre's held cards, locked for the rest of the transaction. */
  held(cadre: string): Promise<HeldCard[]>;
  createBatch(cadre: string, at: Date): Promise<number>;
  /** The held cards are sent: into the summary `batchId`, or alone (null). */
  markFlushed(taskIds: number[], batchId: number | null, at: Date): Promise<void>;
}

/** What 批量签收 and 查看全部 read, inside the command's transaction. */
export interface BatchCommandStore {
  /** The cadre's newest summary (for 批量签收 typed without a card). */
  latestBatch(cadre: string): Promise<number | null>;
  /** A summary's tasks as they stand now (in task order). */
  batchView(batchId: number): Promise<BatchView | null>;
}

/** One line of a summary card: a task of the burst, as it stands now. */
export interface BatchItem {
  taskId: number;
  caseNumber: string;
  caseState: CaseState;
  taskState: 'open' | 'done' | 'transferred';
  green: boolean;
  score: number;
  headName: string | null;
  villageName: string | null;
  /** The department (医保局) or the channel it came through. */
  source: string;
  ackDueAt: Date | null;
}

/** What a summary card shows, read fresh when it is sent or redrawn. */
export interface BatchView {
  batchId: number;
  cadre: string;
  items: BatchItem[];
  /** The last 批量签收 (or other step on the summary): who and when. */
  lastStep: { name: string; at: Date; what: string } | null;
}

/** A card WeCom has, with the response code message/send gave for it (single use, 72 hours). */
export interface SentCard {
  cardId: string;
  touser: string;
  batchId: number | null;
  /** Null once used, or older than 72 hours. */
  responseCode: string | null;
}

/** The cards sent, so a text command can redraw the one a cadre is looking at. */
export interface SentCards {
  keep(card: {
    cardId: string;
    touser: string;
    taskId?: number;
    batchId?: number;
    responseCode: string | null;
    at: Date;
  }): Promise<void>;
  /** The task's latest card: its own (or a fresh one), or the summary that lists it, whichever came last (`own`: its own only). */
  latest(taskId: number, now: Date, own?: boolean): Promise<SentCard | null>;
  /** A summary's latest card (the first, or one sent afresh). */
  latestOfBatch(batchId: number, now: Date): Promise<SentCard | null>;
  useCode(cardId: string, at: Date): Promise<void>;
}
