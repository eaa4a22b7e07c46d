import type { Job } from 'bullmq';
import type { StoredDigest } from '../src/domain/ports/sweep.js';
import type { QueueDigestsData } from '../src/queue/jobs.js';

export interface QueueDigestsDeps {
  /** The stored digests of these ids. */
  digests(ids: number[]): Promise<StoredDigest[]>;
  /** Each one's send job on the queue (an id already queued adds nothing). */
  queue(rows: StoredDigest[]): Promise<void>;
}

/** A page of a sweep's digests, already in the outbox: one send job each, added here rather than by the sweep. */
export function queueDigestsJob(deps: QueueDigestsDeps) {
  return async (job: Job<QueueDigestsData>) => {
    const rows = await deps.digests(job.data.digestIds);
    await deps.queue(rows);
    return { queued: rows.length };
  };
}
