import type { AuditEntry } from '../audit-entry.js';

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

export interface RetryFailedJobDeps {
  /** The failed job, or null when there is none by that id (retried already, or never failed). */
  find(queue: string, id: string): Promise<FailedJob | null>;
  /** A new attempt with a fresh retry budget (an outbox message refused for good is queued again). */
  retry(job: FailedJob): Promise<void>;
  audit(entry: AuditEntry): Promise<void>;
}

export type RetryOutcome = { ok: true; job: FailedJob } | { ok: false; reason: 'not_found' };

/** Someone in the console retries a failed job: it is given a new attempt and the retry is audited. */
export async function retryFailedJob(
  deps: RetryFailedJobDeps,
  input: { queue: string; id: string; actor: string },
  now: Date,
): Promise<RetryOutcome> {
  const job = await deps.find(input.queue, input.id);
  if (!job) return { ok: false, reason: 'not_found' };
  await deps.retry(job);
  await deps.audit({
    actor: input.actor,
    action: 'retry_job',
    entity: 'job',
    entityId: `${job.queue}/${job.id}`,
    fromState: 'failed',
    toState: 'waiting',
    note: job.reason,
    at: now,
  });
  return { ok: true, job };
}
