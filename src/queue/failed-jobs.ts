import type { Job } from 'bullmq';
import type { AuditEntry } from '../domain/audit-entry.js';
import type {
  DeadLetterSummary,
  FailedJob,
  FailedJobs,
  RefusedMessage,
  RefusedMessages,
} from '../domain/ports/failed-jobs.js';
import { addOrRetry, FRESH_BUDGET } from './add-or-retry.js';
import { baseQueue, JOB, QUEUE, sendShardKey } from './jobs.js';
import { shardFor, type Queues } from './queues.js';

/** What the failed-jobs view needs besides the queues: the outbox's refused messages, dead letters, the audit log. */
export interface FailedJobStoreDeps {
  refused: RefusedMessages;
  deadLetters(): Promise<DeadLetterSummary[]>;
  audit(entry: AuditEntry): Promise<void>;
}

const fromJob = (queue: string, j: Job): FailedJob => ({
  queue,
  id: j.id ?? '',
  name: j.name,
  attemptsMade: j.attemptsMade,
  reason: j.failedReason ?? '',
  failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
  inQueue: true,
});

const fromRefused = (r: RefusedMessage): FailedJob => ({
  queue: QUEUE.notify,
  id: r.jobId,
  name: JOB.sendWecomMessage,
  attemptsMade: 0,
  reason: r.failure,
  failedAt: r.failedAt,
  inQueue: false,
});

/**
 * Jobs that failed for good, newest first: each queue's failed set, and outbox messages WeCom refused
 * whose job Redis no longer holds (the outbox row outlives a wipe).
 */
export function failedJobStore(queues: Queues, deps: FailedJobStoreDeps, limit = 200): FailedJobs {
  const { refused, deadLetters, audit } = deps;
  const list = async (): Promise<FailedJob[]> => {
    const inRedis = (
      await Promise.all(
        Object.keys(queues).map(async (q) => (await queues[q]!.getFailed(0, limit - 1)).map((j) => fromJob(q, j))),
      )
    ).flat();
    const known = new Set(inRedis.filter((j) => baseQueue(j.queue) === QUEUE.notify).map((j) => j.id));
    const outbox = (await refused.list(limit)).filter((r) => !known.has(r.jobId)).map(fromRefused);
    return [...inRedis, ...outbox]
      .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
      .slice(0, limit);
  };

  return {
    list,
    deadLetters,
    audit,
    async find(queue, id) {
      const q = Object.hasOwn(queues, queue) ? queues[queue]! : null;
      if (!q) return null;
      if ((await q.getJobState(id)) === 'failed') return fromJob(queue, (await q.getJob(id))!);
      if (queue !== QUEUE.notify) return null;
      const row = (await refused.list(1, id))[0];
      return row ? fromRefused(row) : null;
    },
    async retry(job) {
      // An outbox message WeCom refused: the reconciler looks after it again, and it is queued (or retried).
      const row = job.queue === QUEUE.notify ? (await refused.list(1, job.id))[0] : undefined;
      if (row) {
        await refused.clear(job.id);
        const q = shardFor(queues, QUEUE.notify, sendShardKey(row.data, job.id));
        await addOrRetry(q, [{ name: JOB.sendWecomMessage, data: row.data, opts: { jobId: job.id } }]);
      } else await (await queues[job.queue]?.getJob(job.id))?.retry('failed', FRESH_BUDGET);
    },
  };
}

/** The console's failed-jobs view (kept under this name for its importers). */
export type FailedJobStore = FailedJobs;
