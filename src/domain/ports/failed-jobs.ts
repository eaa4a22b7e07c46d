import type { AuditEntry } from '../audit-entry.js';
import type { Outbound } from './outbox.js';

/** A job that failed for good: from the queue's failed set, or an outbox message WeCom refused. */
export interface FailedJob {
  queue: string;
  id: string;
  name: string;
  attemptsMade: number;
  reason: string;
  failedAt: Date | null;
  /** False when Redis no longer holds it (wiped, or trimmed) and only the outbox row remembers it. */
  inQueue: boolean;
}

/** A message intake could not store or handle, without the message itself (that stays in the database). */
export interface DeadLetterSummary {
  source: string;
  sourceMsgId: string;
  reason: string;
  at: Date;
}

/** An outbox message WeCom refused for good and not sent since. */
export type RefusedMessage = Outbound & { failure: string; failedAt: Date };

/** Outbox messages WeCom refused for good (the adapter is refusedMessages in src/store/outbox-store.ts). */
export interface RefusedMessages {
  /** Newest first; with `jobId`, just that one. */
  list(limit: number, jobId?: string): Promise<RefusedMessage[]>;
  /** Hands the message back to the reconciler (it is queued again). */
  clear(jobId: string): Promise<void>;
}

export interface RetryFailedJobDeps {
  /** The failed job, or null when there is none by that id (retried already, or never failed). */
  find(queue: string, id: string): Promise<FailedJob | null>;
  /** A new attempt with a fresh retry budget (an outbox message refused for good is queued again). */
  retry(job: FailedJob): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

/** What the console's 失败任务 page reads and does (the adapter is src/queue/failed-jobs.ts). */
export interface FailedJobs extends RetryFailedJobDeps {
  /** Jobs that failed for good, newest first. */
  list(): Promise<FailedJob[]>;
  deadLetters(): Promise<DeadLetterSummary[]>;
}
