import type { Job } from 'bullmq';
import type { FailedJob, RetryFailedJobDeps } from '../domain/use-cases/retry-failed-job.js';
import { writeAudit } from '../store/audit-store.js';
import { recentDeadLetters } from '../store/dead-letter-store.js';
import type { Queryable } from '../store/db.js';
import { clearFailed, refusedOutbound } from '../store/outbox-store.js';
import { addOrRetry, FRESH_BUDGET } from './add-or-retry.js';
import { JOB, QUEUE, QUEUE_NAMES, type QueueName } from './jobs.js';
import type { Queues } from './queues.js';

const fromJob = (queue: QueueName, j: Job): FailedJob => ({
  queue,
  id: j.id ?? '',
  name: j.name,
  attemptsMade: j.attemptsMade,
  reason: j.failedReason ?? '',
  failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
  inQueue: true,
});

/**
 * Jobs that failed for good, newest first: each queue's failed set, and outbox messages WeCom refused
 * whose job Redis no longer holds (the outbox row outlives a wipe).
 */
export function failedJobStore(queues: Queues, db: Queryable, limit = 200) {
  const list = async (): Promise<FailedJob[]> => {
    const inRedis = (
      await Promise.all(
        QUEUE_NAMES.map(async (q) => (await queues[q].getFailed(0, limit - 1)).map((j) => fromJob(q, j))),
      )
    ).flat();
    const known = new Set(inRedis.filter((j) => j.queue === QUEUE.notify).map((j) => j.id));
    const refused = (await refusedOutbound(db, limit))
      .filter((r) => !known.has(r.jobId))
      .map(
        (r): FailedJob => ({
          queue: QUEUE.notify,
          id: r.jobId,
          name: JOB.sendWecomMessage,
          attemptsMade: 0,
          reason: r.failure,
          failedAt: r.failedAt,
          inQueue: false,
        }),
      );
    return [...inRedis, ...refused]
      .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
      .slice(0, limit);
  };

  const deps: RetryFailedJobDeps = {
    async find(queue, id) {
      if (!QUEUE_NAMES.includes(queue as QueueName)) return null;
      const q = queue as QueueName;
      if ((await queues[q].getJobState(id)) === 'failed') return fromJob(q, (await queues[q].getJob(id))!);
      if (q !== QUEUE.notify) return null;
      const row = (await refusedOutbound(db, 1, id))[0];
      return row
        ? {
            queue,
            id,
            name: JOB.sendWecomMessage,
            attemptsMade: 0,
            reason: row.failure,
            failedAt: row.failedAt,
            inQueue: false,
          }
        : null;
    },
    async retry(job) {
      const q = queues[job.queue as QueueName];
      // An outbox message WeCom refused: the reconciler looks after it again, and it is queued (or retried).
      const refused = job.queue === QUEUE.notify ? (await refusedOutbound(db, 1, job.id))[0] : undefined;
      if (refused) {
        await clearFailed(db, job.id);
        await addOrRetry(q, [{ name: JOB.sendWecomMessage, data: refused.data, opts: { jobId: job.id } }]);
      } else await (await q.getJob(job.id))?.retry('failed', FRESH_BUDGET);
    },
    audit: (entry) => writeAudit(db, entry),
  };
  return { list, deadLetters: () => recentDeadLetters(db), ...deps };
}

export type FailedJobStore = ReturnType<typeof failedJobStore>;
