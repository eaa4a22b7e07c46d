import type { Job } from 'bullmq';
import { handleCallbacks, type HandleCallbacksDeps } from '../src/domain/use-cases/handle-callbacks.js';
import { groupCommit } from '../src/group-commit.js';
import type { HandleCallbackData } from '../src/queue/jobs.js';

/** Jobs whose callbacks are handled together at most (about 100 callbacks). */
const JOBS_TOGETHER = 5;

/**
 * Handles stored callbacks in order; fails naming those that failed, so BullMQ's retry skips the rest.
 * The callbacks of jobs running at once are handled together, each job's in its order: one read of the
 * rows, one write of the answers, one message/send for an answer several cadres get, one mark.
 */
export function handleCallbackJob(deps: HandleCallbacksDeps) {
  const together = groupCommit(
    async (batches: number[][]) => {
      // A row in two jobs (re-queued by the reconciler while its first job runs) is handled once.
      const { results, failed } = await handleCallbacks(deps, [...new Set(batches.flat())]);
      return batches.map((ids) => {
        const mine = new Set(ids);
        return {
          results: results.filter((r) => mine.has(r.inboxId)).map((r) => r.result),
          failed: failed.filter((f) => mine.has(f.inboxId)),
        };
      });
    },
    // Two runs at once: a command that changes something waits for its transaction, the other goes on.
    { maxInFlight: 2, maxItems: JOBS_TOGETHER },
  );
  return async (job: Job<HandleCallbackData>) => {
    const { results, failed } = await together(job.data.inboxIds);
    if (failed.length === 1 && job.data.inboxIds.length === 1) throw failed[0]!.error;
    if (failed.length)
      throw new Error(
        `callbacks failed: ${failed.map((f) => `inbox ${f.inboxId}: ${(f.error as Error).message}`).join('; ')}`,
      );
    return results.length === 1 ? results[0] : { handled: results.length };
  };
}
