import type { FailedJob, RetryFailedJobDeps } from '../ports/failed-jobs.js';

export type { FailedJob, RetryFailedJobDeps };

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
