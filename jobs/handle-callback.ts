import type { Job } from 'bullmq';
import { handleCallbacks, type HandleCallbacksDeps } from '../src/domain/use-cases/handle-callbacks.js';
import type { HandleCallbackData } from '../src/queue/jobs.js';

/** Handles stored callbacks in order; fails naming those that failed, so BullMQ's retry skips the rest. */
export function handleCallbackJob(deps: HandleCallbacksDeps) {
  return async (job: Job<HandleCallbackData>) => {
    const { results, failed } = await handleCallbacks(deps, job.data.inboxIds);
    if (failed.length === 1 && job.data.inboxIds.length === 1) throw failed[0]!.error;
    if (failed.length)
      throw new Error(
        `callbacks failed: ${failed.map((f) => `inbox ${f.inboxId}: ${(f.error as Error).message}`).join('; ')}`,
      );
    return results.length === 1 ? results[0] : { handled: results.length };
  };
}
