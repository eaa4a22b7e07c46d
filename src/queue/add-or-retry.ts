import type { Queue } from 'bullmq';

export interface FixedIdJob {
  name: string;
  data: unknown;
  opts: { jobId: string };
}

/** A retried job starts its attempts over, as a new one would. */
export const FRESH_BUDGET = { resetAttemptsMade: true, resetAttemptsStarted: true };

/**
 * Queues jobs under their fixed ids for the reconciler. BullMQ ignores an add under the id of a job it
 * still holds, failed ones included, so a job that used up its attempts (WeCom down longer than the
 * retry budget) would never run again: such a job is retried instead, with a fresh budget.
 */
export async function addOrRetry(queue: Queue, jobs: FixedIdJob[]): Promise<{ retried: number }> {
  const states = await Promise.all(jobs.map((j) => queue.getJobState(j.opts.jobId)));
  const failed = jobs.filter((_, i) => states[i] === 'failed');
  const rest = jobs.filter((_, i) => states[i] !== 'failed');
  if (rest.length) await queue.addBulk(rest); // waiting, active or delayed ones are left as they are
  let retried = 0;
  for (const j of failed) {
    const job = await queue.getJob(j.opts.jobId);
    try {
      await job?.retry('failed', FRESH_BUDGET);
      retried++;
    } catch {
      // Retried or removed in the meantime (another reconciler, the console): nothing left to do here.
    }
  }
  return { retried };
}
