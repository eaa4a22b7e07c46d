import type { StoredBulletin } from './bulletin.js';
import type { CadreOutcome } from './cadre.js';
import type { TaskNotice } from './triage.js';
import type { StoredMonthlyDigest } from './rounds.js';

/** A file drawn when it is sent (uploaded as WeCom media, then sent as a file message). */
export type FileRef = { kind: 'monthly_analysis'; month: string };

/** Outbound WeCom messages: recorded in the outbox table, then queued. */
export interface Outbound {
  jobId: string;
  data: SendWecomMessageData;
}

export type SendWecomMessageData =
  | { kind: 'text'; touser: string; content: string }
  | { kind: 'markdown'; touser: string; content: string }
  | { kind: 'card'; touser: string; card: Record<string, unknown> }
  /** A task's card, drawn from the store when sent. */
  | { kind: 'task_card'; taskId: number }
  /** Redraws a pressed card in place with the press's single-use response code. */
  | {
      kind: 'card_update';
      taskId: number;
      touser: string;
      responseCode: string /** The pressed card's task_id (a fresh card's differs). */;
      cardId?: string;
    }
  /** Greys a pressed card out with a text (a procedure card, drawn when its step changed). */
  | { kind: 'card_replace'; touser: string; responseCode: string; replaceName: string }
  /** A summary card of a burst (card_batches), drawn from the store when sent. */
  | { kind: 'batch_card'; batchId: number }
  /** Redraws a pressed summary card in place with the press's response code. */
  | { kind: 'batch_card_update'; batchId: number; touser: string; responseCode: string }
  /**
   * After a text command: the task's latest card (its own or its summary) redrawn with the code
   * message/send gave for it, or, none being left, a fresh card (task_id suffixed with `key`).
   */
  | {
      kind: 'task_redraw';
      taskId: number;
      key: string /** Its own card only, not a summary listing it. */;
      own?: boolean;
    }
  /** After a typed 批量签收: the summary redrawn with its message/send code, or sent afresh. */
  | { kind: 'batch_redraw'; batchId: number; key: string }
  | { kind: 'kf_text'; externalUserid: string; openKfid: string; content: string }
  /** A file (the monthly XLSX), made at send time, uploaded (media/upload) and sent as a file message. */
  | { kind: 'file'; touser: string; file: FileRef }
  /** The welcome for an enter_session event: its code is single use and lasts 20 seconds. */
  | { kind: 'kf_welcome'; externalUserid: string; code: string; content: string };

/**
 * The ways work is put on the queues (the adapter is src/queue/enqueue.ts). Each has the job id that makes
 * a retry add nothing twice; outbound messages are recorded in the outbox table before they are queued.
 */
export interface Outbox {
  /** Inbox rows to the jobs that handle them (new rows, or the reconciler's). */
  inbox(rows: Array<{ id: number; source: string }>): Promise<void>;
  send(rows: Outbound[]): Promise<void>;
  taskCards(notices: TaskNotice[]): Promise<void>;
  /** Summary cards of bursts (one per cadre and burst). */
  batchCards(batchIds: number[]): Promise<void>;
  /** Asks for each cadre's held cards to be sent as a summary after `delayMs` (once per cadre while waiting). */
  flushCards(cadres: string[], delayMs: number): Promise<void>;
  /** Sends a villager's waiting status updates after the combining delay. */
  flushVillager(externalUserid: string): Promise<void>;
  /**
   * A page of stored digests by id: their messages recorded in the outbox from the stored text (which
   * does not pass through this process again), and handed to a worker to queue (one job, not one each).
   */
  digests(ids: number[]): Promise<void>;
  bulletins(rows: StoredBulletin[]): Promise<void>;
  /** Screening rounds' checklist cards, one per round and recipient. */
  roundCards(rows: Array<{ roundId: number; n: number; touser: string; card: Record<string, unknown> }>): Promise<void>;
  /** 一月一分析: the digest to each of the county office's members, then the month's workbook. */
  monthlyDigests(rows: StoredMonthlyDigest[]): Promise<void>;
  /** Everything a cadre command led to: the answer, the redrawn card, new cards, notices, villager updates. */
  cadreOutcome(out: CadreOutcome, ctx: OutcomeContext): Promise<void>;
  /**
   * Answers of several commands that changed nothing, in order, recorded together (one outbox write);
   * a worker then sends them itself, queueing only what it could not send (one add per shard).
   */
  cadreOutcomes(items: Array<{ out: CadreOutcome; ctx: OutcomeContext }>): Promise<void>;
}

/** The callback a cadre outcome answers: its inbox row (for job ids), who sent it, the pressed card. */
export interface OutcomeContext {
  inboxId: number;
  userid: string;
  responseCode?: string;
  cardId?: string;
}
